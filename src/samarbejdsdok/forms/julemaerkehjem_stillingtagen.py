"""B1 Ansøgning: forældrenes stillingtagen til samarbejde med kommunen.

Source: *Model for samarbejde mellem Kommuner og Julemærkehjemmene*, section "Ansøgning". The
collaboration between the municipality and the Julemærkehjem is also a collaboration with the
family and needs the family's acceptance. In the application to the Julemærkehjem the parents
state whether they want to take part in the collaboration with the municipality, and they sign.
The home follows up on the families who do not want the collaboration and talks with them about
the collaboration being a help; the document says so when the parents answer no.

The form records the child (``barn_navn``), the municipality, each parent (name and the date of
signing), the ticked answer "Vi accepterer samarbejde med kommunen" (yes/no) and an optional
comment. Each parent gets a signature line.

The statement lets the Julemærkehjem share information about the child with the municipality, so
the form says what is shared and gives the information the GDPR's article 13 requires: the
municipality as data controller, its data protection officer and its retention rule (fields
``dataansvarlig``, ``databeskyttelsesraadgiver``, ``opbevaring``, filled from the municipality
profile), and that the statement can be withdrawn.

Rules checked here:

* at least one parent (``foraeldre``);
* a parent's signing date is not before the application date (``foraeldre.N.dato``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Self

from pydantic import Field, model_validator

from . import _databeskyttelse
from ._base import FormModel, FormSpec, Part, field_error
from ._databeskyttelse import (
    MISSING_HINTS,
    DataansvarligFelt,
    DatabeskyttelsesraadgiverFelt,
    OpbevaringFelt,
)

__all__ = ["SPEC", "Foraelder", "JulemaerkehjemStillingtagen"]


class Foraelder(Part):
    """A parent who signs the application."""

    navn: str = Field(title="Forælderens navn", min_length=1)
    dato: dt.date | None = Field(
        default=None, title="Dato", description="Datoen for underskriften; tom: skrives i hånden"
    )


class JulemaerkehjemStillingtagen(FormModel):
    """Ansøgning: forældrenes stillingtagen til samarbejde med kommunen."""

    form_name = "julemaerkehjem_stillingtagen"
    missing_hints: ClassVar[dict[str, str]] = MISSING_HINTS

    julemaerkehjem: str = Field(title="Julemærkehjem", min_length=1)
    kommune: str = Field(title="Kommune", min_length=1, examples=["Furesø Kommune"])
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    ansoegningsdato: dt.date = Field(title="Ansøgningsdato")
    foraeldre: list[Foraelder] = Field(
        title="Forældre", min_length=1, description="Forældrene, der skriver under"
    )
    accepterer_samarbejde: bool = Field(title="Vi accepterer samarbejde med kommunen")
    bemaerkning: str | None = Field(default=None, title="Bemærkninger")
    dataansvarlig: DataansvarligFelt
    databeskyttelsesraadgiver: DatabeskyttelsesraadgiverFelt
    opbevaring: OpbevaringFelt

    @model_validator(mode="after")
    def _dates(self) -> Self:
        for i, f in enumerate(self.foraeldre):
            if f.dato is not None and f.dato < self.ansoegningsdato:
                raise field_error(
                    f"foraeldre.{i}.dato",
                    "signature_before_application",
                    "underskriftsdatoen ligger før ansøgningsdatoen",
                )
        return self


def example() -> dict[str, Any]:
    return {
        "julemaerkehjem": "Julemærkehjemmet Kildemose",
        "kommune": "Furesø Kommune",
        "barn_navn": "Oliver Kragh Hansen",
        "ansoegningsdato": "2026-09-21",
        "foraeldre": [
            {"navn": "Mette Kragh Hansen", "dato": "2026-09-21"},
            {"navn": "Brian Hansen", "dato": "2026-09-23"},
        ],
        "accepterer_samarbejde": True,
        "bemaerkning": "Vi vil gerne have, at Olivers lærer også hører om opholdet.",
        **_databeskyttelse.example(),
    }


SPEC = FormSpec(
    name="julemaerkehjem_stillingtagen",
    title="Ansøgning: forældrenes stillingtagen til samarbejde med kommunen",
    model=JulemaerkehjemStillingtagen,
    template="julemaerkehjem_stillingtagen.docx",
    example=example,
    code="B1",
    description="The parents' stance, in the application to a Julemærkehjem, on collaboration "
    "with the municipality, with a signature line per parent.",
)
