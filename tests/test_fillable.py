"""Fillable note forms: rendered with a Word content control for every field to fill in, filled
as Word fills them (tests/word_fill.py), read back to the data that was typed; the documents
valid against the ECMA-376 schemas; errors for a wrong document and for a control deleted or
duplicated."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest
from conftest import run_main
from lxml import etree
from ooxml import assert_valid_docx
from word_fill import W14, W15, controls, edit, fill, tag_of, w

from samarbejdsdok.errors import ArgumentError, DataError, InputFormatError
from samarbejdsdok.fillable import fillable_forms, read_docx, read_values, render_fillable
from samarbejdsdok.forms import get_form
from samarbejdsdok.validation import validate

NOTE_FORMS = fillable_forms()


def known_part(spec) -> dict:
    """The example's values known before the meeting: the fields to fill in left out."""
    return {k: v for k, v in spec.example().items() if k not in spec.model.fillable_fields}


def document_xml(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def not_printed(spec) -> set[str]:
    """Fields to fill in that the template leaves out for the example's case: the BBU minutes
    print the points of the meeting's own type only, the SoS/LØFT note the agreements for LØFT
    and the scale for Signs of Safety."""
    example = spec.example()
    if spec.name == "bbu_referat":
        from samarbejdsdok.forms.bbu_referat import Moedetype

        own = Moedetype(example["moedetype"]).name
        return {m.name for m in Moedetype} - {own}
    if spec.name == "moedenotat_sos_loeft":
        return {"aftaler"} if example["metode"] == "Signs of Safety" else {"skala_familien"}
    return set()


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
    for name in set(spec.model.fillable_fields) - not_printed(spec):
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
    return run_main(*args, cwd=cwd)


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


# --- hostile text typed into a control comes back exactly ------------------------------------

#: The hostile-input tests' special texts (tests/test_hostile_input.py), less the characters XML
#: forbids, which no Word document can hold.
HOSTILE = [
    "Hansen & Søn <w:p> \"citat\" 'enkelt' ]]> <![CDATA[x]]>",
    "{{ samtykkegiver.cpr }} {% for x in y %}{# c #} {_{ x }_}",
    "første\nanden\r\ntredje\tfane",
    "\u202eعربي\u202c עברית \u200f",
    "👨‍👩‍👧‍👦 familie 🧒🏽",
    "kontrol \x85 \u2028 \u2029 \u00ad \u2011 \ufeff slut",
    "a" * 3000,
    "\ue000\ue010\ue001 privat brug",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_typed_into_a_control_comes_back_exactly(text: str) -> None:
    spec = get_form("telefonmoede")
    data = copy.deepcopy(spec.example())
    data["generelle_noter"] = text
    data["screeningsmoede"]["sted"] = text
    expected = validate(spec.model, data)  # the model's own normalisation (stripped ends)
    filled = fill(bytes(render_fillable(spec, known_part(spec))), spec.model, data)
    assert_valid_docx(filled)
    got = read_docx(spec, filled)
    assert got.generelle_noter == expected.generelle_noter
    assert got.screeningsmoede.sted == expected.screeningsmoede.sted
    # and typed into a repeated row of the network meeting's agreements
    notat = get_form("netvaerksmoede_notat")
    data = copy.deepcopy(notat.example())
    data["aftaler"][1]["indhold"] = text
    filled = fill(bytes(render_fillable(notat, known_part(notat))), notat.model, data)
    assert (
        read_docx(notat, filled).aftaler[1].indhold
        == validate(notat.model, data).aftaler[1].indhold
    )


def test_values_given_before_the_meeting_are_filled_in_and_hostile_text_survives() -> None:
    spec = get_form("telefonmoede")
    data = copy.deepcopy(spec.example())
    data["generelle_noter"] = HOSTILE[0] + "\n" + HOSTILE[3]
    docx = bytes(render_fillable(spec, data))
    assert_valid_docx(docx)
    assert read_docx(spec, docx).generelle_noter == data["generelle_noter"]


# --- repeated rows ----------------------------------------------------------------------------


def test_agreements_are_repeated_rows_and_added_rows_come_back() -> None:
    spec = get_form("netvaerksmoede_notat")
    docx = bytes(render_fillable(spec, known_part(spec)))
    root = document_xml(docx)
    (section,) = controls(root, "aftaler")
    assert section.find(f"{w('sdtPr')}/{{{W15}}}repeatingSection") is not None
    assert section.getparent().tag == w("tbl")  # a row-level section
    (item,) = [s for s in section.find(w("sdtContent")) if s.tag == w("sdt")]
    assert item.find(f"{w('sdtContent')}/{w('tr')}") is not None
    inner = {tag_of(s) for s in item.iter(w("sdt"))} - {""}
    assert inner == {"aftaler[].indhold", "aftaler[].ansvarlige", "aftaler[].tidsfrist"}
    data = copy.deepcopy(spec.example())
    data["aftaler"] = data["aftaler"] * 2  # six rows typed
    filled = fill(docx, spec.model, data)
    assert len(controls(document_xml(filled), "aftaler[].indhold")) == len(data["aftaler"])
    assert read_docx(spec, filled).aftaler == validate(spec.model, data).aftaler


def test_a_loeft_note_has_its_agreements_as_repeated_rows() -> None:
    spec = get_form("moedenotat_sos_loeft")
    data = copy.deepcopy(spec.example())
    data["metode"] = "LØFT"
    data.pop("skala_familien", None)
    data.pop("skala_professionelle", None)
    data["aftaler"] = get_form("netvaerksmoede_notat").example()["aftaler"]
    known = {k: v for k, v in data.items() if k not in spec.model.fillable_fields}
    filled = fill(bytes(render_fillable(spec, known)), spec.model, data)
    assert_valid_docx(filled)
    assert read_docx(spec, filled) == validate(spec.model, data)


# --- errors -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def telephone() -> bytes:
    spec = get_form("telefonmoede")
    return fill(bytes(render_fillable(spec, known_part(spec))), spec.model, spec.example())


def test_a_note_form_of_another_form_is_refused(telephone: bytes) -> None:
    with pytest.raises(
        InputFormatError, match="notatskema til telefonmoede, ikke til screeningsmoede"
    ):
        read_docx("screeningsmoede", telephone)


def test_a_document_that_is_no_fillable_note_form_is_refused() -> None:
    from samarbejdsdok import render

    plain = bytes(render(get_form("telefonmoede").example_model()))
    with pytest.raises(InputFormatError, match="ikke et udfyldeligt notatskema"):
        read_docx("telefonmoede", plain)
    with pytest.raises(InputFormatError, match="ikke et Word-dokument"):
        read_docx("telefonmoede", b"not a zip at all")


def with_manifest(docx: bytes, edit) -> bytes:
    """``docx`` with its note form's list of controls (the custom XML part) edited."""
    import re
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if re.fullmatch(r"customXml/item\d+\.xml", name) and b"notatskema" in data:
                root = etree.fromstring(data)
                body = json.loads(root.text)
                edit(body)
                root.text = json.dumps(body)
                data = etree.tostring(root)
            zout.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "edit",
    [
        lambda b: b["kontroller"][0].pop("tag"),
        lambda b: b["kontroller"][0].update(tag="ikke.et.felt"),
        lambda b: b["kontroller"][0].update(nr="abc"),
        lambda b: b["kontroller"][0].update(gruppe=7),
        lambda b: b.update(kontroller=5),
        lambda b: b.update(kontroller=["tekst"]),
        lambda b: b.update(kendt=[1, 2]),
    ],
    ids=["no tag", "no field", "nr text", "group number", "not a list", "not objects", "known"],
)
def test_a_damaged_list_of_controls_is_a_clear_error(telephone: bytes, edit) -> None:
    """A document made to look like a note form (its list of controls edited) is refused with
    one message, never a crash."""
    with pytest.raises(InputFormatError, match="liste over felterne .* er beskadiget"):
        read_docx("telefonmoede", with_manifest(telephone, edit))


def test_a_deleted_control_is_named(telephone: bytes) -> None:
    def delete(root):
        (sdt,) = controls(root, "generelle_noter")
        sdt.getparent().remove(sdt)

    with pytest.raises(DataError) as exc:
        read_docx("telefonmoede", edit(telephone, delete))
    (problem,) = exc.value.problems
    assert (problem.path, problem.title, problem.code) == (
        "generelle_noter",
        "Generelle noter",
        "control_missing",
    )
    assert "generelle_noter (Generelle noter)" in str(exc.value)
    assert "Mette" not in str(exc.value)  # never the content


def test_a_duplicated_control_is_named(telephone: bytes) -> None:
    def duplicate(root):
        (sdt,) = controls(root, "screeningsmoede.sted")
        sdt.addnext(copy.deepcopy(sdt))

    with pytest.raises(DataError) as exc:
        read_docx("telefonmoede", edit(telephone, duplicate))
    (problem,) = exc.value.problems
    assert (problem.path, problem.title, problem.code) == (
        "screeningsmoede.sted",
        "Sted",
        "control_duplicated",
    )


def test_a_control_deleted_from_a_repeated_row_is_named() -> None:
    spec = get_form("netvaerksmoede_notat")
    filled = fill(bytes(render_fillable(spec, known_part(spec))), spec.model, spec.example())

    def delete(root):
        sdt = controls(root, "aftaler[].tidsfrist")[1]
        sdt.getparent().remove(sdt)

    with pytest.raises(DataError) as exc:
        read_docx(spec, edit(filled, delete))
    (problem,) = exc.value.problems
    assert (problem.path, problem.title, problem.code) == (
        "aftaler.1.tidsfrist",
        "Tidsfrister",
        "control_missing",
    )


def test_invalid_typed_values_give_the_danish_problems_without_the_content(telephone) -> None:
    def typed(root):
        from word_fill import type_text

        (sdt,) = controls(root, "screeningsmoede.tidspunkt")
        type_text(sdt, "010203-1234")

    with pytest.raises(DataError) as exc:
        read_docx("telefonmoede", edit(telephone, typed))
    (problem,) = exc.value.problems
    assert problem.path == "screeningsmoede.tidspunkt"
    assert problem.title == "Mødetidspunkt"
    assert "1234" not in str(exc.value)


def test_a_control_left_on_its_placeholder_is_empty() -> None:
    spec = get_form("telefonmoede")
    data = copy.deepcopy(spec.example())
    data["generelle_noter"] = None
    filled = fill(bytes(render_fillable(spec, known_part(spec))), spec.model, data)
    (notes,) = controls(document_xml(filled), "generelle_noter")
    assert notes.find(f"{w('sdtPr')}/{w('showingPlcHdr')}") is not None
    assert read_docx(spec, filled).generelle_noter is None


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_known_values_print_and_come_back(text: str) -> None:
    """A known value with private-use characters cannot pass for a stand-in (each render has
    its own random salt): it prints as it is and comes back as it was."""
    spec = get_form("telefonmoede")
    data = copy.deepcopy(spec.example())
    data["familie_navn"] = text
    data["generelle_noter"] = text
    docx = bytes(render_fillable(spec, data))
    assert_valid_docx(docx)
    expected = validate(spec.model, data)
    got = read_docx(spec, docx)
    assert got.familie_navn == expected.familie_navn
    assert got.generelle_noter == expected.generelle_noter
    assert len(controls(document_xml(docx), "generelle_noter")) == 1


# --- the command line and the public API ----------------------------------------------------


def test_read_on_the_command_line_prints_the_typed_data_as_json(tmp_path) -> None:
    import json

    spec = get_form("netvaerksmoede_notat")
    (tmp_path / "kendt.json").write_text(json.dumps(known_part(spec)), "utf-8")
    made = cli("render", spec.name, "kendt.json", "-o", "blank.docx", "--fillable", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    filled = fill((tmp_path / "blank.docx").read_bytes(), spec.model, spec.example())
    (tmp_path / "udfyldt.docx").write_bytes(filled)
    result = cli("read", spec.name, "udfyldt.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert validate(spec.model, json.loads(result.stdout)) == spec.example_model()
    result = cli("read", spec.name, "udfyldt.docx", "-o", "data.json", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads((tmp_path / "data.json").read_text("utf-8"))
    assert data["aftaler"] == json.loads(json.dumps(spec.example()["aftaler"]))


def test_read_on_the_command_line_lists_problems_and_fails(tmp_path, telephone) -> None:
    def delete(root):
        (sdt,) = controls(root, "screeningsmoede.sted")
        sdt.getparent().remove(sdt)

    (tmp_path / "u.docx").write_bytes(edit(telephone, delete))
    result = cli("read", "telefonmoede", "u.docx", cwd=tmp_path)
    assert result.returncode == 1
    assert "screeningsmoede.sted (Sted): feltet (screeningsmoede.sted) mangler" in result.stderr
    assert result.stdout == ""
    result = cli("read", "screeningsmoede", "u.docx", cwd=tmp_path)
    assert result.returncode == 1
    assert "notatskema til telefonmoede, ikke til screeningsmoede" in result.stderr
    result = cli("read", "flyer", "u.docx", cwd=tmp_path)
    assert result.returncode == 2


def test_the_public_api() -> None:
    import samarbejdsdok

    assert samarbejdsdok.read_docx is read_docx
    assert samarbejdsdok.render_fillable is render_fillable


@pytest.mark.parametrize("typed", ["28.5.2026", "28-05-2026", "torsdag den 28. maj 2026"])
def test_a_date_typed_over_the_pickers_date_is_the_typed_one(telephone: bytes, typed) -> None:
    """The text is what the caseworker sees: typed over a pre-filled date (LibreOffice keeps the
    picker's date apart from its text), the typed date comes back, not the old one."""
    import datetime as dt

    from word_fill import type_text

    def retype(root):
        (sdt,) = controls(root, "screeningsmoede.dato")
        assert sdt.find(f"{w('sdtPr')}/{w('date')}").get(w("fullDate")).startswith("2026-05-27")
        type_text(sdt, typed)

    got = read_docx("telefonmoede", edit(telephone, retype))
    assert got.screeningsmoede.dato == dt.date(2026, 5, 28)


def test_a_missing_file_is_named_in_danish(tmp_path) -> None:
    with pytest.raises(InputFormatError, match=r"^Kan ikke læse mangler\.docx: findes ikke$"):
        read_docx("telefonmoede", tmp_path / "mangler.docx")
