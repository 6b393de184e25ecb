"""Helpers that build the shipped Word templates with python-docx.

Every template is made by a script in ``tools/templates/<form>.py`` calling these helpers, so the
templates can be reviewed as code and made again (``python tools/build_templates.py``). Each
placeholder is written into a single run, which is what docxtpl needs to read it.

What every template gets from here: document language da-DK, real Heading styles, table header
rows that repeat on every page (list and label-value rows may split across pages, so a long
free text leaves no page half blank), a footer with the sender and page
numbers, and fixed core properties (so a rebuild gives the same XML).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

FIXED_DATE = dt.datetime(2026, 1, 1, 0, 0, 0)
HEADER_FILL = "D9E2F3"
MUTED = RGBColor(0x59, 0x59, 0x59)


def new_document(title: str) -> DocumentObject:
    """A blank A4 document in Danish with the house styles."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 11)):
        style = styles[f"Heading {level}"]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x68)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title_style = styles["Title"]
    title_style.font.name = "Calibri"
    title_style.font.size = Pt(22)
    title_style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x68)
    # The document's title is its level-1 heading (sections are level 2 and below): Word's
    # navigation and LibreOffice's tagged PDF (H1, the first bookmark) see it as one.
    _outline_level(title_style, 0)

    _set_language(doc, "da-DK")
    # python-docx's default settings have <w:zoom w:val="bestFit"/>; the schema requires the
    # percentage too (Word tolerates it missing, a strict validator does not).
    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")

    props = doc.core_properties
    props.title = title
    props.language = "da-DK"
    props.author = "samarbejdsdok"
    props.last_modified_by = "samarbejdsdok"
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1
    return doc


# Children that come after the one being added, in the order of the ECMA-376 schema (a
# property element is valid only in its place: `insert_element_before` keeps that order where
# `append` would break it as soon as a later sibling exists).
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")
_TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_TCPR_AFTER_SHD = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)


def _outline_level(style: Any, level: int) -> None:
    """Give a paragraph style an outline level (0 is a level-1 heading), in its schema place."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    ppr.insert_element_before(lvl, *_PPR_AFTER_OUTLINE)
    return None


def _set_language(doc: DocumentObject, lang: str) -> None:
    """Set the proofing language of the document defaults and of every style."""
    styles_el = doc.styles.element
    doc_defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.insert_element_before(lang_el, *_RPR_AFTER_LANG)
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), lang)
    lang_el.set(qn("w:bidi"), "ar-SA")
    for el in styles_el.iter(qn("w:lang")):
        el.set(qn("w:val"), lang)


def footer(doc: DocumentObject, text: str) -> None:
    """A footer: ``text`` on the left, ``Side N af M`` on the right."""
    section = doc.sections[0]
    par = section.footer.paragraphs[0]
    par.text = ""
    run = par.add_run(text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = MUTED
    par.add_run("\t")
    for piece in ("Side ", "PAGE", " af ", "NUMPAGES"):
        if piece in ("PAGE", "NUMPAGES"):
            _field(par, piece)
        else:
            r = par.add_run(piece)
            r.font.size = Pt(8.5)
            r.font.color.rgb = MUTED
    tabs = par.paragraph_format.tab_stops
    # The Footer style has a centre stop at 3.25"; clear it so the page number goes right.
    tabs.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)


def _field(par: Paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "17")
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    par._p.append(fld)


def title(doc: DocumentObject, text: str) -> Paragraph:
    return doc.add_paragraph(text, style="Title")


def heading(doc: DocumentObject, text: str, level: int = 1) -> Paragraph:
    return doc.add_heading(text, level=level)


def para(
    doc: DocumentObject,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    muted: bool = False,
    style: str | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph whose text (placeholders included) is a single run."""
    p = doc.add_paragraph(style=style)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    if text:
        run = p.add_run(text)
        if bold:
            run.bold = True
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if muted:
            run.font.color.rgb = MUTED
    return p


