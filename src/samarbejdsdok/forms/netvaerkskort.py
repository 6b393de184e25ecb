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
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import Field

from ..engine.pictures import Picture, label, png_bytes, quiet_glyphs, square_canvas
from ..formatting import dato, liste
from ._base import FormModel, FormSpec, Organisation, Part, example_organisation, picture

__all__ = ["MAX_NAMED", "MAX_PERSONS", "Netvaerkskort", "Netvaerksperson", "Sektor", "SPEC"]


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
"""The most people one network map holds: every one is drawn as a dot (the first
:data:`MAX_NAMED` with their names), and sixty already fill it (a thousand would take the drawing
past ten seconds)."""
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
        fig, _ = self._figure()
        return png_bytes(fig)

    def _figure(self) -> tuple[Any, list[Placed]]:
        """The drawn map, and where each person's label went (for the tests of its geometry)."""
        from matplotlib.patches import Circle

        fig, ax = square_canvas(_LIMIT)
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
        layout = _Layout(fig, ax)
        for sektor, (a0, a1) in _SECTORS.items():
            mid = math.radians((a0 + a1) / 2)
            # In the figure's corners, outside the outer ring.
            right = math.cos(mid) > 0
            header = ax.text(
                3.9 if right else -3.9,
                3.8 * math.copysign(1, math.sin(mid)),
                str(sektor).capitalize(),
                ha="right" if right else "left",
                va="center",
                fontsize=12,
                weight="bold",
                color=_COLOURS[sektor],
            )
            layout.block(layout.box_of(header))
        ax.add_patch(Circle((0, 0), _CENTRE, color="#dbe4f3"))
        layout.block(Box(-_CENTRE, -_CENTRE, _CENTRE, _CENTRE))
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
        dots: list[tuple[Netvaerksperson, float, float]] = []
        for sektor, (a0, a1) in _SECTORS.items():
            for ring in (1, 2, 3):
                people = [p for p in self.personer if p.sektor == sektor and p.naerhed == ring]
                n = len(people)
                for i, person in enumerate(people):
                    # Rings are turned a little against each other so labels do not line up.
                    share = (i + 1) / (n + 1) + (ring - 2) * 0.12 / (n + 1)
                    angle = math.radians(a0 + (a1 - a0) * share)
                    inner = _CENTRE if ring == 1 else _RING_EDGES[ring - 2]
                    # Middle of the ring, neighbours staggered.
                    radius = inner + (_RING_EDGES[ring - 1] - inner) * (0.38 if i % 2 else 0.62)
                    x, y = radius * math.cos(angle), radius * math.sin(angle)
                    ax.plot([x], [y], "o", color=_COLOURS[sektor], ms=5, zorder=3)
                    layout.block(Box(x - _DOT, y - _DOT, x + _DOT, y + _DOT))
                    dots.append((person, x, y))
        placed: list[Placed] = []
        unnamed = 0
        for person, x, y in dots[:MAX_NAMED]:
            text = label(person.navn, _LABEL_WIDTH, 2)
            if person.relation:
                text += f"\n({label(person.relation, _LABEL_WIDTH - 2, 1)})"
            box = layout.place(text, x, y)
            placed.append(Placed(person.navn, x, y, box))
            unnamed += box is None
        unnamed += max(len(dots) - MAX_NAMED, 0)
        if unnamed:
            ax.text(
                0,
                -_LIMIT + 0.08,
                f"{unnamed} {'person' if unnamed == 1 else 'personer'} er vist uden navn, fordi "
                "kortet er fuldt; alle står i tabellen under kortet.",
                ha="center",
                va="bottom",
                fontsize=7.5,
                style="italic",
                color="#444444",
            )
        return fig, placed


#: The canvas runs from -_LIMIT to _LIMIT both ways (drawing units).
_LIMIT = 4.0
#: Half the size of a person's dot, in drawing units.
_DOT = 0.045
#: The most people named on the map; more are dots, and the map says so (all are in the table).
MAX_NAMED = 40
#: Label sizes tried in turn, in points, before a person is left unnamed.
_FONT_SIZES = (7.5, 6.5, 6.0)
#: How far from its dot a label may be moved (drawing units), nearest first.
_DISTANCES = (0.12, 0.3, 0.5, 0.75, 1.0, 1.3, 1.65)
_DIRECTIONS = 24


@dataclass(frozen=True)
class Box:
    """A rectangle in drawing units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


@dataclass(frozen=True)
class Placed:
    """A person on the map: the dot, and the label's box (None: no room for the name)."""

    navn: str
    x: float
    y: float
    box: Box | None


