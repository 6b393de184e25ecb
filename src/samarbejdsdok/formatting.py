"""Danish formatting for the documents, made with babel (locale ``da``).

Every filter a template may use is a plain function collected in :data:`FILTERS`. The same
functions decide how a bare ``{{ value }}`` prints (see :func:`display`): a date prints as
``23. november 2026``, a time as ``10.00``, ``None`` as nothing, a yes/no as ``ja``/``nej``.

>>> import datetime as dt
>>> dato(dt.date(2026, 11, 23))
'23. november 2026'
>>> dato_lang(dt.date(2026, 11, 23))
'mandag den 23. november 2026'
>>> kl(dt.time(10, 0))  # a no-break space: the time never starts a line on its own
'kl.\xa010.00'
>>> liste(["a", "b", "c"])
'a, b og c'
>>> kroner(1234.5)  # a no-break space keeps the amount and "kr." together
'1.234,50\xa0kr.'
>>> cpr_maskeret("150311-4123")  # a non-breaking hyphen (Word's w:noBreakHyphen)
'150311\u2011XXXX'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from .fields import format_phone, mask_cpr

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # typing.TypeIs from Python 3.13

#: Parsed once: babel would otherwise parse the locale name on every call.
LOCALE = Locale.parse("da_DK")

# The formatters below are pure functions of small hashable values (a date, a time, a phone
# number), and a batch prints the same ones again and again: cache their results.
_cached = lru_cache(maxsize=4096)

CHECKED = "\u2612"  # ☒ BALLOT BOX WITH X
#: Between words a line must not part: "kl. 10.00", the groups of a phone number.
NBSP = "\u00a0"
#: A CPR number's hyphen, which a line must not break at (Word's ``w:noBreakHyphen``).
NON_BREAKING_HYPHEN = "\u2011"
UNCHECKED = "\u2610"  # ☐ BALLOT BOX

__all__ = [
    "FILTERS",
    "display",
    "dato",
    "dato_lang",
    "dato_kort",
    "kl",
    "tidsrum",
    "dato_kl",
    "liste",
    "kroner",
    "tal",
    "cpr_maskeret",
    "telefon",
    "afkrydset",
    "stort",
    "ja_nej",
]


def _empty(value: Any) -> TypeIs[None]:
    """None or "" (a value that prints as nothing). Narrows ``X | None`` to ``X`` after it."""
    return value is None or value == ""


@_cached
def dato(value: dt.date | None) -> str:
    """``23. november 2026``."""
    if _empty(value):
        return ""
    return format_date(value, "d. MMMM y", locale=LOCALE)


@_cached
def dato_lang(value: dt.date | None) -> str:
    """``mandag den 23. november 2026``: weekday and month in lower case."""
    if _empty(value):
        return ""
    return format_date(value, "EEEE 'den' d. MMMM y", locale=LOCALE)


@_cached
def dato_kort(value: dt.date | None) -> str:
    """``23.11.2026``, for narrow table columns."""
    if _empty(value):
        return ""
    return format_date(value, "dd.MM.y", locale=LOCALE)


def _clock(value: dt.time | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return format_datetime(value, "HH.mm", locale=LOCALE)
    return format_time(value, "HH.mm", locale=LOCALE)


@_cached
def kl(value: dt.time | dt.datetime | None) -> str:
    """``kl. 10.00`` (a non-breaking space after ``kl.``)."""
    if _empty(value):
        return ""
    return f"kl.{NBSP}{_clock(value)}"


def tidsrum(start: dt.time | None, slut: dt.time | None) -> str:
    """``kl. 10.00–12.00`` (an en dash, as Danish writes a range); only the start when there
    is no end. A no-break space after ``kl.`` and a word joiner (U+2060) after the dash keep
    the range on one line: a narrow table cell broke it as ``kl. 10.40–`` / ``10.55``."""
    if _empty(start):
        return ""
    if _empty(slut):
        return kl(start)
    return f"kl.{NBSP}{_clock(start)}\u2013\u2060{_clock(slut)}"


@_cached
def dato_kl(value: dt.datetime | None) -> str:
    """``mandag den 23. november 2026 kl. 10.00``."""
    if _empty(value):
        return ""
    return f"{dato_lang(value.date())} {kl(value)}"


def liste(values: Iterable[Any] | None) -> str:
    """``a, b og c``; empty items are left out."""
    if values is None:
        return ""
    items = [display(v) for v in values]
    items = [i for i in items if i]
    if not items:
        return ""
    return format_list(items, style="standard", locale=LOCALE)


@_cached
def kroner(value: float | Decimal | int | None) -> str:
    """``1.234,50 kr.`` (with a no-break space before ``kr.``)."""
    if _empty(value):
        return ""
    return format_currency(value, "DKK", locale=LOCALE)


@_cached
def tal(value: float | Decimal | int | None) -> str:
    """A number with Danish decimal comma: ``7,5``."""
    if _empty(value):
        return ""
    return format_decimal(value, locale=LOCALE)


def cpr_maskeret(value: str | None) -> str:
    """``150311-XXXX``: for documents that may show the birth date but not the number; the
    hyphen does not break (U+2011, Word's non-breaking hyphen)."""
    if _empty(value):
        return ""
    return mask_cpr(value).replace("-", NON_BREAKING_HYPHEN)


@_cached
def telefon(value: str | None) -> str:
    """``20 12 34 56``, the groups joined by non-breaking spaces (a number never parts over two
    lines)."""
    if _empty(value):
        return ""
    return format_phone(value).replace(" ", NBSP)


def stort(value: Any) -> str:
    """The text with a capital first letter and the rest as written (``it-konsulent`` →
    ``It-konsulent``; Jinja's ``capitalize`` would lower the rest): for a value that starts a
    line or a table cell."""
    if _empty(value):
        return ""
    text = str(value)
    return text[:1].upper() + text[1:]


_ANY = object()


def afkrydset(value: Any, svar: Any = _ANY) -> str:
    """A check box: ``☒`` when the value is true, else ``☐``; with ``svar``, ``☒`` when the
    value is that answer (``{{ tolk|afkrydset(false) }} Nej``: ticked for no, not for an
    unanswered None; ``{{ rolle|afkrydset('aktiv') }}``).

    >>> afkrydset(True), afkrydset(None, False), afkrydset(False, False), afkrydset("a", "a")
    ('☒', '☐', '☒', '☒')
    """
    if svar is _ANY:
        return CHECKED if value else UNCHECKED
    return CHECKED if value is not None and value == svar else UNCHECKED


def ja_nej(value: bool | None) -> str:
    """``ja``, ``nej``, or nothing when not answered."""
    if value is None:
        return ""
    return "ja" if value else "nej"


def display(value: Any) -> Any:
    """How a bare ``{{ value }}`` prints: Danish dates and numbers, never ``None``/``True``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ja_nej(value)
    if isinstance(value, dt.datetime):
        return dato_kl(value)
    if isinstance(value, dt.date):
        return dato(value)
    if isinstance(value, dt.time):
        return _clock(value)
    if isinstance(value, (float, Decimal)):
        return tal(value)
    return value


FILTERS: dict[str, Callable[..., Any]] = {
    "dato": dato,
    "dato_lang": dato_lang,
    "dato_kort": dato_kort,
    "kl": kl,
    "tidsrum": tidsrum,
    "dato_kl": dato_kl,
    "liste": liste,
    "kroner": kroner,
    "tal": tal,
    "cpr_maskeret": cpr_maskeret,
    "telefon": telefon,
    "afkrydset": afkrydset,
    "stort": stort,
    "ja_nej": ja_nej,
}
"""Every Danish filter a template may use, by name."""
