//! The PDF: the itinerary template (`assets/itinerary.typ`) compiled by
//! Typst used as a library, with the document as `data.json` beside it.
//!
//! Typst lays the pages out (A4, headers and footers, no item split across
//! pages), breaks Chinese lines correctly, and embeds subsets of the fonts
//! used, so Chinese is real text that can be searched and copied. Fonts come
//! from the system, searched once per process: Latin text in "Noto Sans"
//! (Debian's fonts-noto-core) where it is installed, so German quotation marks
//! and punctuation keep Latin widths; Chinese in "Noto Sans CJK SC" (Debian's
//! fonts-noto-cjk; Source Han Sans, Microsoft YaHei or PingFang elsewhere).

use std::sync::OnceLock;

use chrono::{Datelike, Timelike};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::{FontSlot, Fonts};

use crate::{Document, PrintError};

const TEMPLATE: &str = include_str!("../../../assets/itinerary.typ");

/// The families the template asks for Chinese, in its order.
pub const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<FontSlot>,
}

/// The library and the system's fonts, found once: searching the font
/// folders takes longer than typesetting an itinerary.
fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let Fonts { book, fonts } = Fonts::searcher().include_system_fonts(true).search();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
        }
    })
}

/// Whether a font the template uses for Chinese is installed.
pub fn cjk_font_available() -> bool {
    let book = &shared().book;
    CJK_FAMILIES
        .iter()
        .any(|f| book.contains_family(&f.to_lowercase()))
}

struct Sheet {
    main: Source,
    data: Bytes,
}

impl World for Sheet {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id.vpath().as_rootless_path() == std::path::Path::new("data.json") {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index)?.get()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

fn diagnostics(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Typesets the document and writes the PDF. The same document and stamp
/// give the same bytes.
pub fn pdf(
    doc: &Document,
    stamp: chrono::DateTime<chrono::Utc>,
    ident: &str,
) -> Result<Vec<u8>, PrintError> {
    if !cjk_font_available() {
        return Err(PrintError::NoCjkFont(CJK_FAMILIES.join(", ")));
    }
    let data = serde_json::to_vec(doc).map_err(|e| PrintError::Layout(e.to_string()))?;
    let sheet = Sheet {
        main: Source::new(
            FileId::new(None, VirtualPath::new("main.typ")),
            TEMPLATE.into(),
        ),
        data: Bytes::new(data),
    };
    let paged: PagedDocument = typst::compile(&sheet)
        .output
        .map_err(|e| PrintError::Layout(diagnostics(&e)))?;
    let when = Datetime::from_ymd_hms(
        stamp.year(),
        stamp.month() as u8,
        stamp.day() as u8,
        stamp.hour() as u8,
        stamp.minute() as u8,
        stamp.second() as u8,
    );
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: when.map(typst_pdf::Timestamp::new_utc),
        ..typst_pdf::PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&paged, &options).map_err(|e| PrintError::Layout(diagnostics(&e)));
    // Typst memoizes layout across compilations; an app that prints now and
    // then would only keep growing, so the caches are dropped each time (the
    // fonts stay loaded).
    typst::comemo::evict(0);
    pdf
}
