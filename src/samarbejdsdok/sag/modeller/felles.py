"""What the models other than the toolbox share: a document's data built with the path of each
field, the consent declarations, validation by the form's own model with problems at their place
in the case file, and finding a document.

A model's module builds each of its documents with a :class:`Builder` (``put`` a field with the
path it comes from; ``notes`` the form's own fields written in the case), and checks the whole
case with :func:`check_documents` after its own rules: a problem the form's model finds is
reported where the value is in the case file (``julemaerkehjem.ophold.foraeldredag``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from ..._wording import and_list, count
from ...errors import DataError, Problem
from ...fields import age_on, cpr_birth_date
from ..dokumenter import (
    _CONSENT_FORMS,
    ConsentDocument,
    Document,
    _ConsentBuilder,
    _samtykke,
    consent_number,
)
from ..model import Familiemedlem, Netvaerksperson, SagBase
from ..regler import PeopleIndex, consent_references
from . import CaseModel, fail

if TYPE_CHECKING:
    from ...forms import FormRef

__all__ = [
    "Builder",
    "consent_documents",
    "build_consent",
    "consent_references",
    "check_documents",
    "validate_document",
    "find_document",
    "reference",
    "age",
    "dedupe",
]


def age(member: Familiemedlem, day: dt.date) -> int:
    """A member's age on ``day`` (from the CPR number's birth date)."""
    return age_on(cpr_birth_date(member.cpr), day)


def reference(path: str, kind: str = "familiemedlemmer og netværk") -> Problem:
    """A key that names no one in the case (the key itself is never repeated)."""
    return Problem(path, "", f"nøglen findes ikke blandt sagens {kind}", "unknown_reference")


class Builder:
    """One document's data, and for each top-level field the path in the case file it comes
    from."""

    def __init__(self, sag: SagBase, notes_path: str) -> None:
        self.sag = sag
        self.idx = PeopleIndex(sag)
        self.notes_path = notes_path
        self.data: dict[str, Any] = {}
        self.sources: dict[str, str] = {}

    def put(self, name: str, value: Any, source: str) -> None:
        if value is not None:
            if isinstance(value, dt.date | dt.time):
                value = value.isoformat() if isinstance(value, dt.date) else value.strftime("%H:%M")
            self.data[name] = value
            self.sources[name] = source

    def notes(self, notes: dict[str, Any]) -> None:
        """The form's own fields written in the case (``notat``): every one the case does not
        fill itself; an unknown one is the form's problem, reported at its place."""
        for name, value in notes.items():
            if name not in self.data:
                self.data[name] = value
                self.sources[name] = f"{self.notes_path}.{name}"

    def person(self, key: str) -> Familiemedlem | Netvaerksperson:
        p = self.idx.person(key)
        if p is None:  # the case's check reports it with its path first
            raise DataError(
                [
                    Problem(
                        "",
                        "",
                        "en nøgle i sagen findes ikke blandt sagens familiemedlemmer og "
                        "netværk; kør 'samarbejdsdok sag check' for at se hvor",
                        "unknown_reference",
                    )
                ],
                form="sag",
            )
        return p

    def contact(self, key: str) -> dict[str, Any]:
        """``navn``, ``funktion``, ``telefon``, ``email`` of a person (a form's Kontakt)."""
        p = self.person(key)
        funktion = getattr(p, "funktion", None) or p.relation or getattr(p, "afdeling", None)
        out = {"navn": p.navn, "funktion": funktion, "telefon": p.telefon, "email": p.email}
        return {k: v for k, v in out.items() if v is not None}

    def label(self, key: str) -> str:
        """ "Navn, afdeling" of a professional (the partner where no department is given); a
        family member's or personal contact's name alone."""
        p = self.person(key)
        if isinstance(p, Netvaerksperson) and p.professionel:
            where = p.afdeling or p.part
            return f"{p.navn}, {where}" if where else p.navn
        return p.navn

    def name(self, key: str) -> str:
        return self.person(key).navn


def consent_documents(sag: SagBase) -> list[Document]:
    """A declaration per consent in the case (every model has the same consents)."""
    return [
        ConsentDocument(_CONSENT_FORMS[s.type], samtykke=i + 1) for i, s in enumerate(sag.samtykker)
    ]


