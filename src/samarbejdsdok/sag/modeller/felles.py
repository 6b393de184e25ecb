"""What the models other than the toolbox share: a document's data built with the path of each
field, the consent declarations, validation by the form's own model with problems at their place
in the case file, and finding a document (the toolbox, older, uses only the last pieces: the
meeting and consent numbers checked, the missing document, the problems without repeats).

A model's module builds each of its documents with a :class:`Builder` (``put`` a field with the
path it comes from; ``notes`` the form's own fields written in the case) in a function giving
the document as :data:`Made` (a consent declaration: :func:`consent_made`); :func:`builder` and
:func:`validated` turn that into the model's ``build`` and ``model_for``. It checks the whole case
with :func:`check_case`: the keys first (:func:`child_reference`, :func:`professional_references`),
then its own rules, then each document's (:func:`check_documents`): a problem the form's model
finds is reported where the value is in the case file (``julemaerkehjem.ophold.foraeldredag``).
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
from ..model import Familiemedlem, Netvaerksperson, Rolle, SagAftale, SagBase
from ..regler import PeopleIndex, consent_references
from . import CaseModel, fail

if TYPE_CHECKING:
    from ...forms import FormRef

__all__ = [
    "Builder",
    "Made",
    "consent_documents",
    "build_consent",
    "consent_made",
    "builder",
    "validated",
    "consent_references",
    "child_reference",
    "professional_references",
    "check_case",
    "check_documents",
    "validate_document",
    "find_document",
    "form_of_model",
    "meeting_in_range",
    "missing_document",
    "consent_in_range",
    "reference",
    "age",
    "dedupe",
    "under",
]

#: A document as a model makes it: its data, for each top-level field its path in the case file,
#: the path of the form's own fields written in the case (``notat``), and those fields.
Made = tuple[dict[str, Any], dict[str, str], str, dict[str, Any]]


def age(member: Familiemedlem, day: dt.date) -> int:
    """A member's age on ``day`` (from the CPR number's birth date)."""
    return age_on(cpr_birth_date(member.cpr), day)


def reference(path: str, kind: str = "familiemedlemmer og netværk") -> Problem:
    """A key that names no one in the case (the key itself is never repeated)."""
    return Problem(path, "", f"nøglen findes ikke blandt sagens {kind}", "unknown_reference")


def child_reference(idx: PeopleIndex, key: str, path: str) -> list[Problem]:
    """The course's child (``key`` at ``path``): a family member whose role is child."""
    child = idx.medlemmer.get(key)
    if child is None:
        return [reference(path, "familiemedlemmer")]
    if child[1].rolle != Rolle.barn:
        return [Problem(path, "", "familiemedlemmet er ikke et barn (rolle)", "not_a_child")]
    return []


def professional_references(
    idx: PeopleIndex, keys: Iterable[tuple[str, str | None]]
) -> list[Problem]:
    """Each (path, key) given names a professional in the network (a key left out: nothing)."""
    out = []
    for path, key in keys:
        if key is None:
            continue
        person = idx.person(key)
        if person is None:
            out.append(reference(path))
        elif not (isinstance(person, Netvaerksperson) and person.professionel):
            out.append(
                Problem(
                    path,
                    "",
                    "personen skal være en professionel i netværket (kommunalt eller eksternt)",
                    "not_in_network",
                )
            )
    return out


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

    def lukkedage(self) -> None:
        """The profile's closing days (``lukkedage``), for a form that prints dates of the
        municipality's calendar."""
        self.put("lukkedage", (self.sag.profil or {}).get("lukkedage"), "profil.lukkedage")

    def agreements(self, aftaler: list[SagAftale]) -> list[dict[str, Any]]:
        """The case's agreements as a form lists them: what, the names of those responsible,
        and the deadline if any."""
        return [
            {
                "indhold": a.indhold,
                "ansvarlige": [self.name(k) for k in a.ansvarlige],
                **({"tidsfrist": a.tidsfrist.isoformat()} if a.tidsfrist else {}),
            }
            for a in aftaler
        ]


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


def consent_made(sag: SagBase, doc: ConsentDocument) -> Made:
    """A consent declaration as :data:`Made`: the toolbox's data, the consent's place in the
    case file, no notes of its own."""
    data, sources = build_consent(sag, doc)
    return data, sources, f"samtykker.{doc.samtykke - 1}", {}


