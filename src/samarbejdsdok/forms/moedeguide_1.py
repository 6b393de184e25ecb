"""A3 Mødeguide 1, der også er referatskabelon.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), the section
"Møde 1 – Introduktion til den helhedsorienterede familieplan og netværksmødet". The family and
the family coordinator meet (deltagere: familien og familiekoordinatoren). The purpose is to tell
the family about the holistic family plan, the network meeting's form and content, who chairs it,
what the family's role is, and perhaps to fill in forms. The guide has six points
(:data:`GUIDEPUNKTER`), printed in a box; the same document is the minutes: date, time and place,
who took part, a note per guide point, what the family is asked to prepare for Møde 2 (by default
the story of its everyday life, challenges and hopes and its thoughts on the future cooperation
with the municipality) and the agreed Møde 2.

Rules checked here:

* the meeting ends after it starts (``sluttidspunkt``);
* the participants are named, each once (``deltagere``);
* Møde 2 lies after Møde 1 (``moede_2.dato``; on the same day, ``moede_2.tidspunkt`` after the end).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from ..fields import Klokkeslaet
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Organisation,
    Part,
    example_organisation,
    field_error,
)

__all__ = ["GUIDEPUNKTER", "SPEC", "Guidepunkt", "Moede2", "Moedeguide1", "STANDARD_FORBEREDELSE"]


class Guidepunkt(Part):
    """One point of the guide: the source's text and the model field holding its note."""

    tekst: str
    notat: str | None
    """The field with the minutes of this point (``None``: recorded elsewhere in the form)."""


#: The six points of "Guide Møde 1", in order (source text).
GUIDEPUNKTER: tuple[Guidepunkt, ...] = (
    Guidepunkt(
        tekst="Familien guides igennem den helhedsorienterede familieplan og "
        "familiekoordinatorens rolle i forhold til denne",
        notat="noter_familieplan",
    ),
    Guidepunkt(
        tekst="Introduktion til netværksmødets form og indhold", notat="noter_netvaerksmoede"
    ),
    Guidepunkt(tekst="Gennemgang af mødedeltagerliste", notat="noter_deltagerliste"),
    Guidepunkt(tekst="Gennemgang af rammerne for samarbejdet fremover", notat="noter_rammer"),
    Guidepunkt(
        tekst="Familien anmodes om at forberede sig til Møde 2 med fortællingen om deres "
        "hverdag, udfordringer og håb samt tanker for det fremtidige samarbejde med kommunen",
        notat="noter_forberedelse",
    ),
    Guidepunkt(tekst="Møde 2 aftales med familien", notat=None),
)

#: What the family is asked to prepare when the minutes name nothing else (source text).
STANDARD_FORBEREDELSE = (
    "Fortællingen om familiens hverdag, udfordringer og håb samt tanker for det fremtidige "
    "samarbejde med kommunen"
)

Tekst = Annotated[str, Field(min_length=1)]


class Moede2(Part):
    """Møde 2 (Forberedelse til netværksmødet), as agreed at Møde 1."""

    dato: dt.date = Field(title="Dato")
    tidspunkt: Klokkeslaet | None = Field(default=None, title="Tidspunkt")
    sted: str | None = Field(default=None, title="Sted")


