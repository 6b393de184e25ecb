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
    for name, text in zip(names * 3, texts):
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