def builder(
    made: Callable[[Any, Document], Made],
) -> Callable[..., tuple[dict[str, Any], dict[str, str]]]:
    """A model's ``build`` from the function that makes its documents (``made(sag, doc)``)."""

    def build(
        sag: Any, doc: Document, *, hjemmel: str | None = None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """The form data of ``doc`` and, for each top-level field, its path in the case file."""
        data, sources, _, _ = made(sag, doc)
        return data, sources

    return build


def validated(form: str, made: Made) -> Any:
    """The form's model of a document as made; a problem is reported where its value is in the
    case (DataError)."""
    data, sources, notes_path, _ = made
    return validate_document(form, data, sources, notes_path)


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
            out += [p for p in exc.problems if not under(p.path, seen)]
    return out


def check_case(
    sag: Any,
    references: Callable[[Any], list[Problem]],
    rules: Iterable[Callable[[Any], list[Problem]]],
    documents: Callable[[Any], Iterable[Document]],
    made: Callable[[Any, Document], Made],
) -> list[Problem]:
    """Every problem of a case (unlocated), each once: the keys' problems (``references``);
    unless a key names no one (the rest would only repeat it), then the model's ``rules`` in
    order and each document's own rules (:func:`check_documents`)."""
    problems = references(sag)
    if any(p.code == "unknown_reference" for p in problems):
        return dedupe(problems)  # the documents would only repeat these
    for rule in rules:
        problems += rule(sag)
    problems += check_documents(documents(sag), lambda d: made(sag, d), problems)
    return dedupe(problems)


def under(path: str, known: set[str]) -> bool:
    """Whether ``path`` is one of the ``known`` paths or lies below one."""
    return any(path == k or path.startswith(k + ".") for k in known)


def dedupe(problems: list[Problem]) -> list[Problem]:
    """The problems without repeats (the same path and message), in order."""
    seen, out = set(), []
    for p in problems:
        key = (p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def form_of_model(model: CaseModel, form: FormRef) -> str:
    """The name of ``form``, a form that cases of ``model`` make (else form_not_in_case)."""
    from ...forms import get_form

    name = get_form(form).name
    if name not in model.forms:
        raise fail(
            "",
            f"{name} hører til en anden samarbejdsmodel end sagens ({model.title}); lav den "
            "med en sag for dens model, eller uden sagen ud fra formularens egne data",
            "form_not_in_case",
        )
    return name


def meeting_in_range(moede: int | None, n: int, path: str) -> None:
    """Meeting number ``moede``, when given, is one of the case's ``n`` meetings (the list at
    ``path``), else no_such_meeting."""
    if moede is not None and not 1 <= moede <= n:
        raise fail(
            path,
            f"sagen har {count(n, 'møde', 'møder')}; møde {moede} findes ikke",
            "no_such_meeting",
        )


def consent_in_range(sag: SagBase, samtykke: int | None) -> None:
    """Consent number ``samtykke``, when given, is one of the case's, else no_such_consent."""
    if samtykke is not None and not 1 <= samtykke <= len(sag.samtykker):
        n = len(sag.samtykker)
        raise fail(
            "samtykker",
            f"sagen har {count(n, 'samtykke', 'samtykker')}; samtykke {samtykke} findes ikke",
            "no_such_consent",
        )


def missing_document(where: str, forms: Iterable[str]) -> DataError:
    """No such document in the case (``where``: e.g. " for møde 3"), naming the ``forms`` that
    are (no_such_document)."""
    return fail(
        "",
        f"sagen har ikke dette dokument{where}; der er: " + and_list(sorted(set(forms))),
        "no_such_document",
    )


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
    name = form_of_model(model, form)
    if moede is not None:
        raise fail("", f"en sag i {model.title} har ingen nummererede møder", "no_such_meeting")
    if til is not None:
        raise fail(
            "",
            f"dokumenterne i {model.title} har faste modtagere; en modtager angives ikke",
            "no_such_recipient",
        )
    consent_in_range(sag, samtykke)
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
        raise missing_document(" endnu", (d.form for d in docs))
    return replace(matches[0])
