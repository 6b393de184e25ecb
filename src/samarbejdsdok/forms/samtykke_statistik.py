"""A7 Samtykkeerklæring (statistik): consent to collect absence and grades for statistics.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 7. The parent
consents to the programme collecting the children's absence from school or day care and, for
pupils in grades 8-10, their marks and national tests, for statistics only. Every young person who
has turned 15 on the signing date signs too; the document states the rule and lists who it
applies to. The legal texts are the law in force (see :mod:`samarbejdsdok.law`).
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import Field, model_validator

from . import _databeskyttelse
from ._base import FormSpec, Part, example_organisation, field_error
from ._samtykke import SamtykkeBase

__all__ = ["SamtykkeStatistik", "Omraader", "SPEC"]


class Omraader(Part):
    """The areas information may be collected from (ticked boxes on the form)."""

    skole: bool = Field(default=False, title="Skole")
    institution: bool = Field(default=False, title="Institution")


class SamtykkeStatistik(SamtykkeBase):
    """Samtykkeerklæring til helhedsorienteret familieindsats (statistik)."""

    form_name = "samtykke_statistik"

    omraader: Omraader = Field(
        title="Der gives samtykke til, at oplysninger må indhentes fra følgende områder"
    )

    @model_validator(mode="after")
    def _an_area(self) -> Self:
        if not (self.omraader.skole or self.omraader.institution):
            raise field_error(
                "omraader", "no_area", "sæt kryds ved mindst ét område (skole eller institution)"
            )
        if not self.boern:
            raise field_error("boern", "no_children", "samtykket skal omfatte mindst ét barn")
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "samtykkegiver": {
            "navn": "Mette Kragh Hansen",
            "cpr": "120585-2468",
        },
        "boern": [
            {
                "navn": "Sofie Kragh Hansen",
                "cpr": "100911-4122",
            },
            {
                "navn": "Oliver Kragh Hansen",
                "cpr": "020616-4567",
            },
        ],
        "underskriftsdato": "2026-05-27",
        "gyldig_fra": "2026-05-27",
        "gyldig_til": "2027-05-26",
        "status": "afgivet",
        **_databeskyttelse.example(),
        "omraader": {
            "skole": True,
            "institution": False,
        },
    }


SPEC = FormSpec(
    name="samtykke_statistik",
    title="Samtykkeerklæring til helhedsorienteret familieindsats (statistik)",
    model=SamtykkeStatistik,
    template="samtykke_statistik.docx",
    example=example,
    code="A7",
    description="Consent to collect the children's absence and marks for statistics only.",
)
