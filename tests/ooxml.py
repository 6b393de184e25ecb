"""Validate every XML part of a .docx against the ECMA-376 transitional schemas.

The schemas are kept in ``tests/data/ooxml-xsd/`` (see its README.md for where they come from)
and parsed once per process. Before a part is validated, Markup Compatibility is applied as Word
applies it: elements and attributes in a namespace that ``mc:Ignorable`` lists are dropped, and
``mc:AlternateContent`` is replaced by its ``mc:Fallback`` (or its first ``mc:Choice`` whose
namespaces are all understood). Beyond the schema, a WordprocessingML part must keep two rules
Word has (see the schemas' README): every table cell ends with a paragraph, and the children of
``w:rPr`` come in the older fixed order.

>>> problems = validate_docx(data)   # [] when every part is valid
>>> assert not problems, format_problems(problems)
"""

from __future__ import annotations

import functools
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "ooxml-xsd"

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: The namespaces the transitional schemas in SCHEMA_DIR define: what an ``mc:Choice`` may
#: require and still be "understood" by this validator.
UNDERSTOOD = frozenset(
    {
        W,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
    }
)

#: The Dublin Core schemas the core-properties schema imports from the web, as local stand-ins.
_LOCAL_IMPORTS = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "opc-xsd/dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "opc-xsd/dcterms.xsd",
}

_W_NAME = re.compile("{" + re.escape(W) + "}")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Problem:
    """One schema error: the part, the line in that part (Markup Compatibility keeps line
    numbers), the element's path in the part, and libxml2's message."""

    part: str
    line: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.part}:{self.line}{where}: {self.message}"


def format_problems(problems: list[Problem], limit: int = 30) -> str:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more")
    return "\n".join(lines)


def _load(name: str) -> etree.XMLSchema:
    path = SCHEMA_DIR / name
    doc = etree.parse(str(path), _PARSER)
    for imp in doc.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        local = _LOCAL_IMPORTS.get(imp.get("schemaLocation", ""))
        if local is not None:
            imp.set("schemaLocation", str(SCHEMA_DIR / local))
    return etree.XMLSchema(doc)


@functools.cache
def schema(kind: str) -> etree.XMLSchema:
    """The schema for one kind of part, parsed once: ``wml``, ``content-types``, ``rels``,
    ``core``, ``app``, ``custom``."""
    return _load(
        {
            "wml": "wml-all.xsd",
            "content-types": "opc-xsd/opc-contentTypes.xsd",
            "rels": "opc-xsd/opc-relationships.xsd",
            "core": "opc-xsd/opc-coreProperties.xsd",
            "app": "shared-documentPropertiesExtended.xsd",
            "custom": "shared-documentPropertiesCustom.xsd",
        }[kind]
    )


def kind_of(name: str) -> str | None:
    """Which schema validates part ``name`` (None: not an XML part this module checks)."""
    if name == "[Content_Types].xml":
        return "content-types"
    if name.endswith(".rels"):
        return "rels"
    if name == "docProps/core.xml":
        return "core"
    if name == "docProps/app.xml":
        return "app"
    if name == "docProps/custom.xml":
        return "custom"
    folder, base = posixpath.split(name)
    if folder == "word" and base.endswith(".xml"):
        return "wml"
    return None


def _ns_of(prefixes: str, nsmap: dict[str | None, str]) -> set[str]:
    return {nsmap[p] for p in prefixes.split() if p in nsmap}


def apply_markup_compatibility(root: etree._Element) -> etree._Element:
    """``root`` as Word reads it, changed in place: ignorable namespaces dropped, alternate
    content resolved, ``mc:`` attributes gone."""
    ignorable: set[str] = set()
    for el in root.iter():
        value = el.get(f"{{{MC}}}Ignorable")
        if value:
            ignorable |= _ns_of(value, el.nsmap)
    ignorable -= UNDERSTOOD

    # Alternate content, innermost last: replace each by the chosen branch's children.
    for alt in reversed(list(root.iter(f"{{{MC}}}AlternateContent"))):
        chosen = None
        for branch in alt:
            if branch.tag == f"{{{MC}}}Choice":
                if _ns_of(branch.get("Requires", ""), branch.nsmap) <= UNDERSTOOD:
                    chosen = branch
                    break
            elif branch.tag == f"{{{MC}}}Fallback":
                chosen = branch
        parent = alt.getparent()
        index = parent.index(alt)
        children = list(chosen) if chosen is not None else []
        tail = alt.tail
        parent.remove(alt)
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)
        if tail and tail.strip():  # pragma: no cover - WordprocessingML has no mixed content
            raise ValueError("text after mc:AlternateContent")

    def ignored(tag: str) -> bool:
        return tag.startswith("{") and tag[1:].split("}", 1)[0] in ignorable

    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el is not root and ignored(el.tag):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for attr in list(el.attrib):
            if ignored(attr) or attr.startswith(f"{{{MC}}}"):
                del el.attrib[attr]
    return root


