"""B2 Indkaldelse til ophold på Julemærkehjem: the home's mail to the municipality's tovholder.

Source: *Model for samarbejde mellem Kommuner og Julemærkehjemmene*, sections "Optagelse/
Indkaldelse", "Forbesøg", "Barnets ophold" and "Opfølgning". When the child is called to the
pre-visit (forbesøg), the Julemærkehjem mails the municipality's tovholder (its fixed contact).
The letter says who the child's contact pedagogue at the home is and gives the dates of the
forbesøg, the infodag, the stay's start and end, the forældredag and the opfølgningsdag; the
date and time of the slutsamtale are also given "in the letter sent earlier". It comes with a
copy of the application, the parents' summons and a document to be returned to the home by
secure mail ("Udpegelse af kontaktperson", form B3).

The forbesøg lies about two months before the stay, the opfølgningsdag 4-6 weeks after it. Both
may be left out: the document then shows the cadence planner's proposal
(:func:`samarbejdsdok.kadence.julemaerkehjem`) marked as provisional, with the window of the
opfølgningsdag. The template reads the computed ``forbesoeg_plan`` and ``opfoelgningsdag_plan``.

Rules checked here:

* the stay ends after it starts (``ophold_slut``);
* the forbesøg lies before the stay (``forbesoeg``);
* the forældredag lies within the stay (``foraeldredag``);
* the opfølgningsdag lies 4-6 weeks after the stay (``opfoelgningsdag``); the message gives the
  window as Danish dates;
* the slutsamtale lies within the stay (``slutsamtale``): the source places the
  afslutningssamtale "i løbet af opholdet"; a time needs a date (``slutsamtale_tid``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, computed_field, model_validator

from ..fields import Klokkeslaet
from ..formatting import dato as dansk_dato
from ._base import (
    FormModel,
    FormSpec,
    Kontakt,
    Lukkedage,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
)
from ._julemaerkehjem import Kadencedato, check_opfoelgningsdag, check_stay, plan_dato

__all__ = ["SPEC", "JulemaerkehjemIndkaldelse"]


class JulemaerkehjemIndkaldelse(FormModel):
    """Indkaldelse til ophold på Julemærkehjem (mail til tovholderen i kommunen)."""

    form_name = "julemaerkehjem_indkaldelse"

    julemaerkehjem: str = Field(title="Julemærkehjem", min_length=1)
    kommune: str = Field(title="Kommune", min_length=1, examples=["Furesø Kommune"])
    dato: dt.date = Field(title="Dato")
    tovholder: Kontakt = Field(
        title="Tovholder i kommunen", description="Julemærkehjemmets faste kontakt i kommunen"
    )
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    barn_foedselsdato: dt.date | None = Field(default=None, title="Barnets fødselsdato")
    kontaktpaedagog: Kontakt = Field(title="Barnets kontaktpædagog på Julemærkehjemmet")
    forbesoeg: dt.date | None = Field(
        default=None,
        title="Forbesøg",
        description="Ca. 2 måneder før opholdet; uden dato vises planlæggerens forslag",
    )
    infodag: dt.date | None = Field(default=None, title="Infodag")
    ophold_start: dt.date = Field(title="Opholdets start")
    ophold_slut: dt.date = Field(title="Opholdets afslutning")
    foraeldredag: dt.date | None = Field(
        default=None, title="Forældredag", description="Ligger i opholdet"
    )
    slutsamtale: dt.date | None = Field(
        default=None, title="Slutsamtale", description="Ligger i opholdet"
    )
    slutsamtale_tid: Klokkeslaet | None = Field(default=None, title="Slutsamtale, tidspunkt")
    opfoelgningsdag: dt.date | None = Field(
        default=None,
        title="Opfølgningsdag",
        description="4–6 uger efter opholdet; uden dato vises planlæggerens forslag",
    )
    bilag_ansoegning: bool = Field(default=True, title="Bilag: kopi af ansøgningsskema")
    bilag_indkaldelse_foraeldre: bool = Field(
        default=True, title="Bilag: indkaldelsen til forældrene"
    )
    bilag_returdokument: bool = Field(
        default=True,
        title="Bilag: returdokumentet »Udpegelse af kontaktperson«",
        description="Udfyldes af tovholderen og sendes retur via sikker mail",
    )
    bemaerkninger: str | None = Field(default=None, title="Bemærkninger")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @model_validator(mode="after")
    def _dates(self) -> Self:
        check_stay(self.ophold_start, self.ophold_slut)
        if self.forbesoeg is not None and self.forbesoeg >= self.ophold_start:
            raise field_error(
                "forbesoeg",
                "pre_visit_not_before_stay",
                "forbesøget skal ligge før opholdet begynder ({start})",
                start=dansk_dato(self.ophold_start),
            )
        inside = "{navn} skal ligge i opholdet, dvs. mellem {start} og {slut}"
        for felt, navn, code in (
            ("foraeldredag", "forældredagen", "parents_day_outside_stay"),
            ("slutsamtale", "slutsamtalen", "final_talk_outside_stay"),
        ):
            day = getattr(self, felt)
            if day is not None and not self.ophold_start <= day <= self.ophold_slut:
                raise field_error(
                    felt,
                    code,
                    inside,
                    navn=navn,
                    start=dansk_dato(self.ophold_start),
                    slut=dansk_dato(self.ophold_slut),
                )
        if self.slutsamtale_tid is not None and self.slutsamtale is None:
            raise field_error(
                "slutsamtale_tid",
                "time_without_date",
                "der er angivet et tidspunkt for slutsamtalen, men ingen dato",
            )
        if self.opfoelgningsdag is not None:
            check_opfoelgningsdag(self.ophold_start, self.ophold_slut, self.opfoelgningsdag)
        return self

    def _plan(self, navn: str, given: dt.date | None) -> Kadencedato:
        m = plan_dato(self.ophold_start, self.ophold_slut, navn, kalender_af(self.lukkedage))
        return Kadencedato(
            dato=given if given is not None else m.dato,
            foreloebig=given is None,
            regel=m.regel,
            fra=m.fra,
            til=m.til,
        )

    @computed_field
    @property
    def forbesoeg_plan(self) -> Kadencedato:
        """The forbesøg: the given date, else the planner's proposal."""
        return self._plan("Forbesøg", self.forbesoeg)

    @computed_field
    @property
    def opfoelgningsdag_plan(self) -> Kadencedato:
        """The opfølgningsdag: the given date, else the planner's proposal, with its window."""
        return self._plan("Opfølgningsdag", self.opfoelgningsdag)


