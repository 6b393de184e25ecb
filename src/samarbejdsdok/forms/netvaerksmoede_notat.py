"""A14 Notat fra netværksmøde: the minutes of a network meeting about one family.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 14
("Notatskabelon til netværksmøder"), with the agenda of tool 12 ("Dagsorden til netværksmøde").
The family coordinator is the minute-taker. The note holds the family's names, the date and time
of the meeting, who took part (the family, the network) and who sent apologies, the agenda, the
family's story and best hope for the meeting, each network member's round (what works and what
is hard), the team-based dialogue, and the agreements made. The agreements "go into the family
plan" (A9): :meth:`samarbejdsdok.forms.familieplan.Familieplan.fra_netvaerksmoede` and
:meth:`~samarbejdsdok.forms.familieplan.Familieplan.med_aftaler_fra` carry them over.

Rules checked here:

* the meeting ends after it starts;
* no agreement has a deadline before the meeting (``aftaler.N.tidsfrist``);
* the next network meeting lies after this one.

The toolbox also says the next network meeting is held within three months (then about every
third month). That is a guideline, not a rule, so it is not checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from pydantic import Field, StringConstraints, model_validator

from ..formatting import dato as _dansk
from ._base import (
    Aftale,
    FormModel,
    FormSpec,
    HjemmelUdenSamtykke,
    Kontakt,
    Organisation,
    Part,
    check_deadlines_not_before,
    check_end_after_start,
    example_organisation,
    field_error,
)

__all__ = [
    "NetvaerksmoedeNotat",
    "Moededeltagere",
    "Netvaerksindlaeg",
    "STANDARD_DAGSORDEN",
    "SPEC",
]

#: The nine points of the toolbox's agenda for a network meeting (tool 12), in order.
STANDARD_DAGSORDEN: tuple[str, ...] = (
    "Velkomst ved familiekoordinator",
    "Mødeleder gennemgår planen og rammerne for mødet",
    "Familiens indlæg",
    "Fremlæggelse af netværkets overvejelser ift. familiens situation",
    "Pause",
    "Dialog",
    "Opsamling ved mødeleder",
    "Næste mødedato aftales",
    "Afrunding",
)

_Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Moededeltagere(Part):
    """Who took part, as the paper form's three columns: Familien, Netværket, Afbud."""

    familien: list[_Name] = Field(
        default_factory=list,
        title="Familien",
        description="Familiens deltagere (og en evt. bisidder), et navn pr. linje",
    )
    netvaerket: list[Kontakt] = Field(
        default_factory=list,
        title="Netværket",
        description="Netværkets deltagere med afdeling/funktion",
    )
    afbud: list[Kontakt] = Field(
        default_factory=list,
        title="Afbud",
        description="Inviterede, der har meldt afbud",
    )


class Netvaerksindlaeg(Part):
    """One network member's part of the round: "Navn og afdeling" and the two focus areas."""

    navn: str = Field(title="Navn", min_length=1)
    afdeling: str | None = Field(default=None, title="Afdeling")
    hvad_virker: str | None = Field(default=None, title="Hvad virker?")
    hvad_udfordrer: str | None = Field(default=None, title="Hvad udfordrer?")


def _standard_dagsorden() -> list[str]:
    return list(STANDARD_DAGSORDEN)


