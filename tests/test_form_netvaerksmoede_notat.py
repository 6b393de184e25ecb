"""A14 Notat fra netværksmøde: the model's rules, the example, and the rendered document."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest
from conftest import docx_text
from rule_bases import NOTAT_BASE

import samarbejdsdok
from samarbejdsdok.errors import DataError
from samarbejdsdok.formatting import dato, stort
from samarbejdsdok.forms.netvaerksmoede_notat import (
    SPEC,
    STANDARD_DAGSORDEN,
    NetvaerksmoedeNotat,
)
from samarbejdsdok.validation import validate


def _example() -> dict[str, Any]:
    return copy.deepcopy(NOTAT_BASE)


def _minimal() -> dict[str, Any]:
    return {
        "organisation": {"kommune": "Furesø Kommune", "indsats": "Familiens Fremtid"},
        "familiens_navne": ["Mette Kragh Hansen"],
        "dato": "2026-11-23",
        "starttid": "10:00",
        "sluttid": "12:00",
    }


def _problem_paths(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(DataError) as info:
        validate(NetvaerksmoedeNotat, data)
    return {p.path: p.code for p in info.value.problems}


def _strings(value: Any) -> list[str]:
    """Every string leaf of JSON-like data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(validate(NetvaerksmoedeNotat, NOTAT_BASE)))


# --- the model ------------------------------------------------------------------------------


def test_spec() -> None:
    assert SPEC.name == NetvaerksmoedeNotat.form_name == "netvaerksmoede_notat"
    assert SPEC.code == "A14"
    assert samarbejdsdok.get_form("netvaerksmoede_notat") is SPEC


def test_example_is_valid_and_rich() -> None:
    notat = validate(NetvaerksmoedeNotat, NOTAT_BASE)
    assert isinstance(notat, NetvaerksmoedeNotat)
    assert notat.dato == dt.date(2026, 11, 23)
    assert (notat.starttid, notat.sluttid) == (dt.time(10), dt.time(12))
    assert 4 <= len(notat.deltagere.netvaerket) <= 6
    assert 4 <= len(notat.netvaerkets_runde) <= 6
    assert 4 <= len(notat.aftaler) <= 6
    assert any(len(a.ansvarlige) == 3 for a in notat.aftaler)


def test_default_agenda_is_the_toolbox_agenda() -> None:
    notat = validate(NetvaerksmoedeNotat, _minimal())
    assert notat.dagsorden == list(STANDARD_DAGSORDEN)
    assert len(notat.dagsorden) == 9
    assert notat.dagsorden[0] == "Velkomst ved familiekoordinator"
    assert notat.dagsorden[-1] == "Afrunding"


def test_schema_speaks_the_forms_words() -> None:
    props = NetvaerksmoedeNotat.model_json_schema()["properties"]
    assert props["familiens_navne"]["title"] == "Familiens navne"
    assert props["aftaler"]["title"] == "Aftaler fra netværksmødet"
    assert props["familiens_fortaelling"]["title"] == (
        "Familiens fortælling og bedste håb for mødet"
    )


@pytest.mark.parametrize("slut", ["10:00", "09:30"])
def test_meeting_must_end_after_it_starts(slut: str) -> None:
    data = _minimal() | {"sluttid": slut}
    assert _problem_paths(data) == {"sluttid": "meeting_end_not_after_start"}


def test_deadline_before_meeting_names_the_agreement() -> None:
    data = _example()
    data["aftaler"][2]["tidsfrist"] = "2026-11-22"
    assert _problem_paths(data) == {"aftaler.2.tidsfrist": "deadline_before_meeting"}


def test_deadline_on_the_meeting_day_is_allowed() -> None:
    data = _example()
    data["aftaler"][0]["tidsfrist"] = "2026-11-23"
    assert validate(NetvaerksmoedeNotat, data).aftaler[0].tidsfrist == dt.date(2026, 11, 23)


@pytest.mark.parametrize("naeste", ["2026-11-23", "2026-10-01"])
def test_next_meeting_must_be_after_this_one(naeste: str) -> None:
    data = _example() | {"naeste_netvaerksmoede": naeste}
    assert _problem_paths(data) == {"naeste_netvaerksmoede": "next_meeting_not_after"}


def test_family_names_are_required() -> None:
    assert _problem_paths(_minimal() | {"familiens_navne": []}) == {"familiens_navne": "too_short"}
    assert _problem_paths(_minimal() | {"familiens_navne": ["  "]}) == {
        "familiens_navne.0": "string_too_short"
    }


def test_unknown_field_is_an_error() -> None:
    assert _problem_paths(_minimal() | {"deltager": []}) == {"deltager": "extra_forbidden"}


