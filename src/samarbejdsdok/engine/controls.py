"""Word content controls (``w:sdt``): stand-ins that print where a value will be typed, the
controls written where they printed, and the controls read back from a filled document.

The engine knows nothing about forms here either. A caller puts a :class:`Marker` in the
context where a value will be typed later; the marker prints as a few private-use characters
that encode a number, passes through every filter unchanged (the environment sees to that,
recording the filter and its arguments: :meth:`Marker.through`), and is true in an ``if``. After
rendering, :func:`insert_controls` finds the printed markers in the main document part, asks the
caller what control each one becomes (:class:`ControlSpec`) and writes it in the marker's place,
with the marker's run formatting:

* ``text``: plain text (``w:text``, multi-line when the marker stands alone in its paragraph);
* ``date``: a date picker (``w:date`` with ``w:fullDate``, a date format and ``da-DK``);
* ``checkbox``: Word 2010's check box (``w14:checkbox``, ☒/☐ in MS Gothic);
* ``dropdown``: a drop-down list (``w:dropDownList``).

A control without a value shows its placeholder text (``w:showingPlcHdr``, in grey). Markers of
the items of a list (``group`` and ``item`` set) are wrapped, item by item, in Word 2013's
repeating section (``w15:repeatingSection`` holding a ``w15:repeatingSectionItem`` per item),
around the table row or the paragraphs the item printed; Word's "+" adds an item.
:func:`strip_markers` removes markers from the other parts (headers, footers).

:func:`read_controls` reads every control of a document back, in document order, as
:class:`FoundControl`: its tag, title, kind, text, whether it still shows its placeholder, the
check box's state, the date picker's date, and the repeating section and item it lies in.

>>> table = MarkerTable()
>>> m = table.marker("noter")
>>> table.pattern.fullmatch(m) is not None, table.uses[0].key
(True, 'noter')
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ..errors import ArgumentError
from .package import CONTENT_TYPES, Package, ZipWriter, parse_xml, rels_name

__all__ = [
    "Marker",
    "MarkerTable",
    "Use",
    "ControlSpec",
    "FoundControl",
    "insert_controls",
    "strip_markers",
    "read_controls",
    "W14",
    "W15",
    "add_custom_xml",
    "replace_parts",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_OPEN, _CLOSE, _DIGIT = "\ue000", "\ue001", 0xE010
_HEX = "[\ue010-\ue01f]"


def _hex(number: int, width: int = 1) -> str:
    return "".join(chr(_DIGIT + int(d, 16)) for d in f"{number:0{width}x}")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Use:
    """One printing of a marker: the caller's key, and the filter (with its arguments) the
    template passed it through, if any."""

    key: str
    filter: str | None = None
    args: tuple[Any, ...] = ()


class MarkerTable:
    """The markers of one render, numbered in the order they are made."""

    def __init__(self) -> None:
        self.uses: list[Use] = []
        #: A printed marker: a private-use opening character, this render's random salt and
        #: the marker's number in hexadecimal digits (private-use characters too), a closing
        #: one. A value that holds such characters (typed, or pasted) cannot pass for a
        #: marker: it would have to guess the salt.
        salt = _hex(secrets.randbits(32), 8)
        self.prefix = _OPEN + salt
        self.pattern = re.compile(f"{re.escape(self.prefix)}({_HEX}+){_CLOSE}")

    def marker(self, key: str) -> Marker:
        """A new marker that stands for ``key``."""
        return self._new(Use(key))

    def _new(self, use: Use) -> Marker:
        index = len(self.uses)
        self.uses.append(use)
        text = self.prefix + _hex(index) + _CLOSE
        return Marker(text, self, use.key)


class Marker(str):
    """A value to be typed later. It prints as itself, is true, and iterates as one item (a
    list field's one stand-in); a filter returns it as a new marker of the same key that
    remembers the filter (:meth:`through`)."""

    table: MarkerTable
    key: str

    def __new__(cls, text: str, table: MarkerTable, key: str) -> Marker:
        obj = super().__new__(cls, text)
        obj.table = table
        obj.key = key
        return obj

    def __iter__(self) -> Iterator[str]:
        yield self

    def through(self, name: str, args: tuple[Any, ...]) -> Marker:
        """This marker after the filter ``name`` with ``args`` (markers among them left out)."""
        kept = tuple(a for a in args if not isinstance(a, Marker))
        return self.table._new(Use(self.key, name, kept))


def marker_index(text: str) -> int:
    """The number a printed marker's digits encode."""
    return int("".join(f"{ord(c) - _DIGIT:x}" for c in text), 16)


@dataclass(frozen=True)
class ControlSpec:
    """The control a marker becomes.

    Attributes:
        tag: the control's ``w:tag`` (a field path); unique in the document, or in each item of
            a repeating section.
        title: its ``w:alias``, shown on the control in Word.
        kind: ``text``, ``date``, ``checkbox`` or ``dropdown``.
        placeholder: the grey text shown while the control is empty.
        text: the value already known, as it should read (empty: the placeholder shows).
        checked: a check box's state.
        date: a date picker's date.
        date_format: the picker's format (Word's pattern, ``d. MMMM yyyy``).
        choices: a drop-down list's items.
        multiline: a text control takes line breaks (None: when the marker stands alone in its
            paragraph).
        locked: the content cannot be edited (``sdtContentLocked``).
        group, group_title: the list a repeating item belongs to (its tag and title), or None.
        item: the item's position in that list.
    """

    tag: str
    title: str
    kind: str
    placeholder: str = ""
    text: str = ""
    checked: bool = False
    date: dt.date | None = None
    date_format: str = "d. MMMM yyyy"
    choices: tuple[str, ...] = ()
    multiline: bool | None = None
    locked: bool = False
    group: str | None = None
    group_title: str = ""
    item: int = 0


@dataclass
class _Placed:
    spec: ControlSpec
    sdt: etree._Element


@dataclass
class _State:
    next_id: int = 1
    placed: list[_Placed] = field(default_factory=list)
    seen: set[tuple[str | None, int, str]] = field(default_factory=set)

    def new_id(self) -> str:
        self.next_id += 1
        return str(0x5A000000 + self.next_id)


def _el(tag: str, attrs: dict[str, str] | None = None, ns: str = W) -> etree._Element:
    element = etree.Element(f"{{{ns}}}{tag}")
    for key, value in (attrs or {}).items():
        element.set(f"{{{ns}}}{key}", value)
    return element


def _sub(
    parent: etree._Element, tag: str, attrs: dict[str, str] | None = None, ns: str = W
) -> etree._Element:
    child = _el(tag, attrs, ns)
    parent.append(child)
    return child


#: The run properties that come after ``w:color`` in the schema's order.
_AFTER_COLOR = {
    _w(t)
    for t in [
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ]
}


def _text_run(rpr: etree._Element | None, text: str, *, grey: bool = False) -> etree._Element:
    """A run of ``text``: line breaks as ``w:br``, tabs as ``w:tab``."""
    r = _el("r")
    if rpr is not None or grey:
        props = etree.fromstring(etree.tostring(rpr)) if rpr is not None else _el("rPr")
        if grey:
            for old in props.findall(_w("color")):
                props.remove(old)
            color = _el("color", {"val": "808080"})
            # w:color comes after the fonts, bold, italic ... and before size (schema order).
            at = next((i for i, c in enumerate(props) if c.tag in _AFTER_COLOR), len(props))
            props.insert(at, color)
        r.append(props)
    for i, line in enumerate(text.split("\n")):
        if i:
            _sub(r, "br")
        for j, piece in enumerate(line.split("\t")):
            if j:
                _sub(r, "tab")
            if piece:
                t = _sub(r, "t")
                t.text = piece
                t.set(XML_SPACE, "preserve")
    return r


def _checkbox_run(rpr: etree._Element | None, checked: bool) -> etree._Element:
    r = _el("r")
    props = etree.fromstring(etree.tostring(rpr)) if rpr is not None else _el("rPr")
    for old in props.findall(_w("rFonts")):
        props.remove(old)
    props.insert(
        1 if len(props) and props[0].tag == _w("rStyle") else 0,
        _el("rFonts", {"ascii": "MS Gothic", "hAnsi": "MS Gothic", "eastAsia": "MS Gothic"}),
    )
    r.append(props)
    t = _sub(r, "t")
    t.text = "\u2612" if checked else "\u2610"
    return r


def _alone(run: etree._Element, table: MarkerTable) -> bool:
    """The run is the only text of its paragraph."""
    p = run.getparent()
    if p is None or p.tag != _w("p"):
        return False
    texts = "".join(t.text or "" for t in p.iter(_w("t")))
    return table.pattern.fullmatch(texts.strip()) is not None


def _sdt(
    spec: ControlSpec, rpr: etree._Element | None, multiline: bool, state: _State
) -> etree._Element:
    sdt = _el("sdt")
    pr = _sub(sdt, "sdtPr")
    if rpr is not None:
        pr.append(etree.fromstring(etree.tostring(rpr)))
    _sub(pr, "alias", {"val": spec.title})
    _sub(pr, "tag", {"val": spec.tag})
    _sub(pr, "id", {"val": state.new_id()})
    if spec.locked:
        _sub(pr, "lock", {"val": "sdtContentLocked"})
    empty = spec.kind != "checkbox" and not spec.text
    if empty:
        _sub(pr, "showingPlcHdr")
    if spec.kind == "text":
        text = _sub(pr, "text")
        if multiline:
            text.set(_w("multiLine"), "1")
    elif spec.kind == "date":
        date = _sub(pr, "date")
        if spec.date is not None:
            date.set(_w("fullDate"), f"{spec.date.isoformat()}T00:00:00Z")
        _sub(date, "dateFormat", {"val": spec.date_format})
        _sub(date, "lid", {"val": "da-DK"})
        _sub(date, "storeMappedDataAs", {"val": "dateTime"})
        _sub(date, "calendar", {"val": "gregorian"})
    elif spec.kind == "dropdown":
        drop = _sub(pr, "dropDownList")
        for choice in spec.choices:
            _sub(drop, "listItem", {"displayText": choice, "value": choice})
    elif spec.kind == "checkbox":
        box = _sub(pr, "checkbox", ns=W14)
        _sub(box, "checked", {"val": "1" if spec.checked else "0"}, ns=W14)
        _sub(box, "checkedState", {"val": "2612", "font": "MS Gothic"}, ns=W14)
        _sub(box, "uncheckedState", {"val": "2610", "font": "MS Gothic"}, ns=W14)
    else:
        raise ArgumentError(f"ukendt slags indholdskontrolelement: {spec.kind!r}")
    content = _sub(sdt, "sdtContent")
    if spec.kind == "checkbox":
        content.append(_checkbox_run(rpr, spec.checked))
    elif empty:
        content.append(_text_run(rpr, spec.placeholder, grey=True))
    else:
        content.append(_text_run(rpr, spec.text if multiline else spec.text.replace("\n", " ")))
    return sdt


def _split_run(
    run: etree._Element,
    table: MarkerTable,
    spec_of: Callable[[Use], ControlSpec | None],
    state: _State,
) -> None:
    """Replace ``run`` by runs of its text and a control for each marker in it."""
    rpr = run.find(_w("rPr"))
    alone = _alone(run, table)
    out: list[etree._Element] = []
    current = _el("r")

    def flush() -> None:
        nonlocal current
        if len(current):
            if rpr is not None:
                current.insert(0, etree.fromstring(etree.tostring(rpr)))
            out.append(current)
        current = _el("r")

    for child in list(run):
        if child.tag == _w("rPr"):
            continue
        if child.tag != _w("t") or table.prefix not in (child.text or ""):
            current.append(child)
            continue
        pieces = table.pattern.split(child.text or "")
        for i, piece in enumerate(pieces):
            if i % 2 == 0:
                if piece:
                    t = _sub(current, "t")
                    t.text = piece
                    t.set(XML_SPACE, "preserve")
                continue
            use = table.uses[marker_index(piece)]
            spec = spec_of(use)
            if spec is None:
                continue
            scope = (spec.group, spec.item, spec.tag)
            if scope in state.seen:  # printed twice: only the first is the control
                if spec.text:
                    t = _sub(current, "t")
                    t.text = spec.text.replace("\n", " ")
                    t.set(XML_SPACE, "preserve")
                continue
            state.seen.add(scope)
            flush()
            multiline = alone if spec.multiline is None else spec.multiline
            sdt = _sdt(spec, rpr, multiline, state)
            out.append(sdt)
            state.placed.append(_Placed(spec, sdt))
    flush()
    parent = run.getparent()
    assert parent is not None
    at = parent.index(run)
    parent.remove(run)
    for offset, element in enumerate(out):
        parent.insert(at + offset, element)


_BLOCK_PARENTS = {_w("body"), _w("tc"), _w("sdtContent"), _w("hdr"), _w("ftr")}


def _block_of(elements: list[etree._Element]) -> list[etree._Element]:
    """The blocks an item printed: the table row holding all its controls, else the
    paragraphs (or tables) from its first control's to its last's, under a common parent."""
    rows = {_ancestor(e, _w("tr")) for e in elements}
    if len(rows) == 1 and None not in rows:
        (row,) = rows
        assert row is not None
        return [row]
    chains = []
    for e in elements:
        chain = []
        node: etree._Element | None = e
        while node is not None:
            chain.append(node)
            node = node.getparent()
        chains.append(chain[::-1])
    common = None
    for level in zip(*chains, strict=False):
        if all(n is level[0] for n in level):
            common = level[0]
        else:
            break
    while common is not None and common.tag not in _BLOCK_PARENTS:
        common = common.getparent()
    if common is None:
        return []
    children = list(common)
    positions = []
    for e in elements:
        node = e
        while node.getparent() is not common:
            parent = node.getparent()
            assert parent is not None
            node = parent
        positions.append(children.index(node))
    return children[min(positions) : max(positions) + 1]


def _ancestor(e: etree._Element, tag: str) -> etree._Element | None:
    node = e.getparent()
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


def _wrap_groups(state: _State) -> None:
    groups: dict[str, dict[int, list[_Placed]]] = {}
    titles: dict[str, str] = {}
    for placed in state.placed:
        if placed.spec.group is not None:
            groups.setdefault(placed.spec.group, {}).setdefault(placed.spec.item, []).append(placed)
            titles[placed.spec.group] = placed.spec.group_title
    for group, items in groups.items():
        blocks = [_block_of([p.sdt for p in items[i]]) for i in sorted(items)]
        blocks = [b for b in blocks if b]
        if not blocks:
            continue
        first = blocks[0][0]
        parent = first.getparent()
        assert parent is not None
        row_level = first.tag == _w("tr")
        section = _el("sdt")
        pr = _sub(section, "sdtPr")
        _sub(pr, "alias", {"val": titles[group]})
        _sub(pr, "tag", {"val": group})
        _sub(pr, "id", {"val": state.new_id()})
        _sub(pr, "repeatingSection", ns=W15)
        content = _sub(section, "sdtContent")
        parent.insert(parent.index(first), section)
        for block in blocks:
            item = _sub(content, "sdt")
            ipr = _sub(item, "sdtPr")
            _sub(ipr, "id", {"val": state.new_id()})
            _sub(ipr, "repeatingSectionItem", ns=W15)
            icontent = _sub(item, "sdtContent")
            for element in block:
                icontent.append(element)  # moves it
        if not row_level and parent.tag == _w("tc") and not len(parent.findall(_w("p"))):
            parent.append(_el("p"))  # a cell ends with a paragraph


def _declare(root: etree._Element) -> etree._Element:
    """The root with w14 and w15 declared and listed in ``mc:Ignorable``."""
    nsmap = dict(root.nsmap)
    changed = False
    for prefix, uri in (("w14", W14), ("w15", W15), ("mc", MC)):
        if uri not in nsmap.values():
            nsmap[prefix] = uri
            changed = True
    if changed:
        new = etree.Element(root.tag, nsmap=nsmap)  # type: ignore[arg-type]
        for key, value in root.attrib.items():
            new.set(key, value)
        new.text = root.text
        for child in list(root):
            new.append(child)
        root = new
    prefixes = {uri: p for p, uri in root.nsmap.items() if p}
    ignorable = f"{{{MC}}}Ignorable"
    listed = (root.get(ignorable) or "").split()
    for uri in (W14, W15):
        if prefixes[uri] not in listed:
            listed.append(prefixes[uri])
    root.set(ignorable, " ".join(listed))
    return root


def insert_controls(
    xml: bytes, table: MarkerTable, spec_of: Callable[[Use], ControlSpec | None]
) -> tuple[bytes, list[ControlSpec]]:
    """Write a control for each marker printed in the part ``xml`` (the main document).

    ``spec_of`` says what a printing becomes; None (or a second printing of the same tag in
    the same scope) leaves no control, a second printing only the known text.

    Returns:
        The part, and the controls written in document order.
    """
    root = parse_xml(xml)
    state = _State()
    runs = [t.getparent() for t in root.iter(_w("t")) if table.prefix in (t.text or "")]
    for run in runs:
        if run is not None and run.getparent() is not None and run.tag == _w("r"):
            _split_run(run, table, spec_of, state)
    for t in root.iter(_w("t")):  # anything left (a marker not in a plain run)
        if t.text and table.prefix in t.text:
            t.text = table.pattern.sub("", t.text)
    _wrap_groups(state)
    root = _declare(root)
    out = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out, [p.spec for p in state.placed]


def strip_markers(xml: bytes, table: MarkerTable) -> bytes:
    """The part with the table's printed markers removed (for headers and footers)."""
    text = xml.decode("utf-8")
    if table.prefix not in text:
        return xml
    return table.pattern.sub("", text).encode("utf-8")


@dataclass(frozen=True)
class FoundControl:
    """A control read from a document.

    Attributes:
        tag, title: ``w:tag`` and ``w:alias`` ("" when absent).
        kind: ``text``, ``date``, ``checkbox``, ``dropdown``, ``richtext`` (no type given),
            ``section`` or ``item`` (a repeating section and its items), ``other``.
        text: the text it shows (line breaks and tabs as ``\\n`` and ``\\t``; paragraphs
            joined by ``\\n``).
        placeholder: it still shows its placeholder (``w:showingPlcHdr``).
        checked: a check box's state, else None.
        date: a date picker's ``w:fullDate`` (its date part, ``YYYY-MM-DD``), else None.
        choices: a drop-down list's values.
        group: the tag of the repeating section it lies in, or None.
        item: the position of its item in that section.
    """

    tag: str
    title: str
    kind: str
    text: str
    placeholder: bool
    checked: bool | None = None
    date: str | None = None
    choices: tuple[str, ...] = ()
    group: str | None = None
    item: int = 0


_KINDS = {
    _w("text"): "text",
    _w("date"): "date",
    _w("dropDownList"): "dropdown",
    _w("comboBox"): "dropdown",
    f"{{{W14}}}checkbox": "checkbox",
    f"{{{W15}}}repeatingSection": "section",
    f"{{{W15}}}repeatingSectionItem": "item",
    _w("richText"): "richtext",
}
_OTHER_KINDS = {
    _w(t)
    for t in (
        "equation",
        "docPartObj",
        "docPartList",
        "picture",
        "citation",
        "group",
        "bibliography",
    )
}


def _kind(pr: etree._Element | None) -> str:
    if pr is None:
        return "richtext"
    for child in pr:
        kind = _KINDS.get(child.tag)
        if kind is not None:
            return kind
        if child.tag in _OTHER_KINDS:
            return "other"
    return "richtext"


def _text_of(content: etree._Element | None) -> str:
    if content is None:
        return ""
    lines: list[str] = []
    paragraphs = [p for p in content.iter(_w("p"))]
    roots = paragraphs or [content]
    for root in roots:
        parts: list[str] = []
        for e in root.iter():
            if e.tag == _w("t"):
                parts.append(e.text or "")
            elif e.tag in (_w("br"), _w("cr")):
                parts.append("\n")
            elif e.tag == _w("tab") and getattr(e.getparent(), "tag", None) == _w("r"):
                parts.append("\t")
            elif e.tag == _w("noBreakHyphen"):
                parts.append("\u2011")
            elif e.tag == _w("softHyphen"):
                parts.append("\u00ad")
        lines.append("".join(parts))
    return "\n".join(lines)


def _val(e: etree._Element | None, name: str, ns: str = W) -> str | None:
    return None if e is None else e.get(f"{{{ns}}}{name}")


def read_controls(xml: bytes) -> list[FoundControl]:
    """Every content control of the part ``xml``, in document order."""
    root = parse_xml(xml)
    found: list[FoundControl] = []
    for sdt in root.iter(_w("sdt")):
        pr = sdt.find(_w("sdtPr"))
        kind = _kind(pr)
        content = sdt.find(_w("sdtContent"))
        checked = date = None
        choices: tuple[str, ...] = ()
        if kind == "checkbox" and pr is not None:
            state = pr.find(f"{{{W14}}}checkbox/{{{W14}}}checked")
            checked = _val(state, "val", W14) in ("1", "true", "on")
        if kind == "date" and pr is not None:
            full = _val(pr.find(_w("date")), "fullDate")
            date = full[:10] if full else None
        if kind == "dropdown" and pr is not None:
            choices = tuple(_val(li, "value") or "" for li in pr.iter(_w("listItem")))
        group, item = None, 0
        holder = _ancestor(sdt, _w("sdt"))
        while holder is not None:
            holder_pr = holder.find(_w("sdtPr"))
            if _kind(holder_pr) == "item":
                section = _ancestor(holder, _w("sdt"))
                if section is not None and _kind(section.find(_w("sdtPr"))) == "section":
                    group = _val(section.find(f"{_w('sdtPr')}/{_w('tag')}"), "val") or ""
                    siblings = [
                        s
                        for s in holder.itersiblings(preceding=True)
                        if s.tag == _w("sdt") and _kind(s.find(_w("sdtPr"))) == "item"
                    ]
                    item = len(siblings)
                break
            holder = _ancestor(holder, _w("sdt"))
        found.append(
            FoundControl(
                tag=_val(pr.find(_w("tag")) if pr is not None else None, "val") or "",
                title=_val(pr.find(_w("alias")) if pr is not None else None, "val") or "",
                kind=kind,
                text=_text_of(content) if kind not in ("section", "item") else "",
                placeholder=pr is not None and pr.find(_w("showingPlcHdr")) is not None,
                checked=checked,
                date=date,
                choices=choices,
                group=group,
                item=item,
            )
        )
    return found


# --- a custom XML part: what the caller keeps about the controls in the document ------------

_REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_REL_CUSTOM_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
_CUSTOM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def add_custom_xml(docx: bytes, item: bytes, item_id: str) -> bytes:
    """``docx`` with ``item`` (an XML document) added as a custom XML part of the main
    document (``customXml/itemN.xml`` with its properties part, ``item_id`` a GUID in braces),
    which Word and LibreOffice keep when they save the document."""
    package = Package.read(docx)
    n = 1
    while f"customXml/item{n}.xml" in package.members:
        n += 1
    name, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    doc_rels = rels_name(package.main)
    rels = parse_xml(package.read_part(doc_rels))
    ids = {r.get("Id") for r in rels}
    rid = next(f"rId{i}" for i in range(900, 10_000) if f"rId{i}" not in ids)
    target = "../" * package.main.count("/") + name
    etree.SubElement(rels, f"{{{_PR_NS}}}Relationship", Id=rid, Type=_REL_CUSTOM_XML, Target=target)
    types = parse_xml(package.read_part(CONTENT_TYPES))
    etree.SubElement(
        types, f"{{{_CT_NS}}}Override", PartName=f"/{props}", ContentType=_CUSTOM_PROPS_TYPE
    )
    if not any(d.get("Extension", "").lower() == "xml" for d in types.iter(f"{{{_CT_NS}}}Default")):
        etree.SubElement(
            types, f"{{{_CT_NS}}}Default", Extension="xml", ContentType="application/xml"
        )
    ds = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
    props_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        f'<ds:datastoreItem ds:itemID="{item_id}" xmlns:ds="{ds}"><ds:schemaRefs/>'
        "</ds:datastoreItem>"
    ).encode()
    item_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{_PR_NS}"><Relationship Id="rId1" Type="{_REL_CUSTOM_PROPS}" '
        f'Target="itemProps{n}.xml"/></Relationships>'
    ).encode()
    changed = {
        doc_rels: etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True),
        CONTENT_TYPES: etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True
        ),
    }
    out = ZipWriter()
    for part in package.order:
        if part in changed:
            out.add(part, changed[part])
        else:
            out.add_member(package.members[part])
    out.add(name, item)
    out.add(props, props_xml)
    out.add(f"customXml/_rels/item{n}.xml.rels", item_rels)
    return out.getvalue()


def replace_parts(docx: bytes, parts: dict[str, bytes]) -> bytes:
    """``docx`` with the named parts' content replaced, everything else copied unchanged."""
    package = Package.read(docx)
    out = ZipWriter()
    for part in package.order:
        if part in parts:
            out.add(part, parts[part])
        else:
            out.add_member(package.members[part])
    return out.getvalue()
