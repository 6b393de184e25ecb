"""A8 Samtykkeerklæring (generel): consent to exchange information with named partners.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 8. The parent
consents to the programme obtaining and passing on information about the family with the internal
partners ticked on the form (each with contact details) and the external parties listed. The
consent lapses at the latest on a stated date and can be withdrawn at any time. Every young
person who has turned 15 on the signing date signs too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, model_validator

from ._base import FormSpec, Part, example_organisation, field_error
from ._samtykke import SamtykkeBase, example_consent_parties

__all__ = ["SamtykkeGenerel", "InternPart", "EksternPart", "STANDARD_INTERNE_PARTER", "SPEC"]

#: The internal partners printed on the paper form, in its order.
STANDARD_INTERNE_PARTER: tuple[str, ...] = (
    "Familierådgivningen",
    "Sundhedsplejen",
    "Familiehuset",
    "Jobcentret",
    "Afd. for borgere med nedsat funktionsevne",
    "Daginstitution",
    "Folkeskole",
)


class InternPart(Part):
    """A partner inside the municipality: a box to tick and its contact details."""

    navn: str = Field(title="Samarbejdspart i kommunen", min_length=1)
    afkrydset: bool = Field(default=False, title="Afkrydset")
    kontaktoplysninger: str | None = Field(default=None, title="Kontaktoplysninger")


class EksternPart(Part):
    """A party outside the municipality."""

    navn: str = Field(title="Part uden for kommunen", min_length=1)
    kontaktoplysninger: str | None = Field(default=None, title="Kontaktoplysninger")


def _standard_parter() -> list[InternPart]:
    return [InternPart(navn=n) for n in STANDARD_INTERNE_PARTER]


class SamtykkeGenerel(SamtykkeBase):
    """Samtykkeerklæring til helhedsorienteret familieindsats – generelt."""

    form_name = "samtykke_generel"

    interne_parter: list[InternPart] = Field(
        default_factory=_standard_parter,
        title="Samarbejdsparter i kommunen",
        description="Sæt kryds ved de parter, der må udveksles oplysninger med "
        "(tilføj gerne kontaktoplysninger)",
    )
    eksterne_parter: list[EksternPart] = Field(
        default_factory=list,
        title="Parter uden for kommunen",
        description="Parter uden for kommunen, der må udveksles oplysninger med",
    )
    gyldig_til: dt.date = Field(
        title="Samtykket ophører senest",
        description="Den sidste dag samtykket gælder",
    )

    @model_validator(mode="after")
    def _a_partner(self) -> Self:
        if not any(p.afkrydset for p in self.interne_parter) and not self.eksterne_parter:
            raise field_error(
                "interne_parter",
                "no_partner",
                "sæt kryds ved mindst én samarbejdspart, eller angiv en part uden for kommunen",
            )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        **example_consent_parties(),
        "interne_parter": [
            {
                "navn": "Familierådgivningen",
                "afkrydset": True,
                "kontaktoplysninger": "Rådgiver Jonas Winther, tlf. 72 16 50 00",
            },
            {"navn": "Sundhedsplejen", "afkrydset": False},
            {"navn": "Familiehuset", "afkrydset": True, "kontaktoplysninger": "Lene Dahl"},
            {
                "navn": "Jobcentret",
                "afkrydset": True,
                "kontaktoplysninger": "Jobkonsulent Amir Haddad",
            },
            {"navn": "Afd. for borgere med nedsat funktionsevne", "afkrydset": False},
            {"navn": "Daginstitution", "afkrydset": False},
            {
                "navn": "Folkeskole",
                "afkrydset": True,
                "kontaktoplysninger": "Lyngholmskolen, skoleleder Birgit Holm",
            },
        ],
        "eksterne_parter": [
            {"navn": "Egen læge", "kontaktoplysninger": "Lægehuset Farum Midtpunkt"},
            {"navn": "Børne- og ungdomspsykiatrien", "kontaktoplysninger": "Region Hovedstaden"},
        ],
        "underskriftsdato": "2026-11-23",
        "gyldig_fra": "2026-11-23",
        "gyldig_til": "2027-11-22",
        "status": "afgivet",
    }


SPEC = FormSpec(
    name="samtykke_generel",
    title="Samtykkeerklæring til helhedsorienteret familieindsats – generelt",
    model=SamtykkeGenerel,
    template="samtykke_generel.docx",
    example=example,
    code="A8",
    description="Consent to exchange information with ticked internal partners and listed "
    "external parties, lapsing on a stated date.",
)
