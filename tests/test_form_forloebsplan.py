"""D1 Forløbsplan: the week grid and the meeting dates come from the cadence planner."""

from __future__ import annotations

from conftest import FormCase

CASE = FormCase("forloebsplan")


def test_week_grid_marks_each_meeting_in_its_week() -> None:
    text = CASE.text()
    assert "Møde | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | Kommentar" in text
    # Easter 2026: week 2's status meeting (Anden påskedag) moves back into week 1.
    assert "Statusmøde | x |  | x | x | x |  | x | x |  |  | x |  |" in text
    assert "Netværksmøde |  |  |  |  | x |" in text
    assert (
        "Udskrivningssamtale |  |  |  |  |  |  |  |  |  |  |  | x | 2–4 uger efter udflytningen"
        in text
    )


def test_every_meeting_is_listed_with_its_date() -> None:
    text = CASE.text()
    assert (
        "Onsdag den 1. april 2026 | 1 | Indskrivningssamtale | "
        "senest 48 timer efter en akut anbringelse" in text
    )
    assert "Onsdag den 6. maj 2026 | 6 | Børnesamtale før afgørelse 1 | før en afgørelse" in text
    assert "Fredag den 19. juni 2026 | 12 | Udskrivningssamtale" in text


def test_a_non_acute_start_on_a_weekend() -> None:
    text = CASE.text(start="2026-11-21", akut=False, afgoerelser=[], udflytning=None)
    assert (
        "Mandag den 23. november 2026 | 1 | Indskrivningssamtale | ved anbringelsens start" in text
    )
    assert "Barnets udflytning | ikke fastsat" in text


def test_dates_before_the_start_are_refused() -> None:
    assert CASE.problem(CASE.data(afgoerelser=["2026-03-01"])).path == "afgoerelser.0"
    assert CASE.problem(CASE.data(udflytning="2026-01-01")).path == "udflytning"
