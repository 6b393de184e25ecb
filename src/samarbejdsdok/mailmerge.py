"""Batch mail merge: one document per input row, every row accounted for.

:func:`merge` takes a form and any iterable of rows (dicts with dotted keys such as
``boern.0.navn``, nested dicts as in the JSON examples, or :class:`~samarbejdsdok.sources.Row`
objects from :mod:`samarbejdsdok.sources`) and yields a :class:`MergeResult` per row, in input
order: rendered (``ok``), failed (``fejl``, with the problems) or skipped (``sprunget over``: an
empty row, or with ``resume=True`` a document that is already complete). It is a generator and
holds only a bounded number of documents at a time, however many rows there are.

What happens to a row, in the parent process and in input order:

1. Its keys are resolved to field paths: a dotted path (``boern.1.cpr``) or the field's Danish
   title (``Barnets cpr-nummer 2`` for the second child: list items are numbered from 1 in
   titles, from 0 in paths). Unknown and ambiguous keys are problems naming the closest fields.
2. Each value is converted by the type of its field, as people type in Excel: ``ja``/``nej``,
   ``x``/blank, ``1``/``0``, ``true``/``false`` for yes/no; ``23-11-2026``, ``23.11.2026`` and
   Excel date cells for dates; ``10.00`` for times; decimal comma for numbers. Empty values are
   absent.
3. The row is validated against the form's model; problems keep the paths the user wrote (list
   items left empty in between are closed up for validation and mapped back in the report).
4. The file name comes from the ``filename`` pattern (default :data:`DEFAULT_FILENAME`), made safe
   for Windows and Linux; a name already given in this run gets ``-2``, ``-3``.

The documents are rendered in-process (``jobs=1``) or in ``jobs`` worker processes with a bounded
number of batches in flight; the workers die with the process that started them. With an output
folder each document is written atomically, through a temporary file in the run's own locked
folder inside the output folder (see :class:`_RunFolder`), so an interrupted batch leaves only
complete documents and two runs into one folder do not disturb each other.

:func:`run_batch` is the command line's ``merge``: it adds the report, the zip archive, the
progress line and the accounting for rows a stopped run did not reach.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import difflib
import enum
import errno
import multiprocessing
import os
import re
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import introspect
from .errors import (
    InputFormatError,
    OutputError,
    Problem,
    SamarbejdsdokError,
    TemplateError,
    TemplateNotFoundError,
    TemplateSyntaxError,
    describe_os_error,
    mask_cpr_numbers,
)
from .forms import FormModel, FormSpec, get_form
from .sources import BLANK_HEADER, Row, Source, column_letter
from .validation import problems_from

__all__ = [
    "merge",
    "MergeResult",
    "Status",
    "FieldTarget",
    "form_fields",
    "ColumnResolver",
    "check_columns",
    "flatten",
    "safe_filename",
    "FileNamer",
    "Report",
    "run_batch",
    "BatchSummary",
    "ColumnError",
    "FilenamePatternError",
    "PdfUnavailableError",
    "DEFAULT_FILENAME",
    "REPORT_COLUMNS",
]

#: The file name of a document when no pattern is given: the form's name and the row number,
#: e.g. ``samtykke_generel-00002.docx``. Unique per row and free of personal data.
DEFAULT_FILENAME = "{form}-{row:05d}.docx"

#: The report's columns (row number as the user sees it, status, document, PDF, errors, note).
REPORT_COLUMNS = ("række", "status", "fil", "pdf", "fejl", "bemærkning")
#: Between a rendered document's warnings in :attr:`MergeResult.note`.
WARNING_SEPARATOR = " | "

#: Rows per task sent to a worker process, and tasks in flight per worker.
_BATCH = 16
_IN_FLIGHT_PER_JOB = 3
#: Documents converted to PDF per LibreOffice start.
PDF_CHUNK = 200
#: At most this many characters in a file name (Windows allows 255, paths 260 in old programs).
_MAX_NAME = 120


class Status(enum.StrEnum):
    """What happened to a row."""

    OK = "ok"
    FEJL = "fejl"
    SPRUNGET_OVER = "sprunget over"


class ColumnError(InputFormatError):
    """The header row of a spreadsheet names columns that are not fields of the form."""


class FilenamePatternError(SamarbejdsdokError, ValueError):
    """The file name pattern is wrong, or would put a CPR number in a file name."""


class PdfUnavailableError(SamarbejdsdokError, RuntimeError):
    """PDFs were asked for, and LibreOffice (``soffice``) is not installed."""


@dataclasses.dataclass
class MergeResult:
    """The outcome of one input row.

    Attributes:
        row: the row number as the user sees it (spreadsheet row, line number, or position).
        status: ``ok``, ``fejl`` or ``sprunget over``.
        name: the document's file name (in the output folder, or in the zip archive).
        path: where the document was written (with an output folder), else None.
        data: the document's bytes (without an output folder), else None.
        pdf: the PDF's path (output folder) or bytes, when PDFs were asked for.
        model: the validated model, when the row was valid.
        problems: what is wrong with the row (status ``fejl``), each naming the field.
        note: why a row was skipped, in Danish (``tom række``, ``findes allerede``); for a
            rendered row, the document's warnings (e.g. that it was made with the slower
            docxtpl), separated by :data:`WARNING_SEPARATOR`, or empty.
    """

    row: int
    status: Status
    name: str | None = None
    path: Path | None = None
    data: bytes | None = None
    pdf: Path | bytes | None = None
    model: FormModel | None = None
    problems: list[Problem] = dataclasses.field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status is Status.OK


# --- the form's fields, by path ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FieldTarget:
    """A field a column can fill.

    Attributes:
        path: the dotted path with ``#`` for list positions (``boern.#.cpr``).
        title: the field's Danish title from the paper form.
        kind: ``str``, ``bool``, ``date``, ``time``, ``datetime``, ``int``, ``decimal``,
            ``float``, ``enum``, ``list`` (a list of plain values, one a line in a cell) or
            ``any``.
        item: for ``list``, the kind of its items.
        choices: the allowed values of an ``enum``.
        cpr: the field holds a CPR number.
        own_parser: the field type has its own validator that takes numbers (CPR, phone, postal
            code), so a number from a spreadsheet is passed on as a number.
    """

    path: str
    title: str
    kind: str
    item: str | None = None
    choices: tuple[str, ...] = ()
    cpr: bool = False
    own_parser: bool = False

    @property
    def depth(self) -> int:
        """How many list positions the path has."""
        return self.path.split(".").count("#")


@cache
def form_fields(model: type[BaseModel]) -> dict[str, FieldTarget]:
    """Every field of a model a column can fill, by path template (``boern.#.cpr``).

    >>> from samarbejdsdok.forms import get_form
    >>> f = form_fields(get_form("samtykke_generel").model)
    >>> f["boern.#.cpr"].title, f["boern.#.cpr"].cpr, f["interne_parter.#.afkrydset"].kind
    ('Barnets cpr-nummer', True, 'bool')
    """
    out: dict[str, FieldTarget] = {}
    for f in introspect.form_fields(model, computed=False):
        if f.kind == "model" or f.item == "model":
            continue  # the nested model's own fields are listed
        target = FieldTarget(
            f.merge_path,
            f.title,
            f.kind,
            item=f.item,
            choices=f.choices,
            cpr=f.cpr,
            own_parser=f.accepts_numbers,
        )
        out[target.path] = target
        if f.kind == "list":  # one item of the list, as its own column (boern.#)
            item = FieldTarget(
                f"{target.path}.#",
                f.title,
                f.item or "any",
                choices=f.choices,
                cpr=f.cpr,
                own_parser=f.accepts_numbers,
            )
            out[item.path] = item
    return out


def _spec(form: str | FormSpec | type[FormModel]) -> FormSpec:
    if isinstance(form, FormSpec):
        return form
    if isinstance(form, str):
        return get_form(form)
    if isinstance(form, type) and issubclass(form, FormModel) and form.form_name:
        return get_form(form.form_name)
    raise TypeError("form must be a form name, a FormSpec or a form model class")


# --- column headers ------------------------------------------------------------------------------

_DOTTED = re.compile(r"[a-z_][a-z0-9_]*(\.([a-z_][a-z0-9_]*|\d+))*")
_INDEX = re.compile(r"(?<=\.)\d+(?=\.|$)")
_NUMBERED_TITLE = re.compile(r"(.*?)\s*(?:nr\.?\s*)?\(?\s*(\d+)\s*\)?")

Parts = tuple[str | int, ...]


def _norm_title(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(":*").strip()


def _fill(template: str, numbers: list[int]) -> str:
    it = iter(numbers)
    return ".".join(str(next(it, 0)) if p == "#" else p for p in template.split("."))


def _parts(path: str) -> Parts:
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


class ColumnResolver:
    """Resolves column headers (dotted paths or Danish titles) to fields of a form.

    >>> from samarbejdsdok.forms import get_form
    >>> r = ColumnResolver(get_form("samtykke_generel").model)
    >>> r.resolve("Barnets cpr-nummer 2")[0], r.resolve("samtykkegiver.navn")[0]
    (('boern', 1, 'cpr'), ('samtykkegiver', 'navn'))
    >>> r.resolve("samtykkegiver.nvn")
    'feltet findes ikke i formularen (mente du: samtykkegiver.navn, samtykkegiver.cpr?)'
    """

    def __init__(self, model: type[BaseModel]) -> None:
        self.fields = form_fields(model)
        self._titles: dict[str, list[FieldTarget]] = {}
        self._display: dict[str, str] = {}
        for target in self.fields.values():
            if target.path.endswith(".#") and target.path[:-2] in self.fields:
                continue  # the item of a list of plain values shares the list's title
            if target.title:
                key = _norm_title(target.title)
                self._titles.setdefault(key, []).append(target)
                self._display.setdefault(key, target.title)
        self._cache: dict[str, tuple[Parts, FieldTarget] | str] = {}

    def resolve(self, header: str) -> tuple[Parts, FieldTarget] | str:
        """The field path (with list positions) and target of a header, or why there is none
        (a Danish message naming the closest fields or the candidates)."""
        found = self._cache.get(header)
        if found is None:
            found = self._cache[header] = self._resolve(header)
        return found

    def _resolve(self, header: str) -> tuple[Parts, FieldTarget] | str:
        text = header.strip()
        lower = text.lower()
        if _DOTTED.fullmatch(lower):
            target = self.fields.get(_INDEX.sub("#", lower))
            if target is not None:
                return _parts(lower), target
        key = _norm_title(text)
        candidates = self._titles.get(key, [])
        plain = [t for t in candidates if t.depth == 0]
        if len(plain) == 1:
            return _parts(plain[0].path), plain[0]
        if len(plain) > 1:
            return self._ambiguous(text, [t.path for t in plain])
        m = _NUMBERED_TITLE.fullmatch(key)
        if m and m.group(1) in self._titles:
            n = int(m.group(2))
            listed: list[tuple[str, FieldTarget]] = []
            for t in self._titles[m.group(1)]:
                if t.depth == 1:
                    listed.append((_fill(t.path, [n - 1]), t))
                elif t.depth == 0 and t.kind == "list":  # one value of a list of names
                    listed.append((f"{t.path}.{n - 1}", self.fields[t.path + ".#"]))
            if listed and n < 1:
                return "listens elementer tælles fra 1 i en overskrift med titel"
            if len(listed) == 1:
                return _parts(listed[0][0]), listed[0][1]
            if len(listed) > 1:
                return self._ambiguous(text, [path for path, _ in listed])
        if candidates:
            example = _fill(candidates[0].path, [0] * candidates[0].depth)
            return (
                f"feltet hører til en liste; skriv hvilket element, fx "
                f"'{self._display[key]} 1' eller {example}"
            )
        return "feltet findes ikke i formularen" + self._suggestion(text)

    def _ambiguous(self, header: str, paths: list[str]) -> str:
        return f"titlen passer på flere felter: {', '.join(paths)}; brug feltets sti som overskrift"

    def _suggestion(self, header: str) -> str:
        lower = header.strip().lower()
        numbers = [int(n) for n in _INDEX.findall(lower)]
        paths = [p for p in self.fields if not (p.endswith(".#") and p[:-2] in self.fields)]
        close = difflib.get_close_matches(_INDEX.sub("#", lower), paths, n=3, cutoff=0.6)
        names = [_fill(p, numbers) for p in close]
        if not _DOTTED.fullmatch(lower) or not names:  # a title: suggest titles too
            titles = difflib.get_close_matches(
                _norm_title(header), list(self._titles), n=3, cutoff=0.7
            )
            names = [f"'{self._display[t]}'" for t in titles] + names[: 3 - len(titles)]
        return f" (mente du: {', '.join(names)}?)" if names else ""


def check_columns(form: str | FormSpec, headers: list[str | None]) -> None:
    """Check a spreadsheet's header row before any row is merged.

    Raises:
        ColumnError: naming every unknown or ambiguous column (with its letter and the closest
            field names) and every field named by two columns.
    """
    spec = _spec(form)
    resolver = ColumnResolver(spec.model)
    problems: list[str] = []
    seen: dict[Parts, str] = {}
    for i, header in enumerate(headers):
        if not header:
            continue
        where = f"kolonne {column_letter(i)} '{header}'"
        found = resolver.resolve(header)
        if isinstance(found, str):
            problems.append(f"{where}: {found}")
            continue
        parts = found[0]
        if parts in seen:
            problems.append(
                f"{where}: feltet {'.'.join(map(str, parts))} har også kolonne {seen[parts]}"
            )
        else:
            seen[parts] = f"{column_letter(i)} '{header}'"
    if problems:
        body = "\n".join(f"  - {p}" for p in problems)
        raise ColumnError(
            f"{len(problems)} fejl i overskriftsrækken (felter i {spec.name}):\n{body}\n"
            f"Se felternes stier og titler med 'samarbejdsdok schema {spec.name}' eller i "
            "docs/forms.md.",
            form=spec.name,
        )


# --- values as people type them in Excel ---------------------------------------------------------

_ABSENT = object()
_YES = {"ja", "j", "x", "1", "true", "sand", "yes", "y", "☒", "✓", "✔", "✗", "✘"}
_NO = {"nej", "n", "0", "false", "falsk", "no", "☐", "-"}
_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
_TIME = re.compile(r"(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?(?:[.:](\d{2}))?")


def _parse_date(text: str) -> dt.date | None:
    m = _DATE.fullmatch(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def _parse_time(text: str) -> dt.time | None:
    m = _TIME.fullmatch(text.lower())
    if not m:
        return None
    try:
        return dt.time(int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0))
    except ValueError:
        return None


def _number_text(text: str) -> str:
    """``1.234,50`` -> ``1234.50``; ``7,5`` -> ``7.5``; ``1 234`` -> ``1234``."""
    text = text.replace("\u00a0", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%d.%m.%Y %H.%M")
            if value.time() != dt.time()
            else (value.strftime("%d.%m.%Y"))
        )
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H.%M")
    return str(value)


def _convert_scalar(value: Any, kind: str, target: FieldTarget) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return _ABSENT
    if kind == "bool":
        if isinstance(value, str):
            low = value.casefold()
            if low in _YES:
                return True
            if low in _NO:
                return False
        elif isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        return value
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value
        if isinstance(value, str):
            return _parse_date(value) or value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # a number is no date; let validation say so
        return value
    if kind == "datetime":
        if isinstance(value, str):
            head, _, tail = value.replace(" kl. ", " ").replace("T", " ").partition(" ")
            d, t = _parse_date(head), _parse_time(tail) if tail else dt.time()
            if d is not None and t is not None:
                return dt.datetime.combine(d, t)
        return value
    if kind == "time":
        if isinstance(value, dt.datetime):
            return value.time()
        if isinstance(value, float) and 0 <= value < 1:  # an Excel time as a fraction of a day
            seconds = round(value * 86400)
            return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
        if isinstance(value, str):
            return _parse_time(value) or value
        return value
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = value.replace(" ", "").replace("\u00a0", "")
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            return text
        return value
    if kind in ("decimal", "float"):
        return _number_text(value) if isinstance(value, str) else value
    if kind == "enum":
        if isinstance(value, str):
            low = value.casefold()
            for choice in target.choices:
                if choice.casefold() == low:
                    return choice
        return value
    if kind == "str":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and target.own_parser:
            return value  # CPR, phone, postal code: their validators take numbers
        if target.cpr and isinstance(value, str) and re.fullmatch(r"\d{9}", value):
            return "0" + value  # Excel saved a CPR number as a number: the leading 0 is gone
        return value if isinstance(value, str) else _text(value)
    return value


def _convert(value: Any, target: FieldTarget) -> Any:
    if target.kind == "list":
        items = (
            value.splitlines()
            if isinstance(value, str)
            else (value if isinstance(value, list) else [value])
        )
        out = [_convert_scalar(v, target.item or "any", target) for v in items]
        out = [v for v in out if v is not _ABSENT]
        return out or _ABSENT
    return _convert_scalar(value, target.kind, target)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Dotted keys and leaf values of nested dicts and lists.

    >>> list(flatten({"samtykkegiver": {"navn": "A"}, "boern": [{"navn": "B"}], "x.y": 1}))
    [('samtykkegiver.navn', 'A'), ('boern.0.navn', 'B'), ('x.y', 1)]
    """
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from flatten(value, path + ".")
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from flatten(item, f"{path}.{i}.")
                else:
                    yield f"{path}.{i}", item
        else:
            yield path, value


class _Seq(dict):  # type: ignore[type-arg]
    """A list under construction: position as written -> value."""


class _Conflict(Exception):
    pass


def _insert(tree: dict[Any, Any], parts: Parts, value: Any) -> None:
    node = tree
    for i, part in enumerate(parts[:-1]):
        as_list = isinstance(parts[i + 1], int)
        child = node.get(part)
        if child is None:
            child = node[part] = _Seq() if as_list else {}
        elif not isinstance(child, dict) or isinstance(child, _Seq) != as_list:
            raise _Conflict
        node = child
    if parts[-1] in node:
        raise _Conflict
    node[parts[-1]] = value


def _compact(node: Any, prefix: Parts, maps: dict[Parts, list[int]]) -> Any:
    if isinstance(node, _Seq):
        keys = sorted(node)
        maps[prefix] = keys
        return [_compact(node[k], prefix + (i,), maps) for i, k in enumerate(keys)]
    if isinstance(node, dict):
        return {k: _compact(v, prefix + (k,), maps) for k, v in node.items()}
    return node


def _remap(path: str, maps: dict[Parts, list[int]]) -> str:
    """A validation path in closed-up lists -> the positions the user wrote."""
    if not path or not maps:
        return path
    out: list[str] = []
    prefix: Parts = ()
    for part in _parts(path):
        if isinstance(part, int) and prefix in maps and part < len(maps[prefix]):
            out.append(str(maps[prefix][part]))
        else:
            out.append(str(part))
        prefix += (part,)
    return ".".join(out)


# --- file names ----------------------------------------------------------------------------------

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in "0123456789¹²³"
}


