"""A collaboration agreement between a foster family and an institution as a case file
(``model: plejefamilie``).

Source: Socialstyrelsen, *Inspiration fra andre kommuner* (FORMS.md, C1). The course, in the
section ``plejefamilie:``: the child placed in the foster family (a family member's key), the
municipality's foster-care consultant and the child's caseworker, the foster family and the
institution with its contact person (keys in the network), and the agreement: its period, the
three parties' signatures and the support elements agreed, each with who, how often and how to
reach them. The document is :mod:`samarbejdsdok.forms.plejefamilie_samarbejdsaftale`; the
consents are the shared ones.

The case's rules (:func:`check`), each with its code and the path it names:

* the keys name people in the case: the child a child of the family, the others professionals
  in the network (``unknown_reference``, ``not_a_child``, ``not_in_network``);
* each of the source's nine elements is agreed once, so who delivers it and how to reach them
  is written in one place (``element_repeated``);
* the child is under 18 when the agreement begins: it is about a child in care
  (``child_of_age``).

Then the agreement passes its form's own rules (the period, the signing dates), reported where
the value is in the case file. The agreement carries no CPR number and is shared with the
institution and the foster family as part of the placement, so it needs no consent of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from ...errors import Problem
from ...formatting import dato
from ...forms._base import Part
from ...forms._samtykke import MYNDIG_ALDER
from ...forms.plejefamilie_samarbejdsaftale import _Element
from ..dokumenter import CaseDocument, ConsentDocument, Document
from ..model import Familiemedlem, Noegle, SagBase
from ..regler import PeopleIndex
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
    professional_references,
    validated,
)

__all__ = [
    "MODEL",
    "SagPlejefamilie",
    "PlejefamilieForloeb",
    "PlejeInstitution",
    "PlejeUnderskrifter",
    "PlejeElement",
    "check",
    "documents",
]

_P = "plejefamilie"
_FORM = "plejefamilie_samarbejdsaftale"


class PlejeInstitution(Part):
    """The residential institution or opholdssted and its contact person (a key)."""

    navn: str = Field(title="Døgninstitution/opholdssted", min_length=1)
    adresse: str | None = Field(default=None, title="Adresse")
    kontaktperson: Noegle = Field(title="Kontaktperson", description="Nøglen i netværket")


class PlejeUnderskrifter(Part):
    """When each party signed the agreement."""

    kommune: dt.date | None = Field(default=None, title="Dato (kommunen)")
    plejefamilie: dt.date | None = Field(default=None, title="Dato (plejefamilien)")
    institution: dt.date | None = Field(default=None, title="Dato (institutionen)")


class PlejeElement(Part):
    """One agreed support element: which of the nine, what, who, how often, how to reach."""

    element: _Element = Field(title="Element")
    beskrivelse: str | None = Field(default=None, title="Indhold")
    hvem: str = Field(title="Hvem", min_length=1)
    hvor_ofte: str = Field(title="Hvor ofte", min_length=1)
    kontaktvej: str = Field(title="Sådan når I os", min_length=1)


class PlejefamilieForloeb(Part):
    """The agreement between the municipality, the foster family and the institution."""

    barn: Noegle = Field(title="Barnet", description="Nøglen på barnet i familien")
    familieplejekonsulent: Noegle = Field(title="Familieplejekonsulent")
    sagsbehandler: Noegle = Field(title="Barnets sagsbehandler")
    plejefamilie: Noegle = Field(
        title="Plejefamilie", description="Nøglen på plejefamilien i netværket"
    )
    plejefamilie_adresse: str | None = Field(default=None, title="Plejefamiliens adresse")
    institution: PlejeInstitution = Field(title="Døgninstitution/opholdssted")
    gyldig_fra: dt.date = Field(title="Aftalen gælder fra")
    gyldig_til: dt.date | None = Field(
        default=None, title="Aftalen gælder til", description="Tom: indtil den opsiges"
    )
    underskrifter: PlejeUnderskrifter = Field(
        default_factory=PlejeUnderskrifter, title="Underskrifter"
    )
    elementer: list[PlejeElement] = Field(title="Aftalte støtteelementer", min_length=1)


class SagPlejefamilie(SagBase):
    """A foster family's collaboration with an institution about one child, one file."""

    model: Literal["plejefamilie"] = Field(title="Samarbejdsmodel")
    plejefamilie: PlejefamilieForloeb = Field(title="Samarbejdsaftalen")


def documents(sag: SagPlejefamilie) -> list[Document]:
    """The agreement, then a declaration per consent."""
    return [CaseDocument(_FORM), *consent_documents(sag)]


