//! Calendars that follow the plan: a visit's calendars kept in step on the
//! calendar servers an office already runs. No server of our own.
//!
//! A visit has one calendar per *audience* ([`audiences`]): the whole
//! programme (guest edition), each participant's own programme (in the
//! edition for that reader) and each staff member's duties (internal). Each
//! is the same feed the `.ics` export writes ([`dplan_ics::export_feed`]),
//! so `SEQUENCE` rises for every visible change whichever way it goes out.
//!
//! - [`publish_caldav`]: one CalDAV collection per audience, one resource
//!   per item named by its `UID` ([`caldav`]). Re-publishing sends only what
//!   changed, conditionally; a resource someone else changed on the server
//!   is reported, not overwritten; publishing twice without a change sends
//!   no request. What dplan left in each collection is kept in the store.
//! - [`publish_folder`]: subscription feeds, one file per audience named by
//!   a revocable secret token, in a folder a web server serves, for
//!   Outlook, which subscribes to addresses but does not speak CalDAV.
//!
//! Nothing here reads personal data: calendars are made from the
//! [`VisitView`], which holds none, and a guest's calendar is the guest
//! edition (no internal notes, no staff duties) and names no other person
//! unless [`PublishOptions::names`] says so.

pub mod caldav;
pub mod folder;

use chrono::{DateTime, Utc};
use dplan_core::view::VisitView;
use dplan_core::{Edition, Lang, PersonId, Problem, VisitId};
use dplan_ics::{IcsError, Options, Scope};
use dplan_store::{ErrorKind, Store, StoreError};

pub use caldav::{Caldav, CollectionReport, Conflict, ConflictKind, Synced};
pub use dplan_core::calendar::Withdrawn;
pub use folder::{FeedLink, FolderReport, FolderTarget, publish_folder};

