"""A1 Procesplan: the family's phases in the programme, with dates.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), the toolbox's
"Procesplan". A family goes through six steps (:data:`FASER`, with the source's bullets):

1. Visitation – the family has two or more cases across departments;
2. Tillidsopbygning – the coordinator builds the relationship;
3. Udredning – a holistic assessment, ending with the screening meeting;
4. Fase 1 (Familiens Plan 1.0, forberedelsesmøde) – *op til 1 måned*;
5. Fase 2 (Familiens Plan 2.0 = the first network meeting; 2.1, 2.2 … follow-ups) – *6-8
   måneder*;
6. Fase 3 (udslusning) – *1-2 måneder*.

Input: the start of Fase 1 (required), the optional dates of the visitation and the screening
meeting, and optional per-family durations of Fase 1-3 in whole months. Without an override the
plan uses the upper end of the source's range (1, 8 and 2 months), so the plan shows the
latest dates. An override outside the range is allowed (a family may need longer) but the
document says that it differs from the drejebog; a duration of zero or less, or above 24 months,
is refused.

Dates are computed in calendar months: a month after 31 January is 28 (or 29) February
(``dateutil.relativedelta``), by the planner's rules (:mod:`samarbejdsdok.kadence`, computed
field ``faser``):

- A phase that "tager N måneder" is the period that begins on its first day: two months from
  2 July end on 1 September (:func:`~samarbejdsdok.kadence.periode_slut`).
- Fase 1 runs from its start until the day before the first network meeting.
- The first network meeting (Familiens Plan 2.0) is held at the latest when Fase 1's duration
  has passed; it is a deadline, so a closed day (weekend, Danish public holiday, 24 or 31
  December, the municipality's own closing days, ``lukkedage``) moves it to the *previous*
  working day.
- Fase 2 starts on the day of that meeting and lasts its duration; the follow-up meetings
  (Familiens Plan 2.1, 2.2 …, computed field ``opfoelgninger``) are held about every third
  month, each within three months of the one before (the rule the checklist and the case file
  use, :func:`~samarbejdsdok.kadence.netvaerksmoeder_efter`), as long as they fall inside
  Fase 2.
- Fase 3 starts when Fase 2 ends; its last day (the end of the programme) is a deadline and
  moves to the previous working day.

Only these three kinds of date (network meetings and the programme's end) are moved; the phase
boundaries are otherwise calendar dates. Visitation runs on its date; Tillidsopbygning from the
visitation until the day before the screening meeting; Udredning from the screening meeting
until the day before Fase 1. The earlier dates must come in that order, before Fase 1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from dateutil.relativedelta import relativedelta
from pydantic import Field, computed_field, model_validator

from ..formatting import dato as _dansk
from ..kadence import frist, netvaerksmoeder_efter, periode_slut
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Lukkedage,
    Organisation,
    Part,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
)

__all__ = [
    "FASER",
    "SPEC",
    "Fase",
    "FaseRaekke",
    "Opfoelgning",
    "Procesplan",
    "laeg_maaneder_til",
]


def laeg_maaneder_til(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the day is clipped to the month's last day
    (31 January + 1 month = 28 February, or 29 in a leap year)."""
    return day + relativedelta(months=months)


class Fase(Part):
    """One step of the process plan as the source gives it."""

    navn: str
    indhold: tuple[str, ...]
    min_maaneder: int | None = None
    max_maaneder: int | None = None


#: The six steps of the process plan with the source's bullets, in order.
FASER: tuple[Fase, ...] = (
    Fase(
        navn="Visitation",
        indhold=(
            "Familier, som visiteres til indsatsen, har to eller flere sager på tværs af "
            "afdelingerne",
            "Familiens børn mistrives, og forældrene har komplekse problemstillinger",
        ),
    ),
    Fase(
        navn="Tillidsopbygning",
        indhold=(
            "Familiekoordinatoren udfører relationsarbejde og identificerer familiens brændende "
            "platform som afsæt for samarbejde. Herved dannes grundlag for øget tillid til og "
            "samarbejde med kommunen",
        ),
    ),
    Fase(
        navn="Udredning",
        indhold=(
            "En helhedsorienteret og tværfaglig udredning af familiens situation",
            "Overblik over kommunens ressourceforbrug i forhold til tilbud og indsatser",
            "Screeningsmøde med familien",
        ),
    ),
    Fase(
        navn="Fase 1: Familiens Plan 1.0",
        indhold=(
            "Familiekoordinatoren samler de eksisterende planer for familiens medlemmer i "
            "Familiens Plan for at skabe overblik over indsatserne",
            "Forberedelsesmøde med familien",
        ),
        max_maaneder=1,
    ),
    Fase(
        navn="Fase 2: Familiens Plan 2.0, 2.1, 2.2 osv.",
        indhold=(
            "Første netværksmøde (Familiens Plan 2.0): tværfaglige samarbejdsmøder for at "
            "vurdere, koordinere og evt. nytænke indsatser og tilbud og dermed bane vejen for "
            "den ønskede forandring for familien",
            "Opfølgning på Familiens Plan 2.1, 2.2 osv.: videre opfølgning og justering af "
            "Familiens Plan. Hvad virker, hvad virker ikke endnu? Skal der korrigeres?",
        ),
        min_maaneder=6,
        max_maaneder=8,
    ),
    Fase(
        navn="Fase 3: Udslusning",
        indhold=("Målene er opfyldt, og familien udsluses fra indsatsen",),
        min_maaneder=1,
        max_maaneder=2,
    ),
)


