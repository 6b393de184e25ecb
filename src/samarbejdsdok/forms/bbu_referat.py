"""D2 Referat af møde i mødeforløbet: the minutes of one of BBU's seven meeting types.

Source: Københavns Kommune, BBU, *Det gode samarbejde – fra principper til praksis* (2017). The
principles are carried out as a coordinated series of seven meeting types, each described with
why, when, who and a legal reference. The minutes hold the points the source lists for the
chosen type (``moedetype``: ``"statusmøde"``, or its ASCII key ``"statusmoede"``), in the
source's order and words, in the section named by the type's ASCII key (``statusmoede``):

* **visitationsmøde** (:class:`VisitationsmoedePunkter`): the basis for the placement, the
  child's/family's situation, the need for support, the time perspective, whether the
  institution can take on the task; if an agreement is made, the next steps are planned;
* **indskrivningssamtale** (:class:`IndskrivningssamtalePunkter`): anbringelsesgrundlag, det
  fælles arbejdsgrundlag, samværsaftaler, contact to the other professional network (school,
  SFO), økonomi (taxi, clothing money) and the next status meeting. After an acute placement
  only the working basis and the child's or family's basic needs are in focus, the rest is
  settled at a later meeting, and the talk is held within 48 hours;
* **børnesamtale** (:class:`BoernesamtalePunkter`): the measure at the institution, the
  relation to the parents, well-being at school, other such topics;
* **statusmøde** (:class:`StatusmoedePunkter`): information from the child, the family, the
  caseworker and the institution; the contact arrangement (samværsaftale); the goal of the stay
  (has it changed, how do we reach it) and who is responsible for what (the agreements);
* **netværksmøde** (:class:`NetvaerksmoedePunkter`): the child's and family's well-being, the
  effect of the joint effort and what works in it;
* **samarbejdsmøde** (:class:`SamarbejdsmoedePunkter`): why the professionals meet without the
  family, the placement basis, the change wanted, the agreements between authority and
  institution, and how the child/family is told about the meeting's content and decisions;
* **udskrivningssamtale** (:class:`UdskrivningssamtalePunkter`): held 2-4 weeks after the child
  moved out: looking back, the experience of the collaboration and involvement, learning for
  future efforts; a handover meeting is recommended when the child is placed elsewhere.

Rules checked here:

* the meeting ends after it starts; no agreement's deadline lies before the meeting; every
  agreement names who is responsible ("der må ikke opstå tvivl om, hvem der gør hvad og
  hvornår");
* the points of the chosen type are given, and no other type's points; a missing point is an
  error naming its field;
* "Aftal altid næste statusmøde": ``naeste_statusmoede`` is required at every meeting except the
  visitationsmøde (optional; not when no agreement was made) and the udskrivningssamtale (not
  allowed: the stay has ended). It lies after the meeting and at most 14 days later (status
  meetings at least every other week). With the placement's start given, the document shows the
  date the cadence planner (:func:`samarbejdsdok.kadence.bbu`) proposes;
* the planned move-out (``udflytning_planlagt``, optional; not at the udskrivningssamtale, whose
  points hold the move-out) lies after the meeting. When it lies on or before the last day of
  the next status meeting (:func:`samarbejdsdok.kadence.naeste_statusmoede`), the child moves
  out first, so no next status meeting is required (``flytter_foer_naeste_statusmoede``); one
  that is agreed all the same lies before the move-out. The document then says that no more
  status meetings are held, with the move-out's date, and proposes none;
* a statusmøde records who is responsible for what: at least one agreement;
* an indskrivningssamtale after an acute placement names the placement's start and lies within
  48 hours of it; the udskrivningssamtale lies after the move-out.

The legal references are printed from the statutory table (barnets lov since 1 January 2024;
the source cites the old Serviceloven paragraphs).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Field, computed_field, model_validator

from .. import kadence
from ..fields import Klokkeslaet
from ..formatting import dato
from ._base import (
    Aftale,
    FormModel,
    FormSpec,
    Lukkedage,
    Organisation,
    Part,
    check_deadlines_not_before,
    check_end_after_start,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
)

__all__ = [
    "SPEC",
    "BbuReferat",
    "BoernesamtalePunkter",
    "Deltager",
    "Forslag",
    "IndskrivningssamtalePunkter",
    "Moedetype",
    "NetvaerksmoedePunkter",
    "SamarbejdsmoedePunkter",
    "StatusmoedePunkter",
    "UdskrivningssamtalePunkter",
    "VisitationsmoedePunkter",
]

#: After an acute placement the indskrivningssamtale is held within 48 hours.
AKUT_FRIST = dt.timedelta(hours=48)


class Moedetype(StrEnum):
    """The seven meeting types of BBU's coordinated series.

    Member names are the Danish names folded to ASCII (``statusmoede``) and name the section of
    the minutes that holds the type's points; values are the Danish names as the document prints
    them (``statusmøde``). Input may give either.
    """

    visitationsmoede = "visitationsmøde"
    indskrivningssamtale = "indskrivningssamtale"
    boernesamtale = "børnesamtale"
    statusmoede = "statusmøde"
    netvaerksmoede = "netværksmøde"
    samarbejdsmoede = "samarbejdsmøde"
    udskrivningssamtale = "udskrivningssamtale"


#: The definite form, for messages ("statusmødet").
_BESTEMT: dict[str, str] = {
    "visitationsmoede": "visitationsmødet",
    "indskrivningssamtale": "indskrivningssamtalen",
    "boernesamtale": "børnesamtalen",
    "statusmoede": "statusmødet",
    "netvaerksmoede": "netværksmødet",
    "samarbejdsmoede": "samarbejdsmødet",
    "udskrivningssamtale": "udskrivningssamtalen",
}


def _fold(text: str) -> str:
    return text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")


def _meeting_type(value: Any) -> Any:
    """Accept the ASCII key ("statusmoede") and the definite form ("Statusmødet") too."""
    if isinstance(value, str):
        key = _fold(value).replace(" ", "")
        for member in Moedetype:
            if key in (member.name, member.name + "t", member.name + "n"):
                return member.value
    return value


def _key(moedetype: str) -> str:
    """The ASCII key of a meeting type: the name of its section of points."""
    return Moedetype(moedetype).name


_Text = Annotated[str, Field(min_length=1)]


# --- the points of each meeting type --------------------------------------------------------


class VisitationsmoedePunkter(Part):
    """Visitationsmødet: what the effort must hold and whether the institution can take it on."""

    anbringelsesgrundlag: _Text = Field(
        title="Grundlaget for anbringelsen",
        description="Sørg for, at alle parter har forstået grundlaget for anbringelsen",
    )
    situation: _Text = Field(title="Barnets/den unges/familiens situation")
    stoettebehov: _Text = Field(title="Støttebehov")
    tidsperspektiv: _Text = Field(title="Tidsperspektiv")
    vurdering: _Text = Field(title="Tilbuddets mulighed for at påtage sig opgaven")
    aftale_indgaaet: bool = Field(
        title="Der er indgået en aftale",
        description="Tilbuddet påtager sig opgaven",
    )
    naeste_skridt: _Text | None = Field(
        default=None,
        title="Indsatsens næste skridt",
        description="Skal udfyldes, når der er indgået en aftale",
    )

    @model_validator(mode="after")
    def _next_steps(self) -> Self:
        if self.aftale_indgaaet and not self.naeste_skridt:
            raise field_error(
                "naeste_skridt",
                "next_steps_missing",
                "når der er indgået en aftale, planlægges indsatsens næste skridt: skriv dem her",
            )
        return self


class IndskrivningssamtalePunkter(Part):
    """Indskrivningssamtalen: what must be settled at the start of the placement."""

    akut: bool = Field(
        default=False,
        title="Akut anbringelse",
        description="Så er der kun fokus på arbejdsgrundlaget og barnets eller familiens basale "
        "behov; resten afklares på et efterfølgende samarbejdsmøde eller statusmøde",
    )
    anbringelsesgrundlag: _Text | None = Field(
        default=None, title="Anbringelsesgrundlag", description="Kan udelades ved akut anbringelse"
    )
    arbejdsgrundlag: _Text = Field(title="Det fælles arbejdsgrundlag")
    basale_behov: _Text | None = Field(
        default=None,
        title="Barnets eller familiens basale behov",
        description="Skal udfyldes ved akut anbringelse",
    )
    samvaersaftaler: _Text | None = Field(
        default=None, title="Samværsaftaler", description="Kan udelades ved akut anbringelse"
    )
    professionelt_netvaerk: _Text | None = Field(
        default=None,
        title="Kontakt til det øvrige professionelle netværk (skole, SFO m.m.)",
        description="Kan udelades ved akut anbringelse",
    )
    oekonomi: _Text | None = Field(
        default=None,
        title="Økonomi (taxakørsel, tøjpenge m.m.)",
        description="Kan udelades ved akut anbringelse",
    )

    @model_validator(mode="after")
    def _points(self) -> Self:
        if self.akut:
            if not self.basale_behov:
                raise field_error(
                    "basale_behov",
                    "basic_needs_missing",
                    "ved en akut anbringelse er der fokus på barnets eller familiens basale "
                    "behov: skriv dem her",
                )
            return self
        for felt in (
            "anbringelsesgrundlag",
            "samvaersaftaler",
            "professionelt_netvaerk",
            "oekonomi",
        ):
            if not getattr(self, felt):
                raise field_error(
                    felt,
                    "meeting_point_missing",
                    "punktet skal afklares på indskrivningssamtalen (kun ved en akut "
                    "anbringelse kan det vente til et senere møde)",
                )
        return self


class BoernesamtalePunkter(Part):
    """Børnesamtalen: the caseworker talks with the child."""

    indsatsen: _Text = Field(title="Indsatsen på tilbuddet")
    foraeldrerelation: _Text = Field(title="Relationen til forældrene")
    skoletrivsel: _Text = Field(title="Trivslen i skolen")
    andre_emner: _Text | None = Field(default=None, title="Andre emner")


class StatusmoedePunkter(Part):
    """Statusmødet: the effort is talked through and the working basis adjusted. Who is
    responsible for what is written as the meeting's agreements."""

    information_barn: _Text = Field(
        title="Information fra barnet/den unge",
        description="Hvad barnet eller den unge fortalte, eller hvordan barnets perspektiv kom "
        "frem",
    )
    information_familie: _Text = Field(title="Information fra familien")
    information_sagsbehandler: _Text = Field(title="Information fra sagsbehandler")
    information_tilbud: _Text = Field(title="Information fra tilbuddet")
    samvaersaftale: _Text = Field(title="Samværsaftale")
    maalsaetning_aendret: bool = Field(title="Er målsætningen ændret?")
    maalsaetning: _Text = Field(
        title="Målsætning med opholdet",
        description="Målsætningen, og hvordan vi når den",
    )


