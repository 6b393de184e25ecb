"""The calendar invitation (.ics, RFC 5545) for a network meeting, without personal data.

The toolbox sends the invitation to a network meeting "so far as possible as an Outlook
invitation" and is explicit that a calendar invitation must not carry personal data: calendars
are shared, synchronised to phones and read by assistants. So the .ics holds only:

* ``SUMMARY``: "Netværksmøde" (never the family's name);
* ``LOCATION``: the room and the venue's address (a municipal meeting room, not a home);
* ``DESCRIPTION``: one neutral sentence naming the programme, saying that the invitation letter
  and the agenda come separately;
* ``ORGANIZER``: the coordinator's e-mail address (``mailto:``; a calendar invitation needs an
  organiser to reply to) with ``CN`` = the programme and municipality, not the person's name;
* ``DTSTART``/``DTEND`` in local time with ``TZID=Europe/Copenhagen`` and a ``VTIMEZONE``; the
  end is the model's ``slut`` (the given end time, else start plus two hours).

No ``ATTENDEE`` lines (names and name-like e-mail addresses of the participants), no family
names, CPR numbers, phone numbers or notes. The recipients are added by the sender's mail
program.

The output is deterministic: ``UID`` is a hash of non-personal data (municipality, programme,
date, start time, room) unless given, and ``DTSTAMP`` is the meeting's start in UTC rather
than the time of the call, so rendering the same data twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from .forms.netvaerksmoede_invitation import NetvaerksmoedeInvitation

__all__ = ["invitation_ics", "TIDSZONE", "EMNE"]

#: The time zone of every meeting.
TIDSZONE = "Europe/Copenhagen"

#: The neutral title of the calendar entry.
EMNE = "Netværksmøde"


def _uid(model: NetvaerksmoedeInvitation) -> str:
    key = "|".join(
        [
            model.organisation.kommune,
            model.organisation.indsats,
            model.dato.isoformat(),
            model.starttid.strftime("%H:%M"),
            model.lokale,
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@samarbejdsdok"


def invitation_ics(model: NetvaerksmoedeInvitation, *, uid: str | None = None) -> bytes:
    """The calendar invitation (METHOD:REQUEST, one VEVENT) for ``model`` as .ics bytes."""
    from icalendar import Calendar, Event, vCalAddress, vText

    from ._version import __version__

    zone = ZoneInfo(TIDSZONE)
    start = dt.datetime.combine(model.dato, model.starttid, tzinfo=zone)
    end = dt.datetime.combine(model.dato, model.slut, tzinfo=zone)
    org = model.organisation

    cal = Calendar()
    cal.add("prodid", f"-//samarbejdsdok//samarbejdsdok {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "REQUEST")

    event = Event()
    event.add("uid", uid or _uid(model))
    event.add("dtstamp", start.astimezone(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("sequence", 0)
    event.add("summary", EMNE)
    location = model.lokale + (f", {model.adresse}" if model.adresse else "")
    event.add("location", location)
    event.add(
        "description",
        f"Netværksmøde i {org.indsats}, {org.kommune}. Invitationen og dagsordenen "
        "sendes særskilt.",
    )
    organizer = vCalAddress(f"mailto:{model.familiekoordinator.email}")
    organizer.params["cn"] = vText(f"{org.indsats}, {org.kommune}")
    event["organizer"] = organizer
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "CONFIDENTIAL")
    cal.add_component(event)
    # The VTIMEZONE covers the years around the meeting (shorter, and deterministic).
    cal.add_missing_timezones(
        first_date=dt.date(model.dato.year - 1, 1, 1), last_date=dt.date(model.dato.year + 2, 1, 1)
    )
    return bytes(cal.to_ical())
