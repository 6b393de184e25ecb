"""A1 Procesplan: the phases' dates worked out by hand, the rendered document and the rules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from conftest import FormCase, docx_text

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.procesplan import FASER, SPEC, Procesplan, laeg_maaneder_til
from samarbejdsdok.validation import validate

#: The rules are worked out by hand on a plan of their own (Fase 1 from 2 November 2026).
RULES_BASE: dict[str, Any] = {
    "organisation": {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    },
    "familie_navn": "Familien Kragh Hansen",
    "familiekoordinator": {
        "navn": "Lene Dahl",
        "funktion": "familiekoordinator, Familiens Fremtid",
        "telefon": "40 21 33 18",
        "email": "leda@furesoe.dk",
    },
    "visitation_dato": "2026-09-14",
    "screeningsmoede_dato": "2026-10-05",
    "fase1_start": "2026-11-02",
    "fase2_maaneder": 7,
    "bemaerkninger": "Fase 2 er sat til 7 måneder.",
}
CASE = FormCase("procesplan", base=RULES_BASE)
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


D = dt.date


def _bare(**changes: Any) -> dict[str, Any]:
    """The example without the earlier steps' dates and overrides."""
    data = _data(visitation_dato=None, screeningsmoede_dato=None, fase2_maaneder=None)
    data.update(changes)
    return data


def _model(**changes: Any) -> Procesplan:
    return validate(Procesplan, _data(**changes))


def _text(data: dict[str, Any]) -> str:
    return docx_text(samarbejdsdok.render(validate(Procesplan, data)))


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


def test_registry_and_spec() -> None:
    spec = get_form("procesplan")
    assert spec is SPEC and spec.code == "A1" and spec.title == "Procesplan"
    assert Procesplan.form_name == "procesplan"


def test_the_six_steps_and_ranges_of_the_source() -> None:
    assert [f.navn for f in FASER] == [
        "Visitation",
        "Tillidsopbygning",
        "Udredning",
        "Fase 1: Familiens Plan 1.0",
        "Fase 2: Familiens Plan 2.0, 2.1, 2.2 osv.",
        "Fase 3: Udslusning",
    ]
    assert [(f.min_maaneder, f.max_maaneder) for f in FASER[3:]] == [(None, 1), (6, 8), (1, 2)]