def _maaneder(n: int) -> str:
    return f"{n} måned" if n == 1 else f"{n} måneder"


def _ramme(fase: Fase) -> str:
    """The source's range as Danish text: ``op til 1 måned``, ``6–8 måneder``."""
    if fase.max_maaneder is None:
        return ""
    if fase.min_maaneder is None:
        return f"op til {_maaneder(fase.max_maaneder)}"
    return f"{fase.min_maaneder}\u2013{fase.max_maaneder} måneder"  # an en dash


class FaseRaekke(Part):
    """A row of the plan's table (derived, not input)."""

    nr: int
    navn: str
    indhold: list[str]
    fra: dt.date | None
    til: dt.date | None
    varighed: str
    """``1 måned``, ``7 måneder (drejebogen: 6-8 måneder)``; empty for the early steps."""
    afviger: bool
    """The duration lies outside the source's range."""


class Opfoelgning(Part):
    """A network meeting in Fase 2 (derived): Familiens Plan 2.0, 2.1, ..."""

    plan: str
    senest: dt.date


class Procesplan(FormModel):
    """Procesplan for familiens forløb."""

    form_name = "procesplan"

    organisation: Organisation = Field(title="Afsender")
    familie_navn: str = Field(
        title="Familiens navn", min_length=1, examples=["Familien Kragh Hansen"]
    )
    familiekoordinator: Kontakt = Field(title="Familiekoordinator")
    visitation_dato: dt.date | None = Field(default=None, title="Visitation")
    screeningsmoede_dato: dt.date | None = Field(default=None, title="Screeningsmøde")
    fase1_start: dt.date = Field(
        title="Fase 1 begynder", description="Første dag i fase 1 (Familiens Plan 1.0)"
    )
    fase1_maaneder: int | None = Field(
        default=None,
        title="Varighed af fase 1 (måneder)",
        description="Tom: drejebogens op til 1 måned",
        gt=0,
        le=24,
    )
    fase2_maaneder: int | None = Field(
        default=None,
        title="Varighed af fase 2 (måneder)",
        description="Tom: drejebogens 8 måneder (6–8 måneder)",
        gt=0,
        le=24,
    )
    fase3_maaneder: int | None = Field(
        default=None,
        title="Varighed af fase 3 (måneder)",
        description="Tom: drejebogens 2 måneder (1-2 måneder)",
        gt=0,
        le=24,
    )
    bemaerkninger: str | None = Field(default=None, title="Bemærkninger")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @model_validator(mode="after")
    def _order(self) -> Self:
        v, s, f = self.visitation_dato, self.screeningsmoede_dato, self.fase1_start
        if v is not None and s is not None and s < v:
            raise field_error(
                "screeningsmoede_dato",
                "screening_before_visitation",
                "screeningsmødet ({s}) ligger før visitationen ({v})",
                s=_dansk(s),
                v=_dansk(v),
            )
        if s is not None and s >= f:
            raise field_error(
                "fase1_start",
                "phase1_before_screening",
                "fase 1 ({f}) skal begynde efter screeningsmødet ({s})",
                f=_dansk(f),
                s=_dansk(s),
            )
        if v is not None and v >= f:
            raise field_error(
                "fase1_start",
                "phase1_before_visitation",
                "fase 1 ({f}) skal begynde efter visitationen ({v})",
                f=_dansk(f),
                v=_dansk(v),
            )
        return self

    def _months(self, i: int) -> int:
        given = (self.fase1_maaneder, self.fase2_maaneder, self.fase3_maaneder)[i]
        default = FASER[3 + i].max_maaneder
        assert default is not None
        return default if given is None else given

    @computed_field
    @property
    def foerste_netvaerksmoede(self) -> dt.date:
        """Familiens Plan 2.0: at the latest when Fase 1 has passed, on a working day."""
        due = laeg_maaneder_til(self.fase1_start, self._months(0))
        return frist(due, kalender_af(self.lukkedage), earliest=self.fase1_start)

    @computed_field
    @property
    def fase3_start(self) -> dt.date:
        """The first day of Fase 3 (udslusning): Fase 2's duration after its start."""
        return laeg_maaneder_til(self.foerste_netvaerksmoede, self._months(1))

    @computed_field
    @property
    def afslutning(self) -> dt.date:
        """The programme's end at the latest: Fase 3's last day, on a working day."""
        last = periode_slut(self.fase3_start, relativedelta(months=self._months(2)))
        return frist(last, kalender_af(self.lukkedage), earliest=self.fase3_start)

    @computed_field
    @property
    def opfoelgninger(self) -> list[Opfoelgning]:
        """The network meetings of Fase 2: 2.0, then every third month while inside Fase 2."""
        first = self.foerste_netvaerksmoede
        result = [Opfoelgning(plan="Familiens Plan 2.0", senest=first)]
        later = netvaerksmoeder_efter(
            first, til=self.fase3_start, kalender=kalender_af(self.lukkedage)
        )
        for k, day in enumerate(later, start=1):
            result.append(Opfoelgning(plan=f"Familiens Plan 2.{k}", senest=day))
        return result

    @computed_field
    @property
    def faser(self) -> list[FaseRaekke]:
        """The table's rows: every step with its dates and duration."""
        day = dt.timedelta(days=1)
        v, s, f = self.visitation_dato, self.screeningsmoede_dato, self.fase1_start
        dates: list[tuple[dt.date | None, dt.date | None]] = [
            (v, v),
            (v + day if v else None, s - day if s else None),
            (s, f - day),
            (f, self.foerste_netvaerksmoede - day),
            (self.foerste_netvaerksmoede, self.fase3_start - day),
            (self.fase3_start, self.afslutning),
        ]
        if v is not None and s is not None and s <= v + day:
            dates[1] = (None, None)  # no days between visitation and screening
        rows = []
        for i, (fase, (fra, til)) in enumerate(zip(FASER, dates, strict=False)):
            varighed, afviger = "", False
            if i >= 3:
                months = self._months(i - 3)
                lo = fase.min_maaneder or 1
                afviger = not (lo <= months <= (fase.max_maaneder or months))
                given = (self.fase1_maaneder, self.fase2_maaneder, self.fase3_maaneder)[i - 3]
                varighed = _maaneder(months)
                if given is not None:
                    varighed += f" (drejebogen: {_ramme(fase)})"
            rows.append(
                FaseRaekke(
                    nr=i + 1,
                    navn=fase.navn,
                    indhold=list(fase.indhold),
                    fra=fra,
                    til=til,
                    varighed=varighed,
                    afviger=afviger,
                )
            )
        return rows

    @computed_field
    @property
    def tilpasset(self) -> bool:
        """Whether any phase's duration was set for this family."""
        overrides = (self.fase1_maaneder, self.fase2_maaneder, self.fase3_maaneder)
        return any(m is not None for m in overrides)

    @computed_field
    @property
    def afvigelser(self) -> list[str]:
        """The names of the phases whose duration lies outside the source's range."""
        return [r.navn for r in self.faser if r.afviger]


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
        "visitation_dato": "2026-05-11",
        "screeningsmoede_dato": "2026-05-27",
        "fase1_start": "2026-06-01",
        "fase2_maaneder": 7,
        "bemaerkninger": (
            "Fase 2 er sat til 7 måneder, fordi Oliver flytter hjem fra Opholdsstedet Lindely i "
            "juni, og familien skal finde en ny hverdag.\n"
            "Planen gennemgås med Mette på forberedelsesmødet."
        ),
    }


SPEC = FormSpec(
    name="procesplan",
    title="Procesplan",
    model=Procesplan,
    template="procesplan.docx",
    example=example,
    code="A1",
    description="The family's process plan: visitation, trust building, assessment and phases "
    "1-3 with start and end dates computed from the start of phase 1, and the follow-up network "
    "meetings every third month on working days.",
)
