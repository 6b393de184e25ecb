"""Danish working days, for deadlines and meeting plans: one calendar for every rule.

A working day is a weekday on which the municipality is open: not a Danish public holiday (from
the `holidays` package; Store bededag exists up to 2023 only, since the law that abolished it)
and not one of the municipality's own closing days. By default (:data:`STANDARD`) a municipality
is closed on Christmas Eve and New Year's Eve (24 and 31 December), as Danish municipal offices
are; a municipality profile replaces that list with its own (``lukkedage``: days closed every
year such as Grundlovsdag, and single dates such as a closing week).

>>> import datetime as dt
>>> previous_working_day(dt.date(2026, 4, 6))   # Anden påskedag -> Skærtorsdag is also closed
datetime.date(2026, 4, 1)
>>> next_working_day(dt.date(2026, 12, 24))     # juleaftensdag, then the Christmas holidays
datetime.date(2026, 12, 28)
>>> holiday(dt.date(2023, 5, 5)), holiday(dt.date(2024, 4, 26))
('Store bededag', None)
>>> STANDARD.closed(dt.date(2026, 12, 31))
'nytårsaftensdag'
>>> Kalender(hvert_aar=((6, 5),)).closed(dt.date(2026, 6, 5))
'grundlovsdag'
>>> Kalender(datoer=frozenset({dt.date(2026, 7, 20)})).closed(dt.date(2026, 7, 20))
'kommunens lukkedag'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ._compat import deprecated

__all__ = [
    "Kalender",
    "STANDARD",
    "STANDARD_LUKKEDAGE",
    "holiday",
    "is_working_day",
    "previous_working_day",
    "next_working_day",
]

#: The days a municipality is closed every year unless its profile says otherwise: (month, day).
STANDARD_LUKKEDAGE: tuple[tuple[int, int], ...] = ((12, 24), (12, 31))

#: The Danish names of the usual yearly closing days, for messages and documents.
_NAMES = {(12, 24): "juleaftensdag", (12, 31): "nytårsaftensdag", (6, 5): "grundlovsdag"}


@cache
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da").items())


def holiday(day: dt.date) -> str | None:
    """The Danish name of the public holiday on ``day``, or None."""
    return _holidays(day.year).get(day)


@dataclass(frozen=True)
class Kalender:
    """A municipality's working days.

    Attributes:
        hvert_aar: days closed every year, as (month, day); 24 and 31 December by default.
        datoer: single closing days.
    """

    hvert_aar: tuple[tuple[int, int], ...] = STANDARD_LUKKEDAGE
    datoer: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls, hvert_aar: Iterable[tuple[int, int]] | None = None, datoer: Iterable[dt.date] = ()
    ) -> Kalender:
        """A calendar from the profile's lists; ``hvert_aar`` None keeps the standard days."""
        yearly = STANDARD_LUKKEDAGE if hvert_aar is None else tuple(sorted(set(hvert_aar)))
        return cls(yearly, frozenset(datoer))

    def closed(self, day: dt.date) -> str | None:
        """Why the municipality is closed on ``day`` (Danish), or None on a working day."""
        if day.weekday() == 5:
            return "lørdag"
        if day.weekday() == 6:
            return "søndag"
        name = holiday(day)
        if name is not None:
            return name.lower()
        if (day.month, day.day) in self.hvert_aar:
            return _NAMES.get((day.month, day.day), "kommunens lukkedag")
        if day in self.datoer:
            return "kommunens lukkedag"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        """Whether the municipality is open on ``day``."""
        return self.closed(day) is None

    def previous_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the working day before it (for a
        deadline that must not be missed: it moves earlier, never later)."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the next working day."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day


#: The calendar without a municipality profile: public holidays, 24 and 31 December closed.
STANDARD = Kalender()


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day in the standard calendar (:data:`STANDARD`)."""
    return STANDARD.is_working_day(day)


def previous_working_day(day: dt.date) -> dt.date:
    """:meth:`Kalender.previous_working_day` in the standard calendar."""
    return STANDARD.previous_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    """:meth:`Kalender.next_working_day` in the standard calendar."""
    return STANDARD.next_working_day(day)


helligdag = deprecated(__name__, "helligdag", holiday)
er_arbejdsdag = deprecated(__name__, "er_arbejdsdag", is_working_day)
forrige_arbejdsdag = deprecated(__name__, "forrige_arbejdsdag", previous_working_day)
naeste_arbejdsdag = deprecated(__name__, "naeste_arbejdsdag", next_working_day)
