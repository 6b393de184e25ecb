"""Layer 2: the .docx package. Imports only :mod:`.xmltext` from the engine.

* :class:`Package`: the parts of a .docx read from a zip, with **the one list of templated
  parts** (:attr:`Package.templated`): the main document, every header and footer the main
  document relates to (so every section's), and the footnotes; exactly the parts docxtpl
  renders. The main document is found through the package relationships, as Word finds it.
* :func:`check_well_formed`: the one well-formedness check (expat: no tree is built; a document
  type declaration is refused, so no entity can be declared).
* :class:`ZipWriter`: a deterministic zip (fixed timestamps, the order given), able to copy a
  member's compressed bytes unchanged.
* :func:`core_properties`: the document properties as docxtpl reads them, and
  :func:`set_core_properties`.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from lxml import etree

__all__ = [
    "CONTENT_TYPES",
    "CORE",
    "Package",
    "PackageError",
    "Member",
    "check_well_formed",
    "ZipWriter",
    "rels_name",
    "core_properties",
    "set_core_properties",
    "parse_xml",
    "serialise",
]

CONTENT_TYPES = "[Content_Types].xml"
CORE = "docProps/core.xml"
_PACKAGE_RELS = "_rels/.rels"

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_OFFICE_DOCUMENT = f"{_R}/officeDocument"
_REL_HEADER = f"{_R}/header"
_REL_FOOTER = f"{_R}/footer"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# Fixed zip timestamp: 1 January 2026, 00:00 (DOS date/time format).
_DOS_TIME = 0
_DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1
DEFLATE_LEVEL = 6


class PackageError(Exception):
    """The bytes are not a .docx this engine can read (``reason`` says why, in Danish)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def parse_xml(data: bytes | str, *, remove_blank_text: bool = False) -> etree._Element:
    """Parse one XML part: entities are never resolved, nothing is fetched."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_blank_text=remove_blank_text
    )
    return etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, parser)


def serialise(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


def check_well_formed(content: bytes) -> None:
    """Raise ``ValueError`` unless ``content`` is one well-formed XML document without a
    document type declaration."""
    parser = expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise ValueError("document type declarations are not allowed")

    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        raise ValueError(f"{expat.errors.messages[exc.code]} (line {exc.lineno})") from None


def rels_name(part: str) -> str:
    """The relationships part of ``part``.

    ``word/document.xml`` -> ``word/_rels/document.xml.rels``.
    """
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _safe_part_name(name: str) -> bool:
    """A zip name that can be a part's: relative, forward slashes, no ``..`` or empty segment,
    no drive letter, no control characters."""
    if not name or name.startswith("/") or "\\" in name or ":" in name.split("/", 1)[0]:
        return False
    if any(ord(c) < 0x20 for c in name):
        return False
    segments = name.rstrip("/").split("/")
    return all(s not in ("", ".", "..") for s in segments)


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


@dataclass(frozen=True)
class Member:
    """One zip member as stored: its header fields and compressed bytes."""

    name: str
    method: int
    crc: int
    compressed: bytes
    size: int


@dataclass
class Package:
    """The parts of a .docx, in their zip order, and which of them are templated."""

    order: list[str]
    members: dict[str, Member]
    main: str
    templated: list[str] = field(default_factory=list)
    _cache: dict[str, bytes] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, data: bytes) -> Package:
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise PackageError("er ikke et Word-dokument (.docx)") from None
        with zf:
            members: dict[str, Member] = {}
            order: list[str] = []
            folded: set[str] = set()
            for info in zf.infolist():
                if not _safe_part_name(info.filename):
                    raise PackageError(f"har en del med et ugyldigt navn ({info.filename!r})")
                if info.filename.casefold() in folded:  # part names ignore case (OPC)
                    raise PackageError(f"har delen {info.filename} to gange")
                folded.add(info.filename.casefold())
                if info.flag_bits & 0x1:
                    raise PackageError(f"er krypteret ({info.filename})")
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise PackageError(
                        f"bruger en komprimering, Word ikke bruger ({info.filename})"
                    )
                members[info.filename] = Member(
                    info.filename,
                    info.compress_type,
                    info.CRC,
                    _raw_member(data, info),
                    info.file_size,
                )
                order.append(info.filename)
        package = cls(order, members, main="")
        package.main = package._main_document()
        package.templated = package._templated_parts()
        return package

    def read_part(self, name: str) -> bytes:
        """The uncompressed bytes of a part (never more than its declared size: a member that
        inflates to more is damaged, whatever its header says)."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        m = self.members[name]
        content = inflate(m, m.size)
        if zlib.crc32(content) != m.crc:
            raise PackageError(f"er beskadiget ({name}: forkert kontrolsum)")
        if name.endswith((".xml", ".rels")) and len(self._cache) < 64:
            self._cache[name] = content
        return content

    def relationships(self, part: str) -> Iterator[tuple[str, str, str, bool]]:
        """``(id, type, target part, external)`` for each relationship of ``part``."""
        yield from self.relationships_of(_PACKAGE_RELS if part == "" else rels_name(part))

    def relationships_of(self, name: str) -> Iterator[tuple[str, str, str, bool]]:
        """``(id, type, target part, external)`` for each relationship in the ``.rels`` part
        ``name`` (none if there is no such part)."""
        if name not in self.members:
            return
        folder = posixpath.dirname(posixpath.dirname(name))
        part = posixpath.join(folder, posixpath.basename(name).removesuffix(".rels"))
        root = parse_xml(self.read_part(name))
        for rel in root.iter(f"{_PR}Relationship"):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            yield (
                rel.get("Id", ""),
                rel.get("Type", ""),
                target if external else _resolve(part if name != _PACKAGE_RELS else "/", target),
                external,
            )

    def content_types(self) -> dict[str, str]:
        """The content type of every part: its override, else its extension's default."""
        if CONTENT_TYPES not in self.members:
            return {}
        root = parse_xml(self.read_part(CONTENT_TYPES))
        defaults = {
            d.get("Extension", "").lower(): d.get("ContentType", "")
            for d in root.iter(f"{_CT}Default")
        }
        found = {n: defaults.get(n.rsplit(".", 1)[-1].lower(), "") for n in self.order}
        found.update(self.content_type_overrides())
        return found

    def content_type_overrides(self) -> dict[str, str]:
        if CONTENT_TYPES not in self.members:
            return {}
        root = parse_xml(self.read_part(CONTENT_TYPES))
        return {
            o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
            for o in root.iter(f"{_CT}Override")
        }

    def _main_document(self) -> str:
        for _, rtype, target, external in self.relationships(""):
            if rtype == _REL_OFFICE_DOCUMENT and not external and target in self.members:
                return target
        if "word/document.xml" in self.members:
            return "word/document.xml"
        raise PackageError("er ikke et Word-dokument (word/document.xml mangler)")

    def _templated_parts(self) -> list[str]:
        parts = [self.main]
        for _, rtype, target, external in self.relationships(self.main):
            if (
                rtype in (_REL_HEADER, _REL_FOOTER)
                and not external
                and target in self.members
                and target not in parts
            ):
                parts.append(target)
        for name, ctype in self.content_type_overrides().items():
            if ctype == _FOOTNOTES_TYPE and name in self.members and name not in parts:
                parts.append(name)
        return parts


