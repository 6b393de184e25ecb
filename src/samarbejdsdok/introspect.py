"""One description of a form's fields, read by everything that needs to know them.

A model's fields are walked here, once per model, into a flat tuple of :class:`FormField`:
path, Danish title, kind, choices, whether it is a CPR number, and so on. The JSON Schemas,
``samarbejdsdok fields`` and docs/forms.md, the placeholder check, the mail merge's columns,
the validation messages and the tests all read this, so they cannot disagree about a form.

Paths are written as in a template: ``organisation.kommune``, and ``boern[].navn`` for a field
of each item of a list (``{% for barn in boern %}{{ barn.navn }}``). The mail merge writes list
positions as ``#`` (``boern.#.navn``): :attr:`FormField.merge_path`.

>>> from samarbejdsdok.forms import get_form
>>> f = field_map(get_form("samtykke_generel").model)
>>> f["boern[].cpr"].title, f["boern[].cpr"].field_type, f["boern[].cpr"].kind
('Barnets cpr-nummer', 'cpr', 'str')
>>> f["interne_parter"].kind, f["interne_parter"].item, f["interne_parter[].afkrydset"].kind
('list', 'model', 'bool')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel

from .fields import FieldType

__all__ = [
    "LIST_ITEM",
    "FormField",
    "field_at",
    "field_map",
    "form_fields",
    "models_in",
    "type_name",
    "unwrap",
]

#: What a path says for "each item of the list": ``boern[].navn``.
LIST_ITEM = "[]"

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


@dataclasses.dataclass(frozen=True)
class FormField:
    """One field of a form's model (or of a model inside it).

    Attributes:
        path: the template path, ``boern[].cpr``.
        title: the field's label on the paper form (``""`` for a computed field without one).
        description: the field's description, on one line.
        required: the input must give it.
        kind: ``str``, ``bool``, ``date``, ``time``, ``datetime``, ``int``, ``decimal``,
            ``float``, ``enum``, ``model`` (a nested model), ``list``, ``picture`` or ``any``.
        item: for a ``list``, the kind of its items (``model`` for a list of models).
        choices: the allowed values of an ``enum`` (or of a list of them).
        field_type: our own field type (:class:`samarbejdsdok.fields.FieldType`): ``cpr``,
            ``telefon``, ``postnummer``, ``email``, ``timer`` or ``klokkeslaet``; else None.
        accepts_numbers: the type's validator takes a number from a spreadsheet (CPR, phone,
            postal code), so the mail merge passes numbers on as they are.
        computed: derived from the input (a computed field or a picture), not given.
        model: for ``model`` and a list of models, the nested model.
        type_name: a short Danish name of the type (``liste af Barn``, ``dato eller tom``).
        annotation: the field's annotation as the model declares it.
    """

    path: str
    title: str
    description: str
    required: bool
    kind: str
    item: str | None = None
    choices: tuple[str, ...] = ()
    field_type: str | None = None
    accepts_numbers: bool = False
    computed: bool = False
    model: type[BaseModel] | None = None
    type_name: str = ""
    annotation: Any = None

    @property
    def cpr(self) -> bool:
        """The field holds a CPR number (or a list of them)."""
        return self.field_type == "cpr"

    @property
    def name(self) -> str:
        """The field's own name, the last part of the path."""
        return self.path.rsplit(".", 1)[-1].removesuffix(LIST_ITEM)

    @property
    def merge_path(self) -> str:
        """The path as the mail merge writes it: ``boern.#.cpr``."""
        return self.path.replace(LIST_ITEM, ".#")

    @property
    def depth(self) -> int:
        """How many lists the path goes through."""
        return self.path.count(LIST_ITEM)


def unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """Strip ``Annotated`` and ``| None``: the inner type, the metadata found, and whether
    None was allowed."""
    meta: list[Any] = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, meta = args[0], meta + list(args[1:])
            continue
        if origin is typing.Union or isinstance(annotation, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) < len(typing.get_args(annotation)):
                optional = True
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation, meta, optional


def _is_model(t: Any) -> typing.TypeGuard[type[BaseModel]]:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _is_list(t: Any) -> bool:
    return typing.get_origin(t) in (list, tuple, set, frozenset)


def _kind(t: Any) -> tuple[str, tuple[str, ...]]:
    """The kind of a plain (unwrapped, not a list) type, and its choices."""
    if typing.get_origin(t) is typing.Literal:
        return "enum", tuple(str(a) for a in typing.get_args(t))
    if not isinstance(t, type):
        return "any", ()
    if issubclass(t, BaseModel):
        return "model", ()
    if issubclass(t, enum.Enum):
        return "enum", tuple(str(m.value) for m in t)
    for cls, kind in (
        (bool, "bool"),
        (dt.datetime, "datetime"),
        (dt.date, "date"),
        (dt.time, "time"),
        (int, "int"),
        (Decimal, "decimal"),
        (float, "float"),
        (str, "str"),
    ):
        if issubclass(t, cls):
            return kind, ()
    return "any", ()


