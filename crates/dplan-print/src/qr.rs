//! QR codes for printed links, as SVG: one square per dark module on a
//! white ground with the four-module quiet zone scanners need.

use std::fmt::Write;

use qrcodegen::{QrCode, QrCodeEcc};

/// The QR code of `text` (error correction M: a folded or smudged page
/// still scans), or `None` if it is too long for a QR code.
pub fn svg(text: &str) -> Option<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = qr.size();
    let dim = size + 2 * border;
    let mut path = String::with_capacity((size * size) as usize * 6);
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + border, y + border);
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{dim}\" height=\"{dim}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_an_svg_of_squares() {
        let svg =
            svg("https://www.herne.de/kalender/0123456789abcdef0123456789abcdef.ics").unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(
            svg.matches('M').count() > 200,
            "a version 4+ code has hundreds of dark modules"
        );
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn too_much_text_gives_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
