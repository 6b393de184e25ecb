"""Fillable note forms: rendered with a Word content control for every field to fill in, filled
as Word fills them (tests/word_fill.py), read back to the data that was typed; the documents
valid against the ECMA-376 schemas; errors for a wrong document and for a control deleted or
duplicated."""

from __future__ import annotations

import copy
import io
import zipfile

import pytest
from lxml import etree
from ooxml import assert_valid_docx
from word_fill import W14, W15, controls, edit, fill, tag_of, w

from samarbejdsdok.errors import ArgumentError, DataError
from samarbejdsdok.fillable import fillable_forms, read_docx, read_values, render_fillable
from samarbejdsdok.forms import get_form

NOTE_FORMS = fillable_forms()


def known_part(spec) -> dict:
    """The example's values known before the meeting: the fields to fill in left out."""
    return {k: v for k, v in spec.example().items() if k not in spec.model.fillable_fields}


def document_xml(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


@pytest.fixture(scope="module", params=NOTE_FORMS, ids=lambda s: s.name)
def blank(request):
    spec = request.param
    return spec, bytes(render_fillable(spec.name, known_part(spec)))


def test_the_note_forms() -> None:
    assert "telefonmoede" in {s.name for s in NOTE_FORMS}


def test_a_blank_note_form_has_a_control_of_its_kind_for_every_field(blank) -> None:
    spec, docx = blank
    root = document_xml(docx)
    sdts = list(root.iter(w("sdt")))
    assert sdts
    tags = [tag_of(s) for s in sdts if tag_of(s)]
    for name in spec.model.fillable_fields:
        assert any(
            t == name or t.startswith((name + ".", name + "[]", name + "=")) for t in tags
        ), name
    for sdt in sdts:
        pr = sdt.find(w("sdtPr"))
        if pr.find(f"{{{W15}}}repeatingSectionItem") is not None:
            continue
        assert pr.find(w("alias")).get(w("val")), tag_of(sdt)
        if pr.find(f"{{{W14}}}checkbox") is None and pr.find(f"{{{W15}}}repeatingSection") is None:
            assert pr.find(w("showingPlcHdr")) is not None, tag_of(sdt)
    # the root declares w14 and w15 and lists them as ignorable
    ignorable = root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable")
    assert {"w14", "w15"} <= set(ignorable.split())
    assert "\ue000" not in etree.tostring(root, encoding="unicode")


def test_a_blank_note_form_is_valid_ooxml(blank) -> None:
    _, docx = blank
    assert_valid_docx(docx)


def test_a_blank_note_form_reads_back_as_the_known_values(blank) -> None:
    spec, docx = blank
    data = read_values(spec.name, docx)
    assert set(data) <= set(spec.model.model_fields)
    for name in spec.model.fillable_fields:
        assert name not in data


def test_typed_values_come_back(blank) -> None:
    """Every control filled as Word fills it (placeholder flag removed, content replaced, boxes
    ticked, dates picked, repeated rows added) with the example's values: reading gives the
    example."""
    spec, docx = blank
    example = spec.example()
    filled = fill(docx, spec.model, example)
    assert_valid_docx(filled)
    assert read_docx(spec.name, filled) == spec.example_model()


def test_a_form_rendered_with_its_values_reads_back_unchanged(blank) -> None:
    spec, _ = blank
    docx = bytes(render_fillable(spec.name, spec.example()))
    assert_valid_docx(docx)
    assert read_docx(spec.name, docx) == spec.example_model()


def test_the_telephone_notes_control() -> None:
    spec = get_form("telefonmoede")
    docx = bytes(render_fillable(spec, known_part(spec)))
    root = document_xml(docx)
    (notes,) = controls(root, "generelle_noter")
    pr = notes.find(w("sdtPr"))
    assert pr.find(w("alias")).get(w("val")) == "Generelle noter"
    assert pr.find(w("text")).get(w("multiLine")) == "1"
    assert "".join(notes.itertext()) == "Skriv generelle noter"
    (date,) = controls(root, "screeningsmoede.dato")
    picker = date.find(f"{w('sdtPr')}/{w('date')}")
    assert picker.find(w("dateFormat")).get(w("val")) == "d. MMMM yyyy"
    assert picker.find(w("lid")).get(w("val")) == "da-DK"
    (yes,) = controls(root, "screeningsmoede.tolk=ja")
    (no,) = controls(root, "screeningsmoede.tolk=nej")
    for box in (yes, no):
        state = box.find(f"{w('sdtPr')}/{{{W14}}}checkbox/{{{W14}}}checked")
        assert state.get(f"{{{W14}}}val") == "0"
        assert "".join(box.itertext()) == "\u2610"
    # the known values are printed as text
    text = "".join(root.itertext())
    assert "Familien Kragh Hansen" in text and "Lene Dahl" in text


def test_ticking_both_yes_and_no_is_a_problem_naming_the_field() -> None:
    spec = get_form("telefonmoede")
    data = copy.deepcopy(spec.example())
    docx = fill(bytes(render_fillable(spec, known_part(spec))), spec.model, data)

    def both(root):
        for tag in ("screeningsmoede.tolk=ja", "screeningsmoede.tolk=nej"):
            (box,) = controls(root, tag)
            box.find(f"{w('sdtPr')}/{{{W14}}}checkbox/{{{W14}}}checked").set(f"{{{W14}}}val", "1")

    with pytest.raises(DataError) as exc:
        read_docx(spec, edit(docx, both))
    (problem,) = exc.value.problems
    assert problem.path == "screeningsmoede.tolk"
    assert problem.title == "Behov for tolk"
    assert problem.code == "several_answers"


def test_a_form_that_is_no_note_form_is_refused() -> None:
    spec = get_form("samtykke_generel")
    with pytest.raises(ArgumentError, match="ikke et notatskema"):
        render_fillable(spec, spec.example())


def cli(*args: str, cwd=None):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_render_fillable_on_the_command_line(tmp_path) -> None:
    import json

    spec = get_form("telefonmoede")
    (tmp_path / "kendt.json").write_text(json.dumps(known_part(spec)), "utf-8")
    result = cli(
        "render", "telefonmoede", "kendt.json", "-o", "blank.docx", "--fillable", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    docx = (tmp_path / "blank.docx").read_bytes()
    assert controls(document_xml(docx), "generelle_noter")
    filled = fill(docx, spec.model, spec.example())
    assert read_docx("telefonmoede", filled) == spec.example_model()


def test_render_fillable_of_a_form_that_is_no_note_form_is_wrong_usage(tmp_path) -> None:
    import json

    (tmp_path / "d.json").write_text(json.dumps(get_form("flyer").example()), "utf-8")
    result = cli("render", "flyer", "d.json", "-o", "x.docx", "--fillable", cwd=tmp_path)
    assert result.returncode == 2
    assert "--fillable findes kun for notatskemaerne" in result.stderr
    assert not (tmp_path / "x.docx").exists()
