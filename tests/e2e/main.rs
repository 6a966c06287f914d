//! End to end in the real window: the built app under WebKitGTK, driven
//! through `tauri-driver` and `WebKitWebDriver` the way Tauri documents it.
//!
//! Needs a display (`xvfb-run`), `tauri-driver` on PATH (or `TAURI_DRIVER`)
//! and the app built with the embedded UI, so it is ignored by a plain
//! `cargo test`; `.ci/test` runs it with
//! `xvfb-run cargo test -p delegation-planner --features custom-protocol --test e2e -- --ignored`.
//! Every run leaves a screenshot of each main screen in `artifacts/e2e/`.

use std::{
    io::{BufRead, BufReader},
    net::TcpStream,
    os::unix::process::CommandExt,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(20);

/// A child started as the leader of its own process group, stopped with
/// everything it started when dropped: `tauri-driver` (whose
/// `WebKitWebDriver` would otherwise keep port 4445 busy), or the app with
/// its WebKit processes.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        // The driver leads its own process group (see `start_driver`); signal
        // exactly that group. The pid is checked so that a bad value can never
        // turn into kill(0) or kill(-1).
        let pgid = self.0.id() as libc::pid_t;
        if pgid > 1 {
            // SAFETY: kill(2) with a negative pid signals one process group.
            unsafe { libc::kill(-pgid, libc::SIGTERM) };
            std::thread::sleep(Duration::from_millis(500));
            // SAFETY: as above.
            unsafe { libc::kill(-pgid, libc::SIGKILL) };
        }
        let _ = self.0.wait();
    }
}

fn start_driver(db: &Path, log: &Path) -> Group {
    let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
    // The app's own settings (the database it was switched to) go into the
    // test's folder, never into the machine's.
    let config = db.parent().unwrap().join("config");
    let child = Command::new(&program)
        .process_group(0)
        .env("DPLAN_DB", db)
        .env("XDG_CONFIG_HOME", &config)
        // Not the test's own pipes: a child that outlives the driver would
        // keep them open and hang whoever reads the test's output.
        .stdout(Stdio::null())
        .stderr(
            std::fs::File::create(log)
                .map(Stdio::from)
                .unwrap_or_else(|_| Stdio::null()),
        )
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program:?} (cargo install tauri-driver): {e}"));
    let driver = Group(child);
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", 4444)).is_err() {
        assert!(
            started.elapsed() < WAIT,
            "tauri-driver did not listen on port 4444"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    driver
}

async fn open_app() -> Client {
    eprintln!("e2e: starting the app");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_delegation-planner") }),
    );
    let started = Instant::now();
    loop {
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps.clone());
        let session = builder.connect("http://127.0.0.1:4444");
        // A session that never opens fails the test instead of hanging it.
        let session = tokio::time::timeout(2 * WAIT, session)
            .await
            .unwrap_or_else(|_| panic!("no WebDriver session within {:?}", 2 * WAIT));
        match session {
            Ok(c) => return c,
            Err(e) if started.elapsed() < WAIT => {
                eprintln!("waiting for a WebDriver session: {e}");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("no WebDriver session: {e}"),
        }
    }
}

struct Ui {
    c: Client,
    shots: PathBuf,
}

