import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ParticipantForm from "./ParticipantForm.svelte";
import type { Participant, Person, PersonEntry, Side } from "../api/types";
import { foldLikeTheCore } from "../test-fixtures";

afterEach(() => {
  cleanup();
  clearMocks();
});

const person = (over: Partial<Person>): Person => ({
  id: "p",
  family_name: "",
  given_name: "",
  name_zh: null,
  pinyin: null,
  name_order: "given_first",
  academic_title: null,
  title: { de: null, en: null, zh: null },
  address: { de: null, en: null, zh: null },
  organisation: { de: null, en: null, zh: null },
  position: { de: null, en: null, zh: null },
  email: null,
  phone: null,
  languages: [],
  ...over,
});

const book: PersonEntry[] = [
  {
    display_name: "Dr. Anna Berger",
    search_key: "dr.annaberger|berger|anna|stadtherne|cityofherne",
    person: person({ id: "p-berger", family_name: "Berger", given_name: "Anna", academic_title: "Dr.", organisation: { de: "Stadt Herne", en: "City of Herne", zh: null } }),
  },
  {
    display_name: "刘强 Liu Qiang",
    search_key: "刘强liuqiang|liu|qiang|刘强|liuqiang|stadtluzhou|泸州市",
    person: person({ id: "p-liu", family_name: "Liu", given_name: "Qiang", name_zh: "刘强", pinyin: "Liú Qiáng", name_order: "family_first", organisation: { de: "Stadt Luzhou", en: null, zh: "泸州市" } }),
  },
  {
    display_name: "王芳 Wang Fang",
    search_key: "王芳wangfang|wang|fang|王芳|wangfang|stadtluzhou|泸州市",
    person: person({ id: "p-wang", family_name: "Wang", given_name: "Fang", name_zh: "王芳", pinyin: "Wáng Fāng", name_order: "family_first", organisation: { de: "Stadt Luzhou", en: null, zh: "泸州市" } }),
  },
  {
    display_name: "Frank Dudda",
    search_key: "frankdudda|dudda|frank|stadtherne",
    person: person({ id: "p-dudda", family_name: "Dudda", given_name: "Frank", organisation: { de: "Stadt Herne", en: null, zh: null } }),
  },
];

type Added = { person: Person | null; participant: Participant };

// Precedence as the visit would compute it: two guests and one host so far.
const nextPrecedence = (side: Side) => (side === "guest" ? 3 : 2);

function setup(added: Added[]) {
  mockIPC((cmd, args) => {
    if (cmd === "list_persons") return book;
    if (cmd === "search_key") return foldLikeTheCore((args as { query: string }).query);
    if (cmd === "add_participant") added.push(args as Added);
    return null;
  });
  let saved = false;
  render(ParticipantForm, {
    visitId: "visit-1",
    presentPersonIds: ["p-wang"],
    nextPrecedence,
    onsaved: () => (saved = true),
    oncancel: () => {},
  });
  return () => saved;
}

function field(name: string): HTMLInputElement {
  const el = document.querySelector(`[data-testid="participant-form"] [name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  return el as HTMLInputElement;
}

const choices = () => screen.queryAllByTestId("person-choice").map((c) => c.textContent?.trim());
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("ParticipantForm", () => {
  it("adds a person from the address book who is not in the visit yet", async () => {
    const added: Added[] = [];
    const saved = setup(added);
    await fireEvent.click(screen.getByTestId("mode-existing"));
    await screen.findAllByTestId("person-choice");

    // Wang Fang takes part already and is not offered.
    expect(choices()).toEqual(["Dr. Anna Berger · Stadt Herne", "刘强 Liu Qiang · Stadt Luzhou", "Frank Dudda · Stadt Herne"]);
    expect(screen.getByTestId("save-participant")).toHaveProperty("disabled", true);

    // Pinyin with or without tone marks, Chinese characters and organisations all find people.
    await fireEvent.input(field("person_search"), { target: { value: "Liú Qiáng" } });
    await waitFor(() => expect(choices()).toEqual(["刘强 Liu Qiang · Stadt Luzhou"]));
    await fireEvent.input(field("person_search"), { target: { value: "qiang" } });
    await waitFor(() => expect(choices()).toEqual(["刘强 Liu Qiang · Stadt Luzhou"]));
    await fireEvent.input(field("person_search"), { target: { value: "王" } });
    await waitFor(() => expect(choices()).toEqual([]));
    expect(screen.getByText("Keine passende Person.")).toBeTruthy();
    await fireEvent.input(field("person_search"), { target: { value: "泸州" } });
    await waitFor(() => expect(choices()).toEqual(["刘强 Liu Qiang · Stadt Luzhou"]));
    await fireEvent.input(field("person_search"), { target: { value: "herne" } });
    await waitFor(() => expect(choices()).toEqual(["Dr. Anna Berger · Stadt Herne", "Frank Dudda · Stadt Herne"]));

    await fireEvent.click(screen.getByText("Frank Dudda"));
    await fireEvent.change(field("side"), { target: { value: "host" } });
    await fireEvent.change(field("role"), { target: { value: "host" } });
    await fireEvent.click(screen.getByTestId("save-participant"));
    await tick();

    expect(added).toEqual([
      {
        person: null,
        participant: {
          visit_id: "visit-1",
          person_id: "p-dudda",
          side: "host",
          role: "host",
          precedence: 2,
          arrival: null,
          departure: null,
          hotel: null,
        },
      },
    ]);
    expect(saved()).toBe(true);
  });

  it("adds a new person by default, as before", async () => {
    const added: Added[] = [];
    const saved = setup(added);
    await fireEvent.input(field("family_name"), { target: { value: "Zhou" } });
    await fireEvent.input(field("given_name"), { target: { value: "Min" } });
    await fireEvent.input(field("name_zh"), { target: { value: "周敏" } });
    await fireEvent.input(field("pinyin"), { target: { value: "Zhōu Mǐn" } });
    await fireEvent.input(field("title.zh"), { target: { value: "局长" } });
    await fireEvent.click(screen.getByTestId("save-participant"));
    await tick();

    expect(added).toHaveLength(1);
    const { person: p, participant } = added[0];
    expect(p).toEqual({
      id: participant.person_id,
      family_name: "Zhou",
      given_name: "Min",
      name_zh: "周敏",
      pinyin: "Zhōu Mǐn",
      // A Chinese name makes the defaults Chinese too.
      name_order: "family_first",
      academic_title: null,
      title: { de: null, en: null, zh: "局长" },
      address: { de: null, en: null, zh: null },
      organisation: { de: null, en: null, zh: null },
      position: { de: null, en: null, zh: null },
      email: null,
      phone: null,
      languages: ["zh"],
    });
    expect(participant).toMatchObject({ visit_id: "visit-1", side: "guest", role: "member", precedence: 3 });
    expect(saved()).toBe(true);
  });

  it("shows the backend's reason beside the new person's field", async () => {
    mockIPC(() => {
      throw { kind: "invalid", message: "family_name: is required", fields: [{ field: "family_name", reason: "is required" }] };
    });
    render(ParticipantForm, { visitId: "visit-1", presentPersonIds: [], nextPrecedence, onsaved: () => {}, oncancel: () => {} });
    await fireEvent.click(screen.getByTestId("save-participant"));
    expect((await screen.findByTestId("error-family_name")).textContent).toBe("is required");
  });
});
