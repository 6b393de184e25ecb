"""Danish working days, for deadlines and meeting plans.

A working day is a weekday that is not a Danish public holiday. The holidays come from the
`holidays` package (Store bededag exists up to 2023 only, since the law that abolished it).
Grundlovsdag and Christmas Eve are not public holidays and so count as working days.

>>> import datetime as dt
>>> previous_working_day(dt.date(2026, 4, 6))   # Anden påskedag -> Skærtorsdag is also closed
datetime.date(2026, 4, 1)
>>> next_working_day(dt.date(2026, 12, 25))
datetime.date(2026, 12, 28)
>>> holiday(dt.date(2023, 5, 5)), holiday(dt.date(2024, 4, 26))
('Store bededag', None)
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from ._compat import deprecated

__all__ = ["holiday", "is_working_day", "previous_working_day", "next_working_day"]


@cache
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da").items())


def holiday(day: dt.date) -> str | None:
    """The Danish name of the public holiday on ``day``, or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a weekday and not a public holiday."""
    return day.weekday() < 5 and holiday(day) is None


def previous_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the working day before it (for a deadline
    that must not be missed: it moves earlier, never later)."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the next working day."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


helligdag = deprecated(__name__, "helligdag", holiday)
er_arbejdsdag = deprecated(__name__, "er_arbejdsdag", is_working_day)
forrige_arbejdsdag = deprecated(__name__, "forrige_arbejdsdag", previous_working_day)
naeste_arbejdsdag = deprecated(__name__, "naeste_arbejdsdag", next_working_day)
