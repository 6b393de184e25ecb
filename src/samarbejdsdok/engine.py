"""The compile-once rendering engine.

Plain docxtpl repeats, for every document, work that depends only on the template: it opens the
package with python-docx, patches the Word XML so Jinja can read it, compiles the Jinja template,
and saves the whole package again. This engine does that work once per template and keeps the
result (:class:`PreparedTemplate`, cached by the template's content):

* the parts that hold placeholders (body, headers, footers, footnotes) are patched with docxtpl's
  own ``patch_xml`` and compiled with the one sandboxed environment of
  :mod:`samarbejdsdok.rendering`;
* every other part is kept as its compressed bytes and its zip header, ready to copy;
* the core properties get the form's title and the language da-DK.

Per document only the compiled templates are rendered, each result is checked to be well-formed
XML (Word is never handed a broken file), deflated, and written with the unchanged parts into a
zip with fixed timestamps and a fixed order, so equal input gives equal bytes.

A template that needs one of docxtpl's post-processing features this engine does not have
(table-cell loops, ``colspan``, ``cellbg``, merged-cell tags, rich text, sub-documents, inline
images, templated core properties) is rendered with docxtpl instead, and a log line says so.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
import threading
import zipfile
import zlib
from xml.parsers import expat
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from lxml import etree

from . import billeder
from .errors import TemplateError, TemplateSyntaxError

__all__ = ["PreparedTemplate", "prepare", "UnsupportedTemplate"]

log = logging.getLogger("samarbejdsdok.engine")

_DOC_RELS = "word/_rels/document.xml.rels"
_CONTENT_TYPES = "[Content_Types].xml"

#: Parts that may hold placeholders (what docxtpl renders).
_TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
_JINJA = re.compile(r"\{[{%#]")
#: docxtpl features that need its post-processing of the rendered tree.
_UNSUPPORTED = {
    "table-cell loop {%tc": re.compile(r"\{%-?\s*tc\b"),
    "colspan": re.compile(r"\{%-?\s*colspan\b"),
    "cellbg": re.compile(r"\{%-?\s*cellbg\b"),
    "merged cells {% vm/hm %}": re.compile(r"\{%-?\s*[vh]m\s*-?%\}"),
    "rich text {{r": re.compile(r"\{\{-?\s*r\s"),
    "sub-document {{p": re.compile(r"\{\{-?\s*p\s"),
}

# Fixed zip timestamp: 1 January 2026, 00:00 (DOS date/time format).
_DOS_TIME = 0
_DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1
_DEFLATE_LEVEL = 6


class UnsupportedTemplate(Exception):
    """The template needs a docxtpl feature the fast path does not have (``feature``)."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        super().__init__(feature)


@dataclass(frozen=True)
class _Entry:
    """One part of the package: either ready-made zip bytes or a compiled template."""

    name: str
    local: bytes | None  # local file header + compressed data, for unchanged parts
    crc: int
    compressed_size: int
    size: int
    method: int
    template: jinja2.Template | None = None

    def central(self, offset: int) -> bytes:
        return _central_header(
            self.name.encode(), self.method, self.crc, self.compressed_size, self.size, offset
        )


def _local_header(name: bytes, method: int, crc: int, csize: int, size: int) -> bytes:
    return struct.pack(
        "<4sHHHHHIIIHH",
        b"PK\x03\x04",
        20,  # version needed
        0x0800,  # flags: UTF-8 names
        method,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        csize,
        size,
        len(name),
        0,
    ) + name


def _central_header(e_name: bytes, method: int, crc: int, csize: int, size: int, offset: int) -> bytes:
    return struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,  # version made by
        20,  # version needed
        0x0800,
        method,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        csize,
        size,
        len(e_name),
        0,
        0,
        0,
        0,
        0o644 << 16,
        offset,
    ) + e_name


def _raw_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> bytes:
    """The compressed bytes of a member, read straight from the archive (no recompression)."""
    offset = info.header_offset
    header = data[offset : offset + 30]
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    return data[start : start + info.compress_size]


_IN_TAG = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})", re.DOTALL)


