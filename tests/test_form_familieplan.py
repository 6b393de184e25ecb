"""A9 Helhedsorienteret familieplan: the model's rules, the bridge from the network-meeting
note (A14), the example, and the rendered document."""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from conftest import docx_text
from rule_bases import FAMILIEPLAN_BASE, NOTAT_BASE

import samarbejdsdok
from samarbejdsdok.errors import DataError
from samarbejdsdok.fields import mask_cpr
from samarbejdsdok.formatting import dato, stort, tal
from samarbejdsdok.forms.familieplan import SPEC, Familieplan
from samarbejdsdok.forms.netvaerksmoede_notat import NetvaerksmoedeNotat
from samarbejdsdok.validation import validate

# --- helpers --------------------------------------------------------------------------------


def _example() -> dict[str, Any]:
    return copy.deepcopy(FAMILIEPLAN_BASE)


def _minimal() -> dict[str, Any]:
    return {
        "organisation": {"kommune": "Furesø Kommune", "indsats": "Familiens Fremtid"},
        "familie": "Familien Kragh Hansen",
        "gyldig_fra": "2026-11-23",
        "gyldig_til": "2027-05-31",
        "opdateret": "2026-11-27",
    }


def _problems(model: type, data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(DataError) as info:
        validate(model, data)
    return {p.path: p.code for p in info.value.problems}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _assert_clean(text: str) -> None:
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert not re.search(r"\b(None|True|False)\b", text)


def _second_note() -> NetvaerksmoedeNotat:
    """The follow-up network meeting three months later, with new agreements."""
    data = copy.deepcopy(NOTAT_BASE)
    data |= {
        "dato": "2027-02-22",
        "naeste_netvaerksmoede": "2027-05-17",
        "aftaler": [
            {
                "indhold": "Efterskoleophold for Sofie undersøges",
                "ansvarlige": ["Sofie Kragh Hansen", "Mette Kragh Hansen", "Lene Dahl"],
                "tidsfrist": "2027-03-31",
            },
            {
                "indhold": "Opfølgning på Mettes praktik",
                "ansvarlige": ["Amir Haddad"],
                "tidsfrist": "2027-03-26",
            },
            {"indhold": "Oliver starter til spejder", "ansvarlige": ["Oliver Kragh Hansen"]},
        ],
    }
    return NetvaerksmoedeNotat.model_validate(data)


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(validate(Familieplan, FAMILIEPLAN_BASE)))


# --- the model ------------------------------------------------------------------------------


def test_spec() -> None:
    assert SPEC.title == "Helhedsorienteret familieplan"
    assert SPEC.name == Familieplan.form_name == "familieplan"
    assert SPEC.code == "A9"
    assert samarbejdsdok.get_form("familieplan") is SPEC


def test_example_is_valid_and_rich() -> None:
    plan = validate(Familieplan, FAMILIEPLAN_BASE)
    assert isinstance(plan, Familieplan)
    net = plan.kommunalt_netvaerk
    for group in (
        net.sagsbehandlere,
        net.familiehuset,
        net.skolen,
        net.familiekoordinator,
        net.fritidsvejledningen,
        plan.eksternt_netvaerk,
        plan.personligt_netvaerk,
        plan.aktuelle_indsatser,
        plan.familiestatus,
        plan.egne_maal,
        plan.aftaler,
    ):
        assert group, "every table of the example is filled"
    assert len(plan.handleplaner) == 3
    assert all(p.indsatser for p in plan.handleplaner)
    assert plan.aktuelle_indsatser[1].tilbud_timer_uge == Decimal("1.5")


def test_schema_speaks_the_forms_words() -> None:
    props = Familieplan.model_json_schema()["properties"]
    assert props["opdateret"]["title"] == "Opdateret den"
    assert props["netvaerksmoede_dato"]["title"] == "Aftaler fra netværksmødet den"
    assert props["egne_maal"]["title"] == "Familiens egne mål"


def test_plan_period_must_not_be_reversed() -> None:
    data = _minimal() | {"gyldig_til": "2026-11-22"}
    assert _problems(Familieplan, data) == {"gyldig_til": "plan_period_reversed"}
    one_day = _minimal() | {"gyldig_til": "2026-11-23"}
    assert validate(Familieplan, one_day).gyldig_til == dt.date(2026, 11, 23)


def test_measure_must_not_end_before_it_starts() -> None:
    data = _example()
    data["aktuelle_indsatser"][2]["slut"] = "2026-08-16"
    assert _problems(Familieplan, data) == {"aktuelle_indsatser.2.slut": "measure_period_reversed"}


