"""The case file (``Sag``): one family's course, from which every document is produced.

A case file holds what the forms would otherwise repeat: the family and its members, the network
(municipal, external and personal, with contact details), the consents, the meetings held and
planned with their agreements, and the notes that belong to one document only. Every person is
written once, under a short key (``id``), and referred to by that key everywhere else, so a name
is spelt the same way in all documents and a participant who is not in the case is caught.

The model checks the shape of the file (types, required fields, unique keys). The rules that
relate one part of the case to another (references, consent, dates) are in
:mod:`samarbejdsdok.sag.regler`, so that ``sag check`` can list every problem at once.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import Field, PrivateAttr, StringConstraints, model_validator

from ..fields import CPR, Email, Klokkeslaet, Telefon
from ..forms._base import Organisation, Part, field_error
from ..forms._samtykke import Samtykkestatus

__all__ = [
    "Noegle",
    "Rolle",
    "Familiemedlem",
    "Familie",
    "Netvaerkstype",
    "KommunalGruppe",
    "Kortsektor",
    "Netvaerksperson",
    "Samtykketype",
    "Samtykke",
    "Moedetype",
    "MOEDENAVNE",
    "Moedestatus",
    "SagAftale",
    "Runde",
    "Moede",
    "Forloeb",
    "SagFamilieplan",
    "SagBase",
    "Sag",
]

#: A key for a person in the case: lower-case letters, digits, ``-`` and ``_`` (``"skole-laerer"``).
Noegle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9æøå][a-z0-9æøå_-]{0,39}$"),
    Field(
        title="Nøgle",
        description="Kort nøgle for personen i sagen: små bogstaver, tal, - og _ (fx mor, skole)",
    ),
]


class Rolle(StrEnum):
    """A family member's place in the family."""

    forælder = "forælder"
    barn = "barn"
    anden_voksen = "anden voksen"


class Familiemedlem(Part):
    """A member of the household the course is about."""

    id: Noegle
    navn: str = Field(title="Navn", min_length=1)
    cpr: CPR = Field(
        title="Cpr-nummer",
        description="Giver alderen, som afgør, hvem der selv skal give samtykke",
    )
    rolle: Rolle = Field(title="Rolle", description="forælder, barn eller anden voksen")
    relation: str | None = Field(default=None, title="Relation", examples=["Mor", "Datter"])
    telefon: Telefon | None = Field(default=None, title="Telefon")
    email: Email | None = Field(default=None, title="E-mail")


class Familie(Part):
    navn: str = Field(
        title="Familiens navn",
        min_length=1,
        description="Efternavnet, som i 'Familien Kragh Hansen'",
        examples=["Kragh Hansen"],
    )
    adresse: str | None = Field(default=None, title="Adresse")
    medlemmer: list[Familiemedlem] = Field(title="Familiens medlemmer", min_length=1)


class Netvaerkstype(StrEnum):
    kommunalt = "kommunalt"
    eksternt = "eksternt"
    personligt = "personligt"


class KommunalGruppe(StrEnum):
    """The groups of the family plan's municipal network (A9)."""

    sagsbehandlere = "sagsbehandlere"
    familiehuset = "familiehuset"
    skolen = "skolen"
    familiekoordinator = "familiekoordinator"
    fritidsvejledningen = "fritidsvejledningen"


class Kortsektor(StrEnum):
    """Where a personal-network person sits on the network map (A11)."""

    familie = "familie"
    venner = "venner"
    andre = "andre"


class Netvaerksperson(Part):
    """A person in the family's network.

    A professional (municipal or external network) belongs to a partner (``part``): the
    organisation as it is named in the consent, e.g. "Folkeskole". Information is shared with the
    partner only as far as a valid consent covers it. The personal network (relatives, friends)
    takes part because the family invites it.
    """

    id: Noegle
    navn: str = Field(title="Navn", min_length=1)
    netvaerk: Netvaerkstype = Field(title="Netværk", description="kommunalt, eksternt, personligt")
    part: str | None = Field(
        default=None,
        title="Samarbejdspart",
        description="Parten som den står i samtykkeerklæringen (kræves for professionelle)",
        examples=["Folkeskole", "Familierådgivningen"],
    )
    funktion: str | None = Field(
        default=None, title="Funktion", examples=["klasselærer for Sofie, Lyngholmskolen"]
    )
    afdeling: str | None = Field(default=None, title="Afdeling")
    relation: str | None = Field(default=None, title="Relation", examples=["Mormor"])
    gruppe: KommunalGruppe | None = Field(
        default=None,
        title="Gruppe i familieplanen",
        description="Hvor en kommunal medarbejder står i familieplanens kommunale netværk "
        "(kræves i værktøjskassens sager)",
    )
    sektor: Kortsektor = Field(
        default=Kortsektor.familie,
        title="Sektor på netværkskortet",
        description="For det personlige netværk: familie, venner eller andre",
    )
    naerhed: int = Field(
        default=2, ge=1, le=3, title="Nærhed", description="1 = tættest på familien, 3 = fjernest"
    )
    telefon: Telefon | None = Field(default=None, title="Telefon")
    email: Email | None = Field(default=None, title="E-mail")

    @model_validator(mode="after")
    def _professional_has_partner(self) -> Self:
        if self.netvaerk != Netvaerkstype.personligt and not self.part:
            raise field_error(
                "part",
                "partner_missing",
                "en professionel skal høre til en samarbejdspart (som i samtykkeerklæringen)",
            )
        return self

    @property
    def professionel(self) -> bool:
        return self.netvaerk != Netvaerkstype.personligt