def _aftale(b: Builder, sag: SagPlejefamilie) -> None:
    from ...fields import cpr_birth_date

    f = sag.plejefamilie
    b.put("organisation", sag.organisation.model_dump(), "organisation")
    b.put(
        "familieplejekonsulent", b.contact(f.familieplejekonsulent), f"{_P}.familieplejekonsulent"
    )
    b.put("sagsbehandler", b.contact(f.sagsbehandler), f"{_P}.sagsbehandler")
    b.put("plejefamilie", b.contact(f.plejefamilie), f"{_P}.plejefamilie")
    b.put("plejefamilie_adresse", f.plejefamilie_adresse, f"{_P}.plejefamilie_adresse")
    i = f.institution
    institution = {
        "navn": i.navn,
        **({"adresse": i.adresse} if i.adresse else {}),
        "kontaktperson": b.contact(i.kontaktperson),
    }
    b.put("institution", institution, f"{_P}.institution")
    child = b.person(f.barn)
    b.put("barn_navn", child.navn, f"{_P}.barn")
    if isinstance(child, Familiemedlem):
        b.put("barn_foedselsdato", cpr_birth_date(child.cpr), f"{_P}.barn")
    b.put("gyldig_fra", f.gyldig_fra, f"{_P}.gyldig_fra")
    b.put("gyldig_til", f.gyldig_til, f"{_P}.gyldig_til")
    b.put(
        "elementer",
        [e.model_dump(mode="json", exclude_none=True) for e in f.elementer],
        f"{_P}.elementer",
    )
    for party in ("kommune", "plejefamilie", "institution"):
        b.put(
            f"{party}_dato",
            getattr(f.underskrifter, party),
            f"{_P}.underskrifter.{party}",
        )


def _made(sag: SagPlejefamilie, doc: Document) -> Made:
    if isinstance(doc, ConsentDocument):
        return consent_made(sag, doc)
    b = Builder(sag, _P)
    _aftale(b, sag)
    return b.data, b.sources, _P, {}


def model_for(sag: SagPlejefamilie, doc: Document, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``doc`` (DataError: the form's rules, at their place)."""
    return validated(doc.form, _made(sag, doc))


def find(sag: SagPlejefamilie, form: Any, **kw: Any) -> Document:
    return find_document(MODEL, sag, form, **kw)


def check(sag: SagPlejefamilie) -> list[Problem]:
    """Every problem of the case (unlocated): the rules above, then the agreement's own."""
    return check_case(sag, _references, (_elements, _child_under_18), documents, _made)


def _references(sag: SagPlejefamilie) -> list[Problem]:
    idx = PeopleIndex(sag)
    f = sag.plejefamilie
    out = consent_references(sag, idx)
    out += child_reference(idx, f.barn, f"{_P}.barn")
    keys = [
        (f"{_P}.familieplejekonsulent", f.familieplejekonsulent),
        (f"{_P}.sagsbehandler", f.sagsbehandler),
        (f"{_P}.plejefamilie", f.plejefamilie),
        (f"{_P}.institution.kontaktperson", f.institution.kontaktperson),
    ]
    return out + professional_references(idx, keys)


def _elements(sag: SagPlejefamilie) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, e in enumerate(sag.plejefamilie.elementer):
        name = str(e.element)  # the wording (the model keeps an enum's value)
        if name in seen:
            out.append(
                Problem(
                    f"{_P}.elementer.{i}.element",
                    "",
                    f"elementet »{name}« er allerede aftalt i element {seen[name] + 1}; skriv "
                    "det ét sted, med alle der leverer det",
                    "element_repeated",
                )
            )
        else:
            seen[name] = i
    return out


def _child_under_18(sag: SagPlejefamilie) -> list[Problem]:
    f = sag.plejefamilie
    child = PeopleIndex(sag).medlemmer.get(f.barn)
    if child is None or age(child[1], f.gyldig_fra) < MYNDIG_ALDER:
        return []
    return [
        Problem(
            f"{_P}.gyldig_fra",
            "",
            f"barnet er fyldt {MYNDIG_ALDER} år, når aftalen begynder ({dato(f.gyldig_fra)}); "
            "samarbejdsaftalen handler om et anbragt barn",
            "child_of_age",
        )
    ]


MODEL = CaseModel(
    name="plejefamilie",
    title="samarbejdet mellem plejefamilie og døgninstitution",
    case=SagPlejefamilie,
    sections=("plejefamilie",),
    example="data/sag_eksempel_plejefamilie.yaml",
    forms=frozenset({_FORM, "samtykke_generel", "samtykke_statistik"}),
    documents=documents,
    check=check,
    model_for=model_for,
    find=find,
    build=builder(_made),
)
