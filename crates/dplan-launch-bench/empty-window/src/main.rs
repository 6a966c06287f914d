//! An empty Tauri window that says when its page has been painted: the
//! baseline `launch-bench` compares Delegation Planner against.

#[tauri::command]
fn screen_shown(screen: String) {
    eprintln!("dplan-trace: shown {screen}");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![screen_shown])
        .run(tauri::generate_context!())
        .expect("the empty window starts");
}
