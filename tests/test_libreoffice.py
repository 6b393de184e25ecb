"""A real client: every form's rendered example opens in LibreOffice and converts to a PDF
whose text holds the document's values. CI installs LibreOffice and sets
SAMARBEJDSDOK_REQUIRE_LIBREOFFICE=1, so there a missing soffice fails instead of skipping."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import docx_to_pdf_text, printed_values, shown

from samarbejdsdok import render
from samarbejdsdok.forms import all_forms

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory) -> dict[str, tuple[str, list[str]]]:
    out = tmp_path_factory.mktemp("lo")
    paths, values = [], {}
    for spec in all_forms():
        model = spec.example_model()
        path = out / f"{spec.name}.docx"
        render(model, path)
        paths.append(path)
        values[spec.name] = printed_values(model)
    texts = docx_to_pdf_text(paths, out)
    return {p.stem: (texts[p], values[p.stem]) for p in paths}


@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_pdf_holds_the_documents_values(pdf_texts, spec) -> None:
    text, values = pdf_texts[spec.name]
    flat = " ".join(text.split())
    assert spec.title.split(" (")[0].split(" –")[0].split()[0] in flat
    # Short values cannot wrap across table lines, so each must appear whole.
    short = [v for v in values if len(v) <= 24 and "\n" not in v]
    assert short, "the example has no short values to look for"
    missing = [v for v in short if not shown(v, flat)]
    assert not missing, f"not in the PDF of {spec.name}: {missing}"
    assert "{{" not in text and "{%" not in text