class NetvaerksmoedeNotat(FormModel):
    """Notat fra netværksmøde."""

    form_name = "netvaerksmoede_notat"
    fillable_fields = (
        "familiens_fortaelling",
        "netvaerkets_runde",
        "teambaseret_dialog",
        "aftaler",
        "naeste_netvaerksmoede",
    )

    organisation: Organisation = Field(title="Afsender")
    deling_uden_samtykke: HjemmelUdenSamtykke = None
    familiens_navne: list[_Name] = Field(
        title="Familiens navne",
        min_length=1,
        description="Navnene på familiens medlemmer, et navn pr. linje",
    )
    dato: dt.date = Field(title="Dato for mødet")
    starttid: dt.time = Field(title="Tidspunkt for mødet (start)")
    sluttid: dt.time = Field(title="Tidspunkt for mødet (slut)")
    moedeleder: str | None = Field(
        default=None,
        title="Mødeleder",
        description="Mødelederen, der faciliterer dialogen (navn og funktion)",
    )
    referent: str | None = Field(
        default=None,
        title="Referent",
        description="Normalt familiekoordinatoren (navn og funktion)",
    )
    deltagere: Moededeltagere = Field(default_factory=Moededeltagere, title="Mødedeltagere")
    dagsorden: list[_Name] = Field(
        default_factory=_standard_dagsorden,
        title="Dagsorden",
        description="Dagsordenens punkter i rækkefølge; som standard værktøjets ni punkter",
    )
    familiens_fortaelling: str | None = Field(
        default=None,
        title="Familiens fortælling og bedste håb for mødet",
        description="Fri tekst; linjeskift bevares",
    )
    netvaerkets_runde: list[Netvaerksindlaeg] = Field(
        default_factory=list,
        title="Netværkets præsentationsrunde",
        description="Fokusområder: hvad virker og hvad udfordrer? Én pr. netværksdeltager",
    )
    teambaseret_dialog: str | None = Field(
        default=None,
        title="Teambaseret dialog",
        description="Fri tekst; linjeskift bevares",
    )
    aftaler: list[Aftale] = Field(
        default_factory=list,
        title="Aftaler fra netværksmødet",
        description="Indsættes i familieplanen",
    )
    naeste_netvaerksmoede: dt.date | None = Field(
        default=None,
        title="Næste netværksmøde",
        description="Datoen for næste netværksmøde (normalt inden for tre måneder)",
    )

    @model_validator(mode="after")
    def _times_and_dates(self) -> Self:
        check_end_after_start(self.starttid, self.sluttid)
        check_deadlines_not_before(self.aftaler, self.dato, "netværksmødet")
        naeste = self.naeste_netvaerksmoede
        if naeste is not None and naeste <= self.dato:
            raise field_error(
                "naeste_netvaerksmoede",
                "next_meeting_not_after",
                "næste netværksmøde ({naeste}) skal ligge efter dette møde ({moede})",
                naeste=_dansk(naeste),
                moede=_dansk(self.dato),
            )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familiens_navne": [
            "Mette Kragh Hansen",
            "Sofie Kragh Hansen",
            "Oliver Kragh Hansen",
        ],
        "dato": "2026-06-17",
        "starttid": "09:00",
        "sluttid": "11:15",
        "moedeleder": "Susanne Brink, afdelingsleder, Familierådgivningen",
        "referent": "Lene Dahl, familiekoordinator, Familiens Fremtid",
        "deltagere": {
            "familien": [
                "Mette Kragh Hansen",
                "Sofie Kragh Hansen",
            ],
            "netvaerket": [
                {
                    "navn": "Hanne Kragh",
                    "funktion": "Mormor",
                    "telefon": "93 10 27 44",
                },
                {
                    "navn": "Lene Dahl",
                    "funktion": "familiekoordinator, Familiens Fremtid",
                    "telefon": "40 21 33 18",
                    "email": "leda@furesoe.dk",
                },
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
            "afbud": [
                {
                    "navn": "Kasper Nørgaard",
                    "funktion": "fritidsvejleder, Fritidsvejledningen",
                    "telefon": "61 27 45 03",
                },
            ],
        },
        "netvaerkets_runde": [
            {
                "navn": "Jonas Winther",
                "afdeling": "Familierådgivningen",
                "hvad_virker": "Familiebehandlingen i Familiehuset; Mette møder op til aftaler.",
                "hvad_udfordrer": "Sofies fravær og manglende kontakt til faren.",
            },
            {
                "navn": "Karina Bech",
                "afdeling": "Lyngholmskolen",
                "hvad_virker": "Sofie trives i de kreative fag og har en god veninde i klassen.",
                "hvad_udfordrer": "18 % fravær i foråret, mest om mandagen.",
            },
            {
                "navn": "Amir Haddad",
                "afdeling": "Jobcentret",
                "hvad_virker": "Mette er motiveret for praktik i en børnehave.",
                "hvad_udfordrer": "Praktikken skal passe med børnenes mødetider.",
            },
            {
                "navn": "Thomas Lund",
                "afdeling": "Familiehuset",
                "hvad_virker": "Faste aftenrutiner for Oliver; han sover bedre.",
                "hvad_udfordrer": "Konflikter mellem søskende om morgenen.",
            },
            {
                "navn": "Lene Dahl",
                "afdeling": "Familiens Fremtid",
                "hvad_virker": "Mette bruger sms til at sige til, når noget brænder på.",
                "hvad_udfordrer": "Mange møder på samme tid – de skal samles.",
            },
        ],
        "aftaler": [
            {
                "indhold": "Morgenplan for familien afprøves i to uger",
                "ansvarlige": [
                    "Mette Kragh Hansen",
                    "Thomas Lund",
                ],
                "tidsfrist": "2026-07-01",
            },
            {
                "indhold": "Samtale om Sofies fravær med Sofie, Mette og skolen",
                "ansvarlige": [
                    "Karina Bech",
                    "Sofie Kragh Hansen",
                    "Mette Kragh Hansen",
                ],
                "tidsfrist": "2026-08-21",
            },
            {
                "indhold": "Praktikplads i en børnehave med start efter sommerferien findes",
                "ansvarlige": [
                    "Amir Haddad",
                    "Mette Kragh Hansen",
                ],
                "tidsfrist": "2026-08-07",
            },
            {
                "indhold": "Fritidstilbud til Oliver findes sammen med Fritidsvejledningen",
                "ansvarlige": [
                    "Lene Dahl",
                    "Kasper Nørgaard",
                    "Oliver Kragh Hansen",
                ],
                "tidsfrist": "2026-08-28",
            },
        ],
        "naeste_netvaerksmoede": "2026-09-16",
        "familiens_fortaelling": (
            "Mette fortæller, at hverdagen er blevet lidt lettere, siden Oliver flyttede hjem og "
            "kom i gang i Familiehuset. Morgenerne er stadig svære, og Sofie har meget fravær.\n"
            "Bedste håb for mødet: at alle ved, hvem der gør hvad, så Mette ikke skal fortælle "
            "det samme til fem forskellige."
        ),
        "teambaseret_dialog": (
            "Netværket talte om, hvordan morgenerne kan blive lettere: vækkeur til Sofie, "
            "madpakker om aftenen og et fast morgenritual, som Familiehuset hjælper med.\n"
            "Mettes praktik planlægges, så hun kan følge Oliver i skole."
        ),
    }


SPEC = FormSpec(
    name="netvaerksmoede_notat",
    title="Notat fra netværksmøde",
    model=NetvaerksmoedeNotat,
    template="netvaerksmoede_notat.docx",
    example=example,
    code="A14",
    description="Minutes of a network meeting: participants, agenda, the family's story, each "
    "network member's round, the dialogue and the agreements that go into the family plan.",
)
