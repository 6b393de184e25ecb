"""Fill a fillable note form's content controls as Word does, with lxml.

What Word does when a caseworker fills a control, and what :func:`fill` does the same way:

* typing into a control showing its placeholder removes ``w:showingPlcHdr`` and replaces the
  content with one run in the control's run properties (``w:sdtPr/w:rPr``); a line break in a
  multi-line text control is a ``w:br``, a tab a ``w:tab``;
* picking a date sets ``w:date/@w:fullDate`` (``YYYY-MM-DDT00:00:00Z``) and the text in the
  picker's format;
* ticking a check box sets ``w14:checked`` and the glyph (☒/☐);
* choosing from a drop-down list puts the item's display text in;
* "+" on a repeating section item copies the item after it, each control with a new ``w:id``
  and the copy's content as it was (then filled).

Values are given as the form's data (JSON): :func:`fill` types each fillable field's value into
its control(s), adding repeated items for a list's items.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import zipfile
from typing import Any

from lxml import etree

from samarbejdsdok.formatting import dato, dato_kort, dato_lang
from samarbejdsdok.introspect import LIST_ITEM, field_map

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_ids = itertools.count(700_000_000)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def tag_of(sdt: etree._Element) -> str:
    t = sdt.find(f"{w('sdtPr')}/{w('tag')}")
    return "" if t is None else t.get(w("val"), "")


def _pr(sdt: etree._Element) -> etree._Element:
    pr = sdt.find(w("sdtPr"))
    assert pr is not None
    return pr


def type_text(sdt: etree._Element, text: str) -> None:
    """Replace the control's content with ``text`` as Word does."""
    pr = _pr(sdt)
    for flag in pr.findall(w("showingPlcHdr")):
        pr.remove(flag)
    content = sdt.find(w("sdtContent"))
    assert content is not None
    for child in list(content):
        content.remove(child)
    r = etree.SubElement(content, w("r"))
    rpr = pr.find(w("rPr"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, w("br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, w("tab"))
            if piece:
                t = etree.SubElement(r, w("t"))
                t.text = piece
                t.set(XML_SPACE, "preserve")


def tick(sdt: etree._Element, on: bool) -> None:
    box = _pr(sdt).find(f"{{{W14}}}checkbox/{{{W14}}}checked")
    assert box is not None
    box.set(f"{{{W14}}}val", "1" if on else "0")
    t = next(sdt.find(w("sdtContent")).iter(w("t")))  # type: ignore[union-attr]
    t.text = "\u2612" if on else "\u2610"


def pick_date(sdt: etree._Element, value: dt.date) -> None:
    date = _pr(sdt).find(w("date"))
    assert date is not None
    date.set(w("fullDate"), f"{value.isoformat()}T00:00:00Z")
    pattern = date.find(w("dateFormat")).get(w("val"))  # type: ignore[union-attr]
    shown = {"dddd 'den' d. MMMM yyyy": dato_lang, "dd.MM.yyyy": dato_kort}.get(pattern, dato)
    type_text(sdt, shown(value))


def add_item(item: etree._Element) -> etree._Element:
    """Word's "+" on a repeating section item: a copy after it, with new ids."""
    new = copy.deepcopy(item)
    for sdt_id in new.iter(w("id")):
        sdt_id.set(w("val"), str(next(_ids)))
    item.addnext(new)
    return new


def controls(root: etree._Element, tag: str) -> list[etree._Element]:
    return [s for s in root.iter(w("sdt")) if tag_of(s) == tag]


def _typed(kind: str, value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "time":
        return str(value)[:5].replace(":", ".")
    return str(value)


def _fill_one(sdt: etree._Element, f: Any, value: Any, answer: str | None) -> None:
    pr = _pr(sdt)
    if pr.find(f"{{{W14}}}checkbox") is not None:
        if answer is None:
            tick(sdt, bool(value))
        elif f.kind == "bool":
            tick(sdt, value is not None and value == (answer == "ja"))
        else:
            tick(sdt, value == answer)
    elif value is None or value == []:
        return
    elif pr.find(w("date")) is not None:
        pick_date(sdt, dt.date.fromisoformat(str(value)))
    else:
        type_text(sdt, _typed(f.kind, value))


def _fill_scope(scope: etree._Element, model: Any, data: dict[str, Any], prefix: str) -> None:
    fields = field_map(model)
    for sdt in list(scope.iter(w("sdt"))):
        tag = tag_of(sdt)
        base, _, answer = tag.partition("=")
        if not base.startswith(prefix) or base not in fields:
            continue
        rest = base[len(prefix) :]
        if LIST_ITEM in rest:
            continue  # an item's control: filled with its item
        f = fields[base]
        if f.kind == "list" and f.item == "model":
            continue
        node: Any = data
        for part in rest.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        _fill_one(sdt, f, node, answer or None)


def fill(docx: bytes, model: Any, data: dict[str, Any]) -> bytes:
    """``docx`` with every control filled with ``data``'s value for it, as Word does."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    _fill_scope(root, model, data, "")
    fields = field_map(model)
    for section in [
        s for s in root.iter(w("sdt")) if _pr(s).find(f"{{{W15}}}repeatingSection") is not None
    ]:
        group = tag_of(section)
        node: Any = data
        for part in group.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        items = list(node or [])
        content = section.find(w("sdtContent"))
        assert content is not None
        existing = [s for s in content if s.tag == w("sdt")]
        while len(existing) < len(items):
            existing.append(add_item(existing[-1]))
        for item_sdt, value in zip(existing, items, strict=False):
            for sdt in item_sdt.iter(w("sdt")):
                base, _, answer = tag_of(sdt).partition("=")
                if base.startswith(group + LIST_ITEM + "."):
                    name = base[len(group + LIST_ITEM) + 1 :]
                    _fill_one(sdt, fields[base], value.get(name), answer or None)
    parts["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def edit(docx: bytes, change: Any) -> bytes:
    """``docx`` with ``change(root)`` applied to its main document part."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()