/// Why publishing failed. Every variant but the store's says itself in the
/// reader's language through [`PublishError::problem`].
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The settings or the request name no usable place to publish to.
    #[error("{0}")]
    Refused(Problem),
    #[error("{}", self.problem().expect("said"))]
    Unreachable { url: String, reason: String },
    /// HTTP 401: the user name or password is wrong.
    #[error("{}", self.problem().expect("said"))]
    LoginRefused { url: String },
    /// HTTP 403: the user may not write there.
    #[error("{}", self.problem().expect("said"))]
    Forbidden { url: String },
    #[error("{}", self.problem().expect("said"))]
    Server {
        method: String,
        url: String,
        status: u16,
        answer: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The store could not be reached (the app's store failed to open, or
    /// a step panicked); the message says why.
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Ics(#[from] IcsError),
}

impl dplan_core::Kinded for PublishError {
    fn kind(&self) -> ErrorKind {
        PublishError::kind(self)
    }

    fn problem(&self) -> Option<Problem> {
        match self {
            PublishError::Store(e) => e.problem(),
            e => PublishError::problem(e),
        }
    }

    fn fields(&self) -> Vec<dplan_core::FieldError> {
        match self {
            PublishError::Store(e) => e.fields(),
            _ => Vec::new(),
        }
    }
}

impl PublishError {
    /// The kind front ends act on: a login or right the user must fix, an
    /// address that is wrong, a person not in the visit; a server that did
    /// not answer as it should is `storage`, as a database would be.
    pub fn kind(&self) -> ErrorKind {
        match self {
            // The folder refused: like a database that cannot be written.
            PublishError::Refused(Problem::FeedNotRemoved { .. }) => ErrorKind::Storage,
            PublishError::Refused(_)
            | PublishError::LoginRefused { .. }
            | PublishError::Forbidden { .. } => ErrorKind::Invalid,
            PublishError::Unreachable { .. } | PublishError::Server { .. } => ErrorKind::Storage,
            PublishError::Store(e) => e.kind(),
            PublishError::Unavailable(_) => ErrorKind::Storage,
            PublishError::Ics(IcsError::NotInVisit(_)) => ErrorKind::NotFound,
            PublishError::Ics(_) => ErrorKind::Invalid,
        }
    }

    /// The error as a code and its parameters, for the reader's language;
    /// `None` for the store's own errors, which say themselves.
    pub fn problem(&self) -> Option<Problem> {
        Some(match self {
            PublishError::Refused(p) => p.clone(),
            PublishError::Unreachable { url, reason } => Problem::CalendarUnreachable {
                url: url.clone(),
                reason: reason.clone(),
            },
            PublishError::LoginRefused { url } => {
                Problem::CalendarLoginRefused { url: url.clone() }
            }
            PublishError::Forbidden { url } => Problem::CalendarForbidden { url: url.clone() },
            PublishError::Server {
                method,
                url,
                status,
                answer,
            } => Problem::CalendarServerAnswer {
                method: method.clone(),
                url: url.clone(),
                status: *status,
                answer: answer.clone(),
            },
            PublishError::Ics(e) => e.problem(),
            PublishError::Store(StoreError::Conflict(p)) => p.clone(),
            PublishError::Store(_) | PublishError::Unavailable(_) => return None,
        })
    }
}

/// Who one calendar of a visit is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audience {
    pub scope: Scope,
    pub edition: Edition,
    /// The last part of its collection's or file's name: `programm`,
    /// `gast-<person>`, `intern-<person>`, `aufgaben-<person>`. Guest
    /// editions are the ones a server may show without a login.
    pub slug: String,
    /// Its name in calendar lists.
    pub name: String,
}

impl Audience {
    /// The feed its calendar is kept as ([`Scope::feed_key`]).
    pub fn feed_key(&self) -> String {
        self.scope.feed_key(self.edition)
    }
}

/// The calendars of a visit: the whole programme, each participant who
/// attends an item, each person responsible for one.
pub fn audiences(view: &VisitView) -> Vec<Audience> {
    let title = view.visit.title.best(Lang::De).to_string();
    let mut out = vec![Audience {
        scope: Scope::Visit,
        edition: Edition::Guest,
        slug: "programm".into(),
        name: format!("{title} – Programm"),
    }];
    let attends = |p: PersonId| view.programme.iter().any(|i| i.involvement(p).0);
    let duties = |p: PersonId| view.programme.iter().any(|i| i.involvement(p).1);
    for p in &view.participants {
        if attends(p.person_id) {
            let edition = Edition::for_reader(view, Some(p.person_id));
            let kind = match edition {
                Edition::Guest => "gast",
                Edition::Internal => "intern",
            };
            out.push(Audience {
                scope: Scope::Participant(p.person_id),
                edition,
                slug: format!("{kind}-{}", p.person_id),
                name: format!("{title} – {}", p.name),
            });
        }
    }
    let mut staff: Vec<PersonId> = view
        .programme
        .iter()
        .flat_map(|i| i.responsible.iter().map(|r| r.person_id))
        .collect();
    staff.sort();
    staff.dedup();
    // In order of precedence where they take part, then as listed.
    staff.sort_by_key(|s| {
        view.participants
            .iter()
            .position(|p| p.person_id == *s)
            .unwrap_or(usize::MAX)
    });
    for s in staff {
        if duties(s) {
            let name = view.name_of(s).unwrap_or_default();
            out.push(Audience {
                scope: Scope::Staff(s),
                edition: Edition::Internal,
                slug: format!("aufgaben-{s}"),
                name: format!("{title} – {name} (Aufgaben)"),
            });
        }
    }
    out
}

/// Where and as whom to publish.
#[derive(Clone, Debug)]
pub struct CaldavTarget {
    /// The collection the visit's calendars go into, ending in `/`.
    pub base: String,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl CaldavTarget {
    /// Checks the address: `http://` or `https://`, no login in it (it
    /// would end up in shell histories and logs); a missing final `/` is
    /// added.
    pub fn new(
        url: &str,
        user: Option<String>,
        password: Option<String>,
    ) -> Result<CaldavTarget, PublishError> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| {
                PublishError::Refused(Problem::NotAServerAddress {
                    value: dplan_core::text::for_message(url),
                })
            })?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() {
            return Err(PublishError::Refused(Problem::AddressNamesNoServer));
        }
        if host.contains('@') {
            return Err(PublishError::Refused(Problem::AddressWithLogin));
        }
        if url.contains(['?', '#']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(PublishError::Refused(Problem::NotACollectionAddress {
                value: dplan_core::text::for_message(url),
            }));
        }
        let mut base = url.to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(CaldavTarget {
            base,
            user,
            password,
        })
    }

    /// The collection of one audience of a visit.
    pub fn collection(&self, visit: VisitId, audience: &Audience) -> String {
        format!("{}{visit}-{}/", self.base, audience.slug)
    }
}

