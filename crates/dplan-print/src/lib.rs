//! Printed itineraries: per visit or per person, in one language or two
//! (beside each other or one under the other), as an A4 PDF and as HTML for
//! the app's print dialog.
//!
//! [`Document::new`] turns a [`VisitView`](dplan_core::view::VisitView) into
//! the itinerary's texts, formatted once in Rust (core's [`words`]: dates, labels,
//! zone abbreviations); [`pdf`] typesets it with Typst (`assets/itinerary.typ`)
//! and [`html`] writes the same content as a page. The CLI and the app call
//! the same functions, so the same input and stamp give the same PDF.
//!
//! Why Typst: it runs as a library without a display (the CLI needs that;
//! WebKit's print-to-PDF works only inside the app), keeps an item on one
//! page and repeats headers and footers by rule, breaks Chinese lines
//! properly and embeds subsetted fonts, so the Chinese is searchable text.

mod html;
mod model;
mod pdf;
mod qr;

pub use dplan_core::words;

pub use html::{fragment, html};
pub use model::{
    Contact, Day, Document, Emergency, Entry, Layout, Member, Needs, PrintOptions, Scope, Stay,
    needs_of,
};
pub use pdf::{CJK_FAMILIES, cjk_font_available};

use dplan_core::{MissingTranslation, view::VisitView};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrintError {
    #[error("the person {0} takes no part in this visit")]
    NotInVisit(dplan_core::PersonId),
    #[error(
        "no font for Chinese is installed (looked for {0}); on Debian: apt install fonts-noto-cjk"
    )]
    NoCjkFont(String),
    #[error("the itinerary could not be typeset: {0}")]
    Layout(String),
    /// An itinerary is written in one language or two, each once.
    #[error("an itinerary has one or two languages, each once; {0} were asked for")]
    Languages(usize),
}

/// A missing font is the machine's set-up; a typesetting failure is
/// dplan's own.
impl dplan_core::Kinded for PrintError {
    fn kind(&self) -> dplan_core::ErrorKind {
        match self {
            PrintError::NotInVisit(_) => dplan_core::ErrorKind::NotFound,
            PrintError::Languages(_) => dplan_core::ErrorKind::Invalid,
            PrintError::NoCjkFont(_) => dplan_core::ErrorKind::Storage,
            PrintError::Layout(_) => dplan_core::ErrorKind::Internal,
        }
    }

    fn problem(&self) -> Option<dplan_core::Problem> {
        use dplan_core::Problem;
        Some(match self {
            PrintError::NotInVisit(p) => Problem::NotInVisit { id: p.to_string() },
            PrintError::NoCjkFont(looked) => Problem::NoCjkFont {
                looked: looked.clone(),
            },
            PrintError::Languages(n) => Problem::ItineraryLanguages { asked: *n as u32 },
            // dplan's own fault: its message is for the developers.
            PrintError::Layout(_) => return None,
        })
    }
}

/// The itinerary of `view` for `scope` as a PDF.
pub fn pdf(view: &VisitView, scope: Scope, options: &PrintOptions) -> Result<Vec<u8>, PrintError> {
    let doc = document(view, scope, options)?;
    let ident = match scope {
        Scope::Visit => format!("dplan/{}", view.visit.id),
        Scope::Person(p) => format!("dplan/{}/{p}", view.visit.id),
    };
    pdf::pdf(&doc, options.stamp, &ident)
}

/// The itinerary of `view` for `scope` as one HTML page.
pub fn html_page(
    view: &VisitView,
    scope: Scope,
    options: &PrintOptions,
) -> Result<String, PrintError> {
    Ok(html(&document(view, scope, options)?))
}

/// The itinerary as an element with scoped style, for the app's preview,
/// and the texts it prints untranslated.
pub fn html_fragment(
    view: &VisitView,
    scope: Scope,
    options: &PrintOptions,
) -> Result<(String, Vec<MissingTranslation>), PrintError> {
    let doc = document(view, scope, options)?;
    Ok((fragment(&doc), doc.missing))
}

/// The texts the itinerary of `view` for `scope` prints in another
/// language than asked for, because they have no translation.
pub fn missing_translations(
    view: &VisitView,
    scope: Scope,
    options: &PrintOptions,
) -> Result<Vec<MissingTranslation>, PrintError> {
    Ok(document(view, scope, options)?.missing)
}

fn document(
    view: &VisitView,
    scope: Scope,
    options: &PrintOptions,
) -> Result<Document, PrintError> {
    // The rule is kept here, once, for the app and the CLI alike.
    let l = &options.langs;
    if l.is_empty() || l.len() > 2 || (l.len() == 2 && l[0] == l[1]) {
        return Err(PrintError::Languages(l.len()));
    }
    Document::new(view, scope, options).ok_or(match scope {
        Scope::Person(p) => PrintError::NotInVisit(p),
        Scope::Visit => PrintError::Layout("no document".into()),
    })
}
