"""The registry of forms: one module per form, each exposing ``SPEC`` (a :class:`FormSpec`).

>>> [spec.name for spec in all_forms()][:2]
['samtykke_statistik', 'samtykke_generel']
>>> get_form("familieplan").title
'Helhedsorienteret familieplan'
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib import import_module

from ..errors import FormNotFoundError
from ._base import FormModel, FormSpec

__all__ = ["FormSpec", "FormModel", "FORM_NAMES", "all_forms", "get_form"]

#: Every form, in the order of the catalogue (../shared/FORMS.md). A new form is a new module
#: here plus one line in this tuple.
FORM_NAMES: tuple[str, ...] = (
    "samtykke_statistik",
    "samtykke_generel",
    "screeningsmoede",
    "netvaerksmoede_notat",
    "familieplan",
)


@cache
def get_form(name: str) -> FormSpec:
    """The form called ``name``; :class:`FormNotFoundError` (a ``LookupError``) if none is."""
    if name not in FORM_NAMES:
        close = difflib.get_close_matches(name, FORM_NAMES, n=3)
        hint = f" Mente du: {', '.join(close)}?" if close else ""
        raise FormNotFoundError(f"Formularen '{name}' findes ikke.{hint}", form=name)
    spec = import_module(f"{__name__}.{name}").SPEC
    assert spec.name == name, f"forms/{name}.py declares SPEC.name={spec.name!r}"
    return spec


def all_forms() -> list[FormSpec]:
    """Every form, in catalogue order."""
    return [get_form(name) for name in FORM_NAMES]
