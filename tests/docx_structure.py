"""Read a rendered .docx the way the parity tests compare it: per templated part the text of
every paragraph, the structure of every table, the pictures, the core properties.

Everything is keyed so that two renderings of one template can be compared even if a renderer
names its parts differently: the body is ``"body"``, a header or footer is named by the section
that uses it (``"section1.header.default"``), the footnotes are ``"footnotes"``. A picture's
media part is identified by its content (SHA-256), never by its name or relationship id.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"w": W, "r": R, "wp": WP, "a": A, "rel": PKG_RELS, "cp": CP, "dc": DC}

RT_OFFICE_DOCUMENT = R + "/officeDocument"
RT_FOOTNOTES = R + "/footnotes"
RT_IMAGE = R + "/image"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass(frozen=True)
class Rel:
    type: str
    target: str  # the part's name inside the zip (resolved), or the URL if external
    external: bool


class Package:
    """A .docx opened for reading: parts by name, parsed XML, resolved relationships."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert zf.testzip() is None, "corrupt zip member"
            self.parts: dict[str, bytes] = {name: zf.read(name) for name in zf.namelist()}
        self._xml: dict[str, Any] = {}

    def xml(self, name: str):
        if name not in self._xml:
            self._xml[name] = etree.fromstring(self.parts[name], _PARSER)
        return self._xml[name]

    def rels(self, name: str) -> dict[str, Rel]:
        """The relationships of part ``name`` (``""`` for the package's own), by id."""
        folder, base = posixpath.split(name)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.parts:
            return {}
        out = {}
        for rel in self.xml(rels_name).iterfind("rel:Relationship", NS):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target")
            if not external:
                if target.startswith("/"):
                    target = target[1:]
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id")] = Rel(rel.get("Type"), target, external)
        return out

    @cached_property
    def main(self) -> str:
        (name,) = [r.target for r in self.rels("").values() if r.type == RT_OFFICE_DOCUMENT]
        return name

    @cached_property
    def templated_parts(self) -> dict[str, str]:
        """Label -> part name for every part docxtpl renders: the body, each section's headers
        and footers (in section order, by reference type), the footnotes."""
        out = {"body": self.main}
        rels = self.rels(self.main)
        body = self.xml(self.main).find("w:body", NS)
        for i, sect in enumerate(body.iter(w("sectPr")), start=1):
            for ref in sect:
                kind = etree.QName(ref).localname
                if kind not in ("headerReference", "footerReference"):
                    continue
                label = f"section{i}.{kind[: -len('Reference')]}.{ref.get(w('type'))}"
                out[label] = rels[ref.get(f"{{{R}}}id")].target
        footnotes = [r.target for r in rels.values() if r.type == RT_FOOTNOTES]
        if footnotes:
            out["footnotes"] = footnotes[0]
        return out


# --- text -----------------------------------------------------------------------------------


def _own(el, p) -> bool:
    """Whether ``el`` belongs to paragraph ``p`` itself (not to a paragraph nested in it, such
    as a text box's)."""
    parent = el.getparent()
    while parent is not None and parent.tag != w("p"):
        parent = parent.getparent()
    return parent is p


def run_text(r) -> str:
    """A run's text: ``w:tab`` as a tab, ``w:br``/``w:cr`` as ``\\n``, a page break as ``\\f``."""
    out = []
    for el in r:
        if el.tag == w("t"):
            out.append(el.text or "")
        elif el.tag == w("tab"):
            out.append("\t")
        elif el.tag == w("br"):
            out.append("\f" if el.get(w("type")) == "page" else "\n")
        elif el.tag == w("cr"):
            out.append("\n")
    return "".join(out)


def own_runs(p) -> list:
    """The runs of a paragraph (those inside hyperlinks and the like included)."""
    return [r for r in p.iter(w("r")) if _own(r, p)]


def paragraph_text(p) -> str:
    """A paragraph's text as a reader sees it (tab stops and deleted text are not text)."""
    return "".join(run_text(r) for r in own_runs(p))


def paragraph_style(p) -> str | None:
    style = p.find("w:pPr/w:pStyle", NS)
    return None if style is None else style.get(w("val"))


def paragraphs(root) -> list[str]:
    """The text of every paragraph of a part, in document order (table cells included)."""
    return [paragraph_text(p) for p in root.iter(w("p"))]


def _on(rpr, tag: str) -> bool:
    el = None if rpr is None else rpr.find(f"w:{tag}", NS)
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "none")


def formatted_segments(p) -> list[tuple[tuple, str]]:
    """A paragraph as (formatting, text) pieces: formatting is (character style, bold, italic,
    underline, colour) of the run; runs without text are left out and neighbours formatted
    alike joined, so how a renderer cuts text into runs does not matter, only what a reader
    sees."""
    out: list[tuple[tuple, str]] = []
    for r in own_runs(p):
        text = run_text(r)
        if not text:
            continue
        rpr = r.find("w:rPr", NS)
        style = None if rpr is None else rpr.find("w:rStyle", NS)
        color = None if rpr is None else rpr.find("w:color", NS)
        fmt = (
            None if style is None else style.get(w("val")),
            _on(rpr, "b"),
            _on(rpr, "i"),
            _on(rpr, "u"),
            None if color is None else color.get(w("val")).upper(),
        )
        if out and out[-1][0] == fmt:
            out[-1] = (fmt, out[-1][1] + text)
        else:
            out.append((fmt, text))
    return out


