"""A10 Dialogguide og notatskema til forberedelsesmøde med familien.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), "Dialogguide til
Familiekoordinatoren til forberedelsesmøde med familien" and the matching "Notatskema". Before
the network meeting the family coordinator and the family meet (Møde 2). The purpose is to draw
up the network meeting's agenda and the family's statement (udtalelse) to the network meeting.
The guide has five boxes (:data:`AFSNIT`); afterwards the content is written up as a journal
note, or the note form is scanned and attached to the case.

The note form records: notes on going through the agenda; changes and additions to the network
meeting's agenda (a list); the family's role at the network meeting (``familiens_rolle``: the
family speaks for itself, ``aktiv``, or the coordinator speaks on its behalf, ``koordinator``);
the family's statement; whether the family wants a bisidder (support person) and who; the
practicalities (where, when, the plan for looking after the children if a child is ill) and the
network meeting's date, time and place.

Rules checked here:

* a bisidder is named exactly when the family wants one (``bisidder_navn``);
* the network meeting lies after the preparatory meeting (``netvaerksmoede.dato``) and ends after
  it starts (``netvaerksmoede.sluttidspunkt``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from ..fields import Klokkeslaet
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Organisation,
    Part,
    example_organisation,
    field_error,
)

__all__ = [
    "AFSNIT",
    "SPEC",
    "FamiliensRolle",
    "Forberedelsesmoede",
    "GuideAfsnit",
    "Netvaerksmoede",
]


class GuideAfsnit(Part):
    """One box of the dialogue guide (source text)."""

    titel: str
    punkter: tuple[str, ...]


#: The five boxes of the guide, in order.
AFSNIT: tuple[GuideAfsnit, ...] = (
    GuideAfsnit(
        titel="Dagsorden for forberedelsesmødet gennemgås",
        punkter=(
            "Formålet med mødet præsenteres: Formålet er at få udarbejdet dagsorden til "
            "netværksmødet og lave familiens udtalelse til netværksmødet.",
        ),
    ),
    GuideAfsnit(
        titel="Gennemgå og tilpas netværksmødets dagsorden med familien",
        punkter=(
            "Hvad tænker familien om denne dagsorden? Har de nogle ændringer eller tilføjelser?",
            "Fortæl om familiekoordinatorens rolle på mødet og mødelederens rolle.",
        ),
    ),
    GuideAfsnit(
        titel="Familiens deltagelse på netværksmødet",
        punkter=(
            "Afstem forventninger med familien om familiens rolle på netværksmødet: Ønsker de at "
            "være aktive og selv udtale sig, eller ønsker de, at familiekoordinatoren udtaler sig "
            "på familiens vegne?",
            "Dialog med familien om, hvad familien fik ud af netværksmødet.",
        ),
    ),
    GuideAfsnit(
        titel="Ønsker familien en bisidder",
        punkter=(
            "Ønsker familien at have en bisidder med til netværksmødet? I så fald hvem og "
            "forventningsafstemning om bisidderens rolle.",
        ),
    ),
    GuideAfsnit(
        titel="Gennemgå praksis omkring netværksmødet med familien",
        punkter=("Hvor, hvornår, tidsramme, plan for pasning af børn i tilfælde af sygdom.",),
    ),
)


class FamiliensRolle(StrEnum):
    """The family's role at the network meeting."""

    AKTIV = "aktiv"
    """The family is active and speaks for itself."""
    KOORDINATOR = "koordinator"
    """The family coordinator speaks on the family's behalf."""


class Netvaerksmoede(Part):
    """When and where the network meeting is held."""

    dato: dt.date = Field(title="Dato")
    tidspunkt: Klokkeslaet | None = Field(default=None, title="Tidspunkt")
    sluttidspunkt: Klokkeslaet | None = Field(default=None, title="Sluttidspunkt")
    sted: str | None = Field(default=None, title="Sted")


