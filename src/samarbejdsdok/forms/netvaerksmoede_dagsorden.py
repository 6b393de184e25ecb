"""A12 Dagsorden til netværksmøde for familien: the agenda letter sent to the family (and the
network) about one week before a network meeting.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 12
("Dagsorden til netværksmøde for familien"). The letter names the family, says when and where
the meeting is held (weekday, date, start time, address) and why (a fixed sentence), lists the
participants in four groups (the family's adults, the family coordinators, the professional
network, the family's supporter/bisidder) with contact details, asks five fixed preparation
questions in two groups (the present situation; the way forward), and prints the agenda of nine
items with each item's expected time frame and, here, its clock times. The letter ends with
directions ("Find vej"): the address, optional driving and parking directions, and an optional
note about a map of the venue and parking.

The schedule (computed field ``punkter``; ``sluttid`` is the end of the meeting):

====  ====================================================  =======================  ========
Nr.   Item                                                  Time frame printed       Minutes
====  ====================================================  =======================  ========
1     Velkomst ved familiekoordinator                       5 minutter               5
2     Mødeleder gennemgår planen og rammerne for mødet      5 minutter               5
3     Familiens indlæg                                      5-10 minutter            10
4     Fremlæggelse af netværkets overvejelser ...           5 minutter pr. deltager  5 × n
5     Pause                                                 10 minutter              10
6     Dialog                                                50 minutter              50
7     Opsamling ved mødeleder                               10 minutter              10
8     Næste mødedato aftales                                5 minutter               5
9     Afrunding                                             Mødet slutter kl. HH.MM  5
====  ====================================================  =======================  ========

``n`` is the number of people in the "det professionelle netværk" group (the coordinators, the
family and the bisidder do not present in item 4), or ``fremlaeggelser`` when a copy does not
list everyone who presents. Item 3 is planned with the upper bound of its "5-10 minutter". The
source gives item 9 no time frame but prints "Mødet slutter kl. 11:00"; the toolbox's meetings
last two hours, which with four professionals is exactly 115 minutes for items 1-8 plus 5
minutes for the closing, so item 9 is planned with 5 minutes.

The meeting has one end time: the booked end (``slut_senest``, else two hours after the start).
When the items take less, the dialogue (item 6) gets the time that is left, so the agenda ends
when the invitation says; when they take more, the agenda ends later and the document carries a
warning (and the case file reports it).

Rules checked here:

* at least one of the family's adults (``deltagere.familiens_voksne``) and at least one family
  coordinator (``deltagere.familiekoordinatorer``) take part;
* the meeting ends on the day it starts (not after midnight; reported on ``starttid``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, computed_field, field_validator, model_validator

from .._wording import count
from ..fields import Klokkeslaet
from ..formatting import kl
from ._base import (
    FormModel,
    FormSpec,
    HjemmelUdenSamtykke,
    Kontakt,
    Organisation,
    Part,
    check_end_after_start,
    example_organisation,
    field_error,
)

__all__ = [
    "NetvaerksmoedeDagsorden",
    "Deltagergrupper",
    "Dagsordenspunkt",
    "PUNKTER",
    "FORBEREDELSE",
    "MINUTTER_PR_DELTAGER",
    "SPEC",
]


#: Minutes per professional participant for item 4.
MINUTTER_PR_DELTAGER = 5
#: How long a network meeting is booked for when nothing else is said (as the work process
#: plans it: two hours).
MOEDE_MINUTTER = 120
#: The dialogue's number among the items: it takes the booked time the other items leave.
DIALOG = 6

#: The nine agenda items: (subject, printed time frame, planned minutes). Item 4's minutes are
#: per professional participant (None here); item 9's time frame is the end time (None here).
PUNKTER: tuple[tuple[str, str | None, int | None], ...] = (
    ("Velkomst ved familiekoordinator", "5 minutter", 5),
    ("Mødeleder gennemgår planen og rammerne for mødet", "5 minutter", 5),
    ("Familiens indlæg", "5–10 minutter", 10),
    ("Fremlæggelse af netværkets overvejelser ift. familiens situation", None, None),
    ("Pause", "10 minutter", 10),
    ("Dialog", "50 minutter", 50),
    ("Opsamling ved mødeleder", "10 minutter", 10),
    ("Næste mødedato aftales", "5 minutter", 5),
    ("Afrunding", None, 5),
)

#: The five preparation questions, in the source's two groups (heading, questions).
FORBEREDELSE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "I forhold til den nuværende situation:",
        ("Situationen p.t.", "Hvad arbejdes der med p.t.?"),
    ),
    (
        "I forhold til det fremadrettede perspektiv:",
        (
            "Hvad tænker du, at der skal/kan arbejdes videre med?",
            "Hvad tænker du, at der er brug for, for at kunne nå de mål, I arbejder hen imod?",
            "Hvilke tanker gør du dig i forhold til det fremtidige samarbejde – er der ting, "
            "som skal justeres?",
        ),
    ),
)


class Deltagergrupper(Part):
    """The participants, as the paper form's four rows."""

    familiens_voksne: list[Kontakt] = Field(default_factory=list, title="Familiens voksne")
    familiekoordinatorer: list[Kontakt] = Field(default_factory=list, title="Familiekoordinatorer")
    professionelle: list[Kontakt] = Field(
        default_factory=list,
        title="Det professionelle netværk",
        description="Hver deltager har 5 minutter til sin fremlæggelse (punkt 4)",
    )
    bisiddere: list[Kontakt] = Field(default_factory=list, title="Bisidder for familien")
    familiens_boern: list[Kontakt] = Field(
        default_factory=list,
        title="Børn og unge i familien",
        description="De af familiens børn og unge, der deltager i mødet",
    )


