//! The content-line rules the `ics` crate does not keep: folding to 75
//! octets including the space that starts a continuation line, text without
//! control characters, and parameter values quoted when they must be.

use std::borrow::Cow;

/// The longest physical line, in octets, without its CRLF (RFC 5545 3.1).
pub const LINE_OCTETS: usize = 75;

/// Refolds an iCalendar text: joins the lines the writer folded and folds
/// every content line again so that no physical line, the leading space of
/// a continuation included, exceeds [`LINE_OCTETS`], and no UTF-8 character
/// is split. Every line ends in CRLF.
///
/// The `ics` crate folds after 75 octets and then starts each continuation
/// with a space followed by up to 75 more, so its continuation lines are 76
/// octets long; strict readers reject them.
pub fn refold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 24);
    refold_into(&mut out, text);
    out
}

/// [`refold`], appending to `out`.
pub fn refold_into(out: &mut String, text: &str) {
    let mut line = String::new();
    for physical in text.split("\r\n") {
        if let Some(rest) = physical.strip_prefix(' ') {
            line.push_str(rest);
            continue;
        }
        if !line.is_empty() {
            fold_into(out, &line);
        }
        line.clear();
        line.push_str(physical);
    }
    if !line.is_empty() {
        fold_into(out, &line);
    }
}

fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation line begins with the space.
        limit = LINE_OCTETS - 1;
    }
}

/// Text for a TEXT value: control characters other than line breaks and
/// tabs become spaces (RFC 5545 allows none in TEXT), CR LF and lone CR
/// become line breaks, and the result is escaped (`\\`, `;`, `,`, line
/// breaks as `\n`), so no value can end its line or start a new property.
pub fn text(value: &str) -> String {
    let clean: Cow<str> = if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        value
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| match c {
                '\n' | '\t' => c,
                '\u{2028}' | '\u{2029}' => '\n',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect::<String>()
            .into()
    } else {
        value.into()
    };
    ics::escape_text(clean).into_owned()
}

/// A parameter value: quoted when it holds `:`, `;` or `,`; a double quote,
/// which no parameter value may hold, becomes a single one, and control
/// characters become spaces.
pub fn param(value: &str) -> Cow<'_, str> {
    let plain = !value
        .chars()
        .any(|c| matches!(c, ':' | ';' | ',' | '"') || c.is_control());
    if plain {
        return value.into();
    }
    let inner: String = value
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    if inner.contains([':', ';', ',']) {
        format!("\"{inner}\"").into()
    } else {
        inner.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<&str> {
        s.split_terminator("\r\n").collect()
    }

    #[test]
    fn continuation_lines_count_their_space() {
        let long = format!("DESCRIPTION:{}", "x".repeat(200));
        let folded = refold(&format!("{long}\r\n"));
        for l in lines(&folded) {
            assert!(l.len() <= LINE_OCTETS, "{} octets: {l}", l.len());
        }
        assert_eq!(lines(&folded)[0].len(), 75);
        assert_eq!(lines(&folded)[1].len(), 75);
        assert_eq!(refold(&folded), folded, "refolding is stable");
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn chinese_is_never_split() {
        let long = format!("SUMMARY:{}", "泸州市政府欢迎晚宴".repeat(12));
        let folded = refold(&format!("{long}\r\n"));
        for l in lines(&folded) {
            assert!(l.len() <= LINE_OCTETS);
            // Every physical line is valid UTF-8 on its own.
            assert!(std::str::from_utf8(l.as_bytes()).is_ok());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn the_ics_crates_own_folding_is_undone_first() {
        // What the crate writes: 75 octets, then " " + 75 octets.
        let crate_output = format!("SUMMARY:{}\r\n {}\r\n", "a".repeat(67), "b".repeat(75));
        let folded = refold(&crate_output);
        assert!(lines(&folded).iter().all(|l| l.len() <= 75));
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("SUMMARY:{}{}\r\n", "a".repeat(67), "b".repeat(75))
        );
    }

    #[test]
    fn a_value_cannot_break_out_of_its_line() {
        let evil = "Empfang\r\nEND:VEVENT\nBEGIN:VEVENT\rSUMMARY:x\u{b}; a, b \\";
        let t = text(evil);
        assert!(!t.contains(['\r', '\n', '\u{b}']), "{t}");
        assert_eq!(
            t,
            "Empfang\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:x \\; a\\, b \\\\"
        );
    }

    #[test]
    fn parameter_values_are_quoted_when_they_must_be() {
        assert_eq!(param("Europe/Berlin"), "Europe/Berlin");
        assert_eq!(
            param("Rathaus: Ratssaal, 1. OG"),
            "\"Rathaus: Ratssaal, 1. OG\""
        );
        assert_eq!(param("Say \"hi\"; ok"), "\"Say 'hi'; ok\"");
    }
}
