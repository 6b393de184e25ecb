"""Every document is valid ECMA-376 (transitional), and every line break is Word's ``<w:br/>``.

The schemas and the validator are in tests/ooxml.py (schemas in tests/data/ooxml-xsd/). What is
checked: the shipped templates, every form's example on both render paths, a maximal and a
hostile example of every form, every document of the worked case file (``samarbejdsdok sag``),
a mail merge, and the engine's own markup (cell tags, pictures, footnotes, sections; the parity
tests validate every engine output too). The broad checks are in the slow group; the default run
validates the templates, the forms whose templates once broke the schema, the line-break forms
and the engine's features.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import parity_templates as T
import pytest
from conftest import ROOT, docx_text, docx_to_pdf_text
from docx import Document
from lxml import etree
from ooxml import (
    Problem,
    apply_markup_compatibility,
    assert_valid_docx,
    validate_docx,
    validate_part,
)
from test_libreoffice import hostile

from samarbejdsdok import engine, render, sag
from samarbejdsdok.engine.pictures import Picture
from samarbejdsdok.forms import all_forms, get_form
from samarbejdsdok.mailmerge import flatten, merge
from tools.examples import maximal, valid

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SPECS = all_forms()
#: The forms whose templates once put w:tblBorders after w:tblLook (tools/docxkit.py).
ONCE_INVALID = [
    "samtykke_statistik",
    "samtykke_generel",
    "plejefamilie_samarbejdsaftale",
    "kontrakt_samarbejdsaftale",
]
#: The forms whose templates write a line break themselves ({{ '\n' }}).
TEMPLATE_BREAKS = ["flyer", "familieplan", "netvaerksmoede_notat"]


def newlines_in_text(data: bytes) -> list[tuple[str, str]]:
    """(part, text) of every ``w:t`` of any part that holds a raw line break, which Word and
    LibreOffice show as a space."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(zf.read(name))
                for t in root.iter(f"{{{W}}}t"):
                    if t.text and ("\n" in t.text or "\r" in t.text):
                        found.append((name, t.text))
    return found


def assert_sound(data: bytes, what: str) -> None:
    assert_valid_docx(data, what)
    assert not newlines_in_text(data), f"{what}: a raw line break in w:t"


# --- the validator itself -------------------------------------------------------------------

_DOC = (
    f'<w:document xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">'
    "<w:body>{}</w:body></w:document>"
)


def test_the_validator_finds_an_element_out_of_order() -> None:
    tbl = (
        "<w:tbl><w:tblPr><w:tblLook w:val='04A0'/><w:tblBorders/></w:tblPr><w:tblGrid/>"
        "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>"
    )
    [problem] = validate_part("word/document.xml", _DOC.format(tbl).encode())
    assert problem.part == "word/document.xml" and problem.line == 1
    assert problem.path == "/w:document/w:body/w:tbl/w:tblPr/w:tblBorders"
    assert "w:tblBorders" in problem.message and "not expected" in problem.message
    assert str(problem).startswith("word/document.xml:1 /w:document/w:body/w:tbl/")


def test_markup_compatibility_is_applied_as_word_does() -> None:
    body = (
        '<w:p w14:paraId="1A2B3C4D"><w:r><w14:glow/><w:t>x</w:t></w:r></w:p>'
        '<mc:AlternateContent><mc:Choice Requires="w14"><w14:unknown/></mc:Choice>'
        "<mc:Fallback><w:p/></mc:Fallback></mc:AlternateContent>"
    )
    assert validate_part("word/document.xml", _DOC.format(body).encode()) == []
    root = apply_markup_compatibility(etree.fromstring(_DOC.format(body).encode()))
    assert [el.tag.rsplit("}")[1] for el in root.iter()] == ["document", "body", "p", "r", "t", "p"]
    # Without mc:Ignorable the same extension element is an error.
    strict = _DOC.replace(' mc:Ignorable="w14"', "").format(body).encode()
    assert any("glow" in p.message for p in validate_part("word/document.xml", strict))