def safe_filename(name: str, *, max_length: int = _MAX_NAME) -> str:
    """A file name that Windows and Linux both accept and that holds no full CPR number.

    Forbidden characters become ``_``, runs of white space one space; trailing dots and spaces
    go; reserved device names (``CON``, ``NUL``, ``COM1``...) get a ``_`` in front; the name is cut
    to ``max_length`` characters, keeping the extension.

    >>> safe_filename('Familien "Ø/Å": møde?.docx')
    'Familien _Ø_Å__ møde_.docx'
    >>> safe_filename("CON.docx"), safe_filename("navn. .docx"), safe_filename("0102031234.docx")
    ('_CON.docx', 'navn.docx', '010203-XXXX.docx')
    >>> safe_filename("Mette 120585/2468.docx"), safe_filename("Mette 12 05 85 2468.docx")
    ('Mette 120585-XXXX.docx', 'Mette 120585-XXXX.docx')
    """
    # White space collapsed before masking (so "120585    2468" is seen), masked again after the
    # forbidden characters are replaced.
    name = " ".join(unicodedata.normalize("NFC", name).split())
    name = mask_cpr_numbers(_FORBIDDEN.sub("_", mask_cpr_numbers(name)))
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or " " in ext or len(ext) > 8:
        stem, ext = name, ""
    ext = f".{ext}" if ext else ""
    stem = stem.strip().rstrip(". ")
    limit = max(max_length - len(ext), 1)
    if len(stem) > limit:
        stem = stem[:limit].rstrip(". ")
    if not stem:
        stem = "dokument"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem + ext