class NetvaerksmoedePunkter(Part):
    """Netværksmødet: the professional and private network talk about the child's well-being."""

    trivsel: _Text = Field(title="Barnets/den unges og familiens trivsel")
    effekt: _Text = Field(
        title="Effekten af den fælles indsats og dens virkningsfulde elementer",
        description="Hvad virker i indsatsen? Det anbefales at holde mødet i en ramme af "
        "Signs of Safety",
    )


class SamarbejdsmoedePunkter(Part):
    """Samarbejdsmødet: the professional network meets without the child or family."""

    anledning: _Text = Field(
        title="Anledning til at mødes uden barnet/familien",
        description="Mødeformen bruges kun i særlige tilfælde",
    )
    anbringelsesgrundlag: _Text | None = Field(default=None, title="Anbringelsesgrundlag")
    oensket_forandring: _Text | None = Field(default=None, title="Den forandring, der ønskes")
    samarbejdsaftaler: _Text = Field(
        title="Samarbejdsaftaler", description="Fx mellem myndighed og tilbud"
    )
    information_til_familien: _Text = Field(
        title="Sådan informeres barnet/den unge/familien om mødets indhold og beslutninger",
    )


class UdskrivningssamtalePunkter(Part):
    """Udskrivningssamtalen: room for reflection after the stay."""

    udflytning: dt.date = Field(title="Dato for udflytning fra tilbuddet")
    tilbageblik: _Text = Field(title="Barnets/den unges og forældrenes tilbageblik")
    oplevelse_af_samarbejdet: _Text = Field(
        title="Oplevelsen af samarbejdet og inddragelsen i indsatsen"
    )
    laering: _Text = Field(title="Læring til fremtidige indsatser")
    videreanbringelse: bool = Field(default=False, title="Barnet/den unge/familien videreanbringes")
    overdragelsesmoede: dt.date | None = Field(
        default=None,
        title="Overdragelsesmøde med begge tilbud",
        description="Anbefales ved videreanbringelse",
    )

    @model_validator(mode="after")
    def _handover(self) -> Self:
        if self.overdragelsesmoede is not None and not self.videreanbringelse:
            raise field_error(
                "overdragelsesmoede",
                "handover_without_new_placement",
                "et overdragelsesmøde holdes ved en videreanbringelse; sæt videreanbringelse "
                "til ja, eller fjern datoen",
            )
        return self


