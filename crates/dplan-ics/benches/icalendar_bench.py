"""Writes the events of benches/export.rs with Python's icalendar package.

Reads the events (summary, local start and end with their zones, location,
description, status, sequence) from a JSON file, then times building the
calendar and serialising it with to_ical(): the median of five runs, printed
as `median_ms N`. Zones are pytz zones, which icalendar 4 names as TZID; it
writes no VTIMEZONE (dplan's files have them), so Python does less work.
"""

import json
import statistics
import sys
import time
from datetime import datetime

import icalendar
import pytz


def parse_local(value):
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def when(event, key):
    value = event[key]
    if value.endswith("Z"):
        return pytz.utc.localize(parse_local(value[:-1]))
    return pytz.timezone(event[key + "_tzid"]).localize(parse_local(value))


def build(events, stamp):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//icalendar//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Benchmark")
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", e["uid"])
        ev.add("dtstamp", stamp)
        ev.add("sequence", int(e["sequence"]))
        ev.add("summary", e["summary"])
        ev.add("dtstart", when(e, "dtstart"))
        ev.add("dtend", when(e, "dtend"))
        if "location" in e:
            ev.add("location", e["location"])
        ev.add("description", e.get("description", ""))
        ev.add("status", e["status"])
        ev.add("transp", e["transp"])
        ev.add("x-microsoft-cdo-busystatus", e["x-microsoft-cdo-busystatus"])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", __import__("datetime").timedelta(minutes=-30))
        alarm.add("description", e["summary"])
        ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        events = json.load(f)
    stamp = pytz.utc.localize(datetime(2027, 3, 1, 8, 0, 0))
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        data = build(events, stamp)
        runs.append((time.perf_counter() - t) * 1000)
    print(f"version {icalendar.__version__}")
    print(f"bytes {len(data)}")
    print(f"median_ms {statistics.median(runs):.1f}")


if __name__ == "__main__":
    main()
