"""The planner: every deadline and cadence of the collaboration models, on one calendar.

Each collaboration model in the source material states when meetings happen and what must be
done by when. This module turns those rules into dates, so nobody retypes them by hand, and
every form, the ``plan`` command and the case file's check use it (nothing else in the package
counts days):

* **Julemærkehjem** (:func:`julemaerkehjem`): forbesøg about two months before the stay; the
  opfølgningsdag 4–6 weeks after the stay ends; the contact person's dialogue with the home at
  the latest one week after the opfølgningsdag.
* **BBU's meeting series** (:func:`bbu`), from a placement's start: indskrivningssamtale at the
  start (within 48 hours after an acute placement); børnesamtale at the start (within 24 hours if
  the caseworker missed the admission), before each decision and before the three-month
  follow-up; statusmøde weekly at first (the first four weeks), then at least every other week;
  netværksmøde first within the first four weeks, then at least every 8 weeks;
  udskrivningssamtale 2–4 weeks after the child moved out, and nothing else after that.
* **Sammen om familien** (:func:`sammen_om_familien`): follow-up every 3 months in compensation
  and support cases, every 6 weeks in cases with a child-welfare investigation or measures; the
  cadence is fixed by the case type and cannot be changed locally.
* **The toolbox** (KORA/Furesø): the agenda one week before a network meeting
  (:func:`en_uge_foer`), the plan within one week after it (:func:`en_uge_efter`), the next
  network meeting within three months (:func:`naeste_netvaerksmoede`, one rule for the
  checklist, the process plan and the case check), the phases of the process plan
  (:func:`periode_slut`).

How the rules count (each is one function here, cited to its sentence in :data:`REGLER`):

* "i løbet af de første N uger af X": X is day 1, so the period ends on day 7·N (the fourth
  week of a placement on a Monday ends on the Sunday 27 days later); a phase that "tager N
  måneder" likewise ends the day before the same date N months on (:func:`periode_slut`);
* "N uger/måneder efter X" and "inden for N måneder" after a meeting count from the day after
  X, so they end on the same weekday or date (:func:`en_uge_efter`, :func:`naeste_netvaerksmoede`);
* "inden for N timer" is calendar time: an acute placement is handled outside office hours too
  (Døgnvagten), so the date is the placement's day or the next, closed or not;
* a deadline on a closed day moves to the working day *before*, so it is never missed; a window
  ("4–6 uger efter") proposes its first working day;
* a series with a largest gap ("minimum hver anden uge") is anchored to its nominal dates, each
  meeting at the latest on its nominal date *and* at most the gap after the meeting before it,
  so a meeting moved earlier by a holiday never leaves a longer gap after it; a fixed cadence
  ("hver 3. måned") is anchored to its start, so a moved date does not drift the series.

Working days come from one calendar (:class:`samarbejdsdok.kalender.Kalender`): Danish public
holidays, 24 and 31 December closed by default, and the municipality's own closing days from its
profile. Each meeting carries its rule's Danish text (printed in the documents), the source's
sentence and its legal basis as a key of the statutory table.

>>> for m in julemaerkehjem(dt.date(2026, 3, 2), dt.date(2026, 3, 27)):
...     print(m.navn, m.dato)
Forbesøg 2026-01-02
Ophold begynder 2026-03-02
Ophold slutter 2026-03-27
Opfølgningsdag 2026-04-24
Kontaktpersonens dialog med hjemmet 2026-05-01
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from .errors import ArgumentError
from .kalender import STANDARD, Kalender

__all__ = [
    "Regel",
    "REGLER",
    "Moede",
    "Sagstype",
    "julemaerkehjem",
    "dialog_frist",
    "bbu",
    "sammen_om_familien",
    "en_uge_foer",
    "en_uge_efter",
    "naeste_netvaerksmoede",
    "netvaerksmoeder_efter",
    "naeste_statusmoede",
    "naeste_bbu_netvaerksmoede",
    "periode_slut",
    "frist",
    "MODELLER",
]

_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(weeks=1)


@dataclass(frozen=True)
class Regel:
    """One rule of a collaboration model.

    Attributes:
        tekst: the rule in Danish as the documents print it ("senest en uge efter mødet").
        kilde: the source text's sentence it comes from (Danish, as in ``../shared/seeds``).
        lov: the key of its legal basis in the statutory table, if any.
    """

    tekst: str
    kilde: str
    lov: str | None = None


#: Every rule the planner knows, by key: the text documents print and the sentence it is from.
REGLER: dict[str, Regel] = {
    # Julemærkehjem (Model for samarbejde mellem kommuner og Julemærkehjemmene)
    "jmh_forbesoeg": Regel(
        "ca. 2 måneder før opholdet",
        "På barnets forbesøg ca. 2 måneder før opholdets start, taler kontaktpædagogen med "
        "familien om …",
    ),
    "jmh_start": Regel("opholdets første dag", "(opholdets datoer fra Julemærkehjemmet)"),
    "jmh_slut": Regel("opholdets sidste dag", "(opholdets datoer fra Julemærkehjemmet)"),
    "jmh_opfoelgningsdag": Regel(
        "4–6 uger efter opholdet",
        "… i forbindelse med opfølgningsdagen på Julemærkehjemmet, der ligger 4-6 uger efter "
        "afsluttet ophold …",
    ),
    "jmh_dialog": Regel(
        "senest en uge efter opfølgningsdagen",
        "… dialog mellem kontaktpersonen og Julemærkehjemmet senest en uge efter opfølgningen.",
    ),
    # BBU (Det gode samarbejde – fra principper til praksis, Københavns Kommune)
    "bbu_indskrivning": Regel(
        "ved anbringelsens start",
        "HVORNÅR Ved anbringelsens start.",
        "barnets_lov",
    ),
    "bbu_indskrivning_akut": Regel(
        "senest 48 timer efter en akut anbringelse",
        "Hvis det har været en akutanbringelse skal samtalen afholdes inden for 48 timer.",
        "barnets_lov",
    ),
    "bbu_boernesamtale": Regel(
        "ved anbringelsens start",
        "Barnet bør have en børnesamtale med sin sagsbehandler ved anbringelse på institutionen.",
        "barnets_lov",
    ),
    "bbu_boernesamtale_24": Regel(
        "inden for 24 timer, når sagsbehandleren ikke var med ved indskrivningen",
        "Hvis sagsbehandler ikke deltager til indskrivningssamtalen, anbefales det at barnet har "
        "en børnesamtale inden for de første 24 timer.",
        "barnets_lov",
    ),
    "bbu_boernesamtale_afgoerelse": Regel(
        "arbejdsdagen før afgørelsen",
        "Afholdes minimum ved indsatsens begyndelse, ved afgørelse og før tre måneders opfølgning.",
        "barnets_lov",
    ),
    "bbu_boernesamtale_3_mdr": Regel(
        "før opfølgningen efter tre måneder",
        "Afholdes minimum ved indsatsens begyndelse, ved afgørelse og før tre måneders opfølgning.",
        "barnets_lov",
    ),
    "bbu_status_ugentlig": Regel(
        "ugentligt de første fire uger",
        "I begyndelsen af en indsats er det vigtigt, at mødeaktivitet er styrket og at der "
        "afholdes statusmøde ugentligt …",
    ),
    "bbu_status": Regel(
        "mindst hver anden uge",
        "Efterfølgende aftales statusmøder løbende, men minimum hver anden uge.",
    ),
    "bbu_netvaerk_foerste": Regel(
        "i løbet af anbringelsens første fire uger",
        "Det første netværksmøde bør holdes i løbet af de første fire uger af anbringelsen.",
    ),
    "bbu_netvaerk": Regel(
        "mindst hver 8. uge",
        "Efterfølgende netværksmøde minimum hver 8. uge.",
    ),
    "bbu_udskrivning": Regel(
        "2–4 uger efter udflytningen",
        "Samtalen afholdes ca. 2-4 uger efter barn/ung eller familie er flyttet fra tilbuddet.",
        "barnets_lov",
    ),
    # Sammen om familien (Socialstyrelsen/Rambøll)
    "sof_kompensation": Regel(
        "hver 3. måned (kompensations- og støttesager)",
        "… i sager udelukkende med foranstaltninger vedrørende kompensation og støtte sker "
        "opfølgning hver tredje måned …",
        "barnets_lov",
    ),
    "sof_undersoegelse": Regel(
        "hver 6. uge (sager med børnefaglig undersøgelse eller foranstaltninger)",
        "… og i sager med foranstaltninger med børnefaglig undersøgelse sker opfølgning hver "
        "sjette uge.",
        "barnets_lov",
    ),
    "sof_netvaerk": Regel(
        "hver 6. måned",
        "I en kommune planlægger sagsbehandlerne tværfaglige netværksmøder med en fast kadence, "
        "således at de afholdes hver 6. måned.",
    ),
    # The toolbox (KORA/Furesø, Helhedsorienteret indsats for udsatte familier)
    "dagsorden": Regel(
        "en uge før netværksmødet",
        "Dagsorden, med udgangspunkt i møde 1, sendes på mail en uge før Netværksmødet – også "
        "til familien.",
    ),
    "plan_efter_moedet": Regel(
        "senest en uge efter netværksmødet",
        "Efter netværksmødet opdateres den helhedsorienterede familieplan inden for en uge og "
        "sendes som pdf til alle mødedeltagere …",
    ),
    "naeste_netvaerksmoede": Regel(
        "inden for tre måneder efter det forrige netværksmøde",
        "Aftale om næste netværksmøde inden for tre måneder",
    ),
    "fase1": Regel(
        "fase 1 tager op til 1 måned; netværksmødet begynder fase 2",
        "Fase 1 tager op til 1 måned",
    ),
    "fase2": Regel("fase 2 tager 6–8 måneder", "Fase 2 tager 6-8 måneder"),
    "fase3": Regel("fase 3 tager 1–2 måneder", "Fase 3 tager 1-2 måneder"),
}


@dataclass(frozen=True)
class Moede:
    """One planned meeting or date.

    Attributes:
        navn: what it is ("Statusmøde 3").
        dato: the proposed date (a working day, unless it is a fixed given date or an hour rule
            after an acute placement).
        regel: the rule it follows, in Danish (:attr:`Regel.tekst`).
        fra, til: the window it may fall in, when the rule gives one.
        lov: the key of its legal basis in the statutory-reference table, if any.
        kilde: the source's sentence (:attr:`Regel.kilde`).
        noegle: the rule's key in :data:`REGLER`.
    """

    navn: str
    dato: dt.date
    regel: str
    fra: dt.date | None = None
    til: dt.date | None = None
    lov: str | None = None
    kilde: str = ""
    noegle: str = ""


def _moede(
    noegle: str, navn: str, dato: dt.date, fra: dt.date | None = None, til: dt.date | None = None
) -> Moede:
    r = REGLER[noegle]
    return Moede(navn, dato, r.tekst, fra, til, r.lov, r.kilde, noegle)


# --- the counting rules ---------------------------------------------------------------------


def frist(day: dt.date, kalender: Kalender = STANDARD, earliest: dt.date | None = None) -> dt.date:
    """A deadline on a working day: ``day``, or the working day before it, but not before
    ``earliest`` (then the first working day from ``earliest``)."""
    moved = kalender.previous_working_day(day)
    if earliest is not None and moved < earliest:
        return kalender.next_working_day(earliest)
    return moved


def periode_slut(start: dt.date, varighed: relativedelta | dt.timedelta) -> dt.date:
    """The last day of a period that begins on ``start`` (day 1) and lasts ``varighed``: four
    weeks from Monday 2 March end on Sunday 29 March, two months from 2 July on 1 September."""
    return start + varighed - _DAY


def en_uge_foer(day: dt.date, kalender: Kalender = STANDARD) -> dt.date:
    """ "En uge før" ``day`` (the agenda before a network meeting), moved earlier if closed."""
    return kalender.previous_working_day(day - _WEEK)


def en_uge_efter(day: dt.date, kalender: Kalender = STANDARD) -> dt.date:
    """ "Senest/inden for en uge efter" ``day``: the same weekday a week on, or the working day
    before it, but not before ``day``."""
    return frist(day + _WEEK, kalender, earliest=day)


def naeste_netvaerksmoede(day: dt.date, kalender: Kalender = STANDARD) -> dt.date:
    """The last day for the toolbox's next network meeting after one on ``day``: "inden for tre
    måneder", so the same date three months on (the month's last day where it has none), or the
    working day before it. The checklist, the process plan and the case check all use this."""
    return frist(day + relativedelta(months=3), kalender, earliest=day + _DAY)


def naeste_sof_netvaerksmoede(day: dt.date, kalender: Kalender = STANDARD) -> dt.date:
    """The last day for Sammen om familien's next network meeting after ``day`` (the case's
    start or the network meeting before): "hver 6. måned", so the same date six months on (the
    month's last day where it has none), or the working day before it."""
    return frist(day + relativedelta(months=6), kalender, earliest=day + _DAY)


def netvaerksmoeder_efter(
    day: dt.date,
    antal: int | None = None,
    *,
    til: dt.date | None = None,
    kalender: Kalender = STANDARD,
) -> list[dt.date]:
    """The toolbox's following network meetings after one on ``day`` ("ca. hver tredje måned",
    each within three months of the one before): ``antal`` of them, or all before ``til``."""
    if antal is None and til is None:
        raise ArgumentError("angiv et antal møder eller en slutdato")
    step = relativedelta(months=3)

    def nominal(k: int) -> tuple[dt.date, relativedelta]:
        return day + step * k, step

    last = dt.date.max if til is None else til - _DAY
    return _series(nominal, day, last, kalender, antal)


_Gap = dt.timedelta | relativedelta


def _series(
    nominal: Callable[[int], tuple[dt.date, _Gap]],
    previous: dt.date,
    last: dt.date,
    kalender: Kalender,
    antal: int | None = None,
) -> list[dt.date]:
    """A series with a largest gap, anchored to its nominal dates: meeting k (from 1) at the
    latest on its nominal date and at most its gap after the meeting before it, on a working
    day; as long as that day is not after ``last``. ``nominal(k)`` gives meeting k's nominal
    date and its largest gap."""
    dates: list[dt.date] = []
    k = 1
    while antal is None or len(dates) < antal:
        day, gap = nominal(k)
        due = min(day, previous + gap)
        if due > last:
            return dates
        date = frist(due, kalender, earliest=previous + _DAY)
        if date > last:
            return dates
        dates.append(date)
        previous, k = date, k + 1
    return dates


def naeste_statusmoede(
    moede: dt.date, start: dt.date | None = None, kalender: Kalender = STANDARD
) -> Moede:
    """BBU: the last day for the status meeting after one on ``moede``. While that next meeting
    still falls in the placement's first four weeks (``start`` known) status meetings are
    weekly, so a week later; after that at least every other week, so two weeks later; on the
    working day before if that is closed. This is the gap of :func:`bbu`'s series (the fourth
    weekly meeting is followed by one two weeks on), and the minutes' check (D2), their
    proposal and the case file's check all use it; ``moede`` may be the placement's start (the
    first status meeting)."""
    weekly = start is not None and moede + _WEEK <= periode_slut(start, 4 * _WEEK)
    gap = _WEEK if weekly else 2 * _WEEK
    key = "bbu_status_ugentlig" if weekly else "bbu_status"
    return _moede(key, "Næste statusmøde", frist(moede + gap, kalender, earliest=moede + _DAY))


def naeste_bbu_netvaerksmoede(
    forrige: dt.date | None, start: dt.date, kalender: Kalender = STANDARD
) -> Moede:
    """BBU: the last day for the next network meeting: the first (``forrige`` is ``None``) in
    the placement's first four weeks, each following one at most 8 weeks after the one before
    (``forrige``); on the working day before if that is closed. The gaps of :func:`bbu`'s
    series, for the case file's check."""
    if forrige is None:
        last = periode_slut(start, 4 * _WEEK)
        return _moede("bbu_netvaerk_foerste", "Netværksmøde", frist(last, kalender, earliest=start))
    due = frist(forrige + 8 * _WEEK, kalender, earliest=forrige + _DAY)
    return _moede("bbu_netvaerk", "Næste netværksmøde", due)


def _within_hours(start: dt.date, hours: int, kalender: Kalender) -> tuple[dt.date, dt.date]:
    """(proposed date, last date) for "inden for N timer" after something on ``start``: the
    first working day that is surely inside the hours (every day before the last), else the
    day itself (outside office hours, with Døgnvagten)."""
    last = start + dt.timedelta(hours=hours)
    day = start
    while day < last:
        if kalender.is_working_day(day):
            return day, last
        day += _DAY
    return start, last


# --- the models -------------------------------------------------------------------------------


def julemaerkehjem(
    ophold_start: dt.date, ophold_slut: dt.date, kalender: Kalender = STANDARD
) -> list[Moede]:
    """The dates around a stay at a Julemærkehjem."""
    if ophold_slut < ophold_start:
        raise ArgumentError("opholdet slutter før det begynder")
    forbesoeg = frist(ophold_start - relativedelta(months=2), kalender)
    fra, til = ophold_slut + 4 * _WEEK, ophold_slut + 6 * _WEEK
    opfoelgning = _window(fra, til, kalender)
    return [
        _moede("jmh_forbesoeg", "Forbesøg", forbesoeg),
        _moede("jmh_start", "Ophold begynder", ophold_start),
        _moede("jmh_slut", "Ophold slutter", ophold_slut),
        _moede("jmh_opfoelgningsdag", "Opfølgningsdag", opfoelgning, fra, til),
        _moede(
            "jmh_dialog", "Kontaktpersonens dialog med hjemmet", dialog_frist(opfoelgning, kalender)
        ),
    ]


def _window(first: dt.date, last: dt.date, kalender: Kalender) -> dt.date:
    """The proposed date in a window: its first working day (or the last one before it)."""
    proposed = kalender.next_working_day(first)
    return proposed if proposed <= last else kalender.previous_working_day(last)


def dialog_frist(opfoelgningsdag: dt.date, kalender: Kalender = STANDARD) -> dt.date:
    """The last day for the contact person's dialogue with the Julemærkehjem: one week after the
    opfølgningsdag (on the working day before, if that is closed)."""
    return en_uge_efter(opfoelgningsdag, kalender)


def bbu(
    start: dt.date,
    *,
    akut: bool = False,
    indskrivning_uden_sagsbehandler: bool = False,
    uger: int = 12,
    afgoerelser: tuple[dt.date, ...] = (),
    udflytning: dt.date | None = None,
    kalender: Kalender = STANDARD,
) -> list[Moede]:
    """BBU's coordinated meeting series from a placement's start (``start`` is day 1 of week 1)
    for ``uger`` weeks, and nothing but the udskrivningssamtale from the move-out on."""
    if uger < 1:
        raise ArgumentError("planen skal dække mindst én uge")
    if udflytning is not None and udflytning <= start:
        raise ArgumentError("udflytningen skal ligge efter anbringelsens start")
    for d in afgoerelser:
        if d < start:
            raise ArgumentError("en afgørelse ligger før anbringelsens start")
    last = periode_slut(start, dt.timedelta(weeks=uger))
    if udflytning is not None:
        last = min(last, udflytning - _DAY)

    def inside(day: dt.date) -> bool:
        return day <= last

    meetings: list[Moede] = []
    if akut:
        day, til = _within_hours(start, 48, kalender)
        meetings.append(_moede("bbu_indskrivning_akut", "Indskrivningssamtale", day, start, til))
    else:
        meetings.append(
            _moede("bbu_indskrivning", "Indskrivningssamtale", kalender.next_working_day(start))
        )
    if indskrivning_uden_sagsbehandler:
        day, til = _within_hours(start, 24, kalender)
        meetings.append(_moede("bbu_boernesamtale_24", "Børnesamtale", day, start, til))
    else:
        # With the admission (its day, whichever rule set it).
        meetings.append(_moede("bbu_boernesamtale", "Børnesamtale", meetings[0].dato))
    for i, decision in enumerate(sorted(afgoerelser), start=1):
        before = frist(decision - _DAY, kalender, earliest=start)
        if inside(before):
            meetings.append(
                _moede("bbu_boernesamtale_afgoerelse", f"Børnesamtale før afgørelse {i}", before)
            )
    # Before the follow-up three months after the start, if that lies inside the plan.
    before = frist(start + relativedelta(months=3) - _DAY, kalender, earliest=start)
    if inside(before):
        meetings.append(
            _moede(
                "bbu_boernesamtale_3_mdr", "Børnesamtale før opfølgningen efter tre måneder", before
            )
        )

    # Statusmøder: weekly in the first four weeks, then at least every other week.
    def status(k: int) -> tuple[dt.date, dt.timedelta]:
        if k <= 4:
            return start + _WEEK * k, _WEEK
        return start + _WEEK * (2 * k - 4), 2 * _WEEK

    for n, date in enumerate(_series(status, start, last, kalender), start=1):
        key = "bbu_status_ugentlig" if n <= 4 else "bbu_status"
        meetings.append(_moede(key, f"Statusmøde {n}", date))

    # Netværksmøder: the first within the first four weeks (no gap before it), then at least
    # every 8 weeks.
    first = periode_slut(start, 4 * _WEEK)

    def network(k: int) -> tuple[dt.date, dt.timedelta]:
        day = first + 8 * _WEEK * (k - 1)
        return day, (8 * _WEEK if k > 1 else day - start + _DAY)

    for n, date in enumerate(_series(network, start - _DAY, last, kalender), start=1):
        key = "bbu_netvaerk_foerste" if n == 1 else "bbu_netvaerk"
        meetings.append(_moede(key, f"Netværksmøde {n}", date))
    if udflytning is not None:
        fra, til = udflytning + 2 * _WEEK, udflytning + 4 * _WEEK
        meetings.append(
            _moede("bbu_udskrivning", "Udskrivningssamtale", _window(fra, til, kalender), fra, til)
        )
    return sorted(meetings, key=lambda m: m.dato)  # stable: the order of the rules on a day


class Sagstype(StrEnum):
    """The case types of "Sammen om familien", which fix the follow-up cadence."""

    kompensation = "kompensation"
    undersoegelse = "undersøgelse"


_CADENCE = {
    Sagstype.kompensation: (relativedelta(months=3), "sof_kompensation"),
    Sagstype.undersoegelse: (relativedelta(weeks=6), "sof_undersoegelse"),
}


def sammen_om_familien(
    start: dt.date, sagstype: Sagstype | str, maaneder: int = 12, kalender: Kalender = STANDARD
) -> list[Moede]:
    """Follow-ups at the fixed cadence of the case type, for ``maaneder`` months (the period
    that begins on ``start``)."""
    sagstype = Sagstype(sagstype)
    step, key = _CADENCE[sagstype]
    last = periode_slut(start, relativedelta(months=maaneder))
    meetings = []
    n = 1
    due = start + step
    while due <= last:
        date = frist(due, kalender, earliest=start + _DAY)
        meetings.append(_moede(key, f"Opfølgning {n}", date))
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