impl Ui {
    async fn el(&self, css: &str) -> Element {
        self.c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}`: {e}"))
    }

    async fn click(&self, css: &str) {
        eprintln!("e2e: click {css}");
        let el = self.el(css).await;
        // Bring it to the middle of the window and let a frame pass, as a
        // person would: content off screen (content-visibility: auto) is
        // painted only once it is scrolled to, and WebDriver hit-tests at
        // once.
        self.c
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(&el).unwrap()],
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(120)).await;
        el.click().await.unwrap();
    }

    /// Clicks an element inside `parent`, brought into view first like
    /// [`Ui::click`].
    async fn click_in(&self, parent: &Element, css: &str) {
        eprintln!("e2e: click {css} in a row");
        let el = parent.find(Locator::Css(css)).await.unwrap();
        self.c
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(&el).unwrap()],
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(120)).await;
        el.click().await.unwrap();
    }

    /// Sets an input's or select's value the way typing would, and lets
    /// Svelte's bindings see it.
    async fn set(&self, css: &str, value: &str) {
        self.el(css).await;
        self.c
            .execute(
                "const el = document.querySelector(arguments[0]);
                 el.value = arguments[1];
                 el.dispatchEvent(new Event('input', { bubbles: true }));
                 el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![json!(css), json!(value)],
            )
            .await
            .unwrap();
    }

    /// Waits until some element matching `css` has text containing `needle`.
    async fn wait_text(&self, css: &str, needle: &str) -> String {
        let started = Instant::now();
        loop {
            for e in self.c.find_all(Locator::Css(css)).await.unwrap_or_default() {
                if let Ok(t) = e.text().await
                    && t.contains(needle)
                {
                    return t;
                }
            }
            if started.elapsed() > WAIT {
                self.shot("failure").await;
                panic!("no `{css}` containing {needle:?}");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// The first element matching `css` whose text contains `needle`.
    async fn row_with(&self, css: &str, needle: &str) -> Element {
        self.wait_text(css, needle).await;
        for e in self.c.find_all(Locator::Css(css)).await.unwrap() {
            if e.text().await.unwrap_or_default().contains(needle) {
                return e;
            }
        }
        panic!("no `{css}` containing {needle:?}");
    }

    async fn count(&self, css: &str) -> usize {
        self.c.find_all(Locator::Css(css)).await.unwrap().len()
    }

    /// Waits until exactly `n` elements match `css`: a filter or a save
    /// re-renders a list a frame or two after the event that caused it, and a
    /// count taken at once can still see the old list.
    async fn wait_count(&self, css: &str, n: usize) {
        let started = Instant::now();
        loop {
            let now = self.count(css).await;
            if now == n {
                return;
            }
            if started.elapsed() > WAIT {
                self.shot("failure").await;
                panic!("`{css}`: {now} elements, expected {n}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn shot(&self, name: &str) {
        eprintln!("e2e: screenshot {name}");
        // WebKitGTK takes a snapshot after the page's next drawing; painted
        // without compositing (as the app paints on Linux), an idle page
        // never draws again and the screenshot would wait forever. A
        // transparent pixel that changes for a few frames gives it drawings
        // to wait for; it removes itself.
        let _ = self.c.execute(
            "const d = document.createElement('div');
             d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none';
             document.body.appendChild(d);
             let n = 0;
             const tick = () => { d.style.background = n % 2 ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)'; if (++n < 60) requestAnimationFrame(tick); else d.remove(); };
             requestAnimationFrame(tick);",
            vec![],
        ).await;
        // A screenshot that never comes fails the test instead of hanging
        // the run.
        let png = tokio::time::timeout(WAIT, self.c.screenshot())
            .await
            .unwrap_or_else(|_| panic!("screenshot {name}: no answer within {WAIT:?}"));
        if let Ok(png) = png {
            let _ = std::fs::write(self.shots.join(format!("{name}.png")), png);
        }
    }
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs a display and tauri-driver; run by .ci/test under xvfb-run"]
async fn protocol_officer_plans_a_visit_in_the_real_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    let shots = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("artifacts/e2e");
    std::fs::create_dir_all(&shots).unwrap();
    // The folder subscription feeds go into, chosen before the start: the
    // folder dialog is the system's own, which WebDriver cannot reach.
    let feeds = dir.path().join("feeds");
    std::fs::create_dir(&feeds).unwrap();
    dplan_api::Store::open(&db)
        .unwrap()
        .save_publish_settings(&dplan_core::calendar::PublishSettings {
            folder: Some(feeds.display().to_string()),
            ..Default::default()
        })
        .unwrap();
    eprintln!("e2e: starting tauri-driver");
    let _driver = start_driver(&db, &shots.join("tauri-driver.log"));

    // First start on an empty database: the app offers the demo.
    let ui = Ui {
        c: open_app().await,
        shots: shots.clone(),
    };
    ui.shot("01-empty").await;
    ui.click("[data-testid=demo-offer] button").await;
    ui.wait_text(
        "[data-testid=visit-row]",
        "Delegationsreise der Stadt Herne nach Luzhou",
    )
    .await;
    ui.wait_count("[data-testid=visit-row]", 2).await;
    ui.shot("02-visits").await;

    ui.click("[data-testid=visit-row]").await;
    ui.wait_text("[data-testid=participant]", "刘强 Liu Qiang")
        .await;
    ui.wait_text("[data-testid=programme-item]", "12:40 MESZ")
        .await;
    ui.shot("03-visit-demo").await;
    // Calendars that follow the plan: published as subscription feeds, one
    // secret link per calendar to hand out.
    ui.click("[data-testid=open-publish]").await;
    ui.wait_text("[data-testid=publish-folder]", "feeds").await;
    ui.set(
        "[data-testid=calendar-publish] [name=base_url]",
        "https://www.herne.de/kalender/",
    )
    .await;
    ui.click("[data-testid=publish-now]").await;
    ui.wait_text("[data-testid=publish-outcome]", "Veröffentlicht um")
        .await;
    ui.shot("03a-publish").await;
    let written = std::fs::read_dir(&feeds).unwrap().count();
    assert!(written > 5, "{written} feeds");
    ui.click("[data-testid=close-publish]").await;
    // Precedence by keyboard-reachable buttons: the head of delegation moves
    // down one place and back; the published calendars follow.
    ui.click("[data-testid=participant] button[aria-label='Nach unten']")
        .await;
    ui.wait_text("[data-testid=participant]:first-child", "王芳 Wang Fang")
        .await;
    ui.wait_text("[data-testid=calendar-follow]", "Kalender folgen dem Plan")
        .await;
    ui.click("[data-testid=participant]:nth-child(2) button[aria-label='Nach oben']")
        .await;
    ui.wait_text("[data-testid=participant]:first-child", "刘强 Liu Qiang")
        .await;
    ui.click("[data-testid=back]").await;

    // The address book, across visits.
    ui.click("[data-testid=nav-people]").await;
    ui.wait_text("[data-testid=person-row]", "刘强 Liu Qiang")
        .await;
    ui.wait_text("[data-testid=person-row]", "Dr. Anna Berger")
        .await;
    ui.shot("03b-people").await;
    let berger = ui
        .row_with("[data-testid=person-row]", "Dr. Anna Berger")
        .await;
    berger
        .find(Locator::Css("[data-testid=edit-person]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    ui.set("[data-testid=person-form] [name=phone]", "+49 2323 16-2000")
        .await;
    ui.click("[data-testid=save-person]").await;
    ui.wait_text("[data-testid=person-row]", "+49 2323 16-2000")
        .await;
    ui.click("[data-testid=nav-visits]").await;

    // A new visit.
    ui.click("[data-testid=new-visit]").await;
    ui.set(
        "[name='title.de']",
        "Wirtschaftsdelegation nach Luzhou 2028",
    )
    .await;
    ui.set("[name='title.zh']", "赫尔内经济代表团访问泸州 2028")
        .await;
    ui.set("[name=direction]", "outgoing").await;
    ui.set("[name=first_day]", "2028-04-10").await;
    ui.set("[name=last_day]", "2028-04-14").await;
    ui.set("[name=time_zone]", "Asia/Shanghai").await;
    ui.shot("04-new-visit").await;
    ui.click("[data-testid=save]").await;
    ui.wait_text(".overview h2", "Wirtschaftsdelegation nach Luzhou 2028")
        .await;

    // An invalid entry: the end before the start. The reason appears beside
    // the field and nothing is stored.
    ui.click("[data-testid=add-item]").await;
    ui.set(
        "[data-testid=item-form] [name='title.de']",
        "Ungültiger Termin",
    )
    .await;
    ui.set("[name=start_day]", "2028-04-11").await;
    ui.set("[name=start_time]", "10:00").await;
    ui.set("[name=end_day]", "2028-04-11").await;
    ui.set("[name=end_time]", "09:00").await;
    ui.click("[data-testid=save-item]").await;
    // The backend's reason, in the UI's language.
    let reason = ui
        .wait_text("[data-testid=error-end]", "muss nach dem Beginn liegen")
        .await;
    assert!(!reason.contains("after the start"), "{reason}");
    ui.shot("05-invalid-item").await;
    ui.click("[data-testid=cancel-item]").await;
    assert_eq!(
        ui.count("[data-testid=programme-item]").await,
        0,
        "the invalid item was not stored"
    );

    // A participant with a Chinese name.
    ui.click("[data-testid=add-participant]").await;
    ui.set("[name=family_name]", "Zhou").await;
    ui.set("[name=given_name]", "Min").await;
    ui.set("[name=name_zh]", "周敏").await;
    ui.set("[name=pinyin]", "Zhōu Mǐn").await;
    ui.set("[data-testid=participant-form] [name='title.zh']", "局长")
        .await;
    ui.click("[data-testid=save-participant]").await;
    ui.wait_text("[data-testid=participant]", "周敏 Zhou Min")
        .await;

    // Their arrival by plane, in Chinese time, shown on their row.
    ui.click("[data-testid=participant] button[aria-label='Teilnahme bearbeiten']")
        .await;
    ui.click("[data-testid=participant-edit] [name=has_arrival]")
        .await;
    ui.set(
        "[data-testid=participant-edit] [name=arrival_day]",
        "2028-04-10",
    )
    .await;
    ui.set(
        "[data-testid=participant-edit] [name=arrival_time]",
        "07:15",
    )
    .await;
    ui.set(
        "[data-testid=participant-edit] [name=arrival_zone]",
        "Asia/Shanghai",
    )
    .await;
    ui.set(
        "[data-testid=participant-edit] [name='arrival.place']",
        "Flughafen Luzhou Yunlong (LZO)",
    )
    .await;
    ui.set(
        "[data-testid=participant-edit] [name='arrival.transport']",
        "3U 8851",
    )
    .await;
    ui.click("[data-testid=save-participation]").await;
    let row = ui.wait_text("[data-testid=participant]", "3U 8851").await;
    assert!(row.contains("07:15"), "the arrival in local time: {row}");

    // A participant list dropped on the import dialog: the file's bytes go
    // to Rust as the raw request body, the list is reviewed, then imported.
    ui.click("[data-testid=open-list-import]").await;
    ui.el("[data-testid=list-drop]").await;
    ui.c.execute(
        "const csv = '\\ufeffNachname;Vorname;中文姓名;Organisation;Rolle\\r\\n' +
                     'Wu;Lei;吴磊;Luzhou Laojiao;Mitglied\\r\\n' +
                     'Zhao;Min;赵敏;Stadtregierung Luzhou;Dolmetscherin\\r\\n';
         const file = new File([csv], 'teilnehmer.csv', { type: 'text/csv' });
         const dt = new DataTransfer();
         dt.items.add(file);
         const zone = document.querySelector('[data-testid=list-drop]');
         zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
        vec![],
    )
    .await
    .unwrap();
    ui.wait_text("[data-testid=list-import]", "吴磊 Wu Lei")
        .await;
    ui.shot("05b-list-import").await;
    ui.click("[data-testid=import-list]").await;
    ui.wait_text("[data-testid=participant]", "赵敏 Zhao Min")
        .await;
    ui.wait_text("[data-testid=participant]", "吴磊 Wu Lei")
        .await;

    // A programme item in Asia/Shanghai, seen in the agenda with its zone.
    ui.click("[data-testid=add-item]").await;
    ui.set(
        "[data-testid=item-form] [name='title.de']",
        "Besuch des Hafens Luzhou",
    )
    .await;
    ui.set("[data-testid=item-form] [name='title.zh']", "参观泸州港")
        .await;
    ui.set("[name=start_day]", "2028-04-11").await;
    ui.set("[name=start_time]", "09:30").await;
    ui.set("[name=start_zone]", "Asia/Shanghai").await;
    ui.set("[name=end_day]", "2028-04-11").await;
    ui.set("[name=end_time]", "11:00").await;
    ui.set("[name=end_zone]", "Asia/Shanghai").await;
    ui.click("[data-testid=item-form] input[type=checkbox][value]")
        .await;
    ui.click("[data-testid=save-item]").await;
    let item = ui
        .wait_text("[data-testid=programme-item]", "Besuch des Hafens Luzhou")
        .await;
    assert!(
        item.contains("09:30–11:00 CST"),
        "agenda shows the item's own zone: {item}"
    );
    assert!(item.contains("参观泸州港"), "{item}");
    ui.shot("06-programme").await;

    // Editing an item: mark it tentative.
    ui.click("[data-testid=programme-item] button.edit").await;
    ui.set("[data-testid=item-form] [name=status]", "tentative")
        .await;
    ui.click("[data-testid=save-item]").await;
    ui.wait_text("[data-testid=programme-item]", "Vorläufig")
        .await;
    ui.wait_text("[data-testid=warnings-summary]", "Keine Konflikte")
        .await;

    // A second item at the same time for the same person: the check warns
    // at once, as a caution since the first item is tentative; the warning
    // links to the person's own programme, which holds both items.
    ui.click("[data-testid=add-item]").await;
    ui.set(
        "[data-testid=item-form] [name='title.de']",
        "Interview mit der Lokalpresse",
    )
    .await;
    ui.set("[name=start_day]", "2028-04-11").await;
    ui.set("[name=start_time]", "10:00").await;
    ui.set("[name=start_zone]", "Asia/Shanghai").await;
    ui.set("[name=end_day]", "2028-04-11").await;
    ui.set("[name=end_time]", "10:30").await;
    ui.set("[name=end_zone]", "Asia/Shanghai").await;
    ui.click("[data-testid=item-form] input[type=checkbox][value]")
        .await;
    ui.click("[data-testid=save-item]").await;
    let warning = ui
        .wait_text(
            "[data-testid=warning][data-kind=person_double_booked][data-severity=tentative]",
            "Interview mit der Lokalpresse",
        )
        .await;
    assert!(warning.contains("周敏 Zhou Min"), "{warning}");
    // The sentence is German, like the rest of the screen.
    assert!(
        warning.contains("30 Minuten lang gleichzeitig in") && warning.contains("11.04.2028"),
        "{warning}"
    );
    assert!(ui.count("[data-testid=item-warning-marker]").await >= 2);
    ui.shot("06a-warning").await;
    ui.click("[data-testid=warning-person-link]").await;
    ui.wait_text("[data-testid=person-programme]", "周敏 Zhou Min")
        .await;
    ui.wait_text("[data-testid=person-item]", "Interview mit der Lokalpresse")
        .await;
    ui.wait_text("[data-testid=person-item]", "Besuch des Hafens Luzhou")
        .await;
    ui.wait_text("[data-testid=person-programme]", "3U 8851")
        .await;
    ui.shot("06a-person-programme").await;
    ui.set("[data-testid=programme-person]", "").await;
    // Removing the clash clears the warning.
    let interview = ui
        .row_with(
            "[data-testid=programme-item]",
            "Interview mit der Lokalpresse",
        )
        .await;
    ui.click_in(&interview, "button.edit").await;
    ui.click("[data-testid=delete-item]").await;
    ui.click("[data-testid=item-form] [data-testid=confirm-delete-item]")
        .await;
    ui.wait_text("[data-testid=warnings-summary]", "Keine Konflikte")
        .await;

    // The printed itinerary: Rust's preview of what goes to the printer and
    // into the PDF, German with Chinese. A visit in planning prints as a
    // draft, and the guest edition (the default for the whole visit) leaves
    // tentative items out until they are asked for.
    ui.click("[data-testid=open-itinerary-print]").await;
    let marks = ui
        .wait_text("[data-testid=itinerary-marks]", "Entwurf")
        .await;
    assert!(marks.contains("草稿"), "{marks}");
    let guest = ui
        .el("[data-testid=itinerary-preview]")
        .await
        .text()
        .await
        .unwrap();
    assert!(!guest.contains("Besuch des Hafens Luzhou"), "{guest}");
    ui.shot("06a-itinerary-guest").await;
    ui.click("[name=itinerary_tentative]").await;
    let preview = ui
        .wait_text(
            "[data-testid=itinerary-preview]",
            "Besuch des Hafens Luzhou",
        )
        .await;
    assert!(preview.contains("参观泸州港"), "{preview}");
    assert!(preview.contains("09:30–11:00 CST"), "{preview}");
    ui.shot("06a-itinerary-preview").await;
    // The internal edition says so on the page.
    ui.click("[name=itinerary_edition][value=internal]").await;
    ui.wait_text("[data-testid=itinerary-preview]", "Interne Fassung")
        .await;
    ui.shot("06a-itinerary-internal").await;
    ui.click("[data-testid=close-itinerary-print]").await;

    // Herne time beside Luzhou time: 09:30 CST is 03:30 MESZ.
    ui.set("[data-testid=second-zone]", "Europe/Berlin").await;
    let second = ui.wait_text("[data-testid=second-time]", "MESZ").await;
    assert!(second.contains("03:30"), "{second}");
    ui.shot("06b-second-zone").await;

    // The week grid: one column per day of the visit, the item on its day.
    ui.click("[data-testid=view-week]").await;
    ui.wait_text(
        "[data-testid=week-column][data-day='2028-04-11'] [data-testid=grid-item]",
        "Besuch des Hafens Luzhou",
    )
    .await;
    ui.wait_count("[data-testid=week-column]", 5).await;
    ui.shot("06c-week-grid").await;
    ui.click("[data-testid=view-agenda]").await;

    // Leaving a form with unsaved changes asks first; staying keeps them.
    ui.click("[data-testid=add-item]").await;
    ui.set(
        "[data-testid=item-form] [name='title.de']",
        "Noch nicht gespeichert",
    )
    .await;
    ui.click("[data-testid=back]").await;
    ui.el("[data-testid=unsaved-dialog]").await;
    ui.shot("06d-unsaved-changes").await;
    ui.click("[data-testid=unsaved-stay]").await;
    ui.wait_count("[data-testid=unsaved-dialog]", 0).await;
    ui.wait_count("[data-testid=item-form]", 1).await;
    ui.click("[data-testid=cancel-item]").await;
    ui.c.close().await.unwrap();

    // Restart the app: everything is still there.
    let ui = Ui {
        c: open_app().await,
        shots,
    };
    ui.wait_text(
        "[data-testid=visit-row]",
        "Wirtschaftsdelegation nach Luzhou 2028",
    )
    .await;
    let rows =
        ui.c.find_all(Locator::Css("[data-testid=visit-row]"))
            .await
            .unwrap();
    let mut opened = false;
    for row in rows {
        if row.text().await.unwrap().contains("Wirtschaftsdelegation") {
            row.click().await.unwrap();
            opened = true;
            break;
        }
    }
    assert!(opened);
    ui.wait_text("[data-testid=participant]", "周敏 Zhou Min")
        .await;
    let item = ui
        .wait_text("[data-testid=programme-item]", "Besuch des Hafens Luzhou")
        .await;
    assert!(item.contains("09:30–11:00 CST"), "{item}");
    ui.wait_count("[data-testid=programme-item]", 1).await;
    ui.shot("07-after-restart").await;

    // Next year's visit from this one as the template.
    ui.click("[data-testid=duplicate-visit]").await;
    ui.set("[name=duplicate_first_day]", "2029-04-09").await;
    ui.click("[data-testid=create-copy]").await;
    ui.wait_text(".overview", "9. April 2029").await;
    let copied = ui
        .wait_text("[data-testid=programme-item]", "Besuch des Hafens Luzhou")
        .await;
    assert!(
        copied.contains("09:30–11:00 CST"),
        "local times are kept: {copied}"
    );
    ui.shot("08-duplicated").await;

    // Cancelling keeps the visit and its programme.
    ui.click("[data-testid=cancel-visit]").await;
    ui.click("[data-testid=confirm-cancel-visit]").await;
    ui.wait_text(".overview", "Abgesagt").await;
    ui.wait_count("[data-testid=programme-item]", 1).await;

    // Once the visit is over, its personal data can be removed; the overview
    // records that it was.
    ui.click("[data-testid=purge-personal-data]").await;
    ui.click("[data-testid=confirm-purge]").await;
    ui.el("[data-testid=purge-report]").await;
    ui.wait_text("[data-testid=purged-on]", "gelöscht").await;
    ui.shot("09-purged").await;
    ui.click("[data-testid=back]").await;
    // The year's option exists once the list has loaded again; a value set
    // before that would select nothing.
    ui.el("[data-testid=year-filter] option[value='2029']")
        .await;
    ui.set("[data-testid=year-filter]", "2029").await;
    ui.wait_count("[data-testid=visit-row]", 1).await;
    let row = ui.wait_text("[data-testid=visit-row]", "2029").await;
    assert!(row.contains("Abgesagt"), "{row}");
    ui.c.close().await.unwrap();
    eprintln!("e2e: done");
}

/// A second start finds the running app over D-Bus, hands over and exits;
/// the first keeps running. Needs a session bus: `.ci/test` runs the
/// end-to-end tests under `dbus-run-session`.
#[test]
#[ignore = "needs a display and a D-Bus session bus; run by .ci/test"]
fn a_second_start_hands_over_to_the_running_app() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session bus: run this test under dbus-run-session"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("single.sqlite3");
    let start = || {
        Command::new(env!("CARGO_BIN_EXE_delegation-planner"))
            .process_group(0)
            .env("DPLAN_DB", &db)
            .env("DPLAN_TRACE", "1")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the app starts")
    };

    let mut first = Group(start());
    // The first start is up once its window has painted the visit list.
    let stderr = first.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.trim() == "dplan-trace: shown visits" {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(WAIT)
        .expect("the first start reports its visit list painted (DPLAN_TRACE)");

    let mut second = Group(start());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = second.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < WAIT,
            "the second start did not hand over and exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the second start exits cleanly: {status}");
    assert!(
        first.0.try_wait().unwrap().is_none(),
        "the first start keeps running"
    );
}

/// Issue 12's regressions in the real window: a visit whose dates an older
/// version stored at the calendar's limits is opened (its conflict check
/// once panicked and left every later command answering "restart the
/// app"; its days would have made the agenda loop over millennia), and a
/// 1.6 KB workbook claiming the whole sheet is dropped on the import
/// dialog (it once made the reader allocate 512 GiB and abort the app).
/// Each ends with a message, and the app works on.
#[tokio::test(flavor = "current_thread")]
#[ignore = "needs a display and tauri-driver; run by .ci/test under xvfb-run"]
async fn hostile_files_never_take_the_app_down() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.sqlite3");
    {
        let mut store = dplan_api::Store::open(&db).unwrap();
        store.load_demo().unwrap();
    }
    // Rows as an older dplan could have left them: no version of the store
    // today accepts these dates.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "UPDATE visit SET first_day = '-262143-01-01', last_day = '-262143-01-05'
               WHERE title_de LIKE 'Besuch der Delegation aus Luzhou%';
             UPDATE programme_item SET start_local = '+262142-12-31T23:00', end_local = '+262142-12-31T23:30'
               WHERE all_day = 0 AND visit_id IN
                 (SELECT id FROM visit WHERE title_de LIKE 'Besuch der Delegation aus Luzhou%');",
        )
        .unwrap();
    let shots = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("artifacts/e2e");
    std::fs::create_dir_all(&shots).unwrap();
    let _driver = start_driver(&db, &shots.join("tauri-driver-hostile.log"));
    let ui = Ui {
        c: open_app().await,
        shots: shots.clone(),
    };
    ui.wait_count("[data-testid=visit-row]", 2).await;
    let row = ui
        .row_with(
            "[data-testid=visit-row]",
            "Besuch der Delegation aus Luzhou",
        )
        .await;
    row.click().await.unwrap();
    // The visit is refused by name (its dates lie outside what the screens
    // can show), with the toolbar still there to export or delete it.
    let message = ui
        .wait_text(
            "p.error[role=alert]",
            "liegt außerhalb der Daten, mit denen dplan plant",
        )
        .await;
    assert!(message.contains("visit.first_day"), "{message}");
    ui.el("[data-testid=back]").await;
    ui.shot("10-legacy-dates").await;
    ui.click("[data-testid=back]").await;
    ui.wait_count("[data-testid=visit-row]", 2).await;

    let row = ui
        .row_with(
            "[data-testid=visit-row]",
            "Delegationsreise der Stadt Herne nach Luzhou",
        )
        .await;
    row.click().await.unwrap();
    ui.click("[data-testid=open-list-import]").await;
    ui.el("[data-testid=list-drop]").await;
    let bomb = include_bytes!("../fixtures/dimension-bomb.xlsx");
    ui.c.execute(
        "const bytes = Uint8Array.from(arguments[0]);
         const file = new File([bytes], 'liste.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
         const dt = new DataTransfer();
         dt.items.add(file);
         const zone = document.querySelector('[data-testid=list-drop]');
         zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
        vec![json!(bomb.to_vec())],
    )
    .await
    .unwrap();
    let message = ui
        .el("[data-testid=list-error]")
        .await
        .text()
        .await
        .unwrap();
    eprintln!("e2e: the bomb was refused: {message}");
    ui.shot("11-workbook-bomb").await;
    ui.click("[data-testid=close-list-import]").await;
    ui.click("[data-testid=back]").await;
    ui.wait_count("[data-testid=visit-row]", 2).await;
    ui.c.close().await.unwrap();
}

/// A planner points the app at the team's database on a server: a
/// connection test says what it holds, the app then works on it (the demo
/// loaded lands on the server), the password is never saved, and the way
/// back to the local file is the same dialog. Needs the test server
/// (`.ci/test` runs the end-to-end tests under `.ci/with-servers`).
#[test]
#[ignore = "needs a display, tauri-driver and the test server; run by .ci/test"]
fn a_planner_switches_the_app_to_the_team_database_and_back() {
    // The server's client blocks, so it is used outside the runtime that
    // drives the window.
    let server = dplan_store::testing::Scratch::new();
    let (scheme, rest) = server.url.split_once("://").unwrap();
    let (login, host) = rest.split_once('@').unwrap();
    let (user, password) = login.split_once(':').unwrap();
    let address = format!("{scheme}://{user}@{host}");

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    let shots = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("artifacts/e2e");
    std::fs::create_dir_all(&shots).unwrap();
    let _driver = start_driver(&db, &shots.join("tauri-driver-database.log"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(switch_and_back(
        &dir,
        shots,
        &address,
        password,
        &server.url,
    ));
    let team = dplan_api::Store::connect(&server.url).unwrap();
    assert_eq!(
        team.list_visits().unwrap().len(),
        2,
        "the demo loaded in the app is on the server"
    );
}

async fn switch_and_back(
    dir: &tempfile::TempDir,
    shots: PathBuf,
    address: &str,
    password: &str,
    url: &str,
) {
    let ui = Ui {
        c: open_app().await,
        shots: shots.clone(),
    };
    ui.wait_text("[data-testid=database-location]", "e2e.sqlite3")
        .await;
    ui.click("[data-testid=database-change]").await;
    ui.click("[data-testid=database-kind-server]").await;
    ui.set("[data-testid=database-address]", address).await;
    ui.set("[data-testid=database-password]", password).await;
    ui.click("[data-testid=database-test]").await;
    let tested = ui
        .wait_text("[data-testid=database-tested]", "Verbunden")
        .await;
    assert!(tested.contains("0 Besuche"), "{tested}");
    assert!(!tested.contains(password), "{tested}");
    ui.shot("10-database-dialog").await;
    ui.click("[data-testid=database-use]").await;
    ui.wait_text("[data-testid=database-location]", "postgres://")
        .await;

    // The team database is empty: the demo offered and loaded goes there.
    ui.click("[data-testid=demo-offer] button").await;
    ui.wait_count("[data-testid=visit-row]", 2).await;
    ui.shot("11-team-database").await;

    // A colleague renames a visit on the server: the open list shows it
    // without anyone asking (live updates), and says nothing else.
    let colleague = url.to_string();
    std::thread::spawn(move || {
        let mut store = dplan_api::Store::connect(&colleague).unwrap();
        let mut visit = store.list_visits().unwrap().remove(0);
        visit.title.de = Some("Vom Kollegen umbenannt".into());
        store.update_visit(&visit).unwrap();
    })
    .join()
    .unwrap();
    ui.wait_text("[data-testid=visit-row]", "Vom Kollegen umbenannt")
        .await;
    let saved = std::fs::read_to_string(dir.path().join("config/de.herne.dplan/database")).unwrap();
    assert_eq!(
        saved.trim(),
        address,
        "the address is saved, the password never"
    );

    // Back to the local file, which still holds nothing.
    ui.click("[data-testid=database-change]").await;
    ui.click("[data-testid=database-settings] input[value=file]")
        .await;
    ui.click("[data-testid=database-use]").await;
    ui.wait_text("[data-testid=database-location]", ".sqlite3")
        .await;
    ui.el("[data-testid=demo-offer]").await;
    assert!(!dir.path().join("config/de.herne.dplan/database").exists());
    ui.c.close().await.unwrap();
}
