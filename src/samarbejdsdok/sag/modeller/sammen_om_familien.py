"""A course in *Sammen om familien* as a case file (``model: sammen_om_familien``).

Source: Socialstyrelsen/Rambøll, *Sammen om familien* (2021), for children with disabilities
and their families (FORMS.md, E1–E5). The course, in the section ``sammen_om_familien:``: the
child (a family member's key) and the caseworker (a key in the network); the case type, which
fixes the cadence of the follow-ups ("hver 3. måned" in compensation and support cases, "hver 6.
uge" in cases with a child-welfare investigation or measures), and the start the cadence is
anchored to; the meetings (the start talk, the follow-ups, the network meetings and other
meetings), each held meeting with a note after Signs of Safety or LØFT (E4); the shared goal
picture (E3); the contract-based agreement (E5); and the annual wheel (E2). The follow-up plan
(E1) is made from the case type and the start. The consents are the shared ones (A7/A8).

How the fixed cadence is read. The source calls the follow-ups the case's meetings at a fixed
cadence ("Fast kadence på sagsmøder") that "kan ikke defineres eller ændres lokalt", and uses
network meetings as the way to hold them with the outside parties. So:

* follow-up *n* is due on the planner's date *n* (:func:`samarbejdsdok.kadence.sammen_om_familien`,
  anchored to the start, a closed day moved to the working day before); a follow-up
  (``opfoelgning``) or a network meeting (``netvaerksmoede``) held after date *n−1* and by date
  *n* is follow-up *n*; it may be held early (by telephone, when the family prefers), never late;
* the network meetings have a cadence of their own: "tværfaglige netværksmøder med en fast
  kadence, således at de afholdes hver 6. måned" (:data:`samarbejdsdok.kadence.REGLER`
  ``sof_netvaerk``): the first within six months of the start, each next within six months of
  the one before (:func:`samarbejdsdok.kadence.naeste_sof_netvaerksmoede`).

The case's rules (:func:`check`), each with its code and the path it names:

* the keys name people in the case: the child a child of the family, the caseworker and the
  contract's contact persons professionals in the network, the parents of the goal picture and
  the contract parents of the family, the participants and those responsible for an agreement
  people in the case (``unknown_reference``, ``not_a_child``, ``not_in_network``,
  ``not_a_parent``);
* every professional at a meeting, other than the caseworker (who sends the documents), is
  covered by consent on the day, by the toolbox's rules (``consent_missing``);
* the dates in the course's order: the meetings in the list in the order they are held, none
  before the start, the start talk first, the goal picture and the contract not before the
  start, nothing after the course ended (``date_out_of_order``);
* a meeting on a working day of the municipality (``meeting_on_closed_day``);
* every follow-up of the cadence up to the course's last meeting (or its end) is held or
  planned (``follow_up_missed``), and after the last one held the next is planned, unless the
  course has ended (``next_follow_up_missing``); the messages give the planner's dates;
* a network meeting within six months of the start or the network meeting before
  (``network_meeting_outside_cadence``), and one held or planned by then while the course runs
  (``network_meeting_missed``); the messages give the planner's last day;
* a meeting's notes are written after Signs of Safety or LØFT (``method_missing``);
* the annual wheel's year lies in the course (``wheel_outside_course``), and its follow-ups and
  network meetings come from the course, not typed in it (``filled_from_case``).

Then each document passes its form's own rules, reported where the value is in the case file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import StrEnum
from types import SimpleNamespace
from typing import Annotated, Any, Literal, Self, cast

from dateutil.relativedelta import relativedelta
from pydantic import BeforeValidator, Field, model_validator

from ... import kadence
from ..._wording import and_list
from ...errors import DataError, Problem
from ...fields import Klokkeslaet
from ...formatting import dato
from ...forms._base import Part, field_error, key_or_wording
from ...forms.aarshjul import MAANEDER, Aktivitet
from ...forms.faelles_maalbillede import Maal
from ...forms.kontrakt_samarbejdsaftale import Kontaktform, Koordinerer, Parttype
from ...forms.moedenotat_sos_loeft import Metode, _method_key
from ..dokumenter import (
    CaseDocument,
    ConsentDocument,
    Document,
    MeetingDocument,
    consent_number,
    meeting_number,
)
from ..model import Familiemedlem, Moedestatus, Noegle, Rolle, SagAftale, SagBase
from ..regler import (
    PeopleIndex,
    Uncovered,
    case_calendar,
    coverage,
    grouped_consent_problems,
)
from . import CaseModel, fail
from .felles import (
    Builder,
    Made,
    age,
    builder,
    check_case,
    child_reference,
    consent_documents,
    consent_in_range,
    consent_made,
    consent_references,
    form_of_model,
    meeting_in_range,
    missing_document,
    reference,
    validated,
)

__all__ = [
    "MODEL",
    "SagSammenOmFamilien",
    "SammenOmFamilienForloeb",
    "SofMoede",
    "SofMoedetype",
    "SofMaalbillede",
    "SofKontrakt",
    "SofKoordinering",
    "SofAarshjul",
    "check",
    "documents",
    "cadence",
]

_P = "sammen_om_familien"
_NOTAT = (
    "Mødenotatets felter (moedenotat_sos_loeft): bekymringer, fungerer, skal_ske, "
    "skala_familien, skala_professionelle"
)


class SofMoedetype(StrEnum):
    """The meetings of a course in Sammen om familien."""

    opstartssamtale = "opstartssamtale"
    opfoelgning = "opfoelgning"
    netvaerksmoede = "netvaerksmoede"
    moede = "moede"


#: The meeting types' Danish names, as messages print them.
MOEDENAVNE: dict[SofMoedetype, str] = {
    SofMoedetype.opstartssamtale: "opstartssamtalen",
    SofMoedetype.opfoelgning: "opfølgningen",
    SofMoedetype.netvaerksmoede: "netværksmødet",
    SofMoedetype.moede: "mødet",
}
#: The meetings of the fixed cadence (the case's follow-ups).
_CADENCED = (SofMoedetype.opfoelgning, SofMoedetype.netvaerksmoede)


class SofMoede(Part):
    """A meeting of the course, held or planned; numbered from 1 in the order of the list."""

    type: SofMoedetype = Field(
        title="Mødetype",
        description="opstartssamtale, opfoelgning (sagens faste opfølgning), netvaerksmoede "
        "(opfølgningen holdt med netværket) eller moede (et andet møde)",
    )
    status: Moedestatus = Field(default=Moedestatus.planlagt, title="Status")
    dato: dt.date = Field(title="Dato")
    start: Klokkeslaet | None = Field(default=None, title="Klokkeslæt (start)")
    slut: Klokkeslaet | None = Field(default=None, title="Klokkeslæt (slut)")
    sted: str | None = Field(default=None, title="Sted", examples=["Telefonisk"])
    deltagere: list[Noegle] = Field(default_factory=list, title="Deltagere")
    metode: Annotated[Metode, BeforeValidator(_method_key)] | None = Field(
        default=None,
        title="Metode",
        description="Signs of Safety (signs_of_safety) eller LØFT (loeft): mødenotatets form",
    )
    aftaler: list[SagAftale] = Field(
        default_factory=list, title="Aftaler", description="LØFT's fjerde tema"
    )
    notat: dict[str, Any] = Field(default_factory=dict, title="Mødenotat", description=_NOTAT)

    @model_validator(mode="after")
    def _times(self) -> Self:
        if self.start and self.slut and self.slut <= self.start:
            raise field_error("slut", "end_before_start", "mødet slutter, før det begynder")
        return self


class SofMaalbillede(Part):
    """The shared goal picture (E3); the goals as in the form."""

    oprettet: dt.date = Field(title="Dato for målbilledet")
    revideret: dt.date | None = Field(default=None, title="Senest revideret")
    foraeldre: list[Noegle] | None = Field(
        default=None,
        title="Forældre",
        description="Nøglerne på forældrene, der har lavet målbilledet; udeladt: alle forældre",
    )
    kortsigtede_maal: list[Maal] = Field(default_factory=list, title="Kortsigtede mål")
    langsigtede_maal: list[Maal] = Field(default_factory=list, title="Langsigtede mål")


class SofKoordinering(Part):
    """Who coordinates with one outside party (E5); the contact person is a key."""

    part: str = Field(title="Samarbejdspart", min_length=1, examples=["Lyngholmskolen"])
    type: Annotated[Parttype, BeforeValidator(key_or_wording(Parttype))] = Field(
        title="Type", description="skole, dagtilbud, PPR (ppr), terapi, sundhed, fritid, andet"
    )
    kontaktperson: Noegle | None = Field(
        default=None, title="Kontaktperson hos parten", description="Nøglen i netværket"
    )
    koordinerer: Annotated[Koordinerer, BeforeValidator(key_or_wording(Koordinerer))] = Field(
        title="Hvem koordinerer", description="familien eller sagsbehandleren"
    )
    kontaktformer: list[Annotated[Kontaktform, BeforeValidator(key_or_wording(Kontaktform))]] = (
        Field(title="Kontaktform", description="sms, telefon, mail, digital post, møde")
    )
    hvor_ofte: str | None = Field(default=None, title="Hvor ofte")
    noter: str | None = Field(default=None, title="Noter")


class SofKontrakt(Part):
    """The contract-based agreement with the family (E5)."""

    aftaledato: dt.date = Field(title="Aftalens dato")
    periode_fra: dt.date = Field(title="Aftalen gælder fra")
    periode_til: dt.date = Field(title="Aftalen gælder til")
    foraeldre: list[Noegle] | None = Field(
        default=None, title="Forældre", description="Nøglerne; udeladt: alle forældre"
    )
    kontakt_familie_sagsbehandler: list[
        Annotated[Kontaktform, BeforeValidator(key_or_wording(Kontaktform))]
    ] = Field(default_factory=list, title="Familien og sagsbehandleren holder kontakt via")
    koordineringer: list[SofKoordinering] = Field(title="Hvem koordinerer med hvem")


class SofAarshjul(Part):
    """The annual wheel (E2): its year and the activities besides the course's meetings."""

    aar: int = Field(ge=2000, le=2100, title="År")
    aktiviteter: list[Aktivitet] = Field(
        default_factory=list,
        title="Andre aktiviteter",
        description="Årets faste aktiviteter ud over forløbets opfølgninger og netværksmøder, "
        "som kommer fra forløbet",
    )


