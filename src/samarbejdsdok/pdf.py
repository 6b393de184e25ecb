"""PDFs with LibreOffice: the one place that knows its PDF export.

Every PDF the package makes (``render_pdf``, ``render --pdf``, ``sag render --pdf``, the mail
merge's ``--pdf``) is converted here, with the same export options (:data:`EXPORT_OPTIONS`):
PDF/A-2 (LibreOffice 7.4 declares PDF/A-2b: ``pdfaid:part`` 2, ``pdfaid:conformance`` B), tagged
(a structure tree: headings as headings, tables with header cells), bookmarks from the headings,
the document's title shown as the window title, no encryption. The language (da-DK) and the
title come from the .docx (its styles and core properties). See docs/pdf.md.

Each conversion starts LibreOffice (``soffice --headless``) with a profile of its own, so a
LibreOffice the user has open is neither used nor disturbed. A PDF counts only if it is complete
(:func:`is_complete_pdf`); a truncated one is never handed on.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ArgumentError, SamarbejdsdokError

__all__ = [
    "EXPORT_OPTIONS",
    "PDFA_PART",
    "PDFA_CONFORMANCE",
    "PdfUnavailableError",
    "PdfConversionError",
    "convert_filter",
    "convert_documents",
    "convert_or_fail",
    "find_soffice",
    "require_soffice",
    "is_complete_pdf",
    "run_soffice",
    "kill_soffice",
    "soffice_timeout",
    "find_uno_python",
    "ResidentSoffice",
]

#: The PDF/A part and conformance level LibreOffice 7.4 writes into the XMP metadata with
#: :data:`EXPORT_OPTIONS` (``SelectPdfVersion`` 2 is PDF/A-2b; LibreOffice 7.4 offers no 2a or
#: 2u).
PDFA_PART = 2
PDFA_CONFORMANCE = "B"

#: LibreOffice's ``writer_pdf_Export`` filter options, as its JSON filter syntax names them
#: (LibreOffice 7.4 and later read them from the ``--convert-to`` argument).
EXPORT_OPTIONS: dict[str, tuple[str, str]] = {
    "SelectPdfVersion": ("long", str(PDFA_PART)),  # PDF/A-2b
    "UseTaggedPDF": ("boolean", "true"),  # a structure tree: headings, tables, paragraphs
    "ExportBookmarks": ("boolean", "true"),  # bookmarks from the headings
    "DisplayPDFDocumentTitle": ("boolean", "true"),  # the title, not the file name, shown
    "UseLosslessCompression": ("boolean", "true"),  # logos and pictures not recompressed
    "ExportNotes": ("boolean", "false"),
    "ExportFormFields": ("boolean", "false"),  # the filled text, not form fields
    "EncryptFile": ("boolean", "false"),
    "RestrictPermissions": ("boolean", "false"),
}


def convert_filter() -> str:
    """The ``--convert-to`` argument: ``pdf:writer_pdf_Export:{...}`` with the options."""
    options = {
        name: {"type": kind, "value": value} for name, (kind, value) in EXPORT_OPTIONS.items()
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


class PdfUnavailableError(SamarbejdsdokError, RuntimeError):
    """PDFs were asked for, and LibreOffice (``soffice``) is not installed."""


class PdfConversionError(SamarbejdsdokError, RuntimeError):
    """LibreOffice could not convert a document to a complete PDF (it failed, crashed or took
    too long). Nothing is written."""


def find_soffice() -> str | None:
    """LibreOffice's program (``soffice`` or ``libreoffice`` on the PATH), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """LibreOffice's program, or :class:`PdfUnavailableError` with a Danish message."""
    exe = find_soffice()
    if exe is None:
        unavailable = PdfUnavailableError(
            "LibreOffice (soffice) er ikke installeret, så der kan ikke laves PDF'er. "
            "Installér LibreOffice (fx 'apt-get install libreoffice-writer-nogui'), eller "
            "lav dokumenterne uden PDF"
        )
        unavailable.arguments = ("pdf",)
        raise unavailable
    return exe


def is_complete_pdf(path: Path) -> bool:
    """Whether ``path`` is a whole PDF: it starts with ``%PDF-`` and ends with ``%%EOF``."""
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
            fh.seek(max(path.stat().st_size - 1024, 0))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def soffice_timeout(documents: int) -> float:
    """How long one LibreOffice start may take for ``documents`` documents, in seconds."""
    return 120 + 10 * documents


def run_soffice(
    exe: str,
    profile: Path,
    inputs: Sequence[Path],
    outdir: Path,
    *,
    timeout: float | None = None,
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> bool:
    """Convert ``inputs`` into ``outdir`` (each as its stem + ``.pdf``) with one LibreOffice
    start using ``profile``; whether it exited by itself with status 0 within ``timeout``
    (default :func:`soffice_timeout`). Whatever was converted is there; the caller checks each
    PDF with :func:`is_complete_pdf` (a timeout or a crash leaves the rest missing or
    truncated).

    LibreOffice runs in a process group of its own (``soffice`` is a script that starts
    ``oosplash`` and ``soffice.bin``): on a timeout the whole group is killed, so no hung
    LibreOffice is left behind holding the profile. ``started`` gets the process as soon as it
    runs (another thread may kill its group to stop the conversion: :func:`kill_soffice`)."""
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        convert_filter(),
        "--outdir",
        str(outdir),
        *map(str, inputs),
    ]
    if timeout is None:
        timeout = soffice_timeout(len(inputs))
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix",
        )
    except OSError:
        return False
    if started is not None:
        started(proc)
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_soffice(proc)
        return False
    except BaseException:  # Ctrl-C while waiting: no LibreOffice left behind
        kill_soffice(proc)
        raise
    return code == 0


def kill_soffice(proc: subprocess.Popen[bytes]) -> None:
    """Kill a LibreOffice started by :func:`run_soffice` and everything it started (its process
    group, while the process has not been waited for, so the group is still its own)."""
    if os.name == "posix" and proc.returncode is None:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def convert_documents(
    documents: Sequence[tuple[str, bytes]], exe: str | None = None
) -> list[bytes | None]:
    """Each document's PDF (or None where LibreOffice made no complete one), converted in one
    LibreOffice start with a temporary profile. ``documents`` are (file name, .docx bytes);
    the names must differ in their stem. Raises :class:`PdfUnavailableError` without
    LibreOffice."""
    if exe is None:
        exe = require_soffice()
    stems = [Path(name).stem for name, _ in documents]
    if len(set(stems)) != len(stems):
        raise ArgumentError("Dokumenternes navne skal være forskellige (uden endelse)")
    with tempfile.TemporaryDirectory(prefix="samarbejdsdok-pdf-") as tmp:
        folder = Path(tmp)
        inputs = []
        for name, data in documents:
            path = folder / "docx" / Path(name).name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            inputs.append(path)
        run_soffice(exe, folder / "profil", inputs, folder / "pdf")
        out: list[bytes | None] = []
        for path in inputs:
            made = folder / "pdf" / (path.stem + ".pdf")
            out.append(made.read_bytes() if is_complete_pdf(made) else None)
        return out


def convert_or_fail(documents: Sequence[tuple[str, bytes]], exe: str | None = None) -> list[bytes]:
    """Like :func:`convert_documents`, but every document must convert: otherwise
    :class:`PdfConversionError` names the ones that did not."""
    pdfs = convert_documents(documents, exe)
    failed = [name for (name, _), pdf in zip(documents, pdfs, strict=True) if pdf is None]
    if failed:
        names = ", ".join(failed)
        raise PdfConversionError(
            f"LibreOffice kunne ikke lave en hel PDF af {names}; ingen PDF er skrevet"
        )
    return [pdf for pdf in pdfs if pdf is not None]


# -- one LibreOffice for many documents: the UNO bridge ----------------------------------------

#: The program a :class:`ResidentSoffice` runs (with a Python that has ``uno``).
UNO_WORKER = Path(__file__).with_name("_soffice_uno.py")
#: Environment variable naming the Python to drive LibreOffice over UNO with; empty: never.
UNO_PYTHON_VARIABLE = "SAMARBEJDSDOK_UNO_PYTHON"


def _has_uno(python: str) -> bool:
    try:
        return (
            subprocess.run(
                [python, "-I", "-c", "import uno; from com.sun.star.beans import PropertyValue"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
                check=False,
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def find_uno_python(exe: str) -> str | None:
    """A Python that can import LibreOffice's ``uno`` module, to keep one LibreOffice running for
    many documents (:class:`ResidentSoffice`), or None (then each batch starts LibreOffice with
    ``--convert-to``). Tried in order: ``$SAMARBEJDSDOK_UNO_PYTHON`` (empty: none), this Python,
    the ``python`` LibreOffice's installers put beside ``soffice``, the system's ``python3``
    (Debian's ``python3-uno``)."""
    chosen = os.environ.get(UNO_PYTHON_VARIABLE)
    if chosen is not None:
        return chosen if chosen and _has_uno(chosen) else None
    return _search_uno_python(exe)


@functools.cache
def _search_uno_python(exe: str) -> str | None:
    program = Path(os.path.realpath(exe)).parent
    candidates = [
        sys.executable,
        str(program / "python"),
        str(program / "python.exe"),
        "/usr/bin/python3",
        shutil.which("python3"),
    ]
    seen: set[str] = set()
    for python in candidates:
        if not python or python in seen or not Path(python).is_file():
            continue
        seen.add(python)
        if _has_uno(python):
            return python
    return None


class ResidentSoffice:
    """One LibreOffice process kept running and converting document after document, driven over
    its UNO bridge by :data:`UNO_WORKER` (run with ``python``, a Python that has ``uno``), with
    the profile ``profile``. The worker and LibreOffice run in a process group of their own, so
    :meth:`kill` leaves nothing behind. Not thread-safe: one caller at a time."""

    def __init__(
        self,
        python: str,
        exe: str,
        profile: Path,
        *,
        started: Callable[[subprocess.Popen[bytes]], None] | None = None,
        command: Sequence[str] | None = None,
    ) -> None:
        self.python = python
        self.exe = exe
        self.profile = profile
        self._started = started
        self._command = command
        self._proc: subprocess.Popen[bytes] | None = None
        self._lines: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self.starts = 0
        #: Whether LibreOffice ever answered (False after a first start that failed: then it
        #: cannot be driven over UNO here, and the caller converts another way).
        self.ever_ready = False
        #: Whether a conversion is under way (another thread stopping the run kills it then).
        self.busy = False

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self._proc

    def _launch(self, timeout: float) -> bool:
        cmd = list(self._command or (self.python, "-I", str(UNO_WORKER)))
        cmd += [self.exe, self.profile.as_uri(), json.dumps(EXPORT_OPTIONS)]
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=os.name == "posix",
            )
        except OSError:
            return False
        self._proc = proc
        self.starts += 1
        lines: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._lines = lines

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.put(line)
            lines.put(b"")  # end of output: the worker is gone

        threading.Thread(target=read, daemon=True, name="samarbejdsdok-uno").start()
        if self._started is not None:
            self._started(proc)
        answer = self._answer(timeout)
        if answer.get("ready") is not True:
            self.kill()
            return False
        self.ever_ready = True
        return True

    def _answer(self, timeout: float) -> dict[str, object]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return {}
        try:
            answer = json.loads(line) if line else {}
        except ValueError:
            return {}
        return answer if isinstance(answer, dict) else {}

    def convert(self, source: Path, target: Path, *, timeout: float, start_timeout: float) -> bool:
        """Convert ``source`` to the PDF ``target`` (starting LibreOffice first if it is not
        running); whether LibreOffice said it did within ``timeout`` seconds. On a timeout or a
        crash the worker is killed (the next call starts a new one); the caller checks the PDF
        with :func:`is_complete_pdf`."""
        self.busy = True
        try:
            return self._convert(source, target, timeout=timeout, start_timeout=start_timeout)
        finally:
            self.busy = False

    def _convert(self, source: Path, target: Path, *, timeout: float, start_timeout: float) -> bool:
        proc = self._proc
        if (proc is None or proc.poll() is not None) and not self._launch(start_timeout):
            return False
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        # LibreOffice takes file URLs, which must be absolute (a relative --out-dir).
        request = json.dumps({"in": str(source.resolve()), "out": str(target.resolve())}) + "\n"
        try:
            proc.stdin.write(request.encode())
            proc.stdin.flush()
        except OSError:
            self.kill()
            return False
        answer = self._answer(timeout)
        if answer.get("ok") is True:
            return True
        if not answer or proc.poll() is not None:
            self.kill()  # hung, crashed or gone: a fresh one next time
        return False

    def close(self) -> None:
        """End LibreOffice as it wants to be ended (end of input), killing it if it does not
        within 10 s."""
        proc = self._proc
        if proc is None:
            return
        with contextlib.suppress(OSError):
            if proc.stdin is not None:
                proc.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        self.kill()

    def kill(self) -> None:
        """Kill the worker and its LibreOffice (the process group)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if os.name == "posix":  # LibreOffice may outlive a worker that died: kill the group
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
        kill_soffice(proc)
        for stream in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
