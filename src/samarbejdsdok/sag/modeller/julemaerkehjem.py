"""A stay at a Julemærkehjem as a case file (``model: julemaerkehjem``).

Source: *Model for samarbejde mellem Kommuner og Julemærkehjemmene* (FORMS.md, B1–B5). The
course, in the section ``julemaerkehjem:``: the home, the child (a family member's key), the
municipality's tovholder and the home's contact pedagogue (keys in the network); the
application with the parents' stance on collaboration with the municipality (B1); the summons
with the stay's dates (B2); the municipality's return document naming the contact person (B3);
the home's statement and plan after the stay (B4); and the contact person's dialogue with the
home around the follow-up day (B5). Every document is made from the case; the consents are the
shared ones (A7/A8).

The case's rules (:func:`check`), each with its code and the path it names:

* the keys name people in the case: the child a child of the family, the signers of the
  application its parents, the tovholder, the contact pedagogue, the contact person and those
  responsible for an agreement people in the case (``unknown_reference``, ``not_a_child``,
  ``not_a_parent``);
* a young person who has turned 15 on the day of the application signs it too, as the toolbox's
  consents require (``young_person_must_sign``);
* the collaboration "skal ske med familiens accept": without the parents' acceptance in the
  application, no document passes information between the home and the municipality
  (``consent_missing``, one problem naming the documents);
* the dates in the course's order: application, summons, pre-visit and the contact person's
  appointment before the stay, the statement after it (``date_out_of_order``);
* the follow-up day lies 4–6 weeks after the stay (``follow_up_outside_window``), the planner's
  rule ``jmh_opfoelgningsdag``: »opfølgningsdagen på Julemærkehjemmet, der ligger 4-6 uger efter
  afsluttet ophold«;
* the contact person's dialogue with the home at the latest one week after the follow-up day,
  on the working day before if that is closed (``dialogue_after_deadline``; rule
  ``jmh_dialog``: »Kontakten skal tages senest en uge efter opfølgningen«);
* once the stay is over (the statement is in the case), the follow-up is in the case: its day
  and the dialogue, planned or held, or cancelled when there is no need
  (``follow_up_missing``; the message proposes the planner's dates).

Then each document passes its form's own rules, reported where the value is in the case file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Self

from pydantic import Field, model_validator

from ... import kadence
from ..._wording import and_list
from ...errors import DataError, Problem
from ...fields import Klokkeslaet
from ...formatting import dato
from ...forms._base import Part, field_error
from ...forms._samtykke import ALDER_EGET_SAMTYKKE
from ..dokumenter import CaseDocument, ConsentDocument, Document
from ..model import Familiemedlem, Moedestatus, Noegle, Rolle, SagAftale, SagBase
from ..regler import PeopleIndex, case_calendar
from . import CaseModel
from .felles import (
    Builder,
    Made,
    age,
    builder,
    check_case,
    child_reference,
    consent_documents,
    consent_made,
    consent_references,
    find_document,
    reference,
    validated,
)

__all__ = [
    "MODEL",
    "SagJulemaerkehjem",
    "JulemaerkehjemForloeb",
    "JmhAnsoegning",
    "JmhUnderskrift",
    "JmhIndkaldelse",
    "JmhOphold",
    "JmhKontaktperson",
    "JmhAktivitet",
    "JmhUdtalelse",
    "JmhOpfoelgning",
    "check",
    "documents",
]

_NOTAT = "Formularens øvrige felter, med navnene fra formularen (se dens JSON Schema)"


class JmhUnderskrift(Part):
    """A signature on the application: who (a family member's key) and when."""

    person: Noegle = Field(title="Hvem skriver under", description="Nøglen på familiemedlemmet")
    dato: dt.date | None = Field(default=None, title="Dato")


class JmhAnsoegning(Part):
    """The application: the parents' stance on collaboration with the municipality (B1)."""

    dato: dt.date = Field(title="Ansøgningsdato")
    underskrifter: list[JmhUnderskrift] = Field(
        title="Underskrifter", min_length=1, description="Forældrene (og en ung over 15 år)"
    )
    accepterer_samarbejde: bool = Field(title="Forældrene accepterer samarbejde med kommunen")
    notat: dict[str, Any] = Field(default_factory=dict, title="Notater", description=_NOTAT)


class JmhIndkaldelse(Part):
    """The home's summons mail to the tovholder (B2): its date and own fields."""

    dato: dt.date = Field(title="Dato")
    notat: dict[str, Any] = Field(default_factory=dict, title="Notater", description=_NOTAT)


class JmhOphold(Part):
    """The stay's dates, as the home gives them in the summons."""

    forbesoeg: dt.date | None = Field(
        default=None, title="Forbesøg", description="Ca. 2 måneder før opholdet"
    )
    infodag: dt.date | None = Field(default=None, title="Infodag")
    start: dt.date = Field(title="Opholdets start")
    slut: dt.date = Field(title="Opholdets afslutning")
    foraeldredag: dt.date | None = Field(default=None, title="Forældredag")
    slutsamtale: dt.date | None = Field(default=None, title="Slutsamtale")
    slutsamtale_tid: Klokkeslaet | None = Field(default=None, title="Slutsamtale, tidspunkt")
    opfoelgningsdag: dt.date | None = Field(
        default=None, title="Opfølgningsdag", description="4–6 uger efter opholdet"
    )

    @model_validator(mode="after")
    def _stay(self) -> Self:
        if self.slut <= self.start:
            raise field_error(
                "slut", "stay_end_not_after_start", "opholdet skal slutte efter, det begynder"
            )
        return self


class JmhAktivitet(Part):
    """An activity the municipality offers the family and the child."""

    aktivitet: str = Field(title="Aktivitet", min_length=1)
    for_hvem: str = Field(title="For hvem", min_length=1, examples=["Barnet", "Hele familien"])
    kontakt: Noegle | None = Field(default=None, title="Kontakt", description="Nøglen på personen")


class JmhKontaktperson(Part):
    """The municipality's return document (B3): the contact person and the activities."""

    dato: dt.date = Field(title="Dato")
    kontaktperson: Noegle = Field(
        title="Barnets kontaktperson", description="Nøglen på kontaktpersonen i netværket"
    )
    aktiviteter: list[JmhAktivitet] = Field(default_factory=list, title="Aktiviteter")
    udsaettelse: bool = Field(default=False, title="Kommunen ønsker opholdet udsat")
    udsaettelse_begrundelse: str | None = Field(default=None, title="Begrundelse for udsættelse")


class JmhUdtalelse(Part):
    """The home's statement and plan after the stay (B4)."""

    dato: dt.date = Field(title="Dato for udtalelsen")
    notat: dict[str, Any] = Field(
        default_factory=dict,
        title="Notater",
        description="erfaringer, anbefalinger, trivsel, kost, motion (se julemaerkehjem_udtalelse)",
    )


class JmhOpfoelgning(Part):
    """The contact person's dialogue with the home around the follow-up day (B5)."""

    status: Moedestatus = Field(
        default=Moedestatus.planlagt,
        title="Status",
        description="planlagt, afholdt, eller aflyst når der ikke er behov",
    )
    dato: dt.date = Field(
        title="Dato for dialogen", description="Senest en uge efter opfølgningsdagen"
    )
    initiativ: Literal["kontaktperson", "julemaerkehjem"] = Field(
        default="kontaktperson", title="Initiativet blev taget af"
    )
    aftaler: list[SagAftale] = Field(default_factory=list, title="Aftaler fremover")
    notat: dict[str, Any] = Field(
        default_factory=dict,
        title="Notater",
        description="trivsel, kost, motion, anbefalinger, noter (se julemaerkehjem_opfoelgning)",
    )


class JulemaerkehjemForloeb(Part):
    """The course of a stay at a Julemærkehjem."""

    julemaerkehjem: str = Field(title="Julemærkehjem", min_length=1)
    barn: Noegle = Field(title="Barnet", description="Nøglen på barnet i familien")
    tovholder: Noegle = Field(
        title="Tovholder i kommunen", description="Julemærkehjemmets faste kontakt i kommunen"
    )
    kontaktpaedagog: Noegle = Field(
        title="Barnets kontaktpædagog på Julemærkehjemmet", description="Nøglen i netværket"
    )
    ansoegning: JmhAnsoegning = Field(title="Ansøgning")
    indkaldelse: JmhIndkaldelse | None = Field(default=None, title="Indkaldelse")
    ophold: JmhOphold = Field(title="Opholdet")
    kontaktperson: JmhKontaktperson | None = Field(default=None, title="Udpegelse af kontaktperson")
    udtalelse: JmhUdtalelse | None = Field(default=None, title="Udtalelse og handleplan")
    opfoelgning: JmhOpfoelgning | None = Field(default=None, title="Opfølgning")


class SagJulemaerkehjem(SagBase):
    """A stay at a Julemærkehjem, one file."""

    model: Literal["julemaerkehjem"] = Field(title="Samarbejdsmodel")
    julemaerkehjem: JulemaerkehjemForloeb = Field(title="Forløbet på Julemærkehjemmet")


_P = "julemaerkehjem"
#: The documents that pass the family's information between the home and the municipality.
_SHARED = (
    "julemaerkehjem_indkaldelse",
    "julemaerkehjem_kontaktperson",
    "julemaerkehjem_udtalelse",
    "julemaerkehjem_opfoelgning",
)


def documents(sag: SagJulemaerkehjem) -> list[Document]:
    """The application, then the consents, then the course's documents as far as it has come."""
    f = sag.julemaerkehjem
    out: list[Document] = [CaseDocument("julemaerkehjem_stillingtagen")]
    out += consent_documents(sag)
    if f.indkaldelse is not None:
        out.append(CaseDocument("julemaerkehjem_indkaldelse"))
    if f.kontaktperson is not None:
        out.append(CaseDocument("julemaerkehjem_kontaktperson"))
    if f.udtalelse is not None:
        out.append(CaseDocument("julemaerkehjem_udtalelse"))
    if f.opfoelgning is not None and f.opfoelgning.status == Moedestatus.afholdt:
        out.append(CaseDocument("julemaerkehjem_opfoelgning"))
    return out


# -- the builders ------------------------------------------------------------------------------
def _stillingtagen(b: Builder, sag: SagJulemaerkehjem) -> None:
    from ...forms._databeskyttelse import FELTER

    f, a = sag.julemaerkehjem, sag.julemaerkehjem.ansoegning
    path = f"{_P}.ansoegning"
    b.put("julemaerkehjem", f.julemaerkehjem, f"{_P}.julemaerkehjem")
    b.put("kommune", sag.organisation.kommune, "organisation.kommune")
    b.put("barn_navn", b.name(f.barn), f"{_P}.barn")
    b.put("ansoegningsdato", a.dato, f"{path}.dato")
    signers = [
        {"navn": b.name(u.person), **({"dato": u.dato.isoformat()} if u.dato else {})}
        for u in a.underskrifter
    ]
    b.put("foraeldre", signers, f"{path}.underskrifter")
    b.put("accepterer_samarbejde", a.accepterer_samarbejde, f"{path}.accepterer_samarbejde")
    for key in FELTER:
        b.put(key, (sag.profil or {}).get(key), f"profil.{key}")


def _ophold(b: Builder, sag: SagJulemaerkehjem) -> None:
    o, path = sag.julemaerkehjem.ophold, f"{_P}.ophold"
    b.put("ophold_start", o.start, f"{path}.start")
    b.put("ophold_slut", o.slut, f"{path}.slut")


def _indkaldelse(b: Builder, sag: SagJulemaerkehjem) -> None:
    from ...fields import cpr_birth_date

    f = sag.julemaerkehjem
    assert f.indkaldelse is not None  # among the documents only then
    o, path = f.ophold, f"{_P}.ophold"
    b.put("julemaerkehjem", f.julemaerkehjem, f"{_P}.julemaerkehjem")
    b.put("kommune", sag.organisation.kommune, "organisation.kommune")
    b.put("dato", f.indkaldelse.dato, f"{_P}.indkaldelse.dato")
    b.put("tovholder", b.contact(f.tovholder), f"{_P}.tovholder")
    child = b.person(f.barn)
    b.put("barn_navn", child.navn, f"{_P}.barn")
    if isinstance(child, Familiemedlem):
        b.put("barn_foedselsdato", cpr_birth_date(child.cpr), f"{_P}.barn")
    b.put("kontaktpaedagog", b.contact(f.kontaktpaedagog), f"{_P}.kontaktpaedagog")
    _ophold(b, sag)
    for name in ("forbesoeg", "infodag", "foraeldredag", "slutsamtale", "opfoelgningsdag"):
        b.put(name, getattr(o, name), f"{path}.{name}")
    b.put("slutsamtale_tid", o.slutsamtale_tid, f"{path}.slutsamtale_tid")
    b.lukkedage()


def _kontaktperson(b: Builder, sag: SagJulemaerkehjem) -> None:
    f = sag.julemaerkehjem
    k = f.kontaktperson
    assert k is not None
    path = f"{_P}.kontaktperson"
    b.put("organisation", sag.organisation.model_dump(), "organisation")
    b.put("julemaerkehjem", f.julemaerkehjem, f"{_P}.julemaerkehjem")
    b.put("barn_navn", b.name(f.barn), f"{_P}.barn")
    b.put("dato", k.dato, f"{path}.dato")
    b.put("tovholder", b.contact(f.tovholder), f"{_P}.tovholder")
    b.put("kontaktperson", b.contact(k.kontaktperson), f"{path}.kontaktperson")
    activities = [
        {
            "aktivitet": a.aktivitet,
            "for_hvem": a.for_hvem,
            **({"kontakt": b.label(a.kontakt)} if a.kontakt else {}),
        }
        for a in k.aktiviteter
    ]
    b.put("aktiviteter", activities, f"{path}.aktiviteter")
    b.put("udsaettelse", k.udsaettelse, f"{path}.udsaettelse")
    b.put("udsaettelse_begrundelse", k.udsaettelse_begrundelse, f"{path}.udsaettelse_begrundelse")


def _udtalelse(b: Builder, sag: SagJulemaerkehjem) -> None:
    f = sag.julemaerkehjem
    assert f.udtalelse is not None
    b.put("julemaerkehjem", f.julemaerkehjem, f"{_P}.julemaerkehjem")
    b.put("kontaktpaedagog", b.contact(f.kontaktpaedagog), f"{_P}.kontaktpaedagog")
    b.put("barn_navn", b.name(f.barn), f"{_P}.barn")
    _ophold(b, sag)
    b.put("dato", f.udtalelse.dato, f"{_P}.udtalelse.dato")
    b.put("tovholder", b.contact(f.tovholder), f"{_P}.tovholder")


def _opfoelgning(b: Builder, sag: SagJulemaerkehjem) -> None:
    f = sag.julemaerkehjem
    o = f.opfoelgning
    assert o is not None
    path = f"{_P}.opfoelgning"
    b.put("julemaerkehjem", f.julemaerkehjem, f"{_P}.julemaerkehjem")
    b.put("barn_navn", b.name(f.barn), f"{_P}.barn")
    if f.kontaktperson is not None:
        b.put(
            "kontaktperson",
            b.contact(f.kontaktperson.kontaktperson),
            f"{_P}.kontaktperson.kontaktperson",
        )
    b.put("kontakt_hjemmet", b.contact(f.kontaktpaedagog), f"{_P}.kontaktpaedagog")
    _ophold(b, sag)
    b.put("opfoelgningsdag", f.ophold.opfoelgningsdag, f"{_P}.ophold.opfoelgningsdag")
    b.put("dato", o.dato, f"{path}.dato")
    b.put("initiativ", o.initiativ, f"{path}.initiativ")
    b.put("aftaler", b.agreements(o.aftaler), f"{path}.aftaler")
    b.lukkedage()


_BUILDERS = {
    "julemaerkehjem_stillingtagen": (_stillingtagen, "ansoegning"),
    "julemaerkehjem_indkaldelse": (_indkaldelse, "indkaldelse"),
    "julemaerkehjem_kontaktperson": (_kontaktperson, "kontaktperson"),
    "julemaerkehjem_udtalelse": (_udtalelse, "udtalelse"),
    "julemaerkehjem_opfoelgning": (_opfoelgning, "opfoelgning"),
}


def _made(sag: SagJulemaerkehjem, doc: Document) -> Made:
    """A document's data, sources, notes path and notes."""
    if isinstance(doc, ConsentDocument):
        return consent_made(sag, doc)
    fill, step = _BUILDERS[doc.form]
    notes_path = f"{_P}.{step}.notat"
    b = Builder(sag, notes_path)
    fill(b, sag)
    section = getattr(sag.julemaerkehjem, step)
    notes: dict[str, Any] = getattr(section, "notat", {}) or {}
    b.notes(notes)
    return b.data, b.sources, notes_path, notes


def model_for(sag: SagJulemaerkehjem, doc: Document, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``doc``.

    Raises:
        ConsentError: the parents have not accepted collaboration with the municipality and
            the document passes information between the home and the municipality.
        DataError: the form's own rules, with paths in the case file; ``hjemmel`` given for a
            document that cannot print it.
    """
    from ...errors import ConsentError

    if doc.form in _SHARED:
        if hjemmel is not None:
            raise DataError(
                [
                    Problem(
                        "",
                        "",
                        "Julemærkehjemmets dokumenter kan ikke angive en hjemmel til deling uden "
                        "samtykke: samarbejdet med kommunen sker med familiens accept "
                        "(ansøgningen)",
                        "no_legal_basis_field",
                    )
                ],
                form=doc.form,
            )
        problems = _acceptance(sag, [doc.form])
        if problems:
            raise ConsentError(problems, form=doc.form)
    return validated(doc.form, _made(sag, doc))


def find(sag: SagJulemaerkehjem, form: Any, **kw: Any) -> Document:
    return find_document(MODEL, sag, form, **kw)


# -- the rules ---------------------------------------------------------------------------------
def check(sag: SagJulemaerkehjem) -> list[Problem]:
    """Every problem of the case (unlocated): the rules above, then each document's own."""
    rules = (_signers, _acceptance_of_documents, _order, _follow_up)
    return check_case(sag, _references, rules, documents, _made)


def _references(sag: SagJulemaerkehjem) -> list[Problem]:
    idx = PeopleIndex(sag)
    f = sag.julemaerkehjem
    out = consent_references(sag, idx)
    out += child_reference(idx, f.barn, f"{_P}.barn")
    keys = [(f"{_P}.tovholder", f.tovholder), (f"{_P}.kontaktpaedagog", f.kontaktpaedagog)]
    for i, u in enumerate(f.ansoegning.underskrifter):
        keys.append((f"{_P}.ansoegning.underskrifter.{i}.person", u.person))
    if f.kontaktperson is not None:
        keys.append((f"{_P}.kontaktperson.kontaktperson", f.kontaktperson.kontaktperson))
        for i, a in enumerate(f.kontaktperson.aktiviteter):
            if a.kontakt is not None:
                keys.append((f"{_P}.kontaktperson.aktiviteter.{i}.kontakt", a.kontakt))
    if f.opfoelgning is not None:
        for i, ag in enumerate(f.opfoelgning.aftaler):
            for j, key in enumerate(ag.ansvarlige):
                keys.append((f"{_P}.opfoelgning.aftaler.{i}.ansvarlige.{j}", key))
    for path, key in keys:
        if idx.person(key) is None:
            out.append(reference(path))
    for path, key in keys[:2]:
        if key in idx.medlemmer:
            out.append(
                Problem(
                    path, "", "personen skal være en professionel i netværket", "not_in_network"
                )
            )
    return out


def _signers(sag: SagJulemaerkehjem) -> list[Problem]:
    """The application is signed by the child's parents, and by the child too from 15."""
    idx = PeopleIndex(sag)
    f = sag.julemaerkehjem
    a = f.ansoegning
    out = []
    for i, u in enumerate(a.underskrifter):
        member = idx.medlemmer.get(u.person)
        if member is None:
            out.append(
                Problem(
                    f"{_P}.ansoegning.underskrifter.{i}.person",
                    "",
                    "ansøgningen skrives under af familiens forældre; personen er ikke et "
                    "familiemedlem",
                    "not_a_parent",
                )
            )
        elif member[1].rolle != Rolle.forælder and u.person != f.barn:
            out.append(
                Problem(
                    f"{_P}.ansoegning.underskrifter.{i}.person",
                    "",
                    f"ansøgningen skrives under af forældrene (rolle: forælder), ikke af en "
                    f"{member[1].rolle!s}",
                    "not_a_parent",
                )
            )
    child = idx.medlemmer[f.barn][1]
    if age(child, a.dato) >= ALDER_EGET_SAMTYKKE and f.barn not in {
        u.person for u in a.underskrifter
    }:
        out.append(
            Problem(
                f"{_P}.ansoegning.underskrifter",
                "",
                f"barnet er fyldt {ALDER_EGET_SAMTYKKE} år på ansøgningsdatoen "
                f"({dato(a.dato)}) og skal selv skrive under på samarbejdet med kommunen",
                "young_person_must_sign",
            )
        )
    return out


def _acceptance(sag: SagJulemaerkehjem, forms: list[str]) -> list[Problem]:
    """Without the parents' acceptance, the home and the municipality do not share."""
    shared = [f for f in forms if f in _SHARED]
    if sag.julemaerkehjem.ansoegning.accepterer_samarbejde or not shared:
        return []
    return [
        Problem(
            f"{_P}.ansoegning.accepterer_samarbejde",
            "",
            "forældrene har ikke accepteret samarbejde med kommunen i ansøgningen, så "
            "Julemærkehjemmet og kommunen deler ikke oplysninger om familien: "
            + and_list(shared)
            + " kan ikke laves (Julemærkehjemmet følger op og taler med familien om samarbejdet)",
            "consent_missing",
        )
    ]


def _acceptance_of_documents(sag: SagJulemaerkehjem) -> list[Problem]:
    """:func:`_acceptance` for the case's documents so far."""
    return _acceptance(sag, [d.form for d in documents(sag)])


def _order(sag: SagJulemaerkehjem) -> list[Problem]:
    """The course's dates in order: each (earlier, later) pair where both are given."""
    f = sag.julemaerkehjem
    o = f.ophold
    steps: dict[str, tuple[dt.date | None, str]] = {
        "ansoegning.dato": (f.ansoegning.dato, "ansøgningen"),
        "indkaldelse.dato": (f.indkaldelse.dato if f.indkaldelse else None, "indkaldelsen"),
        "ophold.forbesoeg": (o.forbesoeg, "forbesøget"),
        "kontaktperson.dato": (
            f.kontaktperson.dato if f.kontaktperson else None,
            "udpegelsen af kontaktperson",
        ),
        "ophold.start": (o.start, "opholdets start"),
        "ophold.slut": (o.slut, "opholdets afslutning"),
        "udtalelse.dato": (f.udtalelse.dato if f.udtalelse else None, "udtalelsen"),
    }
    # (earlier, later, strictly before, the one the problem names: the home's own dates of the
    # stay are fixed, so a date before or after them is the one to correct)
    pairs = [
        ("ansoegning.dato", "indkaldelse.dato", False, "indkaldelse.dato"),
        ("indkaldelse.dato", "ophold.forbesoeg", False, "indkaldelse.dato"),
        ("indkaldelse.dato", "kontaktperson.dato", False, "kontaktperson.dato"),
        ("ansoegning.dato", "kontaktperson.dato", False, "kontaktperson.dato"),
        ("kontaktperson.dato", "ophold.start", True, "kontaktperson.dato"),
        ("ansoegning.dato", "ophold.start", True, "ansoegning.dato"),
        ("ophold.slut", "udtalelse.dato", False, "udtalelse.dato"),
    ]
    out = []
    for earlier, later, strict, blamed in pairs:
        (d1, n1), (d2, n2) = steps[earlier], steps[later]
        if d1 is None or d2 is None or d1 < d2 or (d1 == d2 and not strict):
            continue
        other = later if blamed == earlier else earlier
        (db, nb), (do, no) = steps[blamed], steps[other]
        if strict:
            side = "skal ligge før" if blamed == earlier else "skal ligge efter"
        else:
            side = "må ikke ligge efter" if blamed == earlier else "må ikke ligge før"
        out.append(
            Problem(
                f"{_P}.{blamed}",
                "",
                f"{nb} ({dato(db)}) {side} {no} ({dato(do)}); forløbet går fra {n1} til {n2}",
                "date_out_of_order",
            )
        )
    return out


def _follow_up(sag: SagJulemaerkehjem) -> list[Problem]:
    """The follow-up day in its window, the dialogue by its deadline, and a follow-up once the
    stay is over (the planner's rules jmh_opfoelgningsdag and jmh_dialog)."""
    f = sag.julemaerkehjem
    o = f.ophold
    kalender = case_calendar(sag)
    plan = {m.noegle: m for m in kadence.julemaerkehjem(o.start, o.slut, kalender)}
    window = plan["jmh_opfoelgningsdag"]
    assert window.fra is not None and window.til is not None
    out = []
    day = o.opfoelgningsdag
    if day is not None and not window.fra <= day <= window.til:
        out.append(
            Problem(
                f"{_P}.ophold.opfoelgningsdag",
                "",
                f"opfølgningsdagen ({dato(day)}) skal ligge {window.regel}, dvs. mellem "
                f"{dato(window.fra)} og {dato(window.til)}",
                "follow_up_outside_window",
            )
        )
    dialogue = f.opfoelgning
    if dialogue is not None and dialogue.status != Moedestatus.aflyst:
        if day is None:
            out.append(
                Problem(
                    f"{_P}.ophold.opfoelgningsdag",
                    "",
                    f"opfølgningen kræver opfølgningsdagens dato (forslag: {dato(window.dato)}, "
                    f"{window.regel})",
                    "follow_up_day_missing",
                )
            )
        else:
            latest = kadence.dialog_frist(day, kalender)
            if dialogue.dato > latest:
                out.append(
                    Problem(
                        f"{_P}.opfoelgning.dato",
                        "",
                        f"kontakten mellem kontaktpersonen og Julemærkehjemmet skal tages "
                        f"{kadence.REGLER['jmh_dialog'].tekst} ({dato(day)}), dvs. senest den "
                        f"{dato(latest)}; dialogen den {dato(dialogue.dato)} er for sent",
                        "dialogue_after_deadline",
                    )
                )
    if f.udtalelse is not None and dialogue is None:
        fixed = day if day is not None else window.dato
        out.append(
            Problem(
                f"{_P}.udtalelse",
                "",
                f"opholdet er slut, men opfølgningen mangler: opfølgningsdagen ligger "
                f"{window.regel} (forslag: {dato(fixed)}), og kontaktpersonens dialog med "
                f"Julemærkehjemmet {kadence.REGLER['jmh_dialog'].tekst}, dvs. senest den "
                f"{dato(kadence.dialog_frist(fixed, kalender))}; tilføj "
                f"{_P}.opfoelgning (status: aflyst, hvis der ikke er behov)",
                "follow_up_missing",
            )
        )
    return out


MODEL = CaseModel(
    name="julemaerkehjem",
    title="samarbejdet med Julemærkehjemmene",
    case=SagJulemaerkehjem,
    sections=("julemaerkehjem",),
    example="data/sag_eksempel_julemaerkehjem.yaml",
    forms=frozenset({*_BUILDERS, "samtykke_generel", "samtykke_statistik"}),
    documents=documents,
    check=check,
    model_for=model_for,
    find=find,
    build=builder(_made),
)
