"""A placement in BBU's coordinated meeting series as a case file (``model: bbu``).

Source: Københavns Kommune, BBU, *Det gode samarbejde – fra principper til praksis* (FORMS.md,
D1–D3). The course, in the section ``bbu:``: the child (a family member's key), the placement
(``tilbud``: the institution; ``anbringelse``: its start and whether it was acute), the
authority's caseworker and the institution's social worker and contact pedagogue (keys in the
network), the decisions (``afgoerelser``) and the move-out (``udflytning``); the meetings of the
seven types with their minutes (``moeder``); and the goals and sub-goals written with the family
(``maal``). Every document is made from the case: the course plan (D1) always, the minutes (D2)
of each held meeting whose minutes are written (``notat``), the goals (D3), and a declaration
per consent (A7/A8). The minutes get the move-out as the planned move-out (the discharge talk's
as its own point), so the last status meeting before it needs no next one.

The case's rules (:func:`check`), each with its code and the path it names. The dates come from
the planner (:mod:`samarbejdsdok.kadence`), on the case's calendar:

* the keys name people in the case: the child a child of the family, the caseworker, the social
  worker and the contact pedagogue professionals in the network (``unknown_reference``,
  ``not_a_child``, ``not_in_network``);
* the dates in the course's order: decisions and the move-out after the start; no meeting but a
  visitation or a cooperation meeting before the start, none before the intake talk but those
  and the child talk, none but the discharge talk after the move-out, the discharge talk after
  it (``date_out_of_order``, ``meeting_out_of_order``, ``meeting_after_move_out``);
* meetings on the municipality's working days (``meeting_on_closed_day``), except the talks an
  acute placement's hour rules put on the placement's day or the next (Døgnvagten);
* the intake talk at the placement's start, within 48 hours after an acute one
  (``intake_too_late``); the child talk at the start, within 24 hours when the caseworker was not
  at the intake (``child_talk_too_late``), before each decision (``child_talk_missing``) and before
  the follow-up after three months;
* status meetings weekly in the first four weeks, then at least every other week
  (``status_meeting_too_late``, :func:`~samarbejdsdok.kadence.naeste_statusmoede`); network
  meetings first within the first four weeks, then at least every 8 weeks
  (``network_meeting_too_late``, :func:`~samarbejdsdok.kadence.naeste_bbu_netvaerksmoede`);
* a meeting the planner requires that is not in the course before a later meeting
  (``meeting_missing``); "Aftal altid næste statusmøde": a held meeting is followed by a status
  meeting in the case, unless the child moves out first (``next_status_meeting_missing``); each
  message proposes the planner's date;
* the discharge talk 2–4 weeks after the move-out (``discharge_talk_outside_window``), and in
  the case once the move-out is (``discharge_talk_missing``);
* the minutes go to the meeting's participants: a professional outside the placement's parties
  (the caseworker's and the institution's partners), e.g. the school at a network meeting, is
  covered by a valid consent on the day (``consent_missing``, the toolbox's consent rules). The
  minutes cannot print a legal basis, so ``--allow-without-consent`` does not apply.

Then each document passes its form's own rules, reported where the value is in the case file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field

from ... import kadence
from ..._wording import and_list
from ...errors import ConsentError, DataError, Problem
from ...fields import Klokkeslaet
from ...formatting import dato
from ...forms._base import Part
from ..dokumenter import CaseDocument, ConsentDocument, Document, MeetingDocument
from ..model import Moedestatus, Netvaerksperson, Noegle, Rolle, SagAftale, SagBase
from ..regler import PeopleIndex, case_calendar, coverage
from . import CaseModel, fail
from .felles import (
    Builder,
    Made,
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
    professional_references,
    reference,
    validated,
)

__all__ = [
    "MODEL",
    "SagBbu",
    "BbuForloeb",
    "BbuAnbringelse",
    "BbuMoede",
    "BbuMoedetype",
    "BbuMaal",
    "BbuMaalpunkt",
    "BbuDelmaal",
    "check",
    "documents",
]

_P = "bbu"
_DAY = dt.timedelta(days=1)
_FOUR_WEEKS = dt.timedelta(weeks=4)


class BbuMoedetype(StrEnum):
    """The seven meeting types of BBU's series, by their ASCII keys (the minutes' sections)."""

    visitationsmoede = "visitationsmoede"
    indskrivningssamtale = "indskrivningssamtale"
    boernesamtale = "boernesamtale"
    statusmoede = "statusmoede"
    netvaerksmoede = "netvaerksmoede"
    samarbejdsmoede = "samarbejdsmoede"
    udskrivningssamtale = "udskrivningssamtale"


#: The meeting types' Danish names, as messages print them.
NAVNE: dict[BbuMoedetype, str] = {
    BbuMoedetype.visitationsmoede: "visitationsmødet",
    BbuMoedetype.indskrivningssamtale: "indskrivningssamtalen",
    BbuMoedetype.boernesamtale: "børnesamtalen",
    BbuMoedetype.statusmoede: "statusmødet",
    BbuMoedetype.netvaerksmoede: "netværksmødet",
    BbuMoedetype.samarbejdsmoede: "samarbejdsmødet",
    BbuMoedetype.udskrivningssamtale: "udskrivningssamtalen",
}

_NOTAT = (
    "Referatets punkter med navnene fra formularen bbu_referat: mødetypens afsnit (fx "
    "statusmoede: information_barn, ...) og noter. Referatet laves, når mødet er afholdt og "
    "notatet skrevet"
)


class BbuAnbringelse(Part):
    """The placement: its start and whether it was acute."""

    start: dt.date = Field(title="Anbringelsens start", description="Dag 1 i forløbsplanen")
    akut: bool = Field(
        default=False,
        title="Akut anbringelse",
        description="Så holdes indskrivningssamtalen inden for 48 timer",
    )


class BbuMoede(Part):
    """A meeting of the series, held or planned; numbered from 1 in the order of the list."""

    type: BbuMoedetype = Field(
        title="Mødetype",
        description="visitationsmoede, indskrivningssamtale, boernesamtale, statusmoede, "
        "netvaerksmoede, samarbejdsmoede eller udskrivningssamtale",
    )
    status: Moedestatus = Field(default=Moedestatus.planlagt, title="Status")
    dato: dt.date = Field(title="Dato")
    start: Klokkeslaet | None = Field(default=None, title="Klokkeslæt (start)")
    slut: Klokkeslaet | None = Field(default=None, title="Klokkeslæt (slut)")
    sted: str | None = Field(default=None, title="Sted", examples=["På tilbuddet", "Telefonisk"])
    deltagere: list[Noegle] = Field(default_factory=list, title="Deltagere")
    referent: Noegle | None = Field(default=None, title="Referent")
    aftaler: list[SagAftale] = Field(default_factory=list, title="Aftaler")
    notat: dict[str, Any] = Field(default_factory=dict, title="Referat", description=_NOTAT)


class BbuDelmaal(Part):
    """A concrete sub-goal; those responsible are keys of people in the case."""

    delmaal: str = Field(title="Delmål", min_length=1)
    ansvarlige: list[Noegle] = Field(title="Ansvarlig(e)", min_length=1)
    tidsfrist: dt.date = Field(title="Tidsfrist")
    status: str | None = Field(
        default=None, title="Status", description="ikke påbegyndt, i gang eller nået"
    )


class BbuMaalpunkt(Part):
    """A goal, as the family and the professionals agree it."""

    maal: str = Field(title="Mål", min_length=1)
    egne_ord: str | None = Field(default=None, title="Med barnets/familiens egne ord")
    delmaal: list[BbuDelmaal] = Field(title="Delmål", min_length=1)
    revideret: dt.date | None = Field(default=None, title="Senest revideret")


class BbuMaal(Part):
    """The goals and sub-goals written with the family (D3)."""

    dato: dt.date = Field(title="Dato", description="Datoen målene blev skrevet eller revideret")
    deltagere: list[Noegle] = Field(
        title="Deltagere", min_length=1, description="Nøglerne; familien er altid med"
    )
    maal: list[BbuMaalpunkt] = Field(title="Mål", min_length=1)
    naeste_revision: dt.date = Field(title="Næste fælles revision")


class BbuForloeb(Part):
    """A placement's course in BBU's coordinated meeting series."""

    barn: Noegle = Field(title="Barnet", description="Nøglen på barnet i familien")
    tilbud: str = Field(title="Tilbud/anbringelsessted", min_length=1)
    anbringelse: BbuAnbringelse = Field(title="Anbringelsen")
    sagsbehandler: Noegle = Field(
        title="Myndighedssagsbehandler", description="Nøglen på sagsbehandleren i netværket"
    )
    socialraadgiver: Noegle | None = Field(
        default=None,
        title="Tilbuddets socialrådgiver eller psykolog",
        description="Nøglen i netværket",
    )
    kontaktpaedagog: Noegle | None = Field(
        default=None, title="Barnets kontaktpædagog", description="Nøglen i netværket"
    )
    afgoerelser: list[dt.date] = Field(
        default_factory=list,
        title="Afgørelser",
        description="Datoerne for afgørelserne; før hver holdes en børnesamtale",
    )
    udflytning: dt.date | None = Field(
        default=None,
        title="Barnets udflytning",
        description="Udskrivningssamtalen holdes 2–4 uger efter",
    )
    moeder: list[BbuMoede] = Field(default_factory=list, title="Møder")
    maal: BbuMaal | None = Field(default=None, title="Mål og delmål")


class SagBbu(SagBase):
    """A placement in BBU's coordinated meeting series, one file."""

    model: Literal["bbu"] = Field(title="Samarbejdsmodel")
    bbu: BbuForloeb = Field(title="Anbringelsen og mødeforløbet")


