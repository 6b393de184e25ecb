"""B3 Udpegelse af kontaktperson: the municipality's return document to the Julemærkehjem.

Source: *Model for samarbejde mellem Kommuner og Julemærkehjemmene*, sections "Optagelse/
Indkaldelse" and "Udpegelse af kontaktperson". When the child is called to the pre-visit, the
home mails the municipality's tovholder (its fixed contact) a document to be returned by secure
mail. The tovholder names the child's contact person, who then works on with the child and the
family, and states which activities the municipality offers the family and the child in
connection with the stay. The tovholder and the contact person may propose to postpone the stay
when the child will profit from it (for example if the child would break off a treatment in the
municipality); a postponement is agreed between the family, the home and the municipality.

Rules checked here:

* a postponement request gives its reason (``udsaettelse_begrundelse``), and a reason is only
  given with a request;
* the contact person is named (``kontaktperson.navn``).

The document tells the reader that it is returned by secure mail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, model_validator

from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Organisation,
    Part,
    example_organisation,
    field_error,
)

__all__ = ["SPEC", "Aktivitet", "JulemaerkehjemKontaktperson"]


class Aktivitet(Part):
    """An activity the municipality offers the family and the child."""

    aktivitet: str = Field(title="Aktivitet", min_length=1)
    for_hvem: str = Field(title="For hvem", min_length=1, examples=["Barnet", "Hele familien"])
    kontakt: str | None = Field(default=None, title="Kontakt")


class JulemaerkehjemKontaktperson(FormModel):
    """Udpegelse af kontaktperson (returdokument til Julemærkehjemmet)."""

    form_name = "julemaerkehjem_kontaktperson"

    organisation: Organisation = Field(title="Afsender")
    julemaerkehjem: str = Field(title="Julemærkehjem", min_length=1)
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    dato: dt.date = Field(title="Dato")
    tovholder: Kontakt = Field(title="Tovholder i kommunen")
    kontaktperson: Kontakt = Field(title="Barnets kontaktperson")
    aktiviteter: list[Aktivitet] = Field(
        default_factory=list,
        title="Aktiviteter, kommunen tilbyder familien og barnet",
        description="I forbindelse med forløbet på Julemærkehjemmet",
    )
    udsaettelse: bool = Field(default=False, title="Kommunen ønsker opholdet udsat")
    udsaettelse_begrundelse: str | None = Field(
        default=None,
        title="Begrundelse for udsættelse",
        description="Skal udfyldes, når kommunen ønsker opholdet udsat",
    )

    @model_validator(mode="after")
    def _postponement(self) -> Self:
        if self.udsaettelse and not self.udsaettelse_begrundelse:
            raise field_error(
                "udsaettelse_begrundelse",
                "postponement_reason_missing",
                "angiv begrundelsen, når kommunen ønsker opholdet udsat",
            )
        if not self.udsaettelse and self.udsaettelse_begrundelse:
            raise field_error(
                "udsaettelse_begrundelse",
                "postponement_not_requested",
                "der er angivet en begrundelse, men kommunen ønsker ikke opholdet udsat; sæt "
                "udsaettelse til ja, eller fjern begrundelsen",
            )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "julemaerkehjem": "Julemærkehjemmet Kildemose",
        "barn_navn": "Oliver Kragh Hansen",
        "dato": "2026-11-23",
        "tovholder": {
            "navn": "Birgitte Holm",
            "funktion": "tovholder, Sundhedsplejen",
            "telefon": "72 16 52 10",
            "email": "biho@furesoe.dk",
        },
        "kontaktperson": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "aktiviteter": [
            {
                "aktivitet": "Samtaler med sundhedsplejersken om kost og søvn",
                "for_hvem": "Oliver og Mette",
                "kontakt": "Birgitte Holm",
            },
            {
                "aktivitet": "Fritidsvejledning: at fortsætte til håndbold efter opholdet",
                "for_hvem": "Oliver",
                "kontakt": "Kasper Nørgaard, Fritidsvejledningen",
            },
            {"aktivitet": "Familiemadkursus i Familiehuset", "for_hvem": "Hele familien"},
        ],
        "udsaettelse": False,
    }


SPEC = FormSpec(
    name="julemaerkehjem_kontaktperson",
    title="Udpegelse af kontaktperson",
    model=JulemaerkehjemKontaktperson,
    template="julemaerkehjem_kontaktperson.docx",
    example=example,
    code="B3",
    description="The municipality's return document to the Julemærkehjem: the tovholder names "
    "the child's contact person, lists the activities offered and may ask to postpone the stay.",
)
