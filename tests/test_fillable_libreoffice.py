"""Fillable note forms through the installed LibreOffice (slow): each form filled as Word fills
it, opened and saved as .docx by LibreOffice, and read back; and each form filled through
LibreOffice's own API (UNO, tests/uno_fill.py), saved as .docx and read back. What LibreOffice
7.4 keeps, drops and can fill is written down in docs/notatskemaer.md; these tests hold it to
that."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import signal
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import require_soffice, template_with
from test_fillable import HOSTILE
from word_fill import _typed, fill

from samarbejdsdok.engine.controls import FoundControl, read_controls
from samarbejdsdok.errors import DataError
from samarbejdsdok.fillable import DATE_FORMATS, fillable_forms, read_docx, render_fillable
from samarbejdsdok.formatting import FILTERS
from samarbejdsdok.forms import get_form
from samarbejdsdok.introspect import field_map
from samarbejdsdok.pdf import UNO_WORKER as UNO_PROGRAM
from samarbejdsdok.pdf import find_uno_python
from samarbejdsdok.validation import validate
from tools.examples import leaves, put

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]

NOTE_FORMS = fillable_forms()


def as_libreoffice_can_keep(spec) -> dict:
    """The example, with what LibreOffice 7.4 cannot keep in a plain text control left out:
    no line breaks (lines joined with a space; a list of texts keeps its first line) and one
    row per repeated list (a row added in Word is a control LibreOffice does not re-tag)."""
    data = copy.deepcopy(spec.example())
    for name in spec.model.fillable_fields:
        if name in data:
            data[name] = _single(data[name])
    return data


def _single(value):
    if isinstance(value, str):
        return " ".join(value.split("\n"))
    if isinstance(value, list):
        return [_single(v) for v in value[:1]]
    if isinstance(value, dict):
        return {k: _single(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, tuple[bytes, dict]]:
    """Each note form filled, then opened and saved as .docx by LibreOffice."""
    exe = require_soffice()
    folder = tmp_path_factory.mktemp("lo-fillable")
    typed = {}
    for spec in NOTE_FORMS:
        data = as_libreoffice_can_keep(spec)
        known = {k: v for k, v in data.items() if k not in spec.model.fillable_fields}
        (folder / f"{spec.name}.docx").write_bytes(
            fill(bytes(render_fillable(spec, known)), spec.model, data)
        )
        typed[spec.name] = data
    out = folder / "out"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            *[str(folder / f"{s.name}.docx") for s in NOTE_FORMS],
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {s.name: ((out / f"{s.name}.docx").read_bytes(), typed[s.name]) for s in NOTE_FORMS}


@pytest.mark.parametrize("spec", NOTE_FORMS, ids=lambda s: s.name)
def test_a_note_form_saved_by_libreoffice_reads_back(saved, spec) -> None:
    docx, typed = saved[spec.name]
    assert read_docx(spec, docx) == validate(spec.model, typed)


def test_libreoffice_drops_the_tags_but_keeps_the_controls_and_the_note_list(saved) -> None:
    docx, _ = saved["telefonmoede"]
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml").decode()
        items = [n for n in z.namelist() if n.startswith("customXml/item")]
    assert "<w:sdt>" in xml and "w14:checkbox" in xml and "w:fullDate" in xml
    assert "<w:tag " not in xml  # LibreOffice 7.4 writes no w:tag: matched by order instead
    assert items


def test_line_breaks_typed_in_word_are_lost_by_libreoffice(tmp_path: Path) -> None:
    """Documented limitation: LibreOffice 7.4 moves a plain text control's line breaks out of
    it on saving; the lines come back joined."""
    exe = require_soffice()
    spec = next(s for s in NOTE_FORMS if s.name == "telefonmoede")
    data = copy.deepcopy(spec.example())
    known = {k: v for k, v in data.items() if k not in spec.model.fillable_fields}
    (tmp_path / "t.docx").write_bytes(fill(bytes(render_fillable(spec, known)), spec.model, data))
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{tmp_path / 'p'}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "o"), str(tmp_path / "t.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    got = read_docx(spec, (tmp_path / "o" / "t.docx").read_bytes())
    assert got.generelle_noter == data["generelle_noter"].replace("\n", "")


# --- filled through LibreOffice's own API (UNO) ---------------------------------------------

UNO_FILL = Path(__file__).with_name("uno_fill.py")
UNO_WORKER = UNO_PROGRAM  # the package's UNO program: its launch, end and prop

#: The hostile texts of tests/test_fillable.py as far as LibreOffice 7.4 carries them exactly
#: through its API and its .docx export: no line breaks (they are dropped), no right-to-left
#: or CJK text and no U+FEFF (the control is written once per script run):
#: test_what_filling_through_libreoffice_cannot_carry.
CARRIED = [
    HOSTILE[0],  # XML specials, CDATA
    HOSTILE[1],  # Jinja syntax
    "første anden tredje\tfane",  # a tab
    HOSTILE[4],  # emoji
    "kontrol \x85 \u2028 \u2029 \u00ad \u2011 slut",
    HOSTILE[6],  # 3,000 characters
    HOSTILE[7],  # private-use characters (a stand-in's alphabet)
]
assert set(CARRIED) & set(HOSTILE)


def require_uno_python(exe: str) -> str:
    python = find_uno_python(exe)
    if python is None:
        if os.environ.get("SAMARBEJDSDOK_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("a Python with LibreOffice's uno module (python3-uno) is required here")
        pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
    return python


def run_uno_fill(python: str, exe: str, folder: Path, jobs: list[dict]) -> list[dict]:
    """Run tests/uno_fill.py on ``jobs`` with one LibreOffice (a temporary profile of its own),
    in a process group of its own that is killed afterwards, whatever happened."""
    (folder / "jobs.json").write_text(json.dumps(jobs), "utf-8")
    proc = subprocess.Popen(
        [
            python,
            "-I",
            str(UNO_FILL),
            str(UNO_WORKER),
            exe,
            (folder / "profile").as_uri(),
            str(folder / "jobs.json"),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=600)
    finally:
        # LibreOffice may outlive the program: end the whole group (its id stays reserved while
        # a member lives).
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    documents: list[dict] = json.loads(out)["documents"]
    return documents


def _get(data: Any, path: list[str]) -> Any:
    for part in path:
        if isinstance(data, list):
            data = data[int(part)] if int(part) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _path(control: FoundControl) -> list[str]:
    base = control.tag.partition("=")[0]
    if control.group is not None:
        base = base.replace("[]", f".{control.item}", 1)
    return base.split(".")


def to_type(spec, blank: bytes, data: dict) -> list[dict]:
    """What tests/uno_fill.py types into each control of ``blank`` (in document order) for
    ``data``: the caseworker's input, as tests/word_fill.py types it in Word."""
    fields = field_map(spec.model)
    xml = zipfile.ZipFile(io.BytesIO(blank)).read("word/document.xml")
    wanted = []
    for c in read_controls(xml):
        if c.kind not in ("text", "date", "checkbox", "dropdown"):
            continue
        base, _, answer = c.tag.partition("=")
        f = fields[base]
        value = _get(data, _path(c))
        typed: Any
        if c.kind == "checkbox":
            if not answer:
                typed = bool(value)
            elif f.kind == "bool":
                typed = value is not None and value == (answer == "ja")
            else:
                typed = value == answer
        elif value is None or value == []:
            typed = None
        elif c.kind == "date":
            day = dt.date.fromisoformat(str(value))
            typed = {
                "date": day.isoformat(),
                "texts": {fmt: FILTERS[name](day) for name, fmt in DATE_FORMATS.items()},
            }
        elif c.kind == "dropdown":
            typed = str(value)
        else:
            typed = _typed(f.kind, value)
        wanted.append({"kind": c.kind, "title": c.title, "placeholder": c.text, "value": typed})
    return wanted