def test_hours_per_week_are_not_negative() -> None:
    data = _example()
    data["aktuelle_indsatser"][0]["tilbud_timer_uge"] = -1
    assert _problems(Familieplan, data) == {
        "aktuelle_indsatser.0.tilbud_timer_uge": "greater_than_equal"
    }


def test_cpr_of_a_measure_is_checked() -> None:
    data = _example()
    data["aktuelle_indsatser"][3]["cpr"] = "320616-4567"
    assert _problems(Familieplan, data) == {"aktuelle_indsatser.3.cpr": "cpr_invalid_date"}


def test_bad_phone_in_the_municipal_network() -> None:
    data = _example()
    data["kommunalt_netvaerk"]["skolen"][1]["telefon"] = "12"
    assert _problems(Familieplan, data) == {"kommunalt_netvaerk.skolen.1.telefon": "phone_invalid"}


def test_deadline_before_the_meeting_is_an_error() -> None:
    data = _example()
    data["aftaler"][1]["tidsfrist"] = "2026-11-20"
    assert _problems(Familieplan, data) == {"aftaler.1.tidsfrist": "deadline_before_meeting"}


def test_deadline_after_the_plan_period_is_an_error() -> None:
    data = _example()
    data["aftaler"][4]["tidsfrist"] = "2027-06-01"
    assert _problems(Familieplan, data) == {"aftaler.4.tidsfrist": "deadline_after_plan_period"}
    data["aftaler"][4]["tidsfrist"] = "2027-05-31"  # the last day of the period is fine
    assert validate(Familieplan, data).aftaler[4].tidsfrist == dt.date(2027, 5, 31)


def test_plan_not_updated_before_the_meeting() -> None:
    data = _example() | {"opdateret": "2026-11-22"}
    assert _problems(Familieplan, data) == {"opdateret": "plan_updated_before_meeting"}


def test_meeting_not_after_the_plan_period() -> None:
    data = _minimal() | {"netvaerksmoede_dato": "2027-06-01", "opdateret": "2027-06-02"}
    assert _problems(Familieplan, data) == {"netvaerksmoede_dato": "meeting_after_plan_period"}


# --- the bridge from the network-meeting note -----------------------------------------------


def test_fra_netvaerksmoede_takes_the_notes_agreements() -> None:
    notat = validate(NetvaerksmoedeNotat, NOTAT_BASE)
    plan = Familieplan.fra_netvaerksmoede(notat, gyldig_til="2027-05-31")
    assert plan.aftaler == notat.aftaler
    assert plan.netvaerksmoede_dato == notat.dato == dt.date(2026, 11, 23)
    assert plan.organisation == notat.organisation
    assert plan.familie == "Mette Kragh Hansen, Sofie Kragh Hansen og Oliver Kragh Hansen"
    assert plan.gyldig_fra == plan.opdateret == notat.dato
    assert plan.gyldig_til == dt.date(2027, 5, 31)


def test_fra_netvaerksmoede_fields_win_over_the_note() -> None:
    notat = validate(NetvaerksmoedeNotat, NOTAT_BASE)
    example = _example()
    fields = {k: example[k] for k in ("familie", "gyldig_til", "opdateret", "handleplaner")}
    fields["organisation"] = {"kommune": "Furesø Kommune", "indsats": "Familiens Fremtid"}
    plan = Familieplan.fra_netvaerksmoede(notat, **fields)
    assert plan.familie == "Familien Kragh Hansen"
    assert plan.opdateret == dt.date(2026, 11, 27)
    assert plan.organisation.afdeling is None
    assert [p.navn for p in plan.handleplaner][0] == "Mette Kragh Hansen"


@pytest.mark.parametrize("field", ["aftaler", "netvaerksmoede_dato"])
def test_fra_netvaerksmoede_refuses_the_notes_own_fields(field: str) -> None:
    notat = validate(NetvaerksmoedeNotat, NOTAT_BASE)
    with pytest.raises(TypeError, match=field):
        Familieplan.fra_netvaerksmoede(notat, gyldig_til="2027-05-31", **{field: None})


def test_fra_netvaerksmoede_rendered_plan_shows_the_agreements() -> None:
    notat = validate(NetvaerksmoedeNotat, NOTAT_BASE)
    plan = Familieplan.fra_netvaerksmoede(
        notat, familie="Familien Kragh Hansen", gyldig_til="2027-05-31"
    )
    text = docx_text(samarbejdsdok.render(plan))
    lines = text.splitlines()
    assert "Aftaler fra netværksmødet den 23. november 2026" in lines
    for aftale in notat.aftaler:
        row = f"{aftale.indhold} | " + samarbejdsdok.formatting.liste(aftale.ansvarlige)
        row += f" | {dato(aftale.tidsfrist)}"
        assert row in lines
    _assert_clean(text)


