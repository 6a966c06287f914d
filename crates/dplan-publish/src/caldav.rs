//! A CalDAV client just large enough to keep collections in step with a
//! visit: `MKCALENDAR`, `PROPFIND` for ETags, conditional `PUT` and
//! `DELETE` (RFC 4791, RFC 4918). Every write is conditional: `If-None-Match:
//! *` for a new resource, `If-Match` with the ETag dplan last saw for a
//! changed or removed one, so a resource someone else changed on the server
//! is reported and left alone instead of overwritten.

use std::collections::HashMap;
use std::time::Duration;

use dplan_store::RemoteResource;
use ureq::Agent;
use ureq::http::{Method, Request};

use crate::PublishError;

/// What happened to one collection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollectionReport {
    pub url: String,
    /// The collection was made by this publish.
    pub created: bool,
    /// Resources written new, written over, removed, left as they were.
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Resources someone else changed or made on the server: reported and
    /// left as they are there.
    pub conflicts: Vec<Conflict>,
    /// HTTP requests sent for this collection.
    pub requests: usize,
}

/// A resource the server has in another state than dplan left it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub uid: String,
    pub what: ConflictKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// Changed on the server since dplan wrote it; dplan's change is not sent.
    ChangedOnServer,
    /// Made on the server by someone else under the same name.
    ExistsOnServer,
}

/// What keeping one collection in step did.
pub struct Synced {
    pub report: CollectionReport,
    /// What the collection holds of dplan's now; `None` when nothing was
    /// learnt (the collection could not be read or made).
    pub now: Option<Vec<RemoteResource>>,
    /// The failure that stopped it part-way.
    pub error: Option<PublishError>,
}

/// One server, logged in.
pub struct Caldav {
    agent: Agent,
    authorization: Option<String>,
    requests: std::cell::Cell<usize>,
}

struct Answer {
    status: u16,
    etag: Option<String>,
    body: String,
}

