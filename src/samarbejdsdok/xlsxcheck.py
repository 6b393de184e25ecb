"""Look at an Excel workbook (``.xlsx``) as a package before openpyxl is allowed to open it.

A workbook is a zip of XML parts, and a small file can be made to cost a great deal: a part that
inflates to gigabytes, millions of shared strings in a few hundred kilobytes, an XML entity that
expands, a single cell at the far corner of the sheet that makes a reader produce millions of
empty cells. :func:`check_workbook` reads the whole package once, streaming, and refuses it with
an :class:`~samarbejdsdok.errors.InputFormatError` (Danish, naming the file and the problem, never
a cell's content) as soon as one of these limits is passed:

* :data:`MAX_PARTS` parts in the package, read from the zip's end record before the central
  directory itself is read;
* :data:`MAX_SHEET_PART_BYTES` inflated bytes for a worksheet or the shared strings (the parts
  openpyxl streams: by their content type in ``[Content_Types].xml`` and every relationship that
  points at them), :data:`MAX_OTHER_PART_BYTES` for any other part (openpyxl reads those whole,
  most as an element tree; a binary part such as a picture is never opened and may be as large
  as a worksheet), :data:`MAX_PACKAGE_BYTES` for the whole package. Sizes are measured
  by inflating each part in chunks; the sizes the zip declares are never trusted;
* no XML part may have a document type declaration (``<!DOCTYPE``), in any encoding: expat
  reports it before any entity is declared, so nothing can be expanded;
* :data:`MAX_XML_DEPTH` levels of nested XML elements, :data:`MAX_XML_ELEMENTS` elements in all;
* :data:`MAX_SHARED_STRINGS` shared strings (``<si>`` elements, counted, not read from the
  declared ``uniqueCount``);
* :data:`MAX_CELL_CHARS` characters of text in one cell or shared string (Excel's own limit);
* :data:`MAX_ROWS` rows and :data:`MAX_COLUMNS` columns in a worksheet (by the cells' own
  addresses), and :data:`MAX_CELLS` cells as a reader produces them (each row up to its last
  cell, each missing row as one).

A file that is not a zip, is encrypted (Excel's "Beskyt med adgangskode" writes an OLE file, not
a zip) or is damaged is refused the same way.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .errors import InputFormatError

__all__ = [
    "check_workbook",
    "MAX_PARTS",
    "MAX_SHEET_PART_BYTES",
    "MAX_OTHER_PART_BYTES",
    "MAX_PACKAGE_BYTES",
    "MAX_XML_DEPTH",
    "MAX_XML_ELEMENTS",
    "MAX_SHARED_STRINGS",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CELLS",
]

#: Parts (files) in one workbook package. Excel writes a few dozen.
MAX_PARTS = 1_000
#: Inflated bytes of one worksheet part, of the shared strings part, or of a binary part (a
#: picture: openpyxl does not open those in read-only mode).
MAX_SHEET_PART_BYTES = 100 * 1024**2
#: Inflated bytes of any other XML part (workbook, styles, theme, relationships...).
MAX_OTHER_PART_BYTES = 4 * 1024**2
#: Inflated bytes of the whole package.
MAX_PACKAGE_BYTES = 256 * 1024**2
#: Levels of nested elements in one XML part. SpreadsheetML needs about ten.
MAX_XML_DEPTH = 64
#: Shared strings (``<si>`` elements) in the workbook; openpyxl keeps all of them in memory.
MAX_SHARED_STRINGS = 200_000
#: Characters of text in one cell or shared string: Excel's own limit, so a workbook Excel wrote
#: is never refused for it. A CSV cell is held to the same limit.
MAX_CELL_CHARS = 32_767
#: The highest row number in a worksheet, and in a CSV, JSON Lines or JSON merge source (see
#: :mod:`samarbejdsdok.sources`): a merge of more rows belongs in several files.
MAX_ROWS = 100_000
#: The highest column in a worksheet (column ALL); a form has far fewer fields.
MAX_COLUMNS = 1_000
#: Cells a reader produces for one worksheet: every row up to its last cell, plus one for each
#: missing row in between.
MAX_CELLS = 1_000_000
#: XML elements in the whole package (a cell is two to four): this bounds the time a workbook of
#: many small elements takes to check and to read (a second or two per million).
MAX_XML_ELEMENTS = 4_000_000

_CHUNK = 1 << 16
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_RECORD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
#: The central directory may hold this many bytes per part (a fixed header and a long name).
_DIRECTORY_BYTES_PER_PART = 46 + 1024


def _count(n: int) -> str:
    """A number as Danes write it: ``32.767``."""
    return f"{n:,}".replace(",", ".")


def _megabytes(n: int) -> str:
    return f"{n // 1024**2} MB"


class _Refused(Exception):
    """A limit is passed; the message says which (the file's name is added by the caller)."""


def check_workbook(path: Path) -> None:
    """Read the package at ``path`` once, streaming, and refuse it if it passes a limit.

    Raises:
        InputFormatError: the file is not a readable zip package, or passes one of the limits
            of the module docstring; the message names the file, the part and the limit.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head == _OLE_MAGIC:
                raise _Refused(
                    "filen er krypteret (beskyttet med adgangskode) eller en gammel .xls-fil; "
                    "gem den i Excel som .xlsx uden adgangskode"
                )
            _check_end_record(fh)
            try:
                zf = zipfile.ZipFile(fh)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
                raise _Refused("filen er ikke en gyldig zip-pakke (beskadiget)") from None
            with zf:
                _check_parts(zf)
    except _Refused as exc:
        raise InputFormatError(f"{path} kan ikke læses som Excel-fil (.xlsx): {exc}") from None
    except OSError as exc:
        raise InputFormatError(f"{path} kan ikke læses: {exc.strerror or 'ukendt fejl'}") from None


def _check_end_record(fh: Any) -> None:
    """Find the zip's end record and refuse a package that declares too many parts or too large
    a central directory, before :mod:`zipfile` reads the directory into memory."""
    fh.seek(0, 2)
    size = fh.tell()
    tail_size = min(size, 22 + 0xFFFF)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < 22:
        raise _Refused("filen er ikke en zip-pakke")
    entries, directory_size = struct.unpack("<xxxxxxxxxxHL", tail[at : at + 16])
    zip64 = at >= 20 and tail[at - 20 : at - 16] == _ZIP64_LOCATOR
    if zip64 or entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        raise _Refused(f"pakken er for stor (over {_count(MAX_PARTS)} dele eller 4 GB)")
    if entries > MAX_PARTS or directory_size > MAX_PARTS * _DIRECTORY_BYTES_PER_PART:
        raise _Refused(f"pakken har over {_count(MAX_PARTS)} dele")


#: The content types of the parts openpyxl streams in read-only mode (and the relationship
#: types that may point at them); every other part is read whole, often as an element tree.
_STREAMED_TYPES = ("spreadsheetml.worksheet+xml", "spreadsheetml.sharedStrings+xml")
_STREAMED_RELATIONS = ("/worksheet", "/sharedStrings")
#: Parts openpyxl reads by their fixed names, whatever the package says they are.
_FIXED_PARTS = ("[Content_Types].xml", "xl/styles.xml", "docProps/core.xml", "docProps/app.xml")


class _Roles:
    """What the package says its parts are: content types and the relationships to each part,
    read from ``[Content_Types].xml`` and every ``.rels`` part (all small parts). Only parts that
    exist are recorded, so this stays as small as the package's list of parts."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.types: dict[str, str] = {}
        self.only_streamed_relations: dict[str, bool] = {}
        self.source = ""

    def collect(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "Override":
            name = attrs.get("PartName", "").lstrip("/")
            if name in self.names:
                self.types[name] = attrs.get("ContentType", "")
        elif local == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            if target.startswith("/"):
                name = posixpath.normpath(target.lstrip("/"))
            else:
                name = posixpath.normpath(posixpath.join(self.source, target))
            if name in self.names:
                streamed = attrs.get("Type", "").endswith(_STREAMED_RELATIONS)
                self.only_streamed_relations[name] = streamed and (
                    self.only_streamed_relations.get(name, True)
                )

    def streamed(self, name: str) -> bool:
        """Whether openpyxl streams the part (a worksheet or the shared strings, by content type
        and by every relationship to it), so that it may be large."""
        return (
            self.types.get(name, "").endswith(_STREAMED_TYPES)
            and self.only_streamed_relations.get(name, True)
            and name not in _FIXED_PARTS
            and not name.endswith(".rels")
        )


def _check_parts(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise _Refused(f"pakken har over {_count(MAX_PARTS)} dele")
    for info in infos:
        if info.flag_bits & 0x1:
            raise _Refused(f"delen {info.filename} er krypteret")
    roles = _Roles({info.filename for info in infos})
    counter = _Counter()
    total = 0
    for info in infos:  # first the parts that say what the others are (all small)
        name = info.filename
        if name == "[Content_Types].xml" or name.endswith(".rels"):
            # "xl/_rels/workbook.xml.rels" describes "xl/workbook.xml": targets are relative to "xl"
            roles.source = posixpath.dirname(posixpath.dirname(name))
            part = _XmlPart(name, counter, roles.collect)
            total += _read_part(zf, info, MAX_OTHER_PART_BYTES, part, total)
    total = 0
    counter = _Counter()
    for info in infos:
        name = info.filename
        is_xml = name.lower().endswith((".xml", ".rels", ".vml"))
        # openpyxl (read-only) never opens a picture or other binary part: it may be large
        large = roles.streamed(name) or not is_xml
        cap = MAX_SHEET_PART_BYTES if large else MAX_OTHER_PART_BYTES
        total += _read_part(zf, info, cap, _XmlPart(name, counter) if is_xml else None, total)


def _read_part(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, part: _XmlPart | None, total: int = 0
) -> int:
    """Inflate one part in chunks, feeding an XML part to its checks; its real size."""
    name = info.filename
    size = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > cap:
                    raise _Refused(f"delen {name} fylder over {_megabytes(cap)} udpakket")
                if total + size > MAX_PACKAGE_BYTES:
                    raise _Refused(f"pakken fylder over {_megabytes(MAX_PACKAGE_BYTES)} udpakket")
                if part is not None:
                    part.feed(chunk)
        if part is not None:
            part.close()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
        raise _Refused(f"filen er beskadiget (delen {name} kan ikke pakkes ud)") from None
    except RuntimeError:  # zipfile: "File ... is encrypted, password required"
        raise _Refused(f"delen {name} er krypteret") from None
    except NotImplementedError:  # a compression method zipfile does not know
        raise _Refused(f"delen {name} er pakket på en måde, der ikke kan læses") from None
    return size


# What an element is to the checks, by its name without a namespace prefix.
_OTHER, _TEXT, _CELL, _STRING, _ROW = range(5)
_KINDS = {"t": _TEXT, "v": _TEXT, "c": _CELL, "si": _STRING, "row": _ROW}


class _Counter:
    """The shared strings and elements counted over the whole package."""

    def __init__(self) -> None:
        self.value = 0
        self.elements = 0


class _XmlPart:
    """One XML part, fed to expat in chunks; every handler checks a limit."""

    def __init__(
        self,
        name: str,
        shared: _Counter,
        collect: Callable[[str, dict[str, str]], None] | None = None,
    ) -> None:
        self.name = name
        self.shared = shared
        self.collect = collect
        self.depth = 0
        self.in_text = 0  # inside a <t> or <v> element
        self.in_cell = 0  # inside a <c> or <si> element
        self.chars = 0  # text characters of the current cell, shared string or text run
        self.row = 0
        self.column = 0
        self.last_column = 0
        self.cells = 0
        self.kinds: dict[str, int] = {}
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self.parser = parser

    def feed(self, chunk: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise _Refused(f"delen {self.name} er ikke gyldig XML (linje {exc.lineno})") from None

    def close(self) -> None:
        self.feed(b"", True)
        self._end_row()

    # -- handlers ----------------------------------------------------------------------------

    def _doctype(self, *_: Any) -> None:
        raise _Refused(
            f"delen {self.name} har en DOCTYPE-erklæring (entiteter), som en Excel-fil aldrig har"
        )

    def _entity(self, *_: Any) -> None:
        raise _Refused(f"delen {self.name} erklærer en entitet, som en Excel-fil aldrig har")

    def _kind(self, tag: str) -> int:
        kind = self.kinds.get(tag)
        if kind is None:
            kind = _KINDS.get(tag.rpartition(":")[2], _OTHER)
            if len(self.kinds) < 256:  # a hostile part may use any number of names
                self.kinds[tag] = kind
        return kind

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _Refused(f"delen {self.name} har over {MAX_XML_DEPTH} niveauer af elementer")
        self.shared.elements += 1
        if self.shared.elements > MAX_XML_ELEMENTS:
            raise _Refused(f"arbejdsbogen har over {_count(MAX_XML_ELEMENTS)} XML-elementer")
        if self.collect is not None:
            self.collect(tag, attrs)
        kind = self._kind(tag)
        if kind == _OTHER:
            return
        if kind == _TEXT:
            self.in_text += 1
            if not self.in_cell:
                self.chars = 0
        elif kind == _CELL:
            self.in_cell += 1
            self.chars = 0
            self._cell(attrs.get("r"))
        elif kind == _STRING:
            self.in_cell += 1
            self.chars = 0
            self.shared.value += 1
            if self.shared.value > MAX_SHARED_STRINGS:
                raise _Refused(
                    f"arbejdsbogen har over {_count(MAX_SHARED_STRINGS)} delte tekster "
                    "(sharedStrings)"
                )
        else:
            self._row(attrs.get("r"))

    def _end(self, tag: str) -> None:
        self.depth -= 1
        kind = self._kind(tag)
        if kind == _OTHER:
            return
        if kind == _TEXT:
            self.in_text -= 1  # expat has checked that every element that ends has started
        elif kind == _ROW:
            self._end_row()
        else:
            self.in_cell -= 1

    def _text(self, data: str) -> None:
        if self.in_text:
            self.chars += len(data)
            if self.chars > MAX_CELL_CHARS:
                raise _Refused(
                    f"en celle eller tekst i delen {self.name} har over "
                    f"{_count(MAX_CELL_CHARS)} tegn"
                )

    # -- rows and columns --------------------------------------------------------------------

    def _row(self, ref: str | None) -> None:
        self._end_row()
        if ref is not None and ref.isascii() and ref.isdigit():
            number = int(ref) if len(ref) <= 9 else MAX_ROWS + 1
        else:
            number = self.row + 1
        if number > MAX_ROWS:
            raise _Refused(f"arket {self.name} har rækker efter række {_count(MAX_ROWS)}")
        self._add_cells(max(number - self.row - 1, 0))  # missing rows, one each
        self.row = max(number, self.row + 1)
        self.column = 0
        self.last_column = 0

    def _end_row(self) -> None:
        self._add_cells(self.last_column)
        self.last_column = 0

    def _cell(self, ref: str | None) -> None:
        column = _column_number(ref) if ref else 0
        self.column = column or self.column + 1
        if self.column > MAX_COLUMNS:
            raise _Refused(f"arket {self.name} har kolonner efter kolonne {_count(MAX_COLUMNS)}")
        self.last_column = max(self.last_column, self.column)

    def _add_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise _Refused(f"arket {self.name} har over {_count(MAX_CELLS)} celler")


def _column_number(ref: str) -> int:
    """The column of a cell address counted from 1 (``"AB12"`` -> 28); 0 if it has no letters."""
    number = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            number = number * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            number = number * 26 + ord(ch) - 96
        else:
            break
        if number > MAX_COLUMNS:
            break
    return number