def _with_suffix(name: str, n: int) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-{n}.{ext}" if dot else f"{name}-{n}"


_SAMPLES: dict[str, Any] = {
    "date": dt.date(2026, 11, 23),
    "datetime": dt.datetime(2026, 11, 23, 10, 0),
    "time": dt.time(10, 0),
    "int": 1,
    "decimal": Decimal("1.5"),
    "float": 1.5,
    "bool": True,
}


def _name_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.time):
        return value.strftime("%H.%M")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H.%M")
    if isinstance(value, (Decimal, float)):
        return str(value).replace(".", ",")
    return value


class FileNamer:
    """Gives each valid row its document's file name, from a pattern over its fields.

    The pattern is a Python format string: ``{form}`` (the form's name), ``{row}`` (the row
    number; ``{row:05d}`` pads it) and any field by dotted path, e.g. ``{samtykkegiver.navn}``,
    ``{boern.0.navn}``, ``{underskriftsdato}`` (dates print as ``2026-11-23``; ``{dato:%d-%m-%Y}``
    chooses another form). A pattern naming a CPR field is refused: a file name is seen by
    everyone who can list the folder. ``.docx`` is added when the pattern has no extension.

    >>> from samarbejdsdok.forms import get_form
    >>> spec = get_form("samtykke_generel")
    >>> namer = FileNamer(spec, "{samtykkegiver.navn} {underskriftsdato}")
    >>> m = spec.example_model()
    >>> namer.name(2, m), namer.name(3, m)
    ('Mette Kragh Hansen 2026-11-23.docx', 'Mette Kragh Hansen 2026-11-23-2.docx')
    """

    def __init__(self, spec: FormSpec, pattern: str | None = None) -> None:
        self.spec = spec
        self.pattern = pattern or DEFAULT_FILENAME
        if not self.pattern.lower().endswith(".docx"):
            self.pattern += ".docx"
        self._used: set[str] = set()
        self._pieces: list[tuple[str, str | None, str, str | None]] = []
        self._needs_model = False
        fields = form_fields(spec.model)
        try:
            parsed = list(string.Formatter().parse(self.pattern))
        except ValueError as exc:
            raise FilenamePatternError(
                f"Filnavnsmønstret '{self.pattern}' kan ikke læses: {exc} "
                "(skriv felter i tuborgklammer, fx {samtykkegiver.navn})"
            ) from None
        for literal, name, format_spec, conversion in parsed:
            spec_text = format_spec or ""
            if name is None:
                self._pieces.append((literal, None, "", None))
                continue
            sample: Any
            if name in ("form", "row"):
                sample = spec.name if name == "form" else 1
            else:
                target = fields.get(_INDEX.sub("#", name))
                if not name or name.isdigit() or "#" in name or target is None:
                    close = difflib.get_close_matches(
                        _INDEX.sub("#", name), list(fields) + ["form", "row"], n=3, cutoff=0.6
                    )
                    hint = (
                        f" (mente du: {', '.join(_fill(c, [0] * 3) for c in close)}?)"
                        if close
                        else ""
                    )
                    raise FilenamePatternError(
                        f"Filnavnsmønstret nævner {{{name}}}, som ikke er et felt i "
                        f"{spec.name}{hint}. Brug {{form}}, {{row}} eller et felts sti."
                    )
                if target.cpr:
                    raise FilenamePatternError(
                        f"Filnavnsmønstret må ikke indeholde et cpr-nummer ({{{name}}}, "
                        f"{target.title}): filnavne ses af alle, der kan se mappen, og følger "
                        "med, når filerne sendes. Brug fx navn og dato i stedet."
                    )
                if target.kind == "list":
                    raise FilenamePatternError(
                        f"{{{name}}} er en liste; skriv et element, fx {{{name}.0}}"
                    )
                sample = _SAMPLES.get(target.kind, "tekst")
                self._needs_model = True
            try:
                format(_name_value(sample), spec_text)
            except (ValueError, TypeError) as exc:
                raise FilenamePatternError(
                    f"Formatet '{spec_text}' passer ikke til {{{name}}}: {exc}"
                ) from None
            if conversion not in (None, "s"):
                raise FilenamePatternError(f"{{{name}!{conversion}}} er ikke tilladt i filnavne")
            self._pieces.append((literal, name, spec_text, conversion))

    def name(self, row: int, model: FormModel) -> str:
        """The row's file name, unique in this run (``-2``, ``-3`` on a collision, compared
        without regard to case, as Windows and macOS do)."""
        values = model.model_dump(mode="python") if self._needs_model else {}
        out: list[str] = []
        for literal, name, spec_text, _ in self._pieces:
            out.append(literal)
            if name is None:
                continue
            if name == "form":
                value: Any = self.spec.name
            elif name == "row":
                value = row
            else:
                value = values
                for part in _parts(name):
                    try:
                        value = value[part]
                    except (KeyError, IndexError, TypeError):
                        value = None
                        break
                value = _name_value(value)
                if spec_text and value == "":
                    out.append("")
                    continue
            out.append(format(value, spec_text))
        name = safe_filename("".join(out))
        if name.casefold() in self._used:
            n = 2
            while _with_suffix(name, n).casefold() in self._used:
                n += 1
            name = _with_suffix(name, n)
        self._used.add(name.casefold())
        return name


