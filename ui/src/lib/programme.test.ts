import { afterEach, describe, expect, it, vi } from "vitest";
import type { Schedule } from "./api/types";
import {
  daysBetween,
  hourRange,
  layoutDay,
  shiftDay,
  visitDays,
} from "./programme";

// Some tests pretend the machine is in another zone (Node applies a new TZ
// at once); the real one comes back after each test.
afterEach(() => {
  vi.unstubAllEnvs();
});

const timed = (start: string, end: string, zone = "Europe/Berlin"): Schedule => ({
  type: "timed",
  start: { local: start, zone },
  end: { local: end, zone },
});

describe("counting whole days", () => {
  it("crosses month and year ends and leap days", () => {
    expect(shiftDay("2027-01-31", 1)).toBe("2027-02-01");
    expect(shiftDay("2027-03-01", -1)).toBe("2027-02-28");
    expect(shiftDay("2028-02-28", 1)).toBe("2028-02-29");
    expect(shiftDay("2027-12-31", 1)).toBe("2028-01-01");
    expect(shiftDay("2027-04-30", 31)).toBe("2027-05-31");
    expect(daysBetween("2027-02-27", "2027-03-02")).toBe(3);
    expect(daysBetween("2027-03-02", "2027-02-27")).toBe(-3);
  });

  it("is not disturbed by summer time on the user's machine", () => {
    // Europe/Berlin skips 02:00–03:00 on 2027-03-28 and repeats it on
    // 2027-10-31; local-midnight arithmetic would lose or gain a day there.
    for (const zone of ["Europe/Berlin", "America/Santiago", "Asia/Shanghai"]) {
      vi.stubEnv("TZ", zone);
      expect(shiftDay("2027-03-27", 1)).toBe("2027-03-28");
      expect(shiftDay("2027-03-28", 1)).toBe("2027-03-29");
      expect(shiftDay("2027-03-29", -2)).toBe("2027-03-27");
      expect(shiftDay("2027-10-30", 2)).toBe("2027-11-01");
      expect(daysBetween("2027-03-27", "2027-03-29")).toBe(2);
    }
  });

  it("lists a visit's days inclusive and at most 90", () => {
    expect(visitDays("2027-02-27", "2027-03-01")).toEqual(["2027-02-27", "2027-02-28", "2027-03-01"]);
    expect(visitDays("2027-03-24", "2027-03-24")).toEqual(["2027-03-24"]);
    const long = visitDays("2027-01-01", "2027-12-31");
    expect(long).toHaveLength(90);
    expect(long[89]).toBe("2027-03-31");
  });
});

describe("week grid layout", () => {
  it("puts overlapping items side by side and lets the group share the width", () => {
    const h = (x: number) => x * 60;
    const placed = layoutDay([
      { start: h(9), end: h(11) },
      { start: h(10), end: h(12) },
      { start: h(11.5), end: h(13) },
      { start: h(14), end: h(15) },
      { start: h(15), end: h(16) },
    ]);
    expect(placed.map((p) => [p.lane, p.lanes])).toEqual([
      [0, 2],
      [1, 2],
      // Free again at 11:30 because the first item ended at 11:00.
      [0, 2],
      [0, 1],
      // Touching is not overlapping.
      [0, 1],
    ]);
  });

  it("answers in input order, whatever the order of the times", () => {
    const placed = layoutDay([
      { start: 600, end: 660 },
      { start: 540, end: 720 },
    ]);
    expect(placed.map((p) => p.lane)).toEqual([1, 0]);
    expect(placed.map((p) => p.lanes)).toEqual([2, 2]);
  });

  it("shows 07–22 unless an item needs more, and an overnight item only by its start", () => {
    expect(hourRange([])).toEqual({ from: 7, to: 22 });
    expect(hourRange([timed("2027-03-24T10:00", "2027-03-24T12:00")])).toEqual({ from: 7, to: 22 });
    expect(hourRange([timed("2027-03-24T05:45", "2027-03-24T06:30"), timed("2027-03-24T21:00", "2027-03-24T23:10")])).toEqual({
      from: 5,
      to: 24,
    });
    expect(hourRange([timed("2027-03-24T13:30", "2027-03-25T07:05", "Asia/Shanghai")])).toEqual({ from: 7, to: 22 });
    expect(hourRange([{ type: "all_day", first_day: "2027-03-24", last_day: "2027-03-25" }])).toEqual({ from: 7, to: 22 });
  });
});