# --- tables ---------------------------------------------------------------------------------


def tables(root) -> list[dict[str, Any]]:
    """Every table of a part (nested ones too, in document order): the grid's column widths,
    and per row per cell its width (``tcW``), ``gridSpan``, ``vMerge`` value, shading fill and
    text."""
    out = []
    for tbl in root.iter(w("tbl")):
        grid = [col.get(w("w")) for col in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
        rows = []
        for tr in tbl.iterfind("w:tr", NS):
            cells = []
            for tc in tr.iterfind("w:tc", NS):
                width = tc.find("w:tcPr/w:tcW", NS)
                span = tc.find("w:tcPr/w:gridSpan", NS)
                vmerge = tc.find("w:tcPr/w:vMerge", NS)
                shd = tc.find("w:tcPr/w:shd", NS)
                cells.append(
                    {
                        "tcW": None if width is None else width.get(w("w")),
                        "gridSpan": None if span is None else span.get(w("val")),
                        # <w:vMerge/> without a value means "continue"
                        "vMerge": None if vmerge is None else vmerge.get(w("val"), "continue"),
                        "fill": None if shd is None else shd.get(w("fill")),
                        "text": "\n".join(paragraph_text(p) for p in tc.iterfind("w:p", NS)),
                    }
                )
            rows.append(cells)
        out.append({"grid": grid, "rows": rows})
    return out


def grid_columns(table: dict[str, Any]) -> int:
    return len(table["grid"])


def row_width_in_columns(row: list[dict[str, Any]]) -> int:
    return sum(int(c["gridSpan"] or 1) for c in row)


# --- pictures, drawing ids ------------------------------------------------------------------


def pictures(pkg: Package, part: str) -> list[dict[str, Any]]:
    """Every drawing of a part: inline or anchored, its extent, and the SHA-256 of the media
    part each ``a:blip`` points at. Fails if a blip's relationship is missing, is not an image
    relationship, or points at a part the package does not have."""
    rels = pkg.rels(part)
    out = []
    for drawing in pkg.xml(part).iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
        extent = drawing.find("wp:extent", NS)
        media = []
        for blip in drawing.iter(f"{{{A}}}blip"):
            rid = blip.get(f"{{{R}}}embed")
            assert rid in rels, f"{part}: a:blip r:embed={rid} has no relationship"
            rel = rels[rid]
            assert rel.type == RT_IMAGE and not rel.external, f"{part}: {rid} is {rel}"
            assert rel.target in pkg.parts, f"{part}: {rid} -> missing part {rel.target}"
            media.append(hashlib.sha256(pkg.parts[rel.target]).hexdigest())
        out.append(
            {
                "kind": etree.QName(drawing).localname,
                "extent": (extent.get("cx"), extent.get("cy")),
                "media": media,
            }
        )
    return out


def docpr_ids(pkg: Package) -> list[str]:
    """Every ``wp:docPr/@id`` in every XML part of the package."""
    ids = []
    for name in sorted(pkg.parts):
        if name.endswith(".xml") and b"docPr" in pkg.parts[name]:
            ids.extend(el.get("id") for el in pkg.xml(name).iter(f"{{{WP}}}docPr"))
    return ids


# --- everything at once ---------------------------------------------------------------------


def core_properties(data: bytes) -> dict[str, str]:
    """Title, author and subject as a reader (python-docx, Word) sees them."""
    from docx import Document

    props = Document(io.BytesIO(data)).core_properties
    return {"title": props.title, "author": props.author, "subject": props.subject}


def structure(data: bytes) -> dict[str, Any]:
    """What the parity tests compare, per templated part (see the module's docstring)."""
    pkg = Package(data)
    parts = {}
    for label, name in pkg.templated_parts.items():
        root = pkg.xml(name)
        ps = list(root.iter(w("p")))
        parts[label] = {
            "paragraphs": [paragraph_text(p) for p in ps],
            "styles": [paragraph_style(p) for p in ps],
            "segments": [formatted_segments(p) for p in ps],
            "tables": tables(root),
            "pictures": pictures(pkg, name),
        }
    return {"parts": parts, "core": core_properties(data)}


def texts(data: bytes) -> dict[str, list[str]]:
    """Label -> paragraph texts, for hand-written expectations."""
    pkg = Package(data)
    return {label: paragraphs(pkg.xml(name)) for label, name in pkg.templated_parts.items()}


def body_tables(data: bytes) -> list[dict[str, Any]]:
    pkg = Package(data)
    return tables(pkg.xml(pkg.main))
