"""The renderer: escaping, hostile values, strict placeholders, atomic writes, document facts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import docx_text, docx_xml, template_with
from docx import Document
from lxml import etree

import samarbejdsdok
from samarbejdsdok.errors import (
    OutputError,
    TemplateNotFoundError,
    TemplateRenderError,
    TemplateSyntaxError,
)
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.samtykke_generel import SamtykkeGenerel
from samarbejdsdok.rendering import render, strip_forbidden_xml_chars


def consent(**changes) -> SamtykkeGenerel:
    data = get_form("samtykke_generel").example()
    for dotted, value in changes.items():
        target = data
        *head, last = dotted.split("__")
        for key in head:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return SamtykkeGenerel.model_validate(data)


HOSTILE = {
    "xml": "Hansen & Søn <w:p> \"citat\" 'enkelt' </w:t>",
    "jinja": "{{ samtykkegiver.cpr }} {% for x in boern %}X{% endfor %} {# kommentar #}",
    "lines": "første linje\nanden linje\r\ntredje\tmed tab",
    "control": "før\x00\x01\x0b\x0c\x1f\ufffe efter",
    "emoji_rtl": "Familien 👨‍👩‍👧 \u202eعربي\u202c",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_values_give_a_document_that_opens_and_shows_them(kind: str) -> None:
    value = HOSTILE[kind]
    model = consent(samtykkegiver__navn=value, eksterne_parter__0__kontaktoplysninger=value)
    data = render(model)
    # Every XML part parses strictly.
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith(".xml"):
                etree.fromstring(zf.read(name))
    text = docx_text(data)
    expected = strip_forbidden_xml_chars(value.strip())
    assert expected.replace("\t", "") in text.replace("\t", "")
    if kind == "jinja":
        # Printed literally, never evaluated: the real CPR is not pulled in by the value.
        assert "{{ samtykkegiver.cpr }}" in text
        assert text.count("120585-2468") == 1
    if kind == "lines":
        xml = docx_xml(data)
        assert "<w:br/>" in xml and "<w:tab/>" in xml


def test_forbidden_characters_are_removed() -> None:
    assert strip_forbidden_xml_chars("a\x00b\x0cc\ud800d\r\ne") == "abcd\ne"


def test_misspelt_placeholder_names_itself_and_the_template(tmp_path: Path) -> None:
    tpl = tmp_path / "kommunens.docx"
    tpl.write_bytes(template_with("Hej {{ samtykkegiver.navnn }}"))
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateRenderError) as info:
        render(consent(), out, template=tpl)
    assert info.value.placeholder == "navnn"
    assert info.value.template == str(tpl)
    assert info.value.form == "samtykke_generel"
    assert "navnn" in str(info.value) and "kommunens.docx" in str(info.value)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tpl]  # no temporary file left behind


def test_undefined_top_level_name_is_an_error() -> None:
    with pytest.raises(TemplateRenderError) as info:
        render(consent(), template=template_with("{{ familien }}"))
    assert info.value.placeholder == "familien"


def test_syntax_error_in_a_template() -> None:
    with pytest.raises(TemplateSyntaxError) as info:
        render(consent(), template=template_with("{% for x in boern %} no end"))
    assert info.value.template == "<bytes>"


def test_sandbox_refuses_python_internals() -> None:
    with pytest.raises(TemplateRenderError):
        render(consent(), template=template_with("{{ samtykkegiver.__class__.__mro__ }}"))
    with pytest.raises(TemplateRenderError):
        render(consent(), template=template_with("{{ ''.__class__.__subclasses__() }}"))


def test_failed_render_keeps_an_existing_file_intact(tmp_path: Path) -> None:
    out = tmp_path / "samtykke.docx"
    out.write_bytes(b"old content")
    with pytest.raises(TemplateRenderError):
        render(consent(), out, template=template_with("{{ nope }}"))
    assert out.read_bytes() == b"old content"


def test_write_is_atomic_and_complete(tmp_path: Path) -> None:
    out = tmp_path / "samtykke.docx"
    data = render(consent(), out)
    assert out.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["samtykke.docx"]


def test_unwritable_target_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        render(consent(), tmp_path / "missing-dir" / "x.docx")


def test_template_that_is_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(TemplateNotFoundError) as info:
        render(consent(), template=bad)
    assert isinstance(info.value, LookupError)
    with pytest.raises(TemplateNotFoundError):
        render(consent(), template=tmp_path / "nowhere.docx")


def test_municipality_template_is_used(tmp_path: Path) -> None:
    tpl = template_with("Egen skabelon for {{ samtykkegiver.navn }} fra {{ gyldig_fra|dato }}")
    text = docx_text(render(consent(), template=tpl))
    assert "Egen skabelon for Mette Kragh Hansen fra 27. maj 2026" in text


def test_document_facts_language_title_headings_and_repeating_headers() -> None:
    data = render(consent())
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.title == get_form("samtykke_generel").title
    assert doc.core_properties.language == "da-DK"
    styles = docx_xml(data, "word/styles.xml")
    assert 'w:lang w:val="da-DK"' in styles
    heading_styles = {p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert "Heading 2" in heading_styles
    for table in doc.tables:
        if len(table.rows) > 1 and table.rows[0].cells[0].text in ("Barnets navn", "Kryds", "Part"):
            tr_pr = table.rows[0]._tr.trPr
            assert (
                tr_pr is not None
                and tr_pr.find(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
                )
                is not None
            )


def test_render_rejects_things_that_are_not_form_models() -> None:
    with pytest.raises(TypeError):
        render({"samtykkegiver": {}})  # type: ignore[arg-type]


def test_public_render_is_the_renderer() -> None:
    assert samarbejdsdok.render is render
