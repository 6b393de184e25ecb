"""A5 Dialogguide og notatskema: telefonmøde med ny familie.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), "Dialogguide til
telefonmøde/første kontakt med ny familie" and "Notatskema til telefonmøde med ny familie". The
interviewer goes through four boxes (:data:`AFSNIT`: Præsentation, Hvorfor er familien blevet
udvalgt, Invitation til screeningsmøde, Alt praktisk om screeningsmødet aftales) at the first
spoken contact with a new family, and keeps notes for the screening meeting (A6). Afterwards the
content is written up as a journal note.

The call takes about 10 minutes when it is planned; more time is set aside when it is not
planned or the citizen does not speak Danish (``minutter``, default 10). When the family called
first, the coordinator agrees to call back after 5 minutes, to prepare briefly; the model then
computes the time of the call-back (``tilbageringning``) from the time of the first call.

The note form has general notes and the practical arrangements for the screening meeting: date,
time, place, interpreter needed (and the language), directions needed.

Rules checked here:

* a call that is not planned, or with a citizen who does not speak Danish, is given more than
  10 minutes (``minutter``);
* the interpreter's language is given exactly when an interpreter is needed
  (``screeningsmoede.tolk_sprog``);
* the screening meeting lies after the call (``screeningsmoede.dato``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, computed_field, model_validator

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

__all__ = ["AFSNIT", "SPEC", "GuideAfsnit", "ScreeningsmoedeAftale", "Telefonmoede"]

#: Minutes for a planned call in Danish (source: "Beregn 10 minutter til telefonmødet").
STANDARD_MINUTTER = 10
#: Minutes before the coordinator calls back when the family called first.
TILBAGERING_MINUTTER = 5


class GuideAfsnit(Part):
    """One box of the dialogue guide (source text)."""

    titel: str
    punkter: tuple[str, ...]


#: The four boxes of the guide, in order.
AFSNIT: tuple[GuideAfsnit, ...] = (
    GuideAfsnit(
        titel="Præsentation",
        punkter=(
            "Præsentation af interviewer og den helhedsorienterede indsats med reference til "
            "flyeren, som familien allerede har modtaget.",
            "Familien har muligvis ikke læst eller modtaget flyeren, så medbring den, så der er "
            "mulighed for at læse indholdet op for familien.",
        ),
    ),
    GuideAfsnit(
        titel="Hvorfor er familien blevet udvalgt",
        punkter=(
            "Borgeren/familien i centrum: Borgerens ønsker og mål.",
            "Tilgængelighed til familiekoordinatoren og kommunen: Netværksmøder.",
            "Kort beskrivelse af den helhedsorienterede familieplan – en sammenhængende og "
            "aktuel plan, der giver mening for familien.",
        ),
    ),
    GuideAfsnit(
        titel="Invitation til screeningsmøde",
        punkter=(
            "Fortæl om næste skridt – screeningsmødet.",
            "Mødets formål, mødelængde, uforpligtende møde uden notatpligt.",
        ),
    ),
    GuideAfsnit(
        titel="Alt praktisk om screeningsmødet aftales",
        punkter=("Mødetidspunkt, sted, behov for tolk, behov for kørselsvejledning.",),
    ),
)


class ScreeningsmoedeAftale(Part):
    """The practical arrangements for the screening meeting agreed on the phone."""

    dato: dt.date = Field(title="Dato")
    tidspunkt: Klokkeslaet | None = Field(default=None, title="Mødetidspunkt")
    sted: str | None = Field(default=None, title="Sted")
    tolk: bool = Field(default=False, title="Behov for tolk")
    tolk_sprog: str | None = Field(
        default=None, title="Sprog", description="Tolkens sprog; skal udfyldes ved behov for tolk"
    )
    koerselsvejledning: bool = Field(default=False, title="Behov for kørselsvejledning")


class Telefonmoede(FormModel):
    """Dialogguide og notatskema: telefonmøde med ny familie."""

    form_name = "telefonmoede"
    fillable_fields = ("generelle_noter", "screeningsmoede")

    organisation: Organisation = Field(title="Afsender")
    familie_navn: str = Field(title="Familiens navn", min_length=1)
    dato: dt.date = Field(title="Dato for telefonmødet")
    tidspunkt: Klokkeslaet | None = Field(default=None, title="Tidspunkt")
    interviewer: Kontakt = Field(title="Interviewer")
    planlagt: bool = Field(default=True, title="Planlagt telefonmøde")
    dansk: bool = Field(default=True, title="Borgeren kommunikerer på dansk")
    minutter: int = Field(
        default=STANDARD_MINUTTER,
        ge=1,
        le=240,
        title="Beregnet tid (minutter)",
        description="10 minutter ved planlagt telefonmøde; længere, hvis mødet ikke er planlagt, "
        "eller borgeren ikke kommunikerer på dansk",
    )
    familien_ringede: bool = Field(
        default=False,
        title="Familien har taget initiativ til første kontakt",
        description="Så ringer familiekoordinatoren tilbage efter 5 minutter",
    )
    generelle_noter: str | None = Field(default=None, title="Generelle noter")
    screeningsmoede: ScreeningsmoedeAftale | None = Field(
        default=None, title="Praktiske oplysninger omkring screeningsmødet"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (not self.planlagt or not self.dansk) and self.minutter <= STANDARD_MINUTTER:
            grund = (
                "ikke er planlagt" if not self.planlagt else "foregår på et andet sprog end dansk"
            )
            raise field_error(
                "minutter",
                "call_needs_more_time",
                "beregn mere end {standard} minutter, når telefonmødet {grund}",
                standard=STANDARD_MINUTTER,
                grund=grund,
            )
        s = self.screeningsmoede
        if s is not None:
            if s.tolk and not s.tolk_sprog:
                raise field_error(
                    "screeningsmoede.tolk_sprog",
                    "interpreter_language_missing",
                    "angiv tolkens sprog, når der er behov for tolk",
                )
            if not s.tolk and s.tolk_sprog:
                raise field_error(
                    "screeningsmoede.tolk_sprog",
                    "interpreter_language_without_need",
                    "der er angivet et sprog, men ikke behov for tolk; sæt tolk til ja, "
                    "eller fjern sproget",
                )
            if s.dato <= self.dato:
                raise field_error(
                    "screeningsmoede.dato",
                    "screening_not_after_call",
                    "screeningsmødet skal ligge efter telefonmødet",
                )
        return self

    @computed_field
    @property
    def tilbageringning(self) -> dt.time | None:
        """When the coordinator calls back: 5 minutes after the family's call, if it was first."""
        if not self.familien_ringede or self.tidspunkt is None:
            return None
        start = dt.datetime.combine(self.dato, self.tidspunkt)
        return (start + dt.timedelta(minutes=TILBAGERING_MINUTTER)).time()


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Familien Kragh Hansen",
        "dato": "2026-05-19",
        "tidspunkt": "13:10",
        "interviewer": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "screeningsmoede": {
            "tolk": False,
            "koerselsvejledning": True,
            "dato": "2026-05-27",
            "tidspunkt": "10:00",
            "sted": "Familiens Fremtid, mødelokale 2, Palholmterrasserne 1, 3520 Farum",
        },
        "planlagt": False,
        "dansk": True,
        "minutter": 20,
        "familien_ringede": True,
        "generelle_noter": (
            "Mette har fået flyeren, men ikke læst den; den blev læst op.\n"
            "Hun er mest optaget af Sofies fravær i skolen."
        ),
    }


SPEC = FormSpec(
    name="telefonmoede",
    title="Dialogguide og notatskema: telefonmøde med ny familie",
    model=Telefonmoede,
    template="telefonmoede.docx",
    example=example,
    code="A5",
    description="Dialogue guide and note form for the first telephone call with a new family: "
    "planned minutes, call-back time, general notes and the screening meeting's arrangements.",
)
