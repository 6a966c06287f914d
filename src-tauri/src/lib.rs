//! The desktop app: a thin Tauri layer over `dplan-store`. Commands (one file
//! per area) take the shared [`state::AppState`], call one store function and
//! map its error into [`error::IpcError`], which keeps the error's kind.

mod calendar;
mod check;
mod database;
mod dialogs;
mod error;
mod exchange;
mod itinerary;
mod participants;
mod programme;
mod publish;
mod roster;
mod startup;
mod state;
mod visits;
mod watch;

use tauri::Manager;

/// The database the app opens: `DPLAN_DB` if set (as for the CLI), else
/// the one saved in the app's settings, else the default file in the
/// platform's app-data folder, the same database `dplan` uses.
fn db_setting() -> (String, bool) {
    let env = std::env::var("DPLAN_DB")
        .ok()
        .filter(|s| !s.trim().is_empty());
    let setting =
        dplan_api::database::chosen(env.as_deref()).unwrap_or_else(|_| "dplan.sqlite3".into());
    (setting, env.is_some())
}

/// The value of `--open VISIT` (or `--open=VISIT`) among the arguments.
fn open_visit_arg(args: impl IntoIterator<Item = String>) -> Option<String> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--open" {
            return args.next();
        }
        if let Some(v) = arg.strip_prefix("--open=") {
            return Some(v.to_string());
        }
    }
    None
}

/// Asks WebKitGTK to paint pages in software instead of compositing them with
/// OpenGL, unless `DPLAN_GPU_COMPOSITING=1` asks for the GPU or
/// `WEBKIT_DISABLE_COMPOSITING_MODE` is already set.
///
/// WebKitGTK composites every page with OpenGL by default. For a screen of
/// forms and lists that buys nothing, and where there is no GPU (a virtual
/// desktop, remote session or Xvfb, where Mesa renders OpenGL on the CPU) it
/// costs about 120 ms before the first frame and about 100 MiB in the web
/// process (measured with `.ci/bench-launch`; see ARCHITECTURE.md).
///
/// # Safety
/// Changes the process environment, so it must run before any other thread
/// exists: call it first thing in `main`.
#[cfg(target_os = "linux")]
pub unsafe fn paint_without_gpu_compositing() {
    let gpu_wanted = std::env::var_os("DPLAN_GPU_COMPOSITING").is_some_and(|v| v == "1");
    if !gpu_wanted && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: the caller guarantees that no other thread exists.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
}

pub fn run() {
    let (db, db_from_environment) = db_setting();
    let state = state::AppState::open(
        db,
        db_from_environment,
        open_visit_arg(std::env::args().skip(1)),
        std::env::var_os("DPLAN_TRACE").is_some(),
    );
    let result = tauri::Builder::default()
        // One instance at a time: starting the app again brings the running
        // window to the front instead of opening the database twice. This
        // plugin must be registered first.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // What the page should know before its first script runs.
        .plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("dplan-start")
                .js_init_script(startup::init_script(state.open_visit.as_deref()))
                .build(),
        )
        // Window size and position are remembered across starts.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            watch::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            startup::app_info,
            startup::screen_shown,
            startup::set_language,
            database::database_choice,
            database::test_database,
            database::use_database,
            visits::list_visits,
            visits::get_visit,
            visits::create_visit,
            visits::update_visit,
            visits::delete_visit,
            visits::duplicate_visit,
            visits::load_demo,
            participants::list_persons,
            participants::search_key,
            participants::update_person,
            participants::delete_person,
            participants::get_personal_data,
            participants::add_participant,
            participants::update_participant,
            participants::remove_participant,
            participants::reorder_participants,
            programme::list_venues,
            calendar::export_calendar,
            publish::get_publish_settings,
            publish::save_publish_settings,
            publish::choose_publish_folder,
            publish::publish_calendars,
            publish::follow_calendars,
            publish::get_calendar_names,
            publish::set_calendar_names,
            publish::withdraw_calendars,
            itinerary::itinerary_preview,
            itinerary::save_itinerary_pdf,
            check::check_visit,
            check::get_check_settings,
            check::save_check_settings,
            check::person_programme,
            check::local_time_info,
            check::wall_times,
            programme::get_item,
            programme::create_item,
            programme::update_item,
            programme::delete_item,
            programme::set_item_status,
            programme::move_item_by_days,
            exchange::export_visit_file,
            exchange::import_visit_file,
            exchange::discard_visit_file,
            roster::open_participant_list,
            roster::load_participant_list,
            roster::review_participant_list,
            roster::import_participant_list,
            roster::export_roster,
            roster::purge_personal_data,
            roster::list_purges,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Delegation Planner could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::open_visit_arg;

    #[test]
    fn open_takes_the_next_argument_or_an_equals_value() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            open_visit_arg(args(&["--open", "7684"])),
            Some("7684".into())
        );
        assert_eq!(open_visit_arg(args(&["--open=7684"])), Some("7684".into()));
        assert_eq!(open_visit_arg(args(&["--open"])), None);
        assert_eq!(open_visit_arg(args(&[])), None);
    }

    /// A command the handler serves but the app's manifest (`build.rs`)
    /// does not allow is refused in the window ("not allowed. Command not
    /// found") while every unit test passes: both lists must agree.
    #[test]
    fn every_command_served_is_allowed() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap();
        let lib = read("src-tauri/src/lib.rs");
        let handler = lib
            .split("generate_handler![")
            .nth(1)
            .and_then(|r| r.split("])").next())
            .unwrap();
        let mut served: Vec<&str> = handler
            .split(',')
            .filter_map(|c| c.trim().rsplit("::").next())
            .filter(|c| !c.is_empty())
            .collect();
        let build = read("src-tauri/build.rs");
        let listed = build
            .split("const COMMANDS: &[&str] = &[")
            .nth(1)
            .and_then(|r| r.split("];").next())
            .unwrap();
        let mut allowed: Vec<&str> = listed
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .filter(|c| !c.is_empty())
            .collect();
        served.sort();
        allowed.sort();
        assert!(served.len() > 30, "{served:?}");
        assert_eq!(served, allowed);
        // And the main window is granted each.
        let capability = read("src-tauri/capabilities/main.json");
        for c in served {
            let grant = format!("\"allow-{}\"", c.replace('_', "-"));
            assert!(
                capability.contains(&grant),
                "{grant} missing in capabilities/main.json"
            );
        }
    }
}