# --- rendering in this process or in workers -----------------------------------------------------

_WORKER_TEMPLATE: Any = None
_WORKER_TMP: str | None = None
_FATAL = (TemplateNotFoundError, TemplateSyntaxError)
#: prctl(2) option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: How often a worker's watchdog looks for its parent, in seconds.
_WATCH_INTERVAL = 0.5


def _init_worker(template: Any, tmp_dir: str | None, parent: int, method: str) -> None:
    global _WORKER_TEMPLATE, _WORKER_TMP
    _WORKER_TEMPLATE = template
    _WORKER_TMP = tmp_dir
    # Ctrl-C reaches every process of the terminal's group, and a service manager sends SIGTERM
    # to all of them: the parent decides, and the workers finish the documents they have
    # started (each written atomically) until the parent shuts them down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent, method)


def _die_with_parent(parent: int, method: str) -> None:
    """A worker holds personal data and writes documents: it must not outlive the merge that
    started it, also when that is killed (SIGKILL cannot be caught, so the merge cannot stop
    its workers itself).

    On Linux the kernel kills the worker when its parent process dies (``PR_SET_PDEATHSIG``).
    Everywhere a watchdog thread ends the worker within :data:`_WATCH_INTERVAL` when its parent
    changes (an orphan is handed to another process) or, with the ``spawn`` and ``forkserver``
    start methods, when the merging process (``parent``) is gone: with ``forkserver`` the
    worker's parent is the fork server, which lives on as long as any worker does."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    ppid = os.getppid()
    if method != "forkserver" and ppid != parent:  # it died before the lines above
        os._exit(1)
    threading.Thread(
        target=_watch_parent,
        args=(ppid, method != "fork"),
        name="samarbejdsdok-watchdog",
        daemon=True,
    ).start()


def _watch_parent(ppid: int, sentinel: bool) -> None:
    # The merging process's sentinel (a pipe on POSIX, the process handle on Windows) is
    # reliable unless the workers were forked: then each holds the others' pipe ends.
    merging = multiprocessing.parent_process() if sentinel else None
    while True:
        time.sleep(_WATCH_INTERVAL)
        if os.getppid() != ppid or (merging is not None and not merging.is_alive()):
            os._exit(1)


def _write_document(data: bytes, target: Path, tmp_dir: Path) -> None:
    """Write a document through a temporary file in the run's own folder (on the same file
    system as the output folder, so the rename is atomic): the output folder only ever holds
    complete documents."""
    from .engine.api import replace_durably

    replace_durably(data, target, tmp_dir, prefix="dokument-")


def _render_one(
    model: FormModel, target: str | None, template: Any, tmp_dir: str | None = None
) -> tuple[Any, ...]:
    """``("ok", bytes | None, warnings)``, ``("fejl", code, message)`` or
    ``("fatal", class, message)``. With ``target`` (and the run's ``tmp_dir``) the document is
    written there."""
    from .rendering import render

    try:
        data = render(model, target if tmp_dir is None else None, template=template)
        if target is not None and tmp_dir is not None:
            _write_document(data, Path(target), Path(tmp_dir))
    except _FATAL as exc:
        return ("fatal", type(exc).__name__, exc.message)
    except SamarbejdsdokError as exc:
        code = "template_error" if isinstance(exc, TemplateError) else "output_error"
        return ("fejl", code, exc.message)
    except OSError as exc:  # the document was made, but not saved
        return ("fejl", "output_error", f"dokumentet kunne ikke gemmes: {describe_os_error(exc)}")
    except Exception as exc:  # one odd row must not stop thousands of others
        return (
            "fejl",
            "render_failed",
            f"dokumentet kunne ikke udfyldes ({type(exc).__name__}: {exc})",
        )
    return ("ok", None if target else data, tuple(getattr(data, "warnings", ())))


def _render_batch(tasks: list[tuple[FormModel, str | None]]) -> list[tuple[Any, ...]]:
    return [_render_one(model, target, _WORKER_TEMPLATE, _WORKER_TMP) for model, target in tasks]


def _is_complete_docx(path: Path) -> bool:
    """A document a previous run finished: a readable zip with ``word/document.xml`` whose
    members all pass their CRC check."""
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist() and zf.testzip() is None
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def _is_complete_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
            fh.seek(max(path.stat().st_size - 1024, 0))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


#: A run's own temporary folder: ``.samarbejdsdok-tmp-XXXXXXXX`` in the output folder.
_RUN_PREFIX = ".samarbejdsdok-tmp-"
_LOCK = "lock"
#: A run folder without a lock file is one that is being made (or a run killed at that very
#: moment): it is left alone for this long.
_UNLOCKED_GRACE = 60.0
#: Temp files of an atomic write beside the documents, as earlier versions left them.
_TMP = re.compile(r"^\..+\.(docx|pdf|csv|zip)\.[A-Za-z0-9_]+\.tmp$")
#: ...are removed when they have not been touched for this long (a write takes milliseconds; a
#: younger one may belong to a ``render`` writing into the folder right now).
_LEGACY_TMP_AGE = 600.0


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on a run's lock file without waiting; False if a live process
    holds it. The lock goes with the process: a killed run's lock is free at once."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class _RunFolder:
    """A run's own temporary folder inside an output folder, locked while the run lives.

    Every temporary file of the run (documents being written, the report, the zip archive) is
    made here, so two runs into one folder never see each other's files, and a rename into the
    output folder stays on one file system (atomic). A run that is killed leaves its folder; the
    next run into the same folder removes it, but only when its lock is free: the folder of a
    run that is still going is never touched.
    """

    def __init__(self, parent: Path) -> None:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_runs(parent)
            self.path = Path(tempfile.mkdtemp(prefix=_RUN_PREFIX, dir=parent))
        except OSError as exc:
            raise OutputError(
                f"Kan ikke skrive i mappen {parent}: {describe_os_error(exc)}"
            ) from None
        try:
            if sys.platform == "win32":  # an open file cannot be renamed there
                self._fd = os.open(self.path / _LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
                _try_lock(self._fd)
            else:  # locked before it gets its name, so that no other run can take the lock first
                self._fd, name = tempfile.mkstemp(dir=self.path, prefix="lock-")
                _try_lock(self._fd)  # a new file: nobody else can hold it
                os.replace(name, self.path / _LOCK)
            os.write(self._fd, str(os.getpid()).encode())
        except OSError as exc:
            shutil.rmtree(self.path, ignore_errors=True)
            raise OutputError(
                f"Kan ikke skrive i mappen {parent}: {describe_os_error(exc)}"
            ) from None

    def close(self) -> None:
        """Remove the folder and everything in it (while still holding the lock)."""
        if self._fd < 0:
            return
        if sys.platform == "win32":  # an open file cannot be removed there
            os.close(self._fd)
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            shutil.rmtree(self.path, ignore_errors=True)
            os.close(self._fd)
        self._fd = -1


def _remove_stale_runs(out_dir: Path) -> None:
    """Remove what killed runs left in a folder: their run folders (those whose lock nobody
    holds), and temp files of earlier versions that wrote beside the documents. Never a
    document, and never anything of a run that is still going."""
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.name.startswith(_RUN_PREFIX) and entry.is_dir(follow_symlinks=False):
                try:
                    fd = os.open(path / _LOCK, os.O_RDWR)
                except FileNotFoundError:
                    if now - entry.stat(follow_symlinks=False).st_mtime > _UNLOCKED_GRACE:
                        shutil.rmtree(path, ignore_errors=True)
                    continue
                try:
                    stale = _try_lock(fd)
                finally:
                    os.close(fd)
                if stale:
                    shutil.rmtree(path, ignore_errors=True)
            elif (
                _TMP.match(entry.name)
                and entry.is_file(follow_symlinks=False)
                and now - entry.stat(follow_symlinks=False).st_mtime > _LEGACY_TMP_AGE
            ):
                path.unlink()
        except OSError:
            continue


@dataclasses.dataclass
class _Entry:
    result: MergeResult
    target: Path | None = None
    render: bool = False


@dataclasses.dataclass
class _Batch:
    """Rows sent to a worker together, and, once the worker is done, their results."""

    entries: list[_Entry]
    future: Future[Any] | None
    results: deque[MergeResult] | None = None
    error: SamarbejdsdokError | None = None


class _Merger:
    def __init__(
        self,
        spec: FormSpec,
        *,
        out_dir: Path | None,
        namer: FileNamer,
        template: Any,
        jobs: int,
        strict: bool,
        resume: bool,
        pdf: bool,
    ) -> None:
        self.spec = spec
        self.out_dir = out_dir
        self.namer = namer
        self.template = template
        self.jobs = jobs
        self.strict = strict
        self.resume = resume
        self.pdf = pdf
        self.columns = ColumnResolver(spec.model)
        self.stop = False
        self.tmp_dir: Path | None = None  # the run's own folder in out_dir, while it runs
        self.write_error = ""  # why no document can be written (the folder is read-only...)
        #: When the run was stopped: the rows finished after the last one the caller took up
        #: (their documents are written), in input order; the first may be one the caller was
        #: reporting when it was interrupted.
        self.leftover: list[MergeResult] = []

    # -- one row, in the parent process -----------------------------------------------------------

    def prepare(self, item: Any, position: int) -> _Entry:
        if isinstance(item, Row):
            number, data, error = item.number, item.data, item.error
        else:
            number, data, error = position, item, None
        if error is not None:
            return self._failed(number, [Problem("", "", error, "input_format")])
        if not isinstance(data, Mapping):
            return self._failed(
                number,
                [
                    Problem(
                        "", "", "rækken skal være et objekt med formularens felter", "model_type"
                    )
                ],
            )
        problems: list[Problem] = []
        tree: dict[Any, Any] = {}
        filled = False
        for key, value in flatten(data):
            if _empty(value):
                continue
            filled = True
            if key.startswith(BLANK_HEADER):
                problems.append(
                    Problem(
                        key[1:],
                        "",
                        "kolonnen har ingen overskrift, men rækken har en værdi i den",
                        "column_without_header",
                    )
                )
                continue
            found = self.columns.resolve(key)
            if isinstance(found, str):
                problems.append(Problem(mask_cpr_numbers(key), "", found, "unknown_column"))
                continue
            parts, target = found
            value = _convert(value, target)
            if value is _ABSENT:
                continue
            try:
                _insert(tree, parts, value)
            except _Conflict:
                problems.append(
                    Problem(
                        mask_cpr_numbers(key),
                        target.title,
                        "feltet er udfyldt mere end én gang i rækken",
                        "duplicate_field",
                    )
                )
        if not filled:
            return _Entry(MergeResult(number, Status.SPRUNGET_OVER, note="tom række"))
        maps: dict[Parts, list[int]] = {}
        nested = _compact(tree, (), maps)
        model: FormModel | None = None
        try:
            # the list positions as written (blank cells closed up), for boxes ticked by place
            model = self.spec.model.model_validate(nested, context={"positions": maps})
        except ValidationError as exc:
            problems += [
                dataclasses.replace(p, path=_remap(p.path, maps))
                for p in problems_from(exc, self.spec.model)
            ]
        if problems:
            return self._failed(number, problems)
        assert model is not None
        name = self.namer.name(number, model)
        result = MergeResult(number, Status.OK, name=name, model=model)
        target_path = self.out_dir / name if self.out_dir is not None else None
        if self.resume and target_path is not None and _is_complete_docx(target_path):
            pdf_path = target_path.with_suffix(".pdf")
            if not self.pdf or _is_complete_pdf(pdf_path):
                result.status = Status.SPRUNGET_OVER
                result.path = target_path
                result.pdf = pdf_path if self.pdf else None
                result.note = "findes allerede (--resume)"
                return _Entry(result)
        return _Entry(result, target_path, render=True)

    def _failed(self, number: int, problems: list[Problem]) -> _Entry:
        if self.strict:
            self.stop = True
        return _Entry(MergeResult(number, Status.FEJL, problems=problems))

    def finish(self, entry: _Entry, outcome: tuple[Any, ...] | None) -> MergeResult:
        result = entry.result
        if outcome is None:
            return result
        if outcome[0] == "fatal":
            cls = (
                TemplateSyntaxError
                if outcome[1] == "TemplateSyntaxError"
                else TemplateNotFoundError
            )
            raise cls(outcome[2], form=self.spec.name)
        if outcome[0] == "fejl":
            result.status = Status.FEJL
            result.problems = [Problem("", "", outcome[2], outcome[1])]
            if self.strict:
                self.stop = True
            return result
        if entry.target is not None:
            result.path = entry.target
        else:
            result.data = outcome[1]
        result.note = WARNING_SEPARATOR.join(outcome[2])
        return result

    # -- the pipeline -----------------------------------------------------------------------------

    def run(
        self, rows: Iterable[Any], converter: _PdfConverter | None = None
    ) -> Iterator[MergeResult]:
        """The results, in input order; with ``converter``, PDFs too. The run's temporary
        folder lives as long as this generator, PDF conversion included."""
        folder = None
        if self.out_dir is not None:
            try:
                folder = _RunFolder(self.out_dir)
            except OutputError as exc:  # every row that would be written is reported
                self.write_error = exc.message
            else:
                self.tmp_dir = folder.path
        try:
            results = self._run_here(rows) if self.jobs <= 1 else self._run_pool(rows)
            if converter is not None:
                results = self.with_pdf(results, converter)
            yield from results
        finally:
            self.tmp_dir = None
            if folder is not None:
                folder.close()

    def _unwritable(self, entry: _Entry) -> _Entry:
        """A row that would be written, when the output folder cannot be written: ``fejl``."""
        if entry.render and self.write_error:
            entry.render = False
            entry.result.status = Status.FEJL
            entry.result.problems = [
                Problem("", "", f"dokumentet kunne ikke gemmes: {self.write_error}", "output_error")
            ]
            if self.strict:
                self.stop = True
        return entry

    def _run_here(self, rows: Iterable[Any]) -> Iterator[MergeResult]:
        tmp_dir = str(self.tmp_dir) if self.tmp_dir is not None else None
        for position, item in enumerate(rows, 1):
            entry = self._unwritable(self.prepare(item, position))
            outcome = None
            if entry.render:
                target = str(entry.target) if entry.target is not None else None
                outcome = _render_one(entry.result.model, target, self.template, tmp_dir)  # type: ignore[arg-type]
            result = self.finish(entry, outcome)
            try:
                yield result
            except GeneratorExit:  # the caller stopped, maybe before it had reported this row
                self.leftover.append(result)
                raise
            if self.stop:
                return

    def _complete(self, batch: _Batch) -> None:
        """The results of a batch whose worker is done (or that had nothing to render)."""
        if batch.results is not None:
            return
        results: deque[MergeResult] = deque()
        error: SamarbejdsdokError | None = None
        try:
            outcomes = iter(batch.future.result() if batch.future is not None else [])
        except BrokenProcessPool:
            error = SamarbejdsdokError(
                "En arbejdsproces stoppede uventet (fx fordi hukommelsen slap op); de færdige "
                "dokumenter er gemt, kør igen med --resume",
                form=self.spec.name,
            )
        else:
            try:
                for e in batch.entries:
                    results.append(self.finish(e, next(outcomes) if e.render else None))
            except SamarbejdsdokError as exc:  # a template that fails for every row
                error = exc
        batch.error = error
        batch.results = results  # last: a batch has results only when they are all there

    def _run_pool(self, rows: Iterable[Any]) -> Iterator[MergeResult]:
        pending: deque[_Batch] = deque()
        limit = self.jobs * _IN_FLIGHT_PER_JOB
        tmp_dir = str(self.tmp_dir) if self.tmp_dir is not None else None
        context = multiprocessing.get_context()
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.template, tmp_dir, os.getpid(), context.get_start_method()),
        )
        batch: list[_Entry] = []

        def submit() -> None:
            tasks = [
                (e.result.model, str(e.target) if e.target is not None else None)
                for e in batch
                if e.render and e.result.model is not None
            ]
            with _shield():  # a batch the workers got is always in pending (see _drain)
                future = executor.submit(_render_batch, tasks) if tasks else None
                pending.append(_Batch(list(batch), future))
                batch.clear()

        def complete() -> Iterator[MergeResult]:
            first = pending[0]
            self._complete(first)
            assert first.results is not None
            while first.results:
                # Taken off only when the caller asks for the next one: a result whose caller was
                # interrupted before it had reported it is still there for _drain.
                yield first.results[0]
                first.results.popleft()
            pending.popleft()
            if first.error is not None:
                raise first.error

        try:
            for position, item in enumerate(rows, 1):
                batch.append(self._unwritable(self.prepare(item, position)))
                if len(batch) >= _BATCH or self.stop:
                    submit()
                while pending and (
                    len(pending) >= limit or pending[0].future is None or pending[0].future.done()
                ):
                    yield from complete()
                if self.stop:
                    break
            if batch:
                submit()
            while pending:
                yield from complete()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            self._drain(pending)

    def _drain(self, pending: deque[_Batch]) -> None:
        """After a stop (Ctrl-C, SIGTERM, an error, the caller closing the generator): keep the
        results of the batches the workers finished, in input order, up to the first one they
        did not, so the report can count their documents."""
        for batch in pending:
            if batch.results is None:
                future = batch.future
                if future is not None and (not future.done() or future.cancelled()):
                    break
                try:
                    self._complete(batch)
                except Exception:
                    break
            assert batch.results is not None
            self.leftover.extend(batch.results)
            batch.results.clear()
            if batch.error is not None:
                break

    # -- PDF --------------------------------------------------------------------------------------

    def with_pdf(
        self, results: Iterator[MergeResult], converter: _PdfConverter
    ) -> Iterator[MergeResult]:
        chunk: list[MergeResult] = []
        todo = 0
        try:
            for result in results:
                chunk.append(result)
                if result.ok:
                    todo += 1
                if todo >= PDF_CHUNK:
                    yield from self._convert(chunk, converter)
                    chunk, todo = [], 0
            yield from self._convert(chunk, converter)
        finally:
            converter.close()

    def _convert(self, chunk: list[MergeResult], converter: _PdfConverter) -> Iterator[MergeResult]:
        ok = [r for r in chunk if r.ok]
        if ok:
            if self.out_dir is not None:
                pdfs: list[Path | None] | list[bytes | None] = converter.convert_files(
                    [r.path for r in ok if r.path is not None], self.tmp_dir or self.out_dir
                )
            else:
                documents = [(r.name or "", r.data) for r in ok if r.data is not None]
                pdfs = converter.convert_bytes(documents)
            for r, pdf in zip(ok, pdfs, strict=True):
                if pdf is None:
                    r.status = Status.FEJL
                    r.problems = [
                        Problem(
                            "",
                            "",
                            "PDF-konverteringen med LibreOffice mislykkedes "
                            "(Word-dokumentet blev lavet)",
                            "pdf_failed",
                        )
                    ]
                    if self.strict:
                        self.stop = True
                else:
                    r.pdf = pdf
        yield from chunk


def _find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class _PdfConverter:
    """Converts documents with one LibreOffice start per chunk, with its own profile (so a
    LibreOffice the user has open is neither used nor disturbed)."""

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.tmp = tempfile.TemporaryDirectory(prefix="samarbejdsdok-pdf-")
        self.profile = Path(self.tmp.name) / "profil"

    def close(self) -> None:
        self.tmp.cleanup()

    def _run(self, inputs: list[Path], outdir: Path) -> None:
        cmd = [
            self.exe,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, inputs),
        ]
        # Whatever was converted is used; the rest are reported.
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=120 + 10 * len(inputs),
                check=False,
            )

    def convert_files(self, docs: list[Path], tmp_parent: Path) -> list[Path | None]:
        """Each document's PDF beside it; converted in a folder in ``tmp_parent`` (the run's
        temporary folder, on the same drive) and moved into place when complete."""
        tmp = Path(tempfile.mkdtemp(prefix="pdf-", dir=tmp_parent))
        try:
            self._run(docs, tmp)
            out: list[Path | None] = []
            for doc in docs:
                made = tmp / (doc.stem + ".pdf")
                if _is_complete_pdf(made):
                    final = doc.with_suffix(".pdf")
                    os.replace(made, final)  # same folder tree, so the move is atomic
                    out.append(final)
                else:
                    out.append(None)
            return out
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def convert_bytes(self, docs: list[tuple[str, bytes]]) -> list[bytes | None]:
        tmp = Path(tempfile.mkdtemp(dir=self.tmp.name))
        try:
            inputs = []
            for name, data in docs:
                p = tmp / name
                p.write_bytes(data)
                inputs.append(p)
            self._run(inputs, tmp / "pdf")
            out: list[bytes | None] = []
            for p in inputs:
                made = tmp / "pdf" / (p.stem + ".pdf")
                out.append(made.read_bytes() if _is_complete_pdf(made) else None)
            return out
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def merge(
    form: str | FormSpec | type[FormModel],
    rows: Iterable[Mapping[str, Any] | Row],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    filename: str | None = None,
    template: str | os.PathLike[str] | bytes | None = None,
    jobs: int = 1,
    strict: bool = False,
    resume: bool = False,
    pdf: bool = False,
) -> Iterator[MergeResult]:
    """Render one document per row and yield a :class:`MergeResult` per row, in input order.

    Args:
        form: the form's name (``"samtykke_generel"``), its :class:`FormSpec` or model class.
        rows: dicts with dotted keys or Danish titles (``{"boern.0.navn": ...}``), nested dicts
            (``{"boern": [{"navn": ...}]}``), or :class:`~samarbejdsdok.sources.Row` objects
            (which carry the row number the user sees). Plain dicts are numbered from 1.
        out_dir: write each document there (atomically) and yield paths; without it, yield
            the bytes.
        filename: the file name pattern (see :class:`FileNamer`); default
            :data:`DEFAULT_FILENAME`.
        template: a municipality's own template (path or bytes).
        jobs: render in this many worker processes (0: one per CPU).
        strict: stop after the first row that fails (the generator ends there).
        resume: with ``out_dir``, skip a row whose document is already complete: a file with
            the name this run gives the row, that is a zip with ``word/document.xml`` whose
            members pass their CRC check (and, with ``pdf``, a PDF beside it).
        pdf: also convert each document to PDF with LibreOffice (one start per
            :data:`PDF_CHUNK` documents); ``pdf`` on the results is the PDF's path or bytes.

    Raises (at the call, before any row is read):
        FilenamePatternError: the pattern is wrong or names a CPR field.
        PdfUnavailableError: ``pdf`` and LibreOffice (``soffice``) is not installed.
        TemplateError: the template is missing, is not a .docx, or does not fit the form
            (checked by rendering the form's example once).
        OutputError: the output folder cannot be made.
    """
    spec = _spec(form)
    namer = FileNamer(spec, filename)
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise ValueError("jobs must be 0 (one per CPU) or more")
    if resume and out_dir is None:
        raise ValueError("resume needs out_dir: only documents in a folder can be resumed")
    converter = None
    if pdf:
        exe = _find_soffice()
        if exe is None:
            raise PdfUnavailableError(
                "LibreOffice (soffice) er ikke installeret, så der kan ikke laves PDF'er. "
                "Installér LibreOffice (fx 'apt-get install libreoffice-writer-nogui'), eller "
                "kør uden --pdf."
            )
        converter = _PdfConverter(exe)
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"Kan ikke oprette mappen {out}: {exc.strerror}") from None
    from .rendering import render

    render(spec.example_model(), template=template)  # a template that cannot work fails here
    merger = _Merger(
        spec,
        out_dir=out,
        namer=namer,
        template=template,
        jobs=jobs,
        strict=strict,
        resume=resume,
        pdf=pdf,
    )
    return _Results(merger, merger.run(rows, converter))


class _Results(Iterator[MergeResult]):
    """What :func:`merge` returns: its results, and ``close()`` to stop the run (the workers
    finish their documents and stop; the run's temporary folder is removed)."""

    def __init__(self, merger: _Merger, results: Iterator[MergeResult]) -> None:
        self.merger = merger
        self._results = results

    def __next__(self) -> MergeResult:
        return next(self._results)

    def close(self) -> None:
        close = getattr(self._results, "close", None)
        if close is not None:
            close()


# --- the report ----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    text = mask_cpr_numbers("" if value is None else str(value))
    # A cell starting with = + - @ is a formula to Excel; a leading ' keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Report:
    """The merge report: one line per input row, written atomically as CSV that Danish Excel
    opens directly (UTF-8 with byte order mark, ``;``). Full CPR numbers are masked in every
    cell, and cells that Excel would take for a formula are kept as text."""

    def __init__(
        self, path: str | os.PathLike[str], *, tmp_dir: str | os.PathLike[str] | None = None
    ) -> None:
        """Start a report; it is written in ``tmp_dir`` (default: beside ``path``, on the same
        file system) and moved into place by :meth:`close`."""
        self.path = Path(path)
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
            if self.path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "")
            fd, tmp = tempfile.mkstemp(
                dir=directory if tmp_dir is None else tmp_dir,
                prefix=f".{self.path.name}.",
                suffix=".tmp",
            )
        except OSError as exc:
            raise _ReportError(
                f"Kan ikke skrive rapporten {self.path}: {describe_os_error(exc)}"
            ) from None
        self._tmp = Path(tmp)
        self._fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._fh, delimiter=";", lineterminator="\r\n")
        self._writer.writerow(REPORT_COLUMNS)
        self.counts: Counter[str] = Counter()
        self.last_row = 0

    def add(self, result: MergeResult) -> None:
        pdf = (
            result.pdf.name
            if isinstance(result.pdf, Path)
            else (Path(result.name).with_suffix(".pdf").name if result.pdf and result.name else "")
        )
        self.add_line(
            result.row,
            result.status,
            result.name or "",
            pdf,
            " | ".join(str(p) for p in result.problems),
            result.note,
        )

    def add_line(
        self,
        row: int,
        status: Status,
        name: str = "",
        pdf: str = "",
        errors: str = "",
        note: str = "",
    ) -> None:
        line = [row, *(_cell(v) for v in (status.value, name, pdf, errors, note))]
        with _shield():  # a line written is a line counted
            try:
                self._writer.writerow(line)
            except OSError as exc:  # the disk is full: say so, never a traceback
                raise _ReportError(
                    f"Kan ikke skrive rapporten {self.path}: {describe_os_error(exc)}"
                ) from None
            self.counts[status.value] += 1
            self.last_row = max(self.last_row, row)

    def close(self) -> Path:
        """Finish the report: it replaces an older one only when complete."""
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise _ReportError(
                f"Kan ikke skrive rapporten {self.path}: {describe_os_error(exc)}"
            ) from None
        return self.path

    def discard(self) -> None:
        if not self._fh.closed:
            with contextlib.suppress(OSError):  # the buffer cannot be written: no matter
                self._fh.close()
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()