class Moedeguide1(FormModel):
    """Mødeguide 1, der også er referatskabelon."""

    form_name = "moedeguide_1"
    fillable_fields = (
        "noter_familieplan",
        "noter_netvaerksmoede",
        "noter_deltagerliste",
        "noter_rammer",
        "noter_forberedelse",
        "forberedelse",
        "moede_2",
    )

    organisation: Organisation = Field(title="Afsender")
    familie_navn: str = Field(title="Familiens navn", min_length=1)
    dato: dt.date = Field(title="Dato")
    tidspunkt: Klokkeslaet = Field(title="Tidspunkt")
    sluttidspunkt: Klokkeslaet | None = Field(default=None, title="Sluttidspunkt")
    sted: str = Field(title="Sted", min_length=1)
    familiekoordinator: Kontakt = Field(title="Familiekoordinator")
    deltagere: list[Tekst] = Field(
        title="Deltagere fra familien",
        min_length=1,
        description="Familiens deltagere; familiekoordinatoren står for sig",
    )
    noter_familieplan: str | None = Field(
        default=None, title="Den helhedsorienterede familieplan og familiekoordinatorens rolle"
    )
    noter_netvaerksmoede: str | None = Field(default=None, title="Netværksmødets form og indhold")
    noter_deltagerliste: str | None = Field(default=None, title="Mødedeltagerliste")
    noter_rammer: str | None = Field(default=None, title="Rammerne for samarbejdet fremover")
    noter_forberedelse: str | None = Field(default=None, title="Forberedelse til Møde 2")
    forberedelse: list[Tekst] = Field(
        default_factory=list,
        title="Familien forbereder sig til Møde 2",
        description="Tom: fortællingen om familiens hverdag, udfordringer og håb samt tanker for "
        "det fremtidige samarbejde med kommunen",
    )
    moede_2: Moede2 | None = Field(default=None, title="Møde 2")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.sluttidspunkt is not None and self.sluttidspunkt <= self.tidspunkt:
            raise field_error(
                "sluttidspunkt", "end_before_start", "mødet skal slutte, efter det begynder"
            )
        seen: set[str] = set()
        for i, navn in enumerate(self.deltagere):
            if navn.casefold() in seen:
                raise field_error(
                    f"deltagere.{i}", "duplicate_participant", "deltageren står der allerede"
                )
            seen.add(navn.casefold())
        m2 = self.moede_2
        if m2 is not None:
            if m2.dato < self.dato:
                raise field_error(
                    "moede_2.dato", "meeting_2_before_meeting_1", "Møde 2 ligger før Møde 1"
                )
            end = self.sluttidspunkt or self.tidspunkt
            if m2.dato == self.dato and m2.tidspunkt is not None and m2.tidspunkt <= end:
                raise field_error(
                    "moede_2.tidspunkt",
                    "meeting_2_overlaps",
                    "Møde 2 samme dag skal begynde efter Møde 1",
                )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Familien Kragh Hansen",
        "dato": "2026-06-03",
        "tidspunkt": "09:30",
        "sluttidspunkt": "10:30",
        "sted": "Hjemme hos familien, Stavnsholtvej 12, 3520 Farum",
        "familiekoordinator": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "deltagere": [
            "Mette Kragh Hansen",
            "Sofie Kragh Hansen",
        ],
        "moede_2": {
            "dato": "2026-06-10",
            "tidspunkt": "14:00",
            "sted": "Familiens Fremtid, mødelokale 2, Palholmterrasserne 1, 3520 Farum",
        },
        "noter_familieplan": (
            "Familieplanen blev gennemgået. Mette vil gerne have én plan i stedet for tre."
        ),
        "noter_netvaerksmoede": (
            "Netværksmødet varer to timer. Mødelederen styrer mødet; familien fortæller først."
        ),
        "noter_deltagerliste": "Mette ønsker Sofies klasselærer og jobkonsulenten med.",
        "noter_rammer": "Lene er fast kontaktperson og svarer inden for to hverdage.",
        "noter_forberedelse": "Sofie vil gerne selv fortælle om skolen.",
        "forberedelse": [
            "Fortællingen om familiens hverdag, udfordringer og håb",
            "Tanker om det fremtidige samarbejde med kommunen",
        ],
    }


SPEC = FormSpec(
    name="moedeguide_1",
    title="Mødeguide 1, der også er referatskabelon",
    model=Moedeguide1,
    template="moedeguide_1.docx",
    example=example,
    code="A3",
    description="Guide for the first meeting with the family (introduction to the family plan "
    "and the network meeting) that doubles as its minutes: a note per guide point, what the "
    "family prepares, and the agreed Møde 2.",
)