def test_fra_netvaerksmoede_deadline_after_plan_period_raises() -> None:
    notat = validate(NetvaerksmoedeNotat, NOTAT_BASE)  # last deadline 29 January 2027
    with pytest.raises(DataError) as info:
        Familieplan.fra_netvaerksmoede(notat, gyldig_til="2027-01-15")
    assert {p.path: p.code for p in info.value.problems} == {
        "aftaler.4.tidsfrist": "deadline_after_plan_period"
    }
    assert info.value.form == "familieplan"


def test_med_aftaler_fra_replaces_the_agreements() -> None:
    plan = validate(Familieplan, FAMILIEPLAN_BASE)
    before = plan.model_dump()
    notat = _second_note()
    updated = plan.med_aftaler_fra(notat)
    assert isinstance(updated, Familieplan)
    assert updated.aftaler == notat.aftaler
    assert updated.netvaerksmoede_dato == dt.date(2027, 2, 22)
    assert updated.opdateret == dt.date(2027, 2, 22)
    # everything else is kept, and the original plan is unchanged
    assert updated.handleplaner == plan.handleplaner
    assert updated.kommunalt_netvaerk == plan.kommunalt_netvaerk
    assert plan.model_dump() == before
    assert plan.netvaerksmoede_dato == dt.date(2026, 11, 23)


def test_med_aftaler_fra_keeps_a_later_update_date() -> None:
    plan = validate(Familieplan, FAMILIEPLAN_BASE)  # opdateret 27 November, meeting 23 November
    updated = plan.med_aftaler_fra(validate(NetvaerksmoedeNotat, NOTAT_BASE))
    assert updated.opdateret == dt.date(2026, 11, 27)
    assert updated.aftaler == plan.aftaler


def test_med_aftaler_fra_rendered_plan_shows_the_new_agreements() -> None:
    updated = validate(Familieplan, FAMILIEPLAN_BASE).med_aftaler_fra(_second_note())
    text = docx_text(samarbejdsdok.render(updated))
    lines = text.splitlines()
    assert "Aftaler fra netværksmødet den 22. februar 2027" in lines
    assert "Opdateret den | 22. februar 2027" in lines
    assert (
        "Efterskoleophold for Sofie undersøges | "
        "Sofie Kragh Hansen, Mette Kragh Hansen og Lene Dahl | 31. marts 2027"
    ) in lines
    assert "Oliver starter til spejder | Oliver Kragh Hansen | " in lines
    assert "Morgenplan for familien afprøves i to uger" not in text
    _assert_clean(text)


def test_med_aftaler_fra_deadline_after_plan_period_raises_unless_extended() -> None:
    plan = validate(Familieplan, FAMILIEPLAN_BASE).model_copy(
        update={"gyldig_til": dt.date(2027, 3, 28)}
    )
    notat = _second_note()  # the first agreement's deadline is 31 March 2027
    with pytest.raises(DataError) as info:
        plan.med_aftaler_fra(notat)
    assert {p.path: p.code for p in info.value.problems} == {
        "aftaler.0.tidsfrist": "deadline_after_plan_period"
    }
    extended = plan.med_aftaler_fra(notat, gyldig_til="2027-08-31")
    assert extended.gyldig_til == dt.date(2027, 8, 31)
    assert extended.aftaler == notat.aftaler


def test_med_aftaler_fra_refuses_an_older_note() -> None:
    plan = validate(Familieplan, FAMILIEPLAN_BASE).med_aftaler_fra(_second_note())
    with pytest.raises(DataError) as info:
        plan.med_aftaler_fra(validate(NetvaerksmoedeNotat, NOTAT_BASE))
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("netvaerksmoede_dato", "note_older_than_plan")
    ]


# --- the document ---------------------------------------------------------------------------


def test_every_example_value_is_in_the_document(example_text: str) -> None:
    data = copy.deepcopy(FAMILIEPLAN_BASE)
    for value in _strings(data):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            if re.fullmatch(r"\d{6}-\d{4}", value):
                # The plan goes to the whole network: CPR numbers are shown masked only.
                assert mask_cpr(value) in example_text, value
                assert value not in example_text, value
            else:  # a value that starts a table cell is shown with a capital first letter
                assert value in example_text or stort(value) in example_text, value
        else:
            assert dato(day) in example_text, value
    for indsats in data["aktuelle_indsatser"]:
        assert tal(Decimal(str(indsats["tilbud_timer_uge"]))) in example_text


def test_period_and_update_are_danish(example_text: str) -> None:
    lines = example_text.splitlines()
    assert "Gældende i perioden | 23. november 2026 – 31. maj 2027" in lines
    assert "Opdateret den | 27. november 2026" in lines
    assert "Aftaler fra netværksmødet den 23. november 2026" in lines


