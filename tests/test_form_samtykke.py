"""A7/A8 consent declarations: the age-15 rule, children under 18, period, status, partners, and
the information the GDPR's article 13 requires (from the municipality profile)."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import docx_text

from samarbejdsdok import render
from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import get_form
from samarbejdsdok.validation import validate

FORMS = ["samtykke_statistik", "samtykke_generel"]


def data_for(form: str, **fields):
    data = get_form(form).example()
    data.update(fields)
    return data


def problems(form: str, data) -> dict[str, str]:
    spec = get_form(form)
    with pytest.raises(DataError) as info:
        validate(spec.model, data, form=form)
    return {p.path: p.code for p in info.value.problems}


@pytest.mark.parametrize("form", FORMS)
def test_a_child_who_turns_15_on_the_signing_date_signs(form: str) -> None:
    # Born 23 November 2011: 15 years old on exactly 23 November 2026.
    children = [
        {"navn": "Anna Birk", "cpr": "231111-4002"},
        {"navn": "Bo Birk", "cpr": "241111-4001"},
    ]
    model = validate(
        get_form(form).model, data_for(form, boern=children, underskriftsdato="2026-11-23")
    )
    assert [u.navn for u in model.unge_underskrivere] == ["Anna Birk"]
    text = docx_text(render(model))
    assert "Anna Birk, 15 år (fyldt 15 år den 23. november 2026)" in text
    assert "Underskrift: Anna Birk" in text
    assert "Underskrift: Bo Birk" not in text  # 14 years and 364 days old
    assert "fyldt 15 år på underskriftsdatoen, 23. november 2026" in text


@pytest.mark.parametrize("form", FORMS)
def test_the_day_before_the_birthday_no_young_person_signs(form: str) -> None:
    children = [{"navn": "Anna Birk", "cpr": "231111-4002"}]
    model = validate(
        get_form(form).model, data_for(form, boern=children, underskriftsdato="2026-11-22")
    )
    assert model.unge_underskrivere == []
    text = docx_text(render(model))
    assert "Underskrift: Anna Birk" not in text
    assert "Ingen af børnene er fyldt 15 år på underskriftsdatoen" in text


def test_the_rule_uses_the_signing_date_not_today() -> None:
    children = [{"navn": "Anna Birk", "cpr": "231111-4002"}]
    later = validate(
        get_form("samtykke_generel").model,
        data_for(
            "samtykke_generel",
            boern=children,
            underskriftsdato="2027-01-05",
            gyldig_fra="2027-01-05",
            gyldig_til="2027-12-31",
        ),
    )
    (ung,) = later.unge_underskrivere
    assert ung.alder == 15 and ung.fyldt_15 == dt.date(2026, 11, 23)


@pytest.mark.parametrize("form", FORMS)
def test_a_child_of_18_is_rejected(form: str) -> None:
    children = [{"navn": "Ældste", "cpr": "010108-4003"}]  # 18 on 1 January 2026
    found = problems(form, data_for(form, boern=children))
    assert found == {"boern.0.cpr": "child_of_age"}


@pytest.mark.parametrize("form", FORMS)
def test_last_valid_date_must_not_precede_the_start(form: str) -> None:
    found = problems(form, data_for(form, gyldig_fra="2026-12-01", gyldig_til="2026-11-30"))
    assert found == {"gyldig_til": "consent_period_reversed"}


def test_general_consent_needs_its_last_date() -> None:
    data = data_for("samtykke_generel")
    del data["gyldig_til"]
    assert problems("samtykke_generel", data) == {"gyldig_til": "missing"}


@pytest.mark.parametrize("form", FORMS)
def test_status_from_kls_vocabulary_is_kept_but_never_printed(form: str) -> None:
    assert problems(form, data_for(form, status="glemt")) == {"status": "enum"}
    found = problems(form, data_for(form, status="tilbagetrukket"))
    assert found == {"status_dato": "status_date_missing"}
    model = validate(
        get_form(form).model, data_for(form, status="tilbagetrukket", status_dato="2026-12-01")
    )
    assert model.status == "tilbagetrukket"  # the case's record keeps it ...
    text = docx_text(render(model))
    assert "Status" not in text and "tilbagetrukket" not in text  # ... the signed form does not
    assert "1. december 2026" not in text


def test_statistics_consent_needs_an_area_and_a_child() -> None:
    found = problems(
        "samtykke_statistik", data_for("samtykke_statistik", omraader={"skole": False})
    )
    assert found == {"omraader": "no_area"}
    assert problems("samtykke_statistik", data_for("samtykke_statistik", boern=[])) == {
        "boern": "no_children"
    }


def test_statistics_consent_ticks_real_boxes() -> None:
    model = validate(
        get_form("samtykke_statistik").model,
        data_for("samtykke_statistik", omraader={"skole": True, "institution": False}),
    )
    text = docx_text(render(model))
    assert "☒  Skole" in text and "☐  Institution" in text
    assert "True" not in text and "False" not in text


def test_general_consent_lists_partners_with_boxes_and_contacts() -> None:
    text = docx_text(render(get_form("samtykke_generel").example_model()))
    assert "☒ | Familierådgivningen | Jonas Winther, rådgiver, Familierådgivningen; " in text
    assert "☐ | Sundhedsplejen | " in text
    assert "Børne- og ungdomspsykiatrien | Dorthe Rasmussen, psykolog, " in text


def test_general_consent_needs_a_partner() -> None:
    data = data_for(
        "samtykke_generel", interne_parter=[{"navn": "Sundhedsplejen"}], eksterne_parter=[]
    )
    assert problems("samtykke_generel", data) == {"interne_parter": "no_partner"}


def test_default_internal_partners_are_the_seven_on_the_paper_form() -> None:
    data = data_for("samtykke_generel", eksterne_parter=[{"navn": "Egen læge"}])
    del data["interne_parter"]
    model = validate(get_form("samtykke_generel").model, data)
    assert [p.navn for p in model.interne_parter][:2] == ["Familierådgivningen", "Sundhedsplejen"]
    assert len(model.interne_parter) == 7


@pytest.mark.parametrize("form", FORMS)
def test_current_law_is_cited_not_the_2017_text(form: str) -> None:
    text = docx_text(render(get_form(form).example_model()))
    assert "databeskyttelsesforordningens artikel 7, stk. 3" in text
    assert "retssikkerhedslovens § 11 a" in text
    assert "forvaltningslovens § 27" in text
    assert "ersondataloven" not in text and "§ 38" not in text


@pytest.mark.parametrize("form", FORMS)
def test_a_reference_does_not_repeat_its_act(form: str) -> None:
    text = docx_text(render(get_form(form).example_model()))
    assert "Forvaltningsloven." not in text and "§ 27: " not in text
    assert "Forvaltningslovens § 27. Kilde: https://www.retsinformation.dk" in text
    assert (
        "Retssikkerhedslovens § 11 a: Lov om retssikkerhed og administration på det sociale "
        "område (retssikkerhedsloven). Kilde: " in text
    )


def test_barnets_lov_is_cited_as_the_consolidated_act() -> None:
    text = docx_text(render(get_form("samtykke_generel").example_model()))
    assert (
        "Barnets lov: LBK nr. 282 af 17. marts 2025 (bekendtgørelse af barnets lov). "
        "Kilde: https://www.retsinformation.dk/eli/lta/2025/282." in text
    )
    assert "721" not in text and "2023" not in text


# --- the GDPR's article 13 and 7(3) ----------------------------------------------------------

#: What every consent declaration says, with the bundled example profile's data.
ARTICLE_13 = [
    "Sådan behandler vi dine oplysninger",
    "efter databeskyttelsesforordningens artikel 13",
    # the data controller and its contact details
    "Dataansvarlig: Furesø Kommune, Stiager 2, 3500 Værløse, tlf. 72 16 50 00, "
    "e-mail furesoe@furesoe.dk.",
    # the data protection officer
    "Databeskyttelsesrådgiver: Kommunens databeskyttelsesrådgiver, "
    "e-mail databeskyttelse@furesoe.dk, tlf. 72 16 50 50.",
    # purposes and legal basis
    "Formål og retsgrundlag: ",
    "Retsgrundlaget er dit samtykke, jf. databeskyttelsesforordningens artikel 6, stk. 1, litra a",
    # recipients
    "Modtagere: ",
    # retention: the profile's rule and the consent's own end date
    "Opbevaring: Oplysningerne opbevares, så længe sagen er åben, og slettes eller arkiveres "
    "derefter efter arkivlovens regler. Samtykket gælder til og med 26. maj 2027",
    # the rights
    "Du har ret til at få indsigt i de oplysninger, der behandles om dig og dine børn, og til at "
    "få forkerte oplysninger rettet. Du kan også bede om at få oplysninger slettet eller om, at "
    "behandlingen begrænses, og du kan gøre indsigelse mod behandlingen.",
    # withdrawal at any time, without affecting what was lawful before, and whom to tell
    "Tilbagekaldelse: Du kan til enhver tid tilbagekalde dit samtykke",
    "jf. databeskyttelsesforordningens artikel 7, stk. 3",
    "Giv besked til din kontaktperson i Familiens Fremtid eller til Furesø Kommune på "
    "tlf. 72 16 50 00 eller e-mail furesoe@furesoe.dk.",
    "Den ændrer ikke ved, at behandlingen før tilbagekaldelsen var lovlig",
    # the complaint
    "Klage: Du kan klage over behandlingen af oplysningerne til Datatilsynet, Carl Jacobsens "
    "Vej 35, 2500 Valby, dt@datatilsynet.dk, www.datatilsynet.dk.",
]


@pytest.mark.parametrize("form", FORMS)
def test_the_declaration_gives_the_article_13_information(form: str) -> None:
    text = docx_text(render(get_form(form).example_model()))
    missing = [item for item in ARTICLE_13 if item not in text]
    assert not missing
    assert "Status" not in text


def test_the_statistics_consent_names_its_source_and_no_sensitive_data() -> None:
    text = docx_text(render(get_form("samtykke_statistik").example_model()))
    assert "Oplysningerne bruges kun til statistiske målinger af Familiens Fremtid." in text
    assert (
        "Modtagere: Oplysningerne indhentes fra børnenes skole og bruges kun af Familiens "
        "Fremtid i Furesø Kommune." in text
    )
    assert "artikel 9" not in text and "dataportabilitet" not in text
    one = data_for(
        "samtykke_statistik",
        boern=[{"navn": "Oliver Kragh Hansen", "cpr": "020616-4567"}],
        omraader={"skole": True, "institution": True},
    )
    text = docx_text(render(validate(get_form("samtykke_statistik").model, one)))
    assert "fra barnets skole og institution" in text
    assert "om mit barns eventuelle fravær" in text and "dit barn deltager" in text


def test_the_general_consent_names_the_ticked_recipients_sensitive_data_and_portability() -> None:
    model = get_form("samtykke_generel").example_model()
    text = docx_text(render(model))
    assert (
        "Modtagere: Oplysningerne udveksles kun med de samarbejdsparter, der er afkrydset eller "
        "nævnt ovenfor: Familierådgivningen, Familiehuset, Jobcentret, Folkeskole, "
        "Fritidsvejledningen, Familiens Fremtid og Børne- og ungdomspsykiatrien." in text
    )
    (line,) = [x for x in text.splitlines() if x.startswith("Modtagere: ")]
    assert "Sundhedsplejen" not in line and "Daginstitution" not in line  # not ticked
    assert (
        "og for følsomme oplysninger, fx helbredsoplysninger, databeskyttelsesforordningens "
        "artikel 9, stk. 2, litra a." in text
    )
    assert "maskinlæsbart format (dataportabilitet)" in text


@pytest.mark.parametrize("form", FORMS)
def test_the_profile_fills_the_article_13_fields_and_the_data_wins(form: str) -> None:
    from samarbejdsdok import profil

    profile = profil.example()
    profile["dataansvarlig"] = {
        "navn": "Egedal Kommune",
        "adresse": "Dronning Dagmars Vej 200, 3650 Ølstykke",
        "telefon": "72 59 60 00",
        "email": "post@egekom.dk",
    }
    profile["databeskyttelsesraadgiver"] = {"navn": "DPO-enheden", "email": "dpo@egekom.dk"}
    profile["opbevaring"] = "Oplysningerne slettes fem år efter sagens afslutning."
    spec = get_form(form)
    data = spec.example()
    for key in ("dataansvarlig", "databeskyttelsesraadgiver", "opbevaring"):
        del data[key]
    text = docx_text(render(validate(spec.model, profil.apply(spec.model, data, profile))))
    assert "Dataansvarlig: Egedal Kommune, Dronning Dagmars Vej 200, 3650 Ølstykke, " in text
    assert "tlf. 72 59 60 00, e-mail post@egekom.dk." in text
    assert "Databeskyttelsesrådgiver: DPO-enheden, e-mail dpo@egekom.dk. Kontakt" in text
    assert "Opbevaring: Oplysningerne slettes fem år efter sagens afslutning." in text
    assert "Furesø Kommune, Stiager" not in text
    # a value already in the data wins over the profile's
    data["opbevaring"] = "Efter arkivloven."
    text = docx_text(render(validate(spec.model, profil.apply(spec.model, data, profile))))
    assert "Opbevaring: Efter arkivloven." in text


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("dataansvarlig", "hvem der er dataansvarlig"),
        ("databeskyttelsesraadgiver", "hvordan man kontakter databeskyttelsesrådgiveren"),
        ("opbevaring", "hvor længe oplysningerne opbevares"),
    ],
)
def test_without_the_profiles_data_no_declaration_is_made(
    form: str, field: str, words: str, tmp_path: Path
) -> None:
    data = get_form(form).example()
    del data[field]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", "render", form, str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"{field} (" in result.stderr
    assert f"skal udfyldes: en samtykkeerklæring skal oplyse, {words}" in result.stderr
    assert not out.exists()


def test_the_profile_given_on_the_command_line_makes_the_declaration(tmp_path: Path) -> None:
    from samarbejdsdok import profil

    data = get_form("samtykke_generel").example()
    for key in ("dataansvarlig", "databeskyttelsesraadgiver", "opbevaring"):
        del data[key]
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (tmp_path / "profil.json").write_text(json.dumps(profil.example(), ensure_ascii=False))
    out = tmp_path / "out.docx"
    args = ["render", "samtykke_generel", "data.json", "-o", str(out)]
    cmd = [sys.executable, "-m", "samarbejdsdok", *args]
    without = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert without.returncode == 1 and "dataansvarlig" in without.stderr
    result = subprocess.run(
        [*cmd, "--profile", "profil.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Dataansvarlig: Furesø Kommune, Stiager 2" in docx_text(out.read_bytes())


# --- wording that fits who signs ---------------------------------------------------------------


def test_a_young_persons_own_consent_speaks_of_me_alone() -> None:
    # Sofie, 15 on 10 September 2026, consents about herself on 14 September 2026.
    data = data_for(
        "samtykke_generel",
        samtykkegiver={"navn": "Sofie Kragh Hansen", "cpr": "100911-4122"},
        boern=[],
        underskriftsdato="2026-09-14",
        gyldig_fra="2026-09-14",
    )
    model = validate(get_form("samtykke_generel").model, data)
    assert model.ung_samtykkegiver and model.samtykkegiver_alder == 15
    text = docx_text(render(model))
    assert "oplysninger om mig mellem Familiens Fremtid" in text
    assert "mit barn" not in text and "mine børn" not in text and "barn/" not in text
    assert "Ingen af børnene er fyldt 15 år" not in text
    assert "Er der en ung i familien" not in text
    assert "Sofie Kragh Hansen er 15 år og giver selv samtykke til oplysninger om sig selv." in text
    assert "der behandles om dig, og til at få forkerte oplysninger rettet" in text
    assert "dit barns" not in text and "dine eller dit barns" not in text
    # No children's section on a young person's own consent about herself.
    assert "Barn under 18 år" not in text and "Samtykket omfatter ingen børn." not in text


def test_a_parent_with_one_child_speaks_of_my_child() -> None:
    one = [{"navn": "Oliver Kragh Hansen", "cpr": "020616-4567"}]
    text = docx_text(
        render(
            validate(get_form("samtykke_generel").model, data_for("samtykke_generel", boern=one))
        )
    )
    assert "oplysninger om mig og mit barn mellem" in text
    assert "om dig og dit barn." in text
    assert "Ingen af børnene er fyldt 15 år på underskriftsdatoen" in text
    assert "giver selv samtykke" not in text
    assert "Barn under 18 år" in text  # the children's section stays for a parent


def test_the_case_files_young_person_signs_her_own_consent_about_herself() -> None:
    from samarbejdsdok import sag

    dokumenter = importlib.import_module("samarbejdsdok.sag.dokumenter")
    case = sag.example()
    docs = {d.filnavn: d for d in dokumenter.documents(case)}
    own = dokumenter.model_for(case, docs["samtykke03-samtykke_generel.docx"])
    text = docx_text(render(own))
    assert "oplysninger om mig mellem" in text and "om mig og" not in text
    assert "Ingen af børnene er fyldt 15 år" not in text
    assert "Sofie Kragh Hansen er 15 år og giver selv samtykke" in text
    assert "Dataansvarlig: Furesø Kommune" in text and "Status" not in text
    parent = dokumenter.model_for(case, docs["samtykke01-samtykke_generel.docx"])
    assert "oplysninger om mig og mine børn mellem" in docx_text(render(parent))


def test_a_case_without_the_profiles_data_makes_no_declaration() -> None:
    from samarbejdsdok import sag
    from samarbejdsdok.errors import DataError

    dokumenter = importlib.import_module("samarbejdsdok.sag.dokumenter")
    case = sag.example()
    profile = dict(case.profil or {})
    del profile["databeskyttelsesraadgiver"]
    case = case.model_copy(update={"profil": profile})
    docs = {d.filnavn: d for d in dokumenter.documents(case)}
    with pytest.raises(DataError) as info:
        dokumenter.model_for(case, docs["samtykke01-samtykke_generel.docx"])
    (problem,) = info.value.problems
    assert problem.code == "missing"
    assert "databeskyttelsesraadgiver" in problem.path
    assert "databeskyttelsesrådgiveren" in problem.message


# --- standard partners ticked by their box alone -------------------------------------------------


def partners_text(data) -> str:
    model = validate(get_form("samtykke_generel").model, data, form="samtykke_generel")
    return docx_text(render(model))


def test_partners_ticked_by_box_alone_are_named_in_the_document() -> None:
    ticked = [
        {"boks": 1, "afkrydset": True},
        {"boks": "folkeskole", "afkrydset": True, "kontaktoplysninger": "Lyngholmskolen"},
        {"boks": "6", "navn": "Børnehaven Solsikken", "afkrydset": True},
    ]
    text = partners_text(data_for("samtykke_generel", interne_parter=ticked))
    rows = [line for line in text.splitlines() if line.startswith(("☒ |", "☐ |"))]
    assert rows[:7] == [
        "☒ | Familierådgivningen | ",
        "☐ | Sundhedsplejen | ",
        "☐ | Familiehuset | ",
        "☐ | Jobcentret | ",
        "☐ | Afd. for borgere med nedsat funktionsevne | ",
        "☒ | Børnehaven Solsikken | ",  # box 6 (Daginstitution) with the family's own
        "☒ | Folkeskole | Lyngholmskolen",
    ]


def test_ticks_by_list_position_name_the_partner_of_that_box() -> None:
    ticks = [{"afkrydset": True}, {}, {}, {}, {}, {}, {"afkrydset": True}]
    text = partners_text(data_for("samtykke_generel", interne_parter=ticks))
    assert "☒ | Familierådgivningen | " in text and "☒ | Folkeskole | " in text
    assert "☐ | Daginstitution | " in text
    assert "interne_parter" not in text and "None" not in text


def test_names_and_contacts_come_from_the_municipality_profile() -> None:
    from samarbejdsdok import profil

    profile = profil.example()
    profile["standardparter"] = [
        {
            "noegle": "raadgivning",
            "navn": "Børne- og Ungerådgivningen",
            "kontaktoplysninger": "tlf. 72 16 50 00",
        },
        {"noegle": "skole", "navn": "Skoleafdelingen"},
    ]
    spec = get_form("samtykke_generel")
    data = data_for("samtykke_generel", interne_parter=[{"boks": "raadgivning", "afkrydset": True}])
    text = partners_text(profil.apply(spec.model, data, profile))
    assert "☒ | Børne- og Ungerådgivningen | tlf. 72 16 50 00" in text
    assert "☐ | Skoleafdelingen | " in text
    assert "Familierådgivningen |" not in text and "Folkeskole" not in text
    # the contacts a row gives win over the profile's; values in the data win over the profile
    data["interne_parter"] = [{"boks": 1, "afkrydset": True, "kontaktoplysninger": "Jonas"}]
    assert "☒ | Børne- og Ungerådgivningen | Jonas" in partners_text(
        profil.apply(spec.model, data, profile)
    )


def test_a_profiles_own_partners_are_the_default_boxes() -> None:
    from samarbejdsdok import profil

    profile = {**profil.example(), "standardparter": [{"noegle": "ppr", "navn": "PPR"}]}
    spec = get_form("samtykke_generel")
    data = data_for("samtykke_generel", eksterne_parter=[{"navn": "Egen læge"}])
    del data["interne_parter"]
    model = validate(spec.model, profil.apply(spec.model, data, profile))
    assert [(p.navn, p.afkrydset) for p in model.interne_parter] == [("PPR", False)]


def test_a_model_with_boxes_round_trips_through_its_dump() -> None:
    data = data_for("samtykke_generel", interne_parter=[{"boks": 2, "afkrydset": True}])
    model = validate(get_form("samtykke_generel").model, data)
    derived = set(type(model).model_computed_fields)
    again = validate(
        get_form("samtykke_generel").model, model.model_dump(mode="json", exclude=derived)
    )
    assert again == model
    assert [p.navn for p in again.interne_parter if p.afkrydset] == ["Sundhedsplejen"]


@pytest.mark.parametrize(
    ("partners", "path", "code"),
    [
        ([{"boks": 8, "afkrydset": True}], "interne_parter.0.boks", "unknown_box"),
        ([{"boks": "skolen", "afkrydset": True}], "interne_parter.0.boks", "unknown_box"),
        (
            [{"boks": 1, "afkrydset": True}, {"boks": "familieraadgivningen"}],
            "interne_parter.1.boks",
            "box_twice",
        ),
        ([{}] * 7 + [{"afkrydset": True}], "interne_parter.7.navn", "partner_name_missing"),
    ],
)
def test_a_box_that_is_not_there_is_named(partners, path: str, code: str) -> None:
    assert problems("samtykke_generel", data_for("samtykke_generel", interne_parter=partners)) == {
        path: code
    }


def test_the_unknown_box_message_lists_the_numbers_and_keys() -> None:
    data = data_for("samtykke_generel", interne_parter=[{"boks": 9, "afkrydset": True}])
    with pytest.raises(DataError) as info:
        validate(get_form("samtykke_generel").model, data, form="samtykke_generel")
    (problem,) = info.value.problems
    assert "angiv et nummer fra 1 til 7 eller en nøgle" in problem.message
    assert "familieraadgivningen" in problem.message and "folkeskole" in problem.message


def test_a_profile_names_each_standard_partner_once(tmp_path) -> None:
    import json

    from samarbejdsdok import profil

    profile = {
        **profil.example(),
        "standardparter": [{"noegle": "ppr", "navn": "PPR"}, {"noegle": "ppr", "navn": "Andet"}],
    }
    path = tmp_path / "profil.json"
    path.write_text(json.dumps(profile), "utf-8")
    with pytest.raises(DataError) as info:
        profil.load(path)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("standardparter.1.noegle", "partner_key_twice")
    ]