# -- the documents -----------------------------------------------------------------------------
def _active(sag: SagBbu) -> list[tuple[int, BbuMoede]]:
    """The meetings that count (not cancelled), by number (from 0), in date order."""
    out = [(i, m) for i, m in enumerate(sag.bbu.moeder) if m.status != Moedestatus.aflyst]
    return sorted(out, key=lambda im: (im[1].dato, im[0]))


def documents(sag: SagBbu) -> list[Document]:
    """The course plan, the consents, the minutes of each held meeting with minutes, the goals."""
    f = sag.bbu
    out: list[Document] = [CaseDocument("forloebsplan")]
    out += consent_documents(sag)
    for i, m in enumerate(f.moeder):
        if m.status == Moedestatus.afholdt and m.notat:
            out.append(MeetingDocument("bbu_referat", moede=i + 1))
    if f.maal is not None:
        out.append(CaseDocument("maal_og_delmaal"))
    return out


def _without_caseworker(sag: SagBbu) -> bool:
    """Whether the caseworker missed the intake talk (then the child talk is within 24 hours):
    the first intake talk in the case does not list the caseworker."""
    f = sag.bbu
    intake = next((m for _, m in _active(sag) if m.type == BbuMoedetype.indskrivningssamtale), None)
    return intake is not None and bool(intake.deltagere) and f.sagsbehandler not in intake.deltagere