def test_says_it_does_not_replace_the_statutory_plans(example_text: str) -> None:
    assert "Planen erstatter ikke de lovpligtige planer" in example_text


def test_agreements_are_table_rows(example_text: str) -> None:
    lines = example_text.splitlines()
    assert (
        "Fritidstilbud til Oliver findes sammen med Fritidsvejledningen | "
        "Lene Dahl, Kasper Nørgaard og Oliver Kragh Hansen | 29. januar 2027"
    ) in lines
    assert (
        "Morgenplan for familien afprøves i to uger | Mette Kragh Hansen og Thomas Lund | "
        "7. december 2026"
    ) in lines


def test_network_tables(example_text: str) -> None:
    lines = example_text.splitlines()
    for header in (
        "Sagsbehandlere | Afdeling/funktion | Kontaktoplysninger",
        "Familiehuset | Afdeling/funktion | Kontaktoplysninger",
        "Skolen | Funktion | Kontaktoplysninger",
        "Familiekoordinator | Funktion | Kontaktoplysninger",
        "Fritidsvejledningen | Funktion | Kontaktoplysninger",
        "Navn | Relation | Kontaktoplysninger",
    ):
        assert header in lines
    assert "Jonas Winther | Rådgiver, Familierådgivningen | 72 16 50 00\njowi@furesoe.dk" in (
        example_text
    )
    assert "Hanne Kragh | Mormor | 93 10 27 44" in lines


def test_measures_overview_row(example_text: str) -> None:
    assert (
        "Sofie Kragh Hansen\n150311-XXXX | Barnets plan\nFast kontaktperson | 3 | "
        "Hver 3. måned | 17. august 2026 | 30. juni 2027"
    ) in example_text
    # no end date: the cell stays empty
    assert (
        "Helhedsorienteret indsats\nFamiliekoordinator | 1,5 | Netværksmøde hver 3. måned | "
        "14. september 2026 | \n"
    ) in example_text


def test_each_person_gets_a_heading_and_their_own_rows(example_text: str) -> None:
    lines = example_text.splitlines()
    start = lines.index("Familiens planer/handleplaner i kommunen")
    rest = lines[start:]
    names = ("Mette Kragh Hansen", "Sofie Kragh Hansen", "Oliver Kragh Hansen")
    heads = [rest.index(n) for n in names]
    assert heads == sorted(heads)
    sofie_row = next(i for i, line in enumerate(rest) if line.startswith("Fraværsplan i skolen"))
    assert heads[1] < sofie_row < heads[2]
    assert rest[sofie_row] == (
        "Fraværsplan i skolen | At Sofie kommer i skole hver dag | "
        "Bestå 9. klasses afgangsprøve | Karina Bech, Lyngholmskolen | "
        "Karina følger op hver fredag"
    )
    assert rest.count("Indsats | Formål | Mål | Ansvarlig / støtte fra | Hvem gør hvad?") == 3


def test_example_leaves_no_placeholders_or_python_values(example_text: str) -> None:
    _assert_clean(example_text)
    assert (
        "Furesø Kommune · Helhedsorienteret familieplan · Familien Kragh Hansen · "
        "opdateret 27. november 2026"
    ) in example_text


def test_minimal_plan_prints_the_empty_texts() -> None:
    text = docx_text(samarbejdsdok.render(validate(Familieplan, _minimal())))
    _assert_clean(text)
    lines = text.splitlines()
    assert "Aftaler fra netværksmødet" in lines  # no "den" without a meeting date
    for empty in (
        "Der er ingen aftaler fra netværksmødet.",
        "Ingen sagsbehandlere noteret.",
        "Ingen fra Fritidsvejledningen noteret.",
        "Intet eksternt netværk noteret.",
        "Intet personligt netværk noteret.",
        "Der er ingen aktuelle indsatser.",
        "Familiens status er ikke noteret.",
        "Familien har ikke noteret egne mål.",
        "Der er ikke noteret handleplaner.",
    ):
        assert empty in lines


def test_person_without_rows_gets_the_empty_text() -> None:
    data = _minimal() | {"handleplaner": [{"navn": "Oliver Kragh Hansen"}]}
    lines = docx_text(samarbejdsdok.render(validate(Familieplan, data))).splitlines()
    assert "Oliver Kragh Hansen" in lines
    assert "Der er ingen indsatser noteret for personen." in lines
    assert "Der er ikke noteret handleplaner." not in lines


def test_shipped_template_is_up_to_date() -> None:
    from tools.build_templates import OUT, build_bytes

    assert (OUT / SPEC.template).read_bytes() == build_bytes(SPEC.name, SPEC.title)
