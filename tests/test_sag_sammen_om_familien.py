"""A course in Sammen om familien as one case file (issue 21, ``model: sammen_om_familien``):
the example passes its check, every document is made from it with the case's values and agrees
with the forms' own examples, and each rule of the course fails through the command line with
its Danish message and the file's line."""

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
from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import get_form
from samarbejdsdok.validation import validate

EXAMPLE = Example("data/sag_eksempel_sammen_om_familien.yaml")
TEXT, RAW, PATH = EXAMPLE.text, EXAMPLE.raw, EXAMPLE.path
data = EXAMPLE.data
P = "sammen_om_familien"


def meetings(d: dict) -> list[dict]:
    return d[P]["moeder"]


# -- the worked example -------------------------------------------------------------------------
def test_example_passes_its_check_and_makes_every_form_of_the_model(capsys) -> None:
    assert main(["sag", "example", "--model", P]) == 0
    assert capsys.readouterr().out == TEXT
    case = sag.example(P)
    assert sag.check(case) == []
    docs = [d.filnavn for d in sag.documents(case)]
    assert docs == [
        "opfoelgningsplan.docx",
        "samtykke01-samtykke_generel.docx",
        "samtykke02-samtykke_generel.docx",
        "samtykke03-samtykke_generel.docx",
        "faelles_maalbillede.docx",
        "kontrakt_samarbejdsaftale.docx",
        "aarshjul.docx",
        "moede02-moedenotat_sos_loeft.docx",  # the held meetings with a note
        "moede04-moedenotat_sos_loeft.docx",
    ]


def _dump(form: str, model) -> dict:
    return model.model_dump(mode="json")


def _example(form: str) -> dict:
    spec = get_form(form)
    return validate(spec.model, spec.example(), form=form).model_dump(mode="json")


def test_documents_made_from_the_case_agree_with_the_forms_examples() -> None:
    case = sag.example(P)
    # the follow-up plan and the goal picture are the forms' own examples, field for field
    for form in ("opfoelgningsplan", "faelles_maalbillede"):
        assert _dump(form, sag.model_for(case, sag.find(case, form))) == _example(form), form
    # the contract and the Signs of Safety note: the same, but a teacher's function is the
    # story's whole function (docs/eksempelfamilie.md), not the form example's short one
    contract = _dump("x", sag.model_for(case, sag.find(case, "kontrakt_samarbejdsaftale")))
    ex = _example("kontrakt_samarbejdsaftale")
    assert contract["koordineringer"][0].pop("kontaktperson") == (
        "Morten Friis, klasselærer for Oliver (4.B)"
    )
    del ex["koordineringer"][0]["kontaktperson"]
    assert contract == ex
    note = _dump("x", sag.model_for(case, sag.find(case, "moedenotat_sos_loeft", moede=2)))
    ex = _example("moedenotat_sos_loeft")
    assert note.pop("deltagere")[3] == "Karina Bech, klasselærer for Sofie (9.A)"
    assert ex.pop("deltagere")[:3] == [
        "Mette Kragh Hansen, mor",
        "Sofie Kragh Hansen, 14 år",
        "Jonas Winther, rådgiver",
    ]
    assert note == ex
    # the wheel: the form's year and activities, the Familiens Fremtid network meetings named
    # as such (the wheel's own "Netværksmøde" are the course's network meetings)
    wheel = _dump("x", sag.model_for(case, sag.find(case, "aarshjul")))
    ex = _example("aarshjul")
    for a in ex["aktiviteter"]:
        if a["aktivitet"] == "Netværksmøde":
            a["aktivitet"] = "Netværksmøde i Familiens Fremtid"
    assert {k: v for k, v in wheel.items() if k not in ("maaneder", "hjul")} == {
        k: v for k, v in ex.items() if k not in ("maaneder", "hjul")
    }


