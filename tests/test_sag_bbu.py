"""A placement in BBU's meeting series as one case file (issue 21, ``model: bbu``): the example
passes its check, every document is made from it with the case's values (the course plan and
status meeting 6's minutes equal to the forms' own examples), and each rule of the course fails
through the command line with its Danish message and the file's line."""

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

EXAMPLE = Example("data/sag_eksempel_bbu.yaml")
TEXT, RAW, PATH = EXAMPLE.text, EXAMPLE.raw, EXAMPLE.path
data = EXAMPLE.data
FORMS = {"forloebsplan", "samtykke_generel", "bbu_referat", "maal_og_delmaal"}
#: The example's meetings by their number in the list (from 1), for the tests below.
VISITATION, INTAKE, CHILD_TALK, STATUS_1 = 1, 2, 3, 4
NETWORK, CHILD_TALK_DECISION, STATUS_5, STATUS_6, STATUS_7, DISCHARGE = 8, 9, 10, 11, 12, 13


def meeting(d: dict, nr: int) -> dict:
    return d["bbu"]["moeder"][nr - 1]


# -- the worked example -------------------------------------------------------------------------
def test_example_passes_its_check_and_tells_the_forms_story(capsys) -> None:
    assert main(["sag", "example", "--model", "bbu"]) == 0
    assert capsys.readouterr().out == TEXT
    case = sag.example("bbu")
    assert sag.check(case) == []
    docs = sag.documents(case)
    assert {d.form for d in docs} == FORMS
    # minutes for each held meeting whose minutes are written (status meeting 7 too, the last
    # before the move-out); none for the other status meetings
    assert [getattr(d, "moede", None) for d in docs if d.form == "bbu_referat"] == [
        VISITATION,
        INTAKE,
        CHILD_TALK,
        NETWORK,
        CHILD_TALK_DECISION,
        STATUS_6,
        STATUS_7,
        DISCHARGE,
    ]
    assert len(docs) == 11
    # the course plan and status meeting 6's minutes are the forms' own examples, field for
    # field; the minutes also know the case's move-out (printed only when the child moves out
    # before the next status meeting is due, which is not so on 20 May)
    from samarbejdsdok.forms import get_form
    from samarbejdsdok.validation import validate

    for form, nr in (("forloebsplan", None), ("bbu_referat", STATUS_6)):
        spec = get_form(form)
        made = sag.model_for(case, sag.find(case, form, moede=nr)).model_dump()
        example = validate(spec.model, spec.example(), form=form).model_dump()
        if form == "bbu_referat":
            assert made.pop("udflytning_planlagt") == case.bbu.udflytning
            assert example.pop("udflytning_planlagt") is None
        assert made == example
    # the planner agrees with the course: every meeting it proposes is in the case on its date
    from samarbejdsdok import kadence

    plan = kadence.bbu(
        case.bbu.anbringelse.start,
        akut=True,
        afgoerelser=tuple(case.bbu.afgoerelser),
        udflytning=case.bbu.udflytning,
    )
    held = {(m.type, m.dato) for m in case.bbu.moeder}
    for m in plan:
        kind = m.navn.split()[0].lower().replace("ø", "oe").replace("æ", "ae")
        assert (kind, m.dato) in held, m


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return render_all(PATH, tmp_path_factory.mktemp("bbu"))


