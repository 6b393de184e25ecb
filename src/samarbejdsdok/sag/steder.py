"""Where a problem is in a case file, as people count and as the file's lines say.

A problem's ``path`` counts list positions from 0, as programs do (``moeder.5.deltagere.3``).
People count from 1 and read the file by its lines, so every problem the case file reports also
carries its place in words (:func:`place`: ``møde 6, deltager 4``) and, for a YAML or JSON
file, the line the path points at (:func:`lines_of`).

>>> place("moeder.5.deltagere.3")
'møde 6, deltager 4'
>>> place("familie.medlemmer.0.cpr")
'familiemedlem 1'
>>> place("sagsnummer")
''
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..errors import Problem

__all__ = ["place", "lines_of", "locate"]

#: The case file's lists, by the Danish word for one of their items.
_ITEMS = {
    "moeder": "møde",
    "deltagere": "deltager",
    "afbud": "afbud",
    "aftaler": "aftale",
    "ansvarlige": "ansvarlig",
    "samtykker": "samtykke",
    "netvaerk": "person i netværket",
    "medlemmer": "familiemedlem",
    "runde": "runde",
    "boern": "barn",
    "parter": "part",
    "maal": "mål",
    "indsatser": "indsats",
}


def place(path: str) -> str:
    """The list positions of ``path`` in words, counted from 1; empty if it has none."""
    parts = path.split(".")
    words = []
    for name, nxt in zip(parts, parts[1:], strict=False):
        if nxt.isdigit() and name in _ITEMS:
            words.append(f"{_ITEMS[name]} {int(nxt) + 1}")
    return ", ".join(words)


def lines_of(text: str) -> dict[str, int]:
    """Every path of a YAML (or JSON) document with the line (from 1) it starts on; empty if
    the text cannot be composed (the parse error is reported elsewhere)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                lines[sub] = key.start_mark.line + 1
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = f"{path}.{i}" if path else str(i)
                lines[sub] = item.start_mark.line + 1
                walk(item, sub)

    if root is not None:
        walk(root, "")
    return lines


def _line(path: str, lines: dict[str, int]) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path.rpartition(".")[0]
    return None


def locate(problems: Iterable[Problem], lines: dict[str, int] | None = None) -> list[Problem]:
    """The problems with their places in words and, given the file's ``lines``, their lines."""
    out = []
    for p in problems:
        line = _line(p.path, lines) if lines else None
        out.append(dataclasses.replace(p, place=p.place or place(p.path), line=p.line or line))
    return out
