//! The rules every export keeps, checked on the raw bytes of every file the
//! other tests make.

use dplan_core::view::VisitView;
use dplan_core::{Lang, demo};
use dplan_ics::Scope;

use crate::{cases::cases_file, options};

/// All the files: each demo visit whole and per participant and per staff
/// member, in every language pair, and the cases file.
pub fn all_exports() -> Vec<(String, VisitView, String)> {
    let mut views: Vec<VisitView> = demo::visits(demo::stamp())
        .iter()
        .map(VisitView::new)
        .collect();
    views.push(VisitView::new(&cases_file()));
    let pairs = [
        vec![Lang::De],
        vec![Lang::De, Lang::Zh],
        vec![Lang::De, Lang::En],
        vec![Lang::En, Lang::Zh],
    ];
    let mut out = Vec::new();
    for view in views {
        let mut scopes = vec![Scope::Visit];
        for p in &view.participants {
            scopes.push(Scope::Participant(p.person_id));
            if view
                .programme
                .iter()
                .any(|i| i.responsible.iter().any(|r| r.person_id == p.person_id))
            {
                scopes.push(Scope::Staff(p.person_id));
            }
        }
        for scope in scopes {
            for langs in &pairs {
                if let Ok(text) = dplan_ics::export(&view, scope, &options(langs)) {
                    out.push((
                        format!("{} {scope:?} {langs:?}", view.visit.id),
                        view.clone(),
                        text,
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_file_keeps_the_line_rules() {
    let files = all_exports();
    assert!(files.len() > 50, "{}", files.len());
    for (name, _, text) in &files {
        let bytes = text.as_bytes();
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: no BOM");
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
        for (n, line) in text.split_terminator("\r\n").enumerate() {
            assert!(
                line.len() <= 75,
                "{name} line {n}: {} octets: {line}",
                line.len()
            );
            assert!(
                !line.contains(['\r', '\n']),
                "{name} line {n}: a bare CR or LF"
            );
            assert!(
                !line.chars().any(|c| c.is_control() && c != '\t'),
                "{name} line {n}"
            );
        }
    }
}

#[test]
fn every_file_names_itself_and_defines_every_zone_it_uses() {
    for (name, _, text) in all_exports() {
        let unfolded = text.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split_terminator("\r\n").collect();
        assert!(lines.contains(&"METHOD:PUBLISH"), "{name}");
        assert!(
            lines.iter().any(|l| l.starts_with("X-WR-CALNAME:")),
            "{name}"
        );
        let defined: Vec<&str> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("TZID:"))
            .collect();
        for l in &lines {
            if let Some(rest) = l.split_once(";TZID=").map(|(_, r)| r) {
                let tzid = rest.split([':', ';']).next().unwrap();
                assert!(defined.contains(&tzid), "{name}: {tzid} has no VTIMEZONE");
            }
            if l.starts_with("DTSTAMP:") {
                assert!(
                    l.ends_with('Z') && l.len() == "DTSTAMP:20270301T080000Z".len(),
                    "{name}: {l}"
                );
            }
            // No floating times: a timed value has a zone or is UTC.
            if (l.starts_with("DTSTART") || l.starts_with("DTEND")) && !l.contains("VALUE=DATE") {
                let in_timezone_block =
                    l.starts_with("DTSTART:") && l.len() == "DTSTART:19700101T000000".len();
                assert!(
                    l.contains(";TZID=") || l.ends_with('Z') || in_timezone_block,
                    "{name}: floating {l}"
                );
            }
        }
        // Each VTIMEZONE has at least one STANDARD observance (Outlook needs one).
        for block in unfolded.split("BEGIN:VTIMEZONE").skip(1) {
            let block = block.split("END:VTIMEZONE").next().unwrap();
            assert!(block.contains("BEGIN:STANDARD"), "{name}: {block}");
        }
    }
}
