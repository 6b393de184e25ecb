"""Read the rows of a mail merge: Excel workbooks, CSV as Danish Excel writes it, JSON Lines, JSON.

:func:`open_source` looks at a file once (format, encoding, separator, header row) and returns a
:class:`Source`; :meth:`Source.rows` streams its rows as :class:`Row` objects, each with the row
number the user sees and the row's non-empty cells. Nothing here knows about forms: the column
headers are passed on as they are written, and :mod:`samarbejdsdok.mailmerge` resolves them.

Row numbers:

* ``.xlsx``: the spreadsheet's row number (the header row is usually row 1);
* ``.csv``: the row number Excel shows when it opens the file (the header is row 1); this is the
  line number unless a cell holds a line break;
* ``.jsonl``: the line number;
* ``.json``: the record's position in the list, counted from 1.

Empty cells are left out of a row, so a row of only empty cells has no data (the merge counts it as
skipped). Empty rows at the end of a file are not rows at all: Excel keeps formatted but empty rows
at the bottom of a sheet, and nobody means them as data.

CSV encoding: a UTF-8 byte order mark means UTF-8 ("CSV UTF-8" in Excel), a UTF-16 mark means
UTF-16 ("Unicode-tekst"); otherwise the file is UTF-8 if it decodes as UTF-8 from end to end, and
Windows-1252 if not ("CSV (semikolonsepareret)" in Danish Excel). Windows-1252 text with æ, ø or å
is never valid UTF-8 (each is a lone byte above 0x7F), so the check cannot mistake one for the
other, and no guessing library is needed. The separator is the first of ``;``, tab, ``,`` and
``|`` that occurs in the header line: Danish Excel writes ``;``.

Limits (issue 15: no input file may exhaust the machine). A file that passes one is refused with
an :class:`~samarbejdsdok.errors.InputFormatError` naming the file and the limit, never a value
from it; a row that passes one becomes a row error and the rows after it are read:

* :data:`MAX_JSON_BYTES`, :data:`MAX_YAML_BYTES`: the size of one JSON or YAML document (a data
  file, a case file, a ``.json`` merge list); larger merges stream from JSON Lines, CSV or Excel;
* :data:`MAX_DEPTH`: levels of nested objects and lists in JSON, JSON Lines and YAML, counted
  without recursion before the document is parsed; :data:`MAX_JSON_CONTAINERS` objects and
  lists in JSON, :data:`MAX_YAML_NODES` values in YAML;
* YAML anchors and aliases (``&a``, ``*a``) are refused: they let a tiny file expand into a
  huge one, and our data never needs them;
* :data:`MAX_RECORD_CHARS`: the characters of one CSV row or JSON Lines line (a row error);
* :data:`MAX_CELL_CHARS`: the characters of one CSV or Excel cell (a row error in a CSV file);
* :data:`MAX_ROWS`: the highest row number in any merge source (counted when the file is opened,
  before any document is made: a merge of more rows belongs in several files);
* an Excel workbook is checked as a package first, see :mod:`samarbejdsdok.xlsxcheck`.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._wording import and_list, or_list
from .errors import InputFormatError, describe_read_error
from .xlsxcheck import MAX_CELL_CHARS, MAX_ROWS, check_workbook

__all__ = [
    "Row",
    "Source",
    "open_source",
    "detect_encoding",
    "detect_delimiter",
    "column_letter",
    "BLANK_HEADER",
    "FORMATS",
    "MAX_JSON_BYTES",
    "MAX_YAML_BYTES",
    "MAX_DEPTH",
    "MAX_YAML_NODES",
    "MAX_JSON_CONTAINERS",
    "MAX_RECORD_CHARS",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
]

#: Bytes of one JSON document: a data file, a JSON case file, a ``.json`` merge list.
MAX_JSON_BYTES = 8 * 1024**2
#: Bytes of one YAML document (a case file, a data file); YAML costs more memory per byte.
MAX_YAML_BYTES = 1024**2
#: Values (scalars, lists, mappings) in one YAML document: each costs far more than its text.
#: The bundled case example has well under 2,000.
MAX_YAML_NODES = 100_000
#: Objects and lists in one JSON document or JSON Lines line: each costs some 60 to 200 bytes of
#: memory from two or three of text. A merge list needs a few per row.
MAX_JSON_CONTAINERS = 200_000
#: Levels of nested objects and lists in a JSON or YAML document or a JSON Lines line. The forms
#: need fewer than ten.
MAX_DEPTH = 64
#: Characters of one CSV row (all its lines) or bytes of one JSON Lines line.
MAX_RECORD_CHARS = 1024**2

#: File extensions and the format each is read as.
FORMATS: dict[str, str] = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

#: Prefix of the key under which a value in a column without a header is passed on
#: (``"\\x00kolonne F"``); the merge reports it as a problem of that row.
BLANK_HEADER = "\x00kolonne "

_DELIMITERS = (";", "\t", ",", "|")


@dataclass(frozen=True)
class Row:
    """One input row.

    Attributes:
        number: the row number as the user sees it (see the module docstring).
        data: the non-empty cells, by column header (tabular files), or the record (JSON).
        error: why the row could not be read (a JSON Lines line that is not JSON), else None.
        tabular: the row is from a spreadsheet or CSV file: its keys are column headers, as
            written in the header row.
        columns: in a workbook, each header's column letter (``{"Barnets navn 1": "C"}``), so
            a problem can name its cell; else None.
    """

    number: int
    data: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    tabular: bool = False
    columns: Mapping[str, str] | None = None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column counted from 0.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cells(headers: list[str | None], values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for i, value in enumerate(values):
        if _blank(value):
            continue
        header = headers[i] if i < len(headers) else None
        data[header or f"{BLANK_HEADER}{column_letter(i)}"] = value
    return data


def _header(values: Any) -> list[str | None]:
    out: list[str | None] = []
    for value in values:
        text = "" if value is None else str(value).replace("\ufeff", "").strip()
        out.append(text or None)
    return out


def _without_trailing_empty(rows: Iterator[Row]) -> Iterator[Row]:
    """Pass rows on, but hold back empty ones until a non-empty row follows."""
    held: list[Row] = []
    for row in rows:
        if not row.data and row.error is None:
            held.append(row)
            continue
        yield from held
        held.clear()
        yield row


@dataclass
class Source:
    """An input file, looked at once; :meth:`rows` reads it (again) from the start.

    Attributes:
        path: the file.
        format: ``"xlsx"``, ``"csv"``, ``"jsonl"`` or ``"json"``.
        headers: the header row of a tabular file (``None`` for a blank header cell), else None.
        header_row: the row number of the header row (tabular files).
        encoding, delimiter: what a CSV file is read with.
        sheet: the worksheet of a workbook.
    """

    path: Path
    format: str
    headers: list[str | None] | None = None
    header_row: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def rows(self) -> Iterator[Row]:
        """Every data row, in file order (trailing empty rows left out)."""
        reader = {
            "xlsx": self._xlsx_rows,
            "csv": self._csv_rows,
            "jsonl": self._jsonl_rows,
            "json": self._json_rows,
        }[self.format]
        return _without_trailing_empty(reader())

    def count_hint(self) -> int | None:
        """About how many rows there are (for a progress bar), or None if that is not cheap."""
        try:
            if self.format == "xlsx":
                wb = _open_workbook(self.path)
                try:
                    max_row = wb[self.sheet].max_row
                finally:
                    wb.close()
                return None if max_row is None else max(max_row - self.header_row, 0)
            if self.format in ("csv", "jsonl"):
                lines = 0
                last = b"\n"
                with self.path.open("rb") as fh:
                    while chunk := fh.read(1 << 20):
                        lines += chunk.count(b"\n")
                        last = chunk[-1:]
                lines += last != b"\n"
                return max(lines - self.header_row, 0)
            return sum(1 for _ in self._json_rows())
        except (OSError, InputFormatError):
            return None

    # --- the readers ---------------------------------------------------------------------

    def _xlsx_rows(self) -> Iterator[Row]:
        wb = _open_workbook(self.path)
        try:
            ws = wb[self.sheet]
            ws.reset_dimensions()  # do not trust the stored dimension: read every row
            letters = {h: column_letter(i) for i, h in enumerate(self.headers or []) if h}
            for number, values in enumerate(ws.iter_rows(values_only=True), 1):
                if number <= self.header_row:
                    continue
                yield Row(number, _cells(self.headers or [], values), tabular=True, columns=letters)
        except InputFormatError:
            raise
        except Exception as exc:  # openpyxl on a broken part: anything
            raise _workbook_error(self.path, exc) from None
        finally:
            wb.close()

    def _csv_rows(self) -> Iterator[Row]:
        assert self.encoding and self.delimiter
        try:
            with self.path.open(encoding=self.encoding, newline="") as fh:
                records = _csv_records(fh, self.delimiter)
                for number, record in enumerate(records, 1):
                    if number <= self.header_row:
                        continue
                    if record is None:
                        too_long = f"rækken er for lang (over {_megabytes(MAX_RECORD_CHARS)})"
                        yield Row(number, {}, f"{too_long}; den er ikke læst")
                        continue
                    values = _csv_values(record, self.delimiter)
                    if isinstance(values, str):
                        yield Row(number, {}, values)
                        continue
                    yield Row(number, _cells(self.headers or [], values), tabular=True)
        except UnicodeDecodeError:
            raise _wrong_encoding(self.path, self.encoding) from None

    def _jsonl_rows(self) -> Iterator[Row]:
        with self.path.open("rb") as fh:
            for number, raw in enumerate(_bounded_lines(fh, MAX_RECORD_CHARS), 1):
                if raw is None:
                    yield Row(
                        number, {}, f"linjen er for lang (over {_megabytes(MAX_RECORD_CHARS)})"
                    )
                    continue
                if number == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield Row(number, {}, "linjen er ikke UTF-8-kodet tekst")
                    continue
                if not text.strip():
                    yield Row(number, {})
                    continue
                problem = _json_shape_problem(text)
                if problem is not None:
                    yield Row(number, {}, f"linjen har {problem}")
                    continue
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as exc:
                    why = _json_error_message(exc)
                    yield Row(number, {}, f"linjen er ikke gyldig JSON (tegn {exc.colno}: {why})")
                    continue
                except (ValueError, RecursionError):  # an integer of thousands of digits
                    yield Row(number, {}, "linjen er ikke gyldig JSON (et tal er for langt)")
                    continue
                if not isinstance(record, dict):
                    yield Row(number, {}, "linjen er ikke et JSON-objekt med formularens felter")
                    continue
                yield Row(number, record)

    def _json_rows(self) -> Iterator[Row]:
        raw = read_input(self.path, "Datafilen")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputFormatError(f"{self.path} er ikke UTF-8-kodet tekst") from None
        records = _load_json(text, str(self.path))
        if isinstance(records, dict):
            records = [records]
        if not isinstance(records, list):
            raise InputFormatError(
                f"{self.path} skal indeholde en liste af JSON-objekter (én pr. dokument)"
            )
        if len(records) > MAX_ROWS:
            raise _too_many_rows(self.path)
        for number, record in enumerate(records, 1):
            if isinstance(record, dict):
                yield Row(number, record)
            elif record is None:
                yield Row(number, {})
            else:
                yield Row(number, {}, "posten er ikke et JSON-objekt med formularens felter")


def _bounded_lines(fh: Any, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary file, each at most ``limit`` bytes long; a longer line is skipped
    (read in chunks, never held) and given as None."""
    while line := fh.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while not line.endswith(b"\n") and (line := fh.readline(1 << 16)):
            pass
        yield None


