"""Cell values as people type them in Excel, converted by the type of their field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .catalogue import FieldTarget

ABSENT = object()
_YES = {"ja", "j", "x", "1", "true", "sand", "yes", "y", "☒", "✓", "✔", "✗", "✘"}
_NO = {"nej", "n", "0", "false", "falsk", "no", "☐", "-"}
_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
#: The ways a merge reads a date written as text (besides a date cell in a workbook), as its
#: messages name them: day first as Danes write it, or the year first as JSON does.
DATE_FORMATS: tuple[str, ...] = ("DD-MM-ÅÅÅÅ", "DD.MM.ÅÅÅÅ", "DD/MM/ÅÅÅÅ", "ÅÅÅÅ-MM-DD")
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
            return ABSENT
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


def convert_value(value: Any, target: FieldTarget) -> Any:
    if target.kind == "list":
        items = (
            value.splitlines()
            if isinstance(value, str)
            else (value if isinstance(value, list) else [value])
        )
        out = [_convert_scalar(v, target.item or "any", target) for v in items]
        out = [v for v in out if v is not ABSENT]
        return out or ABSENT
    return _convert_scalar(value, target.kind, target)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