class _ReportError(OutputError):
    """The report could not be written: the run stops, as a run without its report would leave
    rows unaccounted for."""


class _Zip:
    """One archive, written to a temporary name and moved into place when complete."""

    def __init__(self, path: Path, tmp_dir: Path | None = None) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "")
            fd, tmp = tempfile.mkstemp(
                dir=path.parent if tmp_dir is None else tmp_dir,
                prefix=f".{path.name}.",
                suffix=".tmp",
            )
        except OSError as exc:
            raise OutputError(f"Kan ikke skrive {path}: {describe_os_error(exc)}") from None
        os.close(fd)
        self._tmp = Path(tmp)
        # .docx and .pdf are compressed already: storing them is fast and nearly as small.
        self._zf = zipfile.ZipFile(self._tmp, "w", compression=zipfile.ZIP_STORED)

    def add(self, result: MergeResult) -> None:
        if result.ok and result.name and result.data is not None:
            try:
                self._zf.writestr(result.name, result.data)
                if isinstance(result.pdf, bytes):
                    self._zf.writestr(str(Path(result.name).with_suffix(".pdf")), result.pdf)
            except OSError as exc:
                reason = describe_os_error(exc)
                raise OutputError(f"Kan ikke skrive {self.path}: {reason}") from None

    def close(self) -> None:
        try:
            self._zf.close()
            with self._tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(f"Kan ikke skrive {self.path}: {describe_os_error(exc)}") from None

    def discard(self) -> None:
        try:
            with contextlib.suppress(OSError):
                self._zf.close()
        finally:
            self._tmp.unlink(missing_ok=True)


