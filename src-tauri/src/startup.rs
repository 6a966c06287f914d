//! What the window needs at start, and the startup trace.

use dplan_core::{Lang, view::AppInfo};
use tauri::State;

use crate::{error::IpcResult, state::AppState};

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    state.with(|s| {
        Ok(AppInfo {
            db_path: dplan_api::database::shown(&state.db()),
            empty: dplan_api::data::is_empty(s)?,
            version: env!("CARGO_PKG_VERSION").to_string(),
            tzdata: dplan_core::TZDB_VERSION.to_string(),
            open_visit: state.open_visit.clone(),
        })
    })
}

/// A script the webview runs before the page's own: the visit named with
/// `--open` as `window.__DPLAN_OPEN_VISIT__`, so the window asks for it at
/// once instead of after `app_info` has answered (one round trip less on the
/// way to the first screen). The value is written as a JSON string literal,
/// which JavaScript reads as the same string whatever it holds.
pub fn init_script(open_visit: Option<&str>) -> String {
    let value = serde_json::to_string(&open_visit).unwrap_or_else(|_| "null".into());
    format!("Object.defineProperty(window, \"__DPLAN_OPEN_VISIT__\", {{ value: {value} }});")
}

/// The window reports that a main screen has been painted with its data.
/// With `DPLAN_TRACE` set, the app writes `dplan-trace: shown SCREEN` to
/// standard error, so a harness can time a start from launch to a screen
/// (`crates/dplan-launch-bench`). Otherwise it does nothing.
#[tauri::command]
pub fn screen_shown(state: State<'_, AppState>, screen: String) {
    if state.trace {
        // The screen name comes from the webview: keep only a plain word.
        let screen: String = screen
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(32)
            .collect();
        eprintln!("dplan-trace: shown {screen}");
    }
}

/// The UI says which language it shows; field errors from then on are
/// written in it.
#[tauri::command]
pub fn set_language(state: State<'_, AppState>, lang: Lang) {
    state.set_lang(lang);
}

#[cfg(test)]
mod tests {
    use super::init_script;

    #[test]
    fn the_start_script_holds_the_visit_as_one_string_literal() {
        assert_eq!(
            init_script(None),
            "Object.defineProperty(window, \"__DPLAN_OPEN_VISIT__\", { value: null });"
        );
        assert_eq!(
            init_script(Some("7684")),
            "Object.defineProperty(window, \"__DPLAN_OPEN_VISIT__\", { value: \"7684\" });"
        );
        // Whatever is typed after --open stays inside the literal.
        let hostile = init_script(Some("\"});alert(1);//\n</script>\\"));
        assert!(
            hostile.contains(r#"value: "\"});alert(1);//\n</script>\\" }"#),
            "{hostile}"
        );
    }
}