class SammenOmFamilienForloeb(Part):
    """The course of a case in Sammen om familien."""

    barn: Noegle = Field(title="Barnet", description="Nøglen på barnet i familien")
    sagsbehandler: Noegle = Field(title="Sagsbehandler", description="Nøglen i netværket")
    funktionsnedsaettelse: str | None = Field(default=None, title="Barnets funktionsnedsættelse")
    sagstype: kadence.Sagstype = Field(
        title="Sagstype",
        description="kompensation (opfølgning hver 3. måned) eller undersøgelse (hver 6. uge); "
        "kadencen er fast og kan ikke ændres lokalt",
    )
    start: dt.date = Field(title="Forløbet begynder", description="Kadencen regnes herfra")
    maaneder: int = Field(default=12, ge=1, le=36, title="Opfølgningsplanens længde (måneder)")
    afsluttet: dt.date | None = Field(default=None, title="Forløbet afsluttet")
    fokus: list[str] = Field(default_factory=list, title="Det følger vi op på")
    moeder: list[SofMoede] = Field(default_factory=list, title="Møder")
    maalbillede: SofMaalbillede | None = Field(default=None, title="Fælles målbillede")
    kontrakt: SofKontrakt | None = Field(default=None, title="Kontraktbaseret samarbejdsaftale")
    aarshjul: SofAarshjul | None = Field(default=None, title="Årshjul")