impl Caldav {
    /// A client for `user` (with `password`), or anonymous.
    pub fn new(user: Option<&str>, password: Option<&str>) -> Caldav {
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::NativeTls)
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .timeout_global(Some(Duration::from_secs(30)))
            .max_redirects(0)
            .tls_config(tls)
            .user_agent(concat!("dplan/", env!("CARGO_PKG_VERSION")))
            .build();
        Caldav {
            agent: config.into(),
            authorization: user.map(|u| basic_authorization(u, password.unwrap_or(""))),
            requests: std::cell::Cell::new(0),
        }
    }

    /// HTTP requests sent so far.
    pub fn requests(&self) -> usize {
        self.requests.get()
    }

    fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Answer, PublishError> {
        let mut req = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).map_err(|_| {
                PublishError::Unavailable(format!("{method} is not an HTTP method"))
            })?)
            .uri(url);
        if let Some(auth) = &self.authorization {
            req = req.header("Authorization", auth.as_str());
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(body.as_bytes().to_vec()).map_err(|_| {
            PublishError::Refused(dplan_core::Problem::NotACollectionAddress {
                value: dplan_core::text::for_message(url),
            })
        })?;
        self.requests.set(self.requests.get() + 1);
        let mut res = self.agent.run(req).map_err(|e| PublishError::Unreachable {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        let status = res.status().as_u16();
        let etag = res
            .headers()
            .get("ETag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = res
            .body_mut()
            .with_config()
            .limit(16 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        match status {
            401 => {
                return Err(PublishError::LoginRefused {
                    url: url.to_string(),
                });
            }
            403 => {
                return Err(PublishError::Forbidden {
                    url: url.to_string(),
                });
            }
            _ => {}
        }
        Ok(Answer { status, etag, body })
    }

    fn unexpected(method: &str, url: &str, a: &Answer) -> PublishError {
        PublishError::Server {
            method: method.to_string(),
            url: url.to_string(),
            status: a.status,
            answer: dplan_core::text::for_message(&a.body),
        }
    }

    /// Makes the calendar collection `url` (ending in `/`) with a display
    /// name, and the collection above it if that is missing. Says whether
    /// it made it (`false`: it was there).
    pub fn make_calendar(&self, url: &str, display_name: &str) -> Result<bool, PublishError> {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\
             <D:set><D:prop><D:displayname>{}</D:displayname></D:prop></D:set></C:mkcalendar>",
            xml_escape(display_name)
        );
        let xml = [("Content-Type", "application/xml; charset=utf-8")];
        let mut a = self.send("MKCALENDAR", url, &xml, &body)?;
        if a.status == 409 {
            // The collection above is missing: make it, then try again.
            self.make_collection(parent_of(url), 4)?;
            a = self.send("MKCALENDAR", url, &xml, &body)?;
        }
        match a.status {
            200 | 201 | 204 => Ok(true),
            // Method not allowed: something is there already.
            405 => Ok(false),
            _ => Err(Self::unexpected("MKCALENDAR", url, &a)),
        }
    }

    /// Removes the collection `url` with everything in it; one that is not
    /// there is gone already.
    pub fn delete_collection(&self, url: &str) -> Result<(), PublishError> {
        let a = self.send("DELETE", url, &[], "")?;
        match a.status {
            200 | 204 | 404 => Ok(()),
            _ => Err(Self::unexpected("DELETE", url, &a)),
        }
    }

    /// Makes the plain collection `url` and, up to `depth` levels, the ones
    /// above it that are missing.
    fn make_collection(&self, url: &str, depth: u32) -> Result<(), PublishError> {
        let mut a = self.send("MKCOL", url, &[], "")?;
        if a.status == 409 && depth > 0 {
            self.make_collection(parent_of(url), depth - 1)?;
            a = self.send("MKCOL", url, &[], "")?;
        }
        match a.status {
            // Made, or there already.
            201 | 405 => Ok(()),
            _ => Err(Self::unexpected("MKCOL", url, &a)),
        }
    }

    /// The resources in a collection with their ETags, by `UID` (the file
    /// name without `.ics`).
    pub fn list(&self, url: &str) -> Result<HashMap<String, String>, PublishError> {
        let a = self.etags(url, "1")?;
        if a.status != 207 {
            return Err(Self::unexpected("PROPFIND", url, &a));
        }
        Ok(members(&a.body))
    }

    /// Keeps the collection `url` in step with `resources` (`UID`, text),
    /// given what dplan left there last time (`known`; `None` for a
    /// collection it never used). Returns the report, what the collection
    /// now holds of dplan's, and the failure that stopped it part-way, if
    /// one did: what was sent before it is in the record all the same, and
    /// what was not sent yet is recorded as it was, so the next publish
    /// takes up where this one stopped.
    pub fn sync(
        &self,
        url: &str,
        display_name: &str,
        resources: &[(String, String)],
        known: Option<Vec<RemoteResource>>,
    ) -> Synced {
        let before = self.requests();
        let mut report = CollectionReport {
            url: url.to_string(),
            ..Default::default()
        };
        let known = match known {
            Some(k) => Ok(k.into_iter().map(|r| (r.uid.clone(), r)).collect()),
            None => self.take_over(url, display_name, resources, &mut report),
        };
        let mut known: HashMap<String, RemoteResource> = match known {
            Ok(k) => k,
            Err(e) => {
                report.requests = self.requests() - before;
                return Synced {
                    report,
                    now: None,
                    error: Some(e),
                };
            }
        };
        let mut now: Vec<RemoteResource> = Vec::with_capacity(resources.len());
        let mut error = None;
        for (uid, text) in resources {
            let fingerprint = dplan_core::calendar::fingerprint(text);
            let was = known.remove(uid.as_str());
            if let Some(w) = &was
                && w.fingerprint == fingerprint
            {
                report.unchanged += 1;
                now.push(w.clone());
                continue;
            }
            match self.put(url, uid, text, was.as_ref()) {
                Ok(Some(etag)) => {
                    match was {
                        Some(_) => report.changed += 1,
                        None => report.added += 1,
                    }
                    now.push(RemoteResource {
                        uid: uid.clone(),
                        etag,
                        fingerprint,
                    });
                }
                Ok(None) => {
                    report.conflicts.push(Conflict {
                        uid: uid.to_string(),
                        what: match was {
                            Some(_) => ConflictKind::ChangedOnServer,
                            None => ConflictKind::ExistsOnServer,
                        },
                    });
                    // Keep what dplan knew, so the next publish asks again.
                    now.extend(was);
                }
                Err(e) => {
                    now.extend(was);
                    error = Some(e);
                    break;
                }
            }
        }
        // What dplan put there and the plan no longer has.
        let mut gone: Vec<RemoteResource> = known.into_values().collect();
        gone.sort_by(|a, b| a.uid.cmp(&b.uid));
        for r in gone {
            if error.is_some() {
                // Not asked: still there as far as dplan knows.
                now.push(r);
                continue;
            }
            let href = format!("{url}{}.ics", r.uid);
            let sent = match is_weak(&r.etag) {
                // As for PUT: compared first, then removed unconditionally.
                true => match self.unchanged(&href, &r.etag) {
                    Ok(Some(true)) => self.send("DELETE", &href, &[], ""),
                    Ok(None) => Ok(Answer {
                        status: 404,
                        etag: None,
                        body: String::new(),
                    }),
                    Ok(Some(false)) => Ok(Answer {
                        status: 412,
                        etag: None,
                        body: String::new(),
                    }),
                    Err(e) => Err(e),
                },
                false => self.send("DELETE", &href, &[("If-Match", r.etag.as_str())], ""),
            };
            match sent {
                Ok(a) if matches!(a.status, 200 | 204 | 404) => report.removed += 1,
                Ok(a) if a.status == 412 => {
                    report.conflicts.push(Conflict {
                        uid: r.uid.clone(),
                        what: ConflictKind::ChangedOnServer,
                    });
                    now.push(r);
                }
                Ok(a) => {
                    error = Some(Self::unexpected("DELETE", &href, &a));
                    now.push(r);
                }
                Err(e) => {
                    error = Some(e);
                    now.push(r);
                }
            }
        }
        report.requests = self.requests() - before;
        Synced {
            report,
            now: Some(now),
            error,
        }
    }

    /// For a collection dplan never used: makes it, or, when it is there
    /// already (another machine, a lost database), takes over the resources
    /// of this visit's items that it holds.
    fn take_over(
        &self,
        url: &str,
        display_name: &str,
        resources: &[(String, String)],
        report: &mut CollectionReport,
    ) -> Result<HashMap<String, RemoteResource>, PublishError> {
        let there = self.etags(url, "1")?;
        if there.status != 207 {
            if there.status != 404 {
                return Err(Self::unexpected("PROPFIND", url, &there));
            }
            report.created = self.make_calendar(url, display_name)?;
            return Ok(HashMap::new());
        }
        let wanted: std::collections::HashSet<&str> =
            resources.iter().map(|(uid, _)| uid.as_str()).collect();
        Ok(members(&there.body)
            .into_iter()
            .filter(|(uid, _)| wanted.contains(uid.as_str()))
            .map(|(uid, etag)| {
                let r = RemoteResource {
                    uid: uid.clone(),
                    etag,
                    fingerprint: String::new(),
                };
                (uid, r)
            })
            .collect())
    }

    /// Writes one resource: new (`If-None-Match: *`) or over the version
    /// dplan last saw (`If-Match`). Its new ETag, or `None` when the
    /// server has another version (a conflict, left alone).
    fn put(
        &self,
        url: &str,
        uid: &str,
        text: &str,
        was: Option<&RemoteResource>,
    ) -> Result<Option<String>, PublishError> {
        let href = format!("{url}{uid}.ics");
        let ct = ("Content-Type", "text/calendar; charset=utf-8");
        let a = match was {
            None => self.send("PUT", &href, &[ct, ("If-None-Match", "*")], text)?,
            Some(w) if is_weak(&w.etag) => {
                // If-Match never matches a weak ETag (RFC 9110 13.1.1):
                // compare it first, then write without the condition.
                if self.unchanged(&href, &w.etag)? != Some(true) {
                    return Ok(None);
                }
                self.send("PUT", &href, &[ct], text)?
            }
            Some(w) => self.send("PUT", &href, &[ct, ("If-Match", w.etag.as_str())], text)?,
        };
        match a.status {
            200 | 201 | 204 => Ok(Some(match a.etag {
                Some(e) => e,
                None => self.etag(&href)?,
            })),
            // Not there as far as dplan knew, but there: a write of ours
            // whose answer was lost (a timeout, a failed ETag lookup), or
            // another dplan's copy of this item (its UID is the item's).
            // Taken over, as a collection found on the server is.
            412 if was.is_none() => {
                let found = RemoteResource {
                    uid: uid.to_string(),
                    etag: self.etag(&href)?,
                    fingerprint: String::new(),
                };
                self.put(url, uid, text, Some(&found))
            }
            412 => Ok(None),
            _ => Err(Self::unexpected("PUT", &href, &a)),
        }
    }

    /// Whether the resource `href` still has the (weak) ETag dplan last
    /// saw; `None` when it is gone.
    fn unchanged(&self, href: &str, etag: &str) -> Result<Option<bool>, PublishError> {
        let a = self.etags(href, "0")?;
        match a.status {
            404 => Ok(None),
            207 => Ok(Some(
                multistatus_etags(&a.body)
                    .into_iter()
                    .next()
                    .is_some_and(|(_, now)| now == etag),
            )),
            _ => Err(Self::unexpected("PROPFIND", href, &a)),
        }
    }

    /// `PROPFIND` for the ETags of `url` (depth 0) or of its members (1).
    fn etags(&self, url: &str, depth: &str) -> Result<Answer, PublishError> {
        let body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
                    <D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>";
        self.send(
            "PROPFIND",
            url,
            &[
                ("Depth", depth),
                ("Content-Type", "application/xml; charset=utf-8"),
            ],
            body,
        )
    }

    /// The ETag of one resource, for a server that sends none with `PUT`.
    fn etag(&self, href: &str) -> Result<String, PublishError> {
        let a = self.etags(href, "0")?;
        multistatus_etags(&a.body)
            .into_iter()
            .next()
            .map(|(_, e)| e)
            .ok_or_else(|| Self::unexpected("PROPFIND", href, &a))
    }
}

/// The members of a collection's `207 Multi-Status` with their ETags, by
/// `UID` (the file name without `.ics`).
fn members(xml: &str) -> HashMap<String, String> {
    multistatus_etags(xml)
        .into_iter()
        .filter_map(|(href, etag)| {
            let name = href.trim_end_matches('/').rsplit('/').next()?;
            Some((name.strip_suffix(".ics")?.to_string(), etag))
        })
        .collect()
}

/// A weak ETag (`W/"…"`), which `If-Match` can never match.
fn is_weak(etag: &str) -> bool {
    etag.starts_with("W/")
}

/// The URL of the collection above `url` (which ends in `/`).
fn parent_of(url: &str) -> &str {
    let trimmed = url.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(at) => &url[..=at],
        None => url,
    }
}

/// `(href, etag)` of every response in a `207 Multi-Status` body. A small
/// reader for the one shape servers answer a `getetag` PROPFIND with;
/// namespace prefixes vary (`D:`, `d:`, none).
fn multistatus_etags(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for response in split_elements(xml, "response") {
        let href = element_text(response, "href");
        let etag = element_text(response, "getetag");
        if let (Some(h), Some(e)) = (href, etag)
            && !e.is_empty()
        {
            out.push((percent_decode(&xml_unescape(&h)), xml_unescape(&e)));
        }
    }
    out
}

/// The insides of every `<prefix:name …>…</prefix:name>`.
fn split_elements<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some((start, inner_start)) = open_tag(rest, name) {
        let after = &rest[inner_start..];
        let Some(end) = close_tag(after, name) else {
            break;
        };
        out.push(&after[..end]);
        rest = &after[end..];
        let _ = start;
    }
    out
}

