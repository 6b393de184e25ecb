"""The command line's merge: the report, the archive, the progress line, every row accounted for."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections import Counter, deque
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .._wording import count
from ..errors import (
    SamarbejdsdokError,
    mask_cpr_numbers,
)
from ..forms import FormSpec
from ..sources import Source
from . import stopping
from .api import Results, start
from .columns import check_columns
from .filenames import FileNamer
from .progress import Progress
from .report import Report, ReportError, ZipArchive
from .results import WARNING_SEPARATOR, MergeResult, Status
from .rows import RowReader
from .runfolder import RunFolder
from .stopping import Terminated


@dataclasses.dataclass
class BatchSummary:
    """What :func:`run_batch` did."""

    counts: Counter[str]
    report: Path
    zip: Path | None = None
    stopped: str = ""  # why the run stopped early ("" if it did not)
    interrupted: bool = False  # Ctrl-C or SIGTERM
    terminated: bool = False  # SIGTERM (see :func:`sigterm_as_interrupt`)
    error: SamarbejdsdokError | None = None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


#: The note of a valid row in a check (no document is made).
CHECKED_NOTE = "gyldig; intet dokument lavet (kun kontrol)"


def check_batch(
    spec: FormSpec,
    source: Source,
    *,
    report_path: Path,
    filename: str | None = None,
    progress: bool = False,
    echo: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
    max_echoed: int = 10,
    profile: Mapping[str, Any] | None = None,
) -> BatchSummary:
    """The command line's ``merge --check``: read and validate every row as the merge does and
    write the report, but make no documents. A valid row is ``ok`` (with :data:`CHECKED_NOTE`),
    an empty one ``sprunget over``, the rest ``fejl`` with their problems, each naming its
    column (and cell) as written.

    Raises before anything is written: :class:`ColumnError`, :class:`FilenamePatternError`, and
    an output error when the report cannot be written.
    """
    if source.headers is not None:
        check_columns(spec, source.headers)
    FileNamer(spec, filename)  # a wrong pattern is found now, not when the documents are made
    reader = RowReader(spec.model, profile=profile)
    folder = RunFolder(Path(os.path.abspath(report_path.parent)))
    try:
        report = Report(report_path, tmp_dir=folder.path)
        summary = BatchSummary(report.counts, report_path)
        bar = Progress(source.count_hint(), sys.stderr) if progress else None
        echoed = 0
        try:
            for done, row in enumerate(source.rows(), 1):
                read = reader.read(row, done)
                if read.empty:
                    report.add_line(read.number, Status.SPRUNGET_OVER, note="tom række")
                elif read.problems:
                    report.add(MergeResult(read.number, Status.FEJL, problems=list(read.problems)))
                    if echoed < max_echoed:
                        if bar is not None:
                            bar.clear()
                        for p in read.problems:
                            echo(mask_cpr_numbers(f"række {read.number}: {p}"))
                    echoed += 1
                else:
                    report.add_line(read.number, Status.OK, note=CHECKED_NOTE)
                if bar is not None:
                    bar.update(done)
        except BaseException:
            report.discard()
            raise
        finally:
            if bar is not None:
                bar.clear()
        report.close()
    finally:
        folder.close()
    if echoed > max_echoed:
        more = echoed - max_echoed
        echo(f"... og {more} {_rows(more)} mere med fejl (se rapporten)")
    return summary


def _rows(n: int) -> str:
    return "række" if n == 1 else "rækker"


def run_batch(
    spec: FormSpec,
    source: Source,
    *,
    out_dir: Path | None,
    zip_path: Path | None,
    report_path: Path,
    filename: str | None = None,
    template: str | None = None,
    jobs: int = 1,
    strict: bool = False,
    resume: bool = False,
    pdf: bool = False,
    progress: bool = False,
    echo: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
    max_echoed: int = 10,
    profile: Mapping[str, Any] | None = None,
) -> BatchSummary:
    """The command line's ``merge``: merge a source into a folder or a zip archive and write the
    report. Rows a stopped run did not reach (``--strict``, Ctrl-C, a template that fails) are
    reported as ``sprunget over`` with the reason, so the report has every input row.

    Raises before anything is written: :class:`ColumnError`, :class:`FilenamePatternError`,
    :class:`PdfUnavailableError`, template and output errors (see :func:`merge`).
    """
    if source.headers is not None:
        check_columns(spec, source.headers)
    results = start(
        spec,
        source.rows(),
        out_dir=None if zip_path is not None else out_dir,
        filename=filename,
        template=template,
        jobs=jobs,
        strict=strict,
        resume=resume,
        pdf=pdf,
        profile=profile,
        models=False,  # the report needs none
    )
    folders: dict[Path, RunFolder] = {}

    def run_folder(directory: Path) -> Path:
        """The run's own temporary folder beside the report or the archive."""
        key = Path(os.path.abspath(directory))
        if key not in folders:
            folders[key] = RunFolder(key)
        return folders[key].path

    archive = None
    try:
        try:
            report = Report(report_path, tmp_dir=run_folder(report_path.parent))
            if zip_path is not None:
                archive = ZipArchive(zip_path, run_folder(zip_path.parent))
        except BaseException:
            results.close()
            raise
        bar = Progress(source.count_hint(), sys.stderr) if progress else None
        summary = BatchSummary(report.counts, report_path, zip_path)
        try:
            _run_batch(results, source, report, archive, bar, summary, strict, echo, max_echoed)
        except BaseException as exc:
            report.discard()
            if archive is not None:
                archive.discard()
            if isinstance(exc, ReportError) and archive is None and out_dir is not None:
                stopped = ReportError(
                    f"{exc.message}. Kørslen er stoppet; de dokumenter, der nåede at blive "
                    "skrevet, er hele: kør igen og genoptag kørslen, når fejlen er rettet"
                )
                stopped.arguments = ("resume",)
                raise stopped from None
            raise
        if (summary.interrupted or summary.error is not None) and archive is not None:
            archive.discard()
            archive, summary.zip = None, None
        if archive is not None:  # first: the report must not list documents of no archive
            try:
                archive.close()
            except BaseException:
                report.discard()
                raise
        report.close()
    finally:
        for folder in folders.values():
            folder.close()
        stopping._finishing = stopping._stop_requested = False
    return summary


