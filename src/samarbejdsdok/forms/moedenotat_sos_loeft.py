"""E4 Mødenotat efter Signs of Safety eller LØFT: a meeting note structured by a method.

Source: *Sammen om familien* (seed 004), "Fælles målbillede ved brug af Signs of Safety" (the
network group's meetings follow the SoS scheme: Hvad er vi bekymrede for? Hvad virker godt? Hvad
skal der ske?) and "Inddragelse af familien ved brug af LØFT" (four themes written on a board:
1) Bekymringer, 2) Fungerer, 3) Se ske and 4) Aftaler); Københavns Kommune BBU (seed 002) asks
for structured meetings, "fx ved brug af SoS eller LØFT".

The field ``metode`` chooses the method and so the section headings:

* Signs of Safety: "Hvad bekymrer os?", "Hvad fungerer godt?", "Hvad skal der ske?", and an
  optional scale 0-10 on which the family and the professionals each place the situation;
* LØFT: "Bekymringer", "Fungerer", "Se ske" and "Aftaler" (the shared :class:`Aftale`).

Input may name the method by its key (``"signs_of_safety"``, ``"loeft"``) or its wording.

Rules checked here:

* the meeting ends after it starts;
* the scale is a Signs of Safety tool: not allowed with LØFT (``skala_familien``,
  ``skala_professionelle``); the agreements are LØFT's fourth theme: not allowed with SoS;
* no agreement has a deadline before the meeting.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from ..fields import Klokkeslaet
from ._base import (
    Aftale,
    FormModel,
    FormSpec,
    Organisation,
    check_deadlines_not_before,
    check_end_after_start,
    example_organisation,
    field_error,
)

__all__ = ["MoedenotatSosLoeft", "Metode", "SPEC"]


class Metode(StrEnum):
    """The method structuring the meeting; the value is the document's wording."""

    SIGNS_OF_SAFETY = "Signs of Safety"
    LOEFT = "LØFT"


_KEYS = {"signs_of_safety": Metode.SIGNS_OF_SAFETY.value, "loeft": Metode.LOEFT.value}


def _method_key(value: Any) -> Any:
    if isinstance(value, str):
        return _KEYS.get(value.strip().lower(), value)
    return value


_Point = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Scale = Annotated[int, Field(ge=0, le=10)]


class MoedenotatSosLoeft(FormModel):
    """Mødenotat efter Signs of Safety eller LØFT."""

    form_name = "moedenotat_sos_loeft"
    fillable_fields = (
        "bekymringer",
        "fungerer",
        "skal_ske",
        "skala_familien",
        "skala_professionelle",
        "aftaler",
    )

    organisation: Organisation = Field(title="Afsender")
    familie: str = Field(title="Familie", min_length=1, examples=["Familien Kragh Hansen"])
    metode: Annotated[Metode, BeforeValidator(_method_key)] = Field(
        title="Metode",
        description="Signs of Safety (signs_of_safety) eller LØFT (loeft)",
    )
    dato: dt.date = Field(title="Dato for mødet")
    starttid: Klokkeslaet = Field(title="Tidspunkt (start)")
    sluttid: Klokkeslaet = Field(title="Tidspunkt (slut)")
    deltagere: list[_Point] = Field(
        title="Deltagere",
        min_length=1,
        description="Navn og evt. funktion, én deltager pr. linje",
    )
    bekymringer: list[_Point] = Field(
        default_factory=list,
        title="Hvad bekymrer os? / Bekymringer",
        description="Ét punkt pr. linje",
    )
    fungerer: list[_Point] = Field(
        default_factory=list,
        title="Hvad fungerer godt? / Fungerer",
        description="Ét punkt pr. linje",
    )
    skal_ske: list[_Point] = Field(
        default_factory=list,
        title="Hvad skal der ske? / Se ske",
        description="Ét punkt pr. linje",
    )
    skala_familien: _Scale | None = Field(
        default=None,
        title="Familiens placering på skalaen (0-10)",
        description="Kun Signs of Safety: 0 er den værst tænkelige situation, 10 er, at "
        "situationen er god nok",
    )
    skala_professionelle: _Scale | None = Field(
        default=None,
        title="De professionelles placering på skalaen (0-10)",
        description="Kun Signs of Safety",
    )
    aftaler: list[Aftale] = Field(
        default_factory=list,
        title="Aftaler",
        description="Kun LØFT (fjerde tema)",
    )

    @model_validator(mode="after")
    def _rules(self) -> Self:
        check_end_after_start(self.starttid, self.sluttid)
        if self.metode == Metode.LOEFT.value:
            for felt in ("skala_familien", "skala_professionelle"):
                if getattr(self, felt) is not None:
                    raise field_error(
                        felt,
                        "scale_only_sos",
                        "skalaen 0-10 hører til Signs of Safety, ikke til LØFT",
                    )
        elif self.aftaler:
            raise field_error(
                "aftaler",
                "agreements_only_loeft",
                "aftaler er LØFT's fjerde tema; med Signs of Safety skrives de under "
                "»Hvad skal der ske?«",
            )
        check_deadlines_not_before(self.aftaler, self.dato, "mødet")
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie": "Familien Kragh Hansen",
        "metode": "Signs of Safety",
        "dato": "2026-06-29",
        "starttid": "13:00",
        "sluttid": "14:30",
        "deltagere": [
            "Mette Kragh Hansen, mor",
            "Sofie Kragh Hansen, 14 år",
            "Jonas Winther, rådgiver",
            "Karina Bech, klasselærer",
        ],
        "bekymringer": [
            "Sofie har 18 % fravær, mest om mandagen",
            "Morgenerne ender ofte i konflikt mellem søskende",
        ],
        "fungerer": [
            "Oliver sover bedre efter faste aftenrutiner",
            "Mette siger til via sms, når noget brænder på",
        ],
        "skal_ske": [
            "Sofie møder i skole hver dag før kl. 8.15",
            "Familiehuset hjælper med en fast morgenplan",
        ],
        "skala_familien": 6,
        "skala_professionelle": 4,
    }


SPEC = FormSpec(
    name="moedenotat_sos_loeft",
    title="Mødenotat efter Signs of Safety eller LØFT",
    model=MoedenotatSosLoeft,
    template="moedenotat_sos_loeft.docx",
    example=example,
    code="E4",
    description="A meeting note structured by Signs of Safety (worries, what works, what must "
    "happen, a 0-10 scale) or LØFT (Bekymringer, Fungerer, Se ske, Aftaler).",
)