#: Values of the case that each document shows.
EXPECTED = {
    "forloebsplan.docx": [
        "Oliver Kragh Hansen",
        "Jonas Winther, rådgiver",
        "Opholdsstedet Lindely",
        "30. marts 2026 (akut anbringelse)",
        "Fredag den 5. juni 2026",
    ],
    "samtykke01-samtykke_generel.docx": ["Mette Kragh Hansen", "Oliver Kragh Hansen"],
    "moede01-bbu_referat.docx": ["Referat af visitationsmøde", "Telefonisk", "Marianne Lyng"],
    "moede02-bbu_referat.docx": [
        "Referat af indskrivningssamtale",
        "30. marts 2026 (akut anbringelse)",
        "Tøj og medicin hentes i aften",
    ],
    "moede03-bbu_referat.docx": ["Referat af børnesamtale", "Olivers værelse på Lindely"],
    "moede08-bbu_referat.docx": [
        "Referat af netværksmøde",
        "Hanne Kragh | mormor",
        "Morten Friis | klasselærer for Oliver, Lyngholmskolen",
        "Morten Friis og Per Aagaard",
    ],
    "moede09-bbu_referat.docx": ["Tirsdag den 5. maj 2026", "fortsætte til håndbold"],
    "moede11-bbu_referat.docx": [
        "Referat af statusmøde",
        "Onsdag den 20. maj 2026, kl. 14.00–15.30",
        "Per Aagaard og Jonas Winther",
        "3. juni 2026",  # the next status meeting: the next one in the case
    ],
    # the last status meeting: Oliver moves out before the next would be due (17 June)
    "moede12-bbu_referat.docx": [
        "Onsdag den 3. juni 2026, kl. 14.00–15.00",
        "Næste statusmøde\nDer holdes ikke flere statusmøder: Oliver Kragh Hansen flytter fra "
        "tilbuddet fredag den 5. juni 2026.\nØvrige bemærkninger",
    ],
    "moede13-bbu_referat.docx": ["Referat af udskrivningssamtale", "5. juni 2026"],
    "maal_og_delmaal.docx": [
        "Oliver klarer en almindelig skoledag",
        "Per Aagaard og Jonas Winther",
        "Udfører (kontaktpædagog, Opholdsstedet Lindely)",
        "19. juni 2026",
    ],
}


def test_render_all_writes_every_document_with_the_cases_values(rendered) -> None:
    for name, text in check_rendered(rendered, EXPECTED).items():
        assert "020616-4567" not in text or name.startswith("samtykke"), name


def test_one_document_through_the_cli(tmp_path, capsys) -> None:
    out = tmp_path / "r.docx"
    args = ["sag", "render", PATH, "--form", "bbu_referat"]
    assert main([*args, "--meeting", str(STATUS_6), "-o", str(out)]) == 0
    assert "Oliver deltog i mødets første halvdel." in docx_text(out.read_bytes())
    capsys.readouterr()
    assert main([*args, "-o", str(out)]) == 1
    assert "sagen har flere af dette dokument" in capsys.readouterr().err
    assert main([*args, "--meeting", str(STATUS_5), "-o", str(out)]) == 1
    assert "referatet laves, når mødet er afholdt og dets notat skrevet" in capsys.readouterr().err
    assert main([*args, "--meeting", "14", "-o", str(out)]) == 1
    assert "sagen har 13 møder; møde 14 findes ikke" in capsys.readouterr().err
    assert main(["sag", "render", PATH, "--form", "familieplan", "-o", str(out)]) == 1
    assert "hører til en anden samarbejdsmodel end sagens" in capsys.readouterr().err
    x = tmp_path / "x.docx"
    assert main([*args, "--meeting", str(NETWORK), "--til", "morten", "-o", str(x)]) == 1
    assert "faste modtagere" in capsys.readouterr().err
    assert not x.exists()
    assert main(["sag", "render", PATH, "--form", "maal_og_delmaal", "-o", str(out)]) == 0
    assert "Jeg vil hjem til mor." in docx_text(out.read_bytes())


@pytest.mark.libreoffice
def test_every_document_opens_in_libreoffice_with_the_cases_values(rendered, tmp_path) -> None:
    check_in_libreoffice(rendered, tmp_path, IN_PDF, everywhere=("Oliver Kragh Hansen",))


#: A value of the case per document, short enough not to wrap in a table cell of the PDF.
IN_PDF = {
    "forloebsplan.docx": "Opholdsstedet Lindely",
    "samtykke01-samtykke_generel.docx": "Mette Kragh Hansen",
    "moede01-bbu_referat.docx": "Telefonisk",
    "moede02-bbu_referat.docx": "Tøj og medicin hentes i aften",
    "moede03-bbu_referat.docx": "Olivers værelse på Lindely",
    "moede08-bbu_referat.docx": "Morten Friis",
    "moede09-bbu_referat.docx": "En gåtur ved Lindely",
    "moede11-bbu_referat.docx": "Marianne Lyng",
    "moede12-bbu_referat.docx": "Der holdes ikke flere statusmøder",
    "moede13-bbu_referat.docx": "Læring til fremtidige indsatser",
    "maal_og_delmaal.docx": "Jeg vil hjem til mor.",
}


