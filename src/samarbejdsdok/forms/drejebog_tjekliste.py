"""A2 Drejebog: arbejdsproces for den helhedsorienterede familieplan – tjekliste.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), "Drejebog til
Helhedsorienteret familieplan", section "Arbejdsproces for den helhedsorienterede familieplan":
a checklist of 13 steps (:data:`TRIN`, exactly the source's steps in its order) with a column
"Dato/udført af". The model takes, per step, an optional date done and who did it (``trin``,
one field per step, named as in :data:`TRIN`).

The deadlines come from the drejebog's text and the network meeting's date and start time:

- the agenda (step 8) is mailed to everyone one week before the network meeting;
- the room for the network meeting is booked for two hours plus 30 minutes for preparation and
  tidying up; the model splits the 30 minutes evenly, 15 minutes before and 15 minutes after
  the meeting (the source also says "ca. 30 min. før og efter mødet"), so a meeting at 13.00
  books the room kl. 12.45–15.15 (``lokale_fra``, ``lokale_til``);
- the family plan (step 13) is updated and sent as PDF within one week after the meeting;
- the next network meeting is held within three months, then about every third month
  (``naeste_netvaerksmoeder``: the next three, each within three calendar months of the one
  before, so 30 November + 3 months = 28 February; the same rule as the process plan and the
  case file's check, :func:`samarbejdsdok.kadence.netvaerksmoeder_efter`).

A deadline that falls on a closed day (a weekend, a Danish public holiday, 24 or 31 December or
one of the municipality's own closing days, ``lukkedage``) moves to the *previous* working day.
The rules and their texts are the planner's (:mod:`samarbejdsdok.kadence`). Steps 8, 10 and 13
have a deadline (``frister``).

Overdue steps are flagged against ``status_dato``, an explicit optional field: a step whose
deadline is before the status date and that has no date done is overdue (computed
``overskredne``). Without a status date nothing is flagged; the date the document is made is
never used.

Rules: who did a step needs the date it was done; a date done may not lie after the status
date; steps 1-9 (before the meeting) may not be done after the meeting's date, steps 11-13
(after it) not before it, and step 10 (the meeting itself) only on its date. The meeting with
the booked room must end on the same day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, computed_field, model_validator

from ..fields import Klokkeslaet
from ..formatting import dato as _dansk
from ..kadence import REGLER, en_uge_efter, en_uge_foer, netvaerksmoeder_efter
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Lukkedage,
    Organisation,
    Part,
    check_end_after_start,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
)

__all__ = [
    "SPEC",
    "TRIN",
    "DrejebogTjekliste",
    "Frist",
    "Trin",
    "TrinStatus",
    "TrinUdfoert",
]

#: The 13 steps of the checklist, in the source's order: (field name, the source's text).
TRIN: tuple[tuple[str, str], ...] = (
    (
        "brev_og_folder",
        "Brev og folder sendes forud for aftale af første møde eller udleveres på Møde 1",
    ),
    ("aftal_moede_1", "Aftal tid til Møde 1 med familien"),
    ("book_lokale_moede_1", "Book lokale til Møde 1"),
    ("moede_1", "Møde 1 med familien"),
    ("book_lokale_moede_2", "Book lokale til Møde 2 og Netværksmødet"),
    ("invitation", "Invitation/indkaldelse til Netværksmødet sendes ud via Outlook/mail"),
    ("moede_2", "Møde 2 med familien"),
    ("dagsorden", "Dagsorden skrives og sendes til alle"),
    ("formoede", "Forberedelsesmøde med mødeleder og koordinator"),
    ("netvaerksmoede", "Netværksmøde"),
    ("eftermoede", "Eftermøde med Familien"),
    ("evaluering", "Opsamling/evaluering med mødeleder og familiekoordinator"),
    ("familieplan_sendt", "Helhedsorienteret familieplan sendes ud til familien og netværket"),
)

#: The number (1-based) of the meeting step; steps before it come before the meeting.
NETVAERKSMOEDE_TRIN = 10
#: Minutes the room is booked before and after the two-hour meeting (30 minutes in all).
FORBEREDELSE_MINUTTER = 15
OPRYDNING_MINUTTER = 15
MOEDE_MINUTTER = 120
#: How many of the following network meetings the checklist shows.
ANTAL_NAESTE = 3


class TrinUdfoert(Part):
    """What the checklist's column "Dato/udført af" holds for one step."""

    dato: dt.date | None = Field(default=None, title="Dato")
    udfoert_af: str | None = Field(default=None, title="Udført af")