def _short(text: str | None) -> str:
    """libxml2's text with WordprocessingML names short: ``{...main}tblBorders`` -> ``w:tblBorders``
    (in messages and in element paths such as ``/w:document/w:body/w:tbl[2]/w:tblPr``)."""
    return _W_NAME.sub("w:", text or "")


def _word_tolerates(message: str) -> bool:
    """Errors the schema reports but Word accepts (see the schemas' README): ``w:zoom``
    without ``w:percent``."""
    return f"{{{W}}}zoom" in message and f"'{{{W}}}percent' is required" in message


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@functools.cache
def _rpr_order() -> dict[str, int]:
    """The children of ``w:rPr`` in the order of the schema's list (``EG_RPrBase``), with the
    paragraph mark's tracked changes first and ``w:rPrChange`` last."""
    xsd = "{http://www.w3.org/2001/XMLSchema}"
    doc = etree.parse(str(SCHEMA_DIR / "wml.xsd"), _PARSER)
    group = doc.getroot().find(f"{xsd}group[@name='EG_RPrBase']")
    assert group is not None
    names = ["ins", "del", "moveFrom", "moveTo"]
    names += [el.get("name") for el in group.iter(f"{xsd}element")]
    names.append("rPrChange")
    return {_w(name): i for i, name in enumerate(names)}


_BLOCKS = {_w("p"), _w("tbl"), _w("sdt"), _w("customXml")}


def _word_rules(root: etree._Element) -> list[tuple[int, str, str]]:
    """What Word requires beyond the transitional schema (see the schemas' README): a table
    cell ends with a paragraph, and the run properties keep the older fixed order."""
    tree = root.getroottree()
    found = []
    for tc in root.iter(_w("tc")):
        blocks = [child for child in tc if child.tag in _BLOCKS]
        if not blocks or blocks[-1].tag == _w("tbl"):
            where = _short(tree.getpath(tc))
            found.append((tc.sourceline or 0, "a table cell must end with a paragraph", where))
    order = _rpr_order()
    for rpr in root.iter(_w("rPr")):
        ranks = [order.get(child.tag, -1) for child in rpr]
        known = [r for r in ranks if r >= 0]
        if known != sorted(known):
            names = " ".join(_short(child.tag) for child in rpr)
            found.append(
                (
                    rpr.sourceline or 0,
                    f"run properties out of Word's order: {names}",
                    _short(tree.getpath(rpr)),
                )
            )
    return found


def validate_part(name: str, data: bytes, *, tolerant: bool = True) -> list[Problem]:
    """The schema errors of one part (empty when valid or not an XML part checked here), and
    for WordprocessingML parts the rules Word keeps beyond the schema (:func:`_word_rules`).
    ``tolerant``: leave out what Word accepts though the schema does not (``w:zoom`` without
    ``w:percent``)."""
    kind = kind_of(name)
    if kind is None:
        return []
    digest = hashlib.sha256(data).digest()
    return [Problem(name, *error) for error in _errors(kind, digest, data, tolerant)]


@functools.lru_cache(maxsize=4096)
def _errors(
    kind: str, digest: bytes, data: bytes, tolerant: bool
) -> tuple[tuple[int, str, str], ...]:
    """(line, message, path) of each error; cached by content, since most parts (styles,
    settings, numbering, theme) are the same in every document made from one template."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        return ((exc.lineno or 0, f"not well-formed: {exc}", ""),)
    if kind == "wml" and MC.encode() in data:
        root = apply_markup_compatibility(root)
    checker = schema(kind)
    errors = []
    if not checker.validate(root):
        errors = [
            (err.line, _short(err.message), _short(err.path))
            for err in checker.error_log
            if not (tolerant and _word_tolerates(err.message))
        ]
    if kind == "wml":
        errors.extend(_word_rules(root))
    return tuple(errors)


def validate_docx(data: bytes | str | Path, *, tolerant: bool = True) -> list[Problem]:
    """The schema errors of every XML part of a .docx (bytes or a path), in part order."""
    if not isinstance(data, bytes):
        data = Path(data).read_bytes()
    problems: list[Problem] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            problems.extend(validate_part(name, zf.read(name), tolerant=tolerant))
    return problems


def assert_valid_docx(
    data: bytes | str | Path, what: str = "document", *, tolerant: bool = True
) -> None:
    problems = validate_docx(data, tolerant=tolerant)
    assert not problems, f"{what} is not valid ECMA-376:\n{format_problems(problems)}"
