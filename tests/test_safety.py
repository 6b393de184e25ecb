"""Hostile templates are refused with a clear error, in bounded time and memory."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from conftest import template_with

from samarbejdsdok import render
from samarbejdsdok.errors import SamarbejdsdokError, TemplateError, TemplateNotFoundError
from samarbejdsdok.forms import get_form
from samarbejdsdok.rendering import default_template_bytes


def model():
    return get_form("samtykke_generel").example_model()


def refused(template: bytes, seconds: float = 10.0) -> SamarbejdsdokError:
    start = time.perf_counter()
    with pytest.raises(SamarbejdsdokError) as info:
        render(model(), template=template)
    assert time.perf_counter() - start < seconds
    assert info.value.form == "samtykke_generel"
    return info.value


@pytest.mark.parametrize(
    "placeholder",
    [
        "{{ samtykkegiver.__class__ }}",
        "{{ samtykkegiver.__class__.__mro__[1].__subclasses__() }}",
        "{{ lov.__init__.__globals__ }}",
        "{{ ''.__class__.__base__.__subclasses__() }}",
        "{{ boern.pop() }}",
        "{{ (samtykkegiver.navn).format.__globals__ }}",
    ],
)
def test_python_internals_are_out_of_reach(placeholder: str) -> None:
    err = refused(template_with(placeholder))
    assert "Skabelonen" in str(err)


@pytest.mark.parametrize(
    "loop",
    [
        "{% for i in range(10**9) %}x{% endfor %}",
        "{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}",
        "{% for c in 'x' * 100000 %}{% for d in 'y' * 100000 %}{% endfor %}{% endfor %}",
        "{% for i in lipsum(5).split() %}{% endfor %}",
    ],
)
def test_loops_not_bounded_by_data_are_refused_quickly(loop: str) -> None:
    err = refused(template_with(loop), seconds=5)
    assert "løkke" in str(err)


def test_small_literal_range_is_fine() -> None:
    from conftest import docx_text, template_with

    text = docx_text(
        render(model(), template=template_with("{% for i in range(3) %}[{{ i }}]{% endfor %}"))
    )
    assert "[0][1][2]" in text


@pytest.mark.parametrize(
    "expr",
    [
        "{{ 'x' * 10**9 }}",
        "{{ 10 ** 100000000 }}",
        "{{ samtykkegiver.navn * 100000000 }}",
    ],
)
def test_huge_values_are_refused(expr: str) -> None:
    err = refused(template_with(expr), seconds=5)
    assert "for" in str(err)


def test_recursive_macro_is_refused() -> None:
    refused(template_with("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"))


def _replace_part(docx: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, content if item.filename == name else src.read(item))
    return out.getvalue()


def test_entity_expansion_inside_the_docx_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        b'core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol3;</dc:title></cp:coreProperties>'
    )
    hostile = _replace_part(
        default_template_bytes("samtykke_generel.docx"), "docProps/core.xml", laughs
    )
    err = refused(hostile)
    assert isinstance(err, TemplateError) and "DOCTYPE" in str(err)


def test_a_file_that_is_not_a_zip() -> None:
    err = refused(b"%PDF-1.7 not a word document")
    assert isinstance(err, TemplateNotFoundError)


def test_zip_bomb_is_refused_before_inflating() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        chunk = b"\0" * (16 * 1024 * 1024)
        with zf.open("word/media/bomb.bin", "w", force_zip64=True) as fh:
            for _ in range(14):  # 224 MB unpacked, a few hundred KB packed
                fh.write(chunk)
    bomb = out.getvalue()
    assert len(bomb) < 2 * 1024 * 1024
    err = refused(bomb, seconds=5)
    assert "zip-bombe" in str(err)


def test_zip_without_a_document_part() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    assert isinstance(refused(out.getvalue()), TemplateNotFoundError)