def _worker(b: Builder, key: str) -> str:
    """ "Navn, funktion" of a professional (as D1 prints the caseworker)."""
    p = b.person(key)
    funktion = getattr(p, "funktion", None)
    return f"{p.navn}, {funktion}" if funktion else p.navn


def _forloebsplan(b: Builder, sag: SagBbu) -> None:
    f = sag.bbu
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    b.put("barn", b.name(f.barn), f"{_P}.barn")
    b.put("sagsbehandler", _worker(b, f.sagsbehandler), f"{_P}.sagsbehandler")
    b.put("anbringelsessted", f.tilbud, f"{_P}.tilbud")
    b.put("start", f.anbringelse.start, f"{_P}.anbringelse.start")
    b.put("akut", f.anbringelse.akut, f"{_P}.anbringelse.akut")
    if _without_caseworker(sag):
        b.put("indskrivning_uden_sagsbehandler", True, f"{_P}.moeder")
    if f.afgoerelser:
        b.put("afgoerelser", [d.isoformat() for d in f.afgoerelser], f"{_P}.afgoerelser")
    b.put("udflytning", f.udflytning, f"{_P}.udflytning")
    b.lukkedage()


def _role(sag: SagBbu, idx: PeopleIndex, key: str) -> str:
    """A participant's role in the minutes: the child, a parent's relation, the placement's
    roles, else the person's function or relation."""
    f = sag.bbu
    roles = {
        f.sagsbehandler: "myndighedssagsbehandler",
        f.socialraadgiver: "tilbuddets socialrådgiver",
        f.kontaktpaedagog: "kontaktpædagog",
    }
    if key in roles:
        return roles[key]
    if key == f.barn:
        return "barnet"
    member = idx.medlemmer.get(key)
    if member is not None:
        return (member[1].relation or str(member[1].rolle)).lower()
    p = idx.netvaerk[key][1]
    return p.funktion or (p.relation or "netværk").lower()


def _referat(b: Builder, sag: SagBbu, nr: int) -> None:
    f = sag.bbu
    m = f.moeder[nr - 1]
    path = f"{_P}.moeder.{nr - 1}"
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    b.put("moedetype", str(m.type), f"{path}.type")
    b.put("barn", b.name(f.barn), f"{_P}.barn")
    b.put("tilbud", f.tilbud, f"{_P}.tilbud")
    b.put("anbringelsens_start", f.anbringelse.start, f"{_P}.anbringelse.start")
    b.put("dato", m.dato, f"{path}.dato")
    b.put("starttid", m.start, f"{path}.start")
    b.sources.setdefault("starttid", f"{path}.start")
    b.put("sluttid", m.slut, f"{path}.slut")
    b.sources.setdefault("sluttid", f"{path}.slut")
    b.put("sted", m.sted, f"{path}.sted")
    people = [{"navn": b.name(k), "rolle": _role(sag, b.idx, k)} for k in m.deltagere]
    b.put("deltagere", people, f"{path}.deltagere")
    b.put("referent", b.name(m.referent) if m.referent else None, f"{path}.referent")
    b.put("aftaler", b.agreements(m.aftaler), f"{path}.aftaler")
    # The meeting's points, with what the case knows: an acute placement, the move-out.
    key = str(m.type)
    points = m.notat.get(key)
    if isinstance(points, dict):
        extra: dict[str, Any] = {}
        if m.type == BbuMoedetype.indskrivningssamtale:
            extra["akut"] = f.anbringelse.akut
        if m.type == BbuMoedetype.udskrivningssamtale and f.udflytning is not None:
            extra["udflytning"] = f.udflytning.isoformat()
        if extra:
            b.put(key, {**points, **extra}, f"{path}.notat.{key}")
    # The move-out (the discharge talk's points hold it): when the child moves out before the
    # next status meeting is due, the minutes need none and say that no more are held.
    if m.type != BbuMoedetype.udskrivningssamtale:
        b.put("udflytning_planlagt", f.udflytning, f"{_P}.udflytning")
    nxt = _next_status(sag, nr - 1)
    agreed = m.type != BbuMoedetype.visitationsmoede or bool(
        isinstance(points, dict) and points.get("aftale_indgaaet")
    )
    if nxt is not None and agreed and m.type != BbuMoedetype.udskrivningssamtale:
        k, s = nxt
        b.put("naeste_statusmoede", s.dato, f"{_P}.moeder.{k}.dato")
        b.put("naeste_statusmoede_kl", s.start, f"{_P}.moeder.{k}.start")
    else:  # the next status meeting comes from the case: a missing one is this meeting's
        b.sources["naeste_statusmoede"] = path
    b.lukkedage()


