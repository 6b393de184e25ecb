"""Where the shipped templates come from: top-level templates_docx/, inside the package in the
wheel, the checkout's own directory under an editable install."""

from __future__ import annotations

import tomllib

import pytest
from conftest import ROOT

from samarbejdsdok import templates
from samarbejdsdok.forms import all_forms
from samarbejdsdok.forms.netvaerkskort import Netvaerkskort
from samarbejdsdok.templates import template_file_bytes


def test_every_shipped_template_is_the_checkouts_file() -> None:
    # Under CI's wheel install this proves the wheel carries templates_docx/ unchanged.
    for spec in all_forms():
        assert (
            template_file_bytes(spec.template)
            == (ROOT / "templates_docx" / spec.template).read_bytes()
        )


@pytest.mark.parametrize(
    "name", ["", ".", "..", "../pyproject.toml", "sub/familieplan.docx", "..\\x.docx", "C:x.docx"]
)
def test_a_name_that_is_not_a_plain_file_name_is_refused(name: str) -> None:
    with pytest.raises(FileNotFoundError):
        template_file_bytes(name)


def test_a_missing_template_is_file_not_found() -> None:
    with pytest.raises(FileNotFoundError, match="findes_ikke.docx"):
        template_file_bytes("findes_ikke.docx")


def test_without_templates_in_the_package_the_checkouts_directory_is_read(
    tmp_path, monkeypatch
) -> None:
    # As under an editable install: the package (here an empty directory) has no templates_docx/.
    monkeypatch.setattr(templates, "files", lambda _package: tmp_path)
    monkeypatch.setattr(templates, "__file__", str(ROOT / "src/samarbejdsdok/templates.py"))
    expected = (ROOT / "templates_docx" / "familieplan.docx").read_bytes()
    assert template_file_bytes("familieplan.docx") == expected
    # Not imported from a checkout (no src/ layout above it): nothing to fall back to.
    monkeypatch.setattr(templates, "__file__", str(tmp_path / "samarbejdsdok" / "templates.py"))
    with pytest.raises(FileNotFoundError):
        template_file_bytes("familieplan.docx")


def test_the_build_configuration_ships_templates_docx() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]["build"]
    targets = config["targets"]
    assert targets["wheel"]["force-include"]["templates_docx"] == "samarbejdsdok/templates_docx"
    assert "templates_docx" in targets["sdist"]["include"]
    assert not (ROOT / "src/samarbejdsdok/templates_docx").exists(), "one copy, top-level"


def test_a_template_label_is_the_models_title_also_for_list_items() -> None:
    from tools.templates._faelles import label

    assert label(Netvaerkskort, "personer[].naerhed") == "Nærhed"
    with pytest.raises(KeyError, match="personer.naerhed"):
        label(Netvaerkskort, "personer.naerhed")  # a list item is written personer[].naerhed


def test_template_rows_and_columns_are_field_paths_or_own_words() -> None:
    from tools import docxkit as k
    from tools.templates._faelles import field_table, kv, label

    doc = k.new_document("t")
    rows = kv(doc, Netvaerkskort, ["familie", ("Egne ord", "{{ dato|dato }}")])
    assert [[c.text for c in r.cells] for r in rows.rows] == [
        [label(Netvaerkskort, "familie"), "{{ familie }}"],
        ["Egne ord", "{{ dato|dato }}"],
    ]
    table = field_table(doc, Netvaerkskort, "p in personer", ["navn", ("Egne ord", "{{ p.x }}")])
    assert [c.text for c in table.rows[0].cells] == ["Navn", "Egne ord"]
    assert [c.text for c in table.rows[2].cells] == ["{{ p.navn }}", "{{ p.x }}"]
    with pytest.raises(KeyError):
        kv(doc, Netvaerkskort, ["ikke_et_felt"])
