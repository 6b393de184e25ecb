"""What the Julemærkehjem forms (B2, B5) share: the stay's planned dates from the cadence
planner, and the rules on the stay and the opfølgningsdag."""

from __future__ import annotations

import datetime as dt

from .. import kadence
from ..formatting import dato as dansk_dato
from ..kalender import STANDARD, Kalender
from ._base import Part, field_error

__all__ = ["Kadencedato", "plan_dato", "check_stay", "check_opfoelgningsdag"]


class Kadencedato(Part):
    """A date of the stay's plan (derived): the date shown, whether it is the planner's
    proposal, the rule it follows and the window the rule gives."""

    dato: dt.date
    foreloebig: bool
    regel: str
    fra: dt.date | None = None
    til: dt.date | None = None


def plan_dato(
    ophold_start: dt.date, ophold_slut: dt.date, navn: str, kalender: Kalender = STANDARD
) -> kadence.Moede:
    """The planner's date called ``navn`` for this stay."""
    plan = kadence.julemaerkehjem(ophold_start, ophold_slut, kalender)
    return next(m for m in plan if m.navn == navn)


def check_stay(ophold_start: dt.date, ophold_slut: dt.date) -> None:
    """The stay ends after it begins."""
    if ophold_slut <= ophold_start:
        raise field_error(
            "ophold_slut",
            "stay_end_not_after_start",
            "opholdet skal slutte efter, det begynder",
        )


def check_opfoelgningsdag(
    ophold_start: dt.date, ophold_slut: dt.date, dag: dt.date, path: str = "opfoelgningsdag"
) -> None:
    """The opfølgningsdag lies in the planner's window after the stay (4–6 weeks)."""
    m = plan_dato(ophold_start, ophold_slut, "Opfølgningsdag")
    assert m.fra is not None and m.til is not None
    if not m.fra <= dag <= m.til:
        raise field_error(
            path,
            "follow_up_outside_window",
            "opfølgningsdagen skal ligge {regel}, dvs. mellem {fra} og {til}",
            regel=m.regel,
            fra=dansk_dato(m.fra),
            til=dansk_dato(m.til),
        )
