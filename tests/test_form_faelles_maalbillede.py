"""E3 Fælles målbillede: SMART goals with roles, revised over time."""

from __future__ import annotations

import copy

from conftest import FormCase

CASE = FormCase("faelles_maalbillede")


def _goals(**changes):
    goals = copy.deepcopy(CASE.spec.example()["kortsigtede_maal"])
    goals[0].update(changes)
    return goals


def test_goals_printed_with_danish_dates_and_roles() -> None:
    text = CASE.text()
    assert "Kortsigtede mål" in text and "Langsigtede mål" in text
    assert "25. september 2026" in text
    assert "Mette følger morgenplanen og vækker Oliver kl. 6.45" in text
    assert "Senest revideret" in text and "9. september 2026" in text


def test_not_revised_yet() -> None:
    assert "Ikke revideret endnu" in CASE.text(revideret=None)


def test_empty_long_term_goals_say_so() -> None:
    assert "Ingen langsigtede mål." in CASE.text(langsigtede_maal=[])


def test_at_least_one_goal() -> None:
    problem = CASE.problem(CASE.data(kortsigtede_maal=[], langsigtede_maal=[]))
    assert problem.path == "kortsigtede_maal"
    assert problem.code == "no_goals"


def test_revised_not_before_created() -> None:
    problem = CASE.problem(CASE.data(revideret="2026-06-23"))
    assert problem.path == "revideret"
    assert problem.code == "revised_before_created"


def test_revised_same_day_is_fine() -> None:
    assert "24. juni 2026" in CASE.text(revideret="2026-06-24")


def test_goal_needs_a_role() -> None:
    data = CASE.data(kortsigtede_maal=_goals(familiens_del=None, kommunens_del=None))
    problem = CASE.problem(data)
    assert problem.path == "kortsigtede_maal.0.familiens_del"
    assert problem.code == "goal_without_roles"


def test_goal_date_not_before_created() -> None:
    problem = CASE.problem(CASE.data(kortsigtede_maal=_goals(hvornaar="2026-06-01")))
    assert problem.path == "kortsigtede_maal.0.hvornaar"


def test_goal_needs_how_we_see_it() -> None:
    problem = CASE.problem(CASE.data(kortsigtede_maal=_goals(hvordan_ser_vi_det="")))
    assert problem.path == "kortsigtede_maal.0.hvordan_ser_vi_det"
