//! The TypeScript twins of the types that cross IPC are generated from the
//! Rust types by the application layer, which owns what crosses IPC, and
//! committed in `ui/src/lib/api/generated.ts`. This test
//! regenerates them; when the file was stale it writes the new one and fails,
//! so CI catches a forgotten regeneration and a local rerun fixes it.

use std::path::PathBuf;

use dplan_api::ErrorReport;
use dplan_api::data::PurgeRecord;
use dplan_api::database::{DatabaseChanged, DatabaseChoice, DatabaseInfo};
use dplan_api::exchange::{ImportReport, SharedRecords};
use dplan_api::itinerary::{ItineraryPreview, Layout};
use dplan_api::roster::{
    ColumnView, DraftView, Field, FieldChoice, ListReview, ListedOutcome, ListedRow, Mapping,
    ParticipantImportReport, RowError,
};
use dplan_core::ErrorKind;
use dplan_core::calendar::{
    FeedLinkView, PublishOutcome, PublishSettings, SavedCalendar, Withdrawn,
};
use dplan_core::conflict::{CheckSettings, TravelTime};
use dplan_core::view::{
    AppInfo, ItemView, ParticipantView, PersonEntry, PersonItem, PersonProgramme, PersonRef,
    VisitView,
};
use dplan_core::{
    ContactKind, Direction, Edition, FieldError, ItemKind, ItemStatus, Lang, LocalTimeInfo,
    MissingTranslation, Movement, NameOrder, Occurrence, Participant, Person, PersonalData,
    Problem, ProgrammeItem, Resolution, Role, Schedule, Severity, Side, TextField, Texts, Venue,
    Visit, VisitContact, VisitStatus, WallTime, Warning, WarningKind, ZonedLocal,
};
use dplan_core::{ItemId, PersonId, VenueId, VisitId};
use ts_rs::TS;

fn generated() -> String {
    let decls = [
        VisitId::decl(),
        PersonId::decl(),
        VenueId::decl(),
        ItemId::decl(),
        Lang::decl(),
        Texts::decl(),
        Direction::decl(),
        VisitStatus::decl(),
        ContactKind::decl(),
        VisitContact::decl(),
        Visit::decl(),
        NameOrder::decl(),
        PersonalData::decl(),
        Person::decl(),
        Side::decl(),
        Role::decl(),
        Occurrence::decl(),
        ZonedLocal::decl(),
        Movement::decl(),
        Participant::decl(),
        Venue::decl(),
        ItemKind::decl(),
        ItemStatus::decl(),
        Edition::decl(),
        SavedCalendar::decl(),
        PublishSettings::decl(),
        FeedLinkView::decl(),
        PublishOutcome::decl(),
        Withdrawn::decl(),
        Schedule::decl(),
        ProgrammeItem::decl(),
        PersonRef::decl(),
        PersonEntry::decl(),
        ParticipantView::decl(),
        ItemView::decl(),
        VisitView::decl(),
        PersonItem::decl(),
        PersonProgramme::decl(),
        AppInfo::decl(),
        DatabaseChoice::decl(),
        DatabaseInfo::decl(),
        DatabaseChanged::decl(),
        Resolution::decl(),
        LocalTimeInfo::decl(),
        WallTime::decl(),
        WarningKind::decl(),
        Severity::decl(),
        Warning::decl(),
        TravelTime::decl(),
        CheckSettings::decl(),
        FieldError::decl(),
        MissingTranslation::decl(),
        TextField::decl(),
        Problem::decl(),
        ErrorKind::decl(),
        ErrorReport::decl(),
        SharedRecords::decl(),
        ImportReport::decl(),
        Field::decl(),
        Mapping::decl(),
        RowError::decl(),
        ColumnView::decl(),
        FieldChoice::decl(),
        DraftView::decl(),
        ListReview::decl(),
        ListedOutcome::decl(),
        ListedRow::decl(),
        ParticipantImportReport::decl(),
        PurgeRecord::decl(),
        Layout::decl(),
        ItineraryPreview::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p dplan-api --test types`.\n\
         // Do not edit by hand: change the Rust type and rerun the test.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn typescript_types_are_current() {
    let path = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../../ui/src/lib/api/generated.ts");
    let fresh = generated();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        std::fs::write(&path, &fresh).unwrap();
        panic!(
            "{} was stale and has been regenerated; review and commit it",
            path.display()
        );
    }
}

/// The vocabulary of `dplan_core::words` for the app: every word the UI
/// shows for a code (roles, sides, kinds, statuses), in German, English and
/// Chinese, so the UI never retypes one.
fn vocabulary() -> String {
    let mut out = String::from(
        "// Generated from dplan-core's words.rs by `cargo test -p dplan-api --test types`.\n\
         // Do not edit by hand: change the word in Rust and rerun the test.\n\n\
         export const vocabulary = {\n",
    );
    for (section, words) in dplan_core::words::vocabulary() {
        out.push_str(&format!("  {section}: {{\n"));
        for (code, [de, en, zh]) in words {
            let q = |s: &str| serde_json::to_string(s).unwrap();
            out.push_str(&format!(
                "    {code}: {{ de: {}, en: {}, zh: {} }},\n",
                q(de),
                q(en),
                q(zh)
            ));
        }
        out.push_str("  },\n");
    }
    out.push_str("} as const;\n\nexport type Section = keyof typeof vocabulary;\n");
    out
}

#[test]
fn the_uis_vocabulary_is_current() {
    let path = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../../ui/src/lib/api/vocabulary.ts");
    let fresh = vocabulary();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        std::fs::write(&path, &fresh).unwrap();
        panic!(
            "{} was stale and has been regenerated; review and commit it",
            path.display()
        );
    }
}
