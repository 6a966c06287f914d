// The only module that talks to the Rust side. Everything else calls these
// typed functions; errors arrive as `ApiError` with the kind Rust gave them.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo, IpcError, Visit, VisitView } from "./types";

export class ApiError extends Error {
  constructor(public readonly error: IpcError) {
    super(error.message);
  }
  get kind() {
    return this.error.kind;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isIpcError(e)) throw new ApiError({ ...e, fields: e.fields ?? [] });
    throw new ApiError({ kind: "internal", message: String(e), fields: [] });
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  listVisits: () => call<Visit[]>("list_visits"),
  getVisit: (id: string) => call<VisitView>("get_visit", { id }),
  loadDemo: () => call<number>("load_demo"),
};
