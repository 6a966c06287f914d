import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PROGRESS_DELAY_MS, activity } from "./activity.svelte";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe("activity", () => {
  it("shows no progress for a call quicker than the delay", async () => {
    const done = activity.track(() => after(PROGRESS_DELAY_MS - 100, "quick"));
    expect(activity.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 100);
    expect(await done).toBe("quick");
    await vi.advanceTimersByTimeAsync(1000);
    expect(activity.slow).toBe(false);
    expect(activity.pending).toBe(0);
  });

  it("shows progress once a call runs past the delay, until every call is done", async () => {
    const slow = activity.track(() => after(2000, 1));
    const quick = activity.track(() => after(700, 2));
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS + 1);
    expect(activity.slow).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(await quick).toBe(2);
    expect(activity.slow).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await slow).toBe(1);
    expect(activity.slow).toBe(false);
  });

  it("ends the progress when a call fails, and passes the failure on", async () => {
    const failing = activity.track(() => after(800, null).then(() => Promise.reject(new Error("disk full"))));
    const caught = failing.catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(900);
    expect(await caught).toBe("disk full");
    expect(activity.slow).toBe(false);
    expect(activity.pending).toBe(0);
  });
});
