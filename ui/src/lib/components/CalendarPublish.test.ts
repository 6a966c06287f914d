import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import CalendarPublish from "./CalendarPublish.svelte";
import type { PublishOutcome, PublishSettings } from "../api/types";
import { i18n } from "../i18n.svelte";
import { mockBackend, unexpected, visitWithStaff } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "de";
});

const view = visitWithStaff();
const empty: PublishSettings = { caldav_url: null, caldav_user: null, folder: null, base_url: null };
const names = { get_calendar_names: () => false, set_calendar_names: ({ names }: Record<string, unknown>) => names };
const outcome = (more: Partial<PublishOutcome> = {}): PublishOutcome => ({
  at: "2027-03-01T13:05:00Z",
  calendars: 4,
  changes: 19,
  requests: 23,
  conflicts: [],
  password_needed: false,
  links: [
    { calendar: "programm", name: "Besuch – Programm", link: "https://www.herne.de/kalender/0a1b.ics" },
    { calendar: "gast-p-liu", name: "Besuch – 刘强 Liu Qiang", link: "https://www.herne.de/kalender/2c3d.ics" },
  ],
  ...more,
});

const field = (name: string) => screen.getByTestId("calendar-publish").querySelector(`[name="${name}"]`) as HTMLInputElement;

describe("CalendarPublish", () => {
  it("saves where to publish with the password, publishes and lists the links to subscribe to", async () => {
    const calls = mockBackend(
      {
        get_publish_settings: () => empty,
        save_publish_settings: ({ settings }) => ({ ...(settings as PublishSettings) }),
        ...names,
        choose_publish_folder: () => ({ ...empty, folder: "/srv/www/kalender" }),
        publish_calendars: () => outcome(),
      },
      unexpected,
    );
    const published: PublishOutcome[] = [];
    render(CalendarPublish, { view, onpublished: (o: PublishOutcome) => published.push(o), onclose: () => {} });
    await waitFor(() => expect(calls.map((c) => c.cmd)).toContain("get_publish_settings"));
    expect(screen.getByTestId("publish-folder").textContent).toBe("kein Ordner gewählt");
    await fireEvent.click(screen.getByTestId("choose-publish-folder"));
    await waitFor(() => expect(screen.getByTestId("publish-folder").textContent).toBe("/srv/www/kalender"));
    await fireEvent.input(field("caldav_url"), { target: { value: "https://kalender.herne.de/protokoll/" } });
    await fireEvent.input(field("caldav_user"), { target: { value: "protokoll" } });
    await fireEvent.input(field("caldav_password"), { target: { value: "geheim" } });
    await fireEvent.input(field("base_url"), { target: { value: "https://www.herne.de/kalender/" } });
    await fireEvent.click(field("publish_names"));
    await fireEvent.click(screen.getByTestId("publish-now"));
    const done = await screen.findByTestId("publish-outcome");
    expect(done.textContent).toContain("4 Kalender, 19 Änderungen");
    const save = calls.find((c) => c.cmd === "save_publish_settings")!;
    expect(save.args).toEqual({
      settings: { caldav_url: "https://kalender.herne.de/protokoll/", caldav_user: "protokoll", folder: "/srv/www/kalender", base_url: "https://www.herne.de/kalender/" },
      password: "geheim",
    });
    // Naming people is this visit's choice, saved with it.
    expect(calls.find((c) => c.cmd === "set_calendar_names")!.args).toEqual({ visitId: "visit-1", names: true });
    expect(calls.find((c) => c.cmd === "publish_calendars")!.args).toEqual({ visitId: "visit-1", langs: ["de", "zh"] });
    // The password field is emptied once it was handed over.
    expect(field("caldav_password").value).toBe("");
    const links = [...screen.getByTestId("publish-links").querySelectorAll("input")].map((i) => i.value);
    expect(links).toEqual(["https://www.herne.de/kalender/0a1b.ics", "https://www.herne.de/kalender/2c3d.ics"]);
    expect(published).toHaveLength(1);
  });

  it("says what the backend refuses and what was left on the server", async () => {
    let n = 0;
    mockBackend(
      {
        get_publish_settings: () => ({ ...empty, caldav_url: "https://kalender.herne.de/p/" }),
        save_publish_settings: ({ settings }) => settings,
        ...names,
        publish_calendars: () => {
          n += 1;
          if (n === 1) throw { kind: "invalid", message: "Der Kalenderserver hat die Anmeldung abgelehnt (https://kalender.herne.de/p/): bitte Benutzernamen und Passwort prüfen", fields: [], problem: { code: "calendar_login_refused", url: "https://kalender.herne.de/p/" } };
          return outcome({ conflicts: ["u1", "u2"], links: [] });
        },
      },
      unexpected,
    );
    render(CalendarPublish, { view, onpublished: () => {}, onclose: () => {} });
    await waitFor(() => expect(field("caldav_url").value).toBe("https://kalender.herne.de/p/"));
    await fireEvent.click(screen.getByTestId("publish-now"));
    expect((await screen.findByRole("alert")).textContent).toContain("hat die Anmeldung abgelehnt");
    await fireEvent.click(screen.getByTestId("publish-now"));
    const done = await screen.findByTestId("publish-outcome");
    expect(done.textContent).toContain("2 Termine wurden auf dem Server von jemand anderem geändert");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("publish-links")).toBeNull();
  });

  it("says when the calendar server was left out for want of its password", async () => {
    mockBackend(
      {
        get_publish_settings: () => ({ ...empty, caldav_url: "https://kalender.herne.de/p/", caldav_user: "protokoll" }),
        save_publish_settings: ({ settings }) => settings,
        ...names,
        publish_calendars: () => outcome({ password_needed: true, requests: 0 }),
      },
      unexpected,
    );
    render(CalendarPublish, { view, onpublished: () => {}, onclose: () => {} });
    await waitFor(() => expect(field("caldav_url").value).toBe("https://kalender.herne.de/p/"));
    await fireEvent.click(screen.getByTestId("publish-now"));
    expect((await screen.findByTestId("publish-password-needed")).textContent).toContain("Passwort");
  });

  it("withdraws the visit's calendars only after asking", async () => {
    const calls = mockBackend(
      {
        get_publish_settings: () => ({ ...empty, folder: "/srv/www/kalender", caldav_url: "https://kalender.herne.de/p/", caldav_user: "protokoll" }),
        save_publish_settings: ({ settings }) => settings,
        ...names,
        withdraw_calendars: () => ({ collections: 3, feeds: 5 }),
      },
      unexpected,
    );
    render(CalendarPublish, { view, onpublished: () => {}, onclose: () => {} });
    await waitFor(() => expect(screen.getByTestId("publish-folder").textContent).toBe("/srv/www/kalender"));
    // The password typed into the panel is handed over before withdrawing.
    await fireEvent.input(field("caldav_password"), { target: { value: "geheim" } });
    await fireEvent.click(screen.getByTestId("withdraw-calendars"));
    expect(calls.map((c) => c.cmd)).not.toContain("withdraw_calendars");
    await fireEvent.click(screen.getByTestId("confirm-withdraw-calendars"));
    expect((await screen.findByText(/Zurückgezogen/)).textContent).toContain("3 Kalender vom Server, 5 Abonnements");
    expect(calls.find((c) => c.cmd === "withdraw_calendars")!.args).toEqual({ visitId: "visit-1" });
    const cmds = calls.map((c) => c.cmd);
    expect(cmds.indexOf("save_publish_settings")).toBeLessThan(cmds.indexOf("withdraw_calendars"));
    expect(calls.find((c) => c.cmd === "save_publish_settings")!.args).toMatchObject({ password: "geheim" });
  });
});
