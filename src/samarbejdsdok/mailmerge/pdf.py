"""PDFs for the merge: ``jobs`` LibreOffice processes converting at the same time, each with its
own profile, each a batch of documents per start. The conversion itself (its export options:
PDF/A-2b, tagged) is :mod:`samarbejdsdok.pdf`'s.

A batch that hangs (longer than :func:`batch_timeout`) or crashes (LibreOffice killed, a
nonzero exit, a PDF missing or truncated) keeps the PDFs that are complete; the others are
converted again one document per start, once, with a fresh profile. A document that still has
no complete PDF is reported as failed (None); the rest of the run goes on. A PDF is moved into
place only when it is complete (:func:`is_complete_pdf`), and atomically.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..pdf import (
    PdfUnavailableError,
    ResidentSoffice,
    find_soffice,
    is_complete_pdf,
    kill_soffice,
    run_soffice,
)

__all__ = [
    "PDF_BATCH",
    "PDF_CHUNK",
    "PdfConverter",
    "PdfUnavailableError",
    "batch_timeout",
    "find_soffice",
    "is_complete_pdf",
]

#: The most documents one LibreOffice start converts. A start costs about 1.3 s against about
#: 0.4 s a document, so 50 documents a start lose a few percent, and the last batches of the
#: run (split evenly between the processes) keep every process busy till near the end.
PDF_BATCH = 50
#: Kept for callers of earlier versions: the most documents a LibreOffice start converts.
PDF_CHUNK = PDF_BATCH
#: A LibreOffice start may take this long, in seconds, plus :data:`TIMEOUT_PER_DOCUMENT` for
#: each document of its batch, before it counts as hung and is killed.
TIMEOUT_START = 60.0
TIMEOUT_PER_DOCUMENT = 5.0


def batch_timeout(documents: int) -> float:
    """How long a LibreOffice start converting ``documents`` documents may take, in seconds."""
    return TIMEOUT_START + TIMEOUT_PER_DOCUMENT * documents


class PdfConverter:
    """Converts documents in up to ``jobs`` LibreOffice processes at the same time (threads of
    this process wait for them), each with a profile of its own in a temporary folder (so a
    LibreOffice the user has open is neither used nor disturbed).

    With ``python`` (a Python that has LibreOffice's ``uno``: :func:`~samarbejdsdok.pdf.
    find_uno_python`) each of the ``jobs`` LibreOffice processes is started once and converts
    document after document for the whole run (:class:`~samarbejdsdok.pdf.ResidentSoffice`);
    without it, each batch is one ``soffice --convert-to`` start, the profile reused from batch
    to batch until a batch fails."""

    def __init__(self, exe: str, jobs: int = 1, *, python: str | None = None) -> None:
        self.exe = exe
        self.jobs = max(1, jobs)
        self.python = python
        self.tmp = tempfile.TemporaryDirectory(prefix="samarbejdsdok-pdf-")
        self._residents = (
            [
                ResidentSoffice(python, exe, self._profile(slot), started=self._started)
                for slot in range(self.jobs)
            ]
            if python
            else []
        )
        self._slots: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(self.jobs):
            self._slots.put(slot)
        self._pool = ThreadPoolExecutor(self.jobs, thread_name_prefix="samarbejdsdok-pdf")
        self._running: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._uno_failed = False

    def close(self) -> None:
        """Stop: batches not started are dropped, the LibreOffice processes still converting
        are killed (their PDFs are not moved into place), the profiles removed."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        idle = {r.process for r in self._residents if not r.busy}
        for proc in running:  # converting: stopped
            if proc not in idle:
                kill_soffice(proc)
        self._pool.shutdown(wait=True, cancel_futures=True)
        for resident in self._residents:  # idle: ended as LibreOffice wants to be ended
            resident.close()
        self.tmp.cleanup()

    @property
    def starts(self) -> int:
        """How many times a resident LibreOffice was started (0 without UNO)."""
        return sum(r.starts for r in self._residents)

    # -- one batch --------------------------------------------------------------------------------

    def _profile(self, slot: int) -> Path:
        return Path(self.tmp.name) / f"profil-{slot}"

    def _started(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._running = {p for p in self._running if p.poll() is None}  # the dead go
            self._running.add(proc)
            closed = self._closed
        if closed:
            kill_soffice(proc)

    def _start(self, slot: int, inputs: Sequence[Path], outdir: Path) -> bool:
        with self._lock:
            if self._closed:
                return False
        procs: list[subprocess.Popen[bytes]] = []

        def started(proc: subprocess.Popen[bytes]) -> None:
            procs.append(proc)
            self._started(proc)

        try:
            return run_soffice(
                self.exe,
                self._profile(slot),
                inputs,
                outdir,
                timeout=batch_timeout(len(inputs)),
                started=started,
            )
        finally:
            with self._lock:
                self._running.difference_update(procs)

    def _resident(self, slot: int, inputs: Sequence[Path], outdir: Path) -> list[Path | None]:
        """Each input's complete PDF in ``outdir``, or None: converted one by one by the slot's
        resident LibreOffice; a document it fails (hangs, crashes, a PDF missing or truncated)
        is tried once more by a fresh LibreOffice with a fresh profile."""
        resident = self._residents[slot]
        outdir.mkdir(parents=True, exist_ok=True)
        done: list[Path | None] = []
        for source in inputs:
            target = outdir / (source.stem + ".pdf")
            for attempt in range(2):
                if self._closed:
                    break
                if attempt:
                    resident.kill()
                    shutil.rmtree(self._profile(slot), ignore_errors=True)
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                if resident.convert(
                    source,
                    target,
                    timeout=batch_timeout(1),
                    start_timeout=TIMEOUT_START,
                ) and is_complete_pdf(target):
                    break
                if not resident.ever_ready:
                    return [None] * len(inputs)  # it never started: the caller converts
            done.append(target if not self._closed and is_complete_pdf(target) else None)
        return done

    def _convert(self, inputs: Sequence[Path], outdir: Path) -> list[Path | None]:
        """Each input's complete PDF in ``outdir``, or None: the batch in one start, then what
        it left missing or truncated one document per start, with a fresh profile."""
        slot = self._slots.get()
        try:
            if self._residents and not self._uno_failed:
                done = self._resident(slot, inputs, outdir)
                if not self._residents[slot].ever_ready:
                    # LibreOffice never answered over UNO (no bridge, a broken uno module):
                    # this run converts with --convert-to starts instead.
                    self._uno_failed = True
                    return self._batch(slot, inputs, outdir)
                return done
            return self._batch(slot, inputs, outdir)
        finally:
            self._slots.put(slot)

    def _batch(self, slot: int, inputs: Sequence[Path], outdir: Path) -> list[Path | None]:
        """Each input's complete PDF in ``outdir``, or None: the batch in one ``--convert-to``
        start, then what it left missing or truncated one document per start, with a fresh
        profile."""
        made = [outdir / (p.stem + ".pdf") for p in inputs]
        clean = self._start(slot, inputs, outdir)
        done: list[Path | None] = [m if is_complete_pdf(m) else None for m in made]
        if not clean or None in done:
            # A profile LibreOffice was killed with may be left locked or broken.
            shutil.rmtree(self._profile(slot), ignore_errors=True)
            for i, source in enumerate(inputs):
                if done[i] is not None:
                    continue
                with contextlib.suppress(FileNotFoundError):
                    made[i].unlink()
                if not self._start(slot, [source], outdir):
                    shutil.rmtree(self._profile(slot), ignore_errors=True)
                if is_complete_pdf(made[i]):
                    done[i] = made[i]
        return done

    def _files(self, docs: list[Path], tmp_parent: Path) -> list[Path | None]:
        tmp = Path(tempfile.mkdtemp(prefix="pdf-", dir=tmp_parent))
        try:
            out: list[Path | None] = []
            for doc, made in zip(docs, self._convert(docs, tmp), strict=True):
                if made is None or self._closed:
                    out.append(None)
                    continue
                final = doc.with_suffix(".pdf")
                os.replace(made, final)  # same folder tree, so the move is atomic
                out.append(final)
            return out
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _bytes(self, docs: list[tuple[str, bytes]]) -> list[bytes | None]:
        tmp = Path(tempfile.mkdtemp(dir=self.tmp.name))
        try:
            inputs = []
            for name, data in docs:
                p = tmp / name
                p.write_bytes(data)
                inputs.append(p)
            made = self._convert(inputs, tmp / "pdf")
            return [m.read_bytes() if m is not None else None for m in made]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # -- the merge's side -------------------------------------------------------------------------

    def submit_files(self, docs: list[Path], tmp_parent: Path) -> Future[list[Path | None]]:
        """Convert documents in a folder, each PDF moved beside its document when complete;
        converted in a folder in ``tmp_parent`` (the run's temporary folder, on the same
        drive)."""
        return self._pool.submit(self._files, docs, tmp_parent)

    def submit_bytes(self, docs: list[tuple[str, bytes]]) -> Future[list[bytes | None]]:
        """Convert documents given as (file name, bytes): each PDF's bytes, or None."""
        return self._pool.submit(self._bytes, docs)

    def convert_files(self, docs: list[Path], tmp_parent: Path) -> list[Path | None]:
        return self.submit_files(docs, tmp_parent).result()

    def convert_bytes(self, docs: list[tuple[str, bytes]]) -> list[bytes | None]:
        return self.submit_bytes(docs).result()
