//! The itinerary as one self-contained HTML page for the app's print dialog
//! and for `dplan export-itinerary … -o FILE.html`: the same document as the
//! PDF, with print CSS (A4, an item never split across pages). Every text is
//! escaped; the page has no script and loads nothing.

use std::fmt::Write;

use crate::{Document, Layout};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Every rule is scoped to `.itinerary`, so the same markup can sit inside
/// the app's window (print preview) without touching the app's own styles.
const STYLE: &str = r#"
@page { size: A4; margin: 20mm 18mm 18mm 18mm; }
.itinerary { --ink: #1d2530; --muted: #5b6470; --rule: #c9ced6; --accent: #9b1b30;
  font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 9.5pt; color: var(--ink); background: #fff; }
.itinerary .cover { min-height: 250mm; display: flex; flex-direction: column; break-after: page; padding-top: 25mm; }
.itinerary .kicker { color: var(--accent); font-weight: bold; letter-spacing: .06em; text-transform: uppercase; font-size: 8.5pt; }
.itinerary h1 { font-size: 24pt; margin: 6mm 0 2mm; }
.itinerary .alt { font-size: 17pt; color: var(--muted); font-weight: bold; margin: 0 0 2mm; }
.itinerary .subtitle { color: var(--accent); font-size: 13pt; margin: 4mm 0 0; }
.itinerary .meta { font-size: 12pt; margin: 1.5mm 0; }
.itinerary .stamp { margin-top: auto; color: var(--muted); font-size: 8.5pt; }
.itinerary .stay { border: .5pt solid var(--rule); border-radius: 2pt; padding: 4mm; margin-top: 10mm; }
.itinerary .stay dt { color: var(--muted); float: left; clear: left; width: 32mm; }
.itinerary .stay dd { margin: 0 0 1.5mm 34mm; }
.itinerary h2 { font-size: 13pt; border-bottom: .8pt solid var(--accent); padding-bottom: 1mm; margin: 7mm 0 3mm; break-after: avoid; }
.itinerary h2 span + span { margin-left: 5mm; color: var(--muted); }
.itinerary table { width: 100%; border-collapse: collapse; }
.itinerary td, .itinerary th { text-align: left; vertical-align: top; padding: 2mm 1mm; border-bottom: .4pt solid var(--rule); }
.itinerary th { color: var(--muted); font-weight: normal; font-size: 8pt; }
.itinerary tr { break-inside: avoid; }
.itinerary .muted { color: var(--muted); }
.itinerary .day { background: #f1f3f6; padding: 2mm 2.5mm; font-weight: bold; font-size: 10.5pt; margin-top: 4mm; break-after: avoid; }
.itinerary .item { display: grid; grid-template-columns: 30mm 1fr; gap: 4mm; padding: 2.2mm 0; border-bottom: .4pt solid var(--rule); break-inside: avoid; }
.itinerary .time { font-weight: bold; }
.itinerary .langs.side { display: grid; grid-template-columns: repeat(var(--n), 1fr); gap: 5mm; }
.itinerary .langs.stacked > div + div { color: var(--muted); font-size: .92em; }
.itinerary .title { font-weight: bold; }
.itinerary .cancelled .title { text-decoration: line-through; }
.itinerary .status { color: var(--accent); font-weight: bold; font-size: 8pt; text-transform: uppercase; }
.itinerary .duty { display: inline-block; background: var(--accent); color: #fff; font-weight: bold; font-size: 7.5pt; padding: 0 0.3em; border-radius: 2px; }
.itinerary .details { font-size: 8.5pt; margin-top: .8mm; }
.itinerary .details div { margin-top: 1mm; white-space: pre-line; }
.itinerary .contacts { break-before: page; }
.itinerary .contacts .phone { white-space: nowrap; }
.itinerary .contacts .email { overflow-wrap: anywhere; }
.itinerary .calendar .qr svg { width: 30mm; height: 30mm; }
.itinerary .calendar .url { font-family: monospace; font-size: 0.85em; overflow-wrap: anywhere; }
.itinerary .marks { border: 1pt solid var(--accent); border-radius: 2pt; padding: 2mm 3mm; margin-top: 4mm; color: var(--accent); font-weight: bold; font-size: 10pt; align-self: flex-start; }
.itinerary .visit-notes { background: #f1f3f6; border-radius: 2pt; padding: 4mm; margin-top: 8mm; }
.itinerary .internal { border-left: 1.2pt solid var(--accent); padding-left: 2.5mm; }
.itinerary .internal > .label { color: var(--accent); font-weight: bold; font-size: 8pt; display: block; }
"#;

/// One text per language: beside each other, or the others below.
fn langs(doc: &Document, texts: &[String], class: &str) -> String {
    let side = doc.layout == Layout::SideBySide && texts.len() > 1;
    let mut out = format!(
        "<div class=\"langs {}\" style=\"--n:{}\">",
        if side { "side" } else { "stacked" },
        texts.len()
    );
    for (i, t) in texts.iter().enumerate() {
        if !side && (t.is_empty() || (i > 0 && *t == texts[0])) {
            continue;
        }
        let _ = write!(
            out,
            "<div class=\"{class}\" lang=\"{}\">{}</div>",
            doc.lang[i],
            esc(t)
        );
    }
    out.push_str("</div>");
    out
}

fn dedup(texts: &[String]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for t in texts {
        if !t.is_empty() && !seen.contains(&t.as_str()) {
            seen.push(t);
        }
    }
    esc(&seen.join(" / "))
}

fn heading(doc: &Document, texts: &[&str]) -> String {
    let mut out = String::from("<h2>");
    let mut seen = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        if !seen.contains(t) {
            seen.push(*t);
            let _ = write!(out, "<span lang=\"{}\">{}</span>", doc.lang[i], esc(t));
        }
    }
    out.push_str("</h2>");
    out
}

/// Internal notes, set apart in the accent colour.
fn internal(label: &str, lines: &[String]) -> String {
    format!(
        "<div class=\"internal\"><span class=\"label\">{}</span>{}</div>",
        esc(label),
        esc(&lines.join("\n"))
    )
}

/// A whole HTML page (`dplan export-itinerary -o FILE.html`).
pub fn html(doc: &Document) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>{}</body></html>\n",
        doc.lang[0],
        esc(&doc.header),
        fragment(doc)
    )
}

/// The itinerary as an element with its scoped style, for the app's print
/// preview.
pub fn fragment(doc: &Document) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<style>{STYLE}</style><div class=\"itinerary\" lang=\"{}\">",
        doc.lang[0]
    );
    // Cover.
    o.push_str("<section class=\"cover\">");
    let _ = write!(o, "<div class=\"kicker\">{}</div>", dedup(&doc.kicker));
    if !doc.marks.is_empty() {
        o.push_str("<div class=\"marks\" data-testid=\"itinerary-marks\">");
        for m in &doc.marks {
            let _ = write!(o, "<div>{}</div>", esc(m));
        }
        o.push_str("</div>");
    }
    for (i, t) in doc.title.iter().enumerate() {
        if i == 0 {
            let _ = write!(o, "<h1 lang=\"{}\">{}</h1>", doc.lang[i], esc(t));
        } else if *t != doc.title[0] {
            let _ = write!(
                o,
                "<p class=\"alt\" lang=\"{}\">{}</p>",
                doc.lang[i],
                esc(t)
            );
        }
    }
    for t in &doc.subtitle {
        let _ = write!(o, "<p class=\"subtitle\">{}</p>", esc(t));
    }
    let _ = write!(o, "<p class=\"meta\">{}</p>", esc(&doc.cities));
    for t in &doc.dates {
        let _ = write!(o, "<p class=\"meta\">{}</p>", esc(t));
    }
    if let Some(stay) = doc.stay.as_ref().filter(|s| !s.lines.is_empty()) {
        let _ = write!(
            o,
            "<div class=\"stay\"><strong>{}</strong><dl>",
            dedup(
                &doc.labels
                    .your_stay
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
            )
        );
        for l in &stay.lines {
            let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", esc(&l.label), esc(&l.value));
        }
        o.push_str("</dl></div>");
    }
    if doc.guest_notes.iter().any(|t| !t.is_empty()) {
        let _ = write!(
            o,
            "<div class=\"visit-notes\"><strong>{}</strong>{}</div>",
            esc(&doc.labels.notes),
            langs(doc, &doc.guest_notes, "note")
        );
    }
    if !doc.internal_notes.is_empty() {
        o.push_str(&internal(&doc.labels.internal_notes, &doc.internal_notes));
    }
    o.push_str("<div class=\"stamp\">");
    for t in &doc.stamp {
        let _ = write!(o, "<div>{}</div>", esc(t));
    }
    o.push_str("</div></section>");

    // Delegation and hosts.
    for (title, rows) in [
        (&doc.labels.delegation, &doc.guests),
        (&doc.labels.hosts, &doc.hosts),
        (&doc.labels.staff, &doc.staff),
    ] {
        if rows.is_empty() {
            continue;
        }
        o.push_str(&heading(doc, title));
        o.push_str("<table>");
        for (k, r) in rows.iter().enumerate() {
            let _ = write!(
                o,
                "<tr><td class=\"muted\">{}.</td><td><strong>{}</strong>{}<br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td></tr>",
                k + 1,
                esc(&r.name),
                if r.address.iter().any(|a| !a.is_empty()) {
                    format!("<br><em>{}</em>", dedup(&r.address))
                } else {
                    String::new()
                },
                dedup(&r.role),
                dedup(&r.title),
                dedup(&r.organisation)
            );
        }
        o.push_str("</table>");
    }

    // Programme.
    o.push_str(&heading(doc, &doc.labels.programme));
    if doc.days.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(doc.labels.nothing[0]));
    }
    for day in &doc.days {
        let _ = write!(
            o,
            "<div class=\"day\">{}</div>",
            langs(doc, &day.heading, "heading")
        );
        for e in &day.items {
            let _ = write!(
                o,
                "<div class=\"item{}\" data-testid=\"{}\"><div class=\"time\">{}</div><div>",
                if e.cancelled { " cancelled" } else { "" },
                if e.arrival {
                    "itinerary-arrival"
                } else {
                    "itinerary-item"
                },
                esc(&e.time)
            );
            o.push_str(&langs(doc, &e.title, "title"));
            if !e.status[0].is_empty() {
                let _ = write!(o, "<div class=\"status\">{}</div>", dedup(&e.status));
            }
            if !e.duty.is_empty() {
                let _ = write!(
                    o,
                    "<div class=\"duty\" data-testid=\"itinerary-duty\">{}</div>",
                    dedup(&e.duty)
                );
            }
            if !e.venue[0].is_empty() {
                o.push_str(&langs(doc, &e.venue, "venue"));
            }
            o.push_str("<div class=\"details\">");
            if !e.transport.is_empty() {
                let _ = write!(
                    o,
                    "<div data-testid=\"itinerary-transport\"><span class=\"muted\">{}{}</span><strong>{}</strong></div>",
                    esc(&doc.labels.transport),
                    doc.labels.colon,
                    esc(&e.transport)
                );
            }
            if !e.address.is_empty() {
                let _ = write!(o, "<div class=\"muted\">{}</div>", esc(&e.address));
            }
            if !e.address_zh.is_empty() {
                let _ = write!(
                    o,
                    "<div lang=\"zh\" data-testid=\"itinerary-address-zh\">{}</div>",
                    esc(&e.address_zh)
                );
            }
            for (label, value) in [
                (&doc.labels.attendees, &e.attendees),
                (&doc.labels.responsible, &e.responsible),
            ] {
                if !value.is_empty() {
                    let _ = write!(
                        o,
                        "<div><span class=\"muted\">{}{}</span>{}</div>",
                        esc(label),
                        doc.labels.colon,
                        esc(value)
                    );
                }
            }
            if !e.dress[0].is_empty() {
                let labels: Vec<String> = doc
                    .labels
                    .dress_code
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                let _ = write!(
                    o,
                    "<div><span class=\"muted\">{}{}</span>{}</div>",
                    dedup(&labels),
                    doc.labels.colon,
                    dedup(&e.dress)
                );
            }
            if e.guest_notes.iter().any(|t| !t.is_empty()) {
                let _ = write!(
                    o,
                    "<div><span class=\"muted\">{}{}</span>{}</div>",
                    esc(&doc.labels.notes),
                    doc.labels.colon,
                    dedup(&e.guest_notes)
                );
            }
            if !e.notes.is_empty() {
                o.push_str(&internal(&doc.labels.internal_notes, &e.notes));
            }
            if !e.needs.is_empty() {
                o.push_str(&internal(&doc.labels.needs, &e.needs));
            }
            o.push_str("</div></div></div>");
        }
    }

    // Contacts.
    if !doc.contacts.is_empty() {
        o.push_str("<section class=\"contacts\">");
        o.push_str(&heading(doc, &doc.labels.contacts));
        let _ = write!(
            o,
            "<table><tr><th></th><th></th><th>{}</th><th>{}</th></tr>",
            esc(&doc.labels.phone),
            esc(&doc.labels.email)
        );
        for c in &doc.contacts {
            let _ = write!(
                o,
                "<tr><td><strong>{}</strong><br><span class=\"muted\">{}</span></td><td>{}</td><td class=\"phone\">{}</td><td class=\"email\">{}</td></tr>",
                esc(&c.name),
                dedup(&c.role),
                dedup(&c.organisation),
                esc(&c.phone),
                esc(&c.email)
            );
        }
        o.push_str("</table></section>");
    }
    if !doc.emergency.is_empty() {
        o.push_str("<section class=\"emergency\">");
        o.push_str(&heading(doc, &doc.labels.emergency));
        o.push_str("<table>");
        for x in &doc.emergency {
            let _ = write!(
                o,
                "<tr><td>{}</td><td><strong>{}</strong></td></tr>",
                dedup(&x.label),
                esc(x.number)
            );
        }
        o.push_str("</table></section>");
    }
    if let Some(c) = &doc.calendar {
        o.push_str("<section class=\"calendar\">");
        o.push_str(&heading(doc, &c.title));
        // The SVG is ours (squares from the QR encoder), not user text.
        let _ = write!(
            o,
            "<div class=\"qr\">{}</div><p>{}</p><p class=\"url\">{}</p></section>",
            c.qr,
            dedup(&c.hint),
            esc(&c.url)
        );
    }
    let _ = write!(
        o,
        "<footer class=\"muted\">{}</footer></div>",
        esc(&doc.footer)
    );
    o
}