# -- the course's rules, each through the command line ----------------------------------------
def test_status_meetings_at_most_every_other_week(tmp_path, capsys) -> None:
    d = data()
    meeting(d, STATUS_6)["dato"] = "2026-05-22"  # 16 days after status meeting 5
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{STATUS_6 - 1}.dato")
    assert (
        f"linje {line}, møde {STATUS_6} (bbu.moeder.{STATUS_6 - 1}.dato): statusmødet (22. maj "
        "2026) er for sent: statusmøder holdes mindst hver anden uge, så efter mødet den 6. maj "
        "2026 skal det næste holdes senest den 20. maj 2026" in err
    ), err
    # in the first four weeks, weekly: a week after 1 April is 8 April
    d = data()
    meeting(d, STATUS_1 + 1)["dato"] = "2026-04-09"
    (p,) = codes(d)["status_meeting_too_late"]
    assert "ugentligt de første fire uger" in p.message and "8. april 2026" in p.message


def test_the_first_network_meeting_within_four_weeks(tmp_path, capsys) -> None:
    d = data()
    meeting(d, NETWORK)["dato"] = "2026-04-28"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{NETWORK - 1}.dato")
    assert (
        f"linje {line}, møde {NETWORK} (bbu.moeder.{NETWORK - 1}.dato): netværksmødet (28. april "
        "2026) er for sent: netværksmøder holdes i løbet af anbringelsens første fire uger, så "
        "det første skal holdes senest den 24. april 2026" in err
    ), err
    assert "1 problem i sagen" in err


def test_a_missed_network_meeting_before_a_later_meeting(tmp_path, capsys) -> None:
    d = data()
    del d["bbu"]["moeder"][NETWORK - 1]  # the meetings after it move up one number
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{NETWORK - 1}.dato")
    assert (
        f"linje {line}, møde {NETWORK} (bbu.moeder.{NETWORK - 1}.dato): forløbet mangler et "
        "netværksmøde før børnesamtalen den 5. maj 2026: det holdes i løbet af anbringelsens "
        "første fire uger, dvs. senest den 24. april 2026 (forslag: 24. april 2026)" in err
    ), err


def test_always_agree_the_next_status_meeting(tmp_path, capsys) -> None:
    d = data()
    del d["bbu"]["moeder"][STATUS_7 - 1]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{STATUS_6 - 1}")
    assert (
        f"linje {line}, møde {STATUS_6} (bbu.moeder.{STATUS_6 - 1}): aftal altid næste "
        "statusmøde: efter statusmødet den 20. maj 2026 er der intet statusmøde i sagen; "
        "statusmøder holdes mindst hver anden uge, så det næste skal holdes senest den 3. juni "
        "2026 (forslag), medmindre barnet flytter før" in err
    ), err
    assert "1 problem i sagen" in err  # the minutes' own copy of the rule adds nothing
    # a move-out before the deadline ends the series: status meeting 7 needs no successor
    assert "next_status_meeting_missing" not in codes(data())


def test_dates_out_of_the_courses_order(tmp_path, capsys) -> None:
    d = data()
    meeting(d, STATUS_1)["dato"] = "2026-03-27"  # before the placement
    meeting(d, STATUS_7)["dato"] = "2026-06-08"  # after the move-out
    d["bbu"]["afgoerelser"] = ["2026-03-20"]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{STATUS_1 - 1}.dato")
    assert (
        f"linje {line}, møde {STATUS_1} (bbu.moeder.{STATUS_1 - 1}.dato): statusmødet (27. marts "
        "2026) ligger før anbringelsens start (30. marts 2026)" in err
    ), err
    line = line_of(d, f"bbu.moeder.{STATUS_7 - 1}.dato")
    assert (
        f"linje {line}, møde {STATUS_7} (bbu.moeder.{STATUS_7 - 1}.dato): statusmødet (8. juni "
        "2026) ligger efter barnets udflytning (5. juni 2026); derefter holdes kun "
        "udskrivningssamtalen" in err
    ), err
    line = line_of(d, "bbu.afgoerelser.0")
    assert (
        f"linje {line}, bbu.afgoerelser.0: afgørelsen (20. marts 2026) ligger før anbringelsens "
        "start (30. marts 2026)" in err
    ), err


def test_the_intake_talk_within_48_hours_after_an_acute_placement(tmp_path, capsys) -> None:
    d = data()
    meeting(d, INTAKE)["dato"] = "2026-04-02"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{INTAKE - 1}.dato")
    assert (
        f"linje {line}, møde {INTAKE} (bbu.moeder.{INTAKE - 1}.dato): indskrivningssamtalen "
        "holdes senest 48 timer efter en akut anbringelse, dvs. senest den 1. april 2026; den "
        "2. april 2026 er for sent" in err
    ), err


