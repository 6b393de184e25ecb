"""C1 Samarbejdsaftale mellem plejefamilie og døgninstitution/opholdssted.

Source: Socialstyrelsen, *Inspiration fra andre kommuner: Hvad kan et styrket samarbejde mellem
plejefamilier og døgninstitutioner og/eller opholdssteder indebære?* The text lists elements of
existing collaboration models: access to support, supervision and sparring (a fixed contact
person, supervision, teaching); acute support outside normal opening hours (an acute phone, an
on-call service); regular meetings, coordination and sparring with the foster-care consultant
and the caseworker; individual or group guidance (for example about contact and collaboration
with the biological parents); teaching and competence development for foster parents; network
groups for foster families; flexible relief (leisure offers, weekend stays, holidays).

The agreement names the parties (the foster family; the institution with its contact person),
the period it is valid for, and the support elements agreed (:class:`Element`, a fixed
vocabulary, with free text): for each who delivers it, how often and how to reach them. Both
parties sign with a date.

Rules checked here:

* at least one support element (``elementer``);
* the agreement ends after it starts (``gyldig_til``);
* a signing date is not after the end of the agreement (``plejefamilie_dato``,
  ``institution_dato``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, model_validator

from ._base import FormModel, FormSpec, Kontakt, Part, field_error

__all__ = ["SPEC", "Element", "Institution", "PlejefamilieSamarbejdsaftale", "Stoetteelement"]


class Element(StrEnum):
    """The support elements the source names; the value is the document's wording."""

    FAST_KONTAKTPERSON = "Fast kontaktperson"
    SUPERVISION = "Supervision"
    UNDERVISNING = "Undervisning"
    AKUT_STOETTE = "Akut støtte uden for kontortid"
    FASTE_MOEDER = "Faste møder med plejekonsulent og sagsbehandler"
    VEJLEDNING = "Individuel eller gruppevejledning"
    KOMPETENCEUDVIKLING = "Kompetenceudvikling"
    NETVAERKSGRUPPER = "Netværksgrupper for plejefamilier"
    AFLASTNING = "Fleksibel aflastning"


class Stoetteelement(Part):
    """One agreed support element: what, who, how often, how to reach them."""

    element: Element = Field(title="Element")
    beskrivelse: str | None = Field(
        default=None,
        title="Indhold",
        description="Fx akut telefon eller vagtordning; samvær med de biologiske forældre; "
        "fritidstilbud, weekendophold eller ferier",
    )
    hvem: str = Field(title="Hvem", min_length=1)
    hvor_ofte: str = Field(title="Hvor ofte", min_length=1)
    kontaktvej: str = Field(title="Sådan når I os", min_length=1)


class Institution(Part):
    """The residential institution or opholdssted and its contact person."""

    navn: str = Field(title="Døgninstitution/opholdssted", min_length=1)
    adresse: str | None = Field(default=None, title="Adresse")
    kontaktperson: Kontakt = Field(title="Kontaktperson")


class PlejefamilieSamarbejdsaftale(FormModel):
    """Samarbejdsaftale mellem plejefamilie og døgninstitution/opholdssted."""

    form_name = "plejefamilie_samarbejdsaftale"

    kommune: str | None = Field(default=None, title="Kommune")
    plejefamilie: Kontakt = Field(title="Plejefamilie")
    plejefamilie_adresse: str | None = Field(default=None, title="Plejefamiliens adresse")
    institution: Institution = Field(title="Døgninstitution/opholdssted")
    gyldig_fra: dt.date = Field(title="Aftalen gælder fra")
    gyldig_til: dt.date | None = Field(
        default=None, title="Aftalen gælder til", description="Tom: indtil den opsiges"
    )
    elementer: list[Stoetteelement] = Field(title="Aftalte støtteelementer", min_length=1)
    plejefamilie_dato: dt.date | None = Field(default=None, title="Dato (plejefamilien)")
    institution_dato: dt.date | None = Field(default=None, title="Dato (institutionen)")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.gyldig_til is not None:
            if self.gyldig_til <= self.gyldig_fra:
                raise field_error(
                    "gyldig_til",
                    "agreement_end_not_after_start",
                    "aftalen skal slutte efter, den begynder",
                )
            for key in ("plejefamilie_dato", "institution_dato"):
                d = getattr(self, key)
                if d is not None and d > self.gyldig_til:
                    raise field_error(
                        key,
                        "signed_after_end",
                        "aftalen er underskrevet efter, at den er udløbet",
                    )
        return self


def example() -> dict[str, Any]:
    return {
        "kommune": "Furesø Kommune",
        "plejefamilie": {
            "navn": "Plejefamilien Birk",
            "funktion": "Karen og Ole Birk",
            "telefon": "22 33 44 55",
            "email": "birk@example.dk",
        },
        "plejefamilie_adresse": "Kirkevej 4, 3520 Farum",
        "institution": {
            "navn": "Opholdsstedet Lindely",
            "adresse": "Lindelyvej 8, 3500 Værløse",
            "kontaktperson": {
                "navn": "Per Aagaard",
                "funktion": "kontaktpædagog",
                "telefon": "44 55 66 77",
                "email": "pa@lindely.example.dk",
            },
        },
        "gyldig_fra": "2027-01-01",
        "gyldig_til": "2027-12-31",
        "elementer": [
            {
                "element": "Fast kontaktperson",
                "hvem": "Per Aagaard",
                "hvor_ofte": "Efter behov",
                "kontaktvej": "Telefon 44 55 66 77 kl. 8-16",
            },
            {
                "element": "Akut støtte uden for kontortid",
                "beskrivelse": "Akut telefon og vagtordning",
                "hvem": "Vagthavende pædagog",
                "hvor_ofte": "Døgnet rundt",
                "kontaktvej": "Vagttelefon 44 55 66 00",
            },
            {
                "element": "Individuel eller gruppevejledning",
                "beskrivelse": "Samvær og samarbejde med de biologiske forældre",
                "hvem": "Psykolog Ida Krogh",
                "hvor_ofte": "Hver anden måned",
                "kontaktvej": "Via Per Aagaard",
            },
            {
                "element": "Fleksibel aflastning",
                "beskrivelse": "Fritidstilbud, weekendophold og ferier",
                "hvem": "Opholdsstedet Lindely",
                "hvor_ofte": "Månedligt",
                "kontaktvej": "Via Per Aagaard",
            },
        ],
        "plejefamilie_dato": "2026-12-14",
        "institution_dato": "2026-12-15",
    }


SPEC = FormSpec(
    name="plejefamilie_samarbejdsaftale",
    title="Samarbejdsaftale mellem plejefamilie og døgninstitution",
    model=PlejefamilieSamarbejdsaftale,
    template="plejefamilie_samarbejdsaftale.docx",
    example=example,
    code="C1",
    description="Collaboration agreement between a foster family and a residential institution: "
    "the support elements agreed, each with who, how often and how to reach them.",
)
