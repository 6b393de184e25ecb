"""The public :func:`merge`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import (
    ArgumentError,
    OutputError,
)
from ..forms import FormModel, FormSpec
from ..pdf import find_uno_python, require_soffice
from ..sources import Row
from .catalogue import resolve_form
from .filenames import FileNamer
from .merger import Merger
from .pdf import PdfConverter
from .results import MergeResult


def merge(
    form: str | FormSpec | type[FormModel],
    rows: Iterable[Mapping[str, Any] | Row],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    filename: str | None = None,
    template: str | os.PathLike[str] | bytes | None = None,
    jobs: int = 1,
    strict: bool = False,
    resume: bool = False,
    pdf: bool = False,
    profile: Mapping[str, Any] | None = None,
) -> Iterator[MergeResult]:
    """Render one document per row and yield a :class:`MergeResult` per row, in input order.

    Args:
        form: the form's name (``"samtykke_generel"``), its :class:`FormSpec` or model class.
        rows: dicts with dotted keys or Danish titles (``{"boern.0.navn": ...}``), nested dicts
            (``{"boern": [{"navn": ...}]}``), or :class:`~samarbejdsdok.sources.Row` objects
            (which carry the row number the user sees). Plain dicts are numbered from 1.
        out_dir: write each document there (atomically) and yield paths; without it, yield
            the bytes.
        filename: the file name pattern (see :class:`FileNamer`); default
            :data:`DEFAULT_FILENAME`.
        template: a municipality's own template (path or bytes).
        jobs: do each row's work (reading, validating, rendering, writing) in this many
            worker processes (0: one per CPU).
        strict: stop after the first row that fails (the generator ends there).
        resume: with ``out_dir``, skip a row whose document is already complete: a file with
            the name this run gives the row, that is a zip with ``word/document.xml`` whose
            members pass their CRC check (and, with ``pdf``, a PDF beside it).
        pdf: also convert each document to PDF with LibreOffice: ``jobs`` LibreOffice
            processes at the same time, each with its own profile, one start per batch of up
            to :data:`PDF_BATCH` documents; a batch that hangs or crashes is converted again
            one document at a time, and a document that still fails is a ``fejl`` row.
            ``pdf`` on the results is the PDF's path or bytes.
        profile: a municipality profile (:func:`samarbejdsdok.profil.load`): each row gets
            from it what the form takes from a profile and the row leaves out, as ``render``
            with a profile does (the sender; the consent declaration's standard partners, so
            a partner is ticked by its box alone).

    Raises (at the call, before any row is read):
        FilenamePatternError: the pattern is wrong or names a CPR field.
        PdfUnavailableError: ``pdf`` and LibreOffice (``soffice``) is not installed.
        TemplateError: the template is missing, is not a .docx, or does not fit the form
            (checked by rendering the form's example once).
        OutputError: the output folder cannot be made.
    """
    return start(
        form,
        rows,
        out_dir=out_dir,
        filename=filename,
        template=template,
        jobs=jobs,
        strict=strict,
        resume=resume,
        pdf=pdf,
        profile=profile,
    )


def start(
    form: str | FormSpec | type[FormModel],
    rows: Iterable[Mapping[str, Any] | Row],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    filename: str | None = None,
    template: str | os.PathLike[str] | bytes | None = None,
    jobs: int = 1,
    strict: bool = False,
    resume: bool = False,
    pdf: bool = False,
    profile: Mapping[str, Any] | None = None,
    models: bool = True,
) -> Results:
    """:func:`merge`; without ``models`` the results of rows made have no ``model`` (the
    command line's merge needs none: the workers then do not send them back)."""
    spec = resolve_form(form)
    namer = FileNamer(spec, filename)
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise ArgumentError("jobs skal være 0 (én pr. processor) eller mere")
    if resume and out_dir is None:
        error = ArgumentError("resume kræver out_dir: kun dokumenter i en mappe kan genoptages")
        error.arguments = ("out_dir",)
        raise error
    converter = None
    if pdf:
        exe = require_soffice()  # PdfUnavailableError before anything is made
        converter = PdfConverter(exe, jobs, python=find_uno_python(exe))
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"Kan ikke oprette mappen {out}: {exc.strerror}") from None
    from ..rendering import render

    render(spec.example_model(), template=template)  # a template that cannot work fails here
    merger = Merger(
        spec,
        out_dir=out,
        namer=namer,
        template=template,
        jobs=jobs,
        strict=strict,
        resume=resume,
        pdf=pdf,
        profile=profile,
        models=models,
    )
    return Results(merger, merger.run(rows, converter))


class Results(Iterator[MergeResult]):
    """What :func:`merge` returns: its results, and ``close()`` to stop the run (the workers
    finish their documents and stop; the run's temporary folder is removed)."""

    def __init__(self, merger: Merger, results: Iterator[MergeResult]) -> None:
        self.merger = merger
        self._results = results

    def __next__(self) -> MergeResult:
        return next(self._results)

    def close(self) -> None:
        close = getattr(self._results, "close", None)
        if close is not None:
            close()