def inflate(m: Member, cap: int) -> bytes:
    """The bytes of member ``m``, inflated at most to ``cap`` bytes: one byte more, or data
    that does not end where it should, means the member is damaged (or a bomb)."""
    if m.method == zipfile.ZIP_STORED:
        if len(m.compressed) > cap:
            raise PackageError(f"er beskadiget ({m.name}: større end angivet)")
        return m.compressed
    inflater = zlib.decompressobj(-15)
    try:
        content = inflater.decompress(m.compressed, cap + 1)
    except zlib.error:
        raise PackageError(f"er beskadiget ({m.name})") from None
    if len(content) > cap or inflater.unconsumed_tail:
        raise PackageError(f"er beskadiget ({m.name}: større end angivet)")
    if not inflater.eof:
        raise PackageError(f"er beskadiget ({m.name}: data slutter for tidligt)")
    return content


def inflated_size(m: Member, cap: int) -> int:
    """How many bytes member ``m`` really inflates to, counted in pieces of 64 KB without
    keeping them; ``cap + 1`` as soon as it passes ``cap``; :class:`PackageError` when the data
    is damaged."""
    if m.method == zipfile.ZIP_STORED:
        return len(m.compressed)
    inflater = zlib.decompressobj(-15)
    total = 0
    crc = 0
    data = m.compressed
    try:
        while True:
            piece = inflater.decompress(data, 1 << 16)
            total += len(piece)
            crc = zlib.crc32(piece, crc)
            if total > cap:
                return cap + 1
            data = inflater.unconsumed_tail
            if not data or inflater.eof:
                break
    except zlib.error:
        raise PackageError(f"er beskadiget ({m.name})") from None
    if not inflater.eof:
        raise PackageError(f"er beskadiget ({m.name}: data slutter for tidligt)")
    if crc != m.crc:
        raise PackageError(f"er beskadiget ({m.name}: forkert kontrolsum)")
    return total


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The compressed bytes of a member, read straight from the archive (no recompression)."""
    offset = info.header_offset
    header = data[offset : offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise PackageError(f"er beskadiget ({info.filename})")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    raw = data[start : start + info.compress_size]
    if len(raw) != info.compress_size:
        raise PackageError(f"er beskadiget ({info.filename})")
    return raw


def _local_header(name: bytes, method: int, crc: int, csize: int, size: int) -> bytes:
    return (
        struct.pack(
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
        )
        + name
    )


def _central_header(
    name: bytes, method: int, crc: int, csize: int, size: int, offset: int
) -> bytes:
    return (
        struct.pack(
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
            len(name),
            0,
            0,
            0,
            0,
            0o644 << 16,
            offset,
        )
        + name
    )


def deflate(content: bytes) -> bytes:
    comp = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    return comp.compress(content) + comp.flush()


class ZipWriter:
    """A zip written in memory with fixed timestamps, in the order members are added."""

    def __init__(self) -> None:
        self._blocks: list[bytes] = []
        self._central: list[bytes] = []
        self._offset = 0

    def add_member(self, m: Member) -> None:
        """Add a member whose compressed bytes are known (copied unchanged)."""
        raw_name = m.name.encode()
        block = _local_header(raw_name, m.method, m.crc, len(m.compressed), m.size) + m.compressed
        self._central.append(
            _central_header(raw_name, m.method, m.crc, len(m.compressed), m.size, self._offset)
        )
        self._blocks.append(block)
        self._offset += len(block)

    def add(self, name: str, content: bytes, *, compress: bool = True) -> None:
        packed = deflate(content) if compress else content
        method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        self.add_member(Member(name, method, zlib.crc32(content), packed, len(content)))

    def getvalue(self) -> bytes:
        directory = b"".join(self._central)
        n = len(self._central)
        end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, n, n, len(directory), self._offset, 0)
        return b"".join(self._blocks) + directory + end


def member(name: str, content: bytes) -> Member:
    """A deflated member made from ``content``."""
    return Member(name, zipfile.ZIP_DEFLATED, zlib.crc32(content), deflate(content), len(content))


# --- document properties --------------------------------------------------------------------

_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
#: The properties docxtpl renders as templates, and their elements.
TEMPLATED_PROPERTIES = {
    "author": "dc:creator",
    "comments": "dc:description",
    "identifier": "dc:identifier",
    "language": "dc:language",
    "subject": "dc:subject",
    "title": "dc:title",
}


def core_properties(xml: bytes) -> dict[str, str]:
    """The text of the templated properties (missing ones as ``""``)."""
    root = parse_xml(xml)
    found = {}
    for prop, tag in TEMPLATED_PROPERTIES.items():
        el = root.find(tag, _CORE_NS)
        found[prop] = (el.text or "") if el is not None else ""
    return found


def set_core_properties(xml: bytes, values: dict[str, str]) -> bytes:
    """``xml`` with the given properties set (an element is added where it is missing)."""
    root = parse_xml(xml)
    for prop, value in values.items():
        prefix, local = TEMPLATED_PROPERTIES[prop].split(":")
        el = root.find(f"{prefix}:{local}", _CORE_NS)
        if el is None:
            el = etree.SubElement(root, f"{{{_CORE_NS[prefix]}}}{local}")
        el.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