/// How the calendars are written.
#[derive(Clone, Debug)]
pub struct PublishOptions {
    /// When (the events' `DTSTAMP` when they change).
    pub now: DateTime<Utc>,
    /// Languages of titles and descriptions, the first leading.
    pub langs: Vec<Lang>,
    /// Whether guests' calendars name the people at each item. Without it
    /// they name nobody: a guest's calendar may be read without a login
    /// and may reach other hands.
    pub names: bool,
}

/// What publishing a visit did, collection by collection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaldavReport {
    pub collections: Vec<(Audience, CollectionReport)>,
}

impl CaldavReport {
    /// HTTP requests sent in all.
    pub fn requests(&self) -> usize {
        self.collections.iter().map(|(_, c)| c.requests).sum()
    }

    pub fn conflicts(&self) -> usize {
        self.collections
            .iter()
            .map(|(_, c)| c.conflicts.len())
            .sum()
    }
}

/// Keeps every calendar of a visit in step on a CalDAV server and records
/// what each collection and feed now holds: [`plan_caldav`], then
/// [`CaldavPlan::send`], then [`CaldavSent::record`], all with the store.
pub fn publish_caldav(
    store: &mut Store,
    visit: VisitId,
    target: &CaldavTarget,
    options: &PublishOptions,
) -> Result<CaldavReport, PublishError> {
    let store = std::cell::RefCell::new(store);
    leased(&store, visit, options.now, |lease| {
        let plan = store.with_store(|s| plan_caldav(s, visit, target, options))?;
        let sent = plan.send(target, || lease.keep(&store));
        store.with_store(|s| sent.record(s))
    })
}

/// How long a publish may take before another one may start even though
/// it did not say it finished (it crashed); a long publish renews it.
const LEASE_MINUTES: i64 = 30;

/// The lease on publishing a visit's calendars, so that the app and the
/// CLI (or two screens) never publish the same visit at once.
pub(crate) struct Lease {
    visit: VisitId,
    holder: String,
    who: String,
    /// When it was taken, on the publish's clock, and on the machine's.
    taken: DateTime<Utc>,
    started: std::time::Instant,
    renewed: std::cell::Cell<std::time::Instant>,
}

impl Lease {
    fn take(store: &mut Store, visit: VisitId, now: DateTime<Utc>) -> Result<Lease, PublishError> {
        let program = std::env::current_exe()
            .ok()
            .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "dplan".into());
        let lease = Lease {
            visit,
            holder: uuid::Uuid::new_v4().simple().to_string(),
            who: format!("{program}, PID {}", std::process::id()),
            taken: now,
            started: std::time::Instant::now(),
            renewed: std::cell::Cell::new(std::time::Instant::now()),
        };
        lease.extend(store, now)?;
        Ok(lease)
    }

    fn extend(&self, store: &mut Store, now: DateTime<Utc>) -> Result<(), PublishError> {
        Ok(store.take_publish_lease(
            self.visit,
            &self.holder,
            &self.who,
            now,
            now + chrono::Duration::minutes(LEASE_MINUTES),
        )?)
    }

    /// Renews the lease when a third of it has passed, so that a publish
    /// that takes long (a slow server) keeps it to the end; until then the
    /// store is not even asked.
    pub(crate) fn keep(&self, store: &impl StoreAccess) -> Result<(), PublishError> {
        let third = std::time::Duration::from_secs(LEASE_MINUTES as u64 * 20);
        if self.renewed.get().elapsed() < third {
            return Ok(());
        }
        let elapsed = chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default();
        store.with_store(|s| self.extend(s, self.taken + elapsed))?;
        self.renewed.set(std::time::Instant::now());
        Ok(())
    }

    fn release(&self, store: &mut Store) -> Result<(), PublishError> {
        Ok(store.release_publish_lease(self.visit, &self.holder)?)
    }
}

