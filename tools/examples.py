"""Example data beyond a form's bundled example, for the tests and for `tools/gallery.py`.

- :func:`leaves` finds every text value of a form's data with the kind of its field;
- :func:`maximal` makes the "maximal example": every list three times as long and every free
  text three times as long with a line break in it;
- :func:`valid` validates such data, keeping a list as in the bundled example where making it
  longer broke a rule (a weekday twice).
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import FormSpec
from samarbejdsdok.introspect import FormField, field_at
from samarbejdsdok.validation import validate

_KINDS = {"cpr": "cpr", "telefon": "phone", "email": "email"}


def _kind(f: FormField) -> str:
    """What junk fits a field: by our own field type, else by its plain type."""
    if f.field_type is not None:
        return _KINDS.get(f.field_type, "typed")
    kind = f.item if f.kind == "list" else f.kind
    kinds = {"str": "text", "date": "date", "time": "time", "enum": "choice"}
    return kinds.get(kind or "", "other")


def leaves(model: type[BaseModel], data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, kind) of every text value present in ``data``, the kind from the form's fields
    (:mod:`samarbejdsdok.introspect`)."""
    found = []
    for name, value in data.items():
        here = (*path, name)
        f = field_at(model, here)  # the field holding the value (or the list of values)
        items = [((*here, i), v) for i, v in enumerate(value)] if isinstance(value, list) else []
        for loc, item in items or [(here, value)]:
            if isinstance(item, dict):
                found += leaves(model, item, loc) if f is not None and f.model else []
            elif isinstance(item, str):
                kind = _kind(f) if f is not None else "other"
                if kind != "choice":
                    found.append((loc, "text" if kind == "other" and items else kind))
    return found


def get(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


def put(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def maximal(example: dict, model: type[BaseModel] | None = None) -> dict:
    """Every list three times as long, and (given the form's model) every free text (a text of
    40 characters or more in the example) three times as long with a line break in it."""
    data = copy.deepcopy(example)

    def grow(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: grow(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [grow(v) for v in value]
            if items and not isinstance(items[0], str):
                return [copy.deepcopy(v) for v in items * 3]  # no item shared
            return items
        return value

    data = grow(data)
    if model is not None:
        for path, kind in leaves(model, data):
            value = get(data, path)
            if kind == "text" and len(value) >= 40:
                put(data, path, f"{value}\n{value} {value}")
    return data


def valid(spec: FormSpec, data: dict) -> BaseModel:
    """Validate; where making a list longer broke a rule (a weekday twice), keep that list as
    in the example."""
    for _ in range(10):
        try:
            return validate(spec.model, data, form=spec.name)
        except DataError as exc:
            original = spec.example()
            for problem in exc.problems:
                keys = problem.path.split(".")
                cut = next((i for i, k in enumerate(keys) if k.isdigit()), None)
                if cut is None:  # not caused by a longer list: a real problem
                    raise
                target, source = data, original
                for k in keys[: cut - 1]:
                    target, source = target[k], source[k]
                target[keys[cut - 1]] = copy.deepcopy(source[keys[cut - 1]])
    return validate(spec.model, data, form=spec.name)


def maximal_model(spec: FormSpec) -> BaseModel:
    """``spec``'s maximal example, validated."""
    return valid(spec, maximal(spec.example(), spec.model))
