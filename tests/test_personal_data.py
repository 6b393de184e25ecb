"""Personal data never leaks: every form is rendered and failed on purpose, and every
exception message, log line and CLI message is scanned for full CPR numbers."""

from __future__ import annotations

import copy
import io
import json
import logging
import re
import subprocess
import sys
import unicodedata
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from docx import Document
from pydantic import ValidationError

from samarbejdsdok import render
from samarbejdsdok.cli import main
from samarbejdsdok.errors import (
    DataError,
    MaskCprFilter,
    Problem,
    SamarbejdsdokError,
    TemplateRenderError,
    TemplateSyntaxError,
    is_cpr_number,
    mask_cpr_numbers,
)
from samarbejdsdok.forms import all_forms
from samarbejdsdok.validation import validate
from tools.examples import leaves, put

FULL_CPR = re.compile(r"\d{6}-?\d{4}")

#: A valid CPR number (12 May 1985) in every shape people type it.
VALID = "120585-2468"
SHAPES = [
    "1205852468",
    "120585-2468",
    "120585\u20132468",  # en dash
    "120585\u20142468",  # em dash
    "120585/2468",
    "120585.2468",
    "120585_2468",
    "120585 2468",
    "120585 - 2468",
    "120585 \u2013 2468",
    "12.05.85-2468",
    "12.05.85 2468",
    "12 05 85 2468",
    "12 05 85-2468",
    "12-05-85-2468",
    "12/05/85 2468",
    "\uff11\uff12\uff10\uff15\uff18\uff15\uff12\uff14\uff16\uff18",  # full-width digits
]
#: Ten digits that are no CPR number: no real date in the first six (an invoice number, zeros,
#: a phone number with country code, 29 February 1900), and eleven digits.
NOT_CPR = ["3213456789", "0000000000", "4512345678", "2902001234", "12058524689"]


def assert_no_full_cpr(text: str, numbers: list[str]) -> None:
    digits = re.sub(r"\D", "", text)
    for number in numbers:
        compact = number.replace("-", "")
        assert number not in text and compact not in digits, f"full CPR {number[:6]}-XXXX leaked"
    assert not FULL_CPR.search(text), FULL_CPR.search(text)


