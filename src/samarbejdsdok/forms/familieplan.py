"""A9 Helhedsorienteret familieplan: one overview of the family's agreements, network, measures,
goals and plans.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 9
("Familieplan") and tool 3 (its "Drejebog"). The plan sums up how the plans the municipality has
made (handleplaner, jobplaner, uddannelsesplaner …) and the family's own plans are carried out:
who is responsible for which goal, who does what, when and with what help. It *does not replace*
the statutory plans; it is a reading aid beside them that makes the whole easier to grasp for the
family. The family coordinator owns it. After each network meeting it is updated within a week
with the meeting's agreements and sent to everybody at the meeting.

Rules checked here:

* the plan's period does not end before it starts (``gyldig_til``);
* the plan is not updated before the network meeting whose agreements it holds (``opdateret``);
* that meeting does not lie after the plan's period (``netvaerksmoede_dato``);
* an agreement's deadline is neither before that meeting nor after the end of the plan's period
  (``aftaler.N.tidsfrist``). A deadline after the period is an error on purpose: the plan tells
  the family who does what *while it applies*, so an agreement running beyond it means the period
  must be extended (``plan.med_aftaler_fra(notat, gyldig_til=...)``), not silently overrun;
* a measure does not end before it starts (``aktuelle_indsatser.N.slut``).

The bridge from the network-meeting note (A14):

>>> from samarbejdsdok.forms.netvaerksmoede_notat import SPEC as NOTAT
>>> notat = NOTAT.example_model()
>>> plan = Familieplan.fra_netvaerksmoede(notat, familie="Familien Kragh Hansen",
...                                       gyldig_til="2027-05-31")
>>> plan.netvaerksmoede_dato == notat.dato, plan.aftaler == notat.aftaler
(True, True)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Self, TypeVar

from pydantic import Field, model_validator

from ..errors import ArgumentError, DataError, Problem
from ..fields import CPR, Email, Telefon, Timer
from ..formatting import dato as _dansk
from ._base import (
    Aftale,
    FormModel,
    FormSpec,
    HjemmelUdenSamtykke,
    Kontakt,
    Organisation,
    Part,
    example_organisation,
    field_error,
)

if TYPE_CHECKING:
    from .netvaerksmoede_notat import NetvaerksmoedeNotat

__all__ = [
    "Familieplan",
    "KommunaltNetvaerk",
    "PersonligKontakt",
    "AktuelIndsats",
    "Familiestatus",
    "EgetMaal",
    "Handleplanpunkt",
    "PersonligHandleplan",
    "SPEC",
]


class KommunaltNetvaerk(Part):
    """The municipal network, in the five groups of the paper form."""

    sagsbehandlere: list[Kontakt] = Field(default_factory=list, title="Sagsbehandlere")
    familiehuset: list[Kontakt] = Field(default_factory=list, title="Familiehuset")
    skolen: list[Kontakt] = Field(default_factory=list, title="Skolen")
    familiekoordinator: list[Kontakt] = Field(default_factory=list, title="Familiekoordinator")
    fritidsvejledningen: list[Kontakt] = Field(default_factory=list, title="Fritidsvejledningen")


class PersonligKontakt(Part):
    """A person in the family's own network."""

    navn: str = Field(title="Navn", min_length=1)
    relation: str | None = Field(default=None, title="Relation")
    telefon: Telefon | None = Field(default=None, title="Telefon")
    email: Email | None = Field(default=None, title="E-mail")


class AktuelIndsats(Part):
    """One row of "Overblik over aktuelle indsatser"."""

    navn: str = Field(title="Navn", min_length=1)
    cpr: CPR | None = Field(default=None, title="Cpr. nr.")
    plan: str = Field(title="Plan", min_length=1, description="Fx barnets plan, jobplan")
    tilbud: str | None = Field(
        default=None, title="Tilbud", description="Hvad tilbuddet er, fx fast kontaktperson"
    )
    tilbud_timer_uge: Timer | None = Field(default=None, title="Tilbud timer/uge")
    opfoelgning: str | None = Field(default=None, title="Opfølgning")
    start: dt.date | None = Field(default=None, title="Start")
    slut: dt.date | None = Field(default=None, title="Slut")

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.start is not None and self.slut is not None and self.slut < self.start:
            raise field_error(
                "slut",
                "measure_period_reversed",
                "indsatsen slutter ({slut}) før den starter ({start})",
                slut=_dansk(self.slut),
                start=_dansk(self.start),
            )
        return self


