"""The cadence planner: the dated meetings a collaboration model prescribes.

Each collaboration model in the source material states when meetings happen. This module turns
those rules into dates, so nobody retypes them by hand:

* **Julemærkehjem** (:func:`julemaerkehjem`): forbesøg about two months before the stay; the
  opfølgningsdag 4–6 weeks after the stay ends; the contact person's dialogue with the home at
  the latest one week after the opfølgningsdag.
* **BBU's meeting series** (:func:`bbu`), from a placement's start: indskrivningssamtale at the
  start (within 48 hours after an acute placement); børnesamtale at the start (within 24 hours if
  the caseworker missed the admission), at each decision and before the three-month follow-up;
  statusmøde weekly at first (the first four weeks), then at least every other week; netværksmøde
  first within four weeks, then at least every 8 weeks; udskrivningssamtale 2–4 weeks after the
  child moved out.
* **Sammen om familien** (:func:`sammen_om_familien`): follow-up every 3 months in compensation
  and support cases, every 6 weeks in cases with a child-welfare investigation or measures; the
  cadence is fixed by the case type and cannot be changed locally.

Dates are working days (weekdays that are not Danish public holidays,
:mod:`samarbejdsdok.kalender`).
A deadline ("within", "at the latest", "at least every") moves to the working day *before*, so
it is never missed; a window ("4–6 weeks after") gives the window and proposes its first working
day. Each meeting carries its rule in Danish and its legal basis as a key of the statutory table.

>>> for m in julemaerkehjem(dt.date(2026, 3, 2), dt.date(2026, 3, 27)):
...     print(m.navn)
Forbesøg
Ophold begynder
Ophold slutter
Opfølgningsdag
Kontaktpersonens dialog med hjemmet
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from .errors import ArgumentError
from .kalender import next_working_day, previous_working_day

__all__ = [
    "Moede",
    "Sagstype",
    "julemaerkehjem",
    "dialog_frist",
    "bbu",
    "sammen_om_familien",
    "MODELLER",
]


@dataclass(frozen=True)
class Moede:
    """One planned meeting or date.

    Attributes:
        navn: what it is ("Statusmøde 3").
        dato: the proposed date (a working day, unless it is a fixed given date).
        regel: the rule it follows, in Danish.
        fra, til: the window it may fall in, when the rule gives one.
        lov: the key of its legal basis in the statutory-reference table, if any.
    """

    navn: str
    dato: dt.date
    regel: str
    fra: dt.date | None = None
    til: dt.date | None = None
    lov: str | None = None


def _deadline(day: dt.date, earliest: dt.date | None = None) -> dt.date:
    """A deadline on a working day: moved earlier, but not before ``earliest``."""
    moved = previous_working_day(day)
    if earliest is not None and moved < earliest:
        return next_working_day(earliest)
    return moved


def _window(first: dt.date, last: dt.date) -> dt.date:
    """The proposed date in a window: its first working day (or the last one before it)."""
    proposed = next_working_day(first)
    return proposed if proposed <= last else previous_working_day(last)


def julemaerkehjem(ophold_start: dt.date, ophold_slut: dt.date) -> list[Moede]:
    """The dates around a stay at a Julemærkehjem."""
    if ophold_slut < ophold_start:
        raise ArgumentError("opholdet slutter før det begynder")
    forbesoeg = _deadline(ophold_start - relativedelta(months=2))
    fra, til = ophold_slut + dt.timedelta(weeks=4), ophold_slut + dt.timedelta(weeks=6)
    opfoelgning = _window(fra, til)
    dialog = dialog_frist(opfoelgning)
    return [
        Moede("Forbesøg", forbesoeg, "ca. 2 måneder før opholdet"),
        Moede("Ophold begynder", ophold_start, "opholdets første dag"),
        Moede("Ophold slutter", ophold_slut, "opholdets sidste dag"),
        Moede("Opfølgningsdag", opfoelgning, "4–6 uger efter opholdet", fra, til),
        Moede(
            "Kontaktpersonens dialog med hjemmet",
            dialog,
            "senest en uge efter opfølgningsdagen",
        ),
    ]


def dialog_frist(opfoelgningsdag: dt.date) -> dt.date:
    """The last day for the contact person's dialogue with the Julemærkehjem: one week after the
    opfølgningsdag (on the working day before, if that is a holiday or weekend)."""
    return _deadline(opfoelgningsdag + dt.timedelta(weeks=1), earliest=opfoelgningsdag)


def bbu(
    start: dt.date,
    *,
    akut: bool = False,
    indskrivning_uden_sagsbehandler: bool = False,
    uger: int = 12,
    afgoerelser: tuple[dt.date, ...] = (),
    udflytning: dt.date | None = None,
) -> list[Moede]:
    """BBU's coordinated meeting series from a placement's start, for ``uger`` weeks."""
    if uger < 1:
        raise ArgumentError("planen skal dække mindst én uge")
    end = start + dt.timedelta(weeks=uger)
    meetings: list[Moede] = []
    if akut:
        meetings.append(
            Moede(
                "Indskrivningssamtale",
                _deadline(start + dt.timedelta(hours=48), start),
                "senest 48 timer efter en akut anbringelse",
                lov="barnets_lov",
            )
        )
    else:
        meetings.append(
            Moede(
                "Indskrivningssamtale",
                next_working_day(start),
                "ved anbringelsens start",
                lov="barnets_lov",
            )
        )
    if indskrivning_uden_sagsbehandler:
        meetings.append(
            Moede(
                "Børnesamtale",
                _deadline(start + dt.timedelta(hours=24), start),
                "inden for 24 timer, når sagsbehandleren ikke var med ved indskrivningen",
                lov="barnets_lov",
            )
        )
    else:
        meetings.append(
            Moede(
                "Børnesamtale",
                next_working_day(start),
                "ved anbringelsens start",
                lov="barnets_lov",
            )
        )
    for i, decision in enumerate(sorted(afgoerelser), start=1):
        meetings.append(
            Moede(
                f"Børnesamtale før afgørelse {i}",
                _deadline(decision, start),
                "før en afgørelse",
                lov="barnets_lov",
            )
        )
    three_months = start + relativedelta(months=3)
    if three_months <= end:
        meetings.append(
            Moede(
                "Børnesamtale før opfølgningen efter tre måneder",
                _deadline(three_months - dt.timedelta(days=1), start),
                "før opfølgningen efter tre måneder",
                lov="barnets_lov",
            )
        )
    # Statusmøder: weekly for the first four weeks, then at least every other week.
    day, n = start, 0
    while True:
        step = dt.timedelta(weeks=1 if n < 4 else 2)
        day = day + step
        if day > end:
            break
        n += 1
        rule = "ugentligt i starten" if n <= 4 else "mindst hver anden uge"
        meetings.append(Moede(f"Statusmøde {n}", _deadline(day, start), rule))
    # Netværksmøder: first within four weeks, then at least every 8 weeks.
    day, n = start + dt.timedelta(weeks=4), 1
    while day <= end:
        rule = "første gang inden for fire uger" if n == 1 else "mindst hver 8. uge"
        meetings.append(Moede(f"Netværksmøde {n}", _deadline(day, start), rule))
        day, n = day + dt.timedelta(weeks=8), n + 1
    if udflytning is not None:
        fra, til = udflytning + dt.timedelta(weeks=2), udflytning + dt.timedelta(weeks=4)
        meetings.append(
            Moede(
                "Udskrivningssamtale",
                _window(fra, til),
                "2–4 uger efter udflytningen",
                fra,
                til,
                lov="barnets_lov",
            )
        )
    return sorted(meetings, key=lambda m: (m.dato, m.navn))


class Sagstype(StrEnum):
    """The case types of "Sammen om familien", which fix the follow-up cadence."""

    kompensation = "kompensation"
    undersoegelse = "undersøgelse"


_CADENCE = {
    Sagstype.kompensation: (
        relativedelta(months=3),
        "hver 3. måned (kompensations- og støttesager)",
    ),
    Sagstype.undersoegelse: (
        relativedelta(weeks=6),
        "hver 6. uge (sager med børnefaglig undersøgelse eller foranstaltninger)",
    ),
}


def sammen_om_familien(start: dt.date, sagstype: Sagstype | str, maaneder: int = 12) -> list[Moede]:
    """Follow-ups at the fixed cadence of the case type, for ``maaneder`` months."""
    sagstype = Sagstype(sagstype)
    step, rule = _CADENCE[sagstype]
    end = start + relativedelta(months=maaneder)
    meetings = []
    n = 1
    due = start + step
    while due <= end:
        meetings.append(Moede(f"Opfølgning {n}", _deadline(due, start), rule, lov="barnets_lov"))
        n += 1
        due = start + step * n  # from the start, so a moved date does not drift the series
    return meetings


#: The models the ``plan`` command knows, with a Danish name.
MODELLER = {
    "julemaerkehjem": "Samarbejde med Julemærkehjemmene",
    "bbu": "BBU's koordinerede mødeforløb (Københavns Kommune)",
    "sammen_om_familien": "Sammen om familien",
}


def plan_ics(meetings: list[Moede], model: str) -> bytes:
    """The planned meetings as all-day calendar events. The plan holds no personal data (only
    meeting types, dates and rules), and neither does the file."""
    import hashlib

    from icalendar import Calendar, Event

    from ._version import __version__

    cal = Calendar()
    cal.add("prodid", f"-//samarbejdsdok//samarbejdsdok {__version__}//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for m in meetings:
        event = Event()
        key = f"{model}|{m.navn}|{m.dato.isoformat()}".encode()
        event.add("uid", hashlib.sha256(key).hexdigest()[:32] + "@samarbejdsdok")
        event.add("dtstamp", dt.datetime(m.dato.year, m.dato.month, m.dato.day, tzinfo=dt.UTC))
        event.add("dtstart", m.dato)
        event.add("dtend", m.dato + dt.timedelta(days=1))
        event.add("summary", m.navn)
        event.add("description", f"Regel: {m.regel}.")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
