"""One case, many documents: the case file (``Sag``) and what is made from it.

>>> from samarbejdsdok import sag
>>> case = sag.example()
>>> [d.filnavn for d in sag.documents(case)][:2]
['procesplan.docx', 'drejebog_tjekliste.docx']
>>> sag.check(case)
[]

* :func:`load` reads a case file (JSON or YAML) into a validated :class:`Sag`; :func:`example`
  is the bundled worked example.
* :func:`check` lists every problem at once: the file's shape, references, consent, dates,
  and the rules of each form the case produces, each with its path in the case file.
* :func:`documents` lists the course's documents so far, each a :class:`Document` of its kind
  (:class:`CaseDocument`, :class:`ConsentDocument`, :class:`MeetingDocument`,
  :class:`Invitation`); :func:`find` picks one, :func:`render` makes one, :func:`render_all` all
  of them (and a calendar file per network meeting). Warnings about a document (e.g. that it was
  made with the slower docxtpl) are on the result's ``warnings``.

The old Danish names (``indlaes``, ``eksempel``, ``kontroller``, ``dokumenter``, ``byg``,
``render_alle``, ``daekning``, ``Dokument``, ``SkrevneFiler``, ``EKSEMPEL``) still work and emit a
:class:`DeprecationWarning` naming the new one.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._compat import deprecated
from .._wording import and_list, count
from ..errors import ConsentError, DataError, Problem
from ..sources import parse_document, read_input
from ..validation import validate
from .dokumenter import (
    FORMS,
    CaseDocument,
    ConsentDocument,
    Document,
    Invitation,
    MeetingDocument,
    build,
    consent_number,
    documents,
    meeting_number,
    model_for,
    overridden_notes,
)
from .dokumenter import validate as validate_document
from .model import MOEDENAVNE, Sag
from .regler import coverage, rule_problems
from .steder import lines_of, locate

if TYPE_CHECKING:
    from ..forms import FormRef
    from ..rendering import RenderedDocument

__all__ = [
    "Sag",
    "Document",
    "CaseDocument",
    "ConsentDocument",
    "MeetingDocument",
    "Invitation",
    "EXAMPLE",
    "load",
    "example",
    "check",
    "documents",
    "find",
    "build",
    "model_for",
    "render",
    "require_valid",
    "render_all",
    "WrittenFiles",
    "coverage",
]

#: The bundled worked example, relative to the package.
EXAMPLE = "data/sag_eksempel.yaml"


def load(source: str | os.PathLike[str] | dict[str, Any]) -> Sag:
    """Read and validate a case file (``.json``, ``.yaml``/``.yml``) or a mapping.

    Raises:
        InputFormatError: the file cannot be read or parsed.
        DataError: the case does not fit the model; every problem with its path.
    """
    if isinstance(source, dict):
        return _validated(source, {})
    path = Path(source)
    return _from_bytes(read_input(path, "Sagsfilen"), path.name)


def _from_bytes(raw: bytes, name: str) -> Sag:
    """The case in a file's bytes, remembering the line of each path for its problems."""
    return _validated(parse_document(raw, name), lines_of(raw.decode("utf-8-sig")))


def _validated(data: Any, lines: dict[str, int]) -> Sag:
    try:
        sag = validate(Sag, data, form="sag")
    except DataError as exc:
        raise DataError(locate(exc.problems, lines), form="sag") from None
    sag._linjer = lines
    return sag


def example() -> Sag:
    """The bundled worked example: the example family (docs/eksempelfamilie.md), May to December
    2026."""
    return _from_bytes(files("samarbejdsdok").joinpath(EXAMPLE).read_bytes(), EXAMPLE)


