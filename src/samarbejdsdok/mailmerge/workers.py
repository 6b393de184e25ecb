"""A row's work, from the raw row to its document on disk, in this process or in a worker process
that dies with its parent; the typed messages between the processes.

A worker gets a :class:`RowJob` once, when it starts, and then :class:`RowBatch` es of raw rows
(as the source gave them). For each row it converts the values, unflattens and validates them
(:class:`~.rows.RowReader`), names the document (:meth:`~.filenames.FileNamer.base`), renders it
and writes it to a temporary file in the run's folder; the batch's files are flushed to disk
together (:func:`~.runfolder.sync_files`). It answers with one :data:`Outcome` per row. The
merging process then, in row order, makes each name unique in the run, renames the documents
into the output folder and flushes the folder once per batch (see :mod:`.merger`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import (
    Problem,
    SamarbejdsdokError,
    TemplateError,
    TemplateNotFoundError,
    TemplateSyntaxError,
    describe_os_error,
)
from ..forms import FormModel, FormSpec
from .filenames import FileNamer
from .pdf import is_complete_pdf
from .rows import RowReader
from .runfolder import is_complete_docx, stage, sync_files

_WORKER: RowMaker | None = None
_FATAL = (TemplateNotFoundError, TemplateSyntaxError)
#: prctl(2) option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: How often a worker's watchdog looks for its parent, in seconds.
_WATCH_INTERVAL = 0.5


def init_worker(job: RowJob, parent: int, method: str) -> None:
    global _WORKER
    _WORKER = RowMaker(job)
    # Ctrl-C reaches every process of the terminal's group, and a service manager sends SIGTERM
    # to all of them: the parent decides, and the workers finish the documents they have
    # started (each written atomically) until the parent shuts them down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent, method)


def _die_with_parent(parent: int, method: str) -> None:
    """A worker holds personal data and writes documents: it must not outlive the merge that
    started it, also when that is killed (SIGKILL cannot be caught, so the merge cannot stop
    its workers itself).

    On Linux the kernel kills the worker when its parent process dies (``PR_SET_PDEATHSIG``).
    Everywhere a watchdog thread ends the worker within :data:`_WATCH_INTERVAL` when its parent
    changes (an orphan is handed to another process) or, with the ``spawn`` and ``forkserver``
    start methods, when the merging process (``parent``) is gone: with ``forkserver`` the
    worker's parent is the fork server, which lives on as long as any worker does."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    ppid = os.getppid()
    if method != "forkserver" and ppid != parent:  # it died before the lines above
        os._exit(1)
    threading.Thread(
        target=_watch_parent,
        args=(ppid, method != "fork"),
        name="samarbejdsdok-watchdog",
        daemon=True,
    ).start()


def _watch_parent(ppid: int, sentinel: bool) -> None:
    # The merging process's sentinel (a pipe on POSIX, the process handle on Windows) is
    # reliable unless the workers were forked: then each holds the others' pipe ends.
    merging = multiprocessing.parent_process() if sentinel else None
    while True:
        time.sleep(_WATCH_INTERVAL)
        if os.getppid() != ppid or (merging is not None and not merging.is_alive()):
            os._exit(1)


@dataclasses.dataclass(frozen=True)
class RowJob:
    """What a run does with every row, sent to each worker once, when it starts.

    Attributes:
        spec: the form.
        filename: the file name pattern (None: the default).
        template: the municipality's own template (path or bytes), or None.
        out_dir: the output folder; None: the documents are sent back as bytes.
        tmp_dir: the run's own folder in ``out_dir``, where documents are staged.
        write_error: why no document can be written in ``out_dir`` (its rows are ``fejl``).
        resume: a row whose document (and PDF, with ``pdf``) is complete is not made again.
        pdf: PDFs are made too (after the documents, by the merging process).
        profile: the municipality profile filling what the rows leave out, or None.
        models: send each valid row's model back (else only with :class:`Present`, which
            may need it to make the document after all).
    """

    spec: FormSpec
    filename: str | None = None
    template: Any = None
    out_dir: str | None = None
    tmp_dir: str | None = None
    write_error: str = ""
    resume: bool = False
    pdf: bool = False
    profile: Mapping[str, Any] | None = None
    models: bool = True


@dataclasses.dataclass(frozen=True)
class RowBatch:
    """Raw rows sent to a worker together: :class:`~samarbejdsdok.sources.Row` objects or
    dicts, the first at position ``first`` of the input (a dict's row number)."""

    first: int
    items: list[Any]


@dataclasses.dataclass(frozen=True)
class Empty:
    """A row without values: skipped."""

    number: int


@dataclasses.dataclass(frozen=True)
class Invalid:
    """A row that is not valid: its problems, each naming its field (and column)."""

    number: int
    problems: tuple[Problem, ...]


@dataclasses.dataclass(frozen=True)
class Valid:
    """A valid row: its model (None when the run does not want it back) and its document's
    file name before it is made unique."""

    number: int
    model: FormModel | None
    name: str


@dataclasses.dataclass(frozen=True)
class Rendered(Valid):
    """A document made: staged in the run's folder (``staged``, flushed to disk) or, without
    an output folder, its bytes; and its warnings."""

    staged: str | None = None
    data: bytes | None = None
    warnings: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Present(Valid):
    """Resuming: the document under ``name`` (and its PDF) is complete; not made again."""