/// Runs `f` with the visit's publish lease held and gives the lease back
/// afterwards, also when `f` fails or panics. A failure of `f` is what the
/// caller hears, even if giving the lease back failed too (it runs out on
/// its own).
pub(crate) fn leased<T>(
    store: &impl StoreAccess,
    visit: VisitId,
    now: DateTime<Utc>,
    f: impl FnOnce(&Lease) -> Result<T, PublishError>,
) -> Result<T, PublishError> {
    let lease = store.with_store(|s| Lease::take(s, visit, now))?;
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&lease)));
    let released = store.with_store(|s| lease.release(s));
    match done {
        Err(panic) => std::panic::resume_unwind(panic),
        Ok(Err(e)) => Err(e),
        Ok(Ok(v)) => released.map(|()| v),
    }
}

/// One collection to keep in step.
struct Planned {
    audience: Audience,
    url: String,
    /// `UID` and text of each resource it must hold.
    resources: Vec<(String, String)>,
    known: Option<Vec<dplan_store::RemoteResource>>,
    /// The feed's key and what it carries now, when that differs from what
    /// the store recorded.
    feed: Option<(String, Vec<dplan_core::calendar::Published>)>,
}

/// What a publish will send, made from the store; it holds no reference to
/// it, so the store is free while [`CaldavPlan::send`] talks to the server.
pub struct CaldavPlan {
    visit: VisitId,
    collections: Vec<Planned>,
}

/// What was sent, to be recorded in the store.
pub struct CaldavSent {
    visit: VisitId,
    done: Vec<(Planned, CollectionReport, Vec<dplan_store::RemoteResource>)>,
    /// The failure that stopped sending; what was sent before it is still
    /// recorded.
    error: Option<PublishError>,
}

/// Reads what publishing a visit to CalDAV must send: each audience's
/// resources and what the store remembers of its collection; and the
/// collections of people who no longer attend anything, to empty them.
pub fn plan_caldav(
    store: &Store,
    visit: VisitId,
    target: &CaldavTarget,
    options: &PublishOptions,
) -> Result<CaldavPlan, PublishError> {
    let view = store.visit_view(visit)?;
    let mut collections = Vec::new();
    let audiences = audiences(&view);
    let mut urls: Vec<String> = Vec::with_capacity(audiences.len());
    for audience in audiences {
        let url = target.collection(visit, &audience);
        urls.push(url.clone());
        let feed_key = audience.feed_key();
        let before = store.published(visit, &feed_key)?;
        let o = Options {
            langs: options.langs.clone(),
            edition: audience.edition,
            names: audience.edition == Edition::Internal || options.names,
            ..Options::new(options.now)
        };
        let feed = match dplan_ics::export_feed(&view, audience.scope, &o, &before) {
            Ok(f) => Some(f),
            // Nothing for this audience in its edition: an empty collection.
            Err(IcsError::Empty(_)) => None,
            Err(e) => return Err(e.into()),
        };
        let resources: Vec<(String, String)> = feed
            .as_ref()
            .map(|f| {
                f.resources()
                    .into_iter()
                    .map(|(uid, text)| (uid.to_string(), text))
                    .collect()
            })
            .unwrap_or_default();
        let known = store.caldav_collection(visit, &url)?;
        if known.is_none() && resources.is_empty() {
            continue;
        }
        let feed = feed
            .filter(|f| !same_events(&before, &f.published))
            .map(|f| (feed_key, f.published));
        collections.push(Planned {
            audience,
            url,
            resources,
            known,
            feed,
        });
    }
    // Calendars of people who no longer attend or look after anything:
    // emptied, so that nothing stale stays in them.
    for url in store.caldav_collections(visit)? {
        if !url.starts_with(&target.base) || urls.contains(&url) {
            continue;
        }
        let known = store.caldav_collection(visit, &url)?;
        if known.as_ref().is_some_and(|k| k.is_empty()) {
            continue;
        }
        let slug = url[target.base.len()..].trim_end_matches('/').to_string();
        collections.push(Planned {
            audience: Audience {
                scope: Scope::Visit,
                edition: Edition::Guest,
                name: slug.clone(),
                slug,
            },
            url,
            resources: vec![],
            known,
            feed: None,
        });
    }
    Ok(CaldavPlan { visit, collections })
}

