"""A2 Drejebog-tjekliste: deadlines worked out by hand (Easter, weekend, Christmas, the
three-month rule), the room booking, overdue steps and the validation rules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from conftest import FormCase, docx_text

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.drejebog_tjekliste import SPEC, TRIN, DrejebogTjekliste
from samarbejdsdok.validation import validate

#: The deadlines are worked out by hand on a checklist of their own (network meeting on
#: Thursday 3 December 2026), not on the bundled example.
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
    "moedeleder": "Susanne Brink, afdelingsleder i Familierådgivningen",
    "netvaerksmoede_dato": "2026-12-03",
    "netvaerksmoede_start": "13:00",
    "sted": "Furesø Rådhus, mødelokale 3",
    "trin": {
        "brev_og_folder": {"dato": "2026-10-26", "udfoert_af": "Lene Dahl"},
        "aftal_moede_1": {"dato": "2026-10-26", "udfoert_af": "Lene Dahl"},
        "book_lokale_moede_1": {"dato": "2026-10-27", "udfoert_af": "Lene Dahl"},
        "moede_1": {"dato": "2026-11-02", "udfoert_af": "Lene Dahl og Mette Kragh Hansen"},
        "book_lokale_moede_2": {"dato": "2026-11-03", "udfoert_af": "Lene Dahl"},
        "invitation": {"dato": "2026-11-05", "udfoert_af": "Lene Dahl"},
        "moede_2": {"dato": "2026-11-19", "udfoert_af": "Lene Dahl og Mette Kragh Hansen"},
    },
    "status_dato": "2026-11-27",
}
CASE = FormCase("drejebog_tjekliste", base=RULES_BASE)
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


D = dt.date


def _meeting(day: str, start: str = "13:00", **changes: Any) -> DrejebogTjekliste:
    """The example moved to another meeting day, with nothing done and no status date."""
    data = _data(netvaerksmoede_dato=day, netvaerksmoede_start=start, trin={}, status_dato=None)
    data.update(changes)
    return validate(DrejebogTjekliste, data)


def _text(data: dict[str, Any]) -> str:
    return docx_text(samarbejdsdok.render(validate(DrejebogTjekliste, data)))


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


def test_registry_and_the_13_steps_of_the_source() -> None:
    spec = get_form("drejebog_tjekliste")
    assert spec is SPEC and spec.code == "A2"
    assert DrejebogTjekliste.form_name == "drejebog_tjekliste"
    assert [t for _, t in TRIN] == [
        "Brev og folder sendes forud for aftale af første møde eller udleveres på Møde 1",
        "Aftal tid til Møde 1 med familien",
        "Book lokale til Møde 1",
        "Møde 1 med familien",
        "Book lokale til Møde 2 og Netværksmødet",
        "Invitation/indkaldelse til Netværksmødet sendes ud via Outlook/mail",
        "Møde 2 med familien",
        "Dagsorden skrives og sendes til alle",
        "Forberedelsesmøde med mødeleder og koordinator",
        "Netværksmøde",
        "Eftermøde med Familien",
        "Opsamling/evaluering med mødeleder og familiekoordinator",
        "Helhedsorienteret familieplan sendes ud til familien og netværket",
    ]


def test_deadlines() -> None:
    m = validate(DrejebogTjekliste, _data())
    # Thursday 3 December 2026: agenda Thursday 26 November, plan Thursday 10 December.
    assert m.dagsorden_frist == D(2026, 11, 26)
    assert m.plan_frist == D(2026, 12, 10)
    assert m.naeste_netvaerksmoeder == [D(2027, 3, 3), D(2027, 6, 3), D(2027, 9, 3)]
    assert [f.trin for f in m.frister] == [8, 10, 13]
    assert not any(f.flyttet for f in m.frister)
    # Status 27 November: the agenda (due 26 November) is not marked done.
    assert m.overskredne == [8]


def test_room_booking_two_hours_plus_30_minutes() -> None:
    m = validate(DrejebogTjekliste, _data())
    assert (m.lokale_fra, m.moede_slut, m.lokale_til) == (
        dt.time(12, 45),
        dt.time(15, 0),
        dt.time(15, 15),
    )
    m = _meeting("2026-12-03", "08:30")
    assert (m.lokale_fra, m.lokale_til) == (dt.time(8, 15), dt.time(10, 45))
    m = _meeting("2026-12-03", "21:44")
    assert m.lokale_til == dt.time(23, 59)


def test_easter_2026() -> None:
    # Monday 13 April - 7 days = Anden påskedag 6 April; 5 April Påskedag, 4 April Saturday,
    # 3 April Langfredag, 2 April Skærtorsdag -> Wednesday 1 April.
    m = _meeting("2026-04-13")
    assert m.dagsorden_frist == D(2026, 4, 1)
    assert m.frister[0].flyttet is True
    # Friday 27 March + 7 days = Langfredag 3 April; Skærtorsdag 2 April -> 1 April.
    assert _meeting("2026-03-27").plan_frist == D(2026, 4, 1)
    # Wednesday 25 March + 7 = Wednesday 1 April: a working day, not moved.
    assert _meeting("2026-03-25").plan_frist == D(2026, 4, 1)


def test_weekend() -> None:
    # A Saturday meeting, 28 November 2026: both deadlines fall on Saturdays -> Fridays.
    m = _meeting("2026-11-28")
    assert m.dagsorden_frist == D(2026, 11, 20)
    assert m.plan_frist == D(2026, 12, 4)


def test_christmas() -> None:
    # Friday 18 December 2026 + 7 = Juledag 25 December; 24 December (juleaftensdag) is
    # closed by default -> Wednesday 23 December.
    assert _meeting("2026-12-18").plan_frist == D(2026, 12, 23)
    # Monday 4 January 2027 - 7 = Monday 28 December 2026, a working day.
    assert _meeting("2027-01-04").dagsorden_frist == D(2026, 12, 28)
    # Friday 1 January 2027 (Nytårsdag) is the deadline for a meeting on Friday 8 January;
    # 31 December (nytårsaftensdag) is closed by default -> Wednesday 30 December 2026.
    assert _meeting("2027-01-08").dagsorden_frist == D(2026, 12, 30)


def test_three_month_rule() -> None:
    # "Aftale om næste netværksmøde inden for tre måneder", each from the one before:
    # Monday 30 November 2026 + 3 months = Sunday 28 February 2027 -> Friday 26 February;
    # 26 February + 3 months = Wednesday 26 May (before 30 May, so the gap stays within three
    # months); 26 May + 3 months = Thursday 26 August.
    m = _meeting("2026-11-30")
    assert m.naeste_netvaerksmoeder == [D(2027, 2, 26), D(2027, 5, 26), D(2027, 8, 26)]
    text = docx_text(samarbejdsdok.render(m))
    assert "Næste netværksmøde senest | Fredag den 26. februar 2027" in text
    assert "Derefter ca. hver tredje måned | 26. maj 2027 og 26. august 2027" in text


def test_example_document(example_text: str) -> None:
    # The example family's checklist (docs/eksempelfamilie.md), as the case file makes it.
    lines = example_text.splitlines()
    for expected in (
        "Familiens navn | Familien Kragh Hansen",
        "Mødeleder | Susanne Brink, afdelingsleder, Familierådgivningen",
        # The meeting's one end time, as the invitation and the agenda say.
        "Netværksmøde | Onsdag den 17. juni 2026, kl. 09.00–11.15",
        "Status pr. | 12. juni 2026",
        "3 | Book lokale til Møde 1 | – | 28. maj 2026",
        "8 | Dagsorden skrives og sendes til alle | 10. juni 2026 | 10. juni 2026",
        "10 | Netværksmøde | 17. juni 2026 | ",
        "Ingen frister er overskredet pr. 12. juni 2026.",
        "8 | Dagsorden sendes på mail til alle, også til familien | en uge før netværksmødet | "
        "Onsdag den 10. juni 2026",
        "13 | Familieplanen opdateres og sendes som pdf til familien og netværket | senest en uge "
        "efter netværksmødet | Onsdag den 24. juni 2026",
        "Næste netværksmøde senest | Torsdag den 17. september 2026",
        "Derefter ca. hver tredje måned | 17. december 2026 og 17. marts 2027",
    ):
        assert expected in lines, expected
    assert "7 | Møde 2 med familien | – | 10. juni 2026\nLene Dahl og Mette Kragh Hansen" in (
        example_text
    )
    assert (
        "Mødelokale | Mødelokale 2, Familiens Fremtid, Palholmterrasserne 1, 3520 Farum, booket "
        "kl. 08.45–11.30" in example_text
    )
    assert (
        "Lokale til netværksmødet | kl. 08.45–11.30: mødet (kl. 09.00–11.15) og 30 minutter til "
        "forberedelse og oprydning, 15 minutter før og 15 minutter efter" in lines
    )


def test_moved_deadline_is_stated() -> None:
    text = docx_text(samarbejdsdok.render(_meeting("2026-04-13")))
    assert (
        "en uge før netværksmødet (flyttet til arbejdsdagen før) | Onsdag den 1. april 2026" in text
    )


def test_no_status_date_flags_nothing() -> None:
    data = _data(status_dato=None)
    m = validate(DrejebogTjekliste, data)
    assert m.overskredne == []
    assert not any(r.overskredet for r in m.tjekliste)
    text = _text(data)
    assert "Status pr. | Ikke angivet (fristerne er ikke kontrolleret)" in text
    assert "overskredet" not in text


def test_overdue_steps_against_the_status_date() -> None:
    # On the deadline itself nothing is overdue yet.
    m = validate(DrejebogTjekliste, _data(status_dato="2026-11-26"))
    assert m.overskredne == []
    assert "Ingen frister er overskredet pr. 26. november 2026." in _text(
        _data(status_dato="2026-11-26")
    )
    # 11 December: agenda (26 Nov), meeting (3 Dec) and plan (10 Dec) are all undone.
    m = validate(DrejebogTjekliste, _data(status_dato="2026-12-11"))
    assert m.overskredne == [8, 10, 13]
    text = _text(_data(status_dato="2026-12-11"))
    assert (
        "Fristen er overskredet pr. 11. december 2026 for trinene 8, 10 og 13, som ikke er "
        "markeret som udført." in text
    )
    # Done steps are not overdue.
    trin = RULES_BASE["trin"] | {
        "dagsorden": {"dato": "2026-11-25", "udfoert_af": "Lene Dahl"},
        "netvaerksmoede": {"dato": "2026-12-03"},
    }
    m = validate(DrejebogTjekliste, _data(status_dato="2026-12-11", trin=trin))
    assert m.overskredne == [13]


def test_minimal_checklist_prints_no_gaps() -> None:
    data = {
        "organisation": {"kommune": "Furesø Kommune", "indsats": "Familiens Fremtid"},
        "familie_navn": "Familien Kragh Hansen",
        "familiekoordinator": {"navn": "Lene Dahl"},
        "netvaerksmoede_dato": "2026-12-03",
        "netvaerksmoede_start": "13:00",
    }
    text = _text(data)
    lines = text.splitlines()
    assert "Mødeleder | Ikke aftalt" in lines
    assert "Mødelokale | booket kl. 12.45–15.15" in lines
    assert (
        "1 | Brev og folder sendes forud for aftale af første møde eller udleveres på Møde 1 "
        "| – | " in lines
    )
    assert "10 | Netværksmøde | 3. december 2026 | " in lines
    assert not re.search(r"\b(None|True|False)\b", text)
    assert "{{" not in text and "{%" not in text


# --- validation -------------------------------------------------------------------------------


def test_done_by_without_a_date() -> None:
    problem = _problem(_data(trin={"dagsorden": {"udfoert_af": "Lene Dahl"}}))
    assert problem.path == "trin.dagsorden.dato"
    assert problem.code == "done_by_without_date"


def test_done_after_the_status_date() -> None:
    problem = _problem(_data(trin={"moede_2": {"dato": "2026-11-30"}}))
    assert problem.path == "trin.moede_2.dato"
    assert problem.code == "done_after_status_date"


def test_steps_before_and_after_the_meeting() -> None:
    data = _data(status_dato=None)
    problem = _problem(data | {"trin": {"formoede": {"dato": "2026-12-04"}}})
    assert (problem.path, problem.code) == ("trin.formoede.dato", "step_after_meeting")
    problem = _problem(data | {"trin": {"eftermoede": {"dato": "2026-12-02"}}})
    assert (problem.path, problem.code) == ("trin.eftermoede.dato", "step_before_meeting")
    problem = _problem(data | {"trin": {"netvaerksmoede": {"dato": "2026-12-04"}}})
    assert (problem.path, problem.code) == ("trin.netvaerksmoede.dato", "meeting_date_differs")


def test_booking_must_stay_within_the_day() -> None:
    for start in ("21:46", "23:00", "00:10"):
        problem = _problem(_data(netvaerksmoede_start=start))
        assert problem.path == "netvaerksmoede_start"
        assert problem.code == "booking_past_midnight"


def test_unknown_step_is_refused() -> None:
    problem = _problem(_data(trin={"moede_3": {"dato": "2026-11-20"}}))
    assert problem.path == "trin.moede_3"
