import { afterEach, describe, expect, it, vi } from "vitest";
import { printAlone, removePrintCopy } from "./print";

afterEach(() => {
  vi.restoreAllMocks();
  removePrintCopy();
  document.body.innerHTML = "";
});

const copies = () => [...document.querySelectorAll("body > .print-copy")].map((c) => c.innerHTML);

describe("printing a fragment alone", () => {
  it("puts one copy at the end of <body> for the print and removes it when printing is done", () => {
    document.body.innerHTML = `<div id="app"><p>the app</p></div>`;
    const seen: string[][] = [];
    vi.spyOn(window, "print").mockImplementation(() => void seen.push(copies()));

    printAlone(`<div class="itinerary">first</div>`);
    // A dialog that never said it was done leaves its copy; the next print replaces it.
    printAlone(`<div class="itinerary">second</div>`);
    expect(seen).toEqual([[`<div class="itinerary">first</div>`], [`<div class="itinerary">second</div>`]]);
    expect(document.body.lastElementChild?.className).toBe("print-copy");

    window.dispatchEvent(new Event("afterprint"));
    expect(copies()).toEqual([]);
    expect(document.getElementById("app")?.textContent).toBe("the app");
  });
});