impl CaldavPlan {
    /// Sends what changed, collection by collection, without the store;
    /// `keep` runs before each collection (it renews the publish's lease)
    /// and stops sending when it fails.
    pub fn send(
        self,
        target: &CaldavTarget,
        mut keep: impl FnMut() -> Result<(), PublishError>,
    ) -> CaldavSent {
        let client = Caldav::new(target.user.as_deref(), target.password.as_deref());
        let mut done = Vec::with_capacity(self.collections.len());
        let mut error = None;
        for planned in self.collections {
            if let Err(e) = keep() {
                error = Some(e);
                break;
            }
            let synced = client.sync(
                &planned.url,
                &planned.audience.name,
                &planned.resources,
                planned.known.clone(),
            );
            if let Some(now) = synced.now {
                done.push((planned, synced.report, now));
            }
            if synced.error.is_some() {
                error = synced.error;
                break;
            }
        }
        CaldavSent {
            visit: self.visit,
            done,
            error,
        }
    }
}

impl CaldavSent {
    /// Records what each collection and feed now holds (only what changed)
    /// and returns the report, or the failure that stopped sending.
    pub fn record(self, store: &mut Store) -> Result<CaldavReport, PublishError> {
        let mut report = CaldavReport::default();
        for (planned, collection, now) in self.done {
            if planned
                .known
                .as_ref()
                .is_none_or(|k| !same_resources(k, &now))
            {
                store.record_caldav_collection(self.visit, &planned.url, &now)?;
            }
            if let Some((key, published)) = &planned.feed {
                store.record_published(self.visit, key, published)?;
            }
            report.collections.push((planned.audience, collection));
        }
        match self.error {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }
}

/// Whether two records of a collection hold the same resources, in any order.
fn same_resources(a: &[dplan_store::RemoteResource], b: &[dplan_store::RemoteResource]) -> bool {
    let key =
        |r: &dplan_store::RemoteResource| (r.uid.clone(), r.etag.clone(), r.fingerprint.clone());
    let mut a: Vec<_> = a.iter().map(key).collect();
    let mut b: Vec<_> = b.iter().map(key).collect();
    a.sort();
    b.sort();
    a == b
}

/// Whether a feed carries the same events as recorded, in any order.
pub(crate) fn same_events(
    a: &[dplan_core::calendar::Published],
    b: &[dplan_core::calendar::Published],
) -> bool {
    let mut a: Vec<_> = a.iter().collect();
    let mut b: Vec<_> = b.iter().collect();
    a.sort_by(|x, y| x.uid.cmp(&y.uid));
    b.sort_by(|x, y| x.uid.cmp(&y.uid));
    a == b
}

/// Checks the office's publishing settings: a CalDAV address as
/// [`CaldavTarget::new`] wants it, a web address for the folder that is
/// one (`https://`, `http://`).
pub fn check_settings(s: &dplan_core::calendar::PublishSettings) -> Result<(), PublishError> {
    if let Some(url) = s.caldav_url.as_deref().filter(|u| !u.trim().is_empty()) {
        CaldavTarget::new(url, None, None)?;
    }
    if let Some(url) = s.base_url.as_deref().filter(|u| !u.trim().is_empty()) {
        CaldavTarget::new(url, None, None).map_err(|_| {
            PublishError::Refused(Problem::NotAWebAddress {
                value: dplan_core::text::for_message(url),
            })
        })?;
    }
    Ok(())
}

/// Whether a visit's calendars were published before (to a server or as
/// feeds): then they follow each change.
pub fn was_published(store: &Store, visit: VisitId) -> Result<bool, PublishError> {
    Ok(!store.caldav_collections(visit)?.is_empty() || !store.feed_tokens(visit)?.is_empty())
}

/// A store that a long publish takes only for its short steps, so that
/// talking to a calendar server never holds it (the app's other commands
/// go on meanwhile).
pub trait StoreAccess {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, PublishError>,
    ) -> Result<T, PublishError>;
}

