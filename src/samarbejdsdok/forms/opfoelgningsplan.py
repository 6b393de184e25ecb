"""E1 Opfølgningsplan: follow-ups for one case at the cadence its case type fixes.

Source: Socialstyrelsen/Rambøll, *Sammen om familien* (2021), for children with disabilities
and their families. Systematic and frequent follow-up is one of the model's four core elements:
every 3 months in compensation and support cases, every 6 weeks in cases with a child-welfare
investigation or measures. The cadence is fixed by the case type and cannot be changed locally,
so the model has no field for it: the dates come from the cadence planner
(:func:`samarbejdsdok.kadence.sammen_om_familien`). The source cites Serviceloven's old child
paragraphs; the document cites the law in force (barnets lov) from the statutory table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, computed_field

from .. import kadence
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Lukkedage,
    Organisation,
    Part,
    example_organisation,
    kalender_af,
    lukkedage_felt,
)

__all__ = ["Opfoelgningsplan", "SPEC"]


class Opfoelgning(Part):
    """One planned follow-up (derived)."""

    nr: int
    dato: dt.date
    regel: str


class Opfoelgningsplan(FormModel):
    """Opfølgningsplan (Sammen om familien)."""

    form_name = "opfoelgningsplan"

    organisation: Organisation = Field(title="Afsender")
    barn: str = Field(title="Barnets navn", min_length=1)
    sagsbehandler: Kontakt = Field(title="Sagsbehandler")
    sagstype: kadence.Sagstype = Field(
        title="Sagstype",
        description="kompensation (hver 3. måned) eller undersøgelse (hver 6. uge)",
    )
    start: dt.date = Field(title="Planen gælder fra")
    maaneder: int = Field(default=12, ge=1, le=36, title="Planens længde (måneder)")
    fokus: list[str] = Field(default_factory=list, title="Det følger vi op på")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @computed_field
    @property
    def opfoelgninger(self) -> list[Opfoelgning]:
        """The follow-ups with their dates (working days)."""
        return [
            Opfoelgning(nr=i, dato=m.dato, regel=m.regel)
            for i, m in enumerate(
                kadence.sammen_om_familien(
                    self.start, self.sagstype, self.maaneder, kalender_af(self.lukkedage)
                ),
                start=1,
            )
        ]

    @computed_field
    @property
    def kadence_tekst(self) -> str:
        """The cadence in words, for the document."""
        return "hver 3. måned" if self.sagstype == kadence.Sagstype.kompensation else "hver 6. uge"


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "barn": "Oliver Kragh Hansen",
        "sagsbehandler": {
            "navn": "Jonas Winther",
            "funktion": "rådgiver, Familierådgivningen",
            "telefon": "72 16 50 00",
            "email": "jowi@furesoe.dk",
        },
        "sagstype": "undersøgelse",
        "start": "2026-06-17",
        "maaneder": 12,
        "fokus": ["Olivers trivsel i skolen", "Aflastning til familien", "Hjælpemidler i hjemmet"],
    }


SPEC = FormSpec(
    name="opfoelgningsplan",
    title="Opfølgningsplan",
    model=Opfoelgningsplan,
    template="opfoelgningsplan.docx",
    example=example,
    code="E1",
    description="The follow-ups of one case at the fixed cadence of its case type (every 3 "
    "months or every 6 weeks), dated on working days.",
)
