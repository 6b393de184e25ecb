"""B4 Udtalelse og handleplan: the Julemærkehjem's statement and plan after the child's stay.

Source: *Model for samarbejde mellem Kommuner og Julemærkehjemmene*, section "Afslutning på
barnets ophold". The home writes a statement, in which it passes on its experience with the
child and gives recommendations for the future, and a plan made together with the family. Both
focus on how the family can support the development the child has had at the home; besides diet
(kost) and exercise (motion) the statement and the plan put great weight on the child's
well-being (trivsel), so the plan has the three headings with trivsel first. The statement and
the plan are sent quickly after the stay to the municipality's tovholder, who forwards them to
the child's contact person; the family is encouraged to discuss the plan with the contact person.

Rules checked here:

* the stay ends after it starts (``ophold_slut``);
* the statement is not dated before the stay ends (``dato``);
* the plan has at least one goal for trivsel (``trivsel``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from ._base import FormModel, FormSpec, Kontakt, Part, field_error

__all__ = ["SPEC", "Handling", "JulemaerkehjemUdtalelse"]


class Handling(Part):
    """A goal of the plan, what is done to reach it and who does it."""

    maal: str = Field(title="Mål", min_length=1)
    handling: str | None = Field(default=None, title="Handling")
    hvem: str = Field(title="Hvem", min_length=1)


class JulemaerkehjemUdtalelse(FormModel):
    """Udtalelse og handleplan efter opholdet på Julemærkehjemmet."""

    form_name = "julemaerkehjem_udtalelse"

    julemaerkehjem: str = Field(title="Julemærkehjem", min_length=1)
    kontaktpaedagog: Kontakt | None = Field(default=None, title="Kontaktpædagog")
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    ophold_start: dt.date = Field(title="Opholdets start")
    ophold_slut: dt.date = Field(title="Opholdets afslutning")
    dato: dt.date = Field(title="Dato for udtalelsen")
    tovholder: Kontakt = Field(title="Tovholder i kommunen")
    erfaringer: str = Field(title="Julemærkehjemmets erfaringer med barnet", min_length=1)
    anbefalinger: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, title="Anbefalinger", description="Fremadrettede anbefalinger"
    )
    trivsel: list[Handling] = Field(title="Trivsel", min_length=1)
    kost: list[Handling] = Field(default_factory=list, title="Kost")
    motion: list[Handling] = Field(default_factory=list, title="Motion")

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.ophold_slut <= self.ophold_start:
            raise field_error(
                "ophold_slut",
                "stay_end_not_after_start",
                "opholdet skal slutte efter, det begynder",
            )
        if self.dato < self.ophold_slut:
            raise field_error(
                "dato",
                "statement_before_stay_end",
                "udtalelsen skrives efter opholdet; datoen ligger før opholdets afslutning",
            )
        return self


def example() -> dict[str, Any]:
    return {
        "julemaerkehjem": "Julemærkehjemmet Kildemose",
        "kontaktpaedagog": {
            "navn": "Anne Skov",
            "funktion": "kontaktpædagog",
            "telefon": "98 12 34 56",
            "email": "anne.skov@example.dk",
        },
        "barn_navn": "Oliver Kragh Hansen",
        "ophold_start": "2027-02-01",
        "ophold_slut": "2027-04-23",
        "dato": "2027-04-28",
        "tovholder": {
            "navn": "Birgitte Holm",
            "funktion": "tovholder, Sundhedsplejen, Furesø Kommune",
            "email": "biho@furesoe.dk",
        },
        "erfaringer": (
            "Oliver er faldet godt til og har fået to gode venner i gruppen.\n"
            "Han er blevet mere sikker på sig selv og siger nu til, når noget er svært."
        ),
        "anbefalinger": [
            "Oliver fortsætter med en fast fritidsaktivitet to gange om ugen",
            "Faste måltider med morgenmad hver dag",
        ],
        "trivsel": [
            {
                "maal": "Oliver har en ven at være sammen med efter skole",
                "handling": "Inviterer en kammerat hjem hver uge",
                "hvem": "Oliver og Mette",
            },
            {
                "maal": "Oliver sover mindst ni timer",
                "handling": "Skærmen slukkes kl. 20.30",
                "hvem": "Mette",
            },
        ],
        "kost": [
            {
                "maal": "Morgenmad hver dag",
                "handling": "Havregryn eller rugbrød før skole",
                "hvem": "Mette",
            }
        ],
        "motion": [
            {
                "maal": "Fritidsaktivitet to gange om ugen",
                "handling": "Håndbold i Farum Håndboldklub igen",
                "hvem": "Oliver, med hjælp fra Fritidsvejledningen",
            }
        ],
    }


SPEC = FormSpec(
    name="julemaerkehjem_udtalelse",
    title="Udtalelse og handleplan",
    model=JulemaerkehjemUdtalelse,
    template="julemaerkehjem_udtalelse.docx",
    example=example,
    code="B4",
    description="The Julemærkehjem's statement after the stay (experience with the child, "
    "recommendations) and the plan made with the family for trivsel, kost and motion.",
)