impl StoreAccess for std::cell::RefCell<Store> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, PublishError>,
    ) -> Result<T, PublishError> {
        f(&mut self.borrow_mut())
    }
}

impl StoreAccess for std::cell::RefCell<&mut Store> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, PublishError>,
    ) -> Result<T, PublishError> {
        f(&mut self.borrow_mut())
    }
}

/// Whether the settings name a CalDAV user whose password is not known
/// (the app keeps it only while it runs): asking would only be refused.
fn login_unknown(settings: &dplan_core::calendar::PublishSettings, password: Option<&str>) -> bool {
    settings
        .caldav_user
        .as_deref()
        .is_some_and(|u| !u.trim().is_empty())
        && password.is_none_or(str::is_empty)
}

/// Publishes a visit's calendars wherever the office's settings say: the
/// CalDAV collection (with `password` for the settings' user; the store is
/// not held while the server is asked) and the feed folder. The feeds are
/// written even when the server fails, and then the server's failure is
/// what the caller hears.
pub fn publish_all(
    store: &impl StoreAccess,
    visit: VisitId,
    password: Option<String>,
    now: DateTime<Utc>,
    langs: Vec<Lang>,
) -> Result<dplan_core::calendar::PublishOutcome, PublishError> {
    let (settings, names) =
        store.with_store(|s| Ok((s.publish_settings()?, s.calendar_names(visit)?)))?;
    let options = PublishOptions { now, langs, names };
    leased(store, visit, now, |lease| {
        publish_all_held(store, lease, visit, password, &options, settings)
    })
}

