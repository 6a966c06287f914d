import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import VisitForm from "./VisitForm.svelte";
import type { Visit } from "../api/types";
import { mockBackend, visit } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const field = (name: string) => screen.getByTestId("visit-form").querySelector(`[name="${name}"]`) as HTMLTextAreaElement;

describe("VisitForm: notes for the guests and internal notes", () => {
  const stored = visit({
    notes: "Flaggen im Ratssaal",
    guest_notes: { de: "Bitte Reisepass mitführen.", en: "Please carry your passport.", zh: null },
  });

  it("shows both and keeps the notes for the guests when something else is edited", async () => {
    // Regression: the form sent the visit without its notes for the guests,
    // which erased them.
    const sent: Visit[] = [];
    mockBackend({ update_visit: (args) => (sent.push((args as { visit: Visit }).visit), null) });
    render(VisitForm, { visit: stored, onsaved: () => {}, oncancel: () => {} });
    expect(field("notes").value).toBe("Flaggen im Ratssaal");
    expect(field("guest_notes.de").value).toBe("Bitte Reisepass mitführen.");
    expect(screen.getByText("Interne Notizen (nie in Unterlagen für Gäste)")).toBeTruthy();
    await fireEvent.input(field("partner_city"), { target: { value: "Luzhou" } });
    await fireEvent.input(field("guest_notes.zh"), { target: { value: "请随身携带护照。" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      partner_city: "Luzhou",
      notes: "Flaggen im Ratssaal",
      guest_notes: { de: "Bitte Reisepass mitführen.", en: "Please carry your passport.", zh: "请随身携带护照。" },
    });
  });
});

describe("VisitForm: the visit's contacts for the itineraries", () => {
  it("keeps stored contacts, adds one and shows the backend's message at its field", async () => {
    const stored = visit({
      contacts: [{ kind: "hotel", name: { de: "Parkhotel Herne, Rezeption", en: null, zh: "赫尔内公园酒店前台" }, phone: "+49 2323 000 200" }],
    });
    const sent: Visit[] = [];
    mockBackend({
      update_visit: (args) => {
        const v = (args as { visit: Visit }).visit;
        sent.push(v);
        if (v.contacts?.some((c) => c.phone === "")) {
          throw { kind: "invalid", message: "Telefon fehlt", fields: [{ field: "contacts[1].phone", reason: "darf nicht leer sein" }] };
        }
        return null;
      },
    });
    render(VisitForm, { visit: stored, onsaved: () => {}, oncancel: () => {} });
    expect(field("contacts[0].name.de").value).toBe("Parkhotel Herne, Rezeption");
    await fireEvent.click(screen.getByTestId("add-contact"));
    expect(screen.getAllByTestId("visit-contact")).toHaveLength(2);
    await fireEvent.change(field("contacts[1].kind"), { target: { value: "consulate" } });
    await fireEvent.input(field("contacts[1].name.de"), { target: { value: "Generalkonsulat der VR China" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(screen.getByText("darf nicht leer sein")).toBeTruthy());
    await fireEvent.input(field("contacts[1].phone"), { target: { value: "+49 211 000 0300" } });
    await fireEvent.click(screen.getByTestId("save"));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1].contacts).toEqual([
      { kind: "hotel", name: { de: "Parkhotel Herne, Rezeption", en: null, zh: "赫尔内公园酒店前台" }, phone: "+49 2323 000 200" },
      { kind: "consulate", name: { de: "Generalkonsulat der VR China", en: null, zh: null }, phone: "+49 211 000 0300" },
    ]);
  });
});
