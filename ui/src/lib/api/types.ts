// Types of values that cross IPC. They are generated from the Rust types
// (see generated.ts and crates/dplan-store/tests/store/types.rs); this module
// only re-exports them and names a few unions the UI uses.
export * from "./generated";
import type { ErrorReport } from "./generated";

export type IpcError = ErrorReport;