def _step_field(nr: int) -> Any:
    """The field of step ``nr`` (1-based); its title is the step's text."""
    return Field(default_factory=TrinUdfoert, title=TRIN[nr - 1][1])


class Trin(Part):
    """The checklist's column "Dato/udført af", one field per step (in :data:`TRIN`'s order)."""

    brev_og_folder: TrinUdfoert = _step_field(1)
    aftal_moede_1: TrinUdfoert = _step_field(2)
    book_lokale_moede_1: TrinUdfoert = _step_field(3)
    moede_1: TrinUdfoert = _step_field(4)
    book_lokale_moede_2: TrinUdfoert = _step_field(5)
    invitation: TrinUdfoert = _step_field(6)
    moede_2: TrinUdfoert = _step_field(7)
    dagsorden: TrinUdfoert = _step_field(8)
    formoede: TrinUdfoert = _step_field(9)
    netvaerksmoede: TrinUdfoert = _step_field(10)
    eftermoede: TrinUdfoert = _step_field(11)
    evaluering: TrinUdfoert = _step_field(12)
    familieplan_sendt: TrinUdfoert = _step_field(13)


assert tuple(Trin.model_fields) == tuple(k for k, _ in TRIN), "one field per step, in order"


class Frist(Part):
    """A deadline of the checklist (derived)."""

    trin: int
    tekst: str
    frist: dt.date
    regel: str
    flyttet: bool
    """The rule's date fell on a weekend or holiday and was moved earlier."""


class TrinStatus(Part):
    """A row of the checklist as printed (derived)."""

    nr: int
    tekst: str
    dato: dt.date | None
    udfoert_af: str | None
    frist: dt.date | None
    overskredet: bool


