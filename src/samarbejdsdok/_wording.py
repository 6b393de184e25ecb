"""Danish wording shared by the messages: a count with its noun in the right number, and
enumerations joined the Danish way (babel, locale ``da``).

>>> count(1, "række", "rækker")
'1 række'
>>> count(10000, "række", "rækker")
'10.000 rækker'
>>> or_list(["'anmodet'", "'givet'", "'udløbet'"])
"'anmodet', 'givet' eller 'udløbet'"
>>> and_list(["a", "b", "c"])
'a, b og c'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

__all__ = ["count", "or_list", "and_list"]


def count(n: int, singular: str, plural: str) -> str:
    """``n`` and the noun in the right number: ``1 række``, ``0 rækker``, ``2 rækker``; numbers
    from 1,000 with a dot between the thousands (``10.000``)."""
    return f"{n:,}".replace(",", ".") + " " + (singular if n == 1 else plural)


def or_list(items: Iterable[str]) -> str:
    """``a, b eller c`` (``a`` alone, ``""`` for none)."""
    return _joined(items, "or")


def and_list(items: Iterable[str]) -> str:
    """``a, b og c`` (``a`` alone, ``""`` for none)."""
    return _joined(items, "standard")


def _joined(items: Iterable[str], style: Literal["or", "standard"]) -> str:
    from babel.lists import format_list  # imported on use: the CLI starts without babel

    values = list(items)
    return format_list(values, style=style, locale="da") if values else ""