class _Layout:
    """Labels placed one by one where they overlap nothing placed before: other labels, the
    dots, the sector headings and the centre. Each label is tried beside its dot first, then
    further away in every direction (with a thin line to its dot), then in a smaller size."""

    def __init__(self, fig: Any, ax: Any) -> None:
        self.fig, self.ax = fig, ax
        self.renderer = fig.canvas.get_renderer()
        self.taken: list[Box] = []

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def box_of(self, artist: Any) -> Box:
        with quiet_glyphs():
            extent = artist.get_window_extent(self.renderer)
        (x0, y0), (x1, y1) = self.ax.transData.inverted().transform(
            [(extent.x0, extent.y0), (extent.x1, extent.y1)]
        )
        return Box(float(x0), float(y0), float(x1), float(y1))

    def place(self, text: str, x: float, y: float) -> Box | None:
        artist = self.ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            color="#222222",
            linespacing=1.1,
            zorder=4,
            # Lines of the rings and the leaders pass behind a label, not through it.
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
        )
        for size in _FONT_SIZES:
            artist.set_fontsize(size)
            artist.set_position((0.0, 0.0))
            size_box = self.box_of(artist)
            w, h = size_box.x1 - size_box.x0, size_box.y1 - size_box.y0
            for cx, cy in self._candidates(x, y, h):
                box = Box(
                    cx - w / 2 - 0.02, cy - h / 2 - 0.02, cx + w / 2 + 0.02, cy + h / 2 + 0.02
                )
                if self._free(box):
                    artist.set_position((cx, cy))
                    self.taken.append(box)
                    if math.hypot(cx - x, cy - y) > h / 2 + 0.15:
                        self._leader(x, y, box)
                    return box
        artist.remove()
        return None

    def _candidates(self, x: float, y: float, h: float) -> list[tuple[float, float]]:
        """Label centres to try: just above and below the dot, then around it, nearest first,
        pointing away from the centre first."""
        first = [(x, y + h / 2 + 0.06), (x, y - h / 2 - 0.06)]
        outward = math.atan2(y, x)
        rest = []
        for d in _DISTANCES:
            for k in range(_DIRECTIONS):
                turn = (k + 1) // 2 * (1 if k % 2 else -1)  # 0, +1, -1, +2, -2, …
                a = outward + turn * 2 * math.pi / _DIRECTIONS
                rest.append((x + d * math.cos(a), y + d * math.sin(a)))
        return first + rest

    def _free(self, box: Box) -> bool:
        inside = abs(box.x0) < _LIMIT and abs(box.x1) < _LIMIT and box.y1 < _LIMIT
        inside = inside and box.y0 > 0.3 - _LIMIT  # the bottom line is for the note
        return inside and not any(box.overlaps(other) for other in self.taken)

    def _leader(self, x: float, y: float, box: Box) -> None:
        """A thin line from the dot to the nearest point of its label's box."""
        tx = min(max(x, box.x0), box.x1)
        ty = min(max(y, box.y0), box.y1)
        self.ax.plot([x, tx], [y, ty], color="#8a919c", lw=0.5, zorder=2)


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie": "Familien Kragh Hansen",
        "familiemedlemmer": [
            "Mette Kragh Hansen",
            "Sofie Kragh Hansen",
            "Oliver Kragh Hansen",
        ],
        "personer": [
            {
                "navn": "Lene Dahl",
                "relation": "familiekoordinator, Familiens Fremtid",
                "sektor": "professionelle",
                "naerhed": 1,
            },
            {
                "navn": "Jonas Winther",
                "relation": "rådgiver, Familierådgivningen",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Susanne Brink",
                "relation": "afdelingsleder, Familierådgivningen",
                "sektor": "professionelle",
                "naerhed": 3,
            },
            {
                "navn": "Amir Haddad",
                "relation": "jobkonsulent, Jobcentret",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Thomas Lund",
                "relation": "familiebehandler, Familiehuset",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Karina Bech",
                "relation": "klasselærer for Sofie (9.A), Lyngholmskolen",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Morten Friis",
                "relation": "klasselærer for Oliver (4.B), Lyngholmskolen",
                "sektor": "professionelle",
                "naerhed": 3,
            },
            {
                "navn": "Kasper Nørgaard",
                "relation": "fritidsvejleder, Fritidsvejledningen",
                "sektor": "professionelle",
                "naerhed": 3,
            },
            {
                "navn": "Dorthe Rasmussen",
                "relation": "psykolog, Børne- og ungdomspsykiatrien, Region Hovedstaden",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Lægehuset Farum Midtpunkt",
                "relation": "familiens egen læge",
                "sektor": "professionelle",
                "naerhed": 3,
            },
            {
                "navn": "Røde Kors Familienetværk",
                "relation": "frivillig familieven",
                "sektor": "professionelle",
                "naerhed": 2,
            },
            {
                "navn": "Hanne Kragh",
                "relation": "Mormor",
                "sektor": "familie",
                "naerhed": 1,
            },
            {
                "navn": "Brian Hansen",
                "relation": "Far til Sofie og Oliver",
                "sektor": "familie",
                "naerhed": 2,
            },
            {
                "navn": "Camilla Juul",
                "relation": "Veninde til Mette",
                "sektor": "venner",
                "naerhed": 1,
            },
        ],
        "dato": "2026-06-03",
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