class Forberedelsesmoede(FormModel):
    """Dialogguide og notatskema til forberedelsesmøde med familien."""

    form_name = "forberedelsesmoede"
    fillable_fields = (
        "noter_dagsorden",
        "dagsorden_aendringer",
        "familiens_rolle",
        "noter_deltagelse",
        "udtalelse",
        "bisidder",
        "bisidder_navn",
        "bisidder_rolle",
        "pasning",
        "noter_praksis",
    )

    organisation: Organisation = Field(title="Afsender")
    familie_navn: str = Field(title="Familiens navn", min_length=1)
    dato: dt.date = Field(title="Dato for forberedelsesmødet")
    tidspunkt: Klokkeslaet | None = Field(default=None, title="Tidspunkt")
    sted: str | None = Field(default=None, title="Sted")
    familiekoordinator: Kontakt = Field(title="Familiekoordinator")
    noter_dagsorden: str | None = Field(
        default=None, title="Dagsorden for forberedelsesmødet gennemgås"
    )
    dagsorden_aendringer: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list,
        title="Ændringer og tilføjelser til netværksmødets dagsorden",
        description="En pr. linje; tom, hvis familien ikke har ændringer",
    )
    familiens_rolle: FamiliensRolle | None = Field(
        default=None,
        title="Familiens rolle på netværksmødet",
        description="aktiv: familien udtaler sig selv; koordinator: familiekoordinatoren udtaler "
        "sig på familiens vegne; tom, hvis det ikke er afklaret",
    )
    noter_deltagelse: str | None = Field(
        default=None,
        title="Familiens deltagelse på netværksmødet",
        description="Bl.a. dialog om, hvad familien fik ud af netværksmødet",
    )
    udtalelse: str | None = Field(default=None, title="Familiens udtalelse til netværksmødet")
    bisidder: bool = Field(default=False, title="Ønsker familien en bisidder")
    bisidder_navn: str | None = Field(
        default=None, title="Bisidder", description="Hvem; skal udfyldes, når familien ønsker en"
    )
    bisidder_rolle: str | None = Field(default=None, title="Bisidderens rolle")
    netvaerksmoede: Netvaerksmoede | None = Field(default=None, title="Netværksmødet")
    pasning: str | None = Field(default=None, title="Plan for pasning af børn i tilfælde af sygdom")
    noter_praksis: str | None = Field(
        default=None, title="Gennemgå praksis omkring netværksmødet med familien"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.bisidder and not self.bisidder_navn:
            raise field_error(
                "bisidder_navn",
                "support_person_missing",
                "angiv hvem bisidderen er, når familien ønsker en bisidder",
            )
        if not self.bisidder and (self.bisidder_navn or self.bisidder_rolle):
            felt = "bisidder_navn" if self.bisidder_navn else "bisidder_rolle"
            raise field_error(
                felt,
                "support_person_not_wanted",
                "der er angivet en bisidder, men familien ønsker ikke en bisidder; sæt bisidder "
                "til ja, eller fjern bisidderen",
            )
        n = self.netvaerksmoede
        if n is not None:
            if n.dato < self.dato:
                raise field_error(
                    "netvaerksmoede.dato",
                    "network_meeting_before_preparation",
                    "netværksmødet ligger før forberedelsesmødet",
                )
            if n.sluttidspunkt is not None:
                if n.tidspunkt is None:
                    raise field_error(
                        "netvaerksmoede.tidspunkt",
                        "start_missing",
                        "angiv, hvornår netværksmødet begynder, når sluttidspunktet er angivet",
                    )
                if n.sluttidspunkt <= n.tidspunkt:
                    raise field_error(
                        "netvaerksmoede.sluttidspunkt",
                        "end_before_start",
                        "netværksmødet skal slutte, efter det begynder",
                    )
            if (
                n.dato == self.dato
                and n.tidspunkt is not None
                and self.tidspunkt is not None
                and n.tidspunkt <= self.tidspunkt
            ):
                raise field_error(
                    "netvaerksmoede.tidspunkt",
                    "network_meeting_before_preparation",
                    "netværksmødet samme dag skal begynde efter forberedelsesmødet",
                )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Familien Kragh Hansen",
        "dato": "2026-06-10",
        "tidspunkt": "14:00",
        "sted": "Familiens Fremtid, mødelokale 2, Palholmterrasserne 1, 3520 Farum",
        "familiekoordinator": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "netvaerksmoede": {
            "dato": "2026-06-17",
            "tidspunkt": "09:00",
            "sted": "Palholmterrasserne 1, 3520 Farum",
            "sluttidspunkt": "11:15",
        },
        "noter_dagsorden": "Formålet blev præsenteret; Mette havde læst dagsordenen hjemmefra.",
        "dagsorden_aendringer": [
            "Sofies fravær i skolen drøftes før pausen",
            "Olivers fritidsaktivitet tilføjes som punkt",
        ],
        "familiens_rolle": "aktiv",
        "noter_deltagelse": (
            "Mette vil selv fortælle; Sofie fortæller om skolen. Familien ønsker at gå fra mødet "
            "med én plan og en fast kontaktperson."
        ),
        "udtalelse": (
            "Vi har mange møder med kommunen og mister overblikket.\n"
            "Vi håber, at netværksmødet giver os én plan, som vi alle kan se os selv i."
        ),
        "bisidder": True,
        "bisidder_navn": "Hanne Kragh, mormor",
        "bisidder_rolle": "Støtter Mette og tager noter til familien.",
        "pasning": "Mormor passer Oliver, hvis han er syg.",
        "noter_praksis": "Familien kommer med bus; mødelokalet er booket kl. 08.45–11.30.",
    }


SPEC = FormSpec(
    name="forberedelsesmoede",
    title="Dialogguide og notatskema til forberedelsesmøde med familien",
    model=Forberedelsesmoede,
    template="forberedelsesmoede.docx",
    example=example,
    code="A10",
    description="Dialogue guide and note form for the preparatory meeting with the family: "
    "agenda changes, the family's role and statement, bisidder, practicalities and the network "
    "meeting's time and place.",
)
