"""D3 Mål og delmål: goals written with the family, broken into concrete sub-goals.

Source: Københavns Kommune, BBU, *Det gode samarbejde - fra principper til praksis* (2017, seed
002), the principle "Sammen om målene": goals are developed with the family ("Mål udvikles med
familien"); the child/young person/family formulates the goals together with the caseworker, and
"sammen omsætter vi handleplanen til konkrete delmål"; goals and sub-goals must always be
understandable and relevant to the child and the family; meetings always focus on sub-goals
and small steps forward; the goals are adjusted continuously together with the child, the
family and the relevant partners ("Mål revideres løbende i fællesskab").

So the document records who took part (the family always among them), each goal, optionally
in the child's or the family's own words, and its sub-goals, each with who is responsible, a
deadline and a status (ikke påbegyndt, i gang, nået), and the date the goals are revised
together next.

Input may name a status or a role by its key (``"ikke_paabegyndt"``, ``"barnet"``) or by its
wording (``"ikke påbegyndt"``, ``"barnet/den unge"``).

Rules checked here:

* at least one participant has a family role (``deltagere``): the goals are made with the family;
* at least one goal (``maal``), and every goal has at least one sub-goal (``maal.N.delmaal``);
* no sub-goal's deadline lies before the date (``maal.N.delmaal.M.tidsfrist``);
* a goal's last revision is not after the date (``maal.N.revideret``);
* the next revision lies after the date (``naeste_revision``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, model_validator

from ..formatting import dato as _dansk
from ._base import (
    FormModel,
    FormSpec,
    Organisation,
    Part,
    example_organisation,
    field_error,
    key_or_wording,
)

__all__ = ["SPEC", "Deltager", "Delmaal", "Maal", "MaalOgDelmaal", "Rolle", "Status"]


class Status(StrEnum):
    """How far a sub-goal has come; the value is the document's wording."""

    IKKE_PAABEGYNDT = "ikke påbegyndt"
    I_GANG = "i gang"
    NAAET = "nået"


class Rolle(StrEnum):
    """A participant's role; the value is the document's wording."""

    BARNET = "barnet/den unge"
    MOR = "mor"
    FAR = "far"
    FORAELDER = "forælder"
    FAMILIE = "anden i familien"
    NETVAERK = "netværk"
    SAGSBEHANDLER = "sagsbehandler"
    UDFOERER = "udfører"
    FAGPERSON = "anden fagperson"


#: The roles that belong to the family (the child included).
FAMILIEROLLER = frozenset(
    r.value for r in (Rolle.BARNET, Rolle.MOR, Rolle.FAR, Rolle.FORAELDER, Rolle.FAMILIE)
)


class Deltager(Part):
    """One person who took part in writing or revising the goals."""

    navn: str = Field(title="Navn", min_length=1)
    rolle: Annotated[Rolle, BeforeValidator(key_or_wording(Rolle))] = Field(
        title="Rolle",
        description="barnet/den unge, mor, far, forælder, anden i familien, netværk, "
        "sagsbehandler, udfører eller anden fagperson",
    )
    funktion: str | None = Field(
        default=None, title="Funktion", examples=["kontaktpædagog, Opholdsstedet Egely"]
    )


class Delmaal(Part):
    """A concrete sub-goal: a small step towards the goal."""

    delmaal: str = Field(title="Delmål", min_length=1)
    ansvarlig: str = Field(title="Ansvarlig", min_length=1, examples=["Mette og Jonas"])
    tidsfrist: dt.date = Field(title="Tidsfrist")
    status: Annotated[Status, BeforeValidator(key_or_wording(Status))] = Field(
        default=Status.IKKE_PAABEGYNDT,
        title="Status",
        description="ikke påbegyndt (ikke_paabegyndt), i gang (i_gang) eller nået (naaet)",
    )


class Maal(Part):
    """A goal, as the family and the professionals agree it."""

    maal: str = Field(title="Mål", min_length=1, description="Den ønskede forandring")
    egne_ord: str | None = Field(
        default=None,
        title="Med barnets/familiens egne ord",
        description="Målet, som barnet, den unge eller familien selv siger det",
    )
    delmaal: list[Delmaal] = Field(
        title="Delmål",
        json_schema_extra={"minItems": 1},
        description="Konkrete delmål; mindst ét",
    )
    revideret: dt.date | None = Field(
        default=None,
        title="Senest revideret",
        description="Datoen målet sidst blev revideret i fællesskab",
    )

    @model_validator(mode="after")
    def _has_subgoals(self) -> Self:
        if not self.delmaal:
            raise field_error(
                "delmaal", "goal_without_subgoals", "målet skal deles op i mindst ét delmål"
            )
        return self