def _next_status(sag: SagBbu, i: int) -> tuple[int, BbuMoede] | None:
    """The first status meeting in the case after meeting ``i`` (from 0), not cancelled."""
    m = sag.bbu.moeder[i]
    later = [
        (k, s)
        for k, s in _active(sag)
        if s.type == BbuMoedetype.statusmoede and s.dato > m.dato and k != i
    ]
    return later[0] if later else None


_D3_ROLES = {"mor": "mor", "far": "far"}


def _maal(b: Builder, sag: SagBbu) -> None:
    f = sag.bbu
    g = f.maal
    assert g is not None  # among the documents only then
    path = f"{_P}.maal"
    b.put("organisation", sag.organisation.model_dump(exclude_none=True), "organisation")
    b.put("barn_navn", b.name(f.barn), f"{_P}.barn")
    b.put("dato", g.dato, f"{path}.dato")
    people = []
    for key in g.deltagere:
        p = b.person(key)
        person: dict[str, Any] = {"navn": p.navn, "rolle": _d3_role(sag, b.idx, key)}
        funktion = getattr(p, "funktion", None) or (
            p.relation if isinstance(p, Netvaerksperson) else None
        )
        if funktion:
            person["funktion"] = funktion
        people.append(person)
    b.put("deltagere", people, f"{path}.deltagere")
    goals = []
    for goal in g.maal:
        item: dict[str, Any] = {"maal": goal.maal}
        if goal.egne_ord:
            item["egne_ord"] = goal.egne_ord
        if goal.revideret:
            item["revideret"] = goal.revideret.isoformat()
        item["delmaal"] = [
            {
                "delmaal": d.delmaal,
                "ansvarlig": and_list(b.name(k) for k in d.ansvarlige),
                "tidsfrist": d.tidsfrist.isoformat(),
                **({"status": d.status} if d.status else {}),
            }
            for d in goal.delmaal
        ]
        goals.append(item)
    b.put("maal", goals, f"{path}.maal")
    b.put("naeste_revision", g.naeste_revision, f"{path}.naeste_revision")


def _d3_role(sag: SagBbu, idx: PeopleIndex, key: str) -> str:
    f = sag.bbu
    if key == f.barn:
        return "barnet"
    member = idx.medlemmer.get(key)
    if member is not None:
        m = member[1]
        if m.rolle == Rolle.forælder:
            return _D3_ROLES.get((m.relation or "").lower(), "forælder")
        return "anden i familien"
    p = idx.netvaerk[key][1]
    if not p.professionel:
        return "netværk"
    if key == f.sagsbehandler:
        return "sagsbehandler"
    if key in (f.socialraadgiver, f.kontaktpaedagog):
        return "udfører"
    return "anden fagperson"


def _made(sag: SagBbu, doc: Document) -> Made:
    """A document's data, sources, notes path and notes."""
    if isinstance(doc, ConsentDocument):
        return consent_made(sag, doc)
    if isinstance(doc, MeetingDocument):
        notes_path = f"{_P}.moeder.{doc.moede - 1}.notat"
        b = Builder(sag, notes_path)
        _referat(b, sag, doc.moede)
        notes = sag.bbu.moeder[doc.moede - 1].notat
        b.notes(notes)
        return b.data, b.sources, notes_path, notes
    if doc.form == "forloebsplan":
        b = Builder(sag, f"{_P}")
        _forloebsplan(b, sag)
        return b.data, b.sources, _P, {}
    b = Builder(sag, f"{_P}.maal")
    _maal(b, sag)
    return b.data, b.sources, f"{_P}.maal", {}