# Where Python's csv reader is within a record, as far as finding the record's end goes.
_START, _FIELD, _QUOTED = 0, 1, 2


def _scan_csv(piece: str, state: int, delimiter: str) -> tuple[int, bool]:
    """The state after ``piece`` (a line, or part of an overlong one) and whether the record
    ends with it. Mirrors :mod:`csv` with its default dialect: a quote that starts a field opens
    a quoted field, a doubled quote inside one is a quote, a quote elsewhere is text, and a line
    break ends the record unless it is inside a quoted field."""
    text = piece.rstrip("\r\n")
    pos, end = 0, len(text)
    while pos < end:
        if state == _QUOTED:
            at = text.find('"', pos)
            if at < 0:
                break
            pos = at + 1
            state = _START  # just after a closing quote: like the start of a field
            if pos < end and text[pos] == '"':
                state, pos = _QUOTED, pos + 1
        elif state == _FIELD:
            at = text.find(delimiter, pos)
            if at < 0:
                break
            pos, state = at + 1, _START
        else:
            char = text[pos]
            pos += 1
            state = _QUOTED if char == '"' else _START if char == delimiter else _FIELD
    if len(text) != len(piece) and state != _QUOTED:
        return _START, True
    return state, False


def _csv_records(fh: Any, delimiter: str) -> Iterator[list[str] | None]:
    """The records of a CSV text file, each as its lines, at most :data:`MAX_RECORD_CHARS`
    characters; a longer record is skipped (read in pieces, never held) and given as None. Each
    record is parsed on its own, so a bad one cannot take the rest of the file with it."""
    lines: list[str] = []
    size = 0
    too_long = False
    state = _START
    while piece := fh.readline(MAX_RECORD_CHARS + 1):
        state, ended = _scan_csv(piece, state, delimiter)
        if not too_long:
            size += len(piece)
            if size > MAX_RECORD_CHARS:
                too_long, lines = True, []
            else:
                lines.append(piece)
        if ended:
            yield None if too_long else lines
            lines, size, too_long = [], 0, False
    if lines or too_long:
        yield None if too_long else lines