class SagSammenOmFamilien(SagBase):
    """A family's course in Sammen om familien, one file."""

    model: Literal["sammen_om_familien"] = Field(title="Samarbejdsmodel")
    sammen_om_familien: SammenOmFamilienForloeb = Field(title="Forløbet i Sammen om familien")


# -- the cadence -------------------------------------------------------------------------------
def cadence(sag: SagSammenOmFamilien, until: dt.date | None = None) -> list[dt.date]:
    """The follow-up dates of the case's fixed cadence (the planner's), at least through
    ``until`` and one beyond it."""
    f = sag.sammen_om_familien
    last = max([until or f.start, *(m.dato for m in f.moeder)])
    months = (last.year - f.start.year) * 12 + last.month - f.start.month + 5
    return [
        m.dato for m in kadence.sammen_om_familien(f.start, f.sagstype, months, case_calendar(sag))
    ]


def _rule(sag: SagSammenOmFamilien) -> str:
    f = sag.sammen_om_familien
    key = "sof_kompensation" if f.sagstype == kadence.Sagstype.kompensation else "sof_undersoegelse"
    return f"{kadence.REGLER[key].tekst} fra {dato(f.start)}"


def _live(sag: SagSammenOmFamilien) -> list[tuple[int, SofMoede]]:
    return [(i, m) for i, m in enumerate(sag.sammen_om_familien.moeder) if m.status != "aflyst"]


# -- the documents -----------------------------------------------------------------------------
def _notes(m: SofMoede) -> bool:
    return m.status == Moedestatus.afholdt and m.metode is not None


