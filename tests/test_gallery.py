"""docs/gallery.md (written by `tools/gallery.py`) shows every shipped form, and the script's
core renders, converts and pictures forms with LibreOffice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, require_soffice

from tools.gallery import (
    PAGE,
    VARIANTS,
    Document,
    listed_pages,
    make,
    page_text,
    shipped_forms,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_gallery_lists_every_form_in_catalogue_order_with_its_pictures() -> None:
    text = PAGE.read_text(encoding="utf-8")
    names = [s.name for s in shipped_forms()]
    pages = listed_pages(text)
    assert list(pages) == names, "run python tools/gallery.py"
    assert re.findall(r"^## \S+ `(\w+)`", text, flags=re.MULTILINE) == names
    for spec in shipped_forms():
        assert f"## {spec.code} `{spec.name}`: {spec.title}" in text
        assert all(n > 0 for n in pages[spec.name])
        for variant in VARIANTS:
            src = f"img/gallery/{spec.name}-{variant}.png"
            assert f'src="{src}"' in text
            png = ROOT / "docs" / src
            assert png.read_bytes()[:8] == PNG_SIGNATURE, png
            assert png.stat().st_size <= 60_000, f"{png.name}: keep the gallery's PNGs small"
    assert "python tools/gallery.py" in text


def test_page_counts_are_read_back_from_the_page() -> None:
    specs = shipped_forms()[:2]
    documents = [
        Document(s.name, v, pages, None)
        for s in specs
        for v, pages in zip(VARIANTS, (1, 12), strict=True)
    ]
    assert listed_pages(page_text(specs, documents)) == {s.name: (1, 12) for s in specs}


@pytest.mark.libreoffice
def test_gallery_core_pictures_two_forms(tmp_path: Path) -> None:
    require_soffice()
    specs = [s for s in shipped_forms() if s.name in ("flyer", "familieplan")]
    documents = make(specs, tmp_path / "work", tmp_path / "img")
    assert [(d.form, d.variant) for d in documents] == [
        (s.name, v) for s in specs for v in VARIANTS
    ]
    for d in documents:
        assert d.pages > 0
        assert d.png == tmp_path / "img" / f"{d.form}-{d.variant}.png"
        assert d.png.read_bytes()[:8] == PNG_SIGNATURE
        assert 0 < d.png.stat().st_size <= 60_000
    pages = {(d.form, d.variant): d.pages for d in documents}
    assert pages["familieplan", "maksimal"] > pages["familieplan", "eksempel"]
    assert set(listed_pages(page_text(specs, documents))) == {"flyer", "familieplan"}
