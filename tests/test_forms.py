"""Every form in the registry, walked the same way (python-stdnum style): the contract, the
example, the rendered text, the template's placeholders, the generated schema and template."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, docx_text, printed_values, shown

from samarbejdsdok import render
from samarbejdsdok.errors import FormNotFoundError
from samarbejdsdok.forms import FormModel, all_forms, form_names, get_form
from samarbejdsdok.placeholders import check_path, references, unknown_placeholders
from samarbejdsdok.rendering import default_template_bytes
from samarbejdsdok.schemas import form_schema

SPECS = all_forms()
IDS = [s.name for s in SPECS]


def test_registry_lists_every_form_module() -> None:
    modules = {
        p.stem
        for p in (ROOT / "src/samarbejdsdok/forms").glob("*.py")
        if not p.stem.startswith("_")
    }
    assert modules == set(form_names())
    assert len(set(s.title for s in SPECS)) == len(SPECS)


def test_unknown_form_suggests_close_names() -> None:
    with pytest.raises(FormNotFoundError) as info:
        get_form("familiplan")
    assert isinstance(info.value, LookupError)
    assert "familieplan" in str(info.value)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_contract(spec) -> None:
    assert issubclass(spec.model, FormModel)
    assert spec.model.form_name == spec.name
    assert spec.template == f"{spec.name}.docx"
    assert spec.code and spec.title and spec.description
    # Context names the renderer adds must not clash with fields.
    assert not {"lov", "dokument"} & set(spec.model.model_fields)
    for name, field in spec.model.model_fields.items():
        assert field.title, f"{spec.name}.{name} has no Danish title"
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), f"{name} is not ASCII snake case"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_example_renders_with_every_value_shown(spec) -> None:
    model = spec.example_model()
    text = docx_text(render(model))
    flat = " ".join(text.split())
    missing = [v for v in printed_values(model) if not shown(v, flat)]
    assert not missing, f"values not in the {spec.name} document: {missing}"
    for leftover in ("{{", "}}", "{%", "%}", "{#"):
        assert leftover not in text
    for word in ("None", "True", "False"):
        assert not re.search(rf"\b{word}\b", text), f"{word} printed in {spec.name}"


def _minimal(spec) -> dict:
    data = spec.example()
    for name, field in spec.model.model_fields.items():
        if field.is_required() or name not in data:
            continue
        trial = {k: v for k, v in data.items() if k != name}
        try:
            spec.model.model_validate(trial)
        except ValueError:
            continue
        data = trial
    return data


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_minimal_instance_renders_without_gaps(spec) -> None:
    data = _minimal(spec)
    model = spec.model.model_validate(data)
    text = docx_text(render(model))
    assert "{{" not in text and "{%" not in text
    assert not re.search(r"\bNone\b", text)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_placeholder_is_a_field_of_the_model(spec) -> None:
    template = default_template_bytes(spec.template)
    assert references(template), "the template has no placeholders at all"
    problems = [f"{ref.dotted}: {why}" for ref, why in unknown_placeholders(template, spec.model)]
    assert problems == []


def test_the_placeholder_walk_catches_a_misspelt_field() -> None:
    model = get_form("samtykke_generel").model
    assert check_path(model, ("samtykkegiver", "navn")) is None
    assert check_path(model, ("samtykkegiver", "navnn")) is not None
    assert check_path(model, ("boern", "[]", "cpr")) is None
    assert check_path(model, ("boern", "cpr")) is not None
    assert check_path(model, ("lov", "gdpr_tilbagekaldelse", "henvisning")) is None
    assert check_path(model, ("lov", "persondataloven_38", "henvisning")) is not None


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_schema_file_is_current(spec) -> None:
    path = ROOT / "schemas" / f"{spec.name}.schema.json"
    assert path.exists(), "run: python tools/build_docs.py"
    assert json.loads(path.read_text("utf-8")) == form_schema(spec), (
        f"{path.name} is stale: run python tools/build_docs.py"
    )


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_schema_carries_the_paper_forms_labels(spec) -> None:
    schema = form_schema(spec)
    for name, prop in schema["properties"].items():
        assert prop.get("title") == spec.model.model_fields[name].title


def _content_parts(docx: bytes) -> dict[str, bytes]:
    """The parts our build scripts write (body, headers, footers, styles): python-docx's
    other boilerplate may differ between its releases without the template changing."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {
            n: zf.read(n)
            for n in zf.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)
        }


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_shipped_template_is_built_from_its_script(spec) -> None:
    from tools.build_templates import build_bytes

    shipped = _content_parts(default_template_bytes(spec.template))
    assert "word/document.xml" in shipped
    assert _content_parts(build_bytes(spec.name, spec.title)) == shipped, (
        f"{spec.template} is stale: run python tools/build_templates.py"
    )


def test_docs_page_per_form_is_current() -> None:
    from tools.build_docs import forms_reference

    page = ROOT / "docs" / "forms.md"
    assert page.read_text("utf-8") == forms_reference(), "run: python tools/build_docs.py"


def test_readme_lists_every_form() -> None:
    from tools.build_docs import README, readme_with_forms_table

    text = README.read_text("utf-8")
    assert text == readme_with_forms_table(text), "run: python tools/build_docs.py"
    for spec in SPECS:
        assert f"`{spec.name}`" in text


def test_the_package_exports_every_form_model_from_the_registry() -> None:
    import samarbejdsdok
    from tools.build_docs import INIT, init_with_models

    text = INIT.read_text("utf-8")
    assert text == init_with_models(text), "run: python tools/build_docs.py"
    for spec in SPECS:
        assert getattr(samarbejdsdok, spec.model.__name__) is spec.model
        assert spec.model.__name__ in samarbejdsdok.__all__


def test_every_form_has_its_template_in_templates_docx() -> None:
    for spec in SPECS:
        assert (ROOT / "templates_docx" / spec.template).is_file()


@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_every_model_is_plain_data_that_round_trips_through_json(spec) -> None:
    model = spec.example_model()
    dumped = json.loads(model.model_dump_json())  # pictures are not fields: nothing to refuse
    assert set(dumped) == set(spec.model.model_fields) | set(spec.model.model_computed_fields)
    data = model.model_dump_json(exclude=set(spec.model.model_computed_fields))
    assert spec.model.model_validate_json(data) == model
