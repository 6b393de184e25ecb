"""The cadence planner against dates worked out by hand (Easter, Christmas, weekends, the acute
variants), and the ``plan`` command with its calendar file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from samarbejdsdok import kadence
from samarbejdsdok.kalender import is_working_day

D = dt.date


def by_name(meetings) -> dict[str, kadence.Moede]:
    return {m.navn: m for m in meetings}


def test_julemaerkehjem_dates() -> None:
    m = by_name(kadence.julemaerkehjem(D(2026, 3, 2), D(2026, 3, 27)))
    assert m["Forbesøg"].dato == D(2026, 1, 2)  # 2 January 2026 is a Friday
    assert m["Opfølgningsdag"].dato == D(2026, 4, 24)  # 27 March + 4 weeks
    assert (m["Opfølgningsdag"].fra, m["Opfølgningsdag"].til) == (D(2026, 4, 24), D(2026, 5, 8))
    assert m["Kontaktpersonens dialog med hjemmet"].dato == D(2026, 5, 1)


def test_julemaerkehjem_window_meets_christmas() -> None:
    m = by_name(kadence.julemaerkehjem(D(2026, 11, 2), D(2026, 11, 27)))
    # 27 November + 4 weeks = Juledag (25 December); 26 is Anden juledag, 27 a Sunday.
    assert m["Opfølgningsdag"].fra == D(2026, 12, 25)
    assert m["Opfølgningsdag"].dato == D(2026, 12, 28)
    assert m["Kontaktpersonens dialog med hjemmet"].dato == D(2027, 1, 4)
    # Forbesøg two months before 2 November 2026 = 2 September 2026, a Wednesday.
    assert m["Forbesøg"].dato == D(2026, 9, 2)


def test_julemaerkehjem_stay_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        kadence.julemaerkehjem(D(2026, 3, 2), D(2026, 3, 1))


def test_bbu_acute_placement_in_easter_week() -> None:
    meetings = kadence.bbu(D(2026, 3, 30), akut=True, udflytning=D(2026, 6, 5))
    m = by_name(meetings)
    assert m["Indskrivningssamtale"].dato == D(2026, 4, 1)  # within 48 hours
    assert m["Indskrivningssamtale"].regel == "senest 48 timer efter en akut anbringelse"
    # Week 1 ends on Anden påskedag; Langfredag and Skærtorsdag are holidays too.
    assert m["Statusmøde 1"].dato == D(2026, 4, 1)
    assert [m[f"Statusmøde {i}"].dato for i in (2, 3, 4)] == [
        D(2026, 4, 13),
        D(2026, 4, 20),
        D(2026, 4, 27),
    ]
    # Then every other week: 11 May, then 25 May (Anden pinsedag) -> Friday 22 May.
    assert m["Statusmøde 5"].dato == D(2026, 5, 11)
    assert m["Statusmøde 6"].dato == D(2026, 5, 22)
    assert m["Netværksmøde 1"].dato == D(2026, 4, 27)  # within four weeks
    assert m["Netværksmøde 2"].dato == D(2026, 6, 22)  # then every 8 weeks
    assert m["Udskrivningssamtale"].dato == D(2026, 6, 19)
    assert (m["Udskrivningssamtale"].fra, m["Udskrivningssamtale"].til) == (
        D(2026, 6, 19),
        D(2026, 7, 3),
    )
    assert all(is_working_day(x.dato) for x in meetings)
    assert [x.dato for x in meetings] == sorted(x.dato for x in meetings)


def test_bbu_acute_on_a_friday_and_the_missed_admission() -> None:
    m = by_name(kadence.bbu(D(2026, 11, 20), akut=True, indskrivning_uden_sagsbehandler=True))
    # 48 hours after Friday is Sunday: the deadline moves back to Friday, never before the start.
    assert m["Indskrivningssamtale"].dato == D(2026, 11, 20)
    assert m["Børnesamtale"].dato == D(2026, 11, 20)
    assert "24 timer" in m["Børnesamtale"].regel


def test_bbu_start_on_a_weekend() -> None:
    m = by_name(kadence.bbu(D(2026, 11, 21)))  # a Saturday
    assert m["Indskrivningssamtale"].dato == D(2026, 11, 23)
    assert m["Børnesamtale"].dato == D(2026, 11, 23)


def test_bbu_childrens_talks_at_decisions_and_before_three_months() -> None:
    m = by_name(kadence.bbu(D(2026, 1, 5), uger=16, afgoerelser=(D(2026, 2, 14),)))
    assert m["Børnesamtale før afgørelse 1"].dato == D(2026, 2, 13)  # 14 Feb is a Saturday
    assert m["Børnesamtale før opfølgningen efter tre måneder"].dato == D(2026, 4, 1)
    assert "Børnesamtale før opfølgningen efter tre måneder" not in by_name(
        kadence.bbu(D(2026, 1, 5), uger=12)
    )


def test_sammen_om_familien_cadence_is_fixed_by_case_type() -> None:
    six = kadence.sammen_om_familien(D(2026, 1, 15), "undersøgelse", maaneder=6)
    assert [m.dato for m in six] == [D(2026, 2, 26), D(2026, 4, 9), D(2026, 5, 21), D(2026, 7, 2)]
    three = kadence.sammen_om_familien(D(2026, 9, 25), "kompensation", maaneder=12)
    # 25 December 2026 is Juledag: the follow-up moves to 24 December. 25 March 2027 is
    # Skærtorsdag (Easter 2027 is 28 March): 24 March. 25 September 2027 is a Saturday: 24.
    assert [m.dato for m in three] == [
        D(2026, 12, 24),
        D(2027, 3, 24),
        D(2027, 6, 25),
        D(2027, 9, 24),
    ]
    assert all(m.lov == "barnets_lov" for m in three)
    with pytest.raises(ValueError):
        kadence.sammen_om_familien(D(2026, 1, 1), "lokal_kadence")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", "plan", *args], capture_output=True, text=True
    )


def test_plan_command_prints_the_schedule_and_writes_a_calendar(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    result = run(
        "julemaerkehjem", "--start", "2026-11-02", "--slut", "2026-11-27", "--ics", str(ics)
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Samarbejde med Julemærkehjemmene: plan fra mandag den 2. november 2026"
    assert any(
        line.startswith("mandag den 28. december 2026")
        and "Opfølgningsdag" in line
        and "(vindue 25.12.2026-08.01.2027)" in line
        for line in lines
    )
    cal = Calendar.from_ical(ics.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 5
    follow = next(e for e in events if str(e["SUMMARY"]) == "Opfølgningsdag")
    assert follow.decoded("DTSTART") == D(2026, 12, 28)


def test_plan_command_usage_errors() -> None:
    assert run("julemaerkehjem", "--start", "2026-11-02").returncode == 2
    assert run("bbu", "--start", "i morgen").returncode == 2
    assert run("ukendt", "--start", "2026-01-01").returncode == 2
    bad = run("bbu", "--start", "2026-01-01", "--uger", "0")
    assert bad.returncode == 2 and "mindst én uge" in bad.stderr