def _unknown_notes(sag: Sag) -> list[Problem]:
    from ..forms import get_form
    from .dokumenter import _CASE_FORMS, _HELD, _PLANNED

    out = []
    for i, m in enumerate(sag.moeder):
        known: set[str] = set()
        for form in _HELD[m.type] + _PLANNED.get(m.type, ()):
            if form != "familieplan":
                known |= set(get_form(form).model.model_fields)
        for name in m.notat:
            if name not in known:
                out.append(
                    Problem(
                        f"moeder.{i}.notat.{name}",
                        "",
                        f"ukendt felt for et {MOEDENAVNE[m.type].lower()}",
                        "extra_forbidden",
                    )
                )
    for form, notes in sag.dokumenter.items():
        if form not in _CASE_FORMS:
            out.append(
                Problem(
                    f"dokumenter.{form}",
                    "",
                    "ukendt dokument; sagens egne dokumenter er " + and_list(_CASE_FORMS),
                    "extra_forbidden",
                )
            )
            continue
        fields = set(get_form(form).model.model_fields)
        out += [
            Problem(f"dokumenter.{form}.{n}", "", "ukendt felt i formularen", "extra_forbidden")
            for n in notes
            if n not in fields
        ]
    if sag.familieplan is not None:
        fields = set(get_form("familieplan").model.model_fields)
        out += [
            Problem(f"familieplan.notat.{n}", "", "ukendt felt i familieplanen", "extra_forbidden")
            for n in sag.familieplan.notat
            if n not in fields
        ]
    return out


def check(sag: Sag) -> list[Problem]:
    """Every problem of the case, in the order of the file: references, consent, dates, and each
    document's own rules. An empty list means every document can be made."""
    problems = rule_problems(sag) + _unknown_notes(sag)
    if any(
        p.code == "unknown_reference" or p.code == "participant_not_in_network" for p in problems
    ):
        return locate(_dedupe(problems), sag._linjer)  # documents would only repeat these
    known = {p.path for p in problems}  # a form repeating a case rule adds nothing
    for dok in documents(sag):
        data, sources = build(sag, dok)  # consent is checked above, per meeting
        problems += overridden_notes(sag, dok, sources)
        try:
            model = validate_document(dok, data, sources)
        except DataError as exc:
            problems += [p for p in exc.problems if not _under(p.path, known)]
            continue
        if dok.form == "netvaerksmoede_dagsorden" and isinstance(dok, MeetingDocument):
            problems += _agenda_fits(sag, dok.moede, model)
    return locate(_dedupe(problems), sag._linjer)


def _agenda_fits(sag: Sag, nr: int, agenda: Any) -> list[Problem]:
    """The agenda's times (5 minutes per professional) end when the invitation says."""
    from ..formatting import kl

    moede = sag.moeder[nr - 1]
    if moede.slut is None or agenda.sluttid <= moede.slut:
        return []
    return [
        Problem(
            f"moeder.{nr - 1}.slut",
            "",
            f"dagsordenen varer {agenda.varighed} minutter og slutter {kl(agenda.sluttid)}, men "
            f"mødet er booket til {kl(moede.slut)}: forlæng mødet, eller inviter færre "
            "professionelle (hver har 5 minutter til sin fremlæggelse)",
            "agenda_longer_than_meeting",
        )
    ]


def _under(path: str, known: set[str]) -> bool:
    return any(path == k or path.startswith(k + ".") for k in known)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _fail(path: str, message: str, code: str, *arguments: str) -> DataError:
    error = DataError([Problem(path, "", message, code)], form="sag")
    error.arguments = arguments
    return error


