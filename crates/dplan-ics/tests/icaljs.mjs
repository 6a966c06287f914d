// Reads .ics files with Mozilla's ical.js (the parser inside Thunderbird),
// registering each file's own VTIMEZONEs, and prints, per file, each
// event's UID, SEQUENCE and start and end: UTC for timed events (computed by
// ical.js from the file's time-zone rules), the date for all-day ones.
// Used by tests/ics/icaljs.rs; ical.js is one of the project's npm packages.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const require = createRequire(path.join(root, "package.json"));
const mod = await import(pathToFileURL(require.resolve("ical.js")).href);
const ICAL = mod.default ?? mod;

const utc = (t) => new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
const out = [];
for (const file of process.argv.slice(2)) {
  const cal = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const zones = cal.getAllSubcomponents("vtimezone");
  for (const z of zones) ICAL.TimezoneService.register(z);
  out.push(
    cal.getAllSubcomponents("vevent").map((ve) => {
      const ev = new ICAL.Event(ve);
      const [start, end] = [ev.startDate, ev.endDate];
      for (const t of [start, end]) {
        if (!t.isDate && t.zone.tzid === "floating") {
          throw new Error(`${file}: ${ev.uid} has a floating time (its zone is not defined)`);
        }
      }
      return start.isDate
        ? { uid: ev.uid, sequence: ev.sequence, allDay: true, start: start.toString(), end: end.toString() }
        : { uid: ev.uid, sequence: ev.sequence, allDay: false, start: utc(start), end: utc(end) };
    }),
  );
  for (const z of zones) ICAL.TimezoneService.remove(z.getFirstPropertyValue("tzid"));
}
process.stdout.write(JSON.stringify(out));