def model_for(sag: SagBbu, doc: Document, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``doc``.

    Raises:
        ConsentError: the minutes of a meeting with a professional outside the placement whom
            no valid consent covers on the day.
        DataError: the form's own rules, with paths in the case file; ``hjemmel`` given (the
            forms cannot print it).
    """
    if hjemmel is not None and doc.form in ("bbu_referat", "forloebsplan", "maal_og_delmaal"):
        raise DataError(
            [
                Problem(
                    "",
                    "",
                    "BBU-dokumenterne kan ikke angive en hjemmel til deling uden samtykke; "
                    "referatet går kun til mødets deltagere",
                    "no_legal_basis_field",
                )
            ],
            form=doc.form,
        )
    if isinstance(doc, MeetingDocument):
        problems = [p for p in _consents(sag) if p.path.startswith(f"{_P}.moeder.{doc.moede - 1}.")]
        if problems:
            raise ConsentError(problems, form=doc.form)
    return validated(doc.form, _made(sag, doc))


def find(
    sag: SagBbu,
    form: Any,
    *,
    moede: int | None = None,
    samtykke: int | None = None,
    til: str | None = None,
) -> Document:
    """The document ``form`` (meeting ``moede`` for minutes, consent ``samtykke``); the
    documents have fixed recipients (the participants, the parties), so no ``til``."""
    name = form_of_model(MODEL, form)
    if til is not None:
        raise fail(
            "",
            f"dokumenterne i {MODEL.title} har faste modtagere (mødets deltagere og "
            "anbringelsens parter); en modtager angives ikke",
            "no_such_recipient",
        )
    meeting_in_range(moede, len(sag.bbu.moeder), f"{_P}.moeder")
    consent_in_range(sag, samtykke)
    docs = documents(sag)
    matches = [
        d
        for d in docs
        if d.form == name
        and (moede is None or (isinstance(d, MeetingDocument) and d.moede == moede))
        and (samtykke is None or (isinstance(d, ConsentDocument) and d.samtykke == samtykke))
    ]
    if len(matches) > 1:
        numbers = and_list(
            str(d.moede if isinstance(d, MeetingDocument) else getattr(d, "samtykke", ""))
            for d in matches
        )
        raise fail(
            "",
            f"sagen har flere af dette dokument (nr. {numbers}); angiv mødet eller samtykket",
            "ambiguous",
            "moede",
            "samtykke",
        )
    if not matches:
        where = f" for møde {moede}" if moede else ""
        held = (
            " (referatet laves, når mødet er afholdt og dets notat skrevet)"
            if name == "bbu_referat"
            else ""
        )
        raise missing_document(where + held, (d.form for d in docs))
    return replace(matches[0])


# -- the rules ---------------------------------------------------------------------------------
def check(sag: SagBbu) -> list[Problem]:
    """Every problem of the case (unlocated): the rules above, then each document's own."""
    rules = (_order, _closed_days, _cadence, _consents)
    return check_case(sag, _references, rules, documents, _made)


def _references(sag: SagBbu) -> list[Problem]:
    idx = PeopleIndex(sag)
    f = sag.bbu
    out = consent_references(sag, idx)
    out += child_reference(idx, f.barn, f"{_P}.barn")
    roles = [
        (f"{_P}.sagsbehandler", f.sagsbehandler),
        (f"{_P}.socialraadgiver", f.socialraadgiver),
        (f"{_P}.kontaktpaedagog", f.kontaktpaedagog),
    ]
    out += professional_references(idx, roles)
    keys: list[tuple[str, str]] = []
    for i, m in enumerate(f.moeder):
        p = f"{_P}.moeder.{i}"
        keys += [(f"{p}.deltagere.{j}", k) for j, k in enumerate(m.deltagere)]
        if m.referent is not None:
            keys.append((f"{p}.referent", m.referent))
        for j, a in enumerate(m.aftaler):
            keys += [(f"{p}.aftaler.{j}.ansvarlige.{n}", k) for n, k in enumerate(a.ansvarlige)]
    if f.maal is not None:
        p = f"{_P}.maal"
        keys += [(f"{p}.deltagere.{j}", k) for j, k in enumerate(f.maal.deltagere)]
        for j, goal in enumerate(f.maal.maal):
            for n, d in enumerate(goal.delmaal):
                keys += [
                    (f"{p}.maal.{j}.delmaal.{n}.ansvarlige.{r}", k)
                    for r, k in enumerate(d.ansvarlige)
                ]
    for path, key in keys:
        if idx.person(key) is None:
            out.append(reference(path))
    return out