def rich(doc: DocumentObject, *parts: tuple[str, str], style: str | None = None) -> Paragraph:
    """A paragraph of several runs: ``("b", "Label: "), ("", "{{ value }}")``.

    Flags per run: ``b`` bold, ``i`` italic, ``m`` muted.
    """
    p = doc.add_paragraph(style=style)
    for flags, text in parts:
        run = p.add_run(text)
        if "b" in flags:
            run.bold = True
        run.italic = "i" in flags
        if "m" in flags:
            run.font.color.rgb = MUTED
    return p


def bullet(doc: DocumentObject, text: str) -> Paragraph:
    return doc.add_paragraph(text, style="List Bullet")


def control(doc: DocumentObject, tag: str) -> Paragraph:
    """A paragraph holding only a docxtpl paragraph tag (``{%p if x %}``); it is removed when
    the document is rendered."""
    return doc.add_paragraph(tag)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.insert_element_before(shd, *_TCPR_AFTER_SHD)


TABLE_FONT_SIZE = 10


#: A cell that starts with a long date (``{{ dato|dato_lang }}``): the weekday it begins with
#: is written with a capital there (``Onsdag den 17. juni 2026``), as Danish starts a cell.
_CELL_STARTS_WITH_A_DATE = re.compile(
    r"^((?:\{%[^%]*%\})?)\{\{ ([^{}|]+)\|(dato_lang|dato_kl) \}\}"
)