def test_the_wheel_holds_the_courses_network_meetings_and_the_cadences_follow_ups() -> None:
    d = data()
    d[P]["aarshjul"]["aar"] = 2026
    d[P]["aarshjul"]["aktiviteter"] = []
    case = sag.load(d)
    wheel = sag.model_for(case, sag.find(case, "aarshjul"))
    months = {m.maaned: m.aktiviteter for m in wheel.maaneder}
    assert months["september"] == ["Netværksmøde (familie og netværk)", "Opfølgning"]
    assert months["december"] == ["Netværksmøde (familie og netværk)", "Opfølgning"]
    assert months["juli"] == ["Opfølgning"] and months["august"] == []


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return render_all(PATH, tmp_path_factory.mktemp("sof"))


#: Values of the case that each document shows.
EXPECTED = {
    "opfoelgningsplan.docx": [
        "Oliver Kragh Hansen",
        "Jonas Winther",
        "hver 6. uge",
        "29. juli 2026",  # the planner's dates
        "2. december 2026",
        "Aflastning til familien",
    ],
    "samtykke01-samtykke_generel.docx": ["Mette Kragh Hansen", "Oliver Kragh Hansen", "PPR"],
    "samtykke02-samtykke_generel.docx": ["Brian Hansen"],
    "samtykke03-samtykke_generel.docx": ["Sofie Kragh Hansen", "14. september 2026"],
    "faelles_maalbillede.docx": [
        "Oliver Kragh Hansen (10 år)",
        "ADHD og sensoriske vanskeligheder",
        "9. september 2026",
        "Oliver kommer i skole til tiden",
    ],
    "kontrakt_samarbejdsaftale.docx": [
        "Mette Kragh Hansen",
        "Brian Hansen",
        "Lars Vinther, psykolog",
        "Farum Håndboldklub",
    ],
    "aarshjul.docx": ["2027", "Aflastning hos Plejefamilien Birk", "Opfølgning"],
    "moede02-moedenotat_sos_loeft.docx": [
        "Signs of Safety",
        "29. juni 2026",
        "Karina Bech",
        "Sofie har 18 % fravær, mest om mandagen",
    ],
    "moede04-moedenotat_sos_loeft.docx": [
        "LØFT",
        "9. september 2026",
        "Hanne Kragh, mormor",
        "PPR observerer Oliver i klassen",
        "Mette Kragh Hansen og Morten Friis",
    ],
}


def test_render_all_writes_every_document_with_the_cases_values(rendered) -> None:
    check_rendered(rendered, EXPECTED)


def test_one_document_through_the_cli(tmp_path, capsys) -> None:
    path = PATH
    out = tmp_path / "n.docx"
    args = ["sag", "render", path, "--form", "moedenotat_sos_loeft", "--meeting", "4"]
    assert main([*args, "-o", str(out)]) == 0
    assert "PPR observerer Oliver i klassen" in docx_text(out.read_bytes())
    assert main(["sag", "render", path, "--form", "moedenotat_sos_loeft", "-o", str(out)]) == 1
    assert "sagen har flere af dette dokument (nr. 2 og 4); angiv mødet" in capsys.readouterr().err
    assert main(["sag", "render", path, "--form", "familieplan", "-o", str(out)]) == 1
    assert "hører til en anden samarbejdsmodel end sagens" in capsys.readouterr().err
    args = ["sag", "render", path, "--form", "aarshjul", "--til", "lars"]
    assert main([*args, "-o", str(tmp_path / "x.docx")]) == 1
    assert "faste modtagere" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.libreoffice
def test_every_document_opens_in_libreoffice_with_the_cases_values(rendered, tmp_path) -> None:
    check_in_libreoffice(rendered, tmp_path, IN_PDF)