def template_with(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_failures_never_show_a_full_cpr(spec, caplog, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    example = spec.example()
    cpr_paths = [p for p, kind in leaves(spec.model, example) if kind == "cpr"]
    numbers = ["3201852468", "320185-2468", "310211-4123"]  # invalid dates, all of them
    texts: list[str] = []

    # 1. Invalid CPR numbers (or, for forms without one, a CPR pasted into a text field).
    data = copy.deepcopy(example)
    if cpr_paths:
        for path, number in zip(cpr_paths, numbers * len(cpr_paths), strict=False):
            put(data, path, number)
    else:
        text_path = next(p for p, k in leaves(spec.model, example) if k == "text")
        put(data, text_path, "320185-2468")
        data["felt_der_ikke_findes"] = "3201852468"
    try:
        spec.model.model_validate(data)
    except ValidationError as exc:
        texts += [str(exc), repr(exc)]
    # A valid CPR number typed as a key (pydantic's own error names the key: only ours masks).
    data[SHAPES[len(spec.name) % len(SHAPES)]] = "x"
    try:
        validate(spec.model, data, form=spec.name)
    except SamarbejdsdokError as exc:
        texts += [str(exc), repr(exc), *map(str, exc.problems), *(p.path for p in exc.problems)]

    # 2. Templates that fail on purpose, with CPR numbers in the data.
    model = spec.example_model()
    real = [m for m in FULL_CPR.findall(json.dumps(spec.example()))]
    for bad in (
        "{{ nope }}",
        "{% for x in %}",
        "{{ organisation.kommune|dato }}",
        "{{ organisation.__class__ }}",
    ):
        with pytest.raises(SamarbejdsdokError) as info:
            render(model, template=template_with(bad))
        texts += [str(info.value), repr(info.value)]

    # 3. The CLI's messages.
    bad_json = tmp_path / "bad.json"
    bad_json.write_text(json.dumps(data), encoding="utf-8")
    for args in (
        ["validate", spec.name, str(bad_json)],
        ["render", spec.name, str(bad_json), "-o", str(tmp_path / "x.docx")],
        ["validate", spec.name, str(tmp_path / "Mette 12.05.85 - 2468.json")],  # no such file
    ):
        result = subprocess.run(
            [sys.executable, "-m", "samarbejdsdok", *args], capture_output=True, text=True
        )
        assert result.returncode == 1
        texts += [result.stderr, result.stdout]

    texts += [r.getMessage() for r in caplog.records]
    assert texts
    for text in texts:
        assert_no_full_cpr(text, numbers + real + [VALID])


# --- every shape of a CPR number, and only valid ones -------------------------------------------


def leaks(text: str) -> bool:
    """Whether a text shows the valid number whole, in any shape, or any other valid CPR number
    written as ten digits."""
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    whole = re.findall(r"(?<!\d)\d{6}-?\d{4}(?!\d)", text)
    return "1205852468" in re.sub(r"\D", "", text) or any(
        is_cpr_number(m.replace("-", "")) for m in whole
    )


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_of_a_valid_cpr_number_is_masked(shape: str) -> None:
    assert mask_cpr_numbers(f"Mette ({shape}), tlf. 28 44 19 07") == (
        "Mette (120585-XXXX), tlf. 28 44 19 07"
    )
    assert mask_cpr_numbers(f"{shape}{shape}") == f"{shape}{shape}"  # 20 digits: no CPR number
    assert mask_cpr_numbers(f"x{shape}.docx") == "x120585-XXXX.docx"


@pytest.mark.parametrize("number", NOT_CPR)
def test_numbers_that_are_no_cpr_number_are_left_alone(
    number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = f"Faktura {number}, {number[:6]}-{number[6:]} og {number[:6]} {number[6:]}"
    assert mask_cpr_numbers(text) == text
    assert mask_cpr_numbers(f"{text}; barn {VALID}") == f"{text}; barn 120585-XXXX"
    problem = Problem(f"bilag.{number}", "", f"faktura {number}", "x")
    assert problem.path == f"bilag.{number}" and number in str(problem)
    # What a user sees: the CLI names a missing file as it was typed.
    assert main(["validate", "samtykke_generel", str(tmp_path / f"faktura {number}.json")]) == 1
    assert f"faktura {number}.json" in capsys.readouterr().err


@pytest.mark.parametrize("shape", SHAPES)
def test_errors_and_problems_mask_every_shape(shape: str) -> None:
    problem = Problem(f"netvaerk.{shape}.telefon", f"Telefon ({shape})", f"værdien {shape}", "x")
    texts = [problem.path, problem.title, problem.message, str(problem), repr(problem)]
    assert problem.path == "netvaerk.120585-XXXX.telefon"
    error = DataError([problem], form="samtykke_generel")
    texts += [str(error), repr(error), error.message, str(error.field)]
    plain = SamarbejdsdokError(f"Barnet {shape}", field=f"boern.{shape}", template=f"{shape}.docx")
    texts += [str(plain), repr(plain), str(plain.field), str(plain.template)]
    syntax = TemplateSyntaxError(f"fejl ved {shape}", context=f"cpr: {shape}")
    render = TemplateRenderError(f"{shape} er ukendt", placeholder=f"p{shape}")
    texts += [str(syntax), str(syntax.context), str(render), str(render.placeholder)]
    for text in texts:
        assert not leaks(text), text


@pytest.mark.parametrize("shape", SHAPES)
def test_the_cli_masks_every_shape_it_prints(
    shape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / f"Mette {shape}.json")
    assert main(["validate", "samtykke_generel", missing]) == 1
    assert main(["sag", "check", missing]) == 1
    with pytest.raises(SystemExit):  # argparse repeats a wrong argument
        main(["validate", "samtykke_generel", missing, shape])
    err = capsys.readouterr().err
    assert "120585-XXXX" in err and not leaks(err), err


def test_sag_check_masks_a_cpr_number_used_as_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samarbejdsdok import sag

    case = yaml.safe_load(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"))
    for i, shape in enumerate(SHAPES):  # unknown notes keyed by a CPR number
        case["moeder"][i % len(case["moeder"])]["notat"][shape] = f"Mettes nummer {shape}"
    case["dokumenter"]["120585/2468"] = {}  # an unknown document
    case["dokumenter"]["netvaerkskort"]["12 05 85 2468"] = "x"  # an unknown field
    source = tmp_path / "sag.yaml"
    source.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    assert main(["sag", "check", str(source)]) == 1
    err = capsys.readouterr().err
    assert "møde 1 (moeder.0.notat.120585-XXXX): ukendt felt" in err
    assert "dokumenter.120585-XXXX: ukendt dokument" in err
    assert "dokumenter.netvaerkskort.120585-XXXX: ukendt felt" in err
    assert not leaks(err), err
    problems = sag.check(sag.load(source))
    assert problems and not any(leaks(p.path) or leaks(str(p)) for p in problems)
    # A network person's key that is a CPR number: the recipient's file names mask it.
    keyed = json.loads(json.dumps(case, default=str).replace('"jonas"', '"1205852468"'))
    for meeting in keyed["moeder"]:
        meeting["notat"] = {k: v for k, v in meeting["notat"].items() if k not in SHAPES}
    del keyed["dokumenter"]["120585/2468"], keyed["dokumenter"]["netvaerkskort"]["12 05 85 2468"]
    source.write_text(json.dumps(keyed), encoding="utf-8")
    assert main(["sag", "list", str(source)]) == 0
    out = capsys.readouterr().out
    assert "netvaerksmoede_invitation-120585-XXXX.docx" in out and not leaks(out), out


def test_merge_file_names_and_report_mask_every_shape_from_a_sheet(tmp_path: Path) -> None:
    import openpyxl
    from test_merge import consent_rows

    rows = list(consent_rows(len(SHAPES) + 1))
    for row, shape in zip(rows, SHAPES, strict=False):
        row["samtykkegiver.navn"] = f"Mette {shape}"
    rows[-1]["samtykkegiver.navn"] = "Faktura 3213456789"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append([("ja" if v else "nej") if isinstance(v, bool) else v for v in row.values()])
    source = tmp_path / "ark.xlsx"
    book.save(source)
    out = tmp_path / "ud"
    result = subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", "merge", "samtykke_generel", str(source)]
        + ["--out-dir", str(out), "--filename", "{samtykkegiver.navn} {row}"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.docx"))
    assert len(names) == len(rows)
    assert f"Faktura 3213456789 {len(rows) + 1}.docx" in names  # no CPR number: kept
    masked = [n for n in names if not n.startswith("Faktura")]
    assert all(n.startswith("Mette 120585-XXXX ") for n in masked), masked
    report = (out / "rapport.csv").read_text(encoding="utf-8-sig")
    for text in [*names, report, result.stderr, result.stdout]:
        assert not leaks(text), text


def test_log_records_are_masked_on_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    from samarbejdsdok.cli import _mask_log_records

    handler = logging.lastResort
    assert handler is not None
    before = list(handler.filters)  # main() in the tests above may have installed it already
    handler.filters[:] = [f for f in before if not isinstance(f, MaskCprFilter)]
    try:
        _mask_log_records()
        _mask_log_records()  # once, however often main runs
        assert sum(isinstance(f, MaskCprFilter) for f in handler.filters) == 1
        for shape in SHAPES:
            record = logging.LogRecord("x", logging.WARNING, "f", 1, "barn %s", (shape,), None)
            handler.handle(record)
        record = logging.LogRecord("x", logging.WARNING, "f", 1, "tlf %s", ("4512345678",), None)
        handler.handle(record)
    finally:
        handler.filters[:] = before
    err = capsys.readouterr().err
    assert err.count("barn 120585-XXXX") == len(SHAPES) and not leaks(err), err
    assert "tlf 4512345678" in err
    record = logging.LogRecord("x", logging.INFO, "f", 1, "%s og %s", (VALID, "0000000000"), None)
    assert MaskCprFilter().filter(record) and record.getMessage() == "120585-XXXX og 0000000000"


def test_an_unexpected_error_prints_a_masked_traceback(monkeypatch, capsys) -> None:
    """A bug is not a refused input: the CLI prints its traceback for whoever fixes it, with
    every CPR number masked, and exits 70."""
    from samarbejdsdok import cli
    from samarbejdsdok.cli import forms as cli_forms

    def broken(args: object) -> int:
        raise OSError(2, "No such file or directory", "/sager/Mette 120585-2468/plan.docx")

    monkeypatch.setattr(cli_forms, "cmd_forms", broken)
    assert cli.main(["forms"]) == 70
    err = capsys.readouterr().err
    assert "uventet fejl" in err
    assert "Traceback" in err and "OSError" in err
    assert "120585-XXXX" in err
    assert "2468" not in err