def find(
    sag: Sag,
    form: FormRef,
    *,
    moede: int | None = None,
    samtykke: int | None = None,
    til: str | None = None,
) -> Document:
    """The document ``form`` (its name, model class or ``FormSpec``) of meeting ``moede`` /
    consent ``samtykke``, for recipient ``til``.

    Without ``moede``, the family plan is the current one (after the latest network meeting
    held); other documents must be unambiguous.

    Raises:
        FormNotFoundError: no form has that name.
        DataError: no such document in the case, with what there is instead.
    """
    from ..forms import get_form

    form = get_form(form).name
    if form not in FORMS:
        raise _fail(
            "",
            f"{form} hører til en anden samarbejdsmodel end sagens (værktøjskassen); lav den "
            "uden sagen, ud fra formularens egne data",
            "form_not_in_case",
        )
    if moede is not None and not 1 <= moede <= len(sag.moeder):
        n = len(sag.moeder)
        raise _fail(
            "moeder",
            f"sagen har {count(n, 'møde', 'møder')}; møde {moede} findes ikke",
            "no_such_meeting",
        )
    if samtykke is not None and not 1 <= samtykke <= len(sag.samtykker):
        n = len(sag.samtykker)
        raise _fail(
            "samtykker",
            f"sagen har {count(n, 'samtykke', 'samtykker')}; samtykke {samtykke} findes ikke",
            "no_such_consent",
        )
    if til is not None:
        person = next((p for p in sag.netvaerk if p.id == til), None)
        if person is None or not person.professionel:
            raise _fail(
                "netvaerk",
                "modtageren skal være nøglen på en professionel i sagens netværk",
                "no_such_recipient",
                "til",
            )
    docs = documents(sag)
    matches = [
        d
        for d in docs
        if d.form == form
        and (moede is None or meeting_number(d) == moede)
        and (samtykke is None or consent_number(d) == samtykke)
    ]
    if form == "netvaerksmoede_invitation":
        if til is None:
            raise _fail(
                "",
                "en invitation har en modtager: angiv modtagerens nøgle",
                "recipient_missing",
                "til",
            )
        if matches and not any(d.til == til for d in matches):
            raise _fail(
                "", "modtageren er ikke inviteret til mødet (ikke blandt deltagerne)", "not_invited"
            )
        matches = [d for d in matches if d.til == til]
    elif til is not None:
        matches = [replace(d, til=til) for d in matches]
    if form == "familieplan" and moede is None:
        matches = matches[-1:]  # the current plan: after the latest network meeting held
    if len(matches) > 1 and moede is None and samtykke is None:
        which = and_list(str(meeting_number(d) or consent_number(d)) for d in matches)
        raise _fail(
            "",
            f"sagen har flere af dette dokument (nr. {which}); angiv mødet eller samtykket",
            "ambiguous",
            "moede",
            "samtykke",
        )
    if not matches:
        there = sorted({d.form for d in docs if moede is None or meeting_number(d) == moede})
        where = f" for møde {moede}" if moede else ""
        raise _fail(
            "",
            f"sagen har ikke dette dokument{where}; der er: " + and_list(there),
            "no_such_document",
        )
    return matches[-1]


def as_held(sag: Sag, moede: int) -> Sag:
    """The case with meeting ``moede`` (from 1) held: its note forms can then be made, to be
    filled in while it is held (``sag render --fillable``)."""
    from .model import Moedestatus

    meetings = list(sag.moeder)
    meetings[moede - 1] = meetings[moede - 1].model_copy(update={"status": Moedestatus.afholdt})
    held = sag.model_copy(update={"moeder": meetings})
    held._linjer = sag._linjer
    return held


def require_valid(sag: Sag, *, hjemmel: str | None = None) -> None:
    """Raise :class:`DataError` with every problem of the whole case (:func:`check`), so no
    document is made from a case with a problem anywhere. With ``hjemmel`` (a legal basis for
    sharing without consent) missing consents are not problems."""
    problems = check(sag)
    if hjemmel is not None:
        problems = [p for p in problems if p.code != "consent_missing"]
    if problems:
        consent_only = all(p.code == "consent_missing" for p in problems)
        raise (ConsentError if consent_only else DataError)(problems, form="sag")