@dataclasses.dataclass(frozen=True)
class RenderFailed(Valid):
    """A row whose document could not be made or saved: the problem's code and Danish
    message."""

    code: str = ""
    message: str = ""


@dataclasses.dataclass(frozen=True)
class RenderFatal:
    """The template fails for every row: the error's class name and its message."""

    error: str
    message: str


#: What a worker sends back for each row of a :class:`RowBatch`.
Outcome = Empty | Invalid | Rendered | Present | RenderFailed | RenderFatal


def is_present(target: Path, pdf: bool) -> bool:
    """A document a previous run finished (and its PDF, with ``pdf``)."""
    return is_complete_docx(target) and (not pdf or is_complete_pdf(target.with_suffix(".pdf")))


class RowMaker:
    """Turns raw rows into documents, in a worker process or in the merging process."""

    def __init__(self, job: RowJob) -> None:
        self.job = job
        self.reader = RowReader(job.spec.model, profile=job.profile)
        self.namer = FileNamer(job.spec, job.filename)
        self.out_dir = Path(job.out_dir) if job.out_dir is not None else None
        self.tmp_dir = Path(job.tmp_dir) if job.tmp_dir is not None else None

    def make(self, batch: RowBatch) -> list[Outcome]:
        """Every row of the batch; the documents staged are on disk when this returns."""
        staged: list[tuple[int, int]] = []  # (outcome's index, open file)
        outcomes: list[Outcome] = []
        try:
            for i, item in enumerate(batch.items):
                outcomes.append(self._row(item, batch.first + i, staged, len(outcomes)))
        except BaseException:
            for _, fd in staged:
                os.close(fd)
            raise
        outcomes = self._sync(outcomes, staged)
        if not self.job.models:  # pickling a model costs as much as a tenth of its document
            outcomes = [
                dataclasses.replace(o, model=None)
                if isinstance(o, Valid) and not isinstance(o, Present)
                else o
                for o in outcomes
            ]
        return outcomes

    def document(self, number: int, model: FormModel, name: str) -> Outcome:
        """One valid row's document, made even when one is present under ``name``."""
        staged: list[tuple[int, int]] = []
        return self._sync([self._render(number, model, name, staged, 0)], staged)[0]

    def _row(self, item: Any, position: int, staged: list[tuple[int, int]], index: int) -> Outcome:
        read = self.reader.read(item, position)
        if read.empty:
            return Empty(read.number)
        if read.model is None:
            return Invalid(read.number, read.problems)
        name = self.namer.base(read.number, read.model)
        out, job = self.out_dir, self.job
        resuming = out is not None and job.resume and not job.write_error
        if resuming and is_present(out / name, job.pdf):  # type: ignore[operator]
            return Present(read.number, read.model, name)
        return self._render(read.number, read.model, name, staged, index)

    def _render(
        self,
        number: int,
        model: FormModel,
        name: str,
        staged: list[tuple[int, int]],
        index: int,
    ) -> Outcome:
        from ..rendering import render

        if self.out_dir is not None and self.job.write_error:
            message = f"dokumentet kunne ikke gemmes: {self.job.write_error}"
            return RenderFailed(number, model, name, "output_error", message)
        try:
            data = render(model, template=self.job.template)
            warnings = tuple(getattr(data, "warnings", ()))
            if self.out_dir is None:
                return Rendered(number, model, name, data=data, warnings=warnings)
            assert self.tmp_dir is not None
            fd, path = stage(data, self.tmp_dir)
        except _FATAL as exc:
            return RenderFatal(type(exc).__name__, exc.message)
        except SamarbejdsdokError as exc:
            code = "template_error" if isinstance(exc, TemplateError) else "output_error"
            return RenderFailed(number, model, name, code, exc.message)
        except OSError as exc:  # the document was made, but not saved
            return _not_saved(number, model, name, exc)
        except Exception as exc:  # one odd row must not stop thousands of others
            message = f"dokumentet kunne ikke udfyldes ({type(exc).__name__}: {exc})"
            return RenderFailed(number, model, name, "render_failed", message)
        staged.append((index, fd))
        return Rendered(number, model, name, staged=path, warnings=warnings)

    @staticmethod
    def _sync(outcomes: list[Outcome], staged: list[tuple[int, int]]) -> list[Outcome]:
        errors = sync_files([fd for _, fd in staged])
        for (index, _), error in zip(staged, errors, strict=True):
            if error is not None:
                done = outcomes[index]
                assert isinstance(done, Rendered) and done.staged is not None
                with contextlib.suppress(OSError):
                    os.unlink(done.staged)
                outcomes[index] = _not_saved(done.number, done.model, done.name, error)
        return outcomes


def _not_saved(number: int, model: FormModel | None, name: str, exc: OSError) -> RenderFailed:
    message = f"dokumentet kunne ikke gemmes: {describe_os_error(exc)}"
    return RenderFailed(number, model, name, "output_error", message)


def make_rows(batch: RowBatch) -> list[Outcome]:
    """The worker's job: a batch of rows, with the :class:`RowJob` it was started with."""
    assert _WORKER is not None
    return _WORKER.make(batch)