def _order(sag: SagBbu) -> list[Problem]:
    """The course's dates in order: the decisions and the move-out after the start, the
    meetings in the series' order around the start, the intake and the move-out."""
    f = sag.bbu
    start = f.anbringelse.start
    out = []
    for i, d in enumerate(f.afgoerelser):
        if d < start:
            out.append(
                Problem(
                    f"{_P}.afgoerelser.{i}",
                    "",
                    f"afgørelsen ({dato(d)}) ligger før anbringelsens start ({dato(start)})",
                    "date_out_of_order",
                )
            )
    if f.udflytning is not None and f.udflytning <= start:
        out.append(
            Problem(
                f"{_P}.udflytning",
                "",
                f"udflytningen ({dato(f.udflytning)}) skal ligge efter anbringelsens start "
                f"({dato(start)})",
                "date_out_of_order",
            )
        )
    before_start = (BbuMoedetype.visitationsmoede, BbuMoedetype.samarbejdsmoede)
    intake = next(
        ((i, m) for i, m in _active(sag) if m.type == BbuMoedetype.indskrivningssamtale), None
    )
    for i, m in _active(sag):
        path = f"{_P}.moeder.{i}.dato"
        name = NAVNE[m.type]
        if m.type == BbuMoedetype.visitationsmoede and m.dato > start:
            out.append(
                Problem(
                    path,
                    "",
                    f"{name} ({dato(m.dato)}) ligger efter anbringelsens start ({dato(start)}); "
                    "forløbet går fra visitationen til anbringelsen",
                    "meeting_out_of_order",
                )
            )
        elif m.type not in before_start and m.dato < start:
            out.append(
                Problem(
                    path,
                    "",
                    f"{name} ({dato(m.dato)}) ligger før anbringelsens start ({dato(start)})",
                    "meeting_out_of_order",
                )
            )
        elif (
            intake is not None
            and m.type in (BbuMoedetype.statusmoede, BbuMoedetype.netvaerksmoede)
            and m.dato < intake[1].dato
        ):
            out.append(
                Problem(
                    path,
                    "",
                    f"{name} ({dato(m.dato)}) ligger før indskrivningssamtalen "
                    f"({dato(intake[1].dato)}, møde {intake[0] + 1}); forløbet går fra "
                    f"indskrivningssamtalen til {name}",
                    "meeting_out_of_order",
                )
            )
        if m.type == BbuMoedetype.udskrivningssamtale:
            if f.udflytning is None:
                out.append(
                    Problem(
                        f"{_P}.moeder.{i}.type",
                        "",
                        "udskrivningssamtalen holdes efter barnets udflytning; angiv "
                        f"{_P}.udflytning",
                        "move_out_missing",
                    )
                )
            elif m.dato <= f.udflytning:
                out.append(
                    Problem(
                        path,
                        "",
                        f"udskrivningssamtalen ({dato(m.dato)}) skal ligge efter barnets "
                        f"udflytning ({dato(f.udflytning)})",
                        "date_out_of_order",
                    )
                )
        elif f.udflytning is not None and m.dato >= f.udflytning:
            out.append(
                Problem(
                    path,
                    "",
                    f"{name} ({dato(m.dato)}) ligger efter barnets udflytning "
                    f"({dato(f.udflytning)}); derefter holdes kun udskrivningssamtalen",
                    "meeting_after_move_out",
                )
            )
    return out


def _hour_rule(sag: SagBbu, m: BbuMoede) -> bool:
    """Whether an hour rule after an acute placement lets the meeting fall on a closed day (the
    intake within 48 hours, the child talk within 24 hours): outside office hours, Døgnvagten."""
    f = sag.bbu
    start = f.anbringelse.start
    if m.type == BbuMoedetype.indskrivningssamtale and f.anbringelse.akut:
        return start <= m.dato <= start + 2 * _DAY
    if m.type == BbuMoedetype.boernesamtale and _without_caseworker(sag):
        return start <= m.dato <= start + _DAY
    if m.type == BbuMoedetype.boernesamtale and f.anbringelse.akut:  # with the intake
        return start <= m.dato <= start + 2 * _DAY
    return False


def _closed_days(sag: SagBbu) -> list[Problem]:
    kalender = case_calendar(sag)
    out = []
    for i, m in _active(sag):
        closed = kalender.closed(m.dato)
        if closed is not None and not _hour_rule(sag, m):
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"{NAVNE[m.type]} ligger på en dag, hvor kommunen holder lukket ({closed} "
                    f"{dato(m.dato)}); vælg en arbejdsdag",
                    "meeting_on_closed_day",
                )
            )
    return out


