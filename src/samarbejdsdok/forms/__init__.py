"""The registry of forms: one module per form, each exposing ``SPEC`` (a :class:`FormSpec`).

A form is found by its module: every module in this package whose name does not start with
``_`` is a form, so adding a form is adding its module (as python-stdnum finds its number
formats). The forms are listed in the order of the catalogue (A1, A2, …, B1, …).

>>> [spec.code for spec in all_forms()][:3]
['A1', 'A2', 'A3']
>>> get_form("familieplan").title
'Helhedsorienteret familieplan'
"""

from __future__ import annotations

import difflib
import pkgutil
import re
from functools import cache
from importlib import import_module

from ..errors import FormNotFoundError
from ._base import Attachment, FormModel, FormSpec

__all__ = ["FormSpec", "FormModel", "Attachment", "form_names", "all_forms", "get_form"]


@cache
def _module_names() -> frozenset[str]:
    return frozenset(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@cache
def get_form(name: str) -> FormSpec:
    """The form called ``name``; :class:`FormNotFoundError` (a ``LookupError``) if none is."""
    if name not in _module_names():
        close = difflib.get_close_matches(name, sorted(_module_names()), n=3)
        hint = f" Mente du: {', '.join(close)}?" if close else ""
        raise FormNotFoundError(f"Formularen '{name}' findes ikke.{hint}", form=name)
    spec: FormSpec = import_module(f"{__name__}.{name}").SPEC
    assert spec.name == name, f"forms/{name}.py declares SPEC.name={spec.name!r}"
    return spec


def _catalogue_order(spec: FormSpec) -> tuple[str, int, str]:
    m = re.fullmatch(r"([A-Z])(\d+)", spec.code)
    return (m.group(1), int(m.group(2)), spec.name) if m else ("~", 0, spec.name)


@cache
def _all() -> tuple[FormSpec, ...]:
    return tuple(sorted((get_form(n) for n in _module_names()), key=_catalogue_order))


def all_forms() -> list[FormSpec]:
    """Every form, in catalogue order."""
    return list(_all())


def form_names() -> list[str]:
    """The name of every form, in catalogue order."""
    return [spec.name for spec in _all()]
