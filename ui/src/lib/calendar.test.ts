import { describe, expect, it } from "vitest";
import { calendarFileName, defaultEdition, itineraryFileName, slug } from "./calendar";
import { visitWithStaff } from "./test-fixtures";

describe("suggested file names", () => {
  it("keep ASCII letters, digits and dashes", () => {
    expect(slug("Besuch der Delegation aus Luzhou in Herne")).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne");
    expect(slug("  Herne 2027: Empfang / Rathaus!  ")).toBe("Herne-2027-Empfang-Rathaus");
  });

  it("spell out umlauts and drop other marks and scripts", () => {
    expect(slug("Empfang für Gäste, Straße")).toBe("Empfang-fuer-Gaeste-Strasse");
    expect(slug("Öffentliche Übergabe")).toBe("Oeffentliche-Uebergabe");
    expect(slug("刘强 Liú Qiáng")).toBe("Liu-Qiang");
    expect(slug("泸州代表团")).toBe("");
  });

  it("add the person's name and fall back to programm.ics", () => {
    expect(calendarFileName("Besuch der Delegation aus Luzhou in Herne", null)).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne.ics");
    expect(calendarFileName("Besuch der Delegation aus Luzhou in Herne", "刘强 Liu Qiang")).toBe(
      "Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.ics",
    );
    expect(calendarFileName("泸州代表团", "刘强")).toBe("programm.ics");
    expect(calendarFileName("泸州代表团", "Dr. Anna Berger")).toBe("Dr-Anna-Berger.ics");
  });

  it("gives a person's duties a name of their own", () => {
    const title = "Besuch der Delegation aus Luzhou in Herne";
    expect(calendarFileName(title, "Jonas Weber", true)).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne-Jonas-Weber-Aufgaben.ics");
    expect(calendarFileName(title, "Jonas Weber", true, "en")).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne-Jonas-Weber-Duties.ics");
    expect(calendarFileName(title, "Jonas Weber", false)).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne-Jonas-Weber.ics");
    expect(calendarFileName("泸州代表团", "刘强", true)).toBe("Aufgaben.ics");
  });

  it("name an itinerary's PDF after the visit and the person, or the programme in the leading language", () => {
    const title = "Besuch der Delegation aus Luzhou in Herne";
    expect(itineraryFileName(title, null, "de")).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne-Programm.pdf");
    expect(itineraryFileName(title, null, "en")).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne-Programme.pdf");
    expect(itineraryFileName(title, "刘强 Liu Qiang", "de")).toBe("Besuch-der-Delegation-aus-Luzhou-in-Herne-Liu-Qiang.pdf");
    expect(itineraryFileName("泸州代表团", "刘强", "de")).toBe("Programm.pdf");
    expect(itineraryFileName("泸州代表团", null, "en")).toBe("Programme.pdf");
  });
});

describe("the edition a document gets until the user picks one", () => {
  // 刘强 Liu Qiang is a guest, Dr. Anna Berger a host, Jonas Weber staff without taking part.
  const view = visitWithStaff();
  it("is the guest edition for the delegation and for guests", () => {
    expect(defaultEdition(view, null)).toBe("guest");
    expect(defaultEdition(view, "p-liu")).toBe("guest");
  });
  it("is the internal edition for hosts, staff and anyone's duties", () => {
    expect(defaultEdition(view, "p-berger")).toBe("internal");
    expect(defaultEdition(view, "p-weber")).toBe("internal");
    expect(defaultEdition(view, "p-liu", true)).toBe("internal");
  });
});
