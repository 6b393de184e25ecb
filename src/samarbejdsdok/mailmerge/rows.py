"""Rows as dotted keys, and back into the nested data a form's model validates."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .columns import Parts, _parts


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
