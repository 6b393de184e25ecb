"""The pipeline: raw rows to the workers in batches, their documents into the output folder in
row order, PDFs after."""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import (
    OutputError,
    Problem,
    SamarbejdsdokError,
    TemplateNotFoundError,
    TemplateSyntaxError,
    describe_os_error,
)
from ..forms import FormSpec
from .filenames import FileNamer
from .pdf import PDF_BATCH, PdfConverter
from .results import WARNING_SEPARATOR, MergeResult, Status
from .runfolder import RunFolder, stop_sync_threads, sync_folder
from .stopping import cleanup, shield
from .workers import (
    Empty,
    Invalid,
    Outcome,
    Present,
    Rendered,
    RenderFailed,
    RenderFatal,
    RowBatch,
    RowJob,
    RowMaker,
    init_worker,
    is_present,
    make_rows,
)

#: Rows a worker gets at a time: their documents are flushed to disk together, and the output
#: folder once per batch.
_BATCH = 16
_IN_FLIGHT_PER_JOB = 3


@dataclasses.dataclass
class _Batch:
    """Rows sent to a worker (or made here) together, and, once they are done, their results."""

    future: Future[list[Outcome]] | None = None
    outcomes: list[Outcome] | None = None  # made in this process
    results: deque[MergeResult] | None = None
    error: SamarbejdsdokError | None = None

    def done(self) -> bool:
        return self.future is None or self.future.done()


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
        profile: Mapping[str, Any] | None = None,
        models: bool = True,
    ) -> None:
        self.spec = spec
        self.models = models
        self.out_dir = out_dir
        self.namer = namer
        self.template = template
        self.jobs = jobs
        self.strict = strict
        self.resume = resume
        self.pdf = pdf
        self.profile = profile
        self.stop = False
        self.tmp_dir: Path | None = None  # the run's own folder in out_dir, while it runs
        self.write_error = ""  # why no document can be written (the folder is read-only...)
        #: When the run was stopped: the rows finished after the last one the caller took up
        #: (their documents are written), in input order; the first may be one the caller was
        #: reporting when it was interrupted.
        self.leftover: list[MergeResult] = []
        self._maker: RowMaker | None = None

    def job(self) -> RowJob:
        """What every row goes through, for the workers."""
        return RowJob(
            self.spec,
            self.namer.pattern,
            self.template,
            str(self.out_dir) if self.out_dir is not None else None,
            str(self.tmp_dir) if self.tmp_dir is not None else None,
            self.write_error,
            self.resume,
            self.pdf,
            dict(self.profile) if self.profile is not None else None,
            self.models,
        )

    def maker(self) -> RowMaker:
        """Rows made in this process (``jobs=1``, and the rare document made again here)."""
        if self._maker is None:
            self._maker = RowMaker(self.job())
        return self._maker

    # -- one row's outcome, in row order, in this process -----------------------------------------

    def finish(self, outcome: Outcome) -> MergeResult:
        """The row's result; its document, if one was made, moved into the output folder under
        the name this run gives it."""
        if isinstance(outcome, RenderFatal):
            cls = (
                TemplateSyntaxError
                if outcome.error == "TemplateSyntaxError"
                else TemplateNotFoundError
            )
            raise cls(outcome.message, form=self.spec.name)
        if isinstance(outcome, Empty):
            return MergeResult(outcome.number, Status.SPRUNGET_OVER, note="tom række")
        if isinstance(outcome, Invalid):
            return self._failed(MergeResult(outcome.number, Status.FEJL), outcome.problems)
        name = self.namer.unique(outcome.name)
        result = MergeResult(outcome.number, Status.OK, name=name, model=outcome.model)
        target = self.out_dir / name if self.out_dir is not None else None
        if target is not None and self.resume and name != outcome.name:
            # Named apart from another row's document (a collision): the worker looked for the
            # wrong one.
            if isinstance(outcome, (Present, Rendered)) and is_present(target, self.pdf):
                if isinstance(outcome, Rendered) and outcome.staged is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(outcome.staged)
                outcome = Present(outcome.number, outcome.model, name)
            elif isinstance(outcome, Present):
                assert outcome.model is not None  # a Present row always carries its model
                outcome = self.maker().document(outcome.number, outcome.model, name)
        if isinstance(outcome, Present):
            assert target is not None
            result.status = Status.SPRUNGET_OVER
            result.path = target
            result.pdf = target.with_suffix(".pdf") if self.pdf else None
            result.note = "findes allerede (kørslen genoptaget)"
            return result
        if isinstance(outcome, RenderFailed):
            problem = Problem("", "", outcome.message, outcome.code)
            return self._failed(result, (problem,))
        assert isinstance(outcome, Rendered)
        if outcome.staged is not None:
            assert target is not None
            try:
                os.replace(outcome.staged, target)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.unlink(outcome.staged)
                problem = Problem(
                    "",
                    "",
                    f"dokumentet kunne ikke gemmes: {describe_os_error(exc)}",
                    "output_error",
                )
                return self._failed(result, (problem,))
            result.path = target
        else:
            result.data = outcome.data
        result.note = WARNING_SEPARATOR.join(outcome.warnings)
        return result

    def _failed(self, result: MergeResult, problems: Iterable[Problem]) -> MergeResult:
        result.status = Status.FEJL
        result.problems = list(problems)
        if self.strict:
            self.stop = True
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
            if self._maker is not None:
                self._maker = None
                stop_sync_threads()
            if folder is not None:
                folder.close()

    @staticmethod
    def _batches(rows: Iterable[Any]) -> Iterator[RowBatch]:
        it = iter(rows)
        first = 1
        while items := list(itertools.islice(it, _BATCH)):
            yield RowBatch(first, items)
            first += len(items)

    def _complete(self, batch: _Batch) -> None:
        """The results of a batch whose rows are done: their documents moved into place (the
        output folder flushed once), or, after a stop, none of them."""
        if batch.results is not None:
            return
        results: deque[MergeResult] = deque()
        error: SamarbejdsdokError | None = None
        try:
            outcomes = batch.outcomes
            if outcomes is None:
                assert batch.future is not None
                outcomes = batch.future.result()
        except BrokenProcessPool:
            error = SamarbejdsdokError(
                "En arbejdsproces stoppede uventet (fx fordi hukommelsen slap op); de færdige "
                "dokumenter er gemt, kør igen og genoptag kørslen",
                form=self.spec.name,
            )
            error.arguments = ("resume",)
        else:
            with shield():  # a document moved into place is a row in the results
                try:
                    for outcome in outcomes:
                        if self.stop:  # --strict: nothing after the first row that failed
                            break
                        results.append(self.finish(outcome))
                except SamarbejdsdokError as exc:  # a template that fails for every row
                    error = exc
                if self.out_dir is not None and any(r.path is not None for r in results):
                    try:
                        sync_folder(self.out_dir)
                    except OSError as exc:
                        error = error or OutputError(
                            f"Kan ikke skrive i mappen {self.out_dir}: {describe_os_error(exc)}"
                        )
                batch.error = error
                batch.results = results  # last: a batch has results only when they are all there
            return
        batch.error = error
        batch.results = results

    def _yield(self, pending: deque[_Batch]) -> Iterator[MergeResult]:
        """The first pending batch's results, then its error, if any."""
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

    def _run_here(self, rows: Iterable[Any]) -> Iterator[MergeResult]:
        pending: deque[_Batch] = deque()
        try:
            for rows_batch in self._batches(rows):
                outcomes = self.maker().make(rows_batch)
                with shield():
                    pending.append(_Batch(outcomes=outcomes))
                yield from self._yield(pending)
                if self.stop:
                    return
        finally:
            self._drain(pending)

    def _run_pool(self, rows: Iterable[Any]) -> Iterator[MergeResult]:
        pending: deque[_Batch] = deque()
        limit = self.jobs * _IN_FLIGHT_PER_JOB
        context = multiprocessing.get_context()
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.job(), os.getpid(), context.get_start_method()),
        )
        try:
            for rows_batch in self._batches(rows):
                with shield():  # a batch the workers got is always in pending (see _drain)
                    pending.append(_Batch(executor.submit(make_rows, rows_batch)))
                while pending and (len(pending) >= limit or pending[0].done()):
                    yield from self._yield(pending)
                    if self.stop:
                        return
            while pending and not self.stop:
                yield from self._yield(pending)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            self._drain(pending)

    def _drain(self, pending: deque[_Batch]) -> None:
        """After a stop (Ctrl-C, SIGTERM, an error, the caller closing the generator): keep the
        results of the batches that were done, their documents moved into place, in input
        order, up to the first one that was not, so the report can count their documents.
        After ``strict`` stopped the run, only those of the batch it stopped in."""
        for batch in pending:
            if batch.results is None:
                if (
                    self.stop
                    or not batch.done()
                    or (batch.future is not None and batch.future.cancelled())
                ):
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
        pending.clear()

    # -- PDF --------------------------------------------------------------------------------------

    def with_pdf(
        self, results: Iterator[MergeResult], converter: PdfConverter
    ) -> Iterator[MergeResult]:
        """The results with their PDFs, in input order. Batches of :data:`PDF_BATCH` documents
        go to the converter, as many at a time as it has processes (and at most twice that
        many waiting to be given on); when the rows run out, the rest is split evenly between
        the processes that are free. A batch's rows are given on when its PDFs are done and
        those of every batch before it have been."""
        pending: deque[tuple[list[MergeResult], Future[Any] | None]] = deque()
        ahead: deque[MergeResult] = deque()  # results read, not yet in a batch
        upstream = iter(results)
        ended = False

        def documents() -> int:
            return sum(r.ok for r in ahead)

        def take(size: int) -> list[MergeResult]:
            """Rows from ``ahead`` up to ``size`` documents, with the rows without one after
            them."""
            chunk: list[MergeResult] = []
            made = 0
            while ahead and (not ahead[0].ok or made < size):
                chunk.append(ahead.popleft())
                made += chunk[-1].ok
            return chunk

        try:
            while True:
                running = [f for _, f in pending if f is not None and not f.done()]
                free = min(converter.jobs - len(running), 2 * converter.jobs - len(pending))
                if free > 0 and (ahead or not ended):
                    while not ended and documents() <= free * PDF_BATCH:
                        try:
                            ahead.append(next(upstream))
                        except StopIteration:
                            ended = True
                    size = -(-documents() // free) if ended else PDF_BATCH
                    for _ in range(free):
                        if chunk := take(size):
                            pending.append((chunk, self._submit(chunk, converter)))
                    if ended and ahead:  # rows without a document after the last one
                        pending.append((take(0), None))
                if not pending:
                    return
                first, future = pending[0]
                if future is None or future.done():
                    pending.popleft()
                    self._finish_pdf(first, future)
                    yield from first
                    if self.stop:
                        return
                    continue
                wait(
                    [f for _, f in pending if f is not None and not f.done()],
                    return_when=FIRST_COMPLETED,
                )
        finally:
            with cleanup():  # a second Ctrl-C waits: the LibreOffices stopped, every row kept
                converter.close()
                self._leave_over(pending, ahead, upstream)

    def _leave_over(
        self,
        pending: deque[tuple[list[MergeResult], Future[Any] | None]],
        ahead: deque[MergeResult],
        upstream: Iterator[MergeResult],
    ) -> None:
        """After a stop (``strict``, Ctrl-C): the rows whose documents were made but not given
        on (waiting for their PDFs, or not yet in a batch) go to :attr:`leftover`, in input
        order and before the rows the workers finished after them, each with its PDF if it was
        made before the stop."""
        ours: list[MergeResult] = []
        for chunk, future in pending:
            if (
                future is not None
                and future.done()
                and not future.cancelled()
                and future.exception() is None
            ):
                made = [r for r in chunk if r.ok]
                for r, pdf in zip(made, future.result(), strict=True):
                    r.pdf = pdf
            ours.extend(chunk)
        ours.extend(ahead)
        pending.clear()
        ahead.clear()
        close = getattr(upstream, "close", None)
        if close is not None:
            close()  # the workers stopped, their finished rows in leftover
        # A row given on upstream but not yet taken off its batch is in both: once, here.
        mine = {id(r) for r in ours}
        self.leftover[:] = ours + [r for r in self.leftover if id(r) not in mine]

    def _submit(self, chunk: list[MergeResult], converter: PdfConverter) -> Future[Any] | None:
        ok = [r for r in chunk if r.ok]
        if not ok:
            return None
        if self.out_dir is not None:
            return converter.submit_files(
                [r.path for r in ok if r.path is not None], self.tmp_dir or self.out_dir
            )
        return converter.submit_bytes([(r.name or "", r.data) for r in ok if r.data is not None])

    def _finish_pdf(self, chunk: list[MergeResult], future: Future[Any] | None) -> None:
        """The chunk's rows with their PDFs, or ``fejl`` where there is none."""
        if future is None:
            return
        pdfs: list[Path | bytes | None] = future.result()
        for r, pdf in zip([r for r in chunk if r.ok], pdfs, strict=True):
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