def test_bad_phone_of_a_network_member() -> None:
    data = _example()
    data["deltagere"]["netvaerket"][1]["telefon"] = "123"
    assert _problem_paths(data) == {"deltagere.netvaerket.1.telefon": "phone_invalid"}


# --- the document ---------------------------------------------------------------------------


def test_every_example_value_is_in_the_document(example_text: str) -> None:
    data = copy.deepcopy(NOTAT_BASE)
    skip = {data["starttid"], data["sluttid"]}  # printed as a time span, checked below
    for value in _strings(data):
        if value in skip:
            continue
        try:
            shown = dato(dt.date.fromisoformat(value))
        except ValueError:
            shown = value
        # a value that starts a table cell is shown with a capital first letter
        assert shown in example_text or stort(shown) in example_text, shown


def test_date_and_time_are_danish(example_text: str) -> None:
    assert (
        "Dato og tidspunkt for mødet | Mandag den 23. november 2026, kl. 10.00–12.00"
        in example_text.splitlines()
    )
    assert "Næste netværksmøde holdes mandag den 22. februar 2027." in example_text


def test_family_names_and_participants(example_text: str) -> None:
    lines = example_text.splitlines()
    assert (
        "Familiens navne | Mette Kragh Hansen, Sofie Kragh Hansen og Oliver Kragh Hansen" in lines
    )
    assert "Jonas Winther | Rådgiver, Familierådgivningen | 72 16 50 00" in lines
    assert "Kasper Nørgaard | Fritidsvejleder, Fritidsvejledningen | " in lines
    assert "Mødeleder: Susanne Brink, afdelingsleder i Familierådgivningen" in lines


def test_agenda_is_numbered(example_text: str) -> None:
    lines = example_text.splitlines()
    for i, punkt in enumerate(STANDARD_DAGSORDEN, start=1):
        assert f"{i}.\t{punkt}" in lines
    # A numbered list, not a table headed "Punkt".
    assert "Punkt | Emne" not in lines


def test_agreements_are_table_rows(example_text: str) -> None:
    lines = example_text.splitlines()
    assert "Indhold | Ansvarlige | Tidsfrister" in lines
    assert (
        "Samtale om Sofies fravær med Sofie, Mette og skolen | "
        "Karina Bech, Sofie Kragh Hansen og Mette Kragh Hansen | 11. december 2026"
    ) in lines
    assert (
        "Kontakt til Sofies og Olivers far om samvær undersøges | Jonas Winther | 15. januar 2027"
    ) in lines


def test_network_round_rows(example_text: str) -> None:
    assert (
        "Karina Bech\nLyngholmskolen | Sofie trives i de kreative fag og har en god veninde i "
        "klassen. | 18 % fravær i efteråret, mest om mandagen."
    ) in example_text


def test_free_text_keeps_its_line_breaks(example_text: str) -> None:
    story = NOTAT_BASE["familiens_fortaelling"]
    assert "\n" in story
    assert story in example_text


def _assert_clean(text: str) -> None:
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert not re.search(r"\b(None|True|False)\b", text)


def test_example_leaves_no_placeholders_or_python_values(example_text: str) -> None:
    _assert_clean(example_text)
    assert "Furesø Kommune · Notat fra netværksmøde den 23. november 2026" in example_text


def test_minimal_note_prints_the_empty_texts() -> None:
    text = docx_text(samarbejdsdok.render(validate(NetvaerksmoedeNotat, _minimal())))
    _assert_clean(text)
    for empty in (
        "Ingen fra netværket deltog.",
        "Ingen afbud.",
        "Netværkets runde er ikke noteret.",
        "Der blev ikke indgået aftaler.",
        "Dato for næste netværksmøde er ikke aftalt endnu.",
    ):
        assert empty in text
    assert text.count("Ikke noteret.") == 2  # the family's story and the dialogue
    assert "Mødeleder:" not in text and "Referent:" not in text
    assert "Familien | Ingen fra familien deltog." in text.splitlines()
    assert "9.\tAfrunding" in text.splitlines()


def test_only_the_referent_prints_without_a_leader() -> None:
    notat = validate(NetvaerksmoedeNotat, _minimal() | {"referent": "Lene Dahl"})
    lines = docx_text(samarbejdsdok.render(notat)).splitlines()
    assert "Referent: Lene Dahl" in lines
    assert not any(line.startswith("Mødeleder") for line in lines)


def test_shipped_template_is_up_to_date() -> None:
    from tools.build_templates import OUT, build_bytes

    assert (OUT / SPEC.template).read_bytes() == build_bytes(SPEC.name, SPEC.title)
