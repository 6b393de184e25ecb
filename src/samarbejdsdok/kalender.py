"""Danish working days, for deadlines and meeting plans.

A working day is a weekday that is not a Danish public holiday. The holidays come from the
`holidays` package (Store bededag exists up to 2023 only, since the law that abolished it).
Grundlovsdag and Christmas Eve are not public holidays and so count as working days.

>>> import datetime as dt
>>> forrige_arbejdsdag(dt.date(2026, 4, 6))   # Anden påskedag -> Skærtorsdag is also closed
datetime.date(2026, 4, 1)
>>> naeste_arbejdsdag(dt.date(2026, 12, 25))
datetime.date(2026, 12, 28)
>>> helligdag(dt.date(2023, 5, 5)), helligdag(dt.date(2024, 4, 26))
('Store bededag', None)
"""

from __future__ import annotations

import datetime as dt
from functools import cache

__all__ = ["helligdag", "er_arbejdsdag", "forrige_arbejdsdag", "naeste_arbejdsdag"]


@cache
def _holidays(year: int) -> dict[dt.date, str]:
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da").items())


def helligdag(day: dt.date) -> str | None:
    """The Danish name of the public holiday on ``day``, or None."""
    return _holidays(day.year).get(day)


def er_arbejdsdag(day: dt.date) -> bool:
    """Whether ``day`` is a weekday and not a public holiday."""
    return day.weekday() < 5 and helligdag(day) is None


def forrige_arbejdsdag(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the working day before it (for a deadline
    that must not be missed: it moves earlier, never later)."""
    while not er_arbejdsdag(day):
        day -= dt.timedelta(days=1)
    return day


def naeste_arbejdsdag(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the next working day."""
    while not er_arbejdsdag(day):
        day += dt.timedelta(days=1)
    return day