# --- the minutes ---------------------------------------------------------------------------


class Deltager(Part):
    """Someone at the meeting, with their role."""

    navn: _Text = Field(title="Navn")
    rolle: _Text = Field(
        title="Rolle",
        examples=["mor", "myndighedssagsbehandler", "kontaktpædagog", "tilbuddets socialrådgiver"],
    )


class Forslag(Part):
    """The next status meeting the cadence planner proposes (derived)."""

    dato: dt.date
    regel: str


_POINT_FIELDS: tuple[str, ...] = tuple(m.name for m in Moedetype)


class BbuReferat(FormModel):
    """Referat af møde i mødeforløbet."""

    form_name = "bbu_referat"
    fillable_fields = (
        "visitationsmoede",
        "indskrivningssamtale",
        "boernesamtale",
        "statusmoede",
        "netvaerksmoede",
        "samarbejdsmoede",
        "udskrivningssamtale",
        "aftaler",
        "naeste_statusmoede",
        "naeste_statusmoede_kl",
        "noter",
    )

    organisation: Organisation = Field(title="Afsender")
    moedetype: Annotated[Moedetype, BeforeValidator(_meeting_type)] = Field(
        title="Mødetype",
        description="Visitationsmøde, indskrivningssamtale, børnesamtale, statusmøde, "
        "netværksmøde, samarbejdsmøde eller udskrivningssamtale (også skrevet uden æ, ø og å: "
        "statusmoede); punkterne skrives i feltet med samme navn (statusmoede)",
    )
    barn: _Text = Field(title="Barnets/den unges navn")
    tilbud: _Text = Field(title="Tilbud/anbringelsessted")
    anbringelsens_start: dt.date | None = Field(
        default=None,
        title="Anbringelsens start",
        description="Giver forslag til næste statusmøde; skal udfyldes ved akut anbringelse",
    )
    udflytning_planlagt: dt.date | None = Field(
        default=None,
        title="Planlagt udflytning",
        description="Dagen, barnet/den unge eller familien flytter fra tilbuddet; flytter de, "
        "før næste statusmøde skal holdes, aftales der ikke flere statusmøder",
    )
    dato: dt.date = Field(title="Dato for mødet")
    starttid: Klokkeslaet = Field(title="Tidspunkt (start)")
    sluttid: Klokkeslaet = Field(title="Tidspunkt (slut)")
    sted: _Text | None = Field(default=None, title="Sted", examples=["På tilbuddet", "Telefonisk"])
    deltagere: list[Deltager] = Field(title="Deltagere", min_length=2)
    referent: _Text | None = Field(default=None, title="Referent")

    visitationsmoede: VisitationsmoedePunkter | None = Field(
        default=None, title="Visitationsmødet", description="Kun ved et visitationsmøde"
    )
    indskrivningssamtale: IndskrivningssamtalePunkter | None = Field(
        default=None,
        title="Indskrivningssamtalen",
        description="Kun ved en indskrivningssamtale",
    )
    boernesamtale: BoernesamtalePunkter | None = Field(
        default=None, title="Børnesamtalen", description="Kun ved en børnesamtale"
    )
    statusmoede: StatusmoedePunkter | None = Field(
        default=None, title="Statusmødet", description="Kun ved et statusmøde"
    )
    netvaerksmoede: NetvaerksmoedePunkter | None = Field(
        default=None, title="Netværksmødet", description="Kun ved et netværksmøde"
    )
    samarbejdsmoede: SamarbejdsmoedePunkter | None = Field(
        default=None, title="Samarbejdsmødet", description="Kun ved et samarbejdsmøde"
    )
    udskrivningssamtale: UdskrivningssamtalePunkter | None = Field(
        default=None,
        title="Udskrivningssamtalen",
        description="Kun ved en udskrivningssamtale",
    )

    aftaler: list[Aftale] = Field(
        default_factory=list,
        title="Aftaler",
        description="Hvem gør hvad og hvornår; ved et statusmøde mindst én aftale",
    )
    naeste_statusmoede: dt.date | None = Field(
        default=None,
        title="Næste statusmøde",
        description="Aftal altid næste statusmøde, inden mødet afsluttes (senest 14 dage efter "
        "mødet); ikke ved udskrivningssamtalen",
    )
    naeste_statusmoede_kl: Klokkeslaet | None = Field(
        default=None, title="Næste statusmøde, klokkeslæt"
    )
    noter: _Text | None = Field(default=None, title="Øvrige bemærkninger")
    lukkedage: Lukkedage | None = lukkedage_felt()

    @computed_field
    @property
    def foreslaaet_statusmoede(self) -> Forslag | None:
        """The last day for the next status meeting by the planner's rule
        (:func:`samarbejdsdok.kadence.naeste_statusmoede`: weekly in the placement's first four
        weeks, then every other week); none after an udskrivningssamtale or a visitationsmøde,
        or when the child moves out first (:attr:`flytter_foer_naeste_statusmoede`)."""
        if self.moedetype in (Moedetype.udskrivningssamtale, Moedetype.visitationsmoede):
            return None
        if self.flytter_foer_naeste_statusmoede:
            return None
        m = self._next_status()
        return Forslag(dato=m.dato, regel=m.regel)

    @computed_field
    @property
    def flytter_foer_naeste_statusmoede(self) -> bool:
        """Whether the child moves out (``udflytning_planlagt``) after the meeting and on or
        before the last day for the next status meeting, so that none need be held."""
        ud = self.udflytning_planlagt
        if ud is None or ud <= self.dato or self.moedetype == Moedetype.udskrivningssamtale:
            return False
        return ud <= self._next_status().dato

    def _next_status(self) -> kadence.Moede:
        return kadence.naeste_statusmoede(
            self.dato, self.anbringelsens_start, kalender_af(self.lukkedage)
        )

    @model_validator(mode="after")
    def _rules(self) -> Self:
        check_end_after_start(self.starttid, self.sluttid)
        self._check_points()
        self._check_agreements()
        self._check_dates()
        self._check_move_out()
        self._check_next_status_meeting()
        return self

    def _check_points(self) -> None:
        key = _key(self.moedetype)
        if getattr(self, key) is None:
            raise field_error(
                key,
                "meeting_points_missing",
                "skriv referatets punkter for {moede}",
                moede=_BESTEMT[key],
            )
        for felt in _POINT_FIELDS:
            if felt != key and getattr(self, felt) is not None:
                raise field_error(
                    felt,
                    "points_of_other_meeting_type",
                    "punkterne hører til {andet}, men mødetypen er {moede}; fjern dem, eller "
                    "ret mødetypen",
                    andet=_BESTEMT[felt],
                    moede=self.moedetype,
                )

    def _check_agreements(self) -> None:
        for i, aftale in enumerate(self.aftaler):
            if not aftale.ansvarlige:
                raise field_error(
                    f"aftaler.{i}.ansvarlige",
                    "agreement_without_responsible",
                    "skriv, hvem der er ansvarlig for aftalen: der må ikke opstå tvivl om, hvem "
                    "der gør hvad og hvornår",
                )
        check_deadlines_not_before(self.aftaler, self.dato, "mødet")
        if self.moedetype == Moedetype.statusmoede and not self.aftaler:
            raise field_error(
                "aftaler",
                "status_meeting_without_agreements",
                "statusmødet aftaler, hvem der har ansvar for hvad: skriv mindst én aftale med "
                "ansvarlige",
            )

    def _check_next_status_meeting(self) -> None:
        naeste = self.naeste_statusmoede
        if self.naeste_statusmoede_kl is not None and naeste is None:
            raise field_error(
                "naeste_statusmoede",
                "next_status_time_without_date",
                "der er angivet et klokkeslæt for næste statusmøde, men ingen dato",
            )
        if self.moedetype == Moedetype.udskrivningssamtale:
            if naeste is not None:
                raise field_error(
                    "naeste_statusmoede",
                    "no_status_after_discharge",
                    "efter udskrivningssamtalen holdes der ikke flere statusmøder; fjern datoen",
                )
            return
        if self.moedetype == Moedetype.visitationsmoede:
            punkter = self.visitationsmoede
            if naeste is not None and punkter is not None and not punkter.aftale_indgaaet:
                raise field_error(
                    "naeste_statusmoede",
                    "status_without_agreement",
                    "der er ikke indgået en aftale med tilbuddet, så der holdes ingen "
                    "statusmøder; fjern datoen",
                )
            if naeste is None:
                return
        if self.flytter_foer_naeste_statusmoede:
            self._check_last_status_meeting(naeste)
            return
        if naeste is None:
            ud = self.udflytning_planlagt
            if ud is not None and ud > self.dato:
                raise field_error(
                    "naeste_statusmoede",
                    "next_status_meeting_missing",
                    "aftal altid næste statusmøde, inden I afslutter mødet: den planlagte "
                    "udflytning ({udflytning}) ligger efter den sidste dag for næste statusmøde "
                    "({senest})",
                    udflytning=dato(ud),
                    senest=dato(self._next_status().dato),
                )
            raise field_error(
                "naeste_statusmoede",
                "next_status_meeting_missing",
                "aftal altid næste statusmøde, inden I afslutter mødet",
            )
        if naeste <= self.dato:
            raise field_error(
                "naeste_statusmoede",
                "next_status_not_after_meeting",
                "næste statusmøde skal ligge efter mødet ({moede})",
                moede=dato(self.dato),
            )
        senest = self._next_status()
        if naeste > senest.dato:
            raise field_error(
                "naeste_statusmoede",
                "next_status_too_late",
                "statusmøder holdes {regel}: næste statusmøde skal ligge senest {senest}",
                regel=senest.regel,
                senest=dato(senest.dato),
            )

    def _check_last_status_meeting(self, naeste: dt.date | None) -> None:
        """The child moves out before the next status meeting is due: one agreed all the same
        lies after the meeting and before the move-out."""
        ud = self.udflytning_planlagt
        assert ud is not None  # flytter_foer_naeste_statusmoede
        if naeste is None:
            return
        if naeste <= self.dato:
            raise field_error(
                "naeste_statusmoede",
                "next_status_not_after_meeting",
                "næste statusmøde skal ligge efter mødet ({moede})",
                moede=dato(self.dato),
            )
        if naeste >= ud:
            raise field_error(
                "naeste_statusmoede",
                "next_status_after_move_out",
                "næste statusmøde ({naeste}) skal ligge før den planlagte udflytning "
                "({udflytning}); da barnet flytter, før et nyt statusmøde skal holdes, kan "
                "datoen også fjernes",
                naeste=dato(naeste),
                udflytning=dato(ud),
            )

    def _check_move_out(self) -> None:
        ud = self.udflytning_planlagt
        if ud is None:
            return
        if self.moedetype == Moedetype.udskrivningssamtale:
            raise field_error(
                "udflytning_planlagt",
                "planned_move_out_at_discharge",
                "ved udskrivningssamtalen er barnet flyttet: skriv udflytningen i "
                "udskrivningssamtale.udflytning, og fjern den planlagte udflytning",
            )
        if ud <= self.dato:
            raise field_error(
                "udflytning_planlagt",
                "move_out_not_after_meeting",
                "den planlagte udflytning ({udflytning}) skal ligge efter mødet ({moede}); "
                "efter udflytningen holdes kun udskrivningssamtalen",
                udflytning=dato(ud),
                moede=dato(self.dato),
            )

    def _check_dates(self) -> None:
        punkter = self.indskrivningssamtale
        if self.moedetype == Moedetype.indskrivningssamtale and punkter and punkter.akut:
            start = self.anbringelsens_start
            if start is None:
                raise field_error(
                    "anbringelsens_start",
                    "acute_start_missing",
                    "angiv anbringelsens start: efter en akut anbringelse holdes "
                    "indskrivningssamtalen inden for 48 timer",
                )
            if self.dato < start:
                raise field_error(
                    "dato",
                    "intake_before_placement",
                    "indskrivningssamtalen efter en akut anbringelse kan ikke ligge før "
                    "anbringelsens start ({start})",
                    start=dato(start),
                )
            if self.dato > start + AKUT_FRIST:
                raise field_error(
                    "dato",
                    "acute_intake_too_late",
                    "efter en akut anbringelse holdes indskrivningssamtalen inden for 48 timer "
                    "(senest {senest})",
                    senest=dato(start + AKUT_FRIST),
                )
        ud = self.udskrivningssamtale
        if self.moedetype == Moedetype.udskrivningssamtale and ud and ud.udflytning >= self.dato:
            raise field_error(
                "udskrivningssamtale.udflytning",
                "discharge_before_move_out",
                "udskrivningssamtalen holdes ca. 2–4 uger efter udflytningen; udflytningen skal "
                "ligge før mødet ({moede})",
                moede=dato(self.dato),
            )


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "moedetype": "statusmøde",
        "barn": "Oliver Kragh Hansen",
        "tilbud": "Opholdsstedet Lindely",
        "anbringelsens_start": "2026-03-30",
        "dato": "2026-05-20",
        "starttid": "14:00",
        "sluttid": "15:30",
        "sted": "Opholdsstedet Lindely, mødelokalet",
        "deltagere": [
            {"navn": "Oliver Kragh Hansen", "rolle": "barnet"},
            {"navn": "Mette Kragh Hansen", "rolle": "mor"},
            {"navn": "Jonas Winther", "rolle": "myndighedssagsbehandler"},
            {"navn": "Marianne Lyng", "rolle": "tilbuddets socialrådgiver"},
            {"navn": "Per Aagaard", "rolle": "kontaktpædagog"},
        ],
        "referent": "Marianne Lyng",
        "statusmoede": {
            "information_barn": "Oliver fortæller, at han er glad for sit værelse og har fået en "
            "ven på Lindely. Han glæder sig til at flytte hjem og savner sin storesøster.",
            "information_familie": "Mette oplever, at Oliver er mere rolig, når han er hjemme på "
            "samvær.",
            "information_sagsbehandler": "Afgørelsen om hjemgivelse blev truffet den 6. maj; "
            "Oliver flytter hjem den 5. juni.",
            "information_tilbud": "Oliver møder i skole hver dag. Aftenerne er blevet roligere "
            "efter faste rutiner.",
            "samvaersaftale": "Samvær hver anden weekend fra fredag til søndag; Oliver ringer til "
            "Mette tirsdag og torsdag.",
            "maalsaetning_aendret": False,
            "maalsaetning": "Oliver skal kunne klare en almindelig skoledag og bo hjemme igen "
            "fra juni. Delmål: fuldt skema efter sommerferien.",
        },
        "aftaler": [
            {
                "indhold": "Plan for fuldt skema aftales med skolen",
                "ansvarlige": ["Per Aagaard", "Jonas Winther"],
                "tidsfrist": "2026-06-03",
            },
            {
                "indhold": "Taxakørsel til samvær bestilles for resten af maj",
                "ansvarlige": ["Marianne Lyng"],
                "tidsfrist": "2026-05-22",
            },
        ],
        "naeste_statusmoede": "2026-06-03",
        "naeste_statusmoede_kl": "14:00",
        "noter": "Oliver deltog i mødets første halvdel.",
    }


SPEC = FormSpec(
    name="bbu_referat",
    title="Referat af møde i mødeforløbet",
    model=BbuReferat,
    template="bbu_referat.docx",
    example=example,
    code="D2",
    description="Minutes of one of BBU's seven meeting types (visitation to discharge): the "
    "points the source lists for that type, agreements and the next status meeting.",
)
