"""JSON Schemas of the forms, generated from the models.

The schema of a form is what its data must look like: Danish field names, each with its ``title``
from the paper form. ``schemas/<form>.schema.json`` in the repository holds the generated files
(``python tools/build_docs.py`` writes them; a test fails when one is stale).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .forms import FormRef, get_form
from .introspect import models_in

__all__ = ["form_schema", "sag_schema", "SCHEMA_DIALECT"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def form_schema(form: FormRef) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a form's input data; ``form`` is its name, its
    ``FormSpec``, its model class or an instance."""
    spec = get_form(form)
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
    for name, model in models_in(spec.model).items():
        if name in schema.get("$defs", {}):
            _fill_titles(schema["$defs"][name], model)
    schema["examples"] = [spec.example()]
    return schema


def sag_schema() -> dict[str, Any]:
    """The JSON Schema of the case file: one ``$defs`` entry per collaboration model's case
    class (:class:`samarbejdsdok.sag.Sag` for the toolbox), chosen by ``model`` (the toolbox's
    when it is left out)."""
    from pydantic.json_schema import models_json_schema

    from .sag import example
    from .sag.modeller import DEFAULT, NAMES, implemented

    models = implemented()
    _, body = models_json_schema([(m.case, "validation") for m in models])
    defs: dict[str, Any] = body["$defs"]
    for m in models:
        name = m.case.__name__
        _fill_titles(defs[name], m.case)
        for sub, model in models_in(m.case).items():
            if sub in defs:
                _fill_titles(defs[sub], model)
        if m.name == DEFAULT:
            _describe_notes(defs)
        if m.describe_schema is not None:
            m.describe_schema(defs)
    rules = []
    for m in models:
        chosen: dict[str, Any] = {"properties": {"model": {"const": m.name}}, "required": ["model"]}
        if m.name == DEFAULT:
            chosen = {"anyOf": [chosen, {"not": {"required": ["model"]}}]}
        rules.append({"if": chosen, "then": {"$ref": f"#/$defs/{m.case.__name__}"}})
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://samarbejdsdok.dk/schemas/sag.schema.json",
        "title": "Sag",
        "description": (
            "Én families forløb i én fil: familien, netværket, samtykkerne og forløbet i én af "
            "samarbejdsmodellerne (model). Hvert dokument i forløbet laves ud fra sagen."
        ),
        "type": "object",
        "properties": {
            "model": {
                "title": "Samarbejdsmodel",
                "description": "Uden: toolbox (værktøjskassen til familiekoordinatorer)",
                "enum": list(NAMES),
                "default": DEFAULT,
            }
        },
        "allOf": rules,
        "$defs": defs,
        "examples": [
            example(m.name).model_dump(mode="json", exclude_defaults=True) for m in models
        ],
    }


def _reref(value: Any, form: str) -> Any:
    """A form's schema fragment with its ``$ref``s pointing at the form's prefixed defs."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith("#/$defs/"):
                out[key] = f"#/$defs/{form}__{item.removeprefix('#/$defs/')}"
            else:
                out[key] = _reref(item, form)
        return out
    if isinstance(value, list):
        return [_reref(v, form) for v in value]
    return value


def _describe_notes(defs: dict[str, Any]) -> None:
    """Give the case file's free-form notes the fields of the forms they feed.

    A meeting's ``notat`` takes the fields of the forms its type produces, less those the case
    fills itself (dates, participants, names); the family plan's ``notat`` and ``dokumenter``
    likewise. The form's own definitions come along, prefixed with the form's name. Names,
    types and titles are given here; what is required is checked by ``sag check``.
    """
    from .forms import get_form
    from .sag import documents, example
    from .sag.dokumenter import _CASE_FORMS, _HELD, _PLANNED, _notes_for, build
    from .sag.model import Moedetype, Sag

    case = example()
    assert isinstance(case, Sag)
    filled: dict[str, set[str]] = {}
    for dok in documents(case):
        _, kilde = build(case, dok)
        _, path = _notes_for(case, dok)
        filled.setdefault(dok.form, set()).update(
            k for k, src in kilde.items() if not src.startswith(f"{path}.")
        )

    def fields(forms: tuple[str, ...]) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for form in forms:
            body = form_schema(get_form(form))
            for name, d in body.get("$defs", {}).items():
                # the case may fill part of a nested object (a booked meeting's date): which
                # fields are required is for `sag check` to say, with the path
                defs[f"{form}__{name}"] = {
                    k: v for k, v in _reref(d, form).items() if k != "required"
                }
            for name, prop in body["properties"].items():
                if name not in filled.get(form, set()) and name != "deling_uden_samtykke":
                    props.setdefault(name, _reref(prop, form))
        return {"type": "object", "properties": props, "additionalProperties": False}

    rules = []
    for kind in Moedetype:
        forms = tuple(f for f in (*_PLANNED.get(kind, ()), *_HELD[kind]) if f != "familieplan")
        rules.append(
            {
                "if": {"properties": {"type": {"const": kind.value}}, "required": ["type"]},
                "then": {"properties": {"notat": fields(forms)}},
            }
        )
    defs["Moede"]["allOf"] = rules
    defs["SagFamilieplan"]["properties"]["notat"].update(fields(("familieplan",)))
    docs = defs["Sag"]["properties"]["dokumenter"]
    docs["properties"] = {form: fields((form,)) for form in _CASE_FORMS}
    docs["additionalProperties"] = False


def _fill_titles(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Pydantic leaves out a field's title when it equals the sub-model's class name
    (``samtykkegiver: Samtykkegiver``); every property should show the paper form's label."""
    for name, prop in schema.get("properties", {}).items():
        info = model.model_fields.get(name)
        if info is not None and info.title and "title" not in prop:
            prop["title"] = info.title