def _plan(sag: SagBbu) -> list[kadence.Moede]:
    """The planner's series for the case's placement, long enough for every meeting in it."""
    f = sag.bbu
    start = f.anbringelse.start
    last = max([m.dato for m in f.moeder] + [f.udflytning or start, *f.afgoerelser, start])
    weeks = max(12, (last - start).days // 7 + 2)
    udflytning = f.udflytning if f.udflytning is not None and f.udflytning > start else None
    return kadence.bbu(
        start,
        akut=f.anbringelse.akut,
        indskrivning_uden_sagsbehandler=_without_caseworker(sag),
        uger=weeks,
        afgoerelser=tuple(d for d in f.afgoerelser if d >= start),
        udflytning=udflytning,
        kalender=case_calendar(sag),
    )


def _missing(
    sag: SagBbu, deadline: dt.date, what: str, rule: str, code: str = "meeting_missing"
) -> list[Problem]:
    """A meeting the planner requires by ``deadline`` that is not in the course: reported at the
    first meeting after the deadline (the course went on without it), unless the child moved
    out before the deadline."""
    f = sag.bbu
    if f.udflytning is not None and f.udflytning <= deadline:
        return []
    later = [
        (i, m)
        for i, m in _active(sag)
        if m.dato > deadline and m.type != BbuMoedetype.visitationsmoede
    ]
    if not later:
        return []
    i, m = later[0]
    return [
        Problem(
            f"{_P}.moeder.{i}.dato",
            "",
            f"forløbet mangler {what} før {NAVNE[m.type]} den {dato(m.dato)}: det holdes {rule}, "
            f"dvs. senest den {dato(deadline)} (forslag: {dato(deadline)}); tilføj det i "
            f"{_P}.moeder",
            code,
        )
    ]


def _cadence(sag: SagBbu) -> list[Problem]:
    """The planner's rules: the intake and child talks, the status and network series, the
    next status meeting after a held meeting, the discharge talk."""
    f = sag.bbu
    start = f.anbringelse.start
    kalender = case_calendar(sag)
    plan = _plan(sag)
    active = _active(sag)
    out: list[Problem] = []

    def of(kind: BbuMoedetype) -> list[tuple[int, BbuMoede]]:
        return [(i, m) for i, m in active if m.type == kind]

    # The intake talk at the start (within 48 hours after an acute placement).
    rule = next(m for m in plan if m.noegle.startswith("bbu_indskrivning"))
    deadline = rule.til or rule.dato
    intakes = of(BbuMoedetype.indskrivningssamtale)
    if intakes:
        i, m = intakes[0]
        if m.dato > deadline and m.dato >= start:
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"indskrivningssamtalen holdes {rule.regel}, dvs. senest den {dato(deadline)}; "
                    f"den {dato(m.dato)} er for sent",
                    "intake_too_late",
                )
            )
    else:
        out += _missing(sag, deadline, "indskrivningssamtalen", rule.regel)

    # The child talks: at the start, before each decision, before the three-month follow-up.
    talks = [m for _, m in of(BbuMoedetype.boernesamtale)]
    first = next(m for m in plan if m.noegle in ("bbu_boernesamtale", "bbu_boernesamtale_24"))
    first_deadline = first.til or first.dato
    if first.noegle == "bbu_boernesamtale" and intakes:
        first_deadline = max(first_deadline, intakes[0][1].dato)  # with the intake held
    if not any(start <= m.dato <= first_deadline for m in talks):
        late = [(i, m) for i, m in of(BbuMoedetype.boernesamtale) if m.dato > first_deadline]
        if late:
            i, m = late[0]
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"barnet har en børnesamtale {first.regel}, dvs. senest den "
                    f"{dato(first_deadline)}; den første, den {dato(m.dato)}, er for sent",
                    "child_talk_too_late",
                )
            )
        else:
            what = "børnesamtalen ved anbringelsens start"
            out += _missing(sag, first_deadline, what, first.regel)
    # Before each decision, a child talk of its own: after the start's (or the decision before).
    opening = [m.dato for m in talks if start <= m.dato <= first_deadline]
    previous = opening[0] if opening else start - _DAY
    for decision in sorted(f.afgoerelser):
        if decision < start:
            continue
        last_day = kadence.frist(decision - _DAY, kalender, earliest=start)
        if not any(previous < m.dato < decision for m in talks):
            index = f.afgoerelser.index(decision)
            out.append(
                Problem(
                    f"{_P}.afgoerelser.{index}",
                    "",
                    f"før afgørelsen den {dato(decision)} har barnet en børnesamtale "
                    f"({kadence.REGLER['bbu_boernesamtale_afgoerelse'].tekst}: forslag "
                    f"{dato(last_day)}); forløbet har ingen børnesamtale før afgørelsen",
                    "child_talk_missing",
                )
            )
        previous = decision - _DAY
    # Before the follow-up after three months: a child talk in the four weeks up to it.
    three = next((m for m in plan if m.noegle == "bbu_boernesamtale_3_mdr"), None)
    if three is not None and not any(
        three.dato - _FOUR_WEEKS < m.dato <= three.dato for m in talks
    ):
        what = "børnesamtalen før opfølgningen efter tre måneder"
        out += _missing(sag, three.dato, what, three.regel)

    # Status meetings: weekly in the first four weeks, then at least every other week.
    status = _series(
        sag,
        of(BbuMoedetype.statusmoede),
        lambda prev: kadence.naeste_statusmoede(prev or start, start, kalender),
        "status_meeting_too_late",
        ("et statusmøde", "statusmøder"),
    )
    # Network meetings: the first within the first four weeks, then at least every 8 weeks.
    out += _series(
        sag,
        of(BbuMoedetype.netvaerksmoede),
        lambda prev: kadence.naeste_bbu_netvaerksmoede(prev, start, kalender),
        "network_meeting_too_late",
        ("et netværksmøde", "netværksmøder"),
    )
    agreed = _next_status_agreed(sag)
    if agreed:  # one cause, one problem: the held meeting that agreed no next one
        status = [p for p in status if p.code != "meeting_missing"]
    out += status + agreed
    out += _discharge(sag, plan)
    return out


def _series(
    sag: SagBbu,
    meetings: list[tuple[int, BbuMoede]],
    deadline_after: Any,
    code: str,
    names: tuple[str, str],
) -> list[Problem]:
    """A series with a largest gap: each meeting by the deadline after the one before (the
    placement's start before the first); after the last, a later meeting of the course past
    the next deadline means one is missing."""
    f = sag.bbu
    out = []
    previous: dt.date | None = None
    for i, m in meetings:
        if m.dato < f.anbringelse.start or (f.udflytning is not None and m.dato >= f.udflytning):
            continue  # outside the placement: the order's problem
        rule = deadline_after(previous)
        if m.dato > rule.dato:
            which = (
                f"efter mødet den {dato(previous)} skal det næste"
                if previous is not None
                else "det første skal"
            )
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"{NAVNE[m.type]} ({dato(m.dato)}) er for sent: {names[1]} holdes "
                    f"{rule.regel}, så {which} holdes senest den {dato(rule.dato)}",
                    code,
                )
            )
        previous = m.dato
    rule = deadline_after(previous)
    return out + _missing(sag, rule.dato, names[0], rule.regel)