def test_the_child_talks(tmp_path, capsys) -> None:
    # before the decision: a talk of its own, not the one at the start
    d = data()
    del d["bbu"]["moeder"][CHILD_TALK_DECISION - 1]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "bbu.afgoerelser.0")
    assert (
        f"linje {line}, bbu.afgoerelser.0: før afgørelsen den 6. maj 2026 har barnet en "
        "børnesamtale (arbejdsdagen før afgørelsen: forslag 5. maj 2026); forløbet har ingen "
        "børnesamtale før afgørelsen" in err
    ), err
    # the caseworker missed the intake: the child talk within 24 hours
    d = data()
    meeting(d, INTAKE)["deltagere"].remove("jonas")
    meeting(d, CHILD_TALK)["dato"] = "2026-04-01"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{CHILD_TALK - 1}.dato")
    assert (
        f"linje {line}, møde {CHILD_TALK} (bbu.moeder.{CHILD_TALK - 1}.dato): barnet har en "
        "børnesamtale inden for 24 timer, når sagsbehandleren ikke var med ved indskrivningen, "
        "dvs. senest den 31. marts 2026; den første, den 1. april 2026, er for sent" in err
    ), err
    # and the course plan then shows the 24-hour rule
    d = data()
    meeting(d, INTAKE)["deltagere"].remove("jonas")
    case = sag.load(d)
    plan = sag.model_for(case, sag.find(case, "forloebsplan"))
    assert plan.indskrivning_uden_sagsbehandler


def test_the_discharge_talk_two_to_four_weeks_after_the_move_out(tmp_path, capsys) -> None:
    d = data()
    meeting(d, DISCHARGE)["dato"] = "2026-07-10"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{DISCHARGE - 1}.dato")
    assert (
        f"linje {line}, møde {DISCHARGE} (bbu.moeder.{DISCHARGE - 1}.dato): udskrivningssamtalen "
        "(10. juli 2026) holdes 2–4 uger efter udflytningen, dvs. mellem 19. juni 2026 og 3. juli "
        "2026" in err
    ), err
    d = data()
    del d["bbu"]["moeder"][DISCHARGE - 1]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "bbu.udflytning")
    assert (
        f"linje {line}, bbu.udflytning: barnet flytter den 5. juni 2026, men "
        "udskrivningssamtalen mangler: den holdes 2–4 uger efter udflytningen (forslag: 19. juni "
        "2026)" in err
    ), err


def test_meetings_on_closed_days(tmp_path, capsys) -> None:
    d = data()
    meeting(d, STATUS_1 + 1)["dato"] = "2026-04-06"  # Anden påskedag
    d["profil"]["lukkedage"] = {"datoer": ["2026-05-20"]}  # the municipality's own closing day
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{STATUS_1}.dato")
    assert (
        f"linje {line}, møde {STATUS_1 + 1} (bbu.moeder.{STATUS_1}.dato): statusmødet ligger på "
        "en dag, hvor kommunen holder lukket (anden påskedag 6. april 2026); vælg en "
        "arbejdsdag" in err
    ), err
    assert f"bbu.moeder.{STATUS_6 - 1}.dato): statusmødet ligger på en dag, hvor kommunen" in err
    # an acute placement's talks within their hours may fall on a closed day (Døgnvagten)
    d = data()
    for nr in (VISITATION, INTAKE, CHILD_TALK):
        meeting(d, nr)["dato"] = "2026-04-04"  # a Saturday
    d["bbu"]["anbringelse"]["start"] = "2026-04-04"
    found = codes(d)
    assert [p.path for p in found.get("meeting_on_closed_day", [])] == ["bbu.moeder.0.dato"]


