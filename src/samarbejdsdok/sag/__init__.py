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
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._compat import deprecated
from ..errors import ConsentError, DataError, Problem
from ..sources import parse_document, read_input
from ..validation import validate
from .dokumenter import (
    CaseDocument,
    ConsentDocument,
    Document,
    Invitation,
    MeetingDocument,
)
from .model import Sag, SagBase
from .modeller import DEFAULT, NAMES, CaseModel, get, unknown_model
from .regler import coverage
from .steder import lines_of, locate

if TYPE_CHECKING:
    from ..forms import FormRef
    from ..rendering import RenderedDocument

__all__ = [
    "Sag",
    "SagBase",
    "MODELS",
    "model_of",
    "examples",
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

#: The bundled worked example of the toolbox, relative to the package (each model's is
#: :func:`examples`).
EXAMPLE = "data/sag_eksempel.yaml"

#: The collaboration models a case file may name in ``model`` (``toolbox`` when left out).
MODELS = NAMES


def load(source: str | os.PathLike[str] | dict[str, Any]) -> SagBase:
    """Read and validate a case file (``.json``, ``.yaml``/``.yml``) or a mapping. Its
    ``model`` (``toolbox`` when left out) says which collaboration model's case it is, and so
    which class it is read into (:class:`Sag` for the toolbox).

    Raises:
        InputFormatError: the file cannot be read or parsed.
        DataError: the case does not fit the model; every problem with its path.
    """
    if isinstance(source, dict):
        return _validated(source, {})
    path = Path(source)
    return _from_bytes(read_input(path, "Sagsfilen"), path.name)


def _from_bytes(raw: bytes, name: str) -> SagBase:
    """The case in a file's bytes, remembering the line of each path for its problems."""
    return _validated(parse_document(raw, name), lines_of(raw.decode("utf-8-sig")))


def _validated(data: Any, lines: dict[str, int]) -> SagBase:
    """The case read into its model's class. A key that belongs to another model's course is
    reported by name (and left out of the rest of the check), with every other problem."""
    name = data.get("model", DEFAULT) if isinstance(data, dict) else DEFAULT
    try:
        model = get(name)
    except DataError:  # no such model, or one not yet usable: with the line of `model`
        raise DataError(locate([unknown_model(name)], lines), form="sag") from None
    foreign = _sections_of_other_models(data, model)
    if foreign:
        data = {k: v for k, v in data.items() if k not in {p.path for p in foreign}}
    try:
        sag = validate(model.case, data, form="sag")
    except DataError as exc:
        raise DataError(locate(foreign + list(exc.problems), lines), form="sag") from None
    if foreign:
        raise DataError(locate(foreign, lines), form="sag")
    sag._linjer = lines
    return sag


def _sections_of_other_models(data: dict[str, Any], model: CaseModel) -> list[Problem]:
    out = []
    for other in NAMES:
        if other == model.name:
            continue
        keys = get(other).sections if other in {m.name for m in _usable()} else (other,)
        for key in keys:
            if key in data and key not in model.sections:
                out.append(
                    Problem(
                        key,
                        "",
                        f"afsnittet hører til samarbejdsmodellen {other}, men sagen er en "
                        f"{model.name}-sag (model: {model.name}); ret 'model', eller fjern "
                        "afsnittet",
                        "section_of_other_model",
                    )
                )
    return out


def _usable() -> list[CaseModel]:
    from .modeller import implemented

    return implemented()


def model_of(sag: SagBase) -> CaseModel:
    """The collaboration model of a case (its ``model``)."""
    return get(sag.model)


def example(model: str = DEFAULT) -> SagBase:
    """A bundled worked example: for the toolbox, the example family (docs/eksempelfamilie.md),
    May to December 2026; each other model's tells its own form examples' story.

    Raises:
        DataError: no such model (path ``model``).
    """
    path = get(model).example
    return _from_bytes(files("samarbejdsdok").joinpath(path).read_bytes(), path)


def examples() -> dict[str, str]:
    """Each usable model's worked example, by model name: the path relative to the package."""
    return {m.name: m.example for m in _usable()}


def check(sag: SagBase) -> list[Problem]:
    """Every problem of the case, in the order of the file: references, consent, dates, the
    model's cadence, and each document's own rules. An empty list means every document can be
    made."""
    return locate(model_of(sag).check(sag), sag._linjer)


def documents(sag: SagBase) -> list[Document]:
    """The course's documents so far, in order."""
    return model_of(sag).documents(sag)


def find(
    sag: SagBase,
    form: FormRef,
    *,
    moede: int | None = None,
    samtykke: int | None = None,
    til: str | None = None,
) -> Document:
    """The document ``form`` (its name, model class or ``FormSpec``) of meeting ``moede`` /
    consent ``samtykke``, for recipient ``til``.

    In a toolbox case, without ``moede`` the family plan is the current one (after the latest
    network meeting held); other documents must be unambiguous.

    Raises:
        FormNotFoundError: no form has that name.
        DataError: no such document in the case, with what there is instead.
    """
    return model_of(sag).find(sag, form, moede=moede, samtykke=samtykke, til=til)


def as_held(sag: Sag, moede: int) -> Sag:
    """The case with meeting ``moede`` (from 1) held: its note forms can then be made, to be
    filled in while it is held (``sag render --fillable``)."""
    from .model import Moedestatus

    meetings = list(sag.moeder)
    meetings[moede - 1] = meetings[moede - 1].model_copy(update={"status": Moedestatus.afholdt})
    held = sag.model_copy(update={"moeder": meetings})
    held._linjer = sag._linjer
    return held


def build(
    sag: SagBase, dok: Document, *, hjemmel: str | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The form data of ``dok`` and, for each top-level field, its path in the case file."""
    return model_of(sag).build(sag, dok, hjemmel=hjemmel)


def model_for(sag: SagBase, dok: Document, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``dok``.

    Raises:
        ConsentError: a professional's copy that no valid consent covers, without ``hjemmel``.
        DataError: the form's own rules, with paths in the case file.
    """
    return model_of(sag).model_for(sag, dok, hjemmel=hjemmel)


def require_valid(sag: SagBase, *, hjemmel: str | None = None) -> None:
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
    sag: SagBase,
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
    sag: SagBase, out_dir: str | os.PathLike[str], *, hjemmel: str | None = None, pdf: bool = False
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