/// [`publish_all`] with the lease held.
fn publish_all_held(
    store: &impl StoreAccess,
    lease: &Lease,
    visit: VisitId,
    password: Option<String>,
    options: &PublishOptions,
    settings: dplan_core::calendar::PublishSettings,
) -> Result<dplan_core::calendar::PublishOutcome, PublishError> {
    let now = options.now;
    let mut outcome = dplan_core::calendar::PublishOutcome {
        at: now,
        calendars: 0,
        changes: 0,
        requests: 0,
        conflicts: vec![],
        links: vec![],
        password_needed: false,
    };
    let caldav = settings
        .caldav_url
        .as_deref()
        .filter(|u| !u.trim().is_empty());
    let folder = settings.folder.as_deref().filter(|f| !f.trim().is_empty());
    if caldav.is_none() && folder.is_none() {
        return Err(PublishError::Refused(Problem::NoPublishTarget));
    }
    let mut failed = None;
    if caldav.is_some() && login_unknown(&settings, password.as_deref()) {
        // Asking with no password would only be refused, on every save.
        outcome.password_needed = true;
    } else if let Some(url) = caldav {
        let sent = CaldavTarget::new(url, settings.caldav_user.clone(), password).and_then(|t| {
            let plan = store.with_store(|s| plan_caldav(s, visit, &t, options))?;
            let sent = plan.send(&t, || lease.keep(store));
            store.with_store(|s| sent.record(s))
        });
        match sent {
            Ok(report) => {
                outcome.calendars += report.collections.len();
                outcome.requests += report.requests();
                for (_, c) in &report.collections {
                    outcome.changes += c.added + c.changed + c.removed;
                    outcome
                        .conflicts
                        .extend(c.conflicts.iter().map(|x| x.uid.clone()));
                }
            }
            // The feeds still follow while the server fails.
            Err(e) => failed = Some(e),
        }
    }
    if let Some(dir) = folder {
        let target = FolderTarget {
            dir: dir.into(),
            base_url: settings.base_url.clone().filter(|b| !b.trim().is_empty()),
        };
        let report = store.with_store(|s| folder::write_feeds(s, visit, &target, options));
        let report = match (report, failed) {
            (Ok(r), None) => r,
            // The server's failure first: the feeds' is often its echo
            // (a store that failed), and the server's is the one to fix.
            (_, Some(e)) | (Err(e), None) => return Err(e),
        };
        outcome.calendars += report.feeds.len();
        outcome.changes += report.feeds.iter().filter(|f| f.written).count();
        outcome.links = report
            .feeds
            .into_iter()
            .map(|f| dplan_core::calendar::FeedLinkView {
                calendar: f.audience.slug,
                name: f.audience.name,
                link: f.url.unwrap_or(f.file),
            })
            .collect();
    } else if let Some(e) = failed {
        return Err(e);
    }
    Ok(outcome)
}

/// The address of a reader's subscription feed, for a printed itinerary:
/// the whole programme's for `None`, else the person's own programme's (or
/// their duties', for staff who attend nothing). `None` when the office
/// has not published that feed or gives no web address for its folder.
pub fn feed_link(
    store: &Store,
    visit: VisitId,
    reader: Option<PersonId>,
) -> Result<Option<String>, PublishError> {
    let settings = store.publish_settings()?;
    let Some(base) = settings.base_url.filter(|b| !b.trim().is_empty()) else {
        return Ok(None);
    };
    let tokens = store.feed_tokens(visit)?;
    let keys = match reader {
        None => vec![Scope::Visit.feed_key(Edition::Guest)],
        Some(p) => vec![
            Scope::Participant(p).feed_key(Edition::Guest),
            Scope::Participant(p).feed_key(Edition::Internal),
            Scope::Staff(p).feed_key(Edition::Internal),
        ],
    };
    let token = keys
        .iter()
        .find_map(|k| tokens.iter().find(|t| &t.feed == k));
    Ok(token.map(|t| {
        let mut url = base.trim().to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        format!("{url}{}.ics", t.token)
    }))
}

/// Takes a visit's calendars back from the CalDAV server: every collection
/// dplan made for it is removed (with what it holds) and forgotten, also
/// those made under an address the settings named before (with the same
/// login). Says how many were removed.
pub fn withdraw_caldav(
    store: &mut Store,
    visit: VisitId,
    target: &CaldavTarget,
    now: DateTime<Utc>,
) -> Result<usize, PublishError> {
    let store = std::cell::RefCell::new(store);
    leased(&store, visit, now, |_| {
        store.with_store(|s| withdraw_caldav_held(s, visit, target))
    })
}

fn withdraw_caldav_held(
    store: &mut Store,
    visit: VisitId,
    target: &CaldavTarget,
) -> Result<usize, PublishError> {
    let client = Caldav::new(target.user.as_deref(), target.password.as_deref());
    let mut removed = 0;
    for url in store.caldav_collections(visit)? {
        client.delete_collection(&url)?;
        store.forget_caldav_collection(visit, &url)?;
        removed += 1;
    }
    Ok(removed)
}

