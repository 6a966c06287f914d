"""Reads CalDAV collections with an independent client (Debian's
python3-caldav, which parses with python3-icalendar) and prints, as JSON,
each collection's events: UID, SEQUENCE, STATUS, SUMMARY and start and end
in UTC (or as dates for all-day events).

    read_caldav.py COLLECTION_URL...   (login from DPLAN_TEST_CALDAV_USER /
                                        DPLAN_TEST_CALDAV_PASSWORD, if set)
"""
import datetime
import json
import os
import sys

import caldav


def when(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def main(urls):
    client = caldav.DAVClient(
        url=urls[0],
        username=os.environ.get("DPLAN_TEST_CALDAV_USER"),
        password=os.environ.get("DPLAN_TEST_CALDAV_PASSWORD"),
    )
    out = {}
    for url in urls:
        calendar = caldav.Calendar(client=client, url=url)
        events = []
        for resource in calendar.events():
            for component in resource.icalendar_instance.walk("VEVENT"):
                events.append(
                    {
                        "uid": str(component.get("UID")),
                        "sequence": int(component.get("SEQUENCE", 0)),
                        "status": str(component.get("STATUS", "")),
                        "summary": str(component.get("SUMMARY", "")),
                        "start": when(component.decoded("DTSTART")),
                        "end": when(component.decoded("DTEND")),
                    }
                )
        events.sort(key=lambda e: (e["start"], e["uid"]))
        out[url] = events
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
