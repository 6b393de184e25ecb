"""E1 Opfølgningsplan: the cadence follows the case type and cannot be set by hand."""

from __future__ import annotations

from conftest import FormCase

CASE = FormCase("opfoelgningsplan")


def test_six_weekly_follow_ups_for_an_investigation_case() -> None:
    text = CASE.text(maaneder=6)
    assert "1 | Onsdag den 29. juli 2026 | 31" in text  # the week number
    assert "2 | Onsdag den 9. september 2026 | 37" in text
    assert "4 | Onsdag den 2. december 2026 | 49" in text
    assert "hver 6. uge (sager" not in text  # the rule is said once, above the table
    assert "Sagstype | Sag med børnefaglig undersøgelse eller foranstaltninger" in text
    assert "Vi følger op hver 6. uge." in text and "kan ikke ændres lokalt" in text
    assert "barnets lov" in text


def test_three_monthly_follow_ups_meet_christmas_and_easter() -> None:
    text = CASE.text(sagstype="kompensation", start="2026-09-25")
    # 25 December is Juledag and 24 December juleaftensdag (closed by default).
    assert "1 | Onsdag den 23. december 2026 | 52" in text
    assert "2 | Onsdag den 24. marts 2027 |" in text  # 25 March 2027 is Skærtorsdag
    assert "Sagstype | Kompensations- og støttesag" in text


def test_the_cadence_cannot_be_chosen() -> None:
    assert CASE.problem(CASE.data(kadence="hver 2. uge")).code == "extra_forbidden"
    assert CASE.problem(CASE.data(sagstype="lokal")).path == "sagstype"
    assert CASE.problem(CASE.data(maaneder=0)).path == "maaneder"