def with_hostile_text(spec, data: dict) -> dict:
    """``data`` with the hostile texts LibreOffice carries typed, in turn, into every free-text
    value (tools.examples.leaves: no name, number, date, time, phone or e-mail)."""
    data = copy.deepcopy(data)
    free = [path for path, kind in leaves(spec.model, data) if kind == "text"]
    for n, path in enumerate(free):
        put(data, path, CARRIED[n % len(CARRIED)])
    return data


def uno_cases() -> list[tuple[str, Any, bytes, dict]]:
    """(name, form, blank document, data typed) for each note form, and a municipality's own
    template with a drop-down list (no bundled form prints one)."""
    cases = []
    for spec in NOTE_FORMS:
        data = as_libreoffice_can_keep(spec)
        known = {k: v for k, v in data.items() if k not in spec.model.fillable_fields}
        typed = {
            **known,
            **with_hostile_text(
                spec, {k: data[k] for k in spec.model.fillable_fields if k in data}
            ),
        }
        cases.append((spec.name, spec, bytes(render_fillable(spec, known)), typed))
    spec = get_form("forberedelsesmoede")
    data = as_libreoffice_can_keep(spec)
    known = {k: v for k, v in data.items() if k not in spec.model.fillable_fields}
    own = template_with("Rolle: {{ familiens_rolle }}", "Praksis: {{ noter_praksis }}")
    blank = bytes(render_fillable(spec, known, template=own))
    typed = {**known, "familiens_rolle": "koordinator", "noter_praksis": CARRIED[0]}
    cases.append(("dropdown", spec, blank, typed))
    return cases


