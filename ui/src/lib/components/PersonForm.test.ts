import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import PersonForm from "./PersonForm.svelte";
import type { Person } from "../api/types";

afterEach(() => {
  cleanup();
  clearMocks();
});

const liu: Person = {
  id: "p-liu",
  family_name: "Liu",
  given_name: "Qiang",
  name_zh: "刘强",
  pinyin: "Liú Qiáng",
  name_order: "family_first",
  academic_title: null,
  title: { de: "Parteisekretär", en: "Party Secretary", zh: "市委书记" },
  address: { de: null, en: "Secretary Liu", zh: "刘书记" },
  organisation: { de: "Stadt Luzhou", en: "Luzhou Municipality", zh: "泸州市" },
  position: { de: null, en: null, zh: null },
  email: null,
  phone: "+86 830 1234567",
  languages: ["zh", "en"],
  // The list may carry personal data; saving must never send it back.
  personal: { passport_number: "E12345678", date_of_birth: null, nationality: "CN", dietary: null, accessibility: null },
};

function input(name: string): HTMLInputElement {
  const el = document.querySelector(`[name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  return el as HTMLInputElement;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("PersonForm", () => {
  it("sends update_person with the edited fields and no personal data", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "update_person") sent.push((args as { person: Person }).person);
      return null;
    });
    let saved: Person | null = null;
    render(PersonForm, { person: liu, onsaved: (p: Person) => (saved = p), oncancel: () => {} });
    expect(input("name_zh").value).toBe("刘强");
    expect(input("languages").value).toBe("zh, en");

    await fireEvent.input(input("position.de"), { target: { value: "  Delegationsleiter " } });
    await fireEvent.input(input("email"), { target: { value: "liu@luzhou.gov.cn" } });
    await fireEvent.input(input("languages"), { target: { value: "zh, en,de" } });
    await fireEvent.click(screen.getByTestId("save-person"));
    await tick();

    expect(sent).toHaveLength(1);
    const person = sent[0] as Person;
    expect("personal" in person).toBe(false);
    const { personal: _, ...stored } = liu;
    expect(person).toEqual({
      ...stored,
      position: { de: "Delegationsleiter", en: null, zh: null },
      email: "liu@luzhou.gov.cn",
      languages: ["zh", "en", "de"],
    });
    expect(saved).toEqual(person);
  });

  it("shows the backend's reason beside family_name and keeps the form open", async () => {
    mockIPC(() => {
      throw {
        kind: "invalid",
        message: "family_name: is required",
        fields: [{ field: "family_name", reason: "is required" }],
      };
    });
    let saved = false;
    render(PersonForm, { person: liu, onsaved: () => (saved = true), oncancel: () => {} });
    await fireEvent.input(input("family_name"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("save-person"));
    const msg = await screen.findByTestId("error-family_name");
    expect(msg.textContent).toBe("is required");
    // The reason sits in the family name's label, not somewhere else.
    expect(input("family_name").closest("label")?.contains(msg)).toBe(true);
    expect(screen.queryByTestId("error-given_name")).toBeNull();
    expect(saved).toBe(false);
  });

  it("shows a language code's reason beside the languages input", async () => {
    mockIPC(() => {
      throw {
        kind: "invalid",
        message: "languages[1]: not a code",
        fields: [{ field: "languages[1]", reason: "`Chinese` is not a language code such as de, en or zh" }],
      };
    });
    render(PersonForm, { person: liu, onsaved: () => {}, oncancel: () => {} });
    await fireEvent.click(screen.getByTestId("save-person"));
    const msg = await screen.findByTestId("error-languages");
    expect(msg.textContent).toContain("`Chinese` is not a language code");
  });

  it("loads personal data only when asked, and saves it with the person then", async () => {
    const calls: string[] = [];
    let sent: Person | null = null;
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === "get_personal_data")
        return { passport_number: "E12345678", date_of_birth: "1968-05-04", nationality: "CN", dietary: null, accessibility: null };
      if (cmd === "update_person") sent = (args as { person: Person }).person;
      return null;
    });
    render(PersonForm, { person: liu, onsaved: () => {}, oncancel: () => {} });
    expect(calls).toEqual([]);
    expect(document.querySelector('[name="personal.dietary"]')).toBeNull();

    await fireEvent.click(screen.getByTestId("show-personal"));
    await tick();
    expect(calls).toEqual(["get_personal_data"]);
    expect(input("personal.passport_number").value).toBe("E12345678");
    await fireEvent.input(input("personal.dietary"), { target: { value: " kein Schweinefleisch " } });
    await fireEvent.click(screen.getByTestId("save-person"));
    await tick();
    expect(sent!.personal).toEqual({
      passport_number: "E12345678",
      date_of_birth: "1968-05-04",
      nationality: "CN",
      dietary: "kein Schweinefleisch",
      accessibility: null,
    });
  });
});
