// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // SAFETY: the first statement of `main`: no other thread exists yet that
    // could read the environment while it changes.
    #[cfg(target_os = "linux")]
    unsafe {
        delegation_planner_lib::paint_without_gpu_compositing();
    }
    delegation_planner_lib::run()
}