def example() -> dict[str, Any]:
    return {
        "julemaerkehjem": "Julemærkehjemmet Kildemose",
        "kommune": example_organisation()["kommune"],
        "dato": "2026-11-16",
        "tovholder": {
            "navn": "Birgitte Holm",
            "funktion": "tovholder, Sundhedsplejen",
            "telefon": "72 16 52 10",
            "email": "biho@furesoe.dk",
        },
        "barn_navn": "Oliver Kragh Hansen",
        "barn_foedselsdato": "2016-06-02",
        "kontaktpaedagog": {
            "navn": "Anne Skov",
            "funktion": "kontaktpædagog",
            "telefon": "98 12 34 56",
            "email": "anne.skov@example.dk",
        },
        "forbesoeg": "2026-12-01",
        "infodag": "2027-01-14",
        "ophold_start": "2027-02-01",
        "ophold_slut": "2027-04-23",
        "foraeldredag": "2027-03-04",
        "slutsamtale": "2027-04-22",
        "slutsamtale_tid": "13:00",
        "bemaerkninger": (
            "Forbesøget begynder kl. 10.00 i hovedbygningen. På forbesøget får familien "
            "»Familiens bog«, som følger Oliver gennem hele forløbet."
        ),
    }


SPEC = FormSpec(
    name="julemaerkehjem_indkaldelse",
    title="Indkaldelse til ophold på Julemærkehjem",
    model=JulemaerkehjemIndkaldelse,
    template="julemaerkehjem_indkaldelse.docx",
    example=example,
    code="B2",
    description="The Julemærkehjem's summons mail to the municipality's tovholder: the child, "
    "the contact pedagogue, the stay's dates (proposed by the cadence planner where not given) "
    "and the attachments, among them the return document.",
)