fn open_tag(xml: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(lt) = xml[from..].find('<').map(|i| i + from) {
        let tag_end = xml[lt..].find('>')? + lt;
        let tag = &xml[lt + 1..tag_end];
        let tag_name = tag.split([' ', '/', '\t', '\n', '\r']).next().unwrap_or("");
        let local = tag_name.rsplit(':').next().unwrap_or("");
        if !tag.starts_with('/') && local == name {
            if tag.ends_with('/') {
                // `<getetag/>`: empty.
                return Some((lt, tag_end));
            }
            return Some((lt, tag_end + 1));
        }
        from = tag_end + 1;
    }
    None
}

fn close_tag(xml: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(lt) = xml[from..].find("</").map(|i| i + from) {
        let tag_end = xml[lt..].find('>')? + lt;
        let tag_name = xml[lt + 2..tag_end].trim();
        if tag_name.rsplit(':').next() == Some(name) {
            return Some(lt);
        }
        from = tag_end + 1;
    }
    None
}

fn element_text(xml: &str, name: &str) -> Option<String> {
    let (_, inner) = open_tag(xml, name)?;
    let after = &xml[inner..];
    let end = close_tag(after, name).unwrap_or(0);
    Some(after[..end].trim().to_string())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xml_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `Authorization` header of HTTP Basic authentication (RFC 7617).
pub fn basic_authorization(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

/// Standard base64 with padding, for HTTP Basic authentication.
fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_says() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn etags_are_read_from_multistatus_with_any_prefix() {
        let radicale = r#"<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:"><response><href>/dplan/v-programm/</href><propstat><prop><getetag>"abc"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/dplan/v-programm/1234.ics</href><propstat><prop><getetag>"e&amp;1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        assert_eq!(
            multistatus_etags(radicale),
            vec![
                ("/dplan/v-programm/".to_string(), "\"abc\"".to_string()),
                (
                    "/dplan/v-programm/1234.ics".to_string(),
                    "\"e&1\"".to_string()
                ),
            ]
        );
        let prefixed = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/c/a%20b.ics</d:href><d:propstat><d:prop><d:getetag>W/"7"</d:getetag></d:prop></d:propstat></d:response><d:response><d:href>/c/x.ics</d:href><d:propstat><d:prop><d:getetag/></d:prop></d:propstat></d:response></d:multistatus>"#;
        assert_eq!(
            multistatus_etags(prefixed),
            vec![("/c/a b.ics".to_string(), "W/\"7\"".to_string())]
        );
    }

    #[test]
    fn the_parent_of_a_collection() {
        assert_eq!(
            parent_of("https://cal.example/dplan/v-programm/"),
            "https://cal.example/dplan/"
        );
    }
}