class _Progress:
    """``1.234/10.000 rækker  45,2/s  ca. 3 min tilbage`` on one terminal line."""

    def __init__(self, total: int | None, stream: Any) -> None:
        self.total = total
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.shown = False

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if now - self.last < 0.2 and done != self.total:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = done / elapsed
        text = f"{done:,}".replace(",", ".")
        if self.total:
            text += f"/{self.total:,}".replace(",", ".")
        text += " rækker  " + f"{rate:.1f}".replace(".", ",") + "/s"
        if self.total and rate > 0 and done < self.total:
            left = (self.total - done) / rate
            eta = f"{left / 60:.0f} min" if left >= 90 else f"{max(left, 1):.0f} s"
            text += f"  ca. {eta} tilbage"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


@dataclasses.dataclass
class BatchSummary:
    """What :func:`run_batch` did."""

    counts: Counter[str]
    report: Path
    zip: Path | None = None
    stopped: str = ""  # why the run stopped early ("" if it did not)
    interrupted: bool = False  # Ctrl-C or SIGTERM
    terminated: bool = False  # SIGTERM (see :func:`sigterm_as_interrupt`)
    error: SamarbejdsdokError | None = None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


#: True while :func:`run_batch` writes the report after the rows: SIGTERM then waits for it.
_finishing = False
#: Above 0 while the merge does something a SIGTERM must not cut in two (see :func:`_shield`).
_shielded = 0
_stop_requested = False


