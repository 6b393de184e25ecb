"""E5 Kontraktbaseret samarbejdsaftale: who coordinates with which outside party.

Source: *Sammen om familien* (Socialstyrelsen/Rambøll 2021, seed 004), the core elements
"Inddragelse af familien" and "Styrket tværgående samarbejde". The family is supported in
playing an active role, so that the caseworker assists rather than takes over the case: this is
done by a "kontraktbaseret samarbejde med familien" with clear agreements and a clear division
of roles, so that it is plain whether the family or the caseworker holds the coordinating
responsibility towards providers, school and so on. The division is agreed with the family as
it prefers it, between the family's own coordination with outside parties (dagtilbud, skole,
PPR, fysio- og ergoterapi, ...) and the caseworker's coordination on the family's behalf, which
so becomes "kontraktbaseret". The text also asks for flexible, informal contact, "øget brug af
sms og telefonopkald".

Each coordination (:class:`Koordinering`) names the outside party, its type, who coordinates
(familien or sagsbehandleren), the contact forms (sms, telefon, mail, digital post, møde), how
often, and notes. The agreement is handed to the family, so the document opens with a short
text for the parents in plain Danish.

Input may name a type, a coordinator or a contact form by its key (``"ppr"``,
``"sagsbehandleren"``, ``"digital_post"``, ``"moede"``) or by its wording (``"PPR"``,
``"digital post"``, ``"møde"``).

Rules checked here:

* at least one coordination (``koordineringer``);
* every coordination has at least one contact form (``koordineringer.N.kontaktformer``); a form
  given twice counts once;
* the period ends after it starts (``periode_til``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from ..formatting import dato as _dansk
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

__all__ = [
    "SPEC",
    "Koordinering",
    "Koordinerer",
    "Kontaktform",
    "KontraktSamarbejdsaftale",
    "Parttype",
]


class Parttype(StrEnum):
    """What kind of outside party; the value is the document's wording."""

    SKOLE = "skole"
    DAGTILBUD = "dagtilbud"
    PPR = "PPR"
    TERAPI = "terapi"
    SUNDHED = "sundhed"
    FRITID = "fritid"
    ANDET = "andet"


class Koordinerer(StrEnum):
    """Who holds the coordinating responsibility towards the party."""

    FAMILIEN = "familien"
    SAGSBEHANDLEREN = "sagsbehandleren"


class Kontaktform(StrEnum):
    """How the coordinator and the party keep in touch; the value is the document's wording."""

    SMS = "sms"
    TELEFON = "telefon"
    MAIL = "mail"
    DIGITAL_POST = "digital post"
    MOEDE = "møde"


_Kontaktform = Annotated[Kontaktform, BeforeValidator(key_or_wording(Kontaktform))]


def _once_each(values: list[str]) -> list[str]:
    """Each contact form once, in the order given."""
    return list(dict.fromkeys(values))


_Kontaktformer = Annotated[list[_Kontaktform], AfterValidator(_once_each)]
_Navn = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Koordinering(Part):
    """Who coordinates with one outside party, and how."""

    part: str = Field(
        title="Samarbejdspart",
        min_length=1,
        description="Skolen, dagtilbuddet, PPR, terapeuten ... ved navn",
        examples=["Lyngholmskolen"],
    )
    type: Annotated[Parttype, BeforeValidator(key_or_wording(Parttype))] = Field(
        title="Type",
        description="skole, dagtilbud, PPR (ppr), terapi, sundhed, fritid eller andet",
    )
    kontaktperson: str | None = Field(
        default=None, title="Kontaktperson hos parten", examples=["Morten Friis, klasselærer"]
    )
    koordinerer: Annotated[Koordinerer, BeforeValidator(key_or_wording(Koordinerer))] = Field(
        title="Hvem koordinerer",
        description="familien eller sagsbehandleren",
    )
    kontaktformer: _Kontaktformer = Field(
        title="Kontaktform",
        json_schema_extra={"minItems": 1},
        description="sms, telefon, mail, digital post (digital_post) og/eller møde (moede)",
    )
    hvor_ofte: str | None = Field(default=None, title="Hvor ofte", examples=["Hver 14. dag"])
    noter: str | None = Field(default=None, title="Noter")

    @model_validator(mode="after")
    def _has_contact_form(self) -> Self:
        if not self.kontaktformer:
            raise field_error(
                "kontaktformer",
                "no_contact_form",
                "angiv mindst én kontaktform (sms, telefon, mail, digital post eller møde)",
            )
        return self


