"""The compile-once engine: same document as docxtpl, deterministic, thread-safe, valid zips,
and an announced fallback to docxtpl for features it does not have."""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import docx_text
from docx import Document

from samarbejdsdok import engine, render
from samarbejdsdok.forms import all_forms, get_form
from samarbejdsdok.rendering import default_template_bytes

SPECS = all_forms()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_engine_and_docxtpl_give_the_same_text(spec) -> None:
    model = spec.example_model()
    fast = render(model)
    reference = render(model, use_docxtpl=True)
    assert docx_text(fast) == docx_text(reference)
    props = Document(io.BytesIO(fast)).core_properties
    assert props.title == spec.title and props.language == "da-DK"


def test_same_text_for_hostile_values() -> None:
    data = get_form("samtykke_generel").example()
    data["samtykkegiver"]["navn"] = "A & B <w:p> {{ x }}\nlinje 2\tfane \x0b"
    model = get_form("samtykke_generel").model.model_validate(data)
    assert docx_text(render(model)) == docx_text(render(model, use_docxtpl=True))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_output_is_a_valid_zip_with_every_part(spec) -> None:
    data = render(spec.example_model())
    template = zipfile.ZipFile(io.BytesIO(default_template_bytes(spec.template)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert zf.namelist()[0] == "[Content_Types].xml"
        added = set(zf.namelist()) - set(template.namelist())
        assert set(template.namelist()) <= set(zf.namelist())
        assert all(n.startswith("word/media/") for n in added)  # generated pictures only
        # Unchanged parts are copied byte for byte.
        assert zf.read("word/styles.xml") == template.read("word/styles.xml")


def test_identical_input_gives_identical_bytes() -> None:
    model = get_form("familieplan").example_model()
    assert render(model) == render(model)


def test_eight_threads_render_one_template_with_different_data() -> None:
    spec = get_form("samtykke_generel")
    names = [f"Forælder nummer {i}" for i in range(8)]

    def one(name: str) -> str:
        data = spec.example()
        data["samtykkegiver"]["navn"] = name
        return docx_text(render(spec.model.model_validate(data)))

    with ThreadPoolExecutor(8) as pool:
        texts = list(pool.map(one, names * 3))
    for name, text in zip(names * 3, texts, strict=False):
        assert name in text
        assert sum(other in text for other in names) == 1


def _template(*paragraphs: str, table_cell_loop: bool = False) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table_cell_loop:
        table = doc.add_table(rows=1, cols=3)
        cells = table.rows[0].cells
        cells[0].text = "{%tc for b in boern %}"
        cells[1].text = "{{ b.navn }}"
        cells[2].text = "{%tc endfor %}"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_table_cell_loop_stays_on_the_fast_path() -> None:
    model = get_form("samtykke_generel").example_model()
    tpl = _template("Navn: {{ samtykkegiver.navn }}", table_cell_loop=True)
    doc = render(model, template=tpl)
    assert doc.engine == "fast" and doc.warnings == ()
    text = docx_text(doc)
    assert "Navn: Mette Kragh Hansen" in text
    assert "Sofie Kragh Hansen | Oliver Kragh Hansen" in text


def test_prepared_template_is_cached_by_content() -> None:
    data = default_template_bytes("familieplan.docx")
    first = engine.prepare(data, name="familieplan.docx")
    assert engine.prepare(bytes(data), name="familieplan.docx") is first
    renamed = engine.prepare(bytes(data), name="other-name.docx")
    assert renamed.parts is first.parts and renamed.name == "other-name.docx"
    changed = engine.prepare(_template("{{ familie }}"), name="x.docx")
    assert changed is not first


def test_syntax_error_points_at_the_paragraph() -> None:
    from samarbejdsdok.errors import TemplateSyntaxError

    model = get_form("samtykke_generel").example_model()
    tpl = _template("Første afsnit", "Her er fejlen {% if samtykkegiver.navn %}", "Sidste")
    with pytest.raises(TemplateSyntaxError) as info:
        render(model, template=tpl)
    assert info.value.form == "samtykke_generel"
    assert "Her er fejlen" in (info.value.context or "")


# --- well-formedness: proven once per template, or checked per document -------------------


def test_every_shipped_template_is_proven_well_formed_whatever_the_data() -> None:
    for spec in SPECS:
        prepared = engine.prepare(default_template_bytes(spec.template), name=spec.template)
        assert all(p.proven for p in prepared.parts), spec.name


def _table_template(
    cell_text: str, other_cell: str, *, before: str = "Før {% if vis %}midt"
) -> bytes:
    doc = Document()
    doc.add_paragraph(before)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = cell_text
    table.rows[0].cells[1].text = other_cell
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("template", "context"),
    [
        # an {% if %} opened in a paragraph and closed in a table cell: not balanced
        (_table_template("{% endif %}slut", "x"), {"vis": False}),
        # markup a value brings with |safe
        (_template("Navn: {{ navn|safe }}"), {"navn": "<w:p>"}),
        # a line break printed inside an attribute (cell shading)
        (_table_template("{% cellbg farve %}tekst", "x", before="Farve"), {"farve": "a\nb"}),
    ],
    ids=["unbalanced-if", "safe-markup", "break-in-attribute"],
)
def test_output_that_would_be_malformed_is_refused(template: bytes, context: dict) -> None:
    from samarbejdsdok.errors import TemplateError

    prepared = engine.prepare(template, name="egen.docx")
    with pytest.raises(TemplateError, match="ikke gyldig XML"):
        engine.render_template(template, context, name="egen.docx")
    # the first and last are refused by the full check after an unproven template, the middle
    # one because a value printed markup the engine did not make
    assert all(p.proven for p in prepared.parts) == ("navn" in context)


def _fresh_prepare(monkeypatch, cache_dir) -> None:
    from samarbejdsdok.engine import prepared

    monkeypatch.setenv("SAMARBEJDSDOK_CACHE_DIR", str(cache_dir))
    monkeypatch.setattr(prepared, "_cache", {})


def test_prepared_templates_are_kept_on_disk_and_give_the_same_bytes(monkeypatch, tmp_path) -> None:
    model = get_form("familieplan").example_model()
    _fresh_prepare(monkeypatch, tmp_path)
    first = render(model)
    (kept,) = tmp_path.glob("*.prepared")
    _fresh_prepare(monkeypatch, tmp_path)
    from samarbejdsdok.engine import prepared

    monkeypatch.setattr(prepared.PreparedTemplate, "_build", None)  # must come from disk now
    assert render(model) == first
    kept.write_bytes(b"not a cache file")
    monkeypatch.undo()
    _fresh_prepare(monkeypatch, tmp_path)
    assert render(model) == first  # a damaged file is ignored (and replaced)


def test_the_disk_cache_can_be_turned_off(monkeypatch, tmp_path) -> None:
    _fresh_prepare(monkeypatch, "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    render(get_form("samtykke_generel").example_model())
    assert not any(tmp_path.rglob("*.prepared"))


class Subdoc:
    """Stands in for docxtpl's Subdoc (whose real class needs docxcompose): markup that only
    docxtpl can place."""

    def __html__(self) -> str:
        return "<w:p><w:r><w:t>Fra underdokumentet</w:t></w:r></w:p>"


def test_a_sub_document_falls_back_to_docxtpl_deterministically_and_says_so() -> None:
    template = _template("Før", "{{p underdokument }}", "Efter")
    doc = engine.render_template(template, {"underdokument": Subdoc()}, name="brev.docx")
    assert doc.engine == "docxtpl"
    assert doc.warnings and "brev.docx" in doc.warnings[0] and "Subdoc" in doc.warnings[0]
    assert docx_text(doc).split("\n")[:3] == ["Før", "Fra underdokumentet", "Efter"]
    again = engine.render_template(template, {"underdokument": Subdoc()}, name="brev.docx")
    assert again == doc  # fixed zip timestamps and order on the docxtpl path too
    with zipfile.ZipFile(io.BytesIO(doc)) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in zf.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_forbidden_character_classes_are_the_complement_of_the_xml_char_production():
    """The two character classes are written as complements (cheaper to compile); over every
    code point they must pick exactly what XML 1.0 forbids (plus \\r, and for the environment's
    class also \\t and \\n, which it turns into Word's tab and break, and U+2011, the non-breaking
    hyphen)."""
    import importlib

    environment = importlib.import_module("samarbejdsdok.engine.environment")
    xmltext = importlib.import_module("samarbejdsdok.engine.xmltext")

    def xml_char(c: int) -> bool:
        return (
            c in (0x9, 0xA, 0xD)
            or 0x20 <= c <= 0xD7FF
            or 0xE000 <= c <= 0xFFFD
            or 0x10000 <= c <= 0x10FFFF
        )

    every = "".join(map(chr, range(0x110000)))
    forbidden = {ord(c) for c in xmltext._FORBIDDEN_XML.findall(every)}
    assert forbidden == {c for c in range(0x110000) if not xml_char(c) or c == 0xD}
    needs_work = {ord(c) for c in environment._NEEDS_WORK.findall(every)}
    # U+2011 too: a non-breaking hyphen becomes Word's w:noBreakHyphen.
    assert needs_work == forbidden | {0x9, 0xA, 0xD, 0x2011}