def documents(sag: SagSammenOmFamilien) -> list[Document]:
    """The follow-up plan, the consents, the goal picture, the contract and the annual wheel as
    they are written, then a note per held meeting written after a method, in order."""
    f = sag.sammen_om_familien
    out: list[Document] = [CaseDocument("opfoelgningsplan")]
    out += consent_documents(sag)
    if f.maalbillede is not None:
        out.append(CaseDocument("faelles_maalbillede"))
    if f.kontrakt is not None:
        out.append(CaseDocument("kontrakt_samarbejdsaftale"))
    if f.aarshjul is not None:
        out.append(CaseDocument("aarshjul"))
    out += [
        MeetingDocument("moedenotat_sos_loeft", moede=i + 1)
        for i, m in enumerate(f.moeder)
        if _notes(m)
    ]
    return out


def _short(b: Builder, key: str, day: dt.date) -> str:
    """ "Navn, rolle" as a note lists a participant: a parent's or personal contact's relation,
    a child's age on the day, a professional's function (to its first comma)."""
    p = b.person(key)
    if isinstance(p, Familiemedlem):
        if p.rolle == Rolle.barn:
            return f"{p.navn}, {age(p, day)} år"
        return f"{p.navn}, {p.relation.lower()}" if p.relation else p.navn
    if p.funktion:
        return f"{p.navn}, {p.funktion.split(',')[0].strip()}"
    return f"{p.navn}, {p.relation.lower()}" if p.relation else p.navn


def _parents(b: Builder, keys: list[str] | None) -> list[str]:
    if keys is not None:
        return [b.name(k) for k in keys]
    return [m.navn for m in b.sag.familie.medlemmer if m.rolle == Rolle.forælder]


def _familie(b: Builder) -> None:
    b.put("familie", f"Familien {b.sag.familie.navn}", "familie.navn")


def _opfoelgningsplan(b: Builder, sag: SagSammenOmFamilien) -> None:
    f = sag.sammen_om_familien
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    b.put("barn", b.name(f.barn), f"{_P}.barn")
    b.put("sagsbehandler", b.contact(f.sagsbehandler), f"{_P}.sagsbehandler")
    b.put("sagstype", str(f.sagstype), f"{_P}.sagstype")
    b.put("start", f.start, f"{_P}.start")
    b.put("maaneder", f.maaneder, f"{_P}.maaneder")
    b.put("fokus", list(f.fokus), f"{_P}.fokus")
    b.lukkedage()


def _maalbillede(b: Builder, sag: SagSammenOmFamilien) -> None:
    f = sag.sammen_om_familien
    mb = f.maalbillede
    assert mb is not None  # among the documents only then
    path = f"{_P}.maalbillede"
    child = b.person(f.barn)
    name = child.navn
    if isinstance(child, Familiemedlem):
        name = f"{child.navn} ({age(child, mb.oprettet)} år)"
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    b.put("barnets_navn", name, f"{_P}.barn")
    b.put("funktionsnedsaettelse", f.funktionsnedsaettelse, f"{_P}.funktionsnedsaettelse")
    b.put("foraeldre", _parents(b, mb.foraeldre), f"{path}.foraeldre")
    worker = b.person(f.sagsbehandler)
    what = getattr(worker, "funktion", None)
    b.put("sagsbehandler", f"{worker.navn}, {what}" if what else worker.navn, f"{_P}.sagsbehandler")
    b.put("oprettet", mb.oprettet, f"{path}.oprettet")
    b.put("revideret", mb.revideret, f"{path}.revideret")
    for name in ("kortsigtede_maal", "langsigtede_maal"):
        goals = [g.model_dump(mode="json", exclude_none=True) for g in getattr(mb, name)]
        b.put(name, goals, f"{path}.{name}")


def _kontrakt(b: Builder, sag: SagSammenOmFamilien) -> None:
    f = sag.sammen_om_familien
    k = f.kontrakt
    assert k is not None
    path = f"{_P}.kontrakt"
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    _familie(b)
    b.put("barn_navn", b.name(f.barn), f"{_P}.barn")
    b.put("sagsbehandler", b.contact(f.sagsbehandler), f"{_P}.sagsbehandler")
    b.put("foraeldre", _parents(b, k.foraeldre), f"{path}.foraeldre")
    b.put("aftaledato", k.aftaledato, f"{path}.aftaledato")
    b.put("periode_fra", k.periode_fra, f"{path}.periode_fra")
    b.put("periode_til", k.periode_til, f"{path}.periode_til")
    contact = [str(c) for c in k.kontakt_familie_sagsbehandler]
    b.put("kontakt_familie_sagsbehandler", contact, f"{path}.kontakt_familie_sagsbehandler")
    rows = []
    for c in k.koordineringer:
        row = c.model_dump(mode="json", exclude_none=True)
        if c.kontaktperson is not None:
            row["kontaktperson"] = _short(b, c.kontaktperson, k.aftaledato)
        rows.append(row)
    b.put("koordineringer", rows, f"{path}.koordineringer")