def test_package_parts_are_validated_too() -> None:
    out = io.BytesIO()
    Document().save(out)
    assert validate_docx(out.getvalue()) == []  # w:zoom without w:percent: Word accepts it
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        core = zf.read("docProps/core.xml")
        types = zf.read("[Content_Types].xml")
        rels = zf.read("_rels/.rels")
    bad_core = core.replace(b"</cp:coreProperties>", b"<cp:nonsense/></cp:coreProperties>")
    assert validate_part("docProps/core.xml", bad_core)
    bad_date = core.replace(
        b"2013-12-23T23:15:00Z</dcterms:created>", b"yesterday</dcterms:created>"
    )
    assert bad_date != core and validate_part("docProps/core.xml", bad_date)
    assert validate_part("[Content_Types].xml", types.replace(b"<Default ", b"<Defualt ", 1))
    assert validate_part("_rels/.rels", rels.replace(b"Target=", b"Targit=", 1))
    assert validate_part("word/media/image1.png", b"\x89PNG") == []  # not an XML part


# --- templates and rendered documents (default run) ------------------------------------------


@pytest.mark.parametrize("template", sorted((ROOT / "templates_docx").glob("*.docx")), ids=str)
def test_every_shipped_template_is_valid(template: Path) -> None:
    # Strictly: without even the w:zoom leniency Word allows (renders copy settings.xml).
    assert_valid_docx(template, template.name, tolerant=False)


@pytest.mark.parametrize("use_docxtpl", [False, True], ids=["engine", "docxtpl"])
@pytest.mark.parametrize("name", ONCE_INVALID)
def test_borderless_tables_are_valid_once_rendered(name: str, use_docxtpl: bool) -> None:
    model = get_form(name).example_model()
    assert_sound(bytes(render(model, use_docxtpl=use_docxtpl)), name)


@pytest.mark.parametrize("use_docxtpl", [False, True], ids=["engine", "docxtpl"])
@pytest.mark.parametrize("name", TEMPLATE_BREAKS)
def test_a_line_break_the_template_writes_is_a_word_break(name: str, use_docxtpl: bool) -> None:
    doc = bytes(render(get_form(name).example_model(), use_docxtpl=use_docxtpl))
    assert_sound(doc, name)
    text = docx_text(doc)  # python-docx reads <w:br/> as "\n"
    expected = {
        "flyer": "40 21 33 18\nleda@furesoe.dk",
        "familieplan": "Mette Kragh Hansen\n120585-XXXX",
        "netvaerksmoede_notat": "Referent: Lene Dahl",
    }[name]
    assert expected in text
    if name == "netvaerksmoede_notat":
        line = next(ln for ln in text.splitlines() if ln.startswith("Mødeleder:"))
        assert "Referent" not in line


def _render_paragraph(text: str, context: dict, use_docxtpl: bool) -> tuple[bytes, str]:
    tpl_doc = Document()
    tpl_doc.add_paragraph(text)
    tpl = io.BytesIO()
    tpl_doc.save(tpl)
    data = bytes(engine.render_template(tpl.getvalue(), context, use_docxtpl=use_docxtpl))
    assert_sound(data, text)
    return data, zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


@pytest.mark.parametrize("use_docxtpl", [False, True], ids=["engine", "docxtpl"])
def test_constants_and_values_break_lines_alike(use_docxtpl: bool) -> None:
    # Constants alone: nothing printed markup, so no later pass over the part would catch a
    # raw newline Jinja folded into the template at compile time.
    data, xml = _render_paragraph("A{{ '\\n' }}B{{ 'C\\tD' }}", {}, use_docxtpl)
    assert xml.count("<w:br/>") == 1 and xml.count("<w:tab/>") == 1
    assert docx_text(data).startswith("A\nBC\tD\n")
    data, xml = _render_paragraph("{{ v }}{{ v|e }}{{ '\\n'|e }}", {"v": "E\nF"}, use_docxtpl)
    assert xml.count("<w:br/>") == 3
    assert docx_text(data).startswith("E\nFE\nF\n")


def _logo() -> Picture:
    return Picture.from_cm(T.png(3, 3), 1.0, 1.0, "Logo")


