"""Document file names: safe on Windows and Linux, free of CPR numbers, unique."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
import string
import unicodedata
from decimal import Decimal
from typing import Any

from ..errors import (
    SamarbejdsdokError,
    mask_cpr_numbers,
)
from ..forms import FormModel, FormSpec
from .catalogue import form_fields
from .columns import INDEX, fill_positions, path_parts

#: The file name of a document when no pattern is given: the form's name and the row number,
#: e.g. ``samtykke_generel-00002.docx``. Unique per row and free of personal data.
DEFAULT_FILENAME = "{form}-{row:05d}.docx"

#: At most this many characters in a file name (Windows allows 255, paths 260 in old programs).
_MAX_NAME = 120


class FilenamePatternError(SamarbejdsdokError, ValueError):
    """The file name pattern is wrong, or would put a CPR number in a file name."""


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
    ('Mette Kragh Hansen 2026-05-27.docx', 'Mette Kragh Hansen 2026-05-27-2.docx')
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
                target = fields.get(INDEX.sub("#", name))
                if not name or name.isdigit() or "#" in name or target is None:
                    close = difflib.get_close_matches(
                        INDEX.sub("#", name), list(fields) + ["form", "row"], n=3, cutoff=0.6
                    )
                    hint = (
                        f" (mente du: {', '.join(fill_positions(c, [0] * 3) for c in close)}?)"
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
        return self.unique(self.base(row, model))

    def base(self, row: int, model: FormModel) -> str:
        """The row's file name from the pattern, before it is made unique in the run (a worker
        process names its rows so; the merging process then calls :meth:`unique` in row
        order)."""
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
                for part in path_parts(name):
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
        return safe_filename("".join(out))

    def unique(self, name: str) -> str:
        """``name``, or with ``-2``, ``-3`` when this run has already given it."""
        if name.casefold() in self._used:
            n = 2
            while _with_suffix(name, n).casefold() in self._used:
                n += 1
            name = _with_suffix(name, n)
        self._used.add(name.casefold())
        return name
