"""A7/A8 consent declarations: the age-15 rule, children under 18, period, status, partners."""

from __future__ import annotations

import datetime as dt

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
def test_status_from_kls_vocabulary(form: str) -> None:
    assert problems(form, data_for(form, status="glemt")) == {"status": "enum"}
    found = problems(form, data_for(form, status="tilbagetrukket"))
    assert found == {"status_dato": "status_date_missing"}
    model = validate(
        get_form(form).model, data_for(form, status="tilbagetrukket", status_dato="2026-12-01")
    )
    assert "Status: tilbagetrukket (den 1. december 2026)" in docx_text(render(model))


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