@contextlib.contextmanager
def _shield() -> Iterator[None]:
    """A SIGTERM (within :func:`sigterm_as_interrupt`) that arrives in the block stops the run
    when the block is done, not in its middle: handing a batch to the workers and noting it as
    pending is one step, so the report can count every document written."""
    global _shielded, _stop_requested
    _shielded += 1
    try:
        yield
    finally:
        _shielded -= 1
    if _stop_requested and not _shielded:
        _stop_requested = False
        raise Terminated


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM), within :func:`sigterm_as_interrupt`."""


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While in the block, SIGTERM (``kill``, a service manager, a scheduler stopping the job)
    stops a merge as Ctrl-C does: the workers finish the documents they have started, the
    report is written with every row, and the temporary files are removed. It raises
    :class:`Terminated` once; a second SIGTERM is ignored so the cleanup runs to its end (use
    SIGKILL to stop at once; the workers then die with the process). Only in the main thread,
    elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        global _stop_requested
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if _finishing:  # the run is writing its report: let it finish
            return
        if _shielded:
            _stop_requested = True
            return
        raise Terminated

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def run_batch(
    spec: FormSpec,
    source: Source,
    *,
    out_dir: Path | None,
    zip_path: Path | None,
    report_path: Path,
    filename: str | None = None,
    template: str | None = None,
    jobs: int = 1,
    strict: bool = False,
    resume: bool = False,
    pdf: bool = False,
    progress: bool = False,
    echo: Callable[[str], None] = lambda s: print(s, file=sys.stderr),
    max_echoed: int = 10,
) -> BatchSummary:
    """The command line's ``merge``: merge a source into a folder or a zip archive and write the
    report. Rows a stopped run did not reach (``--strict``, Ctrl-C, a template that fails) are
    reported as ``sprunget over`` with the reason, so the report has every input row.

    Raises before anything is written: :class:`ColumnError`, :class:`FilenamePatternError`,
    :class:`PdfUnavailableError`, template and output errors (see :func:`merge`).
    """
    if source.headers is not None:
        check_columns(spec, source.headers)
    results = merge(
        spec,
        source.rows(),
        out_dir=None if zip_path is not None else out_dir,
        filename=filename,
        template=template,
        jobs=jobs,
        strict=strict,
        resume=resume,
        pdf=pdf,
    )
    assert isinstance(results, _Results)
    folders: dict[Path, _RunFolder] = {}

    def run_folder(directory: Path) -> Path:
        """The run's own temporary folder beside the report or the archive."""
        key = Path(os.path.abspath(directory))
        if key not in folders:
            folders[key] = _RunFolder(key)
        return folders[key].path

    archive = None
    try:
        try:
            report = Report(report_path, tmp_dir=run_folder(report_path.parent))
            if zip_path is not None:
                archive = _Zip(zip_path, run_folder(zip_path.parent))
        except BaseException:
            results.close()
            raise
        bar = _Progress(source.count_hint(), sys.stderr) if progress else None
        summary = BatchSummary(report.counts, report_path, zip_path)
        try:
            _run_batch(results, source, report, archive, bar, summary, strict, echo, max_echoed)
        except BaseException as exc:
            report.discard()
            if archive is not None:
                archive.discard()
            if isinstance(exc, _ReportError) and archive is None and out_dir is not None:
                raise _ReportError(
                    f"{exc.message}. Kørslen er stoppet; de dokumenter, der nåede at blive "
                    "skrevet, er hele: kør igen med --resume, når fejlen er rettet"
                ) from None
            raise
        if (summary.interrupted or summary.error is not None) and archive is not None:
            archive.discard()
            archive, summary.zip = None, None
        if archive is not None:  # first: the report must not list documents of no archive
            try:
                archive.close()
            except BaseException:
                report.discard()
                raise
        report.close()
    finally:
        for folder in folders.values():
            folder.close()
        global _finishing, _stop_requested
        _finishing = _stop_requested = False
    return summary


