"""JSON Schemas of the forms, generated from the models.

The schema of a form is what its data must look like: Danish field names, each with its ``title``
from the paper form. ``schemas/<form>.schema.json`` in the repository holds the generated files
(``python tools/build_docs.py`` writes them; a test fails when one is stale).
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from .forms import FormSpec

__all__ = ["form_schema", "sag_schema", "SCHEMA_DIALECT"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def form_schema(spec: FormSpec) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a form's input data."""
    body = spec.model.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://samarbejdsdok.dk/schemas/{spec.name}.schema.json",
        "title": spec.title,
    }
    body.pop("title", None)
    if spec.model.__doc__ and "description" not in body:
        body["description"] = " ".join(spec.model.__doc__.split())
    schema.update(body)
    _fill_titles(schema, spec.model)
    for name, model in _models(spec.model).items():
        if name in schema.get("$defs", {}):
            _fill_titles(schema["$defs"][name], model)
    schema["examples"] = [spec.example()]
    return schema


def sag_schema() -> dict[str, Any]:
    """The JSON Schema of the case file (:class:`samarbejdsdok.sag.Sag`)."""
    from .sag import Sag, eksempel

    body = Sag.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://samarbejdsdok.dk/schemas/sag.schema.json",
        "title": "Sag",
    }
    body.pop("title", None)
    body["description"] = (
        "Én families forløb i én fil: familien, netværket, samtykkerne, møderne og aftalerne. "
        "Hvert dokument i forløbet laves ud fra sagen."
    )
    schema.update(body)
    _fill_titles(schema, Sag)
    for name, model in _models(Sag).items():
        if name in schema.get("$defs", {}):
            _fill_titles(schema["$defs"][name], model)
    schema["examples"] = [eksempel().model_dump(mode="json", exclude_defaults=True)]
    return schema


def _fill_titles(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Pydantic leaves out a field's title when it equals the sub-model's class name
    (``samtykkegiver: Samtykkegiver``); every property should show the paper form's label."""
    for name, prop in schema.get("properties", {}).items():
        info = model.model_fields.get(name)
        if info is not None and info.title and "title" not in prop:
            prop["title"] = info.title


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``model``'s fields, by class name (the ``$defs`` key)."""
    found: dict[str, type[BaseModel]] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation.__name__ not in found:
                found[annotation.__name__] = annotation
                for f in annotation.model_fields.values():
                    visit(f.annotation)
            return
        for arg in typing.get_args(annotation):
            visit(arg)

    for f in model.model_fields.values():
        visit(f.annotation)
    return found