def test_calendar_months() -> None:
    assert laeg_maaneder_til(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert laeg_maaneder_til(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert laeg_maaneder_til(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert laeg_maaneder_til(D(2026, 8, 31), 1) == D(2026, 9, 30)


def test_dates_worked_out_by_hand() -> None:
    m = validate(Procesplan, _data())
    # Fase 1 from Monday 2 November 2026, 1 month: first network meeting Wednesday 2 December.
    assert m.foerste_netvaerksmoede == D(2026, 12, 2)
    # Fase 2 set to 7 months: 2 December 2026 + 7 months = 2 July 2027.
    assert m.fase3_start == D(2027, 7, 2)
    # "Fase 3 tager 1-2 måneder": the two months that begin on 2 July 2027 end on
    # Wednesday 1 September (2 September is the first day after them).
    assert m.afslutning == D(2027, 9, 1)
    assert [(o.plan, o.senest) for o in m.opfoelgninger] == [
        ("Familiens Plan 2.0", D(2026, 12, 2)),
        ("Familiens Plan 2.1", D(2027, 3, 2)),
        ("Familiens Plan 2.2", D(2027, 6, 2)),
    ]
    assert [(r.fra, r.til) for r in m.faser] == [
        (D(2026, 9, 14), D(2026, 9, 14)),
        (D(2026, 9, 15), D(2026, 10, 4)),
        (D(2026, 10, 5), D(2026, 11, 1)),
        (D(2026, 11, 2), D(2026, 12, 1)),
        (D(2026, 12, 2), D(2027, 7, 1)),
        (D(2027, 7, 2), D(2027, 9, 1)),
    ]
    assert [r.varighed for r in m.faser] == [
        "",
        "",
        "",
        "1 måned",
        "7 måneder (drejebogen: 6–8 måneder)",
        "2 måneder",
    ]
    assert m.tilpasset is True and m.afvigelser == []


def test_month_end_weekend_and_christmas() -> None:
    # 31 January 2026 + 1 month = Saturday 28 February -> Friday 27 February.
    m = validate(Procesplan, _bare(fase1_start="2026-01-31"))
    assert m.foerste_netvaerksmoede == D(2026, 2, 27)
    # Fase 2, 8 months (default): 27 October 2026; follow-ups 27 May and 27 August 2026.
    assert m.fase3_start == D(2026, 10, 27)
    assert [o.senest for o in m.opfoelgninger] == [
        D(2026, 2, 27),
        D(2026, 5, 27),
        D(2026, 8, 27),
    ]
    # Fase 3, 2 months from 27 October: the last day is Saturday 26 December; 25 December is
    # Juledag and 24 December juleaftensdag, closed by default -> Wednesday 23 December.
    assert m.afslutning == D(2026, 12, 23)
    assert m.tilpasset is False
    # A municipality open on 24 December (its profile's closing days without it).
    open_on_24 = validate(Procesplan, _bare(fase1_start="2026-01-31", lukkedage={"hvert_aar": []}))
    assert open_on_24.afslutning == D(2026, 12, 24)
    # And one closed on its own day: Fase 1's deadline Friday 27 February moves to the 26th.
    own = validate(
        Procesplan, _bare(fase1_start="2026-01-31", lukkedage={"datoer": ["2026-02-27"]})
    )
    assert own.foerste_netvaerksmoede == D(2026, 2, 26)


def test_leap_year_and_easter() -> None:
    assert validate(Procesplan, _bare(fase1_start="2028-01-31")).foerste_netvaerksmoede == D(
        2028, 2, 29
    )
    # 6 March 2026 + 1 month = Anden påskedag 6 April; 5 (Påskedag), 4 (Saturday), 3 (Langfredag)
    # and 2 April (Skærtorsdag) are closed -> Wednesday 1 April.
    assert validate(Procesplan, _bare(fase1_start="2026-03-06")).foerste_netvaerksmoede == D(
        2026, 4, 1
    )


def test_follow_up_on_the_last_day_of_phase_2_is_not_in_phase_2() -> None:
    # Fase 2 of 6 months: 2.1 at +3 months; +6 months is the first day of Fase 3.
    m = validate(Procesplan, _bare(fase2_maaneder=6))
    assert [o.plan for o in m.opfoelgninger] == ["Familiens Plan 2.0", "Familiens Plan 2.1"]
    assert m.fase3_start == D(2027, 6, 2)


def test_example_document(example_text: str) -> None:
    # The example family's plan (docs/eksempelfamilie.md), as the case file makes it.
    lines = example_text.splitlines()
    for expected in (
        "Familiens navn | Familien Kragh Hansen",
        "Familiekoordinator | Lene Dahl, familiekoordinator, Familiens Fremtid, tlf. 40 21 33 18, "
        "leda@furesoe.dk",
        "Visitation | 11. maj 2026",
        "Screeningsmøde | 27. maj 2026",
        "Fase 1 begynder | Mandag den 1. juni 2026",
        "Første netværksmøde senest | Onsdag den 1. juli 2026",
        # Fase 3 from 1 February 2027 for 2 months: its last day is 31 March
        "Forløbet slutter senest | Onsdag den 31. marts 2027",
        "Familiens Plan 2.1 | Torsdag den 1. oktober 2026",
        # 1 January 2027 is Nytårsdag, 31 December nytårsaftensdag: the working day before
        "Familiens Plan 2.2 | Onsdag den 30. december 2026",
        "En varighed, der er tilpasset familien, står med drejebogens ramme i parentes.",
    ):
        assert expected in lines, expected
    assert (
        "Skal der korrigeres? | 01.07.2026 | 31.01.2027 | 7 måneder (drejebogen: 6–8 måneder)"
        in example_text
    )
    assert "Forberedelsesmøde med familien | 01.06.2026 | 30.06.2026 | 1 måned" in example_text
    assert "Fase 3: Udslusning | Målene er opfyldt" in example_text
    assert "Afviger fra drejebogen" not in example_text
    assert "Fase 2 er sat til 7 måneder" in example_text


def test_override_outside_the_range_is_stated() -> None:
    data = _data(fase2_maaneder=10)
    m = validate(Procesplan, data)
    assert m.afvigelser == ["Fase 2: Familiens Plan 2.0, 2.1, 2.2 osv."]
    # 2 December 2026 + 10 months = 2 October 2027 (Saturday) is Fase 3's start; follow-ups at
    # +3, +6 and +9 months: 2 March, 2 June and 2 September 2027.
    assert m.fase3_start == D(2027, 10, 2)
    assert [o.senest for o in m.opfoelgninger][1:] == [
        D(2027, 3, 2),
        D(2027, 6, 2),
        D(2027, 9, 2),
    ]
    text = _text(data)
    assert "10 måneder (drejebogen: 6–8 måneder)\nAfviger fra drejebogen" in text
    assert "Fase 2: Familiens Plan 2.0, 2.1, 2.2 osv. afviger fra drejebogens ramme." in text


def test_minimal_plan_prints_no_gaps() -> None:
    data = {
        "organisation": {"kommune": "Furesø Kommune", "indsats": "Familiens Fremtid"},
        "familie_navn": "Familien Kragh Hansen",
        "familiekoordinator": {"navn": "Lene Dahl"},
        "fase1_start": "2026-11-02",
    }
    text = _text(data)
    lines = text.splitlines()
    assert "Visitation | Ikke angivet" in lines
    assert "Screeningsmøde | Ikke angivet" in lines
    assert "Familiekoordinator | Lene Dahl" in lines
    assert "| – | – | –" in text  # visitation without dates
    assert "tilpasset" not in text.split("Sådan er datoerne")[0]
    assert "Bemærkninger" not in text
    assert not re.search(r"\b(None|True|False)\b", text)
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("value", [0, -1, 25])
def test_duration_must_be_positive_and_sensible(value: int) -> None:
    for field in ("fase1_maaneder", "fase2_maaneder", "fase3_maaneder"):
        problem = _problem(_data(**{field: value}))
        assert problem.path == field


def test_order_of_the_early_steps() -> None:
    problem = _problem(_data(screeningsmoede_dato="2026-09-01"))
    assert problem.path == "screeningsmoede_dato"
    assert problem.code == "screening_before_visitation"
    problem = _problem(_data(screeningsmoede_dato="2026-11-02"))
    assert problem.path == "fase1_start"
    assert problem.code == "phase1_before_screening"
    problem = _problem(_bare(visitation_dato="2026-11-10"))
    assert problem.path == "fase1_start"
    assert problem.code == "phase1_before_visitation"


def test_screening_the_day_after_visitation_has_no_trust_building_dates() -> None:
    m = _model(screeningsmoede_dato="2026-09-15")
    assert (m.faser[1].fra, m.faser[1].til) == (None, None)
    assert (m.faser[2].fra, m.faser[2].til) == (D(2026, 9, 15), D(2026, 11, 1))