class KontraktSamarbejdsaftale(FormModel):
    """Kontraktbaseret samarbejdsaftale."""

    form_name = "kontrakt_samarbejdsaftale"

    organisation: Organisation = Field(title="Afsender")
    familie: str = Field(title="Familie", min_length=1, examples=["Familien Kragh Hansen"])
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    sagsbehandler: Kontakt = Field(title="Sagsbehandler")
    foraeldre: list[_Navn] = Field(
        title="Forældre", min_length=1, description="Forældrenes navne, én pr. linje"
    )
    aftaledato: dt.date = Field(title="Aftalens dato")
    periode_fra: dt.date = Field(title="Aftalen gælder fra")
    periode_til: dt.date = Field(title="Aftalen gælder til")
    kontakt_familie_sagsbehandler: list[_Kontaktform] = Field(
        default_factory=list,
        title="Familien og sagsbehandleren holder kontakt via",
        description="Fx sms og telefon; tom: ikke aftalt",
    )
    koordineringer: list[Koordinering] = Field(
        title="Hvem koordinerer med hvem",
        json_schema_extra={"minItems": 1},
    )

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if self.periode_til <= self.periode_fra:
            raise field_error(
                "periode_til",
                "agreement_end_not_after_start",
                "aftalen skal slutte efter, den begynder ({fra})",
                fra=_dansk(self.periode_fra),
            )
        if not self.koordineringer:
            raise field_error(
                "koordineringer",
                "no_coordination",
                "skriv mindst én samarbejdspart og hvem der koordinerer med den",
            )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie": "Familien Kragh Hansen",
        "barn_navn": "Oliver Kragh Hansen",
        "sagsbehandler": {
            "navn": "Jonas Winther",
            "funktion": "rådgiver, Familierådgivningen",
            "telefon": "72 16 50 00",
            "email": "jowi@furesoe.dk",
        },
        "foraeldre": ["Mette Kragh Hansen", "Brian Hansen"],
        "aftaledato": "2026-06-24",
        "periode_fra": "2026-07-01",
        "periode_til": "2026-12-31",
        "kontakt_familie_sagsbehandler": ["sms", "telefon"],
        "koordineringer": [
            {
                "part": "Lyngholmskolen",
                "type": "skole",
                "kontaktperson": "Morten Friis, klasselærer",
                "koordinerer": "familien",
                "kontaktformer": ["sms", "moede"],
                "hvor_ofte": "Hver 14. dag",
                "noter": "Mette sender en sms, hvis Oliver har haft en svær morgen.",
            },
            {
                "part": "PPR Furesø",
                "type": "ppr",
                "kontaktperson": "Lars Vinther, psykolog",
                "koordinerer": "sagsbehandleren",
                "kontaktformer": ["mail", "moede"],
                "hvor_ofte": "Ved hver opfølgning",
            },
            {
                "part": "Ergoterapien, Furesø Kommune",
                "type": "terapi",
                "koordinerer": "sagsbehandleren",
                "kontaktformer": ["telefon", "digital_post"],
                "noter": "Jonas søger om sansestimulerende hjælpemidler.",
            },
            {
                "part": "Farum Håndboldklub",
                "type": "fritid",
                "koordinerer": "familien",
                "kontaktformer": ["telefon"],
            },
        ],
    }


SPEC = FormSpec(
    name="kontrakt_samarbejdsaftale",
    title="Kontraktbaseret samarbejdsaftale",
    model=KontraktSamarbejdsaftale,
    template="kontrakt_samarbejdsaftale.docx",
    example=example,
    code="E5",
    description="A contract-based agreement with the family: for each outside party (school, "
    "day care, PPR, therapy) whether the family or the caseworker coordinates, and by which "
    "contact forms.",
)
