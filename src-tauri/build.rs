//! Generates the Tauri context and the permissions for the app's own
//! commands: a command not listed here cannot be granted, and one not granted
//! in `src-tauri/capabilities/` cannot be called from the webview.

const COMMANDS: &[&str] = &[
    "app_info",
    "screen_shown",
    "set_language",
    "database_choice",
    "test_database",
    "use_database",
    "list_visits",
    "get_visit",
    "create_visit",
    "update_visit",
    "delete_visit",
    "duplicate_visit",
    "load_demo",
    "list_persons",
    "search_key",
    "update_person",
    "delete_person",
    "get_personal_data",
    "add_participant",
    "update_participant",
    "remove_participant",
    "reorder_participants",
    "list_venues",
    "export_calendar",
    "get_publish_settings",
    "save_publish_settings",
    "choose_publish_folder",
    "publish_calendars",
    "follow_calendars",
    "get_calendar_names",
    "set_calendar_names",
    "withdraw_calendars",
    "itinerary_preview",
    "save_itinerary_pdf",
    "check_visit",
    "get_check_settings",
    "save_check_settings",
    "person_programme",
    "local_time_info",
    "wall_times",
    "get_item",
    "create_item",
    "update_item",
    "delete_item",
    "set_item_status",
    "move_item_by_days",
    "export_visit_file",
    "import_visit_file",
    "discard_visit_file",
    "open_participant_list",
    "load_participant_list",
    "review_participant_list",
    "import_participant_list",
    "export_roster",
    "purge_personal_data",
    "list_purges",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
