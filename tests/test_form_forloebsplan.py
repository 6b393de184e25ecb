"""D1 Forløbsplan: the week grid and the meeting dates come from the cadence planner."""

from __future__ import annotations

from conftest import FormCase

CASE = FormCase("forloebsplan")


def test_week_grid_marks_each_meeting_in_its_week() -> None:
    text = CASE.text()
    assert "Møde | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | Kommentar" in text
    # Easter 2026: week 2's status meeting (Anden påskedag, 6 April) moves back into week 1
    # (Wednesday 1 April), and each weekly meeting is then at most a week after the one before
    # (8, 15, 22 April); from week 5 at least every other week (6 May, 20 May, 3 June), and
    # none after the move on 5 June.
    assert (
        "Statusmøde | x | x | x | x |  | x |  | x |  | x |  |  | "
        "ugentligt de første fire uger; mindst hver anden uge" in text
    )
    # Within the first four weeks: week 4 ends on Sunday 26 April, so Friday 24 April.
    assert (
        "Netværksmøde |  |  |  | x |  |  |  |  |  |  |  |  | "
        "i løbet af anbringelsens første fire uger" in text
    )
    # The comment column prints the rules that gave this plan its dates.
    assert (
        "Børnesamtale | x |  |  |  |  | x |  |  |  |  |  |  | "
        "ved anbringelsens start; arbejdsdagen før afgørelsen" in text
    )
    assert (
        "Udskrivningssamtale |  |  |  |  |  |  |  |  |  |  |  | x | 2–4 uger efter udflytningen"
        in text
    )


def test_every_meeting_is_listed_with_its_date() -> None:
    text = CASE.text()
    assert (
        "Mandag den 30. marts 2026 | 1 | Indskrivningssamtale | "
        "senest 48 timer efter en akut anbringelse" in text
    )
    # "ved afgørelse": the child is heard before the decision of 6 May, not on the day.
    assert (
        "Tirsdag den 5. maj 2026 | 6 | Børnesamtale før afgørelse 1 | arbejdsdagen før afgørelsen"
        in text
    )
    assert "Onsdag den 3. juni 2026 | 10 | Statusmøde 7 | mindst hver anden uge" in text
    assert "Statusmøde 8" not in text and "Netværksmøde 2" not in text
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