#: Templates for the engine's features that write markup of their own (tests/parity_templates.py).
FEATURES = {
    "cellbg": (
        T.cellbg,
        {
            "rader": [
                {"navn": "A", "farve": "FF0000", "status": "rød"},
                {"navn": "B", "farve": "00FF00", "status": "grøn"},
            ]
        },
    ),
    "colspan": (T.colspan, {"spand": 3, "tekst": "hele rækken"}),
    "vm": (T.vm_in_tr_for, {"gruppe": "Familien", "medlemmer": ["Mor", "Far", "Barn"]}),
    "hm": (T.hm_in_tc_for, {"titel": "Uge 1", "kolonner": ["ma", "ti", "on", "to"]}),
    "billeder": (T.inline_image_body, {"billede": _logo()}),
    "billeder-i-sidehoved": (T.header_footer_pictures, {"navn": "Anna", "logo": _logo()}),
    "fodnoter": (T.footnotes, {"navn": "A & B <c>"}),
    "to-afsnit": (
        T.headers_footers_two_sections,
        {"navn": "Anna", "by": "Odense", "tekst": "a & b\nc", "vis": True},
    ),
}


@pytest.mark.parametrize("use_docxtpl", [False, True], ids=["engine", "docxtpl"])
@pytest.mark.parametrize("feature", FEATURES)
def test_engine_features_give_valid_documents(feature: str, use_docxtpl: bool) -> None:
    # docxtpl put the cell properties of cellbg, colspan, vm and hm out of the schema's order;
    # both paths now compile the same corrected source (engine.xmltext.order_cell_properties).
    build, context = FEATURES[feature]
    doc = engine.render_template(build(), context, use_docxtpl=use_docxtpl)
    assert_sound(bytes(doc), feature)


# --- everything (slow group) ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_form_is_valid_on_both_paths_whatever_the_values(spec) -> None:
    variants = {"eksempel": spec.example(), "maksimal": maximal(spec.example(), spec.model)}
    variants["fjendtlig"] = hostile(spec)
    for variant, data in variants.items():
        model = valid(spec, data)
        assert_sound(bytes(render(model)), f"{spec.name} ({variant})")
    assert_sound(bytes(render(spec.example_model(), use_docxtpl=True)), f"{spec.name} (docxtpl)")


@pytest.mark.slow
def test_every_document_of_the_case_file_is_valid(tmp_path: Path) -> None:
    written = sag.render_all(sag.example(), tmp_path)
    docs = [p for p in written if p.suffix == ".docx"]
    assert len(docs) == len(sag.documents(sag.example()))
    for path in docs:
        assert_sound(path.read_bytes(), path.name)


@pytest.mark.slow
def test_mail_merge_output_is_valid() -> None:
    for form in ("samtykke_generel", "flyer"):
        base = dict(flatten(get_form(form).example()))
        results = list(merge(form, [base, dict(base)]))
        assert [r.status for r in results] == ["ok", "ok"]
        for r in results:
            assert r.data is not None
            assert_sound(r.data, f"{form} row {r.row}")


@pytest.mark.libreoffice
def test_libreoffice_shows_template_line_breaks_as_new_lines(tmp_path: Path) -> None:
    paths = []
    for name in ("flyer", "netvaerksmoede_notat"):
        path = tmp_path / f"{name}.docx"
        render(get_form(name).example_model(), path)
        paths.append(path)
    texts = docx_to_pdf_text(paths, tmp_path)
    flyer, notat = (texts[p].splitlines() for p in paths)
    assert any("40 21 33 18" in line for line in flyer)
    assert not any("40 21 33 18" in line and "leda@furesoe.dk" in line for line in flyer)
    assert any("Mødeleder:" in line for line in notat)
    assert not any("Mødeleder:" in line and "Referent:" in line for line in notat)


def test_word_rules_beyond_the_schema_are_checked() -> None:
    # Word wants a paragraph at the end of every cell and the older fixed order of w:rPr.
    cell_ends_in_table = (
        "<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:tc><w:p/><w:tbl><w:tblPr/><w:tblGrid/>"
        "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl><w:p/>"
    )
    [problem] = validate_part("word/document.xml", _DOC.format(cell_ends_in_table).encode())
    assert problem.message == "a table cell must end with a paragraph"
    assert problem.path == "/w:document/w:body/w:tbl/w:tr/w:tc"
    rpr = '<w:p><w:r><w:rPr><w:sz w:val="20"/><w:b/></w:rPr><w:t>x</w:t></w:r></w:p>'
    [problem] = validate_part("word/document.xml", _DOC.format(rpr).encode())
    assert problem.message == "run properties out of Word's order: w:sz w:b"


def test_problems_read_well() -> None:
    p = Problem("word/document.xml", 3, "Element 'w:x': This element is not expected.", "/w:x")
    assert str(p) == "word/document.xml:3 /w:x: Element 'w:x': This element is not expected."