#: A value of the case per document, short enough not to wrap in a table cell of the PDF.
IN_PDF = {
    "opfoelgningsplan.docx": "29. juli 2026",
    "samtykke01-samtykke_generel.docx": "Mette Kragh Hansen",
    "samtykke02-samtykke_generel.docx": "Brian Hansen",
    "samtykke03-samtykke_generel.docx": "Sofie Kragh Hansen",
    "faelles_maalbillede.docx": "Oliver Kragh Hansen",
    "kontrakt_samarbejdsaftale.docx": "Farum Håndboldklub",
    "aarshjul.docx": "Familien Kragh Hansen",
    "moede02-moedenotat_sos_loeft.docx": "Karina Bech",
    "moede04-moedenotat_sos_loeft.docx": "Lars Vinther",
}


def test_schema_validates_the_example() -> None:
    d = data()
    d[P]["sagstyp"] = "kompensation"  # a misspelt key
    schema = check_schema(RAW, d)
    assert schema["$defs"]["SagSammenOmFamilien"]["properties"][P]["title"] == (
        "Forløbet i Sammen om familien"
    )


# -- the course's rules, each through the command line ----------------------------------------
SIX_WEEKS = (
    "hver 6. uge (sager med børnefaglig undersøgelse eller foranstaltninger) fra 17. juni 2026"
)


def test_a_missed_follow_up(tmp_path, capsys) -> None:
    d = data()
    del meetings(d)[4]  # follow-up 3 (21 October) is not held
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.4.dato")
    assert (
        f"linje {line}, møde 5 ({P}.moeder.4.dato): opfølgning 3 mangler: sagen følges op "
        f"{SIX_WEEKS}, så opfølgning 3 skulle holdes efter 9. september 2026 og senest den "
        "21. oktober 2026; der er ingen opfølgning eller netværksmøde i den periode" in err
    ), err
    assert "1 problem i sagen" in err


def test_the_next_follow_up_is_planned_with_the_planners_date(tmp_path, capsys) -> None:
    d = data()
    del meetings(d)[5]  # the planned network meeting on 2 December
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.4")
    assert (
        f"linje {line}, møde 5 ({P}.moeder.4): der er ikke planlagt en opfølgning efter "
        "opfølgningen den 21. oktober 2026; opfølgning 4 skal holdes senest den 2. december 2026"
        in err
    ), err
    # a course that has ended needs no next follow-up
    d[P]["afsluttet"] = "2026-10-30"
    d[P]["aarshjul"]["aar"] = 2026  # the wheel of 2027 would lie after the course
    assert sag.check(sag.load(d)) == []


def test_a_network_meeting_outside_the_cadence(tmp_path, capsys) -> None:
    """The network meetings every six months ("således at de afholdes hver 6. måned"): the
    planned one moved to 15 March 2027 is more than six months after the one on 9 September."""
    d = data()
    meetings(d)[5]["dato"] = "2027-03-15"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.5.dato")
    assert (
        f"linje {line}, møde 6 ({P}.moeder.5.dato): netværksmødet (15. marts 2027) ligger uden "
        "for kadencen: netværksmøderne holdes hver 6. måned, så det skulle holdes senest den "
        "9. marts 2027, seks måneder efter netværksmødet 9. september 2026" in err
    ), err
    # ... while a network meeting in between the follow-ups is no problem
    d = data()
    meetings(d)[3]["dato"] = "2026-09-08"
    assert "network_meeting_outside_cadence" not in codes(d)


def test_a_missed_network_meeting(tmp_path, capsys) -> None:
    """No network meeting in the first six months of a course that ran on: one is missing,
    with the planner's last day (17 December 2026, six months after the start)."""
    d = data()
    for m in (meetings(d)[3], meetings(d)[5]):
        m["type"] = "opfoelgning"
    d[P]["afsluttet"] = "2027-01-05"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.afsluttet")
    assert (
        f"linje {line}, {P}.afsluttet: der mangler et netværksmøde: netværksmøderne holdes hver "
        "6. måned, så efter forløbets start (17. juni 2026) skulle det næste holdes senest den "
        "17. december 2026" in err
    ), err
    d[P]["afsluttet"] = "2026-12-10"  # ended before the six months were up
    assert "network_meeting_missed" not in codes(d)