#: The activities the wheel takes from the course, by the names the wheel prints.
_WHEEL_NETWORK = "Netværksmøde"
_WHEEL_FOLLOW_UP = "Opfølgning"
_FROM_COURSE = {_WHEEL_NETWORK.casefold(), _WHEEL_FOLLOW_UP.casefold()}


def _aarshjul(b: Builder, sag: SagSammenOmFamilien) -> None:
    f = sag.sammen_om_familien
    w = f.aarshjul
    assert w is not None
    path = f"{_P}.aarshjul"
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    _familie(b)
    b.put("aar", w.aar, f"{path}.aar")
    items = [a.model_dump(mode="json", exclude_none=True) for a in w.aktiviteter]
    for _, m in _live(sag):
        if m.type == SofMoedetype.netvaerksmoede and m.dato.year == w.aar:
            items.append(
                {
                    "maaned": MAANEDER[m.dato.month - 1],
                    "aktivitet": _WHEEL_NETWORK,
                    "hvem": "familie og netværk",
                }
            )
    b.put("aktiviteter", items, f"{path}.aktiviteter")
    follow_up = {"sagstype": str(f.sagstype), "start": f.start.isoformat()}
    b.put("opfoelgning", follow_up, f"{_P}.start")
    b.lukkedage()


def _moedenotat(b: Builder, sag: SagSammenOmFamilien, nr: int) -> None:
    m = sag.sammen_om_familien.moeder[nr - 1]
    path = f"{_P}.moeder.{nr - 1}"
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    _familie(b)
    b.put("metode", str(m.metode), f"{path}.metode")
    b.put("dato", m.dato, f"{path}.dato")
    b.put("starttid", m.start, f"{path}.start")
    b.put("sluttid", m.slut, f"{path}.slut")
    b.sources.setdefault("starttid", f"{path}.start")
    b.sources.setdefault("sluttid", f"{path}.slut")
    b.put("deltagere", [_short(b, k, m.dato) for k in m.deltagere], f"{path}.deltagere")
    agreements = b.agreements(m.aftaler)
    if agreements:
        b.put("aftaler", agreements, f"{path}.aftaler")


_BUILDERS = {
    "opfoelgningsplan": (_opfoelgningsplan, ""),
    "faelles_maalbillede": (_maalbillede, ".maalbillede"),
    "kontrakt_samarbejdsaftale": (_kontrakt, ".kontrakt"),
    "aarshjul": (_aarshjul, ".aarshjul"),
}


def _made(sag: SagSammenOmFamilien, doc: Document) -> Made:
    """A document's data, sources, notes path and notes."""
    if isinstance(doc, ConsentDocument):
        return consent_made(sag, doc)
    if isinstance(doc, MeetingDocument):
        notes_path = f"{_P}.moeder.{doc.moede - 1}.notat"
        b = Builder(sag, notes_path)
        _moedenotat(b, sag, doc.moede)
        notes = sag.sammen_om_familien.moeder[doc.moede - 1].notat
        b.notes(notes)
        return b.data, b.sources, notes_path, notes
    fill, section = _BUILDERS[doc.form]
    b = Builder(sag, f"{_P}{section}")
    fill(b, sag)
    return b.data, b.sources, f"{_P}{section}", {}