/// Withdraws a visit's calendars wherever the office's settings say: the
/// collections on the CalDAV server (with `password` for the settings'
/// user) and the feeds, in whichever folder each was written to.
/// Afterwards the visit can be deleted.
pub fn withdraw_all(
    store: &impl StoreAccess,
    visit: VisitId,
    password: Option<String>,
    now: DateTime<Utc>,
) -> Result<Withdrawn, PublishError> {
    let settings = store.with_store(|s| Ok(s.publish_settings()?))?;
    leased(store, visit, now, |_| {
        let mut out = Withdrawn::default();
        let dir = settings.folder.as_deref().filter(|f| !f.trim().is_empty());
        out.feeds = store.with_store(|s| {
            Ok(folder::revoke_held(s, visit, dir.map(std::path::Path::new), None, now)?.len())
        })?;
        let known = store.with_store(|s| Ok(s.caldav_collections(visit)?))?;
        if !known.is_empty() {
            let url = settings
                .caldav_url
                .as_deref()
                .filter(|u| !u.trim().is_empty())
                .ok_or(PublishError::Refused(Problem::NoPublishTarget))?;
            if login_unknown(&settings, password.as_deref()) {
                return Err(PublishError::Refused(Problem::CalendarPasswordNeeded));
            }
            let target = CaldavTarget::new(url, settings.caldav_user.clone(), password)?;
            // The store is held while the server is asked: a withdrawal is
            // rare and short (one request per calendar).
            out.collections = store.with_store(|s| withdraw_caldav_held(s, visit, &target))?;
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::time::{Duration, Instant};

    fn store() -> std::cell::RefCell<Store> {
        let mut s = Store::open_in_memory().unwrap();
        s.load_demo().unwrap();
        std::cell::RefCell::new(s)
    }

    fn at(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap() + chrono::Duration::minutes(minutes)
    }

    /// Whether another publish could take the visit's lease at `when`.
    fn free(store: &std::cell::RefCell<Store>, when: DateTime<Utc>) -> bool {
        let visit = dplan_core::demo::incoming_id();
        let mut s = store.borrow_mut();
        let ok = s
            .take_publish_lease(visit, "other", "test", when, when)
            .is_ok();
        if ok {
            s.release_publish_lease(visit, "other").unwrap();
        }
        ok
    }

    #[test]
    fn a_publish_that_panics_gives_the_lease_back() {
        let store = store();
        let visit = dplan_core::demo::incoming_id();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            leased(&store, visit, at(0), |_| -> Result<(), PublishError> {
                panic!("a bug in sending")
            })
        }));
        assert!(panicked.is_err());
        assert!(free(&store, at(1)));
    }

    #[test]
    fn a_failed_publish_is_what_the_caller_hears() {
        let store = store();
        let visit = dplan_core::demo::incoming_id();
        let err = leased(&store, visit, at(0), |_| -> Result<(), PublishError> {
            // The lease is gone under it (the database was replaced).
            store
                .borrow_mut()
                .release_publish_lease(visit, "nobody")
                .unwrap();
            Err(PublishError::Refused(Problem::NoPublishTarget))
        })
        .unwrap_err();
        assert!(matches!(
            err,
            PublishError::Refused(Problem::NoPublishTarget)
        ));
        assert!(free(&store, at(1)));
    }

    #[test]
    fn a_long_publish_renews_its_lease() {
        let store = store();
        let visit = dplan_core::demo::incoming_id();
        leased(&store, visit, at(0), |lease| {
            assert!(!free(&store, at(29)));
            // Twenty minutes in, ten since it was taken or renewed.
            let ago = |m: u64| {
                Instant::now()
                    .checked_sub(Duration::from_secs(m * 60))
                    .unwrap()
            };
            let lease = Lease {
                visit: lease.visit,
                holder: lease.holder.clone(),
                who: lease.who.clone(),
                taken: lease.taken,
                started: ago(20),
                renewed: std::cell::Cell::new(ago(11)),
            };
            lease.keep(&store)?;
            // Held until 20 + 30 minutes after it was taken.
            assert!(!free(&store, at(45)));
            assert!(free(&store, at(51)));
            Ok(())
        })
        .unwrap();
    }
}
