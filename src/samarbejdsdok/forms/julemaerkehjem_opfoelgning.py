"""B5 Opfølgning efter ophold på Julemærkehjem: the contact person's dialogue with the home.

Source: *Model for samarbejde mellem Kommuner og Julemærkehjemmene*, sections "Opfølgning" and
"Afslutning på barnets ophold". In connection with the opfølgningsdag at the home, 4-6 weeks
after the stay, the child's contact person in the municipality and the Julemærkehjem talk
together when there is a need. The contact is made at the latest one week after the
opfølgningsdag; either the contact person or the home may take the initiative. The note holds
how it has gone since the stay with trivsel, kost and motion (the themes of the home's statement
and plan, trivsel first), the status of the home's recommendations and the plan, the agreements
going forward and notes.

Rules checked here (dates from the cadence planner, :func:`samarbejdsdok.kadence.julemaerkehjem`):

* the stay ends after it starts (``ophold_slut``);
* the opfølgningsdag lies 4-6 weeks after the stay (``opfoelgningsdag``); the message gives the
  window as Danish dates;
* the dialogue lies after the stay and at the latest one week after the opfølgningsdag, moved to
  the working day before when that day is not a working day, as the planner does (``dato``);
* no agreement's deadline lies before the dialogue (``aftaler.N.tidsfrist``).

The document prints the rules with the dates they give.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, computed_field, model_validator

from ..formatting import dato as dansk_dato
from ..kadence import dialog_frist
from ._base import (
    Aftale,
    FormModel,
    FormSpec,
    Kontakt,
    Lukkedage,
    Part,
    check_deadlines_not_before,
    field_error,
    kalender_af,
    lukkedage_felt,
)
from ._julemaerkehjem import (
    Kadencedato,
    check_opfoelgningsdag,
    check_stay,
    plan_dato,
)

__all__ = ["SPEC", "Initiativ", "Status", "Anbefaling", "JulemaerkehjemOpfoelgning"]


class Initiativ(StrEnum):
    """Who took the initiative to the dialogue; the value is the document's wording."""

    KONTAKTPERSON = "kontaktpersonen"
    JULEMAERKEHJEM = "Julemærkehjemmet"


class Status(StrEnum):
    """How far a recommendation or a point of the plan has come."""

    GENNEMFOERT = "Gennemført"
    I_GANG = "I gang"
    IKKE_BEGYNDT = "Ikke begyndt"
    OPGIVET = "Opgivet"


_KEYS = {
    "kontaktperson": Initiativ.KONTAKTPERSON.value,
    "julemaerkehjem": Initiativ.JULEMAERKEHJEM.value,
    "julemaerkehjemmet": Initiativ.JULEMAERKEHJEM.value,
    "gennemfoert": Status.GENNEMFOERT.value,
    "i_gang": Status.I_GANG.value,
    "ikke_begyndt": Status.IKKE_BEGYNDT.value,
    "opgivet": Status.OPGIVET.value,
    **{c.value.lower(): c.value for c in [*Status, *Initiativ]},
}


def _key(value: Any) -> Any:
    """A choice may be given by its ASCII key (``i_gang``) or its wording in any case
    (``i gang``)."""
    if isinstance(value, str):
        text = value.strip()
        return _KEYS.get(text.lower(), text)
    return value


class Anbefaling(Part):
    """One of the home's recommendations or a point of the plan, with its status."""

    anbefaling: str = Field(title="Anbefaling / punkt i handleplanen", min_length=1)
    status: Annotated[Status, BeforeValidator(_key)] = Field(
        title="Status",
        description="Gennemført, I gang, Ikke begyndt eller Opgivet (gennemfoert, i_gang, "
        "ikke_begyndt, opgivet)",
    )
    bemaerkning: str | None = Field(default=None, title="Bemærkning")


