"""E2 Årshjul: the family's year on one page, a circle of 12 months with the planned activities.

Source: Socialstyrelsen/Rambøll, *Sammen om familien* (2021). The caseworker hands the parents
an annual wheel with the year's fixed meetings (follow-ups, network meetings) by month, without
exact dates; the dates are booked later. The wheel is drawn from the data (matplotlib) with an
alt text that says the same in words, and followed by the same activities as a table. When the
case type is given, the follow-ups at its fixed cadence are added from the cadence planner.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any, Self

from babel.dates import get_month_names
from pydantic import BeforeValidator, Field, computed_field, model_validator

from .. import kadence
from ..engine.pictures import Picture, label, png_bytes, square_canvas
from ..formatting import LOCALE, liste
from ._base import (
    FormModel,
    FormSpec,
    Lukkedage,
    Organisation,
    Part,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
    picture,
)

__all__ = ["Aarshjul", "SPEC"]

MAANEDER = [get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13)]
#: Activities drawn in one month of the wheel (each at most two lines); more are summed up
#: as "+ N flere" (the alt text and the table list them all).
_MONTH_ITEMS = 3

#: The months by their Danish names (from babel): "januar" ... "december".
Maaned = StrEnum("Maaned", {name: name for name in MAANEDER})  # type: ignore[misc]


def _month(value: Any) -> Any:
    """A month may also be given by its number, as spreadsheets often have it."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return MAANEDER[value - 1]
    if isinstance(value, str):
        text = value.strip().lower()
        return MAANEDER[int(text) - 1] if text.isdigit() and 1 <= int(text) <= 12 else text
    return value


class Aktivitet(Part):
    maaned: Annotated[Maaned, BeforeValidator(_month)] = Field(
        title="Måned", description="Månedens navn (januar ... december) eller nummer (1-12)"
    )
    aktivitet: str = Field(title="Aktivitet", min_length=1)
    hvem: str | None = Field(default=None, title="Hvem")


class AarshjulOpfoelgning(Part):
    """Follow-ups to add at the case type's fixed cadence."""

    sagstype: kadence.Sagstype = Field(title="Sagstype")
    start: dt.date = Field(title="Opfølgningen regnes fra")


class Maanedslinje(Part):
    """One month of the table (derived)."""

    maaned: str
    aktiviteter: list[str]


