"""A6 Dialogguide og notatskema til screeningsmøde med ny familie.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), the drejebog's
"Dialogguide til screeningsmøde med ny familie" and "Notatskema til screeningsmøde med ny
familie". After the first telephone contact the programme meets a new family for a screening
meeting of 55 minutes in four fixed, timed sections (:data:`AFSNIT`):

1. Repetition af info fra telefonmødet (5 min.);
2. Indsigt i familiens ressourcer og belastninger – interview med familien (25 min.);
3. Sammenkædning af familiens behov og den helhedsorienterede indsats (10 min.);
4. Formalia og præmisser for at familien kan være med i den helhedsorienterede indsats (15 min.).

Two staff are present: one interviews the family, the other sums up the family's needs, lists
its focus points and judges whether its wishes and needs match the offer. The note form has notes
for sections 2-4, the list of focus points, whether the wishes match the offer, whether the family
wants to join, the next meeting, the need for an interpreter and whether the next meeting is a
home visit. The meeting is without a duty to keep notes: the notes are written up as a journal
note only if the family wants to join (computed field ``journalnotat``).

The model computes each section's clock times from the meeting's start (``afsnit``), so the
document prints e.g. "kl. 10.00–10.05" beside each section.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

from pydantic import Field, computed_field, model_validator

from ..fields import Klokkeslaet
from ..formatting import dato as _dansk
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
    "Afsnit",
    "AfsnitTid",
    "NaesteMoede",
    "Screeningsmoede",
]


class Afsnit(Part):
    """One fixed section of the dialogue guide, as the source gives it."""

    titel: str
    minutter: int
    notat_titel: str | None = None
    """The heading of the section in the note form (``None``: the note form has no notes)."""


#: The four timed sections of the dialogue guide, in order. Fixed by the source.
AFSNIT: tuple[Afsnit, ...] = (
    Afsnit(titel="Repetition af info fra telefonmødet", minutter=5),
    Afsnit(
        titel="Indsigt i familiens ressourcer og belastninger – interview med familien",
        minutter=25,
        notat_titel="Interview med familien",
    ),
    Afsnit(
        titel="Sammenkædning af familiens behov og den helhedsorienterede indsats",
        minutter=10,
        notat_titel="Sammenkædning af familiens behov og kommunens tilbud",
    ),
    Afsnit(
        titel="Formalia og præmisser for at familien kan være med i den helhedsorienterede indsats",
        minutter=15,
        notat_titel="Formalia og næste møde",
    ),
)

#: The meeting's planned length in minutes (55).
VARIGHED = sum(a.minutter for a in AFSNIT)


class AfsnitTid(Part):
    """A section of the guide with its clock times on the day (derived, not input)."""

    nr: int
    titel: str
    notat_titel: str | None
    minutter: int
    start: dt.time
    slut: dt.time


class NaesteMoede(Part):
    """The next meeting, as agreed at the end of the screening meeting."""

    dato: dt.date = Field(title="Dato")
    tidspunkt: Klokkeslaet | None = Field(default=None, title="Tidspunkt")
    sted: str | None = Field(default=None, title="Sted", examples=["Hjemme hos familien"])


class Screeningsmoede(FormModel):
    """Dialogguide og notatskema til screeningsmøde med ny familie."""

    form_name = "screeningsmoede"
    fillable_fields = (
        "noter_interview",
        "noter_sammenkaedning",
        "noter_formalia",
        "fokuspunkter",
        "oensker_matcher_tilbud",
        "match_begrundelse",
        "deltager",
        "naeste_moede",
        "tolk",
        "tolk_sprog",
        "hjemmebesoeg",
    )

    organisation: Organisation = Field(title="Afsender")
    familie_navn: str = Field(
        title="Familiens navn", min_length=1, examples=["Familien Kragh Hansen"]
    )
    dato: dt.date = Field(title="Mødedato")
    tidspunkt: Klokkeslaet = Field(
        title="Mødetidspunkt",
        description="Mødets start; afsnittenes klokkeslæt regnes ud fra det",
    )
    sted: str = Field(title="Sted", min_length=1)
    interviewer: Kontakt = Field(
        title="Interviewer", description="Medarbejderen, der interviewer familien"
    )
    referent: Kontakt = Field(
        title="Referent",
        description="Medarbejderen, der opsummerer familiens behov, oplister familiens "
        "fokuspunkter og vurderer, om familiens ønsker og behov kan matches med tilbuddet",
    )
    noter_interview: str | None = Field(default=None, title="Interview med familien")
    noter_sammenkaedning: str | None = Field(
        default=None, title="Sammenkædning af familiens behov og kommunens tilbud"
    )
    noter_formalia: str | None = Field(default=None, title="Formalia og næste møde")
    fokuspunkter: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list,
        title="Liste med fokuspunkter",
        description="Familiens fokuspunkter, et pr. linje",
    )
    oensker_matcher_tilbud: bool | None = Field(
        default=None,
        title="Kan familiens ønsker og behov matches med tilbuddet?",
        description="Referentens vurdering; tom, hvis den ikke er afklaret",
    )
    match_begrundelse: str | None = Field(default=None, title="Begrundelse")
    deltager: bool | None = Field(
        default=None,
        title="Ønsker familien at være med i den helhedsorienterede indsats?",
        description="Tom, hvis familien ikke har besluttet sig endnu. Kun ved ja renskrives "
        "noterne i et journalnotat",
    )
    naeste_moede: NaesteMoede | None = Field(default=None, title="Næste møde")
    tolk: bool = Field(default=False, title="Behov for tolk")
    tolk_sprog: str | None = Field(
        default=None, title="Sprog", description="Tolkens sprog; skal udfyldes ved behov for tolk"
    )
    hjemmebesoeg: bool = Field(
        default=False, title="Hjemmebesøg", description="Næste møde holdes hjemme hos familien"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        start = dt.datetime.combine(self.dato, self.tidspunkt)
        end = start + dt.timedelta(minutes=VARIGHED)
        if end.date() != self.dato:
            raise field_error(
                "tidspunkt",
                "meeting_past_midnight",
                "mødet varer {minutter} minutter og skal slutte samme dag; "
                "vælg et tidligere mødetidspunkt",
                minutter=VARIGHED,
            )
        if self.tolk and not self.tolk_sprog:
            raise field_error(
                "tolk_sprog",
                "interpreter_language_missing",
                "angiv tolkens sprog, når der er behov for tolk",
            )
        if not self.tolk and self.tolk_sprog:
            raise field_error(
                "tolk_sprog",
                "interpreter_language_without_need",
                "der er angivet et sprog, men ikke behov for tolk; sæt tolk til ja, "
                "eller fjern sproget",
            )
        naeste = self.naeste_moede
        if naeste is not None:
            if naeste.dato < self.dato:
                raise field_error(
                    "naeste_moede.dato",
                    "next_meeting_before_meeting",
                    "næste møde ({naeste}) ligger før screeningsmødet ({dato})",
                    naeste=_dansk(naeste.dato),
                    dato=_dansk(self.dato),
                )
            same_day = naeste.dato == self.dato
            if same_day and naeste.tidspunkt is not None and naeste.tidspunkt < end.time():
                raise field_error(
                    "naeste_moede.tidspunkt",
                    "next_meeting_overlaps",
                    "næste møde samme dag skal begynde efter screeningsmødet, "
                    "som slutter kl. {slut}",
                    slut=end.strftime("%H.%M"),
                )
        return self

    @computed_field
    @property
    def afsnit(self) -> list[AfsnitTid]:
        """The four sections of the guide with their clock times on the day."""
        result = []
        clock = dt.datetime.combine(self.dato, self.tidspunkt)
        for nr, a in enumerate(AFSNIT, start=1):
            end = clock + dt.timedelta(minutes=a.minutter)
            result.append(
                AfsnitTid(
                    nr=nr,
                    titel=a.titel,
                    notat_titel=a.notat_titel,
                    minutter=a.minutter,
                    start=clock.time(),
                    slut=end.time(),
                )
            )
            clock = end
        return result

    @computed_field
    @property
    def varighed(self) -> int:
        """The meeting's planned length in minutes."""
        return VARIGHED

    @computed_field
    @property
    def sluttidspunkt(self) -> dt.time:
        """When the meeting is planned to end."""
        start = dt.datetime.combine(self.dato, self.tidspunkt)
        return (start + dt.timedelta(minutes=VARIGHED)).time()

    @computed_field
    @property
    def journalnotat(self) -> bool:
        """Whether the notes are written up as a journal note: only if the family joins."""
        return self.deltager is True


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Familien Kragh Hansen",
        "dato": "2026-05-27",
        "tidspunkt": "10:00",
        "sted": "Familiens Fremtid, mødelokale 2, Palholmterrasserne 1, 3520 Farum",
        "interviewer": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "referent": {
            "navn": "Jonas Winther",
            "funktion": "rådgiver, Familierådgivningen",
            "telefon": "72 16 50 00",
            "email": "jowi@furesoe.dk",
        },
        "naeste_moede": {
            "dato": "2026-06-03",
            "tidspunkt": "09:30",
            "sted": "Hjemme hos familien, Stavnsholtvej 12, 3520 Farum",
        },
        "noter_interview": (
            "Mette fortæller, at familien har mange møder med kommunen og mister overblikket.\n"
            "Sofie har meget fravær i skolen; Oliver savner en fritidsaktivitet.\n"
            "Mette vil gerne i arbejde, gerne i en virksomhedspraktik først."
        ),
        "noter_sammenkaedning": (
            "Bedste ønske: færre møder og én plan, som hele familien kan se sig selv i.\n"
            "Netværksmøderne og familieplanen blev præsenteret; Mette synes, det giver mening."
        ),
        "noter_formalia": (
            "Samtykkeerklæringerne er gennemgået og underskrevet.\n"
            "Mette vil arbejde med en virksomhedspraktik som beskæftigelsesrettet mål."
        ),
        "fokuspunkter": [
            "Sofies fravær i skolen",
            "Mettes ønske om at komme i arbejde",
            "Overblik over familiens møder med kommunen",
            "En fritidsaktivitet til Oliver",
        ],
        "oensker_matcher_tilbud": True,
        "match_begrundelse": (
            "Familien har sager i både Familierådgivningen og Jobcentret og ønsker ét samlet "
            "overblik."
        ),
        "deltager": True,
        "tolk": False,
        "hjemmebesoeg": True,
    }


SPEC = FormSpec(
    name="screeningsmoede",
    title="Dialogguide til screeningsmøde med ny familie",
    model=Screeningsmoede,
    template="screeningsmoede.docx",
    example=example,
    code="A6",
    description="Dialogue guide with four timed sections and note form for the screening "
    "meeting with a new family: focus points, match with the offer, whether the family joins, "
    "next meeting.",
)
