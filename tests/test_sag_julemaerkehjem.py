"""A stay at a Julemærkehjem as one case file (issue 21, ``model: julemaerkehjem``): the example
passes its check, every document is made from it with the case's values, and each rule of the
course fails through the command line with its Danish message and the file's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import docx_text
from sag_cases import (
    Example,
    check_cli,
    check_in_libreoffice,
    check_rendered,
    check_schema,
    codes,
    line_of,
    render_all,
)

from samarbejdsdok import sag
from samarbejdsdok.cli import main
from samarbejdsdok.errors import ConsentError, DataError

EXAMPLE = Example("data/sag_eksempel_julemaerkehjem.yaml")
TEXT, RAW, PATH = EXAMPLE.text, EXAMPLE.raw, EXAMPLE.path
data = EXAMPLE.data
FORMS = {
    "julemaerkehjem_stillingtagen",
    "julemaerkehjem_indkaldelse",
    "julemaerkehjem_kontaktperson",
    "julemaerkehjem_udtalelse",
    "julemaerkehjem_opfoelgning",
    "samtykke_statistik",
}


# -- the worked example -------------------------------------------------------------------------
def test_example_passes_its_check_and_tells_the_forms_story(capsys) -> None:
    assert main(["sag", "example", "--model", "julemaerkehjem"]) == 0
    assert capsys.readouterr().out == TEXT
    case = sag.example("julemaerkehjem")
    assert sag.check(case) == []
    assert {d.form for d in sag.documents(case)} == FORMS
    # the same child, home, people and stay as the forms' own examples
    from samarbejdsdok.forms import get_form

    for form in ("julemaerkehjem_indkaldelse", "julemaerkehjem_udtalelse"):
        model = sag.model_for(case, sag.find(case, form))
        ex = get_form(form).example()
        assert model.barn_navn == ex["barn_navn"]
        assert model.ophold_start.isoformat() == ex["ophold_start"]
        assert model.ophold_slut.isoformat() == ex["ophold_slut"]
    follow_up = sag.model_for(case, sag.find(case, "julemaerkehjem_opfoelgning"))
    ex = get_form("julemaerkehjem_opfoelgning").example()
    assert follow_up.opfoelgningsdag.isoformat() == ex["opfoelgningsdag"]
    assert follow_up.dato.isoformat() == ex["dato"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return render_all(PATH, tmp_path_factory.mktemp("jmh"))


#: Values of the case that each document shows.
EXPECTED = {
    "julemaerkehjem_stillingtagen.docx": [
        "Oliver Kragh Hansen",
        "Brian Hansen",
        "21. september 2026",
        "Olivers lærer",
    ],
    "samtykke01-samtykke_statistik.docx": ["Mette Kragh Hansen", "Oliver Kragh Hansen"],
    "julemaerkehjem_indkaldelse.docx": [
        "Birgitte Holm",
        "Anne Skov",
        "1. december 2026",
        "21. maj 2027",
        "født 2. juni 2016",
    ],
    "julemaerkehjem_kontaktperson.docx": [
        "Lene Dahl",
        "Kasper Nørgaard, Fritidsvejledningen",
        "Familiemadkursus i Familiehuset",
    ],
    "julemaerkehjem_udtalelse.docx": ["28. april 2027", "Skærmen slukkes kl. 20.30"],
    "julemaerkehjem_opfoelgning.docx": [
        "26. maj 2027",
        "Lene Dahl og Mette Kragh Hansen",
        "28. maj 2027",  # the planner's deadline for the dialogue
    ],
}


def test_render_all_writes_every_document_with_the_cases_values(rendered) -> None:
    check_rendered(rendered, EXPECTED)
    assert "120585-2468" in docx_text(rendered["samtykke01-samtykke_statistik.docx"].read_bytes())


def test_one_document_through_the_cli(tmp_path, capsys) -> None:
    path = PATH
    out = tmp_path / "u.docx"
    assert main(["sag", "render", path, "--form", "julemaerkehjem_udtalelse", "-o", str(out)]) == 0
    assert "Oliver er faldet godt til" in docx_text(out.read_bytes())
    assert main(["sag", "render", path, "--form", "familieplan", "-o", str(out)]) == 1
    assert "hører til en anden samarbejdsmodel end sagens" in capsys.readouterr().err
    args = ["sag", "render", path, "--form", "julemaerkehjem_udtalelse", "--til", "lene"]
    assert main([*args, "-o", str(tmp_path / "x.docx")]) == 1
    assert "faste modtagere" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.libreoffice
def test_every_document_opens_in_libreoffice_with_the_cases_values(rendered, tmp_path) -> None:
    check_in_libreoffice(rendered, tmp_path, IN_PDF, everywhere=("Oliver Kragh Hansen",))


#: A value of the case per document, short enough not to wrap in a table cell of the PDF.
IN_PDF = {
    "julemaerkehjem_stillingtagen.docx": "Brian Hansen",
    "samtykke01-samtykke_statistik.docx": "Mette Kragh Hansen",
    "julemaerkehjem_indkaldelse.docx": "Anne Skov",
    "julemaerkehjem_kontaktperson.docx": "Lene Dahl",
    "julemaerkehjem_udtalelse.docx": "28. april 2027",
    "julemaerkehjem_opfoelgning.docx": "26. maj 2027",
}


# -- the course's rules, each through the command line ----------------------------------------
def test_follow_up_day_outside_four_to_six_weeks(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["ophold"]["opfoelgningsdag"] = "2027-06-18"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.ophold.opfoelgningsdag")
    assert (
        f"linje {line}, julemaerkehjem.ophold.opfoelgningsdag: opfølgningsdagen (18. juni 2027) "
        "skal ligge 4–6 uger efter opholdet, dvs. mellem 21. maj 2027 og 4. juni 2027" in err
    ), err
    assert "1 problem i sagen" in err  # the forms' own copy of the rule adds nothing


def test_dialogue_later_than_a_week_after_the_follow_up_day(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["opfoelgning"]["dato"] = "2027-05-31"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.opfoelgning.dato")
    assert (
        f"linje {line}, julemaerkehjem.opfoelgning.dato: kontakten mellem kontaktpersonen og "
        "Julemærkehjemmet skal tages senest en uge efter opfølgningsdagen (21. maj 2027), dvs. "
        "senest den 28. maj 2027" in err
    ), err


def test_missed_follow_up_after_the_stay(tmp_path, capsys) -> None:
    d = data()
    del d["julemaerkehjem"]["opfoelgning"]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.udtalelse")
    assert (
        f"linje {line}, julemaerkehjem.udtalelse: opholdet er slut, men opfølgningen mangler: "
        "opfølgningsdagen ligger 4–6 uger efter opholdet (forslag: 21. maj 2027)" in err
    ), err
    assert "senest den 28. maj 2027" in err
    # cancelled when there is no need: nothing is missing, and no B5 document is made
    d["julemaerkehjem"]["opfoelgning"] = {"status": "aflyst", "dato": "2027-05-21"}
    assert sag.check(sag.load(d)) == []
    assert "julemaerkehjem_opfoelgning" not in {x.form for x in sag.documents(sag.load(d))}
    # without a fixed follow-up day, the planner proposes the window's first working day
    d = data()
    del d["julemaerkehjem"]["opfoelgning"]
    del d["julemaerkehjem"]["ophold"]["opfoelgningsdag"]
    (p,) = codes(d)["follow_up_missing"]
    assert "forslag: 21. maj 2027" in p.message


def test_dates_out_of_the_courses_order(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["kontaktperson"]["dato"] = "2027-02-03"  # after the stay began
    d["julemaerkehjem"]["udtalelse"]["dato"] = "2027-04-20"  # before the stay ended
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.kontaktperson.dato")
    assert (
        f"linje {line}, julemaerkehjem.kontaktperson.dato: udpegelsen af kontaktperson "
        "(3. februar 2027) skal ligge før opholdets start (1. februar 2027)" in err
    ), err
    line = line_of(d, "julemaerkehjem.udtalelse.dato")
    assert (
        f"linje {line}, julemaerkehjem.udtalelse.dato: udtalelsen (20. april 2027) må ikke "
        "ligge før opholdets afslutning (23. april 2027)" in err
    ), err
    assert "2 problemer i sagen" in err


def test_without_the_parents_acceptance_nothing_is_shared(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["ansoegning"]["accepterer_samarbejde"] = False
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.ansoegning.accepterer_samarbejde")
    assert (
        f"linje {line}, julemaerkehjem.ansoegning.accepterer_samarbejde: forældrene har ikke "
        "accepteret samarbejde med kommunen i ansøgningen" in err
    ), err
    assert "julemaerkehjem_indkaldelse, julemaerkehjem_kontaktperson" in err
    path = tmp_path / "bad.yaml"
    out = tmp_path / "ud"
    assert main(["sag", "render", str(path), "--all", "--out-dir", str(out)]) == 1
    assert not out.exists()
    case = sag.load(d)
    with pytest.raises(ConsentError):
        sag.model_for(case, sag.find(case, "julemaerkehjem_udtalelse"))
    with pytest.raises(DataError, match="kan ikke angive en hjemmel"):
        sag.render(case, sag.find(case, "julemaerkehjem_udtalelse"), hjemmel="x")
    # before the summons the course has only the application: it can be made
    for step in ("indkaldelse", "kontaktperson", "udtalelse", "opfoelgning"):
        del d["julemaerkehjem"][step]
    case = sag.load(d)
    assert sag.check(case) == []
    assert [x.form for x in sag.documents(case)][0] == "julemaerkehjem_stillingtagen"


def test_the_application_is_signed_by_the_parents_and_a_young_person(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["ansoegning"]["underskrifter"].append({"person": "lene"})
    d["familie"]["medlemmer"][2]["cpr"] = "100911-4122"  # 15 on 10 September 2026
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.ansoegning.underskrifter.2.person")
    assert (
        f"linje {line}, julemaerkehjem.ansoegning.underskrifter.2.person: ansøgningen skrives "
        "under af familiens forældre; personen er ikke et familiemedlem" in err
    ), err
    line = line_of(d, "julemaerkehjem.ansoegning.underskrifter")
    assert (
        f"linje {line}, julemaerkehjem.ansoegning.underskrifter: barnet er fyldt 15 år på "
        "ansøgningsdatoen (21. september 2026) og skal selv skrive under" in err
    ), err
    assert "100911" not in err and "lene" not in err  # no CPR number, no key


def test_keys_name_people_in_the_case(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["tovholder"] = "bente"
    d["julemaerkehjem"]["barn"] = "mette"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.tovholder")
    assert (
        f"linje {line}, julemaerkehjem.tovholder: nøglen findes ikke blandt sagens "
        "familiemedlemmer og netværk" in err
    )
    assert "julemaerkehjem.barn: familiemedlemmet er ikke et barn (rolle)" in err
    assert "bente" not in err


def test_form_rules_and_notes_are_reported_where_they_are_in_the_case(tmp_path, capsys) -> None:
    d = data()
    d["julemaerkehjem"]["ophold"]["foraeldredag"] = "2027-05-04"
    d["julemaerkehjem"]["udtalelse"]["notat"]["erfaringerne"] = "x"
    d["julemaerkehjem"]["udtalelse"]["notat"]["dato"] = "2027-05-01"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "julemaerkehjem.ophold.foraeldredag")
    assert (
        f"linje {line}, julemaerkehjem.ophold.foraeldredag (Forældredag): forældredagen skal "
        "ligge i opholdet, dvs. mellem 1. februar 2027 og 23. april 2027" in err
    ), err
    assert "julemaerkehjem.udtalelse.notat.erfaringerne" in err
    assert (
        "julemaerkehjem.udtalelse.notat.dato: feltet udfyldes fra sagen "
        "(julemaerkehjem.udtalelse.dato)" in err
    )


def test_a_toolbox_key_in_a_julemaerkehjem_case_is_refused_by_name(tmp_path, capsys) -> None:
    d = data()
    d["moeder"] = []
    err = check_cli(tmp_path, capsys, d)
    assert (
        "moeder: afsnittet hører til samarbejdsmodellen toolbox, men sagen er en "
        "julemaerkehjem-sag (model: julemaerkehjem)" in err
    ), err


def test_schema_validates_the_example() -> None:
    d = data()
    d["julemaerkehjem"]["ophold"]["ophold_slut"] = "2027-04-23"  # a misspelt key
    schema = check_schema(RAW, d)
    assert schema["$defs"]["SagJulemaerkehjem"]["properties"]["julemaerkehjem"]["title"] == (
        "Forløbet på Julemærkehjemmet"
    )