class JulemaerkehjemOpfoelgning(FormModel):
    """Opfølgning efter ophold på Julemærkehjem."""

    form_name = "julemaerkehjem_opfoelgning"

    julemaerkehjem: str = Field(title="Julemærkehjem", min_length=1)
    barn_navn: str = Field(title="Barnets navn", min_length=1)
    kontaktperson: Kontakt = Field(title="Barnets kontaktperson i kommunen")
    kontakt_hjemmet: Kontakt = Field(
        title="Kontakt på Julemærkehjemmet", description="Fx barnets kontaktpædagog"
    )
    ophold_start: dt.date = Field(title="Opholdets start")
    ophold_slut: dt.date = Field(title="Opholdets afslutning")
    opfoelgningsdag: dt.date = Field(title="Opfølgningsdag", description="4–6 uger efter opholdet")
    dato: dt.date = Field(
        title="Dato for dialogen", description="Senest en uge efter opfølgningsdagen"
    )
    initiativ: Annotated[Initiativ, BeforeValidator(_key)] = Field(
        title="Initiativet blev taget af",
        description="kontaktpersonen (kontaktperson) eller Julemærkehjemmet (julemaerkehjem)",
    )
    trivsel: str = Field(title="Trivsel siden opholdet", min_length=1)
    kost: str | None = Field(default=None, title="Kost siden opholdet")
    motion: str | None = Field(default=None, title="Motion siden opholdet")
    anbefalinger: list[Anbefaling] = Field(
        default_factory=list,
        title="Status på Julemærkehjemmets anbefalinger og handleplanen",
    )
    aftaler: list[Aftale] = Field(default_factory=list, title="Aftaler fremover")
    noter: str | None = Field(default=None, title="Noter")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @model_validator(mode="after")
    def _dates(self) -> Self:
        check_stay(self.ophold_start, self.ophold_slut)
        check_opfoelgningsdag(self.ophold_start, self.ophold_slut, self.opfoelgningsdag)
        if self.dato < self.ophold_slut:
            raise field_error(
                "dato",
                "dialogue_before_stay_end",
                "dialogen handler om tiden efter opholdet; datoen ligger før opholdets "
                "afslutning ({slut})",
                slut=dansk_dato(self.ophold_slut),
            )
        frist = self.dialog_plan
        if self.dato > frist.dato:
            raise field_error(
                "dato",
                "dialogue_after_deadline",
                "kontakten skal tages {regel}, dvs. senest {frist}",
                regel=frist.regel,
                frist=dansk_dato(frist.dato),
            )
        check_deadlines_not_before(self.aftaler, self.dato, "dialogen")
        return self

    @computed_field
    @property
    def opfoelgningsdag_plan(self) -> Kadencedato:
        """The opfølgningsdag with the planner's rule and window."""
        m = plan_dato(self.ophold_start, self.ophold_slut, "Opfølgningsdag")
        return Kadencedato(
            dato=self.opfoelgningsdag, foreloebig=False, regel=m.regel, fra=m.fra, til=m.til
        )

    @computed_field
    @property
    def dialog_plan(self) -> Kadencedato:
        """The last day for the dialogue: one week after the actual opfølgningsdag, on the
        working day before if need be (the planner's deadline rule)."""
        m = plan_dato(self.ophold_start, self.ophold_slut, "Kontaktpersonens dialog med hjemmet")
        frist = dialog_frist(self.opfoelgningsdag, kalender_af(self.lukkedage))
        return Kadencedato(dato=frist, foreloebig=False, regel=m.regel)


def example() -> dict[str, Any]:
    return {
        "julemaerkehjem": "Julemærkehjemmet Kildemose",
        "barn_navn": "Oliver Kragh Hansen",
        "kontaktperson": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid, Furesø Kommune",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
        "kontakt_hjemmet": {
            "navn": "Anne Skov",
            "funktion": "kontaktpædagog",
            "telefon": "98 12 34 56",
            "email": "anne.skov@example.dk",
        },
        "ophold_start": "2027-02-01",
        "ophold_slut": "2027-04-23",
        "opfoelgningsdag": "2027-05-21",
        "dato": "2027-05-26",
        "initiativ": "kontaktpersonen",
        "trivsel": (
            "Oliver er glad for at være tilbage i klassen og ses med en kammerat fra "
            "opholdet hver weekend. Han siger selv til, når noget er svært."
        ),
        "kost": "Familien spiser morgenmad sammen de fleste dage; madpakken bliver spist.",
        "motion": "Oliver er startet til håndbold igen efter opholdet og cykler i skole.",
        "anbefalinger": [
            {
                "anbefaling": "Fast fritidsaktivitet to gange om ugen",
                "status": "Gennemført",
                "bemaerkning": "Håndbold tirsdag og torsdag",
            },
            {
                "anbefaling": "Skærmen slukkes kl. 20.30",
                "status": "I gang",
                "bemaerkning": "Lykkes fire aftener om ugen",
            },
            {"anbefaling": "Ugentlig legeaftale med en kammerat", "status": "Ikke begyndt"},
        ],
        "aftaler": [
            {
                "indhold": "Kontaktpersonen følger op på aftenrutinen med familien",
                "ansvarlige": ["Lene Dahl", "Mette Kragh Hansen"],
                "tidsfrist": "2027-06-30",
            },
            {
                "indhold": "Mette og Oliver aftaler en fast legeaftale med en kammerat hver uge",
                "ansvarlige": ["Mette Kragh Hansen"],
                "tidsfrist": "2027-06-15",
            },
        ],
        "noter": "Familien bruger »Familiens bog« til at holde fast i de gode vaner. Der er "
        "ikke behov for mere kontakt med Julemærkehjemmet.",
    }


SPEC = FormSpec(
    name="julemaerkehjem_opfoelgning",
    title="Opfølgning efter ophold på Julemærkehjem",
    model=JulemaerkehjemOpfoelgning,
    template="julemaerkehjem_opfoelgning.docx",
    example=example,
    code="B5",
    description="The dialogue between the child's contact person and the Julemærkehjem around "
    "the follow-up day: trivsel, kost and motion since the stay, the status of the home's "
    "recommendations and the agreements going forward.",
)
