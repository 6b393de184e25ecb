"""The cadence planner against dates worked out by hand (Easter, Christmas, weekends, the acute
variants), and the ``plan`` command with its calendar file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from icalendar import Calendar

from samarbejdsdok import kadence
from samarbejdsdok.kalender import Kalender, is_working_day

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


def test_julemaerkehjem_window_opening_on_christmas_eve() -> None:
    # "opfølgningsdagen ..., der ligger 4-6 uger efter afsluttet ophold": a stay ending on
    # Thursday 26 November 2026 opens the window on juleaftensdag (closed by default), then
    # Juledag, Anden juledag and a Sunday: the proposal is Monday 28 December. "senest en uge
    # efter opfølgningen": Monday 4 January 2027. New Year: a stay ending Friday 4 December
    # opens the window on Nytårsdag: Monday 4 January, and the dialogue by 11 January.
    m = by_name(kadence.julemaerkehjem(D(2026, 11, 2), D(2026, 11, 26)))
    assert m["Opfølgningsdag"].fra == D(2026, 12, 24)
    assert m["Opfølgningsdag"].dato == D(2026, 12, 28)
    assert m["Kontaktpersonens dialog med hjemmet"].dato == D(2027, 1, 4)
    m = by_name(kadence.julemaerkehjem(D(2026, 11, 9), D(2026, 12, 4)))
    assert (m["Opfølgningsdag"].fra, m["Opfølgningsdag"].dato) == (D(2027, 1, 1), D(2027, 1, 4))
    assert m["Kontaktpersonens dialog med hjemmet"].dato == D(2027, 1, 11)
    # A municipality open on 24 December proposes it.
    open_days = by_name(kadence.julemaerkehjem(D(2026, 11, 2), D(2026, 11, 26), Kalender.of([])))
    assert open_days["Opfølgningsdag"].dato == D(2026, 12, 24)


def test_julemaerkehjem_stay_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        kadence.julemaerkehjem(D(2026, 3, 2), D(2026, 3, 1))


# --- BBU -------------------------------------------------------------------------------------
# Source: Københavns Kommune, BBU, "Det gode samarbejde – fra principper til praksis" (seed 002).


def test_bbu_easter_2026_weekly_then_every_other_week() -> None:
    # Placement on Monday 23 March 2026 (not acute). Easter: Skærtorsdag 2 April, Langfredag 3,
    # Anden påskedag 6 April.
    m = by_name(kadence.bbu(D(2026, 3, 23)))
    # "statusmøde ugentligt": 30 March; 6 April is closed (and 5, 4, 3, 2 April) -> Wednesday
    # 1 April; the next is at most a week after it, so 8 April (not 13 April, 12 days later).
    weekly = [m[f"Statusmøde {i}"].dato for i in (1, 2, 3, 4)]
    assert weekly == [D(2026, 3, 30), D(2026, 4, 1), D(2026, 4, 8), D(2026, 4, 15)]
    # "Efterfølgende ... minimum hver anden uge": each at most 14 days after the one before.
    later = [m[f"Statusmøde {i}"].dato for i in (5, 6, 7)]
    assert later == [D(2026, 4, 29), D(2026, 5, 13), D(2026, 5, 27)]
    # "i løbet af de første fire uger af anbringelsen": the placement's day is day 1, so the
    # fourth week ends on Sunday 19 April: Friday 17 April, in week 4 (not day 28, week 5).
    assert m["Netværksmøde 1"].dato == D(2026, 4, 17)
    assert (m["Netværksmøde 1"].dato - D(2026, 3, 23)).days // 7 + 1 == 4
    # "Efterfølgende netværksmøde minimum hver 8. uge": 17 April + 56 days = 12 June.
    assert m["Netværksmøde 2"].dato == D(2026, 6, 12)
    statuses = sorted(x.dato for x in m.values() if x.navn.startswith("Statusmøde"))
    gaps = [(b - a).days for a, b in zip(statuses, statuses[1:], strict=False)]
    assert max(gaps[:3]) <= 7 and max(gaps) <= 14
    assert "kilde" not in m["Netværksmøde 1"].regel
    assert m["Netværksmøde 1"].kilde.startswith("Det første netværksmøde bør holdes i løbet af")


def test_bbu_whitsun_2026_gap_never_longer_than_two_weeks() -> None:
    # Placement on Monday 13 April 2026: statusmøde 5 falls on Anden pinsedag (25 May) and moves
    # to Friday 22 May; the next is then at most 14 days later, Friday 5 June (not Monday 8 June,
    # 17 days later).
    m = by_name(kadence.bbu(D(2026, 4, 13)))
    assert m["Statusmøde 5"].dato == D(2026, 5, 22)
    assert m["Statusmøde 6"].dato == D(2026, 6, 5)
    # A municipality closed on Grundlovsdag (its profile's closing days): Thursday 4 June.
    closed = Kalender.of([(12, 24), (12, 31), (6, 5)])
    assert by_name(kadence.bbu(D(2026, 4, 13), kalender=closed))["Statusmøde 6"].dato == D(
        2026, 6, 4
    )


def test_bbu_network_meetings_easter_2027() -> None:
    # Placement on Saturday 27 February 2027: week 4 ends on Friday 26 March, Langfredag, and
    # Skærtorsdag 25 March is closed too -> Wednesday 24 March. "minimum hver 8. uge" from the
    # meeting held: 24 March + 56 days = Wednesday 19 May (not 21 May, 58 days later).
    m = by_name(kadence.bbu(D(2027, 2, 27), uger=16))
    assert m["Netværksmøde 1"].dato == D(2027, 3, 24)
    assert m["Netværksmøde 2"].dato == D(2027, 5, 19)


def test_bbu_christmas_and_new_year_are_closed_by_default() -> None:
    # Placement on Thursday 17 December 2026: a week on is juleaftensdag (24 December), closed
    # by default -> Wednesday 23 December; a week after that is 30 December (nytårsaftensdag,
    # 31 December, is never proposed); then 6 and 13 January.
    m = by_name(kadence.bbu(D(2026, 12, 17)))
    weekly = [m[f"Statusmøde {i}"].dato for i in (1, 2, 3, 4)]
    assert weekly == [D(2026, 12, 23), D(2026, 12, 30), D(2027, 1, 6), D(2027, 1, 13)]
    assert not {D(2026, 12, 24), D(2026, 12, 31)} & {x.dato for x in m.values()}
    # A municipality open on those days (its profile lists no yearly closing days).
    open_days = by_name(kadence.bbu(D(2026, 12, 17), kalender=Kalender.of([])))
    assert open_days["Statusmøde 1"].dato == D(2026, 12, 24)


def test_bbu_acute_placement_on_a_saturday() -> None:
    # Saturday 11 April 2026, acute, the caseworker not at the admission: "inden for 48 timer"
    # and "inden for de første 24 timer" are hours, not working days; outside office hours
    # Døgnvagten holds them ("Udenfor normal arbejdstid: En pædagog og sagsbehandler fra
    # Døgnvagten"), so the day of the placement, not Monday.
    m = by_name(kadence.bbu(D(2026, 4, 11), akut=True, indskrivning_uden_sagsbehandler=True))
    assert m["Indskrivningssamtale"].dato == D(2026, 4, 11)
    assert (m["Indskrivningssamtale"].fra, m["Indskrivningssamtale"].til) == (
        D(2026, 4, 11),
        D(2026, 4, 13),
    )
    assert m["Børnesamtale"].dato == D(2026, 4, 11)
    assert m["Børnesamtale"].regel.startswith("inden for 24 timer")
    # On a Sunday the 48 hours reach Monday, a working day inside them.
    sunday = by_name(kadence.bbu(D(2026, 4, 12), akut=True))
    assert sunday["Indskrivningssamtale"].dato == D(2026, 4, 13)
    # On a Friday: the same day.
    friday = by_name(kadence.bbu(D(2026, 11, 20), akut=True, indskrivning_uden_sagsbehandler=True))
    assert friday["Indskrivningssamtale"].dato == friday["Børnesamtale"].dato == D(2026, 11, 20)


def test_bbu_start_on_a_weekend() -> None:
    m = by_name(kadence.bbu(D(2026, 11, 21)))  # a Saturday, not acute: "Ved anbringelsens start"
    assert m["Indskrivningssamtale"].dato == D(2026, 11, 23)
    assert m["Børnesamtale"].dato == D(2026, 11, 23)


def test_bbu_childrens_talks_before_a_decision_and_before_three_months() -> None:
    # "Afholdes minimum ... ved afgørelse og før tre måneders opfølgning": before the decision,
    # so the working day before it; Monday 16 February 2026 -> Friday 13 February.
    m = by_name(kadence.bbu(D(2026, 1, 5), uger=16, afgoerelser=(D(2026, 2, 16),)))
    assert m["Børnesamtale før afgørelse 1"].dato == D(2026, 2, 13)
    # Three months after Monday 5 January is Sunday 5 April: the talk is before that day, on the
    # working day before Saturday 4 April: Anden påskedag is the 6th, Langfredag the 3rd,
    # Skærtorsdag the 2nd -> Wednesday 1 April.
    assert m["Børnesamtale før opfølgningen efter tre måneder"].dato == D(2026, 4, 1)
    # Twelve weeks end before the follow-up's talk is due: not in the plan.
    assert "Børnesamtale før opfølgningen efter tre måneder" not in by_name(
        kadence.bbu(D(2026, 1, 5), uger=12)
    )


def test_bbu_nothing_but_the_discharge_talk_after_moving_out() -> None:
    # Monday 23 March 2026, moving out on Wednesday 20 May: no status meeting, network meeting
    # or three-month talk on or after the move; the udskrivningssamtale "ca. 2-4 uger efter" in
    # the window 3 June – 17 June, proposed on its first working day.
    meetings = kadence.bbu(D(2026, 3, 23), uger=20, udflytning=D(2026, 5, 20))
    m = by_name(meetings)
    after = [x.navn for x in meetings if x.dato >= D(2026, 5, 20)]
    assert after == ["Udskrivningssamtale"]
    assert m["Udskrivningssamtale"].dato == D(2026, 6, 3)
    assert (m["Udskrivningssamtale"].fra, m["Udskrivningssamtale"].til) == (
        D(2026, 6, 3),
        D(2026, 6, 17),
    )
    # The last status meeting keeps the two-week rule up to the move: 13 May.
    assert max(x.dato for x in meetings if x.navn.startswith("Statusmøde")) == D(2026, 5, 13)
    with pytest.raises(ValueError, match="efter anbringelsens start"):
        kadence.bbu(D(2026, 3, 23), udflytning=D(2026, 3, 23))


def test_bbu_every_meeting_on_a_working_day_in_order() -> None:
    for start in (D(2026, 3, 23), D(2026, 12, 17), D(2027, 2, 27), D(2026, 4, 13)):
        meetings = kadence.bbu(start, uger=26)
        assert all(is_working_day(x.dato) for x in meetings), start
        assert [x.dato for x in meetings] == sorted(x.dato for x in meetings)
        assert all(x.regel == kadence.REGLER[x.noegle].tekst for x in meetings)


def test_next_status_meeting_rule_for_the_minutes() -> None:
    # D2's check and proposal: weekly in the first four weeks, else every other week.
    assert kadence.naeste_statusmoede(D(2026, 5, 11), D(2026, 4, 27)).dato == D(2026, 5, 18)
    assert kadence.naeste_statusmoede(D(2026, 5, 11), D(2026, 3, 30)).dato == D(2026, 5, 22)
    assert kadence.naeste_statusmoede(D(2026, 5, 11)).regel == "mindst hver anden uge"


def test_next_meeting_rules_give_the_series_gaps() -> None:
    # The placement of Monday 30 March 2026: the fourth weekly status meeting (Wednesday 22
    # April, in week 4) is followed by one two weeks on, not a week on, as in bbu()'s series.
    start = D(2026, 3, 30)
    plan = {m.navn: m.dato for m in kadence.bbu(start, uger=12)}
    assert kadence.naeste_statusmoede(start, start).dato == plan["Statusmøde 1"] == D(2026, 4, 1)
    for n in range(1, 8):
        nxt = kadence.naeste_statusmoede(plan[f"Statusmøde {n}"], start)
        assert nxt.dato == plan[f"Statusmøde {n + 1}"], n
    assert kadence.naeste_statusmoede(D(2026, 4, 22), start).regel == "mindst hver anden uge"
    assert (
        kadence.naeste_statusmoede(D(2026, 4, 15), start).regel == "ugentligt de første fire uger"
    )
    # Network meetings: the first by the end of week 4 (Sunday 26 April: Friday 24 April), then
    # at most 8 weeks after the one before.
    first = kadence.naeste_bbu_netvaerksmoede(None, start)
    assert first.dato == plan["Netværksmøde 1"] == D(2026, 4, 24)
    assert kadence.naeste_bbu_netvaerksmoede(first.dato, start).dato == plan["Netværksmøde 2"]
    assert kadence.naeste_bbu_netvaerksmoede(first.dato, start).regel == "mindst hver 8. uge"


# --- Sammen om familien (seed 004) -------------------------------------------------------------


def test_sammen_om_familien_cadence_is_fixed_by_case_type() -> None:
    # "hver sjette uge" from Thursday 15 January 2026.
    six = kadence.sammen_om_familien(D(2026, 1, 15), "undersøgelse", maaneder=6)
    assert [m.dato for m in six] == [D(2026, 2, 26), D(2026, 4, 9), D(2026, 5, 21), D(2026, 7, 2)]
    three = kadence.sammen_om_familien(D(2026, 9, 25), "kompensation", maaneder=12)
    # "hver tredje måned": 25 December 2026 is Juledag and 24 December juleaftensdag (closed by
    # default) -> 23 December. 25 March 2027 is Skærtorsdag (Easter 2027 is 28 March): 24 March.
    # Anchored to the start, so the next is 25 June, not drifting from 23 December. The twelve
    # months that begin on 25 September 2026 end on 24 September 2027, before the fourth.
    assert [m.dato for m in three] == [D(2026, 12, 23), D(2027, 3, 24), D(2027, 6, 25)]
    assert all(m.lov == "barnets_lov" for m in three)
    # Nytårsaftensdag: every 6 weeks from Thursday 19 November 2026 is 31 December -> 30th.
    assert kadence.sammen_om_familien(D(2026, 11, 19), "undersøgelse", 3)[0].dato == D(2026, 12, 30)
    with pytest.raises(ValueError):
        kadence.sammen_om_familien(D(2026, 1, 1), "lokal_kadence")


# --- the toolbox (seed 003) ------------------------------------------------------------------


def test_toolbox_next_network_meeting_one_rule() -> None:
    # "Aftale om næste netværksmøde inden for tre måneder": from Monday 30 November 2026, the
    # same date three months on is Sunday 28 February 2027 -> Friday 26 February.
    assert kadence.naeste_netvaerksmoede(D(2026, 11, 30)) == D(2027, 2, 26)
    # "ca. hver tredje måned", each within three months of the one before.
    assert kadence.netvaerksmoeder_efter(D(2026, 11, 30), 3) == [
        D(2027, 2, 26),
        D(2027, 5, 26),
        D(2027, 8, 26),
    ]
    # "en uge før" and "inden for en uge" after: the agenda and the plan.
    assert kadence.en_uge_foer(D(2027, 1, 8)) == D(2026, 12, 30)  # 1 Jan, 31 Dec closed
    assert kadence.en_uge_efter(D(2026, 12, 18)) == D(2026, 12, 23)  # 25, 24 Dec closed


def test_periods_begin_on_their_first_day() -> None:
    # "Fase 3 tager 1-2 måneder": two months from 2 July 2027 end on 1 September.
    assert kadence.periode_slut(D(2027, 7, 2), relativedelta(months=2)) == D(2027, 9, 1)
    # Four weeks from Monday 2 March end on Sunday 29 March.
    assert kadence.periode_slut(D(2026, 3, 2), dt.timedelta(weeks=4)) == D(2026, 3, 29)


def test_every_rule_cites_its_source() -> None:
    for key, rule in kadence.REGLER.items():
        assert rule.tekst and rule.kilde, key
        assert rule.tekst == rule.tekst.strip() and not rule.tekst[0].isupper(), key


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
        and "(vindue 25.12.2026–08.01.2027)" in line
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


def test_plan_command_follows_the_municipality_profile(tmp_path: Path) -> None:
    import json

    from samarbejdsdok import profil

    args = ("sammen_om_familien", "--start", "2026-09-25", "--maaneder", "4")
    # Without a profile: 24 December is closed, so the follow-up due 25 December is on the 23rd.
    assert "onsdag den 23. december 2026" in run(*args).stdout
    # A municipality open on 24 December, closed on its own day 23 December.
    data = profil.example() | {"lukkedage": {"hvert_aar": [], "datoer": ["2026-12-23"]}}
    path = tmp_path / "profil.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run(*args, "--profile", str(path))
    assert result.returncode == 0, result.stderr
    assert "torsdag den 24. december 2026" in result.stdout
    # A closing day that is no day: a Danish error naming the field.
    data["lukkedage"] = {"hvert_aar": ["31-02"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    bad = run(*args, "--profile", str(path))
    assert bad.returncode != 0
    assert "lukkedage.hvert_aar" in bad.stderr and "'31-02'" in bad.stderr