class Familiestatus(Part):
    """One row of "Aktuel familiestatus"."""

    navn: str = Field(title="Navn", min_length=1)
    aktuel_situation: str = Field(title="Aktuel situation", min_length=1)


class EgetMaal(Part):
    """One of the family's own goals."""

    maal: str = Field(title="Mål", min_length=1)
    hvornaar: str | None = Field(default=None, title="Hvornår", examples=["Inden sommerferien"])
    hvem: str | None = Field(default=None, title="Hvem")


class Handleplanpunkt(Part):
    """One row of a person's plan."""

    indsats: str = Field(title="Indsats", min_length=1)
    formaal: str | None = Field(default=None, title="Formål")
    maal: str | None = Field(default=None, title="Mål")
    ansvarlig: str | None = Field(default=None, title="Ansvarlig / støtte fra")
    hvem_goer_hvad: str | None = Field(default=None, title="Hvem gør hvad?")


class PersonligHandleplan(Part):
    """One "Personens navn" block of "Familiens planer/handleplaner i kommunen"."""

    navn: str = Field(title="Personens navn", min_length=1)
    indsatser: list[Handleplanpunkt] = Field(default_factory=list, title="Indsatser")


class Familieplan(FormModel):
    """Helhedsorienteret familieplan."""

    form_name = "familieplan"

    organisation: Organisation = Field(title="Afsender")
    deling_uden_samtykke: HjemmelUdenSamtykke = None
    familie: str = Field(title="Familie", min_length=1, examples=["Familien Kragh Hansen"])
    gyldig_fra: dt.date = Field(title="Gældende i perioden (fra)")
    gyldig_til: dt.date = Field(title="Gældende i perioden (til)")
    opdateret: dt.date = Field(title="Opdateret den")
    netvaerksmoede_dato: dt.date | None = Field(
        default=None,
        title="Aftaler fra netværksmødet den",
        description="Datoen for netværksmødet, som aftalerne kommer fra",
    )
    aftaler: list[Aftale] = Field(default_factory=list, title="Aftaler fra netværksmøde")
    kommunalt_netvaerk: KommunaltNetvaerk = Field(
        default_factory=KommunaltNetvaerk, title="Kommunalt netværk"
    )
    eksternt_netvaerk: list[Kontakt] = Field(default_factory=list, title="Eksternt netværk")
    personligt_netvaerk: list[PersonligKontakt] = Field(
        default_factory=list, title="Personligt netværk"
    )
    aktuelle_indsatser: list[AktuelIndsats] = Field(
        default_factory=list,
        title="Overblik over aktuelle indsatser",
        description="Familiens planer og indsatser (overblik)",
    )
    familiestatus: list[Familiestatus] = Field(default_factory=list, title="Aktuel familiestatus")
    egne_maal: list[EgetMaal] = Field(default_factory=list, title="Familiens egne mål")
    handleplaner: list[PersonligHandleplan] = Field(
        default_factory=list,
        title="Familiens planer/handleplaner i kommunen",
        description="Én blok pr. person",
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.gyldig_til < self.gyldig_fra:
            raise field_error(
                "gyldig_til",
                "plan_period_reversed",
                "planens periode slutter ({til}) før den begynder ({fra})",
                til=_dansk(self.gyldig_til),
                fra=_dansk(self.gyldig_fra),
            )
        moede = self.netvaerksmoede_dato
        if moede is not None:
            if self.opdateret < moede:
                raise field_error(
                    "opdateret",
                    "plan_updated_before_meeting",
                    "planen er opdateret ({opdateret}) før netværksmødet ({moede}), "
                    "som aftalerne kommer fra",
                    opdateret=_dansk(self.opdateret),
                    moede=_dansk(moede),
                )
            if moede > self.gyldig_til:
                raise field_error(
                    "netvaerksmoede_dato",
                    "meeting_after_plan_period",
                    "netværksmødet ({moede}) ligger efter planens periode (til {til})",
                    moede=_dansk(moede),
                    til=_dansk(self.gyldig_til),
                )
        for i, aftale in enumerate(self.aftaler):
            frist = aftale.tidsfrist
            if frist is None:
                continue
            if moede is not None and frist < moede:
                raise field_error(
                    f"aftaler.{i}.tidsfrist",
                    "deadline_before_meeting",
                    "tidsfristen ({frist}) ligger før netværksmødet ({moede})",
                    frist=_dansk(frist),
                    moede=_dansk(moede),
                )
            if frist > self.gyldig_til:
                raise field_error(
                    f"aftaler.{i}.tidsfrist",
                    "deadline_after_plan_period",
                    "tidsfristen ({frist}) ligger efter planens periode (til {til}); "
                    "forlæng perioden eller ret fristen",
                    frist=_dansk(frist),
                    til=_dansk(self.gyldig_til),
                )
        return self

    # --- the bridge from the network-meeting note (A14) -------------------------------------

    @classmethod
    def fra_netvaerksmoede(cls, notat: NetvaerksmoedeNotat, **fields: Any) -> Self:
        """A plan whose agreements come from a network-meeting note.

        ``aftaler`` and ``netvaerksmoede_dato`` are the note's (its agreements and its date);
        passing either in ``fields`` is an :class:`~samarbejdsdok.errors.ArgumentError` (a
        ``TypeError``). Every other field comes from
        ``fields``; when not given, ``organisation`` is the note's, ``familie`` the note's
        family names (``"A, B og C"``), and ``gyldig_fra`` and ``opdateret`` the meeting date.
        ``gyldig_til`` has no default.

        Raises:
            DataError: the result breaks the plan's rules, e.g. an agreement's deadline lies
                after the plan's period (the problem names ``aftaler.N.tidsfrist``).
        """
        from ..formatting import liste

        _no_note_fields(fields)
        data: dict[str, Any] = {
            "organisation": notat.organisation.model_dump(),
            "familie": liste(notat.familiens_navne),
            "gyldig_fra": notat.dato,
            "opdateret": notat.dato,
        }
        data.update(fields)
        data["netvaerksmoede_dato"] = notat.dato
        data["aftaler"] = [a.model_dump() for a in notat.aftaler]
        return _validated(cls, data)

    def med_aftaler_fra(self, notat: NetvaerksmoedeNotat, **changes: Any) -> Self:
        """An updated copy of the plan with a (newer) network meeting's agreements.

        The copy's ``aftaler`` are replaced by the note's, ``netvaerksmoede_dato`` becomes the
        note's date, and ``opdateret`` becomes the note's date unless the plan was already
        updated later. ``changes`` sets other fields at the same time (e.g. a new
        ``gyldig_til``). The plan itself is not changed.

        Raises:
            DataError: the updated plan breaks the plan's rules (e.g. an agreement's deadline
                after the plan's period, at ``aftaler.N.tidsfrist``), or the note is older than
                the meeting the plan already holds (at ``netvaerksmoede_dato``).
        """
        _no_note_fields(changes)
        if self.netvaerksmoede_dato is not None and notat.dato < self.netvaerksmoede_dato:
            raise DataError(
                [
                    Problem(
                        "netvaerksmoede_dato",
                        "Aftaler fra netværksmødet den",
                        f"notatet er fra {notat.dato.isoformat()}, men planen har allerede "
                        "aftaler fra et senere netværksmøde "
                        f"({self.netvaerksmoede_dato.isoformat()})",
                        "note_older_than_plan",
                    )
                ],
                form=self.form_name,
            )
        data = self.model_dump()
        data.update(changes)
        data["aftaler"] = [a.model_dump() for a in notat.aftaler]
        data["netvaerksmoede_dato"] = notat.dato
        if "opdateret" not in changes and self.opdateret < notat.dato:
            data["opdateret"] = notat.dato  # unless already updated on or after the meeting
        return _validated(type(self), data)


def _no_note_fields(fields: dict[str, Any]) -> None:
    taken = sorted({"aftaler", "netvaerksmoede_dato"} & fields.keys())
    if taken:
        from ..formatting import liste

        raise ArgumentError(
            f"{liste(taken)} kommer fra notatet fra netværksmødet og kan ikke angives"
        )


F = TypeVar("F", bound="Familieplan")


def _validated(model: type[F], data: dict[str, Any]) -> F:
    from ..validation import validate

    return validate(model, data)


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie": "Familien Kragh Hansen",
        "gyldig_fra": "2026-06-17",
        "gyldig_til": "2027-06-16",
        "opdateret": "2026-06-17",
        "netvaerksmoede_dato": "2026-06-17",
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
        "kommunalt_netvaerk": {
            "familiekoordinator": [
                {
                    "navn": "Lene Dahl",
                    "funktion": "familiekoordinator, Familiens Fremtid",
                    "telefon": "40 21 33 18",
                    "email": "leda@furesoe.dk",
                },
            ],
            "sagsbehandlere": [
                {
                    "navn": "Jonas Winther",
                    "funktion": "rådgiver, Familierådgivningen",
                    "telefon": "72 16 50 00",
                    "email": "jowi@furesoe.dk",
                },
                {
                    "navn": "Susanne Brink",
                    "funktion": "afdelingsleder, Familierådgivningen",
                    "telefon": "72 16 50 10",
                },
                {
                    "navn": "Amir Haddad",
                    "funktion": "jobkonsulent, Jobcentret",
                    "telefon": "72 35 60 00",
                    "email": "amha@furesoe.dk",
                },
            ],
            "familiehuset": [
                {
                    "navn": "Thomas Lund",
                    "funktion": "familiebehandler, Familiehuset",
                    "telefon": "51 84 22 90",
                    "email": "thlu@furesoe.dk",
                },
            ],
            "skolen": [
                {
                    "navn": "Karina Bech",
                    "funktion": "klasselærer for Sofie (9.A), Lyngholmskolen",
                    "email": "kabe@furesoe.dk",
                },
                {
                    "navn": "Morten Friis",
                    "funktion": "klasselærer for Oliver (4.B), Lyngholmskolen",
                    "telefon": "44 91 22 00",
                },
            ],
            "fritidsvejledningen": [
                {
                    "navn": "Kasper Nørgaard",
                    "funktion": "fritidsvejleder, Fritidsvejledningen",
                    "telefon": "61 27 45 03",
                },
            ],
        },
        "eksternt_netvaerk": [
            {
                "navn": "Dorthe Rasmussen",
                "funktion": "psykolog, Børne- og ungdomspsykiatrien, Region Hovedstaden",
                "telefon": "30 64 11 72",
            },
            {
                "navn": "Lægehuset Farum Midtpunkt",
                "funktion": "familiens egen læge",
            },
            {
                "navn": "Røde Kors Familienetværk",
                "funktion": "frivillig familieven",
                "telefon": "26 18 40 55",
            },
        ],
        "personligt_netvaerk": [
            {
                "navn": "Hanne Kragh",
                "relation": "Mormor",
                "telefon": "93 10 27 44",
            },
            {
                "navn": "Brian Hansen",
                "relation": "Far til Sofie og Oliver",
            },
            {
                "navn": "Camilla Juul",
                "relation": "Veninde til Mette",
                "telefon": "22 47 81 36",
            },
        ],
        "familiestatus": [
            {
                "navn": "Mette Kragh Hansen",
                "aktuel_situation": (
                    "Modtager kontanthjælp og er jobparat. Motiveret for praktik i en børnehave.\n"
                    "Sover dårligt og er træt om morgenen."
                ),
            },
            {
                "navn": "Sofie Kragh Hansen",
                "aktuel_situation": (
                    "Skal i 9. klasse efter sommerferien. 18 % fravær i foråret; trives i de "
                    "kreative fag. Drømmer om efterskole."
                ),
            },
            {
                "navn": "Oliver Kragh Hansen",
                "aktuel_situation": (
                    "Flyttede hjem fra Opholdsstedet Lindely den 5. juni. Sover bedre efter "
                    "faste aftenrutiner; savner en fritidsaktivitet."
                ),
            },
        ],
        "egne_maal": [
            {
                "maal": "Rolige morgener, hvor alle kommer af sted til tiden",
                "hvornaar": "Inden efterårsferien",
                "hvem": "Hele familien",
            },
            {
                "maal": "Mette i praktik i en børnehave",
                "hvornaar": "Efter sommerferien",
                "hvem": "Mette med støtte fra Amir",
            },
            {
                "maal": "Sofie på efterskole efter 9. klasse",
                "hvornaar": "August 2027",
                "hvem": "Sofie og Mette",
            },
            {
                "maal": "Oliver går til en fritidsaktivitet hver uge",
                "hvornaar": "Efter sommerferien",
                "hvem": "Oliver med hjælp fra Kasper",
            },
        ],
        "aktuelle_indsatser": [
            {
                "navn": "Mette Kragh Hansen",
                "cpr": "120585-2468",
                "plan": "Jobplan",
                "tilbud": "Virksomhedspraktik",
                "tilbud_timer_uge": 15,
                "opfoelgning": "Hver 4. uge",
                "start": "2026-08-17",
                "slut": "2026-11-06",
            },
            {
                "navn": "Mette Kragh Hansen",
                "cpr": "120585-2468",
                "plan": "Helhedsorienteret indsats",
                "tilbud": "Familiekoordinator",
                "tilbud_timer_uge": 1.5,
                "opfoelgning": "Netværksmøde hver 3. måned",
                "start": "2026-06-01",
            },
            {
                "navn": "Sofie Kragh Hansen",
                "cpr": "100911-4122",
                "plan": "Barnets plan",
                "tilbud": "Fast kontaktperson",
                "tilbud_timer_uge": 3,
                "opfoelgning": "Hver 3. måned",
                "start": "2026-06-22",
                "slut": "2027-06-30",
            },
            {
                "navn": "Oliver Kragh Hansen",
                "cpr": "020616-4567",
                "plan": "Barnets plan",
                "tilbud": "Familiebehandling i Familiehuset",
                "tilbud_timer_uge": 2.5,
                "opfoelgning": "Hver 3. måned",
                "start": "2026-06-08",
                "slut": "2026-12-18",
            },
        ],
        "handleplaner": [
            {
                "navn": "Mette Kragh Hansen",
                "indsatser": [
                    {
                        "indsats": "Virksomhedspraktik",
                        "formaal": "Afprøve arbejdet i en børnehave",
                        "maal": "Ordinære timer eller uddannelse som pædagogisk assistent",
                        "ansvarlig": "Amir Haddad, jobkonsulent i Jobcentret",
                        "hvem_goer_hvad": "Amir finder praktikplads; Mette besøger stedet",
                    },
                    {
                        "indsats": "Familiekoordinator",
                        "formaal": "Overblik over familiens aftaler",
                        "maal": "Mette ved, hvem der gør hvad",
                        "ansvarlig": "Lene Dahl",
                        "hvem_goer_hvad": "Lene samler møderne; Mette siger til ved behov",
                    },
                ],
            },
            {
                "navn": "Sofie Kragh Hansen",
                "indsatser": [
                    {
                        "indsats": "Fast kontaktperson",
                        "formaal": "En voksen at tale med uden for familien",
                        "maal": "Fravær under 10 %",
                        "ansvarlig": "Jonas Winther, Familierådgivningen",
                        "hvem_goer_hvad": "Kontaktpersonen ringer mandag morgen",
                    },
                    {
                        "indsats": "Fraværsplan i skolen",
                        "formaal": "At Sofie kommer i skole hver dag",
                        "maal": "Bestå 9. klasses afgangsprøve",
                        "ansvarlig": "Karina Bech, Lyngholmskolen",
                        "hvem_goer_hvad": "Karina følger op hver fredag",
                    },
                ],
            },
            {
                "navn": "Oliver Kragh Hansen",
                "indsatser": [
                    {
                        "indsats": "Familiebehandling",
                        "formaal": "Faste rutiner morgen og aften",
                        "maal": "Færre konflikter om morgenen",
                        "ansvarlig": "Thomas Lund, Familiehuset",
                        "hvem_goer_hvad": "Thomas kommer hjem til familien hver tirsdag",
                    },
                    {
                        "indsats": "Fritidsvejledning",
                        "formaal": "Et fællesskab uden for skolen",
                        "maal": "Oliver går til en sport hver uge",
                        "ansvarlig": "Kasper Nørgaard, Fritidsvejledningen",
                        "hvem_goer_hvad": "Kasper og Oliver besøger to klubber",
                    },
                ],
            },
        ],
    }


SPEC = FormSpec(
    name="familieplan",
    title="Helhedsorienteret familieplan",
    model=Familieplan,
    template="familieplan.docx",
    example=example,
    code="A9",
    description="The coordinator's overview of the family's agreements, network, measures, "
    "goals and per-person plans; a reading aid beside the statutory plans.",
)