def _field_type(meta: Sequence[Any]) -> FieldType | None:
    return next((m for m in meta if isinstance(m, FieldType)), None)


def type_name(annotation: Any) -> str:
    """A short Danish name of a type (``liste af Barn``, ``dato eller tom``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        ftype = _field_type(meta)
        return ftype.title if ftype is not None else type_name(base)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " eller ".join(type_name(a) for a in args)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return f"liste af {type_name(item)}"
    if isinstance(annotation, type):
        return _TYPE_NAMES.get(annotation.__name__, annotation.__name__)
    return str(annotation)


def _describe(
    path: str,
    annotation: Any,
    metadata: Sequence[Any],
    *,
    title: str,
    description: str,
    required: bool,
    computed: bool,
) -> FormField:
    t, meta, optional = unwrap(annotation)
    meta = [*metadata, *meta]
    item: str | None = None
    model: type[BaseModel] | None = None
    ftype = _field_type(meta)
    if _is_list(t):
        args = typing.get_args(t)
        inner, inner_meta, _ = unwrap(args[0]) if args else (Any, [], False)
        ftype = ftype or _field_type(inner_meta)
        item, choices = _kind(inner)
        kind = "list"
        model = inner if _is_model(inner) else None
    else:
        kind, choices = _kind(t)
        model = t if _is_model(t) else None
    # Pydantic moves a top-level Annotated[...]'s metadata onto the field: the type's own name
    # (CPR-nummer) is then there, not in the annotation.
    name = ftype.title if ftype is not None and kind != "list" else type_name(t)
    if optional:
        name += " eller tom"
    return FormField(
        path=path,
        title=title,
        description=" ".join(description.split()),
        required=required,
        kind=kind,
        item=item,
        choices=choices,
        field_type=ftype.name if ftype is not None else None,
        accepts_numbers=ftype.accepts_numbers if ftype is not None else False,
        computed=computed,
        model=model,
        type_name=name,
        annotation=annotation,
    )


def _walk(model: type[BaseModel], prefix: str, computed: bool, out: list[FormField]) -> None:
    def below(f: FormField) -> None:
        if f.model is not None:
            sub = f"{f.path}{LIST_ITEM}." if f.kind == "list" else f"{f.path}."
            before = len(out)
            _walk(f.model, sub, computed, out)
            if f.computed:  # everything inside a computed field is computed too
                out[before:] = [
                    dataclasses.replace(g, computed=True, required=False) for g in out[before:]
                ]

    for name, info in model.model_fields.items():
        f = _describe(
            f"{prefix}{name}",
            info.annotation,
            info.metadata,
            title=info.title or "",
            description=info.description or "",
            required=info.is_required(),
            computed=False,
        )
        out.append(f)
        below(f)
    if not computed:
        return
    for name, cinfo in model.model_computed_fields.items():
        doc = cinfo.description or cinfo.wrapped_property.__doc__ or ""
        f = _describe(
            f"{prefix}{name}",
            cinfo.return_type,
            (),
            title=cinfo.title or "",
            description=doc,
            required=False,
            computed=True,
        )
        out.append(f)
        below(f)
    pictures = getattr(model, "pictures", None)
    for name, title in (pictures() if pictures is not None else {}).items():
        out.append(
            FormField(
                path=f"{prefix}{name}",
                title=title,
                description=" ".join((getattr(model, name).__doc__ or "").split()),
                required=False,
                kind="picture",
                computed=True,
                type_name="billede",
            )
        )


@cache
def form_fields(model: type[BaseModel], *, computed: bool = True) -> tuple[FormField, ...]:
    """Every field of ``model`` and of the models inside it, each before its own fields; with
    ``computed``, also the computed fields and the pictures a template may use."""
    out: list[FormField] = []
    _walk(model, "", computed, out)
    return tuple(out)


@cache
def field_map(model: type[BaseModel], *, computed: bool = True) -> dict[str, FormField]:
    """:func:`form_fields` by path (treat it as read-only: it is shared)."""
    return {f.path: f for f in form_fields(model, computed=computed)}


def field_at(model: type[BaseModel], loc: Sequence[str | int]) -> FormField | None:
    """The input field at a location as pydantic reports it (``["boern", 0, "cpr"]``), or
    None when there is none (a list position, an unknown name)."""
    path = ""
    for part in loc:
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            if not path:
                return None
            path += LIST_ITEM
        else:
            path = f"{path}.{part}" if path else str(part)
    if not path or path.endswith(LIST_ITEM):
        return None
    return field_map(model, computed=False).get(path)


def models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``model``'s input fields, by class name (the ``$defs`` key
    of its JSON Schema)."""
    found: dict[str, type[BaseModel]] = {}
    for f in form_fields(model, computed=False):
        if f.model is not None:
            found.setdefault(f.model.__name__, f.model)
    return found