def model_for(sag: SagSammenOmFamilien, doc: Document, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``doc``.

    Raises:
        DataError: the form's own rules, with paths in the case file; ``hjemmel`` given (the
            meeting note cannot print a legal basis for sharing without consent).
    """
    if hjemmel is not None:
        raise DataError(
            [
                Problem(
                    "",
                    "",
                    "dokumenterne i Sammen om familien kan ikke angive en hjemmel til deling "
                    "uden samtykke; indhent samtykket, eller lav dokumentet uden netværket",
                    "no_legal_basis_field",
                )
            ],
            form=doc.form,
        )
    return validated(doc.form, _made(sag, doc))


def find(
    sag: SagSammenOmFamilien,
    form: Any,
    *,
    moede: int | None = None,
    samtykke: int | None = None,
    til: str | None = None,
) -> Document:
    """The document ``form`` of the case (of meeting ``moede``, of consent ``samtykke``)."""
    name = form_of_model(MODEL, form)
    if til is not None:
        raise fail(
            "",
            f"dokumenterne i {MODEL.title} har faste modtagere (familien og mødets "
            "deltagere); en modtager angives ikke",
            "no_such_recipient",
        )
    meeting_in_range(moede, len(sag.sammen_om_familien.moeder), f"{_P}.moeder")
    consent_in_range(sag, samtykke)
    docs = documents(sag)
    matches = [
        d
        for d in docs
        if d.form == name
        and (moede is None or meeting_number(d) == moede)
        and (samtykke is None or consent_number(d) == samtykke)
    ]
    if len(matches) > 1:
        which = and_list(str(meeting_number(d) or consent_number(d)) for d in matches)
        what = "mødet" if name == "moedenotat_sos_loeft" else "samtykket"
        raise fail(
            "",
            f"sagen har flere af dette dokument (nr. {which}); angiv {what}",
            "ambiguous",
            "moede" if what == "mødet" else "samtykke",
        )
    if not matches:
        raise missing_document(" endnu", (d.form for d in docs))
    return replace(matches[0])


# -- the rules ---------------------------------------------------------------------------------
def check(sag: SagSammenOmFamilien) -> list[Problem]:
    """Every problem of the case (unlocated): the rules above, then each document's own."""
    rules = (_consents, _order, _closed_days, _cadence, _notes_need_method, _wheel)
    return check_case(sag, _references, rules, documents, _made)


def _references(sag: SagSammenOmFamilien) -> list[Problem]:
    idx = PeopleIndex(sag)
    f = sag.sammen_om_familien
    out = consent_references(sag, idx)
    out += child_reference(idx, f.barn, f"{_P}.barn")
    professionals = [(f"{_P}.sagsbehandler", f.sagsbehandler)]
    if f.kontrakt is not None:
        for i, c in enumerate(f.kontrakt.koordineringer):
            if c.kontaktperson is not None:
                path = f"{_P}.kontrakt.koordineringer.{i}.kontaktperson"
                professionals.append((path, c.kontaktperson))
    for path, key in professionals:
        if idx.person(key) is None:
            out.append(reference(path))
        elif key not in idx.netvaerk or not idx.netvaerk[key][1].professionel:
            out.append(
                Problem(
                    path, "", "personen skal være en professionel i netværket", "not_in_network"
                )
            )
    parents = []
    if f.maalbillede is not None and f.maalbillede.foraeldre is not None:
        parents += [
            (f"{_P}.maalbillede.foraeldre.{i}", k) for i, k in enumerate(f.maalbillede.foraeldre)
        ]
    if f.kontrakt is not None and f.kontrakt.foraeldre is not None:
        parents += [(f"{_P}.kontrakt.foraeldre.{i}", k) for i, k in enumerate(f.kontrakt.foraeldre)]
    for path, key in parents:
        member = idx.medlemmer.get(key)
        if member is None:
            out.append(reference(path, "familiemedlemmer"))
        elif member[1].rolle != Rolle.forælder:
            out.append(
                Problem(path, "", "familiemedlemmet er ikke en forælder (rolle)", "not_a_parent")
            )
    for i, m in enumerate(f.moeder):
        keys = [(f"{_P}.moeder.{i}.deltagere.{j}", k) for j, k in enumerate(m.deltagere)]
        for j, a in enumerate(m.aftaler):
            keys += [
                (f"{_P}.moeder.{i}.aftaler.{j}.ansvarlige.{n}", k)
                for n, k in enumerate(a.ansvarlige)
            ]
        out += [reference(path) for path, key in keys if idx.person(key) is None]
    return out


def _consents(sag: SagSammenOmFamilien) -> list[Problem]:
    """Every professional at a meeting (not the caseworker, who sends the documents) gets the
    family's information on its day: a valid consent must cover the partner, by the toolbox's
    rules (:func:`samarbejdsdok.sag.regler.coverage`). One problem per cause."""
    idx = PeopleIndex(sag)
    f = sag.sammen_om_familien
    # The caseworker takes the coordinator's place as the sender.
    view = cast(
        Any,
        SimpleNamespace(
            familiekoordinator=f.sagsbehandler, samtykker=sag.samtykker, familie=sag.familie
        ),
    )
    uncovered = []
    for i, m in _live(sag):
        for j, key in enumerate(m.deltagere):
            person = idx.netvaerk.get(key)
            if person is None:
                continue
            reasons = coverage(view, person[1], m.dato)
            if reasons:
                where = f"{_P}.moeder.{i}.deltagere.{j}"
                uncovered.append(Uncovered(reasons, where, i + 1, m.dato, str(person[1].part)))
    return grouped_consent_problems(uncovered, "møde")


