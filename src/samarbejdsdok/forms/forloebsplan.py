"""D1 Forløbsplan ("Overblik over forløb"): BBU's meetings from a placement's start, week by week.

Source: Københavns Kommune, BBU, *Det gode samarbejde – fra principper til praksis* (2017). The
seven meeting types are coordinated in one series; this plan computes their dates with the
cadence planner (:func:`samarbejdsdok.kadence.bbu`) and shows them as the source does: a grid
of weeks 1–12 with an x per meeting and the rule in the comment column, followed by every
meeting with its date. Dates are working days; deadlines move to the working day before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, computed_field, model_validator

from .. import kadence
from ._base import (
    FormModel,
    FormSpec,
    Lukkedage,
    Organisation,
    Part,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
)

__all__ = ["Forloebsplan", "SPEC"]

UGER_I_GITTER = 12

#: The seven meeting types in the source's order, with the planner's rules for each (the
#: comment column prints the texts of the rules that gave this plan its dates; the two types
#: held as needed have no date rule).
MOEDETYPER: tuple[tuple[str, tuple[str, ...] | str], ...] = (
    ("Visitationsmøde", "når behovet opstår"),
    ("Indskrivningssamtale", ("bbu_indskrivning", "bbu_indskrivning_akut")),
    (
        "Børnesamtale",
        (
            "bbu_boernesamtale",
            "bbu_boernesamtale_24",
            "bbu_boernesamtale_afgoerelse",
            "bbu_boernesamtale_3_mdr",
        ),
    ),
    ("Statusmøde", ("bbu_status_ugentlig", "bbu_status")),
    ("Netværksmøde", ("bbu_netvaerk_foerste", "bbu_netvaerk")),
    ("Samarbejdsmøde", "efter behov"),
    ("Udskrivningssamtale", ("bbu_udskrivning",)),
)


class Gitterraekke(Part):
    """One meeting type's row of the week grid (derived)."""

    moedetype: str
    uger: list[str]
    regel: str


class PlanlagtMoede(Part):
    """One planned meeting (derived)."""

    navn: str
    dato: dt.date
    uge: int
    regel: str


class Forloebsplan(FormModel):
    """Forløbsplan: overblik over forløb."""

    form_name = "forloebsplan"

    organisation: Organisation = Field(title="Afsender")
    barn: str = Field(title="Barnets navn", min_length=1)
    sagsbehandler: str = Field(title="Sagsbehandler", min_length=1)
    anbringelsessted: str | None = Field(default=None, title="Anbringelsessted")
    start: dt.date = Field(title="Anbringelsens start")
    akut: bool = Field(default=False, title="Akut anbringelse")
    indskrivning_uden_sagsbehandler: bool = Field(
        default=False, title="Sagsbehandleren var ikke med ved indskrivningen"
    )
    afgoerelser: list[dt.date] = Field(default_factory=list, title="Afgørelser")
    udflytning: dt.date | None = Field(default=None, title="Barnets udflytning")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @model_validator(mode="after")
    def _dates_after_start(self) -> Self:
        for i, day in enumerate(self.afgoerelser):
            if day < self.start:
                raise field_error(
                    f"afgoerelser.{i}",
                    "decision_before_start",
                    "en afgørelse kan ikke ligge før anbringelsens start",
                )
        if self.udflytning is not None and self.udflytning <= self.start:
            raise field_error(
                "udflytning",
                "moved_out_before_start",
                "udflytningen skal ligge efter anbringelsens start",
            )
        return self

    def _meetings(self) -> list[kadence.Moede]:
        last = self.udflytning or self.start
        weeks = max(UGER_I_GITTER, (last - self.start).days // 7 + 5)
        return kadence.bbu(
            self.start,
            akut=self.akut,
            indskrivning_uden_sagsbehandler=self.indskrivning_uden_sagsbehandler,
            uger=weeks,
            afgoerelser=tuple(self.afgoerelser),
            udflytning=self.udflytning,
            kalender=kalender_af(self.lukkedage),
        )

    def _week(self, day: dt.date) -> int:
        return (day - self.start).days // 7 + 1

    @computed_field
    @property
    def moeder(self) -> list[PlanlagtMoede]:
        """Every planned meeting with its date and week number."""
        return [
            PlanlagtMoede(navn=m.navn, dato=m.dato, uge=self._week(m.dato), regel=m.regel)
            for m in self._meetings()
        ]

    @computed_field
    @property
    def gitter(self) -> list[Gitterraekke]:
        """The week grid: per meeting type, an x in each of weeks 1–12 with a meeting."""
        meetings = self._meetings()
        rows = []
        for moedetype, rules in MOEDETYPER:
            cells = [""] * UGER_I_GITTER
            for m in meetings:
                week = self._week(m.dato)
                if m.navn.startswith(moedetype) and 1 <= week <= UGER_I_GITTER:
                    cells[week - 1] = "x"
            if isinstance(rules, str):
                regel = rules
            else:
                used = [k for k in rules if any(m.noegle == k for m in meetings)]
                texts = [kadence.REGLER[k].tekst for k in used or rules[:1]]
                regel = "; ".join(dict.fromkeys(texts))
            rows.append(Gitterraekke(moedetype=moedetype, uger=cells, regel=regel))
        return rows


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "barn": "Oliver Kragh Hansen",
        "sagsbehandler": "Jonas Winther, rådgiver",
        "anbringelsessted": "Opholdsstedet Lindely",
        "start": "2026-03-30",
        "akut": True,
        "afgoerelser": ["2026-05-06"],
        "udflytning": "2026-06-05",
    }


SPEC = FormSpec(
    name="forloebsplan",
    title="Forløbsplan – overblik over forløb",
    model=Forloebsplan,
    template="forloebsplan.docx",
    example=example,
    code="D1",
    description="BBU's seven meeting types from a placement's start as a week grid with the "
    "rules, and every meeting's date, computed by the cadence planner.",
)