class Samtykketype(StrEnum):
    generel = "generel"
    statistik = "statistik"


class Samtykke(Part):
    """A consent as signed (A8 generel, or A7 for statistics)."""

    type: Samtykketype = Field(default=Samtykketype.generel, title="Samtykketype")
    giver: Noegle = Field(title="Samtykkegiver", description="Nøglen på familiemedlemmet")
    boern: list[Noegle] = Field(
        default_factory=list,
        title="Børn under 18 år, som samtykket omfatter",
        description="Nøglerne på børnene",
    )
    parter: list[str] = Field(
        default_factory=list,
        title="Samarbejdsparter",
        description="De parter, der er sat kryds ved eller skrevet på (kun generelt samtykke)",
    )
    omraader: dict[str, bool] = Field(
        default_factory=dict,
        title="Områder",
        description="For samtykke til statistik: skole, institution",
    )
    underskriftsdato: dt.date = Field(title="Dato")
    gyldig_fra: dt.date = Field(title="Samtykket gælder fra")
    gyldig_til: dt.date = Field(title="Samtykket ophører senest")
    status: Samtykkestatus = Field(default=Samtykkestatus.afgivet, title="Status")
    status_dato: dt.date | None = Field(
        default=None, title="Status ændret den", description="Fx datoen for tilbagekaldelsen"
    )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.gyldig_til < self.gyldig_fra:
            raise field_error(
                "gyldig_til", "consent_period_reversed", "slutdatoen ligger før startdatoen"
            )
        withdrawn = self.status in (Samtykkestatus.tilbagetrukket, Samtykkestatus.afvist)
        if withdrawn and self.status_dato is None:
            raise field_error(
                "status_dato",
                "status_date_missing",
                "et samtykke, der er {status}, skal have datoen for det",
                status=self.status,
            )
        return self


class Moedetype(StrEnum):
    """The toolbox's meetings, each with the documents it produces."""

    telefonmoede = "telefonmoede"
    screeningsmoede = "screeningsmoede"
    moede_1 = "moede_1"
    forberedelsesmoede = "forberedelsesmoede"
    netvaerksmoede = "netvaerksmoede"


#: The meeting types' Danish names, as documents and messages print them.
MOEDENAVNE: dict[Moedetype, str] = {
    Moedetype.telefonmoede: "Telefonmøde",
    Moedetype.screeningsmoede: "Screeningsmøde",
    Moedetype.moede_1: "Møde 1 med familien",
    Moedetype.forberedelsesmoede: "Forberedelsesmøde",
    Moedetype.netvaerksmoede: "Netværksmøde",
}


class Moedestatus(StrEnum):
    planlagt = "planlagt"
    afholdt = "afholdt"
    aflyst = "aflyst"


class SagAftale(Part):
    """An agreement made at a meeting; the responsible are keys of people in the case."""

    indhold: str = Field(title="Aftale", min_length=1)
    ansvarlige: list[Noegle] = Field(title="Ansvarlig(e)", min_length=1)
    tidsfrist: dt.date | None = Field(default=None, title="Tidsfrist")


class Runde(Part):
    """One professional's contribution to the network round (A14)."""

    person: Noegle = Field(title="Hvem")
    hvad_virker: str | None = Field(default=None, title="Hvad virker?")
    hvad_udfordrer: str | None = Field(default=None, title="Hvad udfordrer?")