def _order(sag: SagSammenOmFamilien) -> list[Problem]:
    """The course's dates in order."""
    f = sag.sammen_om_familien
    out = []
    live = _live(sag)
    previous: tuple[int, SofMoede] | None = None
    for i, m in live:
        path = f"{_P}.moeder.{i}.dato"
        if m.dato < f.start:
            out.append(
                Problem(
                    path,
                    "",
                    f"{MOEDENAVNE[m.type]} ({dato(m.dato)}) ligger før forløbets start "
                    f"({dato(f.start)}); kadencen regnes fra starten",
                    "date_out_of_order",
                )
            )
        elif previous is not None and m.dato < previous[1].dato:
            out.append(
                Problem(
                    path,
                    "",
                    f"{MOEDENAVNE[m.type]} ({dato(m.dato)}) ligger før møde {previous[0] + 1} "
                    f"({dato(previous[1].dato)}); møderne skrives i den rækkefølge, de holdes",
                    "date_out_of_order",
                )
            )
        elif f.afsluttet is not None and m.dato > f.afsluttet:
            out.append(
                Problem(
                    path,
                    "",
                    f"{MOEDENAVNE[m.type]} ({dato(m.dato)}) ligger efter, at forløbet blev "
                    f"afsluttet ({dato(f.afsluttet)})",
                    "date_out_of_order",
                )
            )
        previous = (i, m)
    starts = [(i, m) for i, m in live if m.type == SofMoedetype.opstartssamtale]
    if starts:
        k, first = starts[0]
        for i, m in live:
            if m.type != SofMoedetype.opstartssamtale and m.dato < first.dato and m.dato >= f.start:
                out.append(
                    Problem(
                        f"{_P}.moeder.{i}.dato",
                        "",
                        f"{MOEDENAVNE[m.type]} ({dato(m.dato)}) ligger før opstartssamtalen "
                        f"({dato(first.dato)}, møde {k + 1}); forløbet begynder med "
                        "opstartssamtalen",
                        "date_out_of_order",
                    )
                )
    for section, field, what in (
        ("maalbillede", "oprettet", "målbilledet"),
        ("kontrakt", "aftaledato", "samarbejdsaftalen"),
    ):
        part = getattr(f, section)
        if part is not None and getattr(part, field) < f.start:
            out.append(
                Problem(
                    f"{_P}.{section}.{field}",
                    "",
                    f"{what} ({dato(getattr(part, field))}) ligger før forløbets start "
                    f"({dato(f.start)})",
                    "date_out_of_order",
                )
            )
    return out


def _closed_days(sag: SagSammenOmFamilien) -> list[Problem]:
    kalender = case_calendar(sag)
    out = []
    for i, m in _live(sag):
        closed = kalender.closed(m.dato)
        if closed is not None:
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"{MOEDENAVNE[m.type]} ligger på en dag, hvor kommunen holder lukket "
                    f"({closed} {dato(m.dato)}); vælg en arbejdsdag",
                    "meeting_on_closed_day",
                )
            )
    return out


def _cadence(sag: SagSammenOmFamilien) -> list[Problem]:
    """The follow-ups at the fixed cadence: none missed, the next one planned; the network
    meetings at theirs."""
    f = sag.sammen_om_familien
    held = [(i, m) for i, m in _live(sag) if m.type in _CADENCED and m.dato > f.start]
    last_day = max([m.dato for _, m in _live(sag)], default=f.start)
    horizon = f.afsluttet if f.afsluttet is not None else last_day
    dates = cadence(sag, horizon)
    rule = _rule(sag)
    out = []
    previous = f.start
    for n, due in enumerate(dates, start=1):
        if due > horizon:
            break
        if not any(previous < m.dato <= due for _, m in held):
            later = [i for i, m in held if m.dato > due]
            path = f"{_P}.moeder.{later[0]}.dato" if later else f"{_P}.afsluttet"
            out.append(
                Problem(
                    path,
                    "",
                    f"opfølgning {n} mangler: sagen følges op {rule}, så opfølgning {n} skulle "
                    f"holdes efter {dato(previous)} og senest den {dato(due)}; der er ingen "
                    "opfølgning eller netværksmøde i den periode",
                    "follow_up_missed",
                )
            )
        previous = due
    out += _network_cadence(sag, horizon)
    if f.afsluttet is None and held:
        i, last = held[-1]
        if last.status == Moedestatus.afholdt:
            due = min(d for d in dates if d > last.dato)
            n = dates.index(due) + 1
            out.append(
                Problem(
                    f"{_P}.moeder.{i}",
                    "",
                    f"der er ikke planlagt en opfølgning efter {MOEDENAVNE[last.type]} den "
                    f"{dato(last.dato)}; opfølgning {n} skal holdes senest den {dato(due)} "
                    f"({rule}), medmindre forløbet afsluttes før",
                    "next_follow_up_missing",
                )
            )
    return out


