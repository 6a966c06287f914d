//! Live updates: a thread that waits for changes others commit to the
//! database in use (a colleague on the team's server, the CLI on the
//! file) and tells the window, which shows them unless the user is
//! editing (then it says so and shows them after the save).

use std::time::Duration;

use dplan_api::database::DatabaseChanged;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// How long one wait lasts before the thread looks whether the app has
/// switched to another database.
const WAIT: Duration = Duration::from_secs(1);
/// How long it pauses after the database could not be listened to (a
/// server gone away) before it tries again.
const RETRY: Duration = Duration::from_secs(5);

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("dplan-watch".into())
        .spawn(move || watch(app))
        .expect("a thread for live updates");
}

fn watch(app: AppHandle) {
    let state = app.state::<AppState>();
    loop {
        let generation = state.generation();
        let Ok(mut listener) = state.with(|s| Ok(dplan_api::database::listener(s)?)) else {
            std::thread::sleep(RETRY);
            continue;
        };
        if generation > 0 {
            // A change committed between the switch (whose screens were
            // read at once) and the listening just begun would be missed:
            // the window reads its screen once more.
            let _ = app.emit("database-changed", DatabaseChanged { by: None });
        }
        while state.generation() == generation {
            match listener.wait(WAIT) {
                Ok(changes) if !changes.is_empty() => {
                    let by = changes.into_iter().find_map(|c| c.by);
                    let _ = app.emit("database-changed", DatabaseChanged { by });
                }
                Ok(_) => {}
                Err(_) => {
                    std::thread::sleep(RETRY);
                    break;
                }
            }
        }
    }
}
