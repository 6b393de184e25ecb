"""What a form's template may use: every field path with its type and Danish title.

Used by ``samarbejdsdok fields FORM`` (for the person editing a template in Word), by
``check-template`` for its "did you mean" suggestions, and by the generated docs/forms.md.
Paths are written as in a template: ``organisation.kommune``, and ``boern[].navn`` for the
fields of each item in a list (in the template: ``{% for barn in boern %}{{ barn.navn }}``).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import law
from .placeholders import DOKUMENT_FIELDS

__all__ = ["FieldRow", "field_rows", "template_paths", "type_name"]

_TYPE_NAMES = {
    "str": "tekst",
    "bool": "ja/nej",
    "int": "heltal",
    "float": "tal",
    "Decimal": "tal",
    "date": "dato",
    "time": "klokkeslæt",
    "datetime": "dato og klokkeslæt",
}


@dataclass(frozen=True)
class FieldRow:
    path: str
    title: str
    type: str
    required: bool
    description: str
    computed: bool = False


def type_name(annotation: Any) -> str:
    """A short Danish name of a field's type (``liste af Barn``, ``dato eller tom``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        for m in meta:
            schema = getattr(m, "json_schema", None)
            if isinstance(schema, dict) and "description" in schema:
                return str(schema["description"]).split(";")[0].split(",")[0]
        return type_name(base)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " eller ".join(type_name(a) for a in args)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return f"liste af {type_name(item)}"
    if isinstance(annotation, type):
        return _TYPE_NAMES.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def _field_type_name(field: Any) -> str:
    # Pydantic moves Annotated[...] metadata (e.g. the CPR type's schema) onto the FieldInfo.
    for m in getattr(field, "metadata", ()):
        schema = getattr(m, "json_schema", None)
        if isinstance(schema, dict) and "description" in schema:
            name = schema["description"].split(";")[0].split(",")[0]
            return f"{name} eller tom" if not field.is_required() else name
    return type_name(field.annotation)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in typing.get_args(annotation))


def field_rows(
    model: type[BaseModel], prefix: str = "", *, computed: bool = True
) -> list[FieldRow]:
    """Every input field (and, with ``computed``, every derived field) of ``model``."""
    rows: list[FieldRow] = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        path = f"{prefix}{name}"
        rows.append(
            FieldRow(
                path,
                field.title or "",
                _field_type_name(field),
                field.is_required(),
                " ".join((field.description or "").split()),
            )
        )
        inner = _inner_model(ann)
        if inner is not None:
            sub = f"{path}[]." if _is_list(ann) else f"{path}."
            rows.extend(field_rows(inner, sub, computed=computed))
    if computed:
        for name, cfield in model.model_computed_fields.items():
            ann = cfield.return_type
            path = f"{prefix}{name}"
            doc = cfield.description or cfield.wrapped_property.__doc__ or ""
            rows.append(
                FieldRow(path, "", type_name(ann), False, " ".join(doc.split()), computed=True)
            )
            inner = _inner_model(ann)
            if inner is not None:
                sub = f"{path}[]." if _is_list(ann) else f"{path}."
                rows.extend(
                    FieldRow(r.path, r.title, r.type, False, r.description, computed=True)
                    for r in field_rows(inner, sub, computed=computed)
                )
        pictures = getattr(model, "pictures", None)
        for name, title in (pictures() if pictures is not None else {}).items():
            doc = getattr(model, name).__doc__ or ""
            rows.append(
                FieldRow(
                    f"{prefix}{name}",
                    title,
                    "billede",
                    False,
                    " ".join(doc.split()),
                    computed=True,
                )
            )
    return rows


def template_paths(model: type[BaseModel]) -> list[str]:
    """Every path a template may print: the fields, ``lov.<key>.<attr>`` and ``dokument.*``."""
    paths = [r.path for r in field_rows(model)]
    for key in law.references():
        paths += [f"lov.{key}.{attr}" for attr in ("henvisning", "lov", "kilde", "gaelder_fra")]
    paths += [f"dokument.{name}" for name in DOKUMENT_FIELDS]
    return paths