def test_the_case_type_fixes_the_cadence(tmp_path, capsys) -> None:
    """Without the planned meeting, the next follow-up after 21 October is due 2 December in an
    investigation case (every 6 weeks from 17 June) and 17 December in a compensation case
    (every 3 months)."""
    for sagstype, due, rule in [
        ("undersøgelse", "2. december 2026", "hver 6. uge"),
        ("kompensation", "17. december 2026", "hver 3. måned (kompensations- og støttesager)"),
    ]:
        d = data()
        d[P]["sagstype"] = sagstype
        del meetings(d)[5]
        (p,) = codes(d)["next_follow_up_missing"]
        assert p.path == f"{P}.moeder.4", p
        assert f"skal holdes senest den {due} ({rule}" in p.message, p.message


def test_dates_out_of_the_courses_order(tmp_path, capsys) -> None:
    d = data()
    meetings(d)[1]["dato"] = "2026-07-30"  # the SoS meeting written before follow-up 1
    d[P]["kontrakt"]["aftaledato"] = "2026-06-10"  # before the start
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.2.dato")
    assert (
        f"linje {line}, møde 3 ({P}.moeder.2.dato): opfølgningen (29. juli 2026) ligger før møde 2 "
        "(30. juli 2026); møderne skrives i den rækkefølge, de holdes" in err
    ), err
    line = line_of(d, f"{P}.kontrakt.aftaledato")
    assert (
        f"linje {line}, {P}.kontrakt.aftaledato: samarbejdsaftalen (10. juni 2026) ligger før "
        "forløbets start (17. juni 2026)" in err
    ), err
    d = data()
    meetings(d)[2]["dato"] = "2026-06-16"
    (p,) = codes(d)["date_out_of_order"][:1]
    assert p.message.startswith("opfølgningen (16. juni 2026) ligger før forløbets start")


def test_a_meeting_on_a_closed_day(tmp_path, capsys) -> None:
    d = data()
    meetings(d)[2]["dato"] = "2026-07-25"  # a Saturday
    d["profil"]["lukkedage"] = {"datoer": ["2026-06-29"]}  # the municipality's own closing day
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.2.dato")
    assert (
        f"linje {line}, møde 3 ({P}.moeder.2.dato): opfølgningen ligger på en dag, hvor kommunen"
        in err
    )
    assert "25. juli 2026); vælg en arbejdsdag" in err
    line = line_of(d, f"{P}.moeder.1.dato")
    assert (
        f"linje {line}, møde 2 ({P}.moeder.1.dato): mødet ligger på en dag, hvor kommunen" in err
    ), err


def test_keys_name_people_in_the_case(tmp_path, capsys) -> None:
    d = data()
    meetings(d)[3]["deltagere"].append("bente")
    meetings(d)[3]["aftaler"][0]["ansvarlige"] = ["lasse"]
    d[P]["kontrakt"]["koordineringer"][0]["kontaktperson"] = "hanne"
    d[P]["barn"] = "mette"
    err = check_cli(tmp_path, capsys, d)
    for place, path in (
        ("møde 4, deltager 7", f"{P}.moeder.3.deltagere.6"),
        ("møde 4, aftale 1, ansvarlig 1", f"{P}.moeder.3.aftaler.0.ansvarlige.0"),
    ):
        line = line_of(d, path)
        assert (
            f"linje {line}, {place} ({path}): nøglen findes ikke blandt sagens familiemedlemmer "
            "og netværk" in err
        ), err
    assert f"{P}.barn: familiemedlemmet er ikke et barn (rolle)" in err
    assert (
        f"{P}.kontrakt.koordineringer.0.kontaktperson: personen skal være en professionel i "
        "netværket" in err
    )
    assert "bente" not in err and "lasse" not in err


