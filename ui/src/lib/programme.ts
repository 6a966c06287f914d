// Pure functions behind the programme view: counting whole days and laying
// out the week grid. Times in a second zone come from the core
// (`wall_times`), with the tz database's abbreviations.
// They read no clock and no machine time zone, so they behave the same on
// every desk. Changing an item (its status, moving it by days) is the
// core's work, asked for through the item commands.
import type { Schedule } from "./api/types";

/** The most days a visit may have (the core's `MAX_VISIT_DAYS`). */
export const MAX_VISIT_DAYS = 90;

const DAY_MS = 86_400_000;

// Dates are read as UTC midnights so that the user's own zone and its
// daylight-saving changes cannot add or lose an hour.
function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** "2027-03-31" plus 1 day is "2027-04-01". */
export function shiftDay(day: string, days: number): string {
  return fromDayNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to` ("2027-03-27" to "2027-03-29" is 2). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}


/** The local day an item starts on, in its own zone. */
export function startDay(item: { schedule: Schedule }): string {
  const s = item.schedule;
  return s.type === "timed" ? s.start.local.slice(0, 10) : s.first_day;
}

/** The local day an item ends on, in its own zone. */
export function endDay(item: { schedule: Schedule }): string {
  const s = item.schedule;
  return s.type === "timed" ? s.end.local.slice(0, 10) : s.last_day;
}

/** Every day from `first` to `last` inclusive, at most `MAX_VISIT_DAYS`. */
export function visitDays(first: string, last: string): string[] {
  const n = Math.min(daysBetween(first, last) + 1, MAX_VISIT_DAYS);
  return Array.from({ length: Math.max(n, 0) }, (_, i) => shiftDay(first, i));
}

/** A placed timed item in one day column of the week grid. */
export type Placed = {
  /** Minutes after the local midnight of the column's day. */
  start: number;
  end: number;
  /** The side-by-side lane the item takes, from 0. */
  lane: number;
  /** How many lanes the group of items overlapping with it needs. */
  lanes: number;
};

/**
 * Side-by-side lanes for the items of one day (start and end in minutes).
 * Each item takes the first lane that is free at its start; items that
 * overlap, directly or through others, share the width of their group.
 * The result is in the order of the input.
 */
export function layoutDay(spans: { start: number; end: number }[]): Placed[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end);
  const placed: Placed[] = spans.map((s) => ({ ...s, lane: 0, lanes: 1 }));
  let group: number[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    for (const i of group) placed[i].lanes = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const i of order) {
    const { start, end } = spans[i];
    if (start >= groupEnd) close();
    let lane = laneEnds.findIndex((e) => e <= start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = end;
    placed[i].lane = lane;
    group.push(i);
    groupEnd = group.length === 1 ? end : Math.max(groupEnd, end);
  }
  close();
  return placed;
}

/** Minutes after midnight of a local time "YYYY-MM-DDTHH:MM". */
export function minuteOfDay(local: string): number {
  return Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
}

/**
 * The hours the week grid shows: 07–22, widened to fit every timed item.
 * An item that ends on a later day runs to the bottom, so only its start
 * widens the range.
 */
export function hourRange(schedules: Schedule[]): { from: number; to: number } {
  let from = 7;
  let to = 22;
  for (const s of schedules) {
    if (s.type !== "timed") continue;
    const start = minuteOfDay(s.start.local);
    from = Math.min(from, Math.floor(start / 60));
    if (s.start.local.slice(0, 10) === s.end.local.slice(0, 10)) to = Math.max(to, Math.ceil(minuteOfDay(s.end.local) / 60));
    else to = Math.max(to, Math.floor(start / 60) + 1);
  }
  return { from, to: Math.min(to, 24) };
}
