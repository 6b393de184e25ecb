"""C1 Samarbejdsaftale mellem plejefamilie og døgninstitution/opholdssted.

Source: Socialstyrelsen, *Inspiration fra andre kommuner: Hvad kan et styrket samarbejde mellem
plejefamilier og døgninstitutioner og/eller opholdssteder indebære?* The text lists nine elements
of existing collaboration models (:class:`Element`, in the source's words):

* support and counselling at the institution: a fixed contact person, supervision, teaching
  (»fast kontaktperson, supervision, undervisning«);
* acute support, also outside normal opening hours (an acute phone, an on-call service:
  »akut telefon, et beredskab«);
* regular meetings, coordination and sparring between the institution and the municipality's
  foster-care consultant (familieplejekonsulent) and the child's caseworker
  (myndighedssagsbehandler);
* individual or group guidance, for example about contact and collaboration with the
  biological parents;
* teaching and competence development for foster parents;
* network groups for foster families;
* flexible relief: leisure offers, weekend stays, holidays (the source spells it »flexibel«).

The agreement is made between three parties about one child: the municipality (its name and
department, the foster-care consultant and the child's caseworker), the foster family, and the
institution with its contact person. It names the child (name and, if given, birth date; no CPR
number: the agreement is shared with the institution and the foster family), the period it is
valid for, and the support elements agreed, each with who delivers it, how often and how to
reach them. All three parties sign, each with a date.

Rules checked here:

* at least one support element (``elementer``);
* the agreement ends after it starts (``gyldig_til``);
* the child is born before the agreement starts (``barn_foedselsdato``);
* a signing date is not after the end of the agreement (``kommune_dato``,
  ``plejefamilie_dato``, ``institution_dato``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, model_validator

from ..formatting import dato as dansk_dato
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Organisation,
    Part,
    example_organisation,
    field_error,
    key_or_wording,
)

__all__ = ["SPEC", "Element", "Institution", "PlejefamilieSamarbejdsaftale", "Stoetteelement"]


class Element(StrEnum):
    """The nine support elements the source lists, in its order and its words; the value is
    the document's wording."""

    FAST_KONTAKTPERSON = "Fast kontaktperson"
    SUPERVISION = "Supervision"
    UNDERVISNING = "Undervisning"
    AKUT_STOETTE = "Akut støtte, også uden for normale åbningstider"
    REGELMAESSIGE_MOEDER = (
        "Regelmæssige møder, koordination og sparring med familieplejekonsulent og "
        "myndighedssagsbehandler"
    )
    VEJLEDNING = "Individuel eller gruppebaseret vejledning"
    KOMPETENCEUDVIKLING = "Undervisning og kompetenceudvikling til plejeforældre"
    NETVAERKSGRUPPER = "Netværksgrupper til plejefamilier"
    AFLASTNING = "Fleksibel aflastning"


_Element = Annotated[Element, BeforeValidator(key_or_wording(Element))]


class Stoetteelement(Part):
    """One agreed support element: what, who, how often, how to reach them."""

    element: _Element = Field(title="Element")
    beskrivelse: str | None = Field(
        default=None,
        title="Indhold",
        description="Fx akut telefon eller beredskab; samvær og samarbejde med de biologiske "
        "forældre; fritidstilbud, weekendophold eller ferieture",
    )
    hvem: str = Field(title="Hvem", min_length=1)
    hvor_ofte: str = Field(title="Hvor ofte", min_length=1)
    kontaktvej: str = Field(title="Sådan når I os", min_length=1)


class Institution(Part):
    """The residential institution or opholdssted and its contact person."""

    navn: str = Field(title="Døgninstitution/opholdssted", min_length=1)
    adresse: str | None = Field(default=None, title="Adresse")
    kontaktperson: Kontakt = Field(title="Kontaktperson")


_SIGNING_DATES = (
    ("kommune_dato", "kommunen"),
    ("plejefamilie_dato", "plejefamilien"),
    ("institution_dato", "institutionen"),
)


