import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import DatabaseSettings from "./DatabaseSettings.svelte";
import type { DatabaseChoice } from "../api/types";
import { i18n } from "../i18n.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const file: DatabaseChoice = { location: "/home/julia/.local/share/de.herne.dplan/dplan.sqlite3", server: false, fixed_by_environment: false, saved: null };
const address = "postgres://julia.wagner@db.herne.de/dplan";

function setup(answer: (cmd: string, args: Record<string, unknown>) => unknown, choice = file) {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args as Record<string, unknown>]);
    if (cmd === "database_choice") return choice;
    return answer(cmd, args as Record<string, unknown>);
  });
  let changed = 0;
  render(DatabaseSettings, { onchanged: () => changed++, oncancel: () => {} });
  return { calls, changed: () => changed };
}

describe("DatabaseSettings", () => {
  it("tests a server's connection, then switches to it with the password kept for the session", async () => {
    i18n.setLang("de");
    const { calls, changed } = setup((cmd) =>
      cmd === "test_database" ? { location: address, server: true, schema_version: 14, visits: 2, persons: 17 } : null,
    );
    await waitFor(() => expect(screen.getByTestId("database-in-use").textContent).toContain("dplan.sqlite3"));
    await fireEvent.click(screen.getByTestId("database-kind-server"));
    await fireEvent.input(screen.getByTestId("database-address"), { target: { value: address } });
    await fireEvent.input(screen.getByTestId("database-password"), { target: { value: "geheim" } });
    await fireEvent.click(screen.getByTestId("database-test"));
    await waitFor(() => expect(screen.getByTestId("database-tested").textContent).toContain("Schema 14, 2 Besuche, 17 Personen"));
    expect(calls.find(([c]) => c === "test_database")?.[1]).toEqual({ setting: address, password: "geheim" });

    await fireEvent.click(screen.getByTestId("database-use"));
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls.find(([c]) => c === "use_database")?.[1]).toEqual({ setting: address, password: "geheim" });
  });

  it("goes back to the local file with no setting and no password", async () => {
    const { calls, changed } = setup(() => null, { location: address, server: true, fixed_by_environment: false, saved: address });
    await waitFor(() => expect((screen.getByTestId("database-address") as HTMLInputElement).value).toBe(address));
    await fireEvent.click(screen.getByLabelText(i18n.t("databaseLocal")));
    await fireEvent.click(screen.getByTestId("database-use"));
    await waitFor(() => expect(changed()).toBe(1));
    expect(calls.find(([c]) => c === "use_database")?.[1]).toEqual({ setting: null, password: null });
  });

  it("shows why a connection failed and changes nothing", async () => {
    i18n.setLang("de");
    const { changed } = setup((cmd) => {
      if (cmd === "test_database" || cmd === "use_database")
        throw {
          kind: "invalid",
          message: `Der Datenbankserver hat die Anmeldung abgelehnt (${address}): bitte Benutzernamen und Passwort prüfen`,
          fields: [],
          problem: { code: "database_login_refused", database: address },
        };
      return null;
    });
    await waitFor(() => screen.getByTestId("database-kind-server"));
    await fireEvent.click(screen.getByTestId("database-kind-server"));
    await fireEvent.input(screen.getByTestId("database-address"), { target: { value: address } });
    await fireEvent.click(screen.getByTestId("database-test"));
    await waitFor(() => expect(screen.getByTestId("database-error").textContent).toContain("Anmeldung abgelehnt"));
    expect(screen.queryByTestId("database-tested")).toBeNull();
    await fireEvent.click(screen.getByTestId("database-use"));
    await waitFor(() => expect(screen.getByTestId("database-error").textContent).toContain("Anmeldung abgelehnt"));
    expect(changed()).toBe(0);
  });

  it("shows the reason an address is refused beside the address", async () => {
    i18n.setLang("en");
    setup((cmd) => {
      if (cmd === "test_database")
        throw {
          kind: "invalid",
          message: "database: the password does not belong in the saved address",
          fields: [{ field: "database", reason: "the password does not belong in the saved address", problem: { code: "database_password_in_address" } }],
        };
      return null;
    });
    await waitFor(() => screen.getByTestId("database-kind-server"));
    await fireEvent.click(screen.getByTestId("database-kind-server"));
    await fireEvent.input(screen.getByTestId("database-address"), { target: { value: "postgres://julia:x@db/dplan" } });
    await fireEvent.click(screen.getByTestId("database-test"));
    await waitFor(() => expect(document.body.textContent).toContain("the password does not belong in the saved address"));
  });
});