def _run_batch(
    results: Results,
    source: Source,
    report: Report,
    archive: ZipArchive | None,
    bar: Progress | None,
    summary: BatchSummary,
    strict: bool,
    echo: Callable[[str], None],
    max_echoed: int,
) -> None:
    """Every row of the source into the report: the merged ones, then the ones a stopped run did
    not reach. Raises :class:`ReportError` when the report cannot be written."""
    echoed = 0
    warned: set[str] = set()
    done = 0
    try:
        for result in results:
            report.add(result)
            if archive is not None:
                archive.add(result)
            done += 1
            if result.note and result.status is not Status.SPRUNGET_OVER:
                for warning in result.note.split(WARNING_SEPARATOR):  # once per run
                    if warning not in warned:
                        warned.add(warning)
                        if bar is not None:
                            bar.clear()
                        echo(mask_cpr_numbers(f"advarsel: {warning}"))
            if result.status is Status.FEJL:
                if echoed < max_echoed:
                    if bar is not None:
                        bar.clear()
                    for p in result.problems:
                        echo(mask_cpr_numbers(f"række {result.row}: {p}"))
                echoed += 1
                if strict and not summary.stopped:
                    summary.stopped = f"kørslen stoppede ved første fejl (række {result.row})"
            if bar is not None:
                bar.update(done)
    except KeyboardInterrupt as exc:
        summary.interrupted = True
        summary.terminated = isinstance(exc, Terminated)
        summary.stopped = "kørslen blev stoppet" if summary.terminated else "kørslen blev afbrudt"
    except ReportError:
        raise
    except SamarbejdsdokError as exc:
        summary.error = exc
        summary.stopped = f"kørslen stoppede: {exc.message}"
    finally:
        stopping._finishing = True
        results.close()  # stops the worker processes
        if bar is not None:
            bar.clear()
    if summary.stopped:
        note = f"ikke behandlet: {summary.stopped}"
        if summary.interrupted:  # workers may have finished rows after the last one reported
            note = f"ikke færdig: {summary.stopped} (kør igen og genoptag kørslen)"
        # Rows the workers finished after the last one reported: their documents are written
        # (and their PDFs, if they were made before the stop). A zip archive is not kept after a
        # stop.
        merger = results.merger
        finished: deque[MergeResult] = deque(merger.leftover if merger.out_dir is not None else ())
        for r in finished:
            if merger.pdf and r.ok and not r.pdf:
                r.note = WARNING_SEPARATOR.join(
                    filter(None, [r.note, f"ingen PDF: {summary.stopped}"])
                )
        try:
            for row in source.rows():
                if row.number <= report.last_row:
                    continue
                while finished and finished[0].row < row.number:
                    finished.popleft()
                if finished and finished[0].row == row.number:
                    report.add(finished.popleft())
                else:
                    report.add_line(row.number, Status.SPRUNGET_OVER, note=note)
        except ReportError:
            raise
        except (KeyboardInterrupt, SamarbejdsdokError):
            pass
    if echoed > max_echoed:
        echo(f"... og {count(echoed - max_echoed, 'række', 'rækker')} mere med fejl (se rapporten)")
