"""Shared test helpers: open rendered documents and read their text as a person would."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tools/ (template builders)

# The engine's disk cache of prepared templates goes to a folder of this test run (subprocesses
# inherit it), not to the user's ~/.cache.
if "SAMARBEJDSDOK_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["SAMARBEJDSDOK_CACHE_DIR"] = tempfile.mkdtemp(prefix="samarbejdsdok-cache-")


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every LibreOffice test is in the slow group too."""
    for item in items:
        if item.get_closest_marker("libreoffice") is not None:
            item.add_marker(pytest.mark.slow)


def run_main(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The command line's ``main`` in this process (as the console script calls it), in
    ``cwd``: its exit code and what it printed, as ``subprocess.run`` would give them, without
    starting a Python for each call."""
    import contextlib
    import io
    import os

    from samarbejdsdok.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def docx_text(data: bytes) -> str:
    """All text of a .docx: body paragraphs and tables in document order, headers, footers.

    Table cells are separated by `` | `` and rows by newlines, so tests can assert on rows;
    non-breaking spaces read as spaces.
    """
    doc = Document(io.BytesIO(data))
    lines: list[str] = []
    body = doc.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                seen = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if not seen or cell._tc is not seen[-1][0]:
                        seen.append((cell._tc, cell.text))
                lines.append(" | ".join(t for _, t in seen))
    for section in doc.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    # Read as a person reads it: a non-breaking space is a space (test_typography checks that
    # they are there).
    # A no-break space reads as a space; a word joiner (no line break after a range's dash)
    # as nothing.
    return "\n".join(lines).replace("\u00a0", " ").replace("\u2060", "")


def template_with(*paragraphs: str) -> bytes:
    """A .docx (python-docx's default document) with one paragraph per argument: a
    municipality's template in its simplest form."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def example_data_file(form: str, folder: Path) -> Path:
    """``form``'s bundled example written as ``folder/data.json``."""
    import json

    from samarbejdsdok.forms import get_form

    path = folder / "data.json"
    path.write_text(json.dumps(get_form(form).example(), ensure_ascii=False), "utf-8")
    return path


def docx_xml(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(part).decode("utf-8")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    exe = soffice()
    if exe is None:
        if os.environ.get("SAMARBEJDSDOK_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def docx_to_pdf_text(paths: list[Path], outdir: Path) -> dict[Path, str]:
    """Convert .docx files to PDF with one LibreOffice run; return each PDF's text."""
    exe = require_soffice()
    profile = outdir / "lo-profile"
    cmd = [
        exe,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, paths),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    result = {}
    for p in paths:
        pdf = outdir / (p.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {p.name}"
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        result[p] = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2060", "")
    return result


def printed_values(model) -> list[str]:
    """Every leaf value of a validated model as the document prints it (Danish dates, phone
    numbers spaced, no yes/no and no computed fields), for "every value is in the document".
    A form's ``unprinted_fields`` (a consent's internal status) are left out."""
    import datetime as dt
    from decimal import Decimal

    from samarbejdsdok.formatting import display, telefon

    computed = set(type(model).model_computed_fields)
    unprinted = set(getattr(type(model), "unprinted_fields", ()))  # kept for the case only
    data = model.model_dump(mode="python", exclude=computed | unprinted)
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, str) and value.startswith("+") and value[1:].isdigit():
            out.append(telefon(value))
        elif isinstance(value, (dt.date, dt.time, Decimal, float, int, str)):
            out.append(str(display(value)))

    walk(data)
    return [v for v in out if v]


def shown(value: str, flat_text: str) -> bool:
    """Whether a printed value is in whitespace-normalised text (capitalised counts too: a
    weekday or a profession that starts a line is written with a capital). A CPR number also
    counts as shown when it is masked (``150311-XXXX``): documents sent widely mask them."""
    import re

    from samarbejdsdok.fields import mask_cpr

    v = " ".join(value.split())
    if v in flat_text:
        return True
    if v[:1].islower() and v[:1].upper() + v[1:] in flat_text:
        return True  # a value that starts a line or a cell is written with a capital
    return bool(re.fullmatch(r"\d{6}-\d{4}", v)) and mask_cpr(v) in flat_text


class FormCase:
    """Shortcuts for one form's tests: its example with changes, the rendered text, the one
    validation problem a change causes.

    ``base`` replaces the bundled example as the data the changes apply to: for rule tests
    worked out by hand on dates of their own, so that the example can follow the example
    family's story (docs/eksempelfamilie.md) without moving them."""

    def __init__(self, name: str, base: dict | None = None) -> None:
        from samarbejdsdok.forms import get_form

        self.spec = get_form(name)
        self.base = base

    def data(self, **changes):
        import copy

        data = copy.deepcopy(self.base if self.base is not None else self.spec.example())
        data.update(changes)
        return data

    def text(self, **changes) -> str:
        from samarbejdsdok import render
        from samarbejdsdok.validation import validate

        return docx_text(render(validate(self.spec.model, self.data(**changes))))

    def problem(self, data):
        """The single problem ``data`` has (fails if it has none or several)."""
        from samarbejdsdok.errors import DataError
        from samarbejdsdok.validation import validate

        with pytest.raises(DataError) as info:
            validate(self.spec.model, data)
        problems = info.value.problems
        assert len(problems) == 1, problems
        return problems[0]


# --- bounded runs: a hostile input must fail fast, cheaply and cleanly -----------------------

#: What a refused input may cost at most (issue 15): wall time and peak memory of the process.
BOUNDED_SECONDS = 10.0
BOUNDED_MEGABYTES = 300
#: A hard cap on the child's address space, so a limit that does not hold cannot take the
#: machine down with it (the test then fails on the exit code or the traceback instead).
_ADDRESS_SPACE_CAP = 2 * 1024**3


class BoundedRun:
    """The outcome of :func:`run_bounded`: exit code, output, wall seconds, peak megabytes."""

    def __init__(self, returncode: int, stdout: str, stderr: str, seconds: float, mb: float):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds
        self.megabytes = mb

    def __repr__(self) -> str:
        return (
            f"BoundedRun(rc={self.returncode}, {self.seconds:.1f} s, {self.megabytes:.0f} MB, "
            f"stderr={self.stderr[-600:]!r})"
        )


# Runs the CLI in the child and writes the peak resident memory of this process image (VmHWM;
# wait4's ru_maxrss would also count what the forked test process held before exec).
_BOOTSTRAP = """
import atexit, os, runpy, sys
def _peak():
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                with open(os.environ['SAMARBEJDSDOK_TEST_PEAK'], 'w') as out:
                    out.write(line.split()[1])
atexit.register(_peak)
sys.argv = ['samarbejdsdok', *sys.argv[1:]]
runpy.run_module('samarbejdsdok', run_name='__main__', alter_sys=True)
"""


def run_bounded(args: list[str], cwd: Path | None = None, stdin: str | None = None) -> BoundedRun:
    """Run ``samarbejdsdok ARGS`` in a fresh process and measure its wall time and peak
    resident memory. The child is killed after twice :data:`BOUNDED_SECONDS`."""
    import resource
    import tempfile
    import time

    def cap() -> None:  # runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (_ADDRESS_SPACE_CAP, _ADDRESS_SPACE_CAP))

    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak_file = Path(scratch) / "peak"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOTSTRAP, *args],
            cwd=cwd,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=cap,
            env={
                **os.environ,
                "PYTHONIOENCODING": "utf-8",
                "SAMARBEJDSDOK_TEST_PEAK": str(peak_file),
            },
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin.encode("utf-8"))
            proc.stdin.close()
        try:
            proc.wait(timeout=2 * BOUNDED_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        peak_kb = int(peak_file.read_text() or 0) if peak_file.exists() else 0
        return BoundedRun(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            peak_kb / 1024,
        )


def assert_refused(run: BoundedRun, *phrases: str) -> None:
    """A clean refusal: exit 1, no traceback, a Danish message holding every phrase, within
    :data:`BOUNDED_SECONDS` and :data:`BOUNDED_MEGABYTES`."""
    assert run.returncode == 1, run
    assert "Traceback" not in run.stderr, run
    for phrase in phrases:
        assert phrase in run.stderr, run
    assert run.seconds < BOUNDED_SECONDS, run
    assert 0 < run.megabytes < BOUNDED_MEGABYTES, run