class Moede(Part):
    """A meeting held or planned. Meetings are numbered from 1 in the order of the list."""

    type: Moedetype = Field(title="Mødetype")
    status: Moedestatus = Field(default=Moedestatus.planlagt, title="Status")
    dato: dt.date = Field(title="Dato")
    start: Klokkeslaet | None = Field(default=None, title="Klokkeslæt (start)")
    slut: Klokkeslaet | None = Field(default=None, title="Klokkeslæt (slut)")
    sted: str | None = Field(default=None, title="Sted", description="Adressen")
    lokale: str | None = Field(default=None, title="Lokale")
    deltagere: list[Noegle] = Field(default_factory=list, title="Deltagere")
    afbud: list[Noegle] = Field(default_factory=list, title="Afbud")
    moedeleder: Noegle | None = Field(default=None, title="Mødeleder / interviewer")
    referent: Noegle | None = Field(default=None, title="Referent")
    aftaler: list[SagAftale] = Field(default_factory=list, title="Aftaler")
    runde: list[Runde] = Field(default_factory=list, title="Netværkets runde")
    notat: dict[str, Any] = Field(
        default_factory=dict,
        title="Notater",
        description="Mødets øvrige felter, med navnene fra formularen (se dens JSON Schema)",
    )

    @model_validator(mode="after")
    def _times(self) -> Self:
        if self.start and self.slut and self.slut <= self.start:
            raise field_error("slut", "end_before_start", "mødet slutter, før det begynder")
        return self


class Forloeb(Part):
    """The course's own dates (A1 procesplan)."""

    visitation_dato: dt.date | None = Field(default=None, title="Visitation")
    fase1_start: dt.date = Field(title="Fase 1 begynder")
    afsluttet: dt.date | None = Field(default=None, title="Forløbet afsluttet")


class SagFamilieplan(Part):
    """The family plan's period and content; its agreements come from the network meetings."""

    gyldig_fra: dt.date = Field(title="Gældende i perioden (fra)")
    gyldig_til: dt.date = Field(title="Gældende i perioden (til)")
    notat: dict[str, Any] = Field(
        default_factory=dict,
        title="Planens øvrige felter",
        description="aktuelle_indsatser, familiestatus, egne_maal, handleplaner (se familieplan)",
    )


class SagBase(Part):
    """What every collaboration model's case file shares: the case number, the sender, the
    family and its members, the network, the consents and the municipality profile. Each model
    adds its own course (:mod:`samarbejdsdok.sag.modeller`) and names itself in ``model``."""

    #: The file's line of each path (:func:`samarbejdsdok.sag.steder.lines_of`), when read from
    #: a file; problems name their lines with it.
    _linjer: dict[str, int] = PrivateAttr(default_factory=dict)

    model: str = Field(
        title="Samarbejdsmodel",
        description="toolbox, julemaerkehjem, bbu, sammen_om_familien eller plejefamilie",
    )
    sagsnummer: str = Field(title="Sagsnummer", min_length=1, max_length=60)
    organisation: Organisation = Field(title="Afsender")
    familie: Familie = Field(title="Familien")
    netvaerk: list[Netvaerksperson] = Field(default_factory=list, title="Netværket")
    samtykker: list[Samtykke] = Field(default_factory=list, title="Samtykker")
    profil: dict[str, Any] | None = Field(
        default=None,
        title="Kommuneprofil",
        description="Til folderen (A4) og samtykkeerklæringerne (dataansvarlig, "
        "databeskyttelsesrådgiver, opbevaring); samme format som kommuneprofilen",
    )

    @model_validator(mode="after")
    def _unique_keys(self) -> Self:
        seen: dict[str, str] = {}
        places = [(f"familie.medlemmer.{i}.id", m.id) for i, m in enumerate(self.familie.medlemmer)]
        places += [(f"netvaerk.{i}.id", p.id) for i, p in enumerate(self.netvaerk)]
        for path, key in places:
            if key in seen:
                raise field_error(
                    path, "duplicate_key", "nøglen er allerede brugt i {other}", other=seen[key]
                )
            seen[key] = path
        return self


class Sag(SagBase):
    """Sagen: one family's course in the family-coordinator toolbox, one file (``model:
    toolbox``, the default)."""

    model: Literal["toolbox"] = Field(
        default="toolbox",
        title="Samarbejdsmodel",
        description="toolbox (standard), julemaerkehjem, bbu, sammen_om_familien eller "
        "plejefamilie",
    )
    familiekoordinator: Noegle = Field(
        title="Familiekoordinator", description="Nøglen på familiekoordinatoren i netværket"
    )
    forloeb: Forloeb = Field(title="Forløbet")
    moeder: list[Moede] = Field(default_factory=list, title="Møder")
    familieplan: SagFamilieplan | None = Field(default=None, title="Familieplan")
    dokumenter: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        title="Øvrige felter pr. dokument",
        description="Felter til sagens egne dokumenter, efter formularens navn "
        "(procesplan, drejebog_tjekliste, netvaerkskort, flyer)",
    )

    @model_validator(mode="after")
    def _groups(self) -> Self:
        """The family plan (A9) places every municipal person in one of its groups."""
        for i, p in enumerate(self.netvaerk):
            if p.netvaerk == Netvaerkstype.kommunalt and p.gruppe is None:
                raise field_error(
                    f"netvaerk.{i}.gruppe",
                    "group_missing",
                    "angiv gruppen i familieplanens kommunale netværk (fx sagsbehandlere, skolen)",
                )
        return self