def _unescape_in_tags(xml: str) -> str:
    """Inside ``{{ }}`` and ``{% %}``, turn the entities an office suite may write for quotes
    (LibreOffice writes ``'`` as ``&apos;``) back into the characters Jinja needs. docxtpl's
    own path gets this from lxml re-serialising the body; the raw part needs it here."""
    return _IN_TAG.sub(
        lambda m: m.group(0).replace("&apos;", "'").replace("&quot;", '"').replace("&amp;", "&"),
        xml,
    )


def _add_line_marks(xml: str) -> str:
    # One paragraph per line, so a Jinja error's line number points at a paragraph.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def check_well_formed(content: bytes) -> None:
    """Raise ``ValueError`` unless ``content`` is one well-formed XML document.

    expat checks well-formedness without building a tree (about twice as fast as lxml here);
    a document type declaration is refused, so no entity can be declared or expanded.
    """
    parser = expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise ValueError("document type declarations are not allowed")

    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        raise ValueError(f"{expat.errors.messages[exc.code]} (line {exc.lineno})") from None


def _set_core_properties(xml: bytes, title: str) -> bytes:
    ns = {
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for tag, value in (("title", title), ("language", "da-DK")):
        el = root.find(f"dc:{tag}", ns)
        if el is None:
            el = etree.SubElement(root, f"{{{ns['dc']}}}{tag}")
        el.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class PreparedTemplate:
    """A template prepared once and rendered many times; safe to share between threads."""

    def __init__(self, data: bytes, env: jinja2.Environment, *, title: str, name: str) -> None:
        from docxtpl import DocxTemplate

        self.name = name
        self.entries: list[_Entry] = []
        # The two package parts that change when a document gets pictures.
        self._package_xml: dict[str, str] = {}
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            order = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
            by_name = {i.filename: i for i in infos}
            for n in order:
                info = by_name[n]
                if _TEMPLATED.fullmatch(n):
                    xml = zf.read(n).decode("utf-8")
                    if _JINJA.search(xml):
                        # Look for the features in the text as Word shows it (a tag may be
                        # split across runs), before docxtpl's patch rewrites them.
                        plain = re.sub(r"<[^>]+>", "", xml)
                        for feature, pattern in _UNSUPPORTED.items():
                            if pattern.search(plain):
                                raise UnsupportedTemplate(feature)
                        source = _unescape_in_tags(
                            DocxTemplate.patch_xml(None, xml)  # type: ignore[arg-type]
                        )
                        self.entries.append(
                            _Entry(n, None, 0, 0, 0, 8, self._compile(env, source, n))
                        )
                        continue
                if n == "docProps/core.xml":
                    raw = zf.read(n)
                    if _JINJA.search(raw.decode("utf-8", "replace")):
                        raise UnsupportedTemplate("placeholders in the document properties")
                    self.entries.append(self._fixed(n, _set_core_properties(raw, title)))
                    continue
                if n in (_DOC_RELS, _CONTENT_TYPES):
                    self._package_xml[n] = zf.read(n).decode("utf-8")
                self.entries.append(self._copied(zf, info, data))

    def _compile(self, env: jinja2.Environment, source: str, part: str) -> jinja2.Template:
        try:
            return env.from_string(source)
        except jinja2.TemplateSyntaxError:
            pass
        # Only for the error message: with one paragraph per line, the error's line number
        # points at the paragraph where it stands.
        marked = _add_line_marks(source)
        try:
            env.from_string(marked)
        except jinja2.TemplateSyntaxError as exc:
            lines = marked.splitlines()
            lo = max((exc.lineno or 1) - 2, 0)
            around = " / ".join(
                t for t in (re.sub(r"<[^>]+>", "", x).strip() for x in lines[lo : lo + 3]) if t
            )
            raise TemplateSyntaxError(
                f"Syntaksfejl i skabelonen {self.name} ({part}): {exc.message}"
                + (f" (ved: {around[:200]})" if around else ""),
                template=self.name,
                lineno=exc.lineno,
                context=around or None,
            ) from None
        raise AssertionError("unreachable: the source compiled with line marks")  # pragma: no cover

    @staticmethod
    def _fixed(name: str, content: bytes) -> _Entry:
        comp = zlib.compressobj(_DEFLATE_LEVEL, zlib.DEFLATED, -15)
        packed = comp.compress(content) + comp.flush()
        crc = zlib.crc32(content)
        header = _local_header(name.encode(), 8, crc, len(packed), len(content))
        return _Entry(name, header + packed, crc, len(packed), len(content), 8)

    @staticmethod
    def _copied(zf: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> _Entry:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 1:
            return PreparedTemplate._fixed(info.filename, zf.read(info))
        raw = _raw_member(zf, info, data)
        header = _local_header(
            info.filename.encode(), info.compress_type, info.CRC, info.compress_size, info.file_size
        )
        return _Entry(
            info.filename, header + raw, info.CRC, info.compress_size, info.file_size,
            info.compress_type,
        )

    def render(self, context: Mapping[str, Any]) -> bytes:
        """Render the templated parts with ``context`` and return the whole .docx."""
        rendered: dict[str, bytes] = {}
        with billeder.collecting() as images:
            for e in self.entries:
                if e.template is None:
                    continue
                placed = len(images)
                content = e.template.render(context).encode("utf-8")
                if len(images) != placed and e.name != "word/document.xml":
                    raise TemplateError(
                        f"Billeder kan kun placeres i brødteksten, ikke i {e.name}",
                        template=self.name,
                    )
                try:
                    check_well_formed(content)
                except ValueError as exc:
                    raise TemplateError(
                        f"Resultatet af skabelonen {self.name} er ikke gyldig XML "
                        f"({e.name}: {exc})",
                        template=self.name,
                    ) from None
                rendered[e.name] = content
        media: dict[str, bytes] = {}
        if images:
            media, rels, types = billeder.package_additions(
                images, self._package_xml[_DOC_RELS], self._package_xml[_CONTENT_TYPES]
            )
            rendered[_DOC_RELS] = rels.encode("utf-8")
            rendered[_CONTENT_TYPES] = types.encode("utf-8")

        out: list[bytes] = []
        central: list[bytes] = []
        offset = 0

        def add(name: str, content: bytes, method: int) -> None:
            nonlocal offset
            if method == 8:
                comp = zlib.compressobj(_DEFLATE_LEVEL, zlib.DEFLATED, -15)
                packed = comp.compress(content) + comp.flush()
            else:
                packed = content
            crc = zlib.crc32(content)
            raw_name = name.encode()
            block = _local_header(raw_name, method, crc, len(packed), len(content)) + packed
            central.append(_central_header(raw_name, method, crc, len(packed), len(content), offset))
            out.append(block)
            offset += len(block)

        for e in self.entries:
            if e.name in rendered:
                add(e.name, rendered[e.name], 8)
            else:
                assert e.local is not None
                central.append(e.central(offset))
                out.append(e.local)
                offset += len(e.local)
        for name, png in media.items():
            add(name, png, 0)  # PNG is compressed already: stored
        directory = b"".join(central)
        end = struct.pack(
            "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0
        )
        out.append(directory)
        out.append(end)
        return b"".join(out)


_cache: dict[tuple[str, str], PreparedTemplate | UnsupportedTemplate] = {}
_lock = threading.Lock()


def prepare(
    data: bytes, env: jinja2.Environment, *, title: str, name: str
) -> PreparedTemplate:
    """The prepared template for ``data`` (cached by content and title).

    Raises:
        UnsupportedTemplate: the template needs docxtpl's own post-processing.
        TemplateSyntaxError: the template's Jinja syntax is wrong.
    """
    key = (hashlib.sha256(data).hexdigest(), title)
    cached = _cache.get(key)
    if cached is None:
        with _lock:
            cached = _cache.get(key)
            if cached is None:
                try:
                    cached = PreparedTemplate(data, env, title=title, name=name)
                except UnsupportedTemplate as exc:
                    log.info(
                        "template %s uses %s, which the fast engine does not support; "
                        "rendering it with docxtpl",
                        name,
                        exc.feature,
                    )
                    cached = exc
                if len(_cache) > 64:
                    _cache.clear()
                _cache[key] = cached
    if isinstance(cached, UnsupportedTemplate):
        raise cached
    return cached
