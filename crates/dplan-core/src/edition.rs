//! Guest and internal editions of a visit's documents.
//!
//! Every printed itinerary and every calendar is made in one of two
//! editions. The **guest edition** holds only what a guest may read: the
//! notes written for the guests, but no internal notes, no staff duties, no
//! cancelled items and no tentative items unless asked. The **internal
//! edition** is for host staff, drivers and interpreters and holds
//! everything. [`VisitView::for_edition`] makes the view an edition shows, so
//! the print and calendar crates cannot leak what they never receive.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::view::VisitView;
use crate::{ItemStatus, PersonId, Side};

/// Which edition of a document to make.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Edition {
    /// Only what a guest may read: the safe default.
    #[default]
    Guest,
    /// Everything, for host staff, drivers and interpreters.
    Internal,
}

impl Edition {
    pub const ALL: [Edition; 2] = [Edition::Guest, Edition::Internal];

    /// The edition a document made for `reader` gets unless asked otherwise:
    /// the guest edition for the whole visit (`None`, "for the delegation")
    /// and for anyone on the guest side; the internal one for hosts and for
    /// staff who are responsible for items without taking part.
    pub fn for_reader(view: &VisitView, reader: Option<PersonId>) -> Edition {
        let Some(reader) = reader else {
            return Edition::Guest;
        };
        match view.participants.iter().find(|p| p.person_id == reader) {
            Some(p) if p.side == Side::Guest => Edition::Guest,
            _ => Edition::Internal,
        }
    }

    /// The word the CLI and files use: `guest`, `internal`.
    pub fn code(self) -> &'static str {
        match self {
            Edition::Guest => "guest",
            Edition::Internal => "internal",
        }
    }

    pub fn parse(code: &str) -> Option<Edition> {
        Edition::ALL
            .into_iter()
            .find(|e| e.code().eq_ignore_ascii_case(code.trim()))
    }
}

impl VisitView {
    /// The view an edition shows. The internal edition is the whole view.
    /// The guest edition drops the visit's and every item's internal notes
    /// and staff duties, cancelled items, and tentative items unless
    /// `tentative` asks for them.
    pub fn for_edition(&self, edition: Edition, tentative: bool) -> VisitView {
        let mut view = self.clone();
        if edition == Edition::Internal {
            return view;
        }
        view.visit.notes.clear();
        view.programme.retain(|i| match i.status {
            ItemStatus::Confirmed => true,
            ItemStatus::Tentative => tentative,
            ItemStatus::Cancelled => false,
        });
        for item in &mut view.programme {
            item.notes.clear();
            item.responsible.clear();
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn view() -> VisitView {
        VisitView::new(&demo::visits(demo::stamp())[0])
    }

    #[test]
    fn a_guest_edition_holds_no_internal_note_duty_or_cancelled_item() {
        let full = view();
        assert!(!full.visit.notes.is_empty());
        assert!(full.programme.iter().any(|i| !i.notes.is_empty()));
        assert!(full.programme.iter().any(|i| !i.responsible.is_empty()));
        assert!(
            full.programme
                .iter()
                .any(|i| i.status == ItemStatus::Cancelled)
        );
        let guest = full.for_edition(Edition::Guest, false);
        assert!(guest.visit.notes.is_empty());
        for i in &guest.programme {
            assert!(i.notes.is_empty(), "{:?}", i.title);
            assert!(i.responsible.is_empty(), "{:?}", i.title);
            assert_eq!(i.status, ItemStatus::Confirmed, "{:?}", i.title);
        }
        // Notes for the guests stay.
        assert_eq!(
            guest
                .programme
                .iter()
                .filter(|i| !i.guest_notes.is_empty())
                .count(),
            full.programme
                .iter()
                .filter(|i| i.status == ItemStatus::Confirmed && !i.guest_notes.is_empty())
                .count()
        );
        assert!(guest.programme.iter().any(|i| !i.guest_notes.is_empty()));
    }

    #[test]
    fn tentative_items_are_in_a_guest_edition_only_when_asked() {
        let full = view();
        let tentative = |v: &VisitView| {
            v.programme
                .iter()
                .filter(|i| i.status == ItemStatus::Tentative)
                .count()
        };
        assert!(tentative(&full) > 0);
        assert_eq!(tentative(&full.for_edition(Edition::Guest, false)), 0);
        assert_eq!(
            tentative(&full.for_edition(Edition::Guest, true)),
            tentative(&full)
        );
    }

    #[test]
    fn the_internal_edition_is_the_whole_view() {
        let full = view();
        let internal = full.for_edition(Edition::Internal, false);
        assert_eq!(internal.programme.len(), full.programme.len());
        assert_eq!(internal.visit, full.visit);
    }

    #[test]
    fn guests_read_the_guest_edition_and_hosts_the_internal_one() {
        let v = view();
        assert_eq!(Edition::for_reader(&v, None), Edition::Guest);
        let guest = v.participants.iter().find(|p| p.side == Side::Guest);
        let host = v.participants.iter().find(|p| p.side == Side::Host);
        assert_eq!(
            Edition::for_reader(&v, Some(guest.unwrap().person_id)),
            Edition::Guest
        );
        assert_eq!(
            Edition::for_reader(&v, Some(host.unwrap().person_id)),
            Edition::Internal
        );
        assert_eq!(
            Edition::for_reader(&v, Some(PersonId::derived("staff only"))),
            Edition::Internal
        );
        assert_eq!(Edition::parse(" Internal"), Some(Edition::Internal));
        assert_eq!(Edition::parse("guest"), Some(Edition::Guest));
        assert_eq!(Edition::parse("gast"), None);
    }
}