class DrejebogTjekliste(FormModel):
    """Arbejdsproces for den helhedsorienterede familieplan – tjekliste."""

    form_name = "drejebog_tjekliste"

    organisation: Organisation = Field(title="Afsender")
    familie_navn: str = Field(
        title="Familiens navn", min_length=1, examples=["Familien Kragh Hansen"]
    )
    familiekoordinator: Kontakt = Field(title="Familiekoordinator")
    moedeleder: str | None = Field(default=None, title="Mødeleder")
    netvaerksmoede_dato: dt.date = Field(title="Netværksmødets dato")
    netvaerksmoede_start: Klokkeslaet = Field(
        title="Netværksmødets starttidspunkt",
        description="Lokalet bookes 15 minutter før og efter mødet",
    )
    netvaerksmoede_slut: Klokkeslaet | None = Field(
        default=None,
        title="Netværksmødets sluttidspunkt",
        description="Tomt: mødet varer to timer",
    )
    sted: str | None = Field(default=None, title="Mødelokale")
    trin: Trin = Field(
        default_factory=Trin,
        title="Tjekliste – dato/udført af",
        description="Tjeklistens 13 trin; et trin uden dato er ikke udført",
    )
    status_dato: dt.date | None = Field(
        default=None,
        title="Status pr.",
        description="Fristerne kontrolleres i forhold til denne dato; tom: ingen kontrol",
    )
    lukkedage: Lukkedage | None = lukkedage_felt()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.netvaerksmoede_slut is not None:
            check_end_after_start(
                self.netvaerksmoede_start, self.netvaerksmoede_slut, "netvaerksmoede_slut"
            )
        start = dt.datetime.combine(self.netvaerksmoede_dato, self.netvaerksmoede_start)
        end = self._end() + dt.timedelta(minutes=OPRYDNING_MINUTTER)
        begin = start - dt.timedelta(minutes=FORBEREDELSE_MINUTTER)
        if end.date() != self.netvaerksmoede_dato or begin.date() != self.netvaerksmoede_dato:
            raise field_error(
                "netvaerksmoede_start",
                "booking_past_midnight",
                "lokalet bookes fra 15 minutter før mødet til 15 minutter efter og skal være "
                "samme dag; vælg et andet tidspunkt",
            )
        meeting = self.netvaerksmoede_dato
        for i, (key, _) in enumerate(TRIN):
            t: TrinUdfoert = getattr(self.trin, key)
            nr = i + 1
            if t.udfoert_af and t.dato is None:
                raise field_error(
                    f"trin.{key}.dato",
                    "done_by_without_date",
                    "trin {nr} har en, der har udført det, men ingen dato; angiv datoen",
                    nr=nr,
                )
            if t.dato is None:
                continue
            if self.status_dato is not None and t.dato > self.status_dato:
                raise field_error(
                    f"trin.{key}.dato",
                    "done_after_status_date",
                    "trin {nr} er udført {dato}, efter statusdatoen {status}",
                    nr=nr,
                    dato=_dansk(t.dato),
                    status=_dansk(self.status_dato),
                )
            if nr < NETVAERKSMOEDE_TRIN and t.dato > meeting:
                raise field_error(
                    f"trin.{key}.dato",
                    "step_after_meeting",
                    "trin {nr} hører til før netværksmødet ({moede}), men er udført {dato}",
                    nr=nr,
                    moede=_dansk(meeting),
                    dato=_dansk(t.dato),
                )
            if nr == NETVAERKSMOEDE_TRIN and t.dato != meeting:
                raise field_error(
                    f"trin.{key}.dato",
                    "meeting_date_differs",
                    "netværksmødet er udført {dato}, men er sat til {moede}",
                    moede=_dansk(meeting),
                    dato=_dansk(t.dato),
                )
            if nr > NETVAERKSMOEDE_TRIN and t.dato < meeting:
                raise field_error(
                    f"trin.{key}.dato",
                    "step_before_meeting",
                    "trin {nr} hører til efter netværksmødet ({moede}), men er udført {dato}",
                    nr=nr,
                    moede=_dansk(meeting),
                    dato=_dansk(t.dato),
                )
        return self

    # --- computed --------------------------------------------------------------------------

    @computed_field
    @property
    def lokale_fra(self) -> dt.time:
        """The room booking's start: 15 minutes before the meeting, for preparation."""
        start = dt.datetime.combine(self.netvaerksmoede_dato, self.netvaerksmoede_start)
        return (start - dt.timedelta(minutes=FORBEREDELSE_MINUTTER)).time()

    @computed_field
    @property
    def moede_slut(self) -> dt.time:
        """The meeting's end: the given end time, else two hours after its start."""
        return self._end().time()

    def _end(self) -> dt.datetime:
        if self.netvaerksmoede_slut is not None:
            return dt.datetime.combine(self.netvaerksmoede_dato, self.netvaerksmoede_slut)
        start = dt.datetime.combine(self.netvaerksmoede_dato, self.netvaerksmoede_start)
        return start + dt.timedelta(minutes=MOEDE_MINUTTER)

    @computed_field
    @property
    def lokale_til(self) -> dt.time:
        """The room booking's end: 15 minutes after the meeting, for tidying up."""
        return (self._end() + dt.timedelta(minutes=OPRYDNING_MINUTTER)).time()

    @computed_field
    @property
    def dagsorden_frist(self) -> dt.date:
        """The agenda is mailed one week before the meeting (previous working day)."""
        return en_uge_foer(self.netvaerksmoede_dato, kalender_af(self.lukkedage))

    @computed_field
    @property
    def plan_frist(self) -> dt.date:
        """The plan is updated and sent as PDF within one week after the meeting."""
        return en_uge_efter(self.netvaerksmoede_dato, kalender_af(self.lukkedage))

    @computed_field
    @property
    def naeste_netvaerksmoeder(self) -> list[dt.date]:
        """The next network meetings at the latest: each within three calendar months of the one
        before, on a working day."""
        return netvaerksmoeder_efter(
            self.netvaerksmoede_dato, ANTAL_NAESTE, kalender=kalender_af(self.lukkedage)
        )

    @computed_field
    @property
    def frister(self) -> list[Frist]:
        """The checklist's deadlines (steps 8, 10 and 13)."""
        week = dt.timedelta(days=7)
        d = self.netvaerksmoede_dato
        return [
            Frist(
                trin=8,
                tekst="Dagsorden sendes på mail til alle, også til familien",
                frist=self.dagsorden_frist,
                regel=REGLER["dagsorden"].tekst,
                flyttet=self.dagsorden_frist != d - week,
            ),
            Frist(
                trin=10,
                tekst="Netværksmøde",
                frist=d,
                regel="mødets dato",
                flyttet=False,
            ),
            Frist(
                trin=13,
                tekst="Familieplanen opdateres og sendes som pdf til familien og netværket",
                frist=self.plan_frist,
                regel=REGLER["plan_efter_moedet"].tekst,
                flyttet=self.plan_frist != d + week,
            ),
        ]

    @computed_field
    @property
    def tjekliste(self) -> list[TrinStatus]:
        """The 13 steps with what was done, the deadline and whether it is overdue."""
        deadlines = {f.trin: f.frist for f in self.frister}
        rows = []
        for i, (key, tekst) in enumerate(TRIN):
            t: TrinUdfoert = getattr(self.trin, key)
            frist = deadlines.get(i + 1)
            overdue = (
                self.status_dato is not None
                and frist is not None
                and t.dato is None
                and frist < self.status_dato
            )
            rows.append(
                TrinStatus(
                    nr=i + 1,
                    tekst=tekst,
                    dato=t.dato,
                    udfoert_af=t.udfoert_af,
                    frist=frist,
                    overskredet=overdue,
                )
            )
        return rows

    @computed_field
    @property
    def overskredne(self) -> list[int]:
        """The numbers of the steps whose deadline has passed without a date done."""
        return [r.nr for r in self.tjekliste if r.overskredet]


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Familien Kragh Hansen",
        "familiekoordinator": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "moedeleder": "Susanne Brink, afdelingsleder, Familierådgivningen",
        "netvaerksmoede_dato": "2026-06-17",
        "netvaerksmoede_start": "09:00",
        "netvaerksmoede_slut": "11:15",
        "sted": "Mødelokale 2, Familiens Fremtid, Palholmterrasserne 1, 3520 Farum",
        "status_dato": "2026-06-12",
        "trin": {
            "brev_og_folder": {
                "dato": "2026-05-12",
                "udfoert_af": "Lene Dahl",
            },
            "aftal_moede_1": {
                "dato": "2026-05-27",
                "udfoert_af": "Lene Dahl",
            },
            "book_lokale_moede_1": {
                "dato": "2026-05-28",
                "udfoert_af": "Lene Dahl",
            },
            "moede_1": {
                "dato": "2026-06-03",
                "udfoert_af": "Lene Dahl og Mette Kragh Hansen",
            },
            "book_lokale_moede_2": {
                "dato": "2026-06-03",
                "udfoert_af": "Lene Dahl",
            },
            "invitation": {
                "dato": "2026-06-04",
                "udfoert_af": "Lene Dahl",
            },
            "moede_2": {
                "dato": "2026-06-10",
                "udfoert_af": "Lene Dahl og Mette Kragh Hansen",
            },
            "dagsorden": {
                "dato": "2026-06-10",
                "udfoert_af": "Lene Dahl",
            },
        },
    }


SPEC = FormSpec(
    name="drejebog_tjekliste",
    title="Arbejdsproces for den helhedsorienterede familieplan – tjekliste",
    model=DrejebogTjekliste,
    template="drejebog_tjekliste.docx",
    example=example,
    code="A2",
    description="The drejebog's 13-step checklist with date done and by whom, the deadlines "
    "computed from the network meeting (agenda, room booking, plan sent, next meetings) on "
    "working days, and the steps overdue at a given status date.",
)