def _csv_values(record: list[str], delimiter: str) -> list[str] | str:
    """The cells of one record, or why it cannot be read."""
    try:
        values = next(csv.reader(record, delimiter=delimiter), [])
    except csv.Error as exc:
        if "field limit" in str(exc):
            return _cell_too_long()
        return "rækken kan ikke læses som CSV"
    if any(len(value) > MAX_CELL_CHARS for value in values):
        return _cell_too_long()
    return values


def _cell_too_long() -> str:
    return f"en celle har over {MAX_CELL_CHARS:,} tegn".replace(",", ".") + "; rækken er ikke læst"


#: The workbook last checked by :func:`_open_workbook`: (path, size, modification time).
_checked_workbook: tuple[str, int, int] | None = None


def _open_workbook(path: Path) -> Any:
    """The workbook, opened by openpyxl (read-only) after :func:`.xlsxcheck.check_workbook`
    has checked the package (once while the file is unchanged)."""

    import openpyxl

    global _checked_workbook
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputFormatError(f"{path} kan ikke læses: {exc.strerror}") from None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key != _checked_workbook:
        check_workbook(path)
        _checked_workbook = key
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl on a broken part: anything
        raise _workbook_error(path, exc) from None


def _workbook_error(path: Path, exc: Exception) -> InputFormatError:
    """The Danish error for a workbook openpyxl could not read (it passed
    :func:`.xlsxcheck.check_workbook`, so the package itself is sound). openpyxl's own text is
    left out: it is English and may quote a cell."""
    if isinstance(exc, OSError) and exc.strerror:
        detail = exc.strerror
    else:
        detail = "en del af filen er ikke, som Excel skriver den (fx en talcelle uden et tal)"
    return InputFormatError(f"{path} kan ikke læses som Excel-fil (.xlsx): {detail}")


