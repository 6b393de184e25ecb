"""What a form's template may use: every field path with its type and Danish title.

Used by ``samarbejdsdok fields FORM`` (for the person editing a template in Word), by
``check-template`` for its "did you mean" suggestions, and by the generated docs/forms.md.
The fields themselves come from :mod:`samarbejdsdok.introspect`; this module only shapes them
into rows. Paths are written as in a template: ``organisation.kommune``, and ``boern[].navn``
for the fields of each item in a list (in the template: ``{% for barn in boern %}{{ barn.navn }}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import law
from .forms import FormRef, model_of
from .introspect import form_fields, type_name
from .placeholders import DOKUMENT_FIELDS

__all__ = ["FieldRow", "field_rows", "field_notes", "template_paths", "type_name"]


@dataclass(frozen=True)
class FieldRow:
    path: str
    title: str
    type: str
    required: bool
    description: str
    computed: bool = False


def field_rows(model: FormRef | type[BaseModel], *, computed: bool = True) -> list[FieldRow]:
    """Every input field (and, with ``computed``, every derived field and picture) of ``model``
    (a form's name, ``FormSpec``, model class or instance, or any model class)."""
    model = model_of(model)
    return [
        FieldRow(f.path, f.title, f.type_name, f.required, f.description, f.computed)
        for f in form_fields(model, computed=computed)
    ]


def field_notes(
    model: FormRef | type[BaseModel], profil: Mapping[str, Any] | None = None
) -> list[str]:
    """Lines a form adds below its field listing (a form model's ``field_notes`` classmethod),
    such as which box number is which partner; ``profil`` is the municipality profile, if any."""
    notes = getattr(model_of(model), "field_notes", None)
    return list(notes(profil)) if callable(notes) else []


def template_paths(model: FormRef | type[BaseModel]) -> list[str]:
    """Every path a template may print: the fields, ``lov.<key>.<attr>`` and ``dokument.*``."""
    paths = [f.path for f in form_fields(model_of(model))]
    for key in law.references():
        paths += [f"lov.{key}.{attr}" for attr in law.REFERENCE_ATTRIBUTES]
    paths += [f"dokument.{name}" for name in DOKUMENT_FIELDS]
    return paths
