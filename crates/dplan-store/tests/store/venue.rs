use dplan_core::{Texts, Venue, VenueId};
use dplan_store::ErrorKind;

use crate::on_both;

#[test]
fn venue_round_trips_and_a_used_venue_cannot_be_deleted() {
    on_both(|mut s| {
        let v = Venue {
            id: VenueId::derived("v"),
            name: Texts::all("Rathaus Herne", "Herne Town Hall", "赫尔内市政厅"),
            address: "Friedrich-Ebert-Platz 2, 44623 Herne".into(),
            address_zh: None,
            room: Texts::all("Ratssaal", "Council Chamber", "议会大厅"),
            time_zone: dplan_core::tz::Europe::Berlin,
        };
        s.insert_venue(&v).unwrap();
        assert_eq!(s.get_venue(v.id).unwrap(), v);
        let mut changed = v.clone();
        changed.room = Texts::default();
        changed.address_zh = Some("黑尔讷市政厅".into());
        s.update_venue(&changed).unwrap();
        assert_eq!(s.list_venues().unwrap(), vec![changed]);
        s.delete_venue(v.id).unwrap();
        assert_eq!(s.get_venue(v.id).unwrap_err().kind(), ErrorKind::NotFound);

        s.load_demo().unwrap();
        let file = dplan_core::demo::visits(dplan_core::demo::stamp()).remove(0);
        let used = file.programme.iter().find_map(|i| i.venue_id).unwrap();
        assert_eq!(
            s.delete_venue(used).unwrap_err().kind(),
            ErrorKind::Conflict
        );
    });
}
