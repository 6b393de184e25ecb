"""JSON Schemas of the forms, generated from the models.

The schema of a form is what its data must look like: Danish field names, each with its ``title``
from the paper form. ``schemas/<form>.schema.json`` in the repository holds the generated files
(``python tools/build_docs.py`` writes them; a test fails when one is stale).
"""

from __future__ import annotations

from typing import Any

from .forms import FormSpec

__all__ = ["form_schema", "SCHEMA_DIALECT"]

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
    schema["examples"] = [spec.example()]
    return schema
