"""Property-based hostile input for every form (hypothesis): arbitrary Unicode in every
free-text field renders a document that opens and shows the text (minus what XML forbids);
invalid values of typed fields are rejected with an error naming the field."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import typing
from typing import Any

import pytest
from conftest import docx_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from samarbejdsdok import render
from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import all_forms
from samarbejdsdok.rendering import strip_forbidden_xml_chars
from samarbejdsdok.validation import validate

SPECS = all_forms()


def _kind(field) -> str:
    ann = field.annotation
    args = [a for a in typing.get_args(ann) if a is not type(None)] or [ann]
    base = args[0]
    for m in field.metadata + [m for a in args for m in getattr(a, "__metadata__", ())]:
        schema = getattr(m, "json_schema", None)
        if isinstance(schema, dict):
            desc = schema.get("description", "")
            if desc.startswith("CPR"):
                return "cpr"
            if desc.startswith("Telefon"):
                return "phone"
            if schema.get("format") == "email":
                return "email"
            return "typed"
    if typing.get_origin(base) is typing.Annotated:
        return _kind_of_annotated(base)
    if base is str:
        return "text"
    if base is dt.date:
        return "date"
    if base is dt.time:
        return "time"
    return "other"


def _kind_of_annotated(ann) -> str:
    for m in typing.get_args(ann)[1:]:
        schema = getattr(m, "json_schema", None)
        if isinstance(schema, dict):
            desc = schema.get("description", "")
            if desc.startswith("CPR"):
                return "cpr"
            if desc.startswith("Telefon"):
                return "phone"
            if schema.get("format") == "email":
                return "email"
    return "typed"


def _model_of(ann) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for a in typing.get_args(ann):
        found = _model_of(a)
        if found:
            return found
    return None


def _choice_list(ann) -> bool:
    """A list of enum members or literals: a choice, not free text."""
    for a in typing.get_args(ann):
        if isinstance(a, type) and issubclass(a, enum.Enum):
            return True
        if typing.get_origin(a) is typing.Literal or _choice_list(a):
            return True
    return False


def leaves(model: type[BaseModel], data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, kind) of every leaf value present in ``data``."""
    found = []
    for name, value in data.items():
        field = model.model_fields[name]
        sub = _model_of(field.annotation)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict) and sub:
                    found += leaves(sub, item, (*path, name, i))
                elif isinstance(item, str) and not _choice_list(field.annotation):
                    found.append(
                        ((*path, name, i), "text" if _kind(field) == "other" else _kind(field))
                    )
        elif isinstance(value, dict) and sub:
            found += leaves(sub, value, (*path, name))
        elif isinstance(value, str):
            found.append(((*path, name), _kind(field)))
    return found


def put(data: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


SPECIAL = st.sampled_from(
    [
        "Hansen & Søn <w:p> \"citat\" 'enkelt'",
        "{{ samtykkegiver.cpr }} {% for x in y %}{# c #}",
        "første\nanden\r\ntredje\tfane",
        "\u202eعربي\u202c עברית",
        "👨‍👩‍👧‍👦 familie 🧒🏽",
        "\x00\x01\x0b\x0c\ud800\udfff\ufffe kontrol",
        "a" * 3000,
    ]
)
TEXT = st.one_of(
    SPECIAL,
    st.text(st.characters(exclude_categories=()), min_size=1, max_size=200),
).filter(lambda s: strip_forbidden_xml_chars(s).strip())


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_arbitrary_text_in_every_free_text_field(spec) -> None:
    example = spec.example()
    paths = [p for p, kind in leaves(spec.model, example) if kind == "text"]
    assert paths, f"{spec.name} has no free-text fields?"

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(TEXT, min_size=len(paths), max_size=len(paths)))
    def check(values: list[str]) -> None:
        data = copy.deepcopy(example)
        for path, value in zip(paths, values, strict=False):
            put(data, path, value)
        try:
            model = validate(spec.model, data, form=spec.name)
        except DataError as exc:
            # Free text is accepted unless it is blank once stripped; nothing else may fail.
            assert all(p.code in ("string_too_short",) for p in exc.problems), exc.problems
            return
        text = _normal(docx_text(render(model)))
        for value in values:
            shown = _normal(strip_forbidden_xml_chars(value))
            assert shown in text, (value, shown)

    check()


JUNK = {
    "cpr": ["320185-1234", "12", "abcdefghij"],
    "phone": ["123", "hello"],
    "email": ["not-an-address", "a@"],
    "date": ["2026-02-30", "i morgen"],
    "time": ["25:00", "kl. ti"],
}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_invalid_typed_values_are_rejected_naming_the_field(spec) -> None:
    example = spec.example()
    typed = [(p, k) for p, k in leaves(spec.model, example) if k in JUNK]
    assert typed, f"{spec.name} has no typed fields?"
    for path, kind in typed:
        for junk in JUNK[kind]:
            data = copy.deepcopy(example)
            put(data, path, junk)
            with pytest.raises(DataError) as info:
                validate(spec.model, data, form=spec.name)
            dotted = ".".join(map(str, path))
            assert dotted in [p.path for p in info.value.problems], (dotted, junk)
            assert "1234" not in str(info.value)
