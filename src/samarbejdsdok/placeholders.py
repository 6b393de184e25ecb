"""A form's placeholders: which paths its context has, and which of a template's references
it lacks.

The engine reads a template's references (:mod:`samarbejdsdok.engine.introspection`) without
knowing any form; here they are checked against a form's model, whose context holds the model's
fields and computed fields, its pictures, the ``lov`` table and ``dokument``
(see :func:`samarbejdsdok.rendering.render_context`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from . import law
from .engine.introspection import Reference, references, template_sources
from .engine.introspection import check_path as _check_path
from .engine.pictures import Picture
from .forms import FormRef, model_of
from .introspect import LIST_ITEM, form_fields

__all__ = [
    "Reference",
    "template_sources",
    "references",
    "context_types",
    "check_path",
    "unknown_placeholders",
    "DOKUMENT_FIELDS",
]

#: Context names every template gets besides the model's fields (see rendering.render_context).
DOKUMENT_FIELDS = ("titel", "formular")


def context_types(model: FormRef | type[BaseModel]) -> dict[str, Any]:
    """The type of every top-level name in the context of ``model``'s form (the form's name,
    ``FormSpec``, model class or an instance)."""
    roots: dict[str, Any] = {
        f.path: Picture if f.kind == "picture" else f.annotation
        for f in form_fields(model_of(model))
        if "." not in f.path and LIST_ITEM not in f.path
    }
    reference_fields = dict.fromkeys(law.REFERENCE_ATTRIBUTES, Any)
    roots["lov"] = {key: reference_fields for key in law.references()}
    roots["dokument"] = {k: Any for k in DOKUMENT_FIELDS}
    return roots


def check_path(model: FormRef | type[BaseModel], path: tuple[str, ...]) -> str | None:
    """``None`` if ``path`` names something the model's context has, else what is wrong."""
    return _check_path(context_types(model), path)


def unknown_placeholders(
    docx: bytes, model: FormRef | type[BaseModel]
) -> list[tuple[Reference, str]]:
    """Every reference in the template that the model's context does not have, with why."""
    roots = context_types(model)
    problems = []
    for ref in references(docx):
        why = _check_path(roots, ref.path)
        if why is not None:
            problems.append((ref, why))
    return problems
