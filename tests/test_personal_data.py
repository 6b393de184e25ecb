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
from pathlib import Path

import pytest
from docx import Document
from pydantic import ValidationError
from test_hostile_input import leaves, put

from samarbejdsdok import render
from samarbejdsdok.errors import SamarbejdsdokError
from samarbejdsdok.forms import all_forms
from samarbejdsdok.validation import validate

FULL_CPR = re.compile(r"\d{6}-?\d{4}")


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
        validate(spec.model, data, form=spec.name)
    except SamarbejdsdokError as exc:
        texts += [str(exc), repr(exc), *map(str, exc.problems)]
    try:
        spec.model.model_validate(data)
    except ValidationError as exc:
        texts += [str(exc), repr(exc)]

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
    ):
        result = subprocess.run(
            [sys.executable, "-m", "samarbejdsdok", *args], capture_output=True, text=True
        )
        assert result.returncode == 1
        texts += [result.stderr, result.stdout]

    texts += [r.getMessage() for r in caplog.records]
    assert texts
    for text in texts:
        assert_no_full_cpr(text, numbers + real)