def _run_batch(
    results: _Results,
    source: Source,
    report: Report,
    archive: _Zip | None,
    bar: _Progress | None,
    summary: BatchSummary,
    strict: bool,
    echo: Callable[[str], None],
    max_echoed: int,
) -> None:
    """Every row of the source into the report: the merged ones, then the ones a stopped run did
    not reach. Raises :class:`_ReportError` when the report cannot be written."""
    echoed = 0
    warned: set[str] = set()
    done = 0
    try:
        for result in results:
            report.add(result)
            if archive is not None:
                archive.add(result)
            done += 1
            if result.note and result.status is not Status.SPRUNGET_OVER:
                for warning in result.note.split(WARNING_SEPARATOR):  # once per run
                    if warning not in warned:
                        warned.add(warning)
                        if bar is not None:
                            bar.clear()
                        echo(mask_cpr_numbers(f"advarsel: {warning}"))
            if result.status is Status.FEJL:
                if echoed < max_echoed:
                    if bar is not None:
                        bar.clear()
                    for p in result.problems:
                        echo(mask_cpr_numbers(f"række {result.row}: {p}"))
                echoed += 1
                if strict and not summary.stopped:
                    summary.stopped = (
                        f"kørslen stoppede ved første fejl (række {result.row}, --strict)"
                    )
            if bar is not None:
                bar.update(done)
    except KeyboardInterrupt as exc:
        summary.interrupted = True
        summary.terminated = isinstance(exc, Terminated)
        summary.stopped = "kørslen blev stoppet" if summary.terminated else "kørslen blev afbrudt"
    except _ReportError:
        raise
    except SamarbejdsdokError as exc:
        summary.error = exc
        summary.stopped = f"kørslen stoppede: {exc.message}"
    finally:
        global _finishing
        _finishing = True
        results.close()  # stops the worker processes
        if bar is not None:
            bar.clear()
    if summary.stopped:
        note = f"ikke behandlet: {summary.stopped}"
        if summary.interrupted:  # workers may have finished rows after the last one reported
            note = f"ikke færdig: {summary.stopped} (kør igen med --resume)"
        # Rows the workers finished after the last one reported: their documents are written.
        # A zip archive is not kept after a stop, and PDFs are made after the documents.
        merger = results.merger
        finished: deque[MergeResult] = deque(
            merger.leftover if merger.out_dir is not None and not merger.pdf else ()
        )
        try:
            for row in source.rows():
                if row.number <= report.last_row:
                    continue
                while finished and finished[0].row < row.number:
                    finished.popleft()
                if finished and finished[0].row == row.number:
                    report.add(finished.popleft())
                else:
                    report.add_line(row.number, Status.SPRUNGET_OVER, note=note)
        except _ReportError:
            raise
        except (KeyboardInterrupt, SamarbejdsdokError):
            pass
    if echoed > max_echoed:
        echo(f"... og {echoed - max_echoed} rækker mere med fejl (se rapporten)")