class MaalOgDelmaal(FormModel):
    """Mål og delmål."""

    form_name = "maal_og_delmaal"

    organisation: Organisation = Field(title="Afsender")
    barn_navn: str = Field(title="Barnets/den unges navn", min_length=1)
    dato: dt.date = Field(title="Dato", description="Datoen målene blev skrevet eller revideret")
    deltagere: list[Deltager] = Field(
        title="Deltagere",
        json_schema_extra={"minItems": 1},
        description="Hvem var med; familien er altid med",
    )
    maal: list[Maal] = Field(title="Mål", json_schema_extra={"minItems": 1})
    naeste_revision: dt.date = Field(
        title="Næste fælles revision",
        description="Hvornår målene revideres sammen med familien næste gang",
    )

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if not any(d.rolle in FAMILIEROLLER for d in self.deltagere):
            raise field_error(
                "deltagere",
                "family_not_taking_part",
                "familien skal være med: angiv mindst én deltager med en rolle i familien "
                "(barnet/den unge, mor, far, forælder eller anden i familien)",
            )
        if not self.maal:
            raise field_error("maal", "no_goals", "skriv mindst ét mål")
        for i, maal in enumerate(self.maal):
            if maal.revideret is not None and maal.revideret > self.dato:
                raise field_error(
                    f"maal.{i}.revideret",
                    "revised_after_date",
                    "revisionsdatoen ({revideret}) ligger efter dokumentets dato ({dato})",
                    revideret=_dansk(maal.revideret),
                    dato=_dansk(self.dato),
                )
            for j, delmaal in enumerate(maal.delmaal):
                if delmaal.tidsfrist < self.dato:
                    raise field_error(
                        f"maal.{i}.delmaal.{j}.tidsfrist",
                        "deadline_before_date",
                        "tidsfristen ({frist}) ligger før datoen for målene ({dato})",
                        frist=_dansk(delmaal.tidsfrist),
                        dato=_dansk(self.dato),
                    )
        if self.naeste_revision <= self.dato:
            raise field_error(
                "naeste_revision",
                "revision_not_after_date",
                "næste revision skal ligge efter datoen for målene ({dato})",
                dato=_dansk(self.dato),
            )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "barn_navn": "Sofie Kragh Hansen",
        "dato": "2026-06-24",
        "deltagere": [
            {"navn": "Sofie Kragh Hansen", "rolle": "barnet"},
            {"navn": "Mette Kragh Hansen", "rolle": "mor"},
            {"navn": "Hanne Kragh", "rolle": "netvaerk", "funktion": "mormor"},
            {
                "navn": "Jonas Winther",
                "rolle": "sagsbehandler",
                "funktion": "rådgiver, Familierådgivningen",
            },
            {
                "navn": "Thomas Lund",
                "rolle": "udfoerer",
                "funktion": "familiebehandler, Familiehuset",
            },
        ],
        "maal": [
            {
                "maal": "Sofie går i skole hver dag",
                "egne_ord": "Jeg vil ikke være bagud, når vi skal i 9. klasse.",
                "revideret": "2026-06-24",
                "delmaal": [
                    {
                        "delmaal": "Sofie møder i skole før kl. 8.15 fire dage om ugen",
                        "ansvarlig": "Sofie og Mette",
                        "tidsfrist": "2026-08-21",
                        "status": "i_gang",
                    },
                    {
                        "delmaal": "Fast aftale med klasselæreren om et kort tjek hver mandag",
                        "ansvarlig": "Jonas Winther",
                        "tidsfrist": "2026-08-14",
                        "status": "naaet",
                    },
                    {
                        "delmaal": "Sofie indhenter det, hun har misset i matematik",
                        "ansvarlig": "Sofie, med lektiehjælp fra mormor",
                        "tidsfrist": "2026-10-30",
                        "status": "ikke_paabegyndt",
                    },
                ],
            },
            {
                "maal": "Morgenerne derhjemme er rolige",
                "egne_ord": "Vi vil kunne spise morgenmad uden at skændes.",
                "delmaal": [
                    {
                        "delmaal": "Familien laver en fast morgenplan, der hænger på køleskabet",
                        "ansvarlig": "Mette og Thomas Lund",
                        "tidsfrist": "2026-07-01",
                        "status": "i_gang",
                    },
                ],
            },
        ],
        "naeste_revision": "2026-09-16",
    }


SPEC = FormSpec(
    name="maal_og_delmaal",
    title="Mål og delmål",
    model=MaalOgDelmaal,
    template="maal_og_delmaal.docx",
    example=example,
    code="D3",
    description="Goals written with the family, each broken into concrete sub-goals with who "
    "is responsible, a deadline and a status, and the date they are revised together next.",
)