def test_keys_name_people_in_the_case(tmp_path, capsys) -> None:
    d = data()
    d["bbu"]["sagsbehandler"] = "bente"
    meeting(d, NETWORK)["deltagere"].append("lise")
    d["bbu"]["maal"]["maal"][0]["delmaal"][0]["ansvarlige"] = ["sofie"]
    d["bbu"]["barn"] = "mette"
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, "bbu.sagsbehandler")
    assert (
        f"linje {line}, bbu.sagsbehandler: nøglen findes ikke blandt sagens familiemedlemmer og "
        "netværk" in err
    ), err
    assert f"møde {NETWORK}, deltager 8 (bbu.moeder.{NETWORK - 1}.deltagere.7): nøglen" in err
    assert "(bbu.maal.maal.0.delmaal.0.ansvarlige.0): nøglen findes ikke" in err
    assert "bbu.barn: familiemedlemmet er ikke et barn (rolle)" in err
    for key in ("bente", "lise", "sofie"):
        assert key not in err
    d = data()
    d["bbu"]["kontaktpaedagog"] = "hanne"  # the personal network
    assert codes(d)["not_in_network"][0].path == "bbu.kontaktpaedagog"


def test_the_school_needs_consent_the_placements_parties_do_not(tmp_path, capsys) -> None:
    d = data()
    d["samtykker"][0]["parter"] = ["Familiehuset"]
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{NETWORK - 1}.deltagere.6")
    assert (
        f"linje {line}, møde {NETWORK}, deltager 7 (bbu.moeder.{NETWORK - 1}.deltagere.6): "
        "netværksmødet (møde 8, 24. april 2026) deler oplysninger med Folkeskole (kommunalt "
        "netværk), som ikke er part i anbringelsen, og som intet gyldigt samtykke dækker: intet "
        "samtykke nævner Folkeskole" in err
    ), err
    assert "1 problem i sagen" in err  # Lindely and the caseworker need none; mormor neither
    assert "120585" not in err and "morten" not in err
    path = tmp_path / "bad.yaml"
    out = tmp_path / "ud"
    assert main(["sag", "render", str(path), "--all", "--out-dir", str(out)]) == 1
    assert not out.exists()
    case = sag.load(d)
    with pytest.raises(ConsentError):
        sag.model_for(case, sag.find(case, "bbu_referat", moede=NETWORK))
    sag.model_for(case, sag.find(case, "bbu_referat", moede=STATUS_6))  # no school there
    with pytest.raises(DataError, match="kan ikke angive en hjemmel"):
        sag.render(case, sag.find(case, "bbu_referat", moede=NETWORK), hjemmel="x")


def test_form_rules_and_notes_are_reported_where_they_are_in_the_case(tmp_path, capsys) -> None:
    d = data()
    meeting(d, STATUS_6)["aftaler"] = []
    err = check_cli(tmp_path, capsys, d)
    line = line_of(d, f"bbu.moeder.{STATUS_6 - 1}.aftaler")
    assert (
        f"linje {line}, møde {STATUS_6} (bbu.moeder.{STATUS_6 - 1}.aftaler): statusmødet "
        "aftaler, hvem der har ansvar for hvad" in err
    ), err
    d = data()
    meeting(d, STATUS_6)["notat"]["statusmoede"]["informationen"] = "x"
    meeting(d, STATUS_6)["notat"]["dato"] = "2026-05-21"
    d["bbu"]["anbringelse"]["akut"] = False  # the intake's minutes now lack the full points
    err = check_cli(tmp_path, capsys, d)
    assert f"bbu.moeder.{STATUS_6 - 1}.notat.statusmoede.informationen" in err
    assert (
        f"bbu.moeder.{STATUS_6 - 1}.notat.dato): feltet udfyldes fra sagen "
        f"(bbu.moeder.{STATUS_6 - 1}.dato)" in err
    ), err
    assert (
        f"bbu.moeder.{INTAKE - 1}.notat.indskrivningssamtale.anbringelsesgrundlag): punktet skal "
        "afklares på indskrivningssamtalen" in err
    ), err


def test_a_toolbox_key_in_a_bbu_case_is_refused_by_name(tmp_path, capsys) -> None:
    d = data()
    d["familieplan"] = {}
    err = check_cli(tmp_path, capsys, d)
    assert (
        "familieplan: afsnittet hører til samarbejdsmodellen toolbox, men sagen er en bbu-sag "
        "(model: bbu)" in err
    ), err


def test_schema_validates_the_example() -> None:
    d = data()
    d["bbu"]["anbringelse"]["anbringelsens_start"] = "2026-03-30"  # a misspelt key
    schema = check_schema(RAW, d)
    assert schema["$defs"]["SagBbu"]["properties"]["bbu"]["title"] == (
        "Anbringelsen og mødeforløbet"
    )