def build_consent(sag: SagBase, doc: ConsentDocument) -> tuple[dict[str, Any], dict[str, str]]:
    """A consent declaration's data, as the toolbox builds it (only the shared parts are used)."""
    b = _ConsentBuilder(cast(Any, sag), doc)
    _samtykke(b)
    return b.data, b.sources


def validate_document(
    form: str, data: dict[str, Any], sources: dict[str, str], notes_path: str
) -> Any:
    """The form's model of ``data``; a problem is reported where its value is in the case."""
    from ...forms import get_form
    from ...validation import validate

    spec = get_form(form)
    try:
        return validate(spec.model, data, form=spec.name)
    except DataError as exc:
        problems = [_repath(p, sources, form, notes_path) for p in exc.problems]
        raise DataError(problems, form=spec.name) from None


def _repath(p: Problem, sources: dict[str, str], form: str, notes_path: str) -> Problem:
    head, _, rest = p.path.partition(".")
    where = sources.get(head)
    if where is None:
        where = f"{notes_path}.{head}" if head else notes_path
    elif where.endswith(f".{head}") and rest:
        where = f"{where}.{rest}"
    message = f"{p.message} ({form}: {p.path})" if p.path else p.message
    return Problem(where, p.title, message, p.code)


def overridden(
    notes: dict[str, Any], notes_path: str, sources: dict[str, str], form: str
) -> list[Problem]:
    """Notes naming a field the case fills itself (they would be ignored)."""
    out = []
    for name in notes:
        source = sources.get(name)
        if source is not None and not source.startswith(f"{notes_path}."):
            out.append(
                Problem(
                    f"{notes_path}.{name}",
                    "",
                    f"feltet udfyldes fra sagen ({source}) i {form}; ret det dér",
                    "filled_from_case",
                )
            )
    return out


def check_documents(
    docs: Iterable[Document],
    made: Callable[[Document], tuple[dict[str, Any], dict[str, str], str, dict[str, Any]]],
    known: Iterable[Problem],
) -> list[Problem]:
    """Each document's own rules, at their place in the case; a problem at (or under) a path
    the case's rules already reported adds nothing. ``made(doc)`` gives the document's data,
    sources, notes path and notes."""
    seen = {p.path for p in known}
    out: list[Problem] = []
    for doc in docs:
        data, sources, notes_path, notes = made(doc)
        out += overridden(notes, notes_path, sources, doc.form)
        try:
            validate_document(doc.form, data, sources, notes_path)
        except DataError as exc:
            out += [p for p in exc.problems if not _under(p.path, seen)]
    return out


def _under(path: str, known: set[str]) -> bool:
    return any(path == k or path.startswith(k + ".") for k in known)


def dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def find_document(
    model: CaseModel,
    sag: SagBase,
    form: FormRef,
    *,
    moede: int | None = None,
    samtykke: int | None = None,
    til: str | None = None,
) -> Document:
    """The document ``form`` (consent number ``samtykke``) of a case of ``model``: a model
    whose documents have fixed recipients and no numbered meetings."""
    from ...forms import get_form

    name = get_form(form).name
    if name not in model.forms:
        raise fail(
            "",
            f"{name} hører til en anden samarbejdsmodel end sagens ({model.title}); lav den "
            "med en sag for dens model, eller uden sagen ud fra formularens egne data",
            "form_not_in_case",
        )
    if moede is not None:
        raise fail("", f"en sag i {model.title} har ingen nummererede møder", "no_such_meeting")
    if til is not None:
        raise fail(
            "",
            f"dokumenterne i {model.title} har faste modtagere; en modtager angives ikke",
            "no_such_recipient",
        )
    if samtykke is not None and not 1 <= samtykke <= len(sag.samtykker):
        n = len(sag.samtykker)
        raise fail(
            "samtykker",
            f"sagen har {count(n, 'samtykke', 'samtykker')}; samtykke {samtykke} findes ikke",
            "no_such_consent",
        )
    docs = model.documents(sag)
    matches = [
        d for d in docs if d.form == name and (samtykke is None or consent_number(d) == samtykke)
    ]
    if len(matches) > 1:
        which = and_list(str(consent_number(d)) for d in matches)
        raise fail(
            "",
            f"sagen har flere af dette dokument (nr. {which}); angiv samtykket",
            "ambiguous",
            "samtykke",
        )
    if not matches:
        there = sorted({d.form for d in docs})
        raise fail(
            "",
            "sagen har ikke dette dokument endnu; der er: " + and_list(there),
            "no_such_document",
        )
    return replace(matches[0])
