"""Parity: the fast engine makes the same document as plain docxtpl, feature by feature.

Every test builds a small template for one docxtpl feature (tests/parity_templates.py), renders
it with :func:`samarbejdsdok.engine.render_template` and with plain docxtpl called directly
with the same Jinja environment (the reference), and compares what a reader of the document
gets (tests/docx_structure.py): per templated part (body, every section's headers and footers,
footnotes) the text, style and formatting of every paragraph, every table's grid and cells, the
pictures; and the core properties. The fast path must have been taken (``engine == "fast"``)
without warnings.

Each test first checks the reference against values written out by hand, so the reference and
the extraction are known to be right before the engine is compared with them.

Left out on purpose, because docxtpl itself gets them wrong:

* a core property whose value has ``&``, ``<`` or ``>``: docxtpl renders properties with the
  autoescaping environment and python-docx escapes again, so a reader sees ``A &amp; B``;
* ``{_{``/``}_}`` inside a *value*: docxtpl un-escapes the whole rendered part, values too;
* footnotes in a document with several sections: docxtpl renders the footnotes once per
  section, so a value holding ``{{ ... }}`` is evaluated the second time;
* ``&amp;`` written inside a tag (docxtpl only turns ``&lt;``/``&gt;`` back into ``<``/``>``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import parity_templates as T
import pytest
from docx.shared import Mm
from docx_structure import (
    Package,
    body_tables,
    core_properties,
    docpr_ids,
    grid_columns,
    row_width_in_columns,
    structure,
    texts,
)
from docxtpl import DocxTemplate, InlineImage, Listing, RichText, RichTextParagraph
from ooxml import assert_valid_docx

from samarbejdsdok.engine import environment, render_template

TESTS = Path(__file__).resolve().parent

Context = Mapping[str, Any] | Callable[[Any], Mapping[str, Any]]
"""A context, or a function of the docxtpl template giving it (for ``InlineImage``, which
docxtpl needs to be made with its template; the engine gets ``InlineImage(None, ...)``)."""


# --- rendering both ways and comparing --------------------------------------------------------


@cache
def reference_environment() -> Any:
    """Our environment, except that docxtpl's ``InlineImage`` is left to docxtpl.

    Our finalize places an ``InlineImage`` itself (the engine's pictures); in the reference
    docxtpl must do that, as it does with a finalize that passes the value through.
    """
    env = environment()
    ours = env.finalize

    def finalize(value: Any) -> Any:
        if isinstance(value, InlineImage):
            return value  # autoescape then prints InlineImage.__html__(): docxtpl's drawing
        return value if ours is None else ours(value)

    return env.overlay(finalize=finalize)


def _context(context: Context, tpl: Any) -> dict[str, Any]:
    return dict(context(tpl) if callable(context) else context)


def render_reference(template: bytes, context: Context) -> bytes:
    """Plain docxtpl with our environment: the document the engine must match."""
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(_context(context, tpl), jinja_env=reference_environment())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render_fast(template: bytes | Path, context: Context) -> bytes:
    """The engine; it must take the fast path and have nothing to warn about."""
    doc = render_template(template, _context(context, None))
    assert isinstance(doc, bytes)
    assert doc.engine == "fast", f"fell back to docxtpl: {doc.warnings}"
    assert doc.warnings == ()
    assert_valid_docx(doc)
    return doc


def assert_same_document(fast: bytes, reference: bytes) -> None:
    """Same parts, and per part the same paragraphs (text, style, formatting), tables and
    pictures; the same core properties."""
    got, want = structure(fast), structure(reference)
    assert sorted(got["parts"]) == sorted(want["parts"]), "different templated parts"
    for label, part in want["parts"].items():
        mine = got["parts"][label]
        assert mine["paragraphs"] == part["paragraphs"], f"text of {label}"
        assert mine["styles"] == part["styles"], f"paragraph styles of {label}"
        assert mine["segments"] == part["segments"], f"run formatting of {label}"
        assert len(mine["tables"]) == len(part["tables"]), f"number of tables in {label}"
        for i, (table, expected) in enumerate(
            zip(mine["tables"], part["tables"], strict=False), start=1
        ):
            assert table["grid"] == expected["grid"], f"grid of table {i} in {label}"
            assert table["rows"] == expected["rows"], f"cells of table {i} in {label}"
        assert mine["pictures"] == part["pictures"], f"pictures of {label}"
    assert got["core"] == want["core"], "core properties"


def assert_parity(template: bytes, context: Context, reference: bytes | None = None) -> bytes:
    """Render with the engine and compare with the reference; return the engine's document."""
    if reference is None:
        reference = render_reference(template, context)
    fast = render_fast(template, context)
    assert_same_document(fast, reference)
    return fast


def picture(tpl: Any, width_mm: int = 20, size: tuple[int, int] = (4, 2)) -> InlineImage:
    return InlineImage(tpl, io.BytesIO(T.png(*size)), width=Mm(width_mm))


# --- the reference and the comparison themselves -----------------------------------------------


def test_reference_rendered_twice_is_the_same_document() -> None:
    template = T.determinism_template()
    first = render_reference(template, T.determinism_context)
    second = render_reference(template, T.determinism_context)
    assert_same_document(first, second)


def test_comparison_sees_a_difference() -> None:
    template = T.p_if_and_for()
    context = {"vis": True, "skjul": False, "navn": "Anna", "liste": ["a"]}
    reference = render_reference(template, context)
    other = render_reference(template, {**context, "navn": "Anne"})
    with pytest.raises(AssertionError, match="text of body"):
        assert_same_document(other, reference)


# --- paragraphs, rows, columns, runs ----------------------------------------------------------


def test_p_if_and_p_for() -> None:
    template = T.p_if_and_for()
    context = {"vis": True, "skjul": False, "navn": "Anna", "liste": ["a", "b"]}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["Før", "Synlig: Anna", "Punkt a", "Punkt b", "Efter"]
    assert_parity(template, context, reference)


def test_r_if() -> None:
    template = T.r_if()
    context = {"vis": True, "skjul": False}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["Før med efter", "Før  efter", "A fed B"]
    assert_parity(template, context, reference)


def test_tr_for() -> None:
    template = T.tr_for()
    context = {"rader": [{"navn": "Anna", "alder": 7}, {"navn": "Bo & Co", "alder": 2.5}]}
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    assert [[c["text"] for c in row] for row in table["rows"]] == [
        ["Navn", "Alder"],
        ["Anna", "7"],
        ["Bo & Co", "2,5"],
        ["I alt", "2"],
    ]
    assert_parity(template, context, reference)


@pytest.mark.parametrize(
    "kolonner",
    [[], ["x"], ["x", "y", "z"], list("abcdef")],
    ids=["no-columns", "fewer-columns", "as-many-columns", "more-columns"],
)
def test_tc_for_grid_follows_the_columns(kolonner: list[str]) -> None:
    template = T.tc_for(widths=(1500, 1000, 2500, 1000))
    context = {"kolonner": kolonner}
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    assert grid_columns(table) == 1 + len(kolonner)
    assert all(row_width_in_columns(row) == 1 + len(kolonner) for row in table["rows"])
    if kolonner == ["x"]:
        # docxtpl drops the last two columns and shares their width out: 1500+1750, 1000+1750
        assert table["grid"] == ["3250", "2750"]
    if len(kolonner) == 6:
        # docxtpl scales the old columns to keep the table's width and adds average ones
        assert table["grid"] == ["857", "571", "1428", "571", "857", "857", "857"]
    assert_parity(template, context, reference)


# --- merged and shaded cells --------------------------------------------------------------------


def test_vm_in_tr_for() -> None:
    template = T.vm_in_tr_for()
    context = {"gruppe": "Familien", "medlemmer": ["Mor", "Far", "Barn"]}
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    assert [(r[0]["vMerge"], r[0]["text"], r[1]["text"]) for r in table["rows"][1:]] == [
        ("restart", "Familien", "Mor"),
        ("continue", "", "Far"),
        ("continue", "", "Barn"),
    ]
    assert_parity(template, context, reference)


def test_hm_in_tc_for() -> None:
    template = T.hm_in_tc_for()
    context = {"titel": "Uge 1", "kolonner": ["ma", "ti", "on", "to"]}
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    header, cells = table["rows"]
    assert [(c["gridSpan"], c["text"]) for c in header] == [("4", "Overskrift Uge 1")]
    assert [c["text"] for c in cells] == ["ma", "ti", "on", "to"]
    assert table["grid"] == ["750", "2250", "750", "1250"]  # 3 columns of 5000 become 4
    assert_parity(template, context, reference)


def test_cellbg() -> None:
    template = T.cellbg()
    context = {
        "rader": [
            {"navn": "A", "farve": "FF0000", "status": "rød"},
            {"navn": "B", "farve": "00FF00", "status": "grøn"},
        ]
    }
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    assert [(c["fill"], c["text"]) for row in table["rows"][1:] for c in row] == [
        (None, "A"),
        ("FF0000", "rød"),
        (None, "B"),
        ("00FF00", "grøn"),
    ]
    assert_parity(template, context, reference)


def test_colspan() -> None:
    template = T.colspan()
    context = {"spand": 3, "tekst": "hele rækken"}
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    assert [[(c["gridSpan"], c["text"]) for c in row] for row in table["rows"][1:]] == [
        [("3", "hele rækken")],
        [("2", "to"), (None, "tre")],
    ]
    assert table["grid"] == ["2000", "2000", "2000"]
    assert_parity(template, context, reference)


# --- comments and escapes ---------------------------------------------------------------------


def test_comments_inline_p_tr_and_tc() -> None:
    template = T.comments()
    context = {"navn": "Anna"}
    reference = render_reference(template, context)
    assert texts(reference)["body"][:2] == ["Før efter", "Mellem"]
    rows_removed, column_removed = body_tables(reference)
    assert [[c["text"] for c in row] for row in rows_removed["rows"]] == [["a", "b"], ["c", "d"]]
    assert [[c["text"] for c in row] for row in column_removed["rows"]] == [
        ["a", "c"],
        ["Anna", "f"],
    ]
    # the {#tc column is gone from the grid; its width is shared by the others
    assert column_removed["grid"] == ["3500", "2500"]
    assert_parity(template, context, reference)


def test_escapes_print_tags_literally() -> None:
    template = T.escapes()
    context = {"navn": "Anna"}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["Skriv {{ x }} og {% y %} her", "Anna {{ navn }}"]
    assert_parity(template, context, reference)


# --- docxtpl's own value classes --------------------------------------------------------------


def _rich_text() -> RichText:
    rt = RichText("fed", bold=True)
    rt.add(" rød & <blå>", color="FF0000")
    rt.add(" kursiv", italic=True, underline=True)
    return rt


def test_richtext() -> None:
    template = T.richtext()
    context = {"rt": _rich_text(), "tom": RichText()}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["Før fed rød & <blå> kursiv efter", "Intet: slut"]
    bold, red = (None, True, False, False, None), (None, False, False, False, "FF0000")
    segments = structure(reference)["parts"]["body"]["segments"][0]
    assert (bold, "fed") in segments and (red, " rød & <blå>") in segments
    assert_parity(template, context, reference)


def test_richtext_paragraph() -> None:
    rtp = RichTextParagraph()
    rtp.add(RichText("Overskrift", bold=True), parastyle="Heading1")
    rtp.add("Almindelig & <tekst>")
    template = T.richtext_paragraph()
    context = {"rtp": rtp}
    reference = render_reference(template, context)
    body = structure(reference)["parts"]["body"]
    assert body["paragraphs"] == ["Før", "Overskrift", "Almindelig & <tekst>", "Efter"]
    assert body["styles"] == [None, "Heading1", None, None]
    assert_parity(template, context, reference)


def test_listing_breaks_tabs_paragraphs_and_pages() -> None:
    template = T.listing()
    context = {"lst": Listing("a & b\nc\td\ae\ff <g>")}
    reference = render_reference(template, context)
    body = structure(reference)["parts"]["body"]
    # \n is a line break, \t a tab, \a a new paragraph like this one, \f a page break in a
    # paragraph of its own followed by a new paragraph like this one
    assert body["paragraphs"] == ["Start", "Liste: a & b\nc\td", "e", "\f", "f <g> slut", "Ende"]
    assert body["styles"] == [None, "Quote", "Quote", None, "Quote", None]
    bold = (None, True, False, False, None)
    assert body["segments"][2] == [(bold, "e")]  # the new paragraph keeps the run's bold
    assert_parity(template, context, reference)


# --- pictures ---------------------------------------------------------------------------------


def test_inline_image_in_body() -> None:
    template = T.inline_image_body()

    def context(tpl: Any) -> dict[str, Any]:
        return {"billede": picture(tpl)}

    reference = render_reference(template, context)
    pics = structure(reference)["parts"]["body"]["pictures"]
    assert [p["extent"] for p in pics] == [("720000", "360000")] * 2  # 20 mm wide, 2:1
    assert len({m for p in pics for m in p["media"]}) == 1
    assert_parity(template, context, reference)


def test_pictures_in_header_and_footer() -> None:
    template = T.header_footer_pictures()

    def context(tpl: Any) -> dict[str, Any]:
        return {"navn": "Anna", "logo": picture(tpl, 10, (3, 3))}

    reference = render_reference(template, context)
    parts = structure(reference)["parts"]
    for label in ("section1.header.default", "section1.footer.default"):
        # pictures() has checked each blip's relationship in the part's own .rels
        assert [p["extent"] for p in parts[label]["pictures"]] == [("360000", "360000")]
    assert parts["body"]["pictures"] == []
    assert_parity(template, context, reference)


# --- headers, footers, footnotes, properties --------------------------------------------------


def test_headers_and_footers_of_two_sections() -> None:
    template = T.headers_footers_two_sections()
    context = {"navn": "Anna", "by": "Odense", "tekst": "a & b\nc", "vis": True}
    reference = render_reference(template, context)
    assert texts(reference) == {
        "body": ["Afsnit 1: Anna", "", "Afsnit 2: Odense"],
        "section1.header.default": ["Hoved 1: Anna"],
        "section1.footer.default": ["Fod 1: Odense"],
        "section2.header.default": ["Hoved 2: ANNA"],
        "section2.footer.default": ["Fod 2: a & b\nc", "Betinget fod"],
    }
    assert_parity(template, context, reference)


def test_footnotes() -> None:
    template = T.footnotes()
    context = {"navn": "A & B <c>"}
    reference = render_reference(template, context)
    assert texts(reference)["footnotes"] == ["", "", " Note: A & B <c>"]
    assert_parity(template, context, reference)


def test_core_properties() -> None:
    template = T.core_properties()
    context = {"navn": "Anna Ørsted", "forfatter": "Bo Bæk", "emne": "Samtykke"}
    reference = render_reference(template, context)
    assert core_properties(reference) == {
        "title": "Anna Ørsted",
        "author": "Bo Bæk",
        "subject": "Emne: Samtykke",
    }
    assert_parity(template, context, reference)


# --- how Word stores tags ---------------------------------------------------------------------


def test_tag_split_across_runs() -> None:
    template = T.split_runs()
    context = {"navn": "Anna", "by": "Odense", "vis": True}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["Hej Anna!", "Odense", "ja"]
    assert_parity(template, context, reference)


def test_tr_tags_split_across_runs() -> None:
    template = T.split_tr_tags()
    context = {"rader": [{"navn": "Anna", "alder": 7}, {"navn": "Bo", "alder": 9}]}
    reference = render_reference(template, context)
    (table,) = body_tables(reference)
    assert [[c["text"] for c in row] for row in table["rows"]] == [
        ["Navn", "Alder"],
        ["Anna", "7"],
        ["Bo", "9"],
    ]
    assert_parity(template, context, reference)


def test_tag_syntax_as_word_writes_it() -> None:
    template = T.tag_syntax_as_word_writes_it()
    context = {"alder": 5, "navn": "Anna"}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["stor", "Hej Anna", "Anna!"]
    assert_parity(template, context, reference)


def test_variable_named_p_is_not_a_paragraph_tag() -> None:
    template = T.variable_named_p()
    context = {"p": "pæn", "r": "rund"}
    reference = render_reference(template, context)
    assert texts(reference)["body"] == ["Værdi: pæn", "pæn", "Og rund også"]
    assert_parity(template, context, reference)


# --- values -----------------------------------------------------------------------------------


def test_values_with_markup_characters_line_breaks_and_tabs() -> None:
    tekst = "A & B <c> \"citat\" 'enkelt'\nlinje 2\tfane"
    template = T.special_values()
    context = {"tekst": tekst, "tal": 1234.5, "dato": dt.date(2025, 3, 1)}
    reference = render_reference(template, context)
    got = texts(reference)
    assert got["body"] == [f"Tekst: {tekst}", tekst, "Celle", tekst]
    assert got["section1.header.default"] == [f"Hoved {tekst}"]
    assert got["section1.footer.default"] == ["1.234,5 og 1. marts 2025"]
    assert_parity(template, context, reference)


def test_template_given_as_path(tmp_path: Path) -> None:
    template = T.p_if_and_for()
    path = tmp_path / "skabelon.docx"
    path.write_bytes(template)
    context = {"vis": False, "skjul": True, "navn": "Anna", "liste": []}
    assert_same_document(render_fast(path, context), render_reference(template, context))


# --- determinism and drawing ids --------------------------------------------------------------


def test_same_bytes_a_second_apart() -> None:
    template, context = T.determinism_case()
    first = render_fast(template, context)
    # Nothing may record the time (zip entry times, dcterms:modified): wait more than a second,
    # and past the next even second, as a zip entry's time goes in two-second steps.
    after = time.time()
    time.sleep(max(1.1, (int(after) // 2 + 1) * 2 - after + 0.05))
    template, context = T.determinism_case()
    assert render_fast(template, context) == first


_HASH_SCRIPT = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from parity_templates import determinism_case
from samarbejdsdok.engine import render_template
template, context = determinism_case()
sys.stdout.write(hashlib.sha256(render_template(template, context)).hexdigest())
"""


def test_same_bytes_whatever_the_hash_seed() -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _HASH_SCRIPT, str(TESTS)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2")
    ]
    hashes = []
    for proc in runs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        hashes.append(out.strip())
    template, context = T.determinism_case()
    here = hashlib.sha256(render_fast(template, context)).hexdigest()
    assert hashes == [here, here]


def test_drawing_ids_are_unique() -> None:
    template = T.images_in_loop_and_header()

    def context(tpl: Any) -> dict[str, Any]:
        return {"liste": [1, 2, 3], "billede": picture(tpl), "logo": picture(tpl, 10, (3, 3))}

    reference = render_reference(template, context)
    ids = docpr_ids(Package(reference))
    assert len(ids) == 4 and len(set(ids)) == 4
    fast = assert_parity(template, context, reference)
    ids = docpr_ids(Package(fast))
    assert len(ids) == 4 and len(set(ids)) == 4, ids