class Aarshjul(FormModel):
    """Årshjul."""

    form_name = "aarshjul"

    organisation: Organisation = Field(title="Afsender")
    familie: str = Field(title="Familie", min_length=1)
    aar: int = Field(ge=2000, le=2100, title="År")
    aktiviteter: list[Aktivitet] = Field(default_factory=list, title="Aktiviteter")
    opfoelgning: AarshjulOpfoelgning | None = Field(default=None, title="Opfølgning")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @model_validator(mode="after")
    def _follow_up_in_year(self) -> Self:
        if self.opfoelgning is not None and self.opfoelgning.start.year > self.aar:
            raise field_error(
                "opfoelgning.start",
                "follow_up_after_year",
                "opfølgningen begynder efter årshjulets år",
            )
        return self

    def _all(self) -> list[tuple[int, str]]:
        items = [
            (MAANEDER.index(str(a.maaned)) + 1, a.aktivitet + (f" ({a.hvem})" if a.hvem else ""))
            for a in self.aktiviteter
        ]
        if self.opfoelgning is not None:
            for m in kadence.sammen_om_familien(
                self.opfoelgning.start,
                self.opfoelgning.sagstype,
                maaneder=24,
                kalender=kalender_af(self.lukkedage),
            ):
                if m.dato.year == self.aar:
                    items.append((m.dato.month, "Opfølgning"))
        return sorted(items, key=lambda t: t[0])

    @computed_field
    @property
    def maaneder(self) -> list[Maanedslinje]:
        """Every month with its activities."""
        items = self._all()
        return [
            Maanedslinje(maaned=MAANEDER[m - 1], aktiviteter=[t for mm, t in items if mm == m])
            for m in range(1, 13)
        ]

    @picture("Årshjulet (billede)")
    def hjul(self) -> Picture:
        """The wheel as a PNG with its alt text (drawn when the template places it)."""
        parts = [f"Årshjul {self.aar} for {self.familie}."]
        for line in self.maaneder:
            if line.aktiviteter:
                parts.append(f"{line.maaned.capitalize()}: {liste(line.aktiviteter)}.")
        return Picture.from_cm(self._draw, 16.0, 16.0, " ".join(parts))

    def _draw(self) -> bytes:
        return png_bytes(self._figure())

    def _figure(self) -> Any:
        """The drawn wheel. Every text is at least :data:`MIN_PRINTED_PT` points as printed
        (the picture is placed 16 cm wide; the figure is drawn 7 inches wide). An activity
        runs along its month's radius, so a month holds a few lines of readable text; the
        whole list is in the table below the wheel."""
        from matplotlib.patches import Circle, Wedge

        fig, ax = square_canvas(1.08)
        fills = ("#dbe4f3", "#eef2f9")
        for i, line in enumerate(self.maaneder):
            # January at the top, the months clockwise.
            a1 = 90 - i * 30
            a0 = a1 - 30
            ax.add_patch(
                Wedge(
                    (0, 0), 1.0, a0, a1, width=0.78, facecolor=fills[i % 2], edgecolor="white", lw=2
                )
            )
            middle = (a0 + a1) / 2
            mid = math.radians(middle)
            # Text along the radius, turned so it never reads upside down.
            turn = middle % 360
            rotation = turn - 180 if 90 < turn < 270 else turn
            ax.text(
                0.9 * math.cos(mid),
                0.9 * math.sin(mid),
                line.maaned.capitalize(),
                ha="center",
                va="center",
                fontsize=_font(10.5),
                weight="bold",
                color="#1f3a68",
                rotation=rotation - 90 if -90 <= rotation - 90 <= 90 else rotation + 90,
                rotation_mode="anchor",
            )
            shown = [label(t, _LABEL_CHARS, 2) for t in line.aktiviteter[:_MONTH_ITEMS]]
            if len(line.aktiviteter) > _MONTH_ITEMS:
                shown.append(f"+ {len(line.aktiviteter) - _MONTH_ITEMS} flere")
            text = "\n".join(shown)
            if text:
                ax.text(
                    0.56 * math.cos(mid),
                    0.56 * math.sin(mid),
                    text,
                    ha="center",
                    va="center",
                    fontsize=_font(MIN_PRINTED_PT),
                    color="#222222",
                    linespacing=1.05,
                    rotation=rotation,
                    rotation_mode="anchor",
                )
        ax.add_patch(Circle((0, 0), 0.22, color="#1f3a68"))
        ax.text(
            0,
            0,
            f"Årshjul\n{self.aar}",
            ha="center",
            va="center",
            fontsize=_font(13),
            weight="bold",
            color="white",
        )
        return fig


#: The smallest text of the wheel as printed, in points.
MIN_PRINTED_PT = 9.0
#: The figure is drawn 7 inches (17.78 cm) wide and placed 16 cm wide in the document.
_PRINT_SCALE = 16.0 / 17.78
#: Characters of a line of an activity on the wheel (the table has it whole).
_LABEL_CHARS = 22


def _font(printed_pt: float) -> float:
    """The figure's font size that prints at ``printed_pt`` points."""
    return math.ceil(printed_pt / _PRINT_SCALE * 100) / 100


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie": "Familien Kragh Hansen",
        "aar": 2027,
        "aktiviteter": [
            {
                "maaned": "januar",
                "aktivitet": "Aflastning hos Plejefamilien Birk",
                "hvem": "Oliver",
            },
            {"maaned": "februar", "aktivitet": "Ophold på Julemærkehjemmet", "hvem": "Oliver"},
            {"maaned": "marts", "aktivitet": "Netværksmøde", "hvem": "familie og netværk"},
            {
                "maaned": "maj",
                "aktivitet": "Julemærkehjemmets opfølgningsdag",
                "hvem": "Oliver og Mette",
            },
            {"maaned": "juni", "aktivitet": "Netværksmøde", "hvem": "familie og netværk"},
            {"maaned": "september", "aktivitet": "Netværksmøde", "hvem": "familie og netværk"},
            {"maaned": "november", "aktivitet": "Status på hjælpemidler"},
            {"maaned": "december", "aktivitet": "Netværksmøde", "hvem": "familie og netværk"},
        ],
        "opfoelgning": {"sagstype": "undersøgelse", "start": "2026-06-17"},
    }


SPEC = FormSpec(
    name="aarshjul",
    title="Årshjul",
    model=Aarshjul,
    template="aarshjul.docx",
    example=example,
    code="E2",
    description="The family's year as a generated circle of 12 months with the planned "
    "activities (and the case type's follow-ups), with alt text and the same as a table.",
)
