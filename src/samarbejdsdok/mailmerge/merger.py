"""The pipeline: each row prepared in input order, rendered here or in workers, PDFs after."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import (
    OutputError,
    Problem,
    SamarbejdsdokError,
    TemplateNotFoundError,
    TemplateSyntaxError,
)
from ..forms import FormSpec
from .filenames import FileNamer
from .pdf import PDF_CHUNK, PdfConverter, is_complete_pdf
from .results import WARNING_SEPARATOR, MergeResult, Status
from .rows import RowReader
from .runfolder import RunFolder, is_complete_docx
from .stopping import shield
from .workers import (
    Outcome,
    RenderFailed,
    RenderFatal,
    RenderTask,
    init_worker,
    render_batch,
    render_one,
)

_BATCH = 16
_IN_FLIGHT_PER_JOB = 3


@dataclasses.dataclass
class _Entry:
    result: MergeResult
    target: Path | None = None
    render: bool = False

    def task(self) -> RenderTask:
        """What a worker needs to render this row (a row to render has a model)."""
        assert self.result.model is not None
        return RenderTask(self.result.model, str(self.target) if self.target is not None else None)


@dataclasses.dataclass
class _Batch:
    """Rows sent to a worker together, and, once the worker is done, their results."""

    entries: list[_Entry]
    future: Future[list[Outcome]] | None
    results: deque[MergeResult] | None = None
    error: SamarbejdsdokError | None = None


class Merger:
    def __init__(
        self,
        spec: FormSpec,
        *,
        out_dir: Path | None,
        namer: FileNamer,
        template: Any,
        jobs: int,
        strict: bool,
        resume: bool,
        pdf: bool,
    ) -> None:
        self.spec = spec
        self.out_dir = out_dir
        self.namer = namer
        self.template = template
        self.jobs = jobs
        self.strict = strict
        self.resume = resume
        self.pdf = pdf
        self.reader = RowReader(spec.model)
        self.stop = False
        self.tmp_dir: Path | None = None  # the run's own folder in out_dir, while it runs
        self.write_error = ""  # why no document can be written (the folder is read-only...)
        #: When the run was stopped: the rows finished after the last one the caller took up
        #: (their documents are written), in input order; the first may be one the caller was
        #: reporting when it was interrupted.
        self.leftover: list[MergeResult] = []

    # -- one row, in the parent process -----------------------------------------------------------

    def prepare(self, item: Any, position: int) -> _Entry:
        read = self.reader.read(item, position)
        number = read.number
        if read.empty:
            return _Entry(MergeResult(number, Status.SPRUNGET_OVER, note="tom række"))
        if read.problems:
            return self._failed(number, list(read.problems))
        model = read.model
        assert model is not None
        name = self.namer.name(number, model)
        result = MergeResult(number, Status.OK, name=name, model=model)
        target_path = self.out_dir / name if self.out_dir is not None else None
        if self.resume and target_path is not None and is_complete_docx(target_path):
            pdf_path = target_path.with_suffix(".pdf")
            if not self.pdf or is_complete_pdf(pdf_path):
                result.status = Status.SPRUNGET_OVER
                result.path = target_path
                result.pdf = pdf_path if self.pdf else None
                result.note = "findes allerede (kørslen genoptaget)"
                return _Entry(result)
        return _Entry(result, target_path, render=True)

    def _failed(self, number: int, problems: list[Problem]) -> _Entry:
        if self.strict:
            self.stop = True
        return _Entry(MergeResult(number, Status.FEJL, problems=problems))

    def finish(self, entry: _Entry, outcome: Outcome | None) -> MergeResult:
        result = entry.result
        if outcome is None:
            return result
        if isinstance(outcome, RenderFatal):
            cls = (
                TemplateSyntaxError
                if outcome.error == "TemplateSyntaxError"
                else TemplateNotFoundError
            )
            raise cls(outcome.message, form=self.spec.name)
        if isinstance(outcome, RenderFailed):
            result.status = Status.FEJL
            result.problems = [Problem("", "", outcome.message, outcome.code)]
            if self.strict:
                self.stop = True
            return result
        if entry.target is not None:
            result.path = entry.target
        else:
            result.data = outcome.data
        result.note = WARNING_SEPARATOR.join(outcome.warnings)
        return result

    # -- the pipeline -----------------------------------------------------------------------------

    def run(
        self, rows: Iterable[Any], converter: PdfConverter | None = None
    ) -> Iterator[MergeResult]:
        """The results, in input order; with ``converter``, PDFs too. The run's temporary
        folder lives as long as this generator, PDF conversion included."""
        folder = None
        if self.out_dir is not None:
            try:
                folder = RunFolder(self.out_dir)
            except OutputError as exc:  # every row that would be written is reported
                self.write_error = exc.message
            else:
                self.tmp_dir = folder.path
        try:
            results = self._run_here(rows) if self.jobs <= 1 else self._run_pool(rows)
            if converter is not None:
                results = self.with_pdf(results, converter)
            yield from results
        finally:
            self.tmp_dir = None
            if folder is not None:
                folder.close()

    def _unwritable(self, entry: _Entry) -> _Entry:
        """A row that would be written, when the output folder cannot be written: ``fejl``."""
        if entry.render and self.write_error:
            entry.render = False
            entry.result.status = Status.FEJL
            entry.result.problems = [
                Problem("", "", f"dokumentet kunne ikke gemmes: {self.write_error}", "output_error")
            ]
            if self.strict:
                self.stop = True
        return entry

    def _run_here(self, rows: Iterable[Any]) -> Iterator[MergeResult]:
        tmp_dir = str(self.tmp_dir) if self.tmp_dir is not None else None
        for position, item in enumerate(rows, 1):
            entry = self._unwritable(self.prepare(item, position))
            outcome = None
            if entry.render:
                outcome = render_one(entry.task(), self.template, tmp_dir)
            result = self.finish(entry, outcome)
            try:
                yield result
            except GeneratorExit:  # the caller stopped, maybe before it had reported this row
                self.leftover.append(result)
                raise
            if self.stop:
                return

    def _complete(self, batch: _Batch) -> None:
        """The results of a batch whose worker is done (or that had nothing to render)."""
        if batch.results is not None:
            return
        results: deque[MergeResult] = deque()
        error: SamarbejdsdokError | None = None
        try:
            outcomes = iter(batch.future.result() if batch.future is not None else [])
        except BrokenProcessPool:
            error = SamarbejdsdokError(
                "En arbejdsproces stoppede uventet (fx fordi hukommelsen slap op); de færdige "
                "dokumenter er gemt, kør igen og genoptag kørslen",
                form=self.spec.name,
            )
            error.arguments = ("resume",)
        else:
            try:
                for e in batch.entries:
                    results.append(self.finish(e, next(outcomes) if e.render else None))
            except SamarbejdsdokError as exc:  # a template that fails for every row
                error = exc
        batch.error = error
        batch.results = results  # last: a batch has results only when they are all there

    def _run_pool(self, rows: Iterable[Any]) -> Iterator[MergeResult]:
        pending: deque[_Batch] = deque()
        limit = self.jobs * _IN_FLIGHT_PER_JOB
        tmp_dir = str(self.tmp_dir) if self.tmp_dir is not None else None
        context = multiprocessing.get_context()
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.template, tmp_dir, os.getpid(), context.get_start_method()),
        )
        batch: list[_Entry] = []

        def submit() -> None:
            tasks = [e.task() for e in batch if e.render]
            with shield():  # a batch the workers got is always in pending (see _drain)
                future = executor.submit(render_batch, tasks) if tasks else None
                pending.append(_Batch(list(batch), future))
                batch.clear()

        def complete() -> Iterator[MergeResult]:
            first = pending[0]
            self._complete(first)
            assert first.results is not None
            while first.results:
                # Taken off only when the caller asks for the next one: a result whose caller was
                # interrupted before it had reported it is still there for _drain.
                yield first.results[0]
                first.results.popleft()
            pending.popleft()
            if first.error is not None:
                raise first.error

        try:
            for position, item in enumerate(rows, 1):
                batch.append(self._unwritable(self.prepare(item, position)))
                if len(batch) >= _BATCH or self.stop:
                    submit()
                while pending and (
                    len(pending) >= limit or pending[0].future is None or pending[0].future.done()
                ):
                    yield from complete()
                if self.stop:
                    break
            if batch:
                submit()
            while pending:
                yield from complete()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            self._drain(pending)

    def _drain(self, pending: deque[_Batch]) -> None:
        """After a stop (Ctrl-C, SIGTERM, an error, the caller closing the generator): keep the
        results of the batches the workers finished, in input order, up to the first one they
        did not, so the report can count their documents."""
        for batch in pending:
            if batch.results is None:
                future = batch.future
                if future is not None and (not future.done() or future.cancelled()):
                    break
                try:
                    self._complete(batch)
                except Exception:
                    break
            assert batch.results is not None
            self.leftover.extend(batch.results)
            batch.results.clear()
            if batch.error is not None:
                break

    # -- PDF --------------------------------------------------------------------------------------

    def with_pdf(
        self, results: Iterator[MergeResult], converter: PdfConverter
    ) -> Iterator[MergeResult]:
        chunk: list[MergeResult] = []
        todo = 0
        try:
            for result in results:
                chunk.append(result)
                if result.ok:
                    todo += 1
                if todo >= PDF_CHUNK:
                    yield from self._convert(chunk, converter)
                    chunk, todo = [], 0
            yield from self._convert(chunk, converter)
        finally:
            converter.close()

    def _convert(self, chunk: list[MergeResult], converter: PdfConverter) -> Iterator[MergeResult]:
        ok = [r for r in chunk if r.ok]
        if ok:
            if self.out_dir is not None:
                pdfs: list[Path | None] | list[bytes | None] = converter.convert_files(
                    [r.path for r in ok if r.path is not None], self.tmp_dir or self.out_dir
                )
            else:
                documents = [(r.name or "", r.data) for r in ok if r.data is not None]
                pdfs = converter.convert_bytes(documents)
            for r, pdf in zip(ok, pdfs, strict=True):
                if pdf is None:
                    r.status = Status.FEJL
                    r.problems = [
                        Problem(
                            "",
                            "",
                            "PDF-konverteringen med LibreOffice mislykkedes "
                            "(Word-dokumentet blev lavet)",
                            "pdf_failed",
                        )
                    ]
                    if self.strict:
                        self.stop = True
                else:
                    r.pdf = pdf
        yield from chunk