def _wrong_encoding(path: Path, encoding: str) -> InputFormatError:
    error = InputFormatError(
        f"{path} kan ikke læses med tegnsættet {encoding}; angiv det rigtige tegnsæt "
        "(fx utf-8 eller cp1252)"
    )
    error.arguments = ("encoding",)
    return error


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` or ``utf-16`` by byte order mark, else ``utf-8-sig`` if the whole file is
    valid UTF-8, else ``cp1252`` (see the module docstring)."""
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def detect_delimiter(header_line: str) -> str:
    """The separator of a CSV header line: the first of ``;``, tab, ``,``, ``|`` in it.

    >>> detect_delimiter("modtager.navn;moede.dato"), detect_delimiter("a,b"), detect_delimiter("a")
    (';', ',', ';')
    """
    for candidate in _DELIMITERS:
        if candidate in header_line:
            return candidate
    return ";"


def _parse_delimiter(value: str) -> str:
    named = {"tab": "\t", "\\t": "\t", "semikolon": ";", "komma": ",", "pipe": "|"}
    value = named.get(value.lower(), value)
    if len(value) != 1:
        raise InputFormatError(
            f"Skilletegnet skal være ét tegn (fx ';' eller 'tab'), ikke {value!r}"
        )
    return value


def open_source(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Source:
    """Look at an input file: its format (by extension), and for tabular files the header row,
    the encoding and separator (CSV) or the worksheet (Excel; the first, or ``sheet``).

    Raises:
        InputFormatError: the file does not exist, cannot be read, or has no header row.
    """
    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        known = or_list(sorted(set(FORMATS)))
        hint = " Gem den som .xlsx i Excel." if p.suffix.lower() in (".xls", ".ods") else ""
        raise InputFormatError(
            f"{p.name}: filtypen {p.suffix or '(ingen)'} kendes ikke; brug {known}.{hint}"
        )
    if not p.is_file():
        raise InputFormatError(f"Datafilen {p} findes ikke")
    source = Source(p, fmt)
    if fmt == "xlsx":
        _look_at_workbook(source, sheet)
    elif fmt == "csv":
        _look_at_csv(source, encoding, delimiter)
    elif fmt == "json":
        next(source._json_rows(), None)  # a JSON list is read whole: refuse it before any row
    if fmt in ("csv", "jsonl"):
        _count_rows(source)
    return source


def _too_many_rows(path: Path) -> InputFormatError:
    return InputFormatError(
        f"{path.name} har over {MAX_ROWS:,} rækker; del den op i flere filer".replace(",", ".")
    )


def _count_rows(source: Source) -> None:
    """Refuse a CSV or JSON Lines file with rows numbered above :data:`MAX_ROWS` (read only that
    far, a row at a time)."""
    try:
        if source.format == "csv":
            assert source.encoding and source.delimiter
            with source.path.open(encoding=source.encoding, newline="") as fh:
                for number, _ in enumerate(_csv_records(fh, source.delimiter), 1):
                    if number > MAX_ROWS:
                        raise _too_many_rows(source.path)
        else:
            with source.path.open("rb") as fh:
                for number, _ in enumerate(_bounded_lines(fh, MAX_RECORD_CHARS), 1):
                    if number > MAX_ROWS:
                        raise _too_many_rows(source.path)
    except UnicodeDecodeError:
        return  # the rows say so, each where it is


def _first_nonempty(rows: Iterator[tuple[int, Any]]) -> tuple[int, list[str | None]] | None:
    for number, values in rows:
        header = _header(values)
        if any(header):
            return number, header
    return None


def _look_at_workbook(source: Source, sheet: str | None) -> None:
    wb = _open_workbook(source.path)
    try:
        names = wb.sheetnames
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            raise InputFormatError(
                f"Arket '{sheet}' findes ikke i {source.path.name}; arkene er "
                + and_list(f"'{name}'" for name in names)
            )
        source.sheet = sheet
        ws = wb[sheet]
        ws.reset_dimensions()
        found = _first_nonempty(enumerate(ws.iter_rows(values_only=True), 1))
    except InputFormatError:
        raise
    except Exception as exc:  # openpyxl on a broken part: anything
        raise _workbook_error(source.path, exc) from None
    finally:
        wb.close()
    if found is None:
        raise InputFormatError(
            f"Arket '{sheet}' i {source.path.name} er tomt (ingen overskriftsrække)"
        )
    source.header_row, source.headers = found


def _look_at_csv(source: Source, encoding: str | None, delimiter: str | None) -> None:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputFormatError(
                f"Tegnsættet '{encoding}' kendes ikke (fx utf-8, cp1252)"
            ) from None
    source.encoding = encoding or detect_encoding(source.path)
    try:
        with source.path.open(encoding=source.encoding, newline="") as fh:
            first_lines = []
            while line := fh.readline(MAX_RECORD_CHARS + 1):
                first_lines.append(line[:MAX_RECORD_CHARS])
                if line.strip():
                    break
    except UnicodeDecodeError:
        raise _wrong_encoding(source.path, source.encoding) from None
    if not first_lines or not first_lines[-1].strip():
        raise InputFormatError(f"{source.path.name} er tom (ingen overskriftsrække)")
    if delimiter is None:
        source.delimiter = detect_delimiter(first_lines[-1])
        if source.path.suffix.lower() == ".tsv":
            source.delimiter = "\t"
    else:
        source.delimiter = _parse_delimiter(delimiter)
    with source.path.open(encoding=source.encoding, newline="") as fh:
        for number, record in enumerate(_csv_records(fh, source.delimiter), 1):
            values = (
                _csv_values(record, source.delimiter)
                if record is not None
                else f"den er over {_megabytes(MAX_RECORD_CHARS)}"
            )
            if isinstance(values, str):
                raise InputFormatError(
                    f"Overskriftsrækken (række {number}) i {source.path.name} kan ikke læses: "
                    f"{values}"
                )
            header = _header(values)
            if any(header):
                source.header_row, source.headers = number, header
                return
    raise InputFormatError(f"{source.path.name} er tom (ingen overskriftsrække)")


def _size_limit(name: str) -> int:
    return MAX_YAML_BYTES if name.lower().endswith((".yaml", ".yml")) else MAX_JSON_BYTES


def _megabytes(n: int) -> str:
    return f"{n / 1024**2:g} MB"


def read_input(path: Path, noun: str) -> bytes:
    """The bytes of an input file; :class:`InputFormatError` naming ``noun`` (``Datafilen``,
    ``Sagsfilen``) and the file when it is missing, cannot be read, or is larger than
    :data:`MAX_YAML_BYTES` (``.yaml``/``.yml``) or :data:`MAX_JSON_BYTES` (anything else); a
    larger file is never read into memory."""
    limit = _size_limit(path.name)
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputFormatError(f"{noun} {path} findes ikke") from None
    except OSError as exc:
        reason = describe_read_error(exc)
        raise InputFormatError(f"{noun} {path} kan ikke læses: {reason}") from None
    if len(raw) > limit:
        raise InputFormatError(f"{noun} {path} er for stor (over {_megabytes(limit)})")
    return raw


# A JSON string (to its end, or to the end of the text if it is not closed: the pattern always
# matches where it starts, so the scan stays linear) or a bracket.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


def _json_shape_problem(text: str) -> str | None:
    """What is wrong with the shape of JSON text, or None: more than :data:`MAX_DEPTH` levels of
    objects and lists, or more than :data:`MAX_JSON_CONTAINERS` of them. The brackets outside
    strings are counted, without recursion and before ``json`` parses the text (its parser
    recurses, and 1,000 levels end in a :class:`RecursionError`)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    containers = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            containers += 1
            if depth > MAX_DEPTH:
                return f"over {MAX_DEPTH} niveauer af objekter og lister inden i hinanden"
            if containers > MAX_JSON_CONTAINERS:
                return f"over {MAX_JSON_CONTAINERS:,} objekter og lister".replace(",", ".")
        elif token in ("]", "}"):
            depth -= 1
    return None


# What the json module's messages (``JSONDecodeError.msg``, Python 3.11-3.13) say, in Danish;
# each is matched at the start of the message (some go on with a character or a position).
_JSON_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        "Expecting value",
        "her skal der stå en værdi (fx tekst i anførselstegn, et tal, true, false eller null)",
    ),
    (
        "Expecting property name enclosed in double quotes",
        'her skal der stå et feltnavn i dobbelte anførselstegn ("navn")',
    ),
    ("Expecting ':' delimiter", "her mangler et kolon (:) efter feltnavnet"),
    ("Expecting ',' delimiter", "her mangler et komma (,) eller en afsluttende parentes"),
    ("Extra data", "der står mere efter JSON-dokumentets afslutning"),
    (
        "Unterminated string starting at",
        'en tekst begynder her, men slutter ikke med et anførselstegn (")',
    ),
    (
        "Invalid control character",
        "en tekst indeholder et kontroltegn (fx et linjeskift); skriv det som \\n",
    ),
    ("Invalid \\uXXXX escape", "en tekst har en ugyldig \\uXXXX-kode"),
    ("Invalid \\escape", "en tekst har en ugyldig \\-kode (skriv \\\\ for en omvendt skråstreg)"),
    ("Illegal trailing comma before end of object", "et komma for meget før }"),
    ("Illegal trailing comma before end of array", "et komma for meget før ]"),
    ("Unexpected UTF-8 BOM", "teksten begynder med et BOM-tegn"),
)


def _json_error_message(exc: json.JSONDecodeError) -> str:
    """What is wrong at the position of a JSON decoding error, in Danish (without the position;
    :attr:`~json.JSONDecodeError.lineno` and :attr:`~json.JSONDecodeError.colno` give it)."""
    for english, danish in _JSON_MESSAGES:
        if exc.msg.startswith(english):
            return danish
    return "teksten kan ikke læses som JSON her"


def _load_json(text: str, name: str) -> Any:
    """``json.loads`` within :data:`MAX_DEPTH`; :class:`InputFormatError` naming ``name``."""
    problem = _json_shape_problem(text)
    if problem is not None:
        raise InputFormatError(f"{name} har {problem}")
    if not text.strip():
        raise InputFormatError(f"{name} er tom (der står ingen JSON i den)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFormatError(
            f"{name} er ikke gyldig JSON: linje {exc.lineno}, kolonne {exc.colno}: "
            + _json_error_message(exc)
        ) from None
    except (ValueError, RecursionError):  # an integer of thousands of digits
        raise InputFormatError(f"{name} er ikke gyldig JSON: et tal er for langt") from None


def _yaml_loader() -> Any:
    """libyaml's safe loader when PyYAML has it (many times faster), else PyYAML's own."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_yaml_events(text: str, name: str) -> None:
    """Refuse anchors, aliases, more than :data:`MAX_DEPTH` levels and more than
    :data:`MAX_YAML_NODES` values, from the parser's event stream (no recursion, nothing built
    yet)."""
    import yaml

    depth = 0
    nodes = 0
    for event in yaml.parse(text, Loader=_yaml_loader()):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise InputFormatError(
                    f"{name} har over {MAX_YAML_NODES:,} værdier".replace(",", ".")
                )
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputFormatError(
                f"{name} bruger et YAML-anker eller -alias (&navn eller *navn) på linje {line}; "
                "det er ikke tilladt: skriv værdien ud hvert sted"
            )
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputFormatError(
                    f"{name} har over {MAX_DEPTH} niveauer af objekter og lister inden i hinanden"
                )
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def parse_document(raw: bytes, name: str) -> Any:
    """Parse one JSON document (or YAML, when ``name`` ends in ``.yaml``/``.yml``).

    Raises:
        InputFormatError: not UTF-8, not valid JSON/YAML (with the line and column), larger than
            :data:`MAX_JSON_BYTES`/:data:`MAX_YAML_BYTES`, nested deeper than :data:`MAX_DEPTH`,
            or YAML with anchors or aliases.
    """
    limit = _size_limit(name)
    if len(raw) > limit:
        raise InputFormatError(f"{name} er for stor (over {_megabytes(limit)})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFormatError(f"{name} er ikke UTF-8-kodet tekst") from None
    if name.endswith((".yaml", ".yml")):
        import yaml

        try:
            _check_yaml_events(text, name)
            return yaml.load(text, Loader=_yaml_loader())  # a safe loader
        except InputFormatError:
            raise
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f": linje {mark.line + 1}, kolonne {mark.column + 1}" if mark else ""
            raise InputFormatError(f"{name} er ikke gyldig YAML{where}") from None
        except (ValueError, RecursionError):  # an integer of thousands of digits
            raise InputFormatError(f"{name} er ikke gyldig YAML: et tal er for langt") from None
    return _load_json(text, name)
