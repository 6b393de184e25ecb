"""A foster family's collaboration agreement with an institution as one case file (issue 21,
``model: plejefamilie``): the example passes its check, the agreement is made from it with the
case's values, and each rule fails through the command line with its message and line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import docx_text
from sag_cases import Example, check_cli, check_in_libreoffice, line_of, render_all

from samarbejdsdok import sag
from samarbejdsdok.cli import main

EXAMPLE = Example("data/sag_eksempel_plejefamilie.yaml")
TEXT, RAW, PATH = EXAMPLE.text, EXAMPLE.raw, EXAMPLE.path
data = EXAMPLE.data


def test_example_passes_its_check_and_is_the_forms_example(capsys) -> None:
    from samarbejdsdok.forms import get_form

    assert main(["sag", "example", "--model", "plejefamilie"]) == 0
    assert capsys.readouterr().out == TEXT
    case = sag.example("plejefamilie")
    assert sag.check(case) == []
    (doc,) = sag.documents(case)
    made = sag.model_for(case, doc).model_dump(mode="json", exclude_none=True)
    ex = get_form("plejefamilie_samarbejdsaftale").example_model()
    assert made == ex.model_dump(mode="json", exclude_none=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return render_all(PATH, tmp_path_factory.mktemp("pleje"))


def test_render_all_writes_the_agreement_with_the_cases_values(rendered) -> None:
    assert set(rendered) == {"plejefamilie_samarbejdsaftale.docx"}
    text = docx_text(rendered["plejefamilie_samarbejdsaftale.docx"].read_bytes())
    for value in (
        "Oliver Kragh Hansen, født 2. juni 2016",
        "Helle Mortensen",
        "Plejefamilien Birk",
        "Per Aagaard",
        "Fleksibel aflastning",
        "1. januar 2027",
    ):
        assert value in text, value
    assert "020616" not in text  # no CPR number in the agreement


@pytest.mark.libreoffice
def test_the_agreement_opens_in_libreoffice_with_the_cases_values(rendered, tmp_path) -> None:
    assert len(rendered) == 1
    in_pdf = {"plejefamilie_samarbejdsaftale.docx": "Opholdsstedet Lindely"}
    check_in_libreoffice(rendered, tmp_path, in_pdf, everywhere=("Oliver Kragh Hansen",))


def test_keys_name_professionals_and_the_child(tmp_path, capsys) -> None:
    d = data()
    d["plejefamilie"]["institution"]["kontaktperson"] = "mette"
    d["plejefamilie"]["barn"] = "mette"
    err = check_cli(tmp_path, capsys, d)
    path = "plejefamilie.institution.kontaktperson"
    assert (
        f"linje {line_of(d, path)}, {path}: personen skal være en professionel i netværket" in err
    ), err
    line = line_of(d, "plejefamilie.barn")
    assert f"linje {line}, plejefamilie.barn: familiemedlemmet er ikke et barn" in err
    d = data()
    d["plejefamilie"]["sagsbehandler"] = "ukendt"
    err = check_cli(tmp_path, capsys, d)
    assert "plejefamilie.sagsbehandler: nøglen findes ikke blandt sagens" in err
    assert "ukendt" not in err


def test_an_element_is_agreed_once(tmp_path, capsys) -> None:
    d = data()
    d["plejefamilie"]["elementer"].append(copy.deepcopy(d["plejefamilie"]["elementer"][1]))
    err = check_cli(tmp_path, capsys, d)
    path = "plejefamilie.elementer.9.element"
    assert (
        f"linje {line_of(d, path)}, {path}: elementet »Supervision« er allerede aftalt i element 2"
        in err
    ), err


def test_the_child_is_under_18_when_the_agreement_begins(tmp_path, capsys) -> None:
    d = data()
    d["familie"]["medlemmer"][1]["cpr"] = "020608-4567"  # 18 on 2 June 2026
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "plejefamilie.gyldig_fra")
    assert (
        f"linje {line}, plejefamilie.gyldig_fra: barnet er fyldt 18 "
        "år, når aftalen begynder (1. januar 2027)" in err
    ), err
    assert "020608" not in err


def test_the_forms_rules_are_reported_where_they_are_in_the_case(tmp_path, capsys) -> None:
    d = data()
    d["plejefamilie"]["gyldig_til"] = "2026-12-31"
    err = check_cli(tmp_path, capsys, d)
    assert f"linje {line_of(d, 'plejefamilie.gyldig_til')}, plejefamilie.gyldig_til" in err, err
    assert "aftalen skal slutte efter, den begynder (1. januar 2027)" in err


def test_a_julemaerkehjem_section_in_a_foster_care_case_is_refused(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"] = {}
    err = check_cli(tmp_path, capsys, d)
    assert (
        f"linje {line_of(d, 'julemaerkehjem')}, julemaerkehjem: afsnittet hører til "
        "samarbejdsmodellen julemaerkehjem, men sagen er en plejefamilie-sag" in err
    ), err