class PlejefamilieSamarbejdsaftale(FormModel):
    """Samarbejdsaftale mellem kommunen, plejefamilien og døgninstitutionen/opholdsstedet om
    et barn."""

    form_name = "plejefamilie_samarbejdsaftale"

    organisation: Organisation = Field(title="Kommunen")
    familieplejekonsulent: Kontakt = Field(title="Familieplejekonsulent")
    sagsbehandler: Kontakt = Field(
        title="Barnets sagsbehandler", description="Myndighedssagsbehandleren"
    )
    plejefamilie: Kontakt = Field(title="Plejefamilie")
    plejefamilie_adresse: str | None = Field(default=None, title="Plejefamiliens adresse")
    institution: Institution = Field(title="Døgninstitution/opholdssted")
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    barn_foedselsdato: dt.date | None = Field(default=None, title="Barnets fødselsdato")
    gyldig_fra: dt.date = Field(title="Aftalen gælder fra")
    gyldig_til: dt.date | None = Field(
        default=None, title="Aftalen gælder til", description="Tom: indtil den opsiges"
    )
    elementer: list[Stoetteelement] = Field(title="Aftalte støtteelementer", min_length=1)
    kommune_dato: dt.date | None = Field(default=None, title="Dato (kommunen)")
    plejefamilie_dato: dt.date | None = Field(default=None, title="Dato (plejefamilien)")
    institution_dato: dt.date | None = Field(default=None, title="Dato (institutionen)")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.barn_foedselsdato is not None and self.barn_foedselsdato >= self.gyldig_fra:
            raise field_error(
                "barn_foedselsdato",
                "child_born_after_start",
                "barnet skal være født, før aftalen begynder ({fra})",
                fra=dansk_dato(self.gyldig_fra),
            )
        if self.gyldig_til is not None:
            if self.gyldig_til <= self.gyldig_fra:
                raise field_error(
                    "gyldig_til",
                    "agreement_end_not_after_start",
                    "aftalen skal slutte efter, den begynder ({fra})",
                    fra=dansk_dato(self.gyldig_fra),
                )
            for key, part in _SIGNING_DATES:
                d = getattr(self, key)
                if d is not None and d > self.gyldig_til:
                    raise field_error(
                        key,
                        "signed_after_end",
                        "{part} har skrevet under efter, at aftalen er udløbet ({til})",
                        part=part,
                        til=dansk_dato(self.gyldig_til),
                    )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familieplejekonsulent": {
            "navn": "Helle Mortensen",
            "funktion": "familieplejekonsulent, Familierådgivningen",
            "telefon": "72 16 50 20",
            "email": "hemo@furesoe.dk",
        },
        "sagsbehandler": {
            "navn": "Jonas Winther",
            "funktion": "rådgiver, Familierådgivningen",
            "telefon": "72 16 50 00",
            "email": "jowi@furesoe.dk",
        },
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
        "barn_navn": "Oliver Kragh Hansen",
        "barn_foedselsdato": "2016-06-02",
        "gyldig_fra": "2027-01-01",
        "gyldig_til": "2027-12-31",
        "elementer": [
            {
                "element": "Fast kontaktperson",
                "beskrivelse": "Kender Oliver fra anbringelsen på Lindely i foråret 2026",
                "hvem": "Per Aagaard, kontaktpædagog",
                "hvor_ofte": "En samtale om måneden og ellers efter behov",
                "kontaktvej": "Tlf. 44 55 66 77, hverdage kl. 8–16",
            },
            {
                "element": "Supervision",
                "beskrivelse": "Supervision i plejeopgaven med Oliver",
                "hvem": "Ida Krogh, psykolog på Lindely",
                "hvor_ofte": "Hver 6. uge, 1½ time",
                "kontaktvej": "Tider aftales med Per Aagaard",
            },
            {
                "element": "Undervisning",
                "beskrivelse": "ADHD og sansevanskeligheder i hverdagen",
                "hvem": "Per Aagaard og Ida Krogh",
                "hvor_ofte": "To aftener i foråret 2027",
                "kontaktvej": "Tilmelding hos Per Aagaard",
            },
            {
                "element": "Akut støtte, også uden for normale åbningstider",
                "beskrivelse": "Akut telefon og beredskab",
                "hvem": "Vagthavende pædagog på Lindely",
                "hvor_ofte": "Hele døgnet, alle ugens dage",
                "kontaktvej": "Akut telefon 44 55 66 00",
            },
            {
                "element": (
                    "Regelmæssige møder, koordination og sparring med familieplejekonsulent og "
                    "myndighedssagsbehandler"
                ),
                "beskrivelse": "Om Olivers trivsel og om aflastningen",
                "hvem": "Helle Mortensen, Jonas Winther, Per Aagaard og plejefamilien",
                "hvor_ofte": "Hver 3. måned: marts, juni, september og december",
                "kontaktvej": "Helle Mortensen indkalder, tlf. 72 16 50 20",
            },
            {
                "element": "Individuel eller gruppebaseret vejledning",
                "beskrivelse": "Samvær og samarbejde med Olivers forældre",
                "hvem": "Ida Krogh, psykolog på Lindely",
                "hvor_ofte": "Hver anden måned",
                "kontaktvej": "Via Per Aagaard",
            },
            {
                "element": "Undervisning og kompetenceudvikling til plejeforældre",
                "beskrivelse": "Kurset »Plejefamilie i samarbejde« på Lindely",
                "hvem": "Opholdsstedet Lindely",
                "hvor_ofte": "Fire aftener i efteråret 2027",
                "kontaktvej": "Tilmelding hos Per Aagaard",
            },
            {
                "element": "Netværksgrupper til plejefamilier",
                "beskrivelse": "Erfaringer med rollen og opgaven som plejefamilie",
                "hvem": "Lindelys netværksgruppe, ledet af Ida Krogh",
                "hvor_ofte": "Første tirsdag i måneden, kl. 19–21",
                "kontaktvej": "Via Per Aagaard",
            },
            {
                "element": "Fleksibel aflastning",
                "beskrivelse": "Fritidstilbud, weekendophold og ferieture",
                "hvem": "Opholdsstedet Lindely",
                "hvor_ofte": "Efter aftale, højst en weekend om måneden",
                "kontaktvej": "Aftales med Per Aagaard senest 14 dage før",
            },
        ],
        "kommune_dato": "2026-12-16",
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
    description="Collaboration agreement between the municipality, a foster family and a "
    "residential institution about a named child: the support elements agreed, each with who, "
    "how often and how to reach them, signed by all three parties.",
)
