import { afterEach, describe, expect, it } from "vitest";
import { discardChanges, guard, hasUnsavedChanges, watchEdits } from "./unsaved.svelte";

let stop: () => void = () => {};

afterEach(() => {
  stop();
  discardChanges();
  document.body.innerHTML = "";
});

function formWithInput(attrs = ""): { form: HTMLFormElement; input: HTMLInputElement } {
  document.body.insertAdjacentHTML("beforeend", `<form ${attrs}><input name="x" /></form>`);
  const form = document.body.lastElementChild as HTMLFormElement;
  return { form, input: form.querySelector("input")! };
}

describe("unsaved-changes guard", () => {
  it("counts a form as changed once typed in, and settled once it leaves the page", () => {
    stop = watchEdits(document);
    const { form, input } = formWithInput();
    expect(hasUnsavedChanges()).toBe(false);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect(hasUnsavedChanges()).toBe(true);
    form.remove();
    expect(hasUnsavedChanges()).toBe(false);
  });

  it("ignores forms marked data-no-guard", () => {
    stop = watchEdits(document);
    const { input } = formWithInput("data-no-guard");
    input.dispatchEvent(new Event("change", { bubbles: true }));
    expect(hasUnsavedChanges()).toBe(false);
  });

  it("navigates at once without changes, and asks first with them", () => {
    stop = watchEdits(document);
    let went = 0;
    guard.navigate(() => (went += 1));
    expect(went).toBe(1);
    expect(guard.pending).toBeNull();

    const { input } = formWithInput();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    guard.navigate(() => (went += 1));
    expect(went).toBe(1);
    expect(guard.pending).not.toBeNull();

    let stayed = false;
    guard.onstay = () => (stayed = true);
    guard.stay();
    expect(stayed).toBe(true);
    expect(went).toBe(1);
    expect(hasUnsavedChanges()).toBe(true);

    guard.navigate(() => (went += 1));
    guard.discard();
    expect(went).toBe(2);
    expect(hasUnsavedChanges()).toBe(false);
  });
});