def test_the_annual_wheel_agrees_with_the_course(tmp_path, capsys) -> None:
    d = data()
    d[P]["aarshjul"]["aar"] = 2029
    d[P]["aarshjul"]["aktiviteter"].append({"maaned": "april", "aktivitet": "Netværksmøde"})
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.aarshjul.aar")
    assert (
        f"linje {line}, {P}.aarshjul.aar: årshjulets år (2029) ligger uden for forløbet "
        "(17. juni 2026 – 16. juni 2027)" in err
    ), err
    path = f"{P}.aarshjul.aktiviteter.8.aktivitet"
    assert (
        f"linje {line_of(d, path)}, {path}: årshjulets opfølgninger og netværksmøder kommer fra "
        f"forløbet ({P}.moeder og kadencen); skriv mødet dér" in err
    ), err


def test_professionals_at_a_meeting_need_consent(tmp_path, capsys) -> None:
    d = data()
    del d["samtykker"][2]  # Sofie, 15 on 10 September, does not give her own consent
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.5.deltagere.3")
    assert (
        f"linje {line}, møde 6, deltager 4 ({P}.moeder.5.deltagere.3): intet gyldigt samtykke "
        "dækker, at Folkeskole og PPR får familiens oplysninger på mødet 2. december 2026 "
        "(møde 6): for familiemedlem 3 (barn): samtykke 1 er givet, før den unge fyldte 15 år"
        in err
    ), err
    assert "gælder også sammen_om_familien.moeder.5.deltagere.4" in err
    assert "100911" not in err and "sofie" not in err
    # the caseworker sends the documents and needs no consent; the notes cannot print a legal
    # basis for sharing without one
    path = tmp_path / "bad.yaml"
    args = ["sag", "render", str(path), "--all", "--out-dir", str(tmp_path / "ud")]
    assert main([*args, "--allow-without-consent", "--hjemmel", "x"]) == 1
    assert "kan ikke angive en hjemmel" in capsys.readouterr().err
    assert not (tmp_path / "ud").exists()
    with pytest.raises(DataError):
        sag.render(sag.load(d), sag.find(sag.load(d), "aarshjul"))


def test_a_note_is_written_after_a_method(tmp_path, capsys) -> None:
    d = data()
    del meetings(d)[3]["metode"]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.moeder.3")
    assert (
        f"møde 4 ({P}.moeder.3.metode): mødenotatet skrives efter Signs of Safety eller LØFT; "
        "angiv metode" in err
    ), err
    assert f"linje {line}" in err
    d = data()
    meetings(d)[1]["aftaler"] = [{"indhold": "x", "ansvarlige": ["mette"]}]  # LØFT's theme
    (p,) = codes(d)["agreements_only_loeft"]
    assert p.path == f"{P}.moeder.1.aftaler"


def test_form_rules_and_notes_are_reported_where_they_are_in_the_case(tmp_path, capsys) -> None:
    d = data()
    d[P]["maalbillede"]["revideret"] = "2026-06-20"
    meetings(d)[1]["notat"]["bekymringerne"] = ["x"]
    meetings(d)[1]["notat"]["dato"] = "2026-06-30"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"{P}.maalbillede.revideret")
    assert (
        f"linje {line}, {P}.maalbillede.revideret (Senest revideret): revisionsdatoen "
        "(20. juni 2026) ligger før målbilledet blev lavet (24. juni 2026)" in err
    ), err
    assert f"{P}.moeder.1.notat.bekymringerne" in err
    assert f"({P}.moeder.1.notat.dato): feltet udfyldes fra sagen ({P}.moeder.1.dato)" in err


def test_a_toolbox_key_in_a_sammen_om_familien_case_is_refused_by_name(tmp_path, capsys) -> None:
    d = data()
    d["moeder"] = []
    err = check_cli(tmp_path, capsys, d)
    assert (
        "moeder: afsnittet hører til samarbejdsmodellen toolbox, men sagen er en "
        "sammen_om_familien-sag (model: sammen_om_familien)" in err
    ), err