@pytest.fixture(scope="module")
def filled_by_uno(tmp_path_factory) -> dict[str, tuple[Any, bytes, dict, dict]]:
    """Each case filled through LibreOffice's API and stored as .docx by it: (form, the .docx,
    the data typed, what uno_fill.py said)."""
    exe = require_soffice()
    python = require_uno_python(exe)
    folder = tmp_path_factory.mktemp("lo-uno-fill")
    cases = uno_cases()
    jobs = []
    for name, spec, blank, typed in cases:
        (folder / f"{name}.docx").write_bytes(blank)
        jobs.append(
            {
                "in": str(folder / f"{name}.docx"),
                "out": str(folder / f"{name}-udfyldt.docx"),
                "controls": to_type(spec, blank, typed),
            }
        )
    results = run_uno_fill(python, exe, folder, jobs)
    out = {}
    for (name, spec, _, typed), job, result in zip(cases, jobs, results, strict=True):
        made = Path(job["out"])
        out[name] = (spec, made.read_bytes() if made.exists() else b"", typed, result)
    return out


@pytest.mark.parametrize("name", [s.name for s in NOTE_FORMS] + ["dropdown"])
def test_a_note_form_filled_through_libreoffices_api_reads_back(filled_by_uno, name) -> None:
    """Every control filled through LibreOffice 7.4's API (text with hostile characters, check
    boxes ticked, dates picked, a drop-down item picked), stored as .docx by LibreOffice: the
    data typed comes back."""
    spec, docx, typed, result = filled_by_uno[name]
    assert result == {"ok": True}
    got = read_docx(spec, docx)
    assert got == validate(spec.model, typed)
    if name == "dropdown":
        found = read_controls(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
        assert [c.text for c in found if c.kind == "dropdown"] == ["koordinator"]


def test_filling_through_libreoffice_ticks_boxes_and_picks_dates(filled_by_uno) -> None:
    """The check boxes' state and the dates are LibreOffice's, written as Word writes them."""
    _, docx, typed, _ = filled_by_uno["screeningsmoede"]
    found = read_controls(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    assert any(c.kind == "checkbox" and c.checked for c in found)
    assert [c.date for c in found if c.kind == "date"] == [typed["naeste_moede"]["dato"]]
    assert not any(c.placeholder for c in found if c.kind == "date")


def test_what_filling_through_libreoffice_cannot_carry(tmp_path: Path) -> None:
    """Documented limitations of LibreOffice 7.4: line breaks typed into a text control are
    dropped on saving (the lines come back joined), and text of another script or direction
    (right-to-left, CJK) or with U+FEFF makes it write the control once per script run, which
    the reader refuses as a note form whose controls do not match its list."""
    exe = require_soffice()
    python = require_uno_python(exe)
    spec = get_form("telefonmoede")
    data = as_libreoffice_can_keep(spec)
    known = {k: v for k, v in data.items() if k not in spec.model.fillable_fields}
    blank = bytes(render_fillable(spec, known))
    (tmp_path / "blank.docx").write_bytes(blank)
    texts = {"lines": "første\nanden\r\ntredje", "rtl": HOSTILE[3], "cjk": "a 中文 b"}
    texts["feff"] = "kontrol \ufeff slut"
    jobs = [
        {
            "in": str(tmp_path / "blank.docx"),
            "out": str(tmp_path / f"{name}.docx"),
            "controls": to_type(spec, blank, {**data, "generelle_noter": text}),
        }
        for name, text in texts.items()
    ]
    assert run_uno_fill(python, exe, tmp_path, jobs) == [{"ok": True}] * len(jobs)
    got = read_docx(spec, tmp_path / "lines.docx")
    assert got.generelle_noter == "førsteandentredje"
    for name in ("rtl", "cjk", "feff"):
        with pytest.raises(DataError) as info:
            read_docx(spec, tmp_path / f"{name}.docx")
        assert [p.code for p in info.value.problems] == ["controls_unmatched"], name