def _next_status_agreed(sag: SagBbu) -> list[Problem]:
    """ "Aftal altid næste statusmøde": the latest held meeting (not the visitation or the
    discharge talk) is followed by a status meeting in the case, unless the child moves out
    before the planner's deadline."""
    f = sag.bbu
    start = f.anbringelse.start
    kalender = case_calendar(sag)
    held = [
        (i, m)
        for i, m in _active(sag)
        if m.status == Moedestatus.afholdt
        and m.type not in (BbuMoedetype.visitationsmoede, BbuMoedetype.udskrivningssamtale)
        and m.dato >= start
    ]
    if not held:
        return []
    i, m = held[-1]
    if _next_status(sag, i) is not None:
        return []
    rule = kadence.naeste_statusmoede(m.dato, start, kalender)
    if f.udflytning is not None and f.udflytning <= rule.dato:
        return []
    return [
        Problem(
            f"{_P}.moeder.{i}",
            "",
            f"aftal altid næste statusmøde: efter {NAVNE[m.type]} den {dato(m.dato)} er der "
            f"intet statusmøde i sagen; statusmøder holdes {rule.regel}, så det næste skal "
            f"holdes senest den {dato(rule.dato)} (forslag), medmindre barnet flytter før",
            "next_status_meeting_missing",
        )
    ]


def _discharge(sag: SagBbu, plan: list[kadence.Moede]) -> list[Problem]:
    """The discharge talk 2–4 weeks after the move-out, and in the case once the move-out is."""
    f = sag.bbu
    window = next((m for m in plan if m.noegle == "bbu_udskrivning"), None)
    if window is None or f.udflytning is None:
        return []
    assert window.fra is not None and window.til is not None
    talks = [(i, m) for i, m in _active(sag) if m.type == BbuMoedetype.udskrivningssamtale]
    if not talks:
        return [
            Problem(
                f"{_P}.udflytning",
                "",
                f"barnet flytter den {dato(f.udflytning)}, men udskrivningssamtalen mangler: den "
                f"holdes {window.regel} (forslag: {dato(window.dato)}); tilføj den i "
                f"{_P}.moeder",
                "discharge_talk_missing",
            )
        ]
    out = []
    for i, m in talks:
        if m.dato > f.udflytning and not window.fra <= m.dato <= window.til:
            out.append(
                Problem(
                    f"{_P}.moeder.{i}.dato",
                    "",
                    f"udskrivningssamtalen ({dato(m.dato)}) holdes {window.regel}, dvs. mellem "
                    f"{dato(window.fra)} og {dato(window.til)}",
                    "discharge_talk_outside_window",
                )
            )
    return out


def _parties(sag: SagBbu) -> set[str]:
    """The partners of the placement's parties: the caseworker's and the institution's."""
    idx = PeopleIndex(sag)
    f = sag.bbu
    out = set()
    for key in (f.sagsbehandler, f.socialraadgiver, f.kontaktpaedagog):
        person = idx.netvaerk.get(key) if key else None
        if person is not None and person[1].part:
            out.add(person[1].part.casefold())
    return out


def _consents(sag: SagBbu) -> list[Problem]:
    """The minutes go to the meeting's participants: a professional outside the placement's
    parties is covered by a valid consent on the meeting's day."""
    idx = PeopleIndex(sag)
    parties = _parties(sag)
    out = []
    for i, m in _active(sag):
        for j, key in enumerate(m.deltagere):
            person = idx.netvaerk.get(key)
            if person is None or (person[1].part or "").casefold() in parties:
                continue
            reasons = coverage(sag, person[1], m.dato)
            if reasons:
                out.append(
                    Problem(
                        f"{_P}.moeder.{i}.deltagere.{j}",
                        "",
                        f"{NAVNE[m.type]} (møde {i + 1}, {dato(m.dato)}) deler oplysninger med "
                        f"{person[1].part} ({person[1].netvaerk!s} netværk), som ikke er part i "
                        "anbringelsen, og som intet gyldigt samtykke dækker: " + "; ".join(reasons),
                        "consent_missing",
                    )
                )
    return out


MODEL = CaseModel(
    name="bbu",
    title="BBU's koordinerede mødeforløb",
    case=SagBbu,
    sections=("bbu",),
    example="data/sag_eksempel_bbu.yaml",
    forms=frozenset(
        {"forloebsplan", "bbu_referat", "maal_og_delmaal", "samtykke_generel", "samtykke_statistik"}
    ),
    documents=documents,
    check=check,
    model_for=model_for,
    find=find,
    build=builder(_made),
)