def _network_cadence(sag: SagSammenOmFamilien, horizon: dt.date) -> list[Problem]:
    """The network meetings every six months: each within six months of the start or the one
    before, and none missing while the course runs (up to ``horizon``)."""
    f = sag.sammen_om_familien
    kalender = case_calendar(sag)
    rule = kadence.REGLER["sof_netvaerk"].tekst
    out = []
    previous, since = f.start, f"forløbets start ({dato(f.start)})"
    for i, m in _live(sag):
        if m.type != SofMoedetype.netvaerksmoede:
            continue
        due = kadence.naeste_sof_netvaerksmoede(previous, kalender)
        if m.dato > due:
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"netværksmødet ({dato(m.dato)}) ligger uden for kadencen: netværksmøderne "
                    f"holdes {rule}, så det skulle holdes senest den {dato(due)}, seks måneder "
                    f"efter {since}",
                    "network_meeting_outside_cadence",
                )
            )
        previous, since = m.dato, f"netværksmødet {dato(m.dato)}"
    due = kadence.naeste_sof_netvaerksmoede(previous, kalender)
    if horizon > due:
        later = [i for i, m in _live(sag) if m.dato > due]
        path = f"{_P}.moeder.{later[0]}.dato" if later else f"{_P}.afsluttet"
        out.append(
            Problem(
                path,
                "",
                f"der mangler et netværksmøde: netværksmøderne holdes {rule}, så efter {since} "
                f"skulle det næste holdes senest den {dato(due)}",
                "network_meeting_missed",
            )
        )
    return out


def _notes_need_method(sag: SagSammenOmFamilien) -> list[Problem]:
    out = []
    for i, m in enumerate(sag.sammen_om_familien.moeder):
        if (m.notat or m.aftaler) and m.metode is None:
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.metode",
                    "",
                    "mødenotatet skrives efter Signs of Safety eller LØFT; angiv metode "
                    "(signs_of_safety eller loeft)",
                    "method_missing",
                )
            )
    return out


def _wheel(sag: SagSammenOmFamilien) -> list[Problem]:
    """The wheel's year lies in the course; its meetings come from the course."""
    f = sag.sammen_om_familien
    w = f.aarshjul
    if w is None:
        return []
    out = []
    end = f.afsluttet or (f.start + relativedelta(months=f.maaneder) - dt.timedelta(days=1))
    if not f.start.year <= w.aar <= end.year:
        out.append(
            Problem(
                f"{_P}.aarshjul.aar",
                "",
                f"årshjulets år ({w.aar}) ligger uden for forløbet ({dato(f.start)} – {dato(end)})",
                "wheel_outside_course",
            )
        )
    for i, a in enumerate(w.aktiviteter):
        if a.aktivitet.strip().casefold() in {
            _WHEEL_NETWORK.casefold(),
            _WHEEL_FOLLOW_UP.casefold(),
        }:
            out.append(
                Problem(
                    f"{_P}.aarshjul.aktiviteter.{i}.aktivitet",
                    "",
                    "årshjulets opfølgninger og netværksmøder kommer fra forløbet "
                    f"({_P}.moeder og kadencen); skriv mødet dér",
                    "filled_from_case",
                )
            )
    return out


MODEL = CaseModel(
    name="sammen_om_familien",
    title="Sammen om familien",
    case=SagSammenOmFamilien,
    sections=("sammen_om_familien",),
    example="data/sag_eksempel_sammen_om_familien.yaml",
    forms=frozenset({*_BUILDERS, "moedenotat_sos_loeft", "samtykke_generel", "samtykke_statistik"}),
    documents=documents,
    check=check,
    model_for=model_for,
    find=find,
    build=builder(_made),
)