def _cell_text(cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
    text = _CELL_STARTS_WITH_A_DATE.sub(r"\1{{ \2|\3|stort }}", text)
    par = cell.paragraphs[0]
    par.paragraph_format.space_after = Pt(0)
    run = par.add_run(text)
    if bold:  # leave it unset otherwise: no <w:b w:val="0"/> in every cell
        run.bold = True
    run.font.size = Pt(size or TABLE_FONT_SIZE)


def _new_table(doc: DocumentObject, cols: int, widths: Sequence[float] | None) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if widths:
        for i, w in enumerate(widths):
            table.columns[i].width = Cm(w)
    return table


def _apply_widths(table: Table, widths: Sequence[float] | None) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid, cells, fixed layout)."""
    if not widths:
        return
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Cm(w)


def loop_table(
    doc: DocumentObject,
    headers: Sequence[str],
    cells: Sequence[str],
    loop: str,
    *,
    empty: str | None = None,
    widths: Sequence[float] | None = None,
    size: float | None = None,
) -> Table:
    """A table with a repeating header row and one row per item of a list.

    Args:
        headers: the column headings (the paper form's words).
        cells: one placeholder per column, e.g. ``"{{ a.indhold }}"``.
        loop: the loop head, e.g. ``"a in aftaler"``.
        empty: text shown in one merged row when the list is empty.
    """
    table = _new_table(doc, len(headers), widths)
    head = table.add_row()
    _repeat_header(head)
    for cell, text in zip(head.cells, headers, strict=False):
        _cell_text(cell, text, bold=True, size=size)
        _shade(cell, HEADER_FILL)
    _control_row(table, f"{{%tr for {loop} %}}")
    row = table.add_row()
    # A row may split across pages: a row holding long free text would otherwise leave the
    # rest of a page blank, or (longer than a page) be cut off. The header row repeats.
    for cell, text in zip(row.cells, cells, strict=False):
        _cell_text(cell, text, size=size)
    if empty:
        _control_row(table, "{%tr else %}")
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        _cell_text(merged, empty, size=size)
        merged.paragraphs[0].runs[0].italic = True
    _control_row(table, "{%tr endfor %}")
    _apply_widths(table, widths)
    doc.add_paragraph()
    return table


def _control_row(table: Table, tag: str) -> None:
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run(tag)


def kv_table(
    doc: DocumentObject,
    rows: Sequence[tuple[str, str]],
    *,
    widths: Sequence[float] = (6.0, 10.6),
) -> Table:
    """A two-column table of label and value, the label column shaded."""
    table = _new_table(doc, 2, widths)
    for label, value in rows:
        row = table.add_row()  # may split across pages: a value can be a long free text
        _cell_text(row.cells[0], label, bold=True)
        _shade(row.cells[0], HEADER_FILL)
        _cell_text(row.cells[1], value)
    _apply_widths(table, widths)
    doc.add_paragraph()
    return table


def box(doc: DocumentObject, heading_text: str, body: Sequence[str], *, minutes: str = "") -> Table:
    """A framed box: a shaded heading line and bullet-like lines below (the dialogue guides)."""
    table = _new_table(doc, 1, (16.6,))
    head = table.add_row()
    _cant_split(head)
    text = heading_text + (f" ({minutes})" if minutes else "")
    _cell_text(head.cells[0], text, bold=True)
    _shade(head.cells[0], HEADER_FILL)
    row = table.add_row()
    cell = row.cells[0]
    first = True
    for line in body:
        par = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        par.paragraph_format.space_after = Pt(1)
        par.add_run(line)
    # The box stays on one page: its heading with its body, and the body row unsplit.
    head.cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    _cant_split(row)
    _apply_widths(table, (16.6,))
    doc.add_paragraph()
    return table


def signature_lines(doc: DocumentObject, label: str, *, date: str = "") -> Table:
    """A signature block: the date (pre-filled when given) and a line to sign on, with
    ``Dato`` and ``label`` printed below."""
    widths = (5.0, 11.6)
    table = _new_table(doc, 2, widths)
    _no_borders(table)
    row = table.add_row()
    _cant_split(row)
    _cell_text(row.cells[0], "\n\n" + (date or "______________________"))
    _cell_text(row.cells[1], "\n\n__________________________________________")
    for cell in row.cells:  # the line and its caption stay on one page
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    row = table.add_row()
    _cant_split(row)
    _cell_text(row.cells[0], "Dato", size=9)
    _cell_text(row.cells[1], f"Underskrift: {label}", size=9)
    _apply_widths(table, widths)
    return table


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)


def right(par: Paragraph) -> Paragraph:
    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return par


def layout_columns(
    doc: DocumentObject, widths: Sequence[float], *, fills: Sequence[str | None] = ()
) -> list:
    """A borderless one-row table used as page columns (a flyer's text and its side panel);
    returns its cells, each starting with one empty paragraph. ``fills`` shades cells."""
    table = _new_table(doc, len(widths), widths)
    _no_borders(table)
    row = table.add_row()
    for cell, fill in zip(row.cells, fills, strict=False):
        if fill:
            _shade(cell, fill)
    _apply_widths(table, widths)
    return list(row.cells)


def banner(doc: DocumentObject, text: str, subtitle: str, *, fill: str = "1F3A68") -> Table:
    """A full-width shaded band with a large title in white and a subtitle below it."""
    table = _new_table(doc, 1, (16.6,))
    _no_borders(table)
    row = table.add_row()
    _cant_split(row)
    cell = row.cells[0]
    _shade(cell, fill)
    first = cell.paragraphs[0]
    first.paragraph_format.space_before = Pt(10)
    first.paragraph_format.space_after = Pt(2)
    run = first.add_run(text)
    run.bold = True
    run.font.size = Pt(26)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    second = cell.add_paragraph()
    second.paragraph_format.space_after = Pt(10)
    run = second.add_run(subtitle)
    run.font.size = Pt(14)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    _apply_widths(table, (16.6,))
    return table


def cell_para(
    cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    style: str | None = None,
    space_after: float = 3,
) -> Paragraph:
    """A paragraph at the end of a table cell (the cell's first, empty one is used first)."""
    first = cell.paragraphs[0]
    par = first if len(cell.paragraphs) == 1 and not first.text and not first.runs else None
    if par is None:
        par = cell.add_paragraph(style=style)
    elif style:
        par.style = cell.part.document.styles[style]
    par.paragraph_format.space_after = Pt(space_after)
    if text:
        run = par.add_run(text)
        if bold:
            run.bold = True
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour
    return par
