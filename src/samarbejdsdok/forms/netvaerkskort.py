"""A11 Familiens netværkskort: the family's network as a picture.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 11. The family
stands in the centre; the people around it are placed in four sectors (familie, venner,
professionelle, andre) and at a distance that shows how close they are (1 = tættest, 3 =
fjernest). The picture is drawn from the data (matplotlib) every time, embedded in the document
with an alt text that says the same in words, and followed by the same people as a table.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Any

from pydantic import Field

from ..engine.pictures import Picture, label, png_bytes, square_canvas
from ..formatting import dato, liste
from ._base import FormModel, FormSpec, Organisation, Part, example_organisation, picture

__all__ = ["MAX_PERSONS", "Netvaerkskort", "Netvaerksperson", "Sektor", "SPEC"]


class Sektor(StrEnum):
    familie = "familie"
    venner = "venner"
    professionelle = "professionelle"
    andre = "andre"


#: Where each sector sits: (start angle, end angle) in degrees, counter-clockwise from east.
_SECTORS = {
    Sektor.venner: (0, 90),
    Sektor.familie: (90, 180),
    Sektor.andre: (180, 270),
    Sektor.professionelle: (270, 360),
}
_COLOURS = {
    Sektor.familie: "#1f3a68",
    Sektor.venner: "#2e7d32",
    Sektor.professionelle: "#8e3b12",
    Sektor.andre: "#5b4a8a",
}
#: The centre circle and the outer edges of the three closeness rings (drawing units).
_CENTRE = 0.75
_RING_EDGES = (1.65, 2.5, 3.3)
_CLOSENESS = {1: "tæt på", 2: "nogenlunde tæt på", 3: "længere væk"}
#: Characters per line of a name in the picture (longer names wrap, then are cut with "…";
#: the whole name is in the alt text and the table).
_LABEL_WIDTH = 28
MAX_PERSONS = 60
"""The most people one network map holds: every one is drawn, and sixty already fill it
(a thousand would take the drawing past ten seconds)."""
#: Names shown in the centre circle; more are summed up as "+ N flere".
_CENTRE_NAMES = 8


class Netvaerksperson(Part):
    navn: str = Field(title="Navn", min_length=1)
    relation: str | None = Field(default=None, title="Relation", examples=["mormor"])
    sektor: Sektor = Field(title="Sektor", description="familie, venner, professionelle, andre")
    naerhed: int = Field(
        default=2, ge=1, le=3, title="Nærhed", description="1 = tættest på familien, 3 = fjernest"
    )


class Netvaerkskort(FormModel):
    """Familiens netværkskort."""

    form_name = "netvaerkskort"

    organisation: Organisation = Field(title="Afsender")
    familie: str = Field(title="Familie", min_length=1)
    familiemedlemmer: list[str] = Field(
        min_length=1, title="Familien (i midten)", description="Navnene i kortets midte"
    )
    dato: dt.date = Field(title="Dato")
    personer: list[Netvaerksperson] = Field(
        default_factory=list, max_length=MAX_PERSONS, title="Netværket"
    )
    noter: str | None = Field(default=None, title="Noter")

    @picture("Netværkskortet (billede)")
    def kort(self) -> Picture:
        """The network map as a PNG with its alt text (drawn when the template places it)."""
        return Picture.from_cm(self._draw, 16.0, 16.0, self._alt_text())

    def _alt_text(self) -> str:
        parts = [
            f"Netværkskort for {self.familie} den {dato(self.dato)}. "
            f"I midten: {liste(self.familiemedlemmer)}."
        ]
        for sektor in Sektor:
            people = [p for p in self.personer if p.sektor == sektor]
            if people:
                described = [f"{p.navn} ({_CLOSENESS[p.naerhed]})" for p in people]
                parts.append(f"{str(sektor).capitalize()}: {liste(described)}.")
        return " ".join(parts)

    def _draw(self) -> bytes:
        from matplotlib.patches import Circle

        fig, ax = square_canvas(4.0)
        for r in _RING_EDGES:
            ax.add_patch(Circle((0, 0), r, fill=False, color="#b0b7c3", lw=1, ls="--"))
        for degrees in (0, 90, 180, 270):
            a = math.radians(degrees)
            ax.plot(
                [_CENTRE * math.cos(a), _RING_EDGES[-1] * math.cos(a)],
                [_CENTRE * math.sin(a), _RING_EDGES[-1] * math.sin(a)],
                color="#b0b7c3",
                lw=1,
            )
        for sektor, (a0, a1) in _SECTORS.items():
            mid = math.radians((a0 + a1) / 2)
            # In the figure's corners, outside the outer ring.
            right = math.cos(mid) > 0
            ax.text(
                3.9 if right else -3.9,
                3.8 * math.copysign(1, math.sin(mid)),
                str(sektor).capitalize(),
                ha="right" if right else "left",
                va="center",
                fontsize=12,
                weight="bold",
                color=_COLOURS[sektor],
            )
        ax.add_patch(Circle((0, 0), _CENTRE, color="#dbe4f3"))
        names = [label(n, _LABEL_WIDTH, 2) for n in self.familiemedlemmer[:_CENTRE_NAMES]]
        if len(self.familiemedlemmer) > _CENTRE_NAMES:
            names.append(f"+ {len(self.familiemedlemmer) - _CENTRE_NAMES} flere")
        ax.text(
            0,
            0,
            "\n".join(names),
            ha="center",
            va="center",
            fontsize=7.5,
            weight="bold",
            color="#1f3a68",
        )
        for sektor, (a0, a1) in _SECTORS.items():
            for ring in (1, 2, 3):
                people = [p for p in self.personer if p.sektor == sektor and p.naerhed == ring]
                n = len(people)
                for i, person in enumerate(people):
                    # Rings are turned a little against each other so labels do not line up.
                    share = (i + 1) / (n + 1) + (ring - 2) * 0.12 / (n + 1)
                    angle = math.radians(a0 + (a1 - a0) * share)
                    inner = _CENTRE if ring == 1 else _RING_EDGES[ring - 2]
                    # Middle of the ring, neighbours staggered so their labels do not collide.
                    radius = inner + (_RING_EDGES[ring - 1] - inner) * (0.38 if i % 2 else 0.62)
                    x, y = radius * math.cos(angle), radius * math.sin(angle)
                    ax.plot([x], [y], "o", color=_COLOURS[sektor], ms=5)
                    text = label(person.navn, _LABEL_WIDTH, 2)
                    if person.relation:
                        text += f"\n({label(person.relation, _LABEL_WIDTH - 2, 1)})"
                    above = i % 2 == 1  # neighbours' labels alternate above and below
                    ax.text(
                        x,
                        y + (0.12 if above else -0.12),
                        text,
                        ha="center",
                        va="bottom" if above else "top",
                        fontsize=7.5,
                        color="#222222",
                        linespacing=1.1,
                    )
        return png_bytes(fig)


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie": "Familien Kragh Hansen",
        "familiemedlemmer": ["Mette Kragh Hansen", "Sofie Kragh Hansen", "Oliver Kragh Hansen"],
        "dato": "2026-11-23",
        "personer": [
            {"navn": "Hanne Kragh", "relation": "mormor", "sektor": "familie", "naerhed": 1},
            {
                "navn": "Brian Hansen",
                "relation": "far til Sofie og Oliver",
                "sektor": "familie",
                "naerhed": 2,
            },
            {
                "navn": "Camilla Juul",
                "relation": "veninde til Mette",
                "sektor": "venner",
                "naerhed": 1,
            },
            {
                "navn": "Naboen Jens",
                "relation": "hjælper med indkøb",
                "sektor": "venner",
                "naerhed": 3,
            },
            {
                "navn": "Lene Dahl",
                "relation": "familiekoordinator",
                "sektor": "professionelle",
                "naerhed": 1,
            },
            {
                "navn": "Jonas Winther",
                "relation": "rådgiver",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Karina Bech",
                "relation": "klasselærer for Sofie",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Kasper Nørgaard",
                "relation": "fritidsvejleder",
                "sektor": "professionelle",
                "naerhed": 3,
            },
            {
                "navn": "Røde Kors Familienetværk",
                "relation": "frivillig familieven",
                "sektor": "andre",
                "naerhed": 2,
            },
        ],
        "noter": "Mette vil gerne have mere kontakt med Brian om børnenes hverdag.",
    }


SPEC = FormSpec(
    name="netvaerkskort",
    title="Familiens netværkskort",
    model=Netvaerkskort,
    template="netvaerkskort.docx",
    example=example,
    code="A11",
    description="The family's network drawn as a picture (family in the centre, sectors, "
    "closeness as distance), with alt text and the same people as a table.",
)
