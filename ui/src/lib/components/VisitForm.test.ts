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