class Dagsordenspunkt(Part):
    """One agenda item with its clock times on the day (derived, not input)."""

    nr: int
    emne: str
    tidsramme: str
    minutter: int
    start: dt.time
    slut: dt.time


def _fold_family_name(value: str) -> str:
    # "Familien Kragh Hansen" -> "Kragh Hansen": the letter prints "familien <navn>".
    words = value.split()
    if len(words) > 1 and words[0].casefold() == "familien":
        return " ".join(words[1:])
    return value


class NetvaerksmoedeDagsorden(FormModel):
    """Dagsorden til netværksmøde for familien."""

    form_name = "netvaerksmoede_dagsorden"

    organisation: Organisation = Field(title="Afsender")
    deling_uden_samtykke: HjemmelUdenSamtykke = None
    familie_navn: str = Field(
        title="Familiens navn",
        min_length=1,
        description="Navnet, som det står efter »familien« (et indledende »Familien« fjernes)",
        examples=["Kragh Hansen"],
    )
    foerste_moede: bool = Field(
        default=True,
        title="Første netværksmøde",
        description="Om det er familiens første netværksmøde (ændrer brevets første linje)",
    )
    dato: dt.date = Field(title="Dato")
    starttid: Klokkeslaet = Field(
        title="Tidspunkt", description="Mødets start; punkternes klokkeslæt regnes ud fra det"
    )
    slut_senest: Klokkeslaet | None = Field(
        default=None,
        title="Mødet skal slutte senest",
        description="Når lokalet eller deltagerne skal gå; uden det regnes med to timer fra "
        "starten. Slutter dagsordenen senere, advares der, når dokumentet laves",
    )
    adresse: str = Field(title="Adresse", min_length=1)
    deltagere: Deltagergrupper = Field(default_factory=Deltagergrupper, title="Deltagere")
    fremlaeggelser: int | None = Field(
        default=None,
        ge=0,
        le=100,
        title="Antal fremlæggelser (punkt 4)",
        description="Tom: én pr. deltager i det professionelle netværk; angiv det, når dette "
        "eksemplar ikke viser alle, der fremlægger",
    )
    koerselsvejledning: str | None = Field(default=None, title="Kørselsvejledning")
    parkering: str | None = Field(default=None, title="Parkeringsvejledning")
    kort: str | None = Field(
        default=None,
        title="Kort med placering af mødested og/eller P-mulighed",
        description="En note om kortet, fx at det er vedlagt, eller et link",
    )

    @field_validator("familie_navn")
    @classmethod
    def _family_name(cls, value: str) -> str:
        return _fold_family_name(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.deltagere.familiens_voksne:
            raise field_error(
                "deltagere.familiens_voksne",
                "no_family_adult",
                "mindst én af familiens voksne skal deltage i netværksmødet",
            )
        if not self.deltagere.familiekoordinatorer:
            raise field_error(
                "deltagere.familiekoordinatorer",
                "no_coordinator",
                "mindst én familiekoordinator skal deltage i netværksmødet",
            )
        if self.slut_senest is not None:
            check_end_after_start(self.starttid, self.slut_senest, "slut_senest")
        start = dt.datetime.combine(self.dato, self.starttid)
        end = start + dt.timedelta(minutes=self.varighed)
        if end.date() != self.dato:
            raise field_error(
                "starttid",
                "meeting_past_midnight",
                "mødet varer {minutter} minutter og skal slutte samme dag; "
                "vælg et tidligere tidspunkt",
                minutter=self.varighed,
            )
        return self

    def _booked(self) -> int:
        """The minutes booked: until ``slut_senest``, else two hours."""
        if self.slut_senest is None:
            return MOEDE_MINUTTER
        start = dt.datetime.combine(self.dato, self.starttid)
        return int((dt.datetime.combine(self.dato, self.slut_senest) - start).total_seconds() // 60)

    def _presentations(self) -> int:
        if self.fremlaeggelser is not None:
            return self.fremlaeggelser
        return len(self.deltagere.professionelle)

    def advarsler(self) -> list[str]:
        """The agenda runs past the time booked (``slut_senest``, else two hours)."""
        start = dt.datetime.combine(self.dato, self.starttid)
        latest = start + dt.timedelta(minutes=self._booked())
        end = start + dt.timedelta(minutes=self.varighed)
        if end <= latest:
            return []
        n = self._presentations()
        people = count(n, "professionel deltager", "professionelle deltagere")
        return [
            f"dagsordenen slutter {kl(end)}, men mødet skal slutte senest {kl(latest)}: "
            f"med {people} tager punkt 4 alene {MINUTTER_PR_DELTAGER * n} minutter; "
            "afkort fremlæggelserne, del mødet op eller book mere tid"
        ]

    def _minutes(self) -> list[int]:
        """Each item's minutes; the dialogue (item 6) takes what is left of the booked time."""
        n = self._presentations()
        minutes = [m if m is not None else MINUTTER_PR_DELTAGER * n for _, _, m in PUNKTER]
        spare = self._booked() - sum(minutes)
        if spare > 0:
            minutes[DIALOG - 1] += spare
        return minutes

    @computed_field
    @property
    def varighed(self) -> int:
        """The meeting's planned length in minutes."""
        return sum(self._minutes())

    @computed_field
    @property
    def over_tiden(self) -> bool:
        """Whether the items take longer than the time booked (the document says so)."""
        return self.varighed > self._booked()

    @computed_field
    @property
    def sluttid(self) -> dt.time:
        """When the meeting is planned to end ("Mødet slutter kl. ...")."""
        start = dt.datetime.combine(self.dato, self.starttid)
        return (start + dt.timedelta(minutes=self.varighed)).time()

    @computed_field
    @property
    def punkter(self) -> list[Dagsordenspunkt]:
        """The nine agenda items with their time frames and clock times on the day."""
        n = self._presentations()
        clock = dt.datetime.combine(self.dato, self.starttid)
        result = []
        for nr, ((emne, ramme, _), minutes) in enumerate(
            zip(PUNKTER, self._minutes(), strict=False), 1
        ):
            if nr == 4:
                ramme = f"{MINUTTER_PR_DELTAGER} minutter pr. deltager"
                if n:
                    people = "deltager" if n == 1 else "deltagere"
                    ramme += f" ({n} {people}, i alt {minutes} minutter)"
            elif ramme is None:
                ramme = f"Mødet slutter kl. {self.sluttid.strftime('%H.%M')}"
            elif nr == DIALOG and minutes != PUNKTER[DIALOG - 1][2]:
                ramme = f"{minutes} minutter"
            end = clock + dt.timedelta(minutes=minutes)
            result.append(
                Dagsordenspunkt(
                    nr=nr,
                    emne=emne,
                    tidsramme=ramme,
                    minutter=minutes,
                    start=clock.time(),
                    slut=end.time(),
                )
            )
            clock = end
        return result


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Kragh Hansen",
        "dato": "2026-06-17",
        "starttid": "09:00",
        "slut_senest": "11:15",
        "foerste_moede": True,
        "adresse": "Mødelokale 2, Familiens Fremtid, Palholmterrasserne 1, 3520 Farum",
        "deltagere": {
            "familiens_voksne": [
                {
                    "navn": "Mette Kragh Hansen",
                    "funktion": "Mor",
                    "telefon": "28 44 19 07",
                },
            ],
            "familiens_boern": [{"navn": "Sofie Kragh Hansen", "funktion": "Datter"}],
            "familiekoordinatorer": [
                {
                    "navn": "Lene Dahl",
                    "funktion": "familiekoordinator, Familiens Fremtid",
                    "telefon": "40 21 33 18",
                    "email": "leda@furesoe.dk",
                },
            ],
            "professionelle": [
                {
                    "navn": "Susanne Brink",
                    "funktion": "afdelingsleder, Familierådgivningen",
                    "telefon": "72 16 50 10",
                },
                {
                    "navn": "Jonas Winther",
                    "funktion": "rådgiver, Familierådgivningen",
                    "telefon": "72 16 50 00",
                    "email": "jowi@furesoe.dk",
                },
                {
                    "navn": "Amir Haddad",
                    "funktion": "jobkonsulent, Jobcentret",
                    "telefon": "72 35 60 00",
                    "email": "amha@furesoe.dk",
                },
                {
                    "navn": "Karina Bech",
                    "funktion": "klasselærer for Sofie (9.A), Lyngholmskolen",
                    "email": "kabe@furesoe.dk",
                },
                {
                    "navn": "Thomas Lund",
                    "funktion": "familiebehandler, Familiehuset",
                    "telefon": "51 84 22 90",
                    "email": "thlu@furesoe.dk",
                },
            ],
            "bisiddere": [
                {
                    "navn": "Hanne Kragh",
                    "funktion": "Mormor",
                    "telefon": "93 10 27 44",
                },
            ],
        },
        "koerselsvejledning": (
            "Bus 500S til Farum st. og derefter 5 minutters gang. Indgangen er ved hovedtrappen."
        ),
        "parkering": "Gratis parkering på pladsen foran bygningen.",
        "kort": "Kort over mødested og parkering er vedlagt.",
    }


SPEC = FormSpec(
    name="netvaerksmoede_dagsorden",
    title="Dagsorden til netværksmøde for familien",
    model=NetvaerksmoedeDagsorden,
    template="netvaerksmoede_dagsorden.docx",
    example=example,
    code="A12",
    description="The agenda letter for a network meeting: when and where, the participants in "
    "four groups, five preparation questions and the nine agenda items with clock times.",
)