def render(
    sag: Sag,
    dok: Document,
    path: str | os.PathLike[str] | None = None,
    *,
    hjemmel: str | None = None,
    template: Any = None,
) -> RenderedDocument:
    """Render one document of the case, after the whole-case check (:func:`require_valid`); see
    :func:`model_for` for the errors. The result's ``warnings`` hold anything to pass on to the
    user."""
    from ..rendering import render as render_model

    require_valid(sag, hjemmel=hjemmel)
    return render_model(model_for(sag, dok, hjemmel=hjemmel), path, template=template)


class WrittenFiles(list[Path]):
    """The files :func:`render_all` wrote, in order. ``warnings``: each distinct warning of the
    rendered documents once (Danish sentences to pass on to the user; see
    :attr:`samarbejdsdok.engine.RenderedDocument.warnings`)."""

    warnings: tuple[str, ...] = ()


def render_all(
    sag: Sag, out_dir: str | os.PathLike[str], *, hjemmel: str | None = None, pdf: bool = False
) -> WrittenFiles:
    """Every document of the course so far into ``out_dir``, plus a calendar file (no personal
    data) per network meeting with invitations. The case is checked first: if anything is
    wrong, nothing is written and :class:`DataError` lists every problem.

    With ``pdf``, each document's PDF (PDF/A-2b, tagged; docs/pdf.md) is written beside it,
    all converted in one LibreOffice start before anything is written:
    :class:`~samarbejdsdok.PdfUnavailableError` without LibreOffice,
    :class:`~samarbejdsdok.PdfConversionError` if a document does not convert.

    Returns the files written (a list of paths) with the documents' ``warnings``."""
    from ..forms import get_form
    from ..pdf import convert_or_fail, require_soffice
    from ..rendering import render as render_model
    from ..rendering import write_atomic

    exe = require_soffice() if pdf else None
    require_valid(sag, hjemmel=hjemmel)
    docs = documents(sag)
    models = [(d, model_for(sag, d, hjemmel=hjemmel)) for d in docs]
    rendered = [render_model(model) for _, model in models]
    pdfs: list[bytes] = []
    if exe is not None:
        pdfs = convert_or_fail(
            [(d.filnavn, r) for (d, _), r in zip(models, rendered, strict=True)], exe
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = WrittenFiles()
    warnings: dict[str, None] = {}  # distinct, in order
    calendars: dict[int, bytes] = {}
    for i, ((dok, model), document) in enumerate(zip(models, rendered, strict=True)):
        target = out / dok.filnavn
        write_atomic(target, document)
        warnings.update(dict.fromkeys(document.warnings))
        written.append(target)
        if pdfs:
            write_atomic(target.with_suffix(".pdf"), pdfs[i])
            written.append(target.with_suffix(".pdf"))
        calendar = get_form(dok.form).attachment("ics")  # the meeting's, from its invitation
        if calendar is not None and isinstance(dok, MeetingDocument) and dok.moede not in calendars:
            calendars[dok.moede] = calendar.make(model)
    for nr, data in calendars.items():
        target = out / f"moede{nr:02d}-netvaerksmoede.ics"
        write_atomic(target, data)
        written.append(target)
    written.warnings = tuple(warnings)
    return written


# -- the old names ----------------------------------------------------------------------------
indlaes = deprecated(__name__, "indlaes", load)
eksempel = deprecated(__name__, "eksempel", example)
kontroller = deprecated(__name__, "kontroller", check)
dokumenter = deprecated(__name__, "dokumenter", documents)
byg = deprecated(__name__, "byg", build)
render_alle = deprecated(__name__, "render_alle", render_all)
daekning = deprecated(__name__, "daekning", coverage)

#: The old names of a class or constant, served by :func:`__getattr__` with a warning.
_RENAMED = {"Dokument": "Document", "SkrevneFiler": "WrittenFiles", "EKSEMPEL": "EXAMPLE"}


def __getattr__(name: str) -> object:
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"samarbejdsdok.sag.{name} is deprecated; use samarbejdsdok.sag.{new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
