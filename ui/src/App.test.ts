import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { waitFor } from "@testing-library/svelte";
import App from "./App.svelte";
import { mockBackend, visitView } from "./lib/test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  delete (window as { __DPLAN_OPEN_VISIT__?: unknown }).__DPLAN_OPEN_VISIT__;
});

const info = (open_visit: string | null) => ({ db_path: "/tmp/x.sqlite3", empty: false, version: "0.1.0", tzdata: "2026f", open_visit });

/** A backend with one visit, "v1", and no visits in the list; `app_info` as given. */
const backend = (app_info: () => unknown) =>
  mockBackend({
    app_info,
    list_visits: () => [],
    get_visit: () => visitView(),
    list_purges: () => [],
    check_visit: () => [],
  });

describe("App", () => {
  it("asks for the visit named with --open at once when the app hands it over, before app_info answers", async () => {
    (window as { __DPLAN_OPEN_VISIT__?: unknown }).__DPLAN_OPEN_VISIT__ = "v1";
    let answerInfo: (v: unknown) => void = () => {};
    const calls = backend(() => new Promise((resolve) => (answerInfo = resolve)));
    render(App);
    await screen.findByTestId("programme-person");
    expect(calls.filter((c) => c.cmd === "get_visit").map((c) => c.args)).toEqual([{ id: "v1" }]);
    // The visit list is not asked for until it is shown.
    expect(calls.some((c) => c.cmd === "list_visits")).toBe(false);
    answerInfo(info("v1"));
    expect(screen.getByText("Besuch der Delegation aus Luzhou", { exact: false })).toBeTruthy();

    // Back to the list and into the visit again: asked afresh, not the
    // answer from the start.
    await fireEvent.click(screen.getByTestId("back"));
    await screen.findByText("Noch keine Besuche.");
    expect(calls.some((c) => c.cmd === "list_visits")).toBe(true);
  });

  it("tells the backend the UI's language, and again when it is switched", async () => {
    const calls = backend(() => info(null));
    render(App);
    await screen.findByText("Noch keine Besuche.");
    const said = () => calls.filter((c) => c.cmd === "set_language").map((c) => c.args.lang);
    expect(said()).toEqual(["de"]);
    await fireEvent.click(screen.getByText("English"));
    await screen.findByText("No visits yet.");
    expect(said()).toEqual(["de", "en"]);
    await fireEvent.click(screen.getByText("Deutsch"));
  });

  it("opens the visit app_info names when the page was not told at start", async () => {
    const calls = backend(() => info("v1"));
    render(App);
    await screen.findByTestId("programme-person");
    const order = calls.map((c) => c.cmd);
    expect(order.indexOf("app_info")).toBeLessThan(order.indexOf("get_visit"));
  });

  it("says a screen cannot be shown, instead of freezing, and leads back to the visits", async () => {
    // A date no screen can show: formatting it throws while the visit renders.
    mockBackend({
      app_info: () => info("v1"),
      list_visits: () => [],
      get_visit: () => visitView({ visit: { first_day: "kein Datum" } }),
      list_purges: () => [],
      check_visit: () => [],
    });
    render(App);
    const failed = await screen.findByTestId("screen-failed");
    expect(failed.textContent).toContain("Diese Ansicht kann nicht angezeigt werden");
    await fireEvent.click(failed.querySelector("button")!);
    await screen.findByText("Noch keine Besuche.");
  });

  it("reads the list again when someone else changed the data, and waits while the user edits", async () => {
    const calls = backend(() => info(null));
    render(App);
    await screen.findByText("Noch keine Besuche.");
    const reads = () => calls.filter((c) => c.cmd === "list_visits").length;
    const before = reads();
    await emit("database-changed", { by: "julia.wagner" });
    await waitFor(() => expect(reads()).toBe(before + 1));
    expect(screen.queryByTestId("changes-waiting")).toBeNull();

    // An edit under way: nothing is read again; the window says who changed what.
    const form = document.createElement("form");
    const input = document.createElement("input");
    form.appendChild(input);
    document.body.appendChild(form);
    await fireEvent.input(input, { target: { value: "x" } });
    await emit("database-changed", { by: "julia.wagner" });
    const note = await screen.findByTestId("changes-waiting");
    expect(note.textContent).toContain("julia.wagner hat Änderungen gespeichert");
    expect(reads()).toBe(before + 1);
    // The edit ends: the changes come in.
    form.remove();
    await waitFor(() => expect(reads()).toBe(before + 2), { timeout: 3000 });
    expect(screen.queryByTestId("changes-waiting")).toBeNull();
  });
});
