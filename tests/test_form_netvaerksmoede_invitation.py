"""A13 Invitation til netværksmøde for professionelle: the letter, its computed dates and the
validation rules, through the public interface."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FormCase, docx_text
from rule_bases import INVITATION_BASE

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.netvaerksmoede_invitation import SPEC, NetvaerksmoedeInvitation
from samarbejdsdok.validation import validate

CASE = FormCase("netvaerksmoede_invitation", base=INVITATION_BASE)
_data = CASE.data
_problem = CASE.problem


def _model(**changes: Any) -> NetvaerksmoedeInvitation:
    return validate(NetvaerksmoedeInvitation, _data(**changes))


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


def test_registry_and_spec() -> None:
    spec = get_form("netvaerksmoede_invitation")
    assert spec is SPEC and spec.code == "A13"
    assert spec.title == "Invitation til netværksmøde for professionelle"


def test_example_letter(example_text: str) -> None:
    t = example_text
    assert "Kære Karina Bech\n" in t
    assert "Invitation til netværksmøde om familien Kragh Hansen onsdag den 17. juni 2026" in t
    assert "I Familiens Fremtid laver vi sammen med familien en helhedsorienteret familieplan." in t
    assert "projekt" not in t.lower()  # the 2017 project is a programme now
    assert (
        "Som en del af det professionelle netværk omkring familien Kragh Hansen inviteres "
        "du derfor til netværksmøde onsdag den 17. juni 2026 kl. 09.00–11.15 i "
        "Mødelokale 2, Familiens Fremtid, Palholmterrasserne 1, 3520 Farum." in t
    )
    assert "Jonas Winther | Rådgiver, Familierådgivningen | 72 16 50 00\njowi@furesoe.dk" in t
    # 17 June 2026 minus 7 days is Wednesday 10 June, a working day
    assert (
        "Dagsorden vil blive sendt til dig en uge inden mødet, senest onsdag den "
        "10. juni 2026." in t
    )
    assert "Familieplanen vil fremover blive opdateret på netværksmøder hver tredje måned." in t
    assert (
        "Skulle du blive forhindret i at komme, bedes du i samspil med din leder pege på "
        "en afløser for dig." in t
    )
    assert (
        "Vel mødt\nLene Dahl\nfamiliekoordinator, Familiens Fremtid, tlf. 40 21 33 18, "
        "leda@furesoe.dk" in t
    )
    assert "\nFamiliens Fremtid arbejder på at støtte op om børnefamiliers trivsel" in t
    assert t.split("Bilag\n", 1)[1].startswith(
        "Den helhedsorienterede familieplan – overblik\nUdkast til dagsorden\n"
    )
    for bad in ("None", "True", "False", "{{", "{%"):
        assert bad not in t


@pytest.mark.parametrize(
    ("meeting", "agenda"),
    [
        ("2026-12-07", dt.date(2026, 11, 30)),  # Monday -> Monday
        ("2026-04-13", dt.date(2026, 4, 1)),  # 6 April is 2. påskedag; 2-3 April closed too
        ("2027-01-02", dt.date(2026, 12, 23)),  # 26 Dec (2. juledag), 25, 24 closed -> 23
        ("2026-12-13", dt.date(2026, 12, 4)),  # Sunday 6 Dec -> Friday 4 Dec
    ],
)
def test_agenda_date_is_a_week_before_on_a_working_day(meeting: str, agenda: dt.date) -> None:
    assert _model(dato=meeting).dagsorden_udsendes == agenda


def test_end_defaults_to_two_hours_or_the_given_end() -> None:
    assert _model(starttid="13:15").slut == dt.time(15, 15)
    model = _model(starttid="13:15", sluttid="14:45")
    assert model.slut == dt.time(14, 45)
    assert "kl. 13.15–14.45 i Mødelokale 2" in docx_text(samarbejdsdok.render(model))


def test_recipient_may_not_be_among_the_others() -> None:
    data = _data()
    data["oevrige_deltagere"].append({"navn": "  karina  BECH ", "funktion": "Lærer"})
    problem = _problem(data)
    assert problem.path == "oevrige_deltagere.4"
    assert problem.code == "recipient_among_others"

    data = _data()
    data["oevrige_deltagere"][1]["email"] = "KABE@furesoe.dk"  # same address, other name
    assert _problem(data).path == "oevrige_deltagere.1"


def test_a_namesake_with_another_address_is_someone_else() -> None:
    data = _data()
    data["oevrige_deltagere"].append(
        {"navn": "Karina Bech", "funktion": "Sundhedsplejerske", "email": "kb2@furesoe.dk"}
    )
    assert len(validate(NetvaerksmoedeInvitation, data).oevrige_deltagere) == 5


def test_end_must_follow_start_and_not_pass_midnight() -> None:
    problem = _problem(_data(starttid="10:00", sluttid="09:30"))
    assert (problem.path, problem.code) == ("sluttid", "meeting_end_not_after_start")
    problem = _problem(_data(starttid="22:30"))
    assert (problem.path, problem.code) == ("starttid", "meeting_past_midnight")
    assert _model(starttid="22:30", sluttid="23:30").slut == dt.time(23, 30)


def test_coordinator_needs_an_email_for_the_calendar_invitation() -> None:
    data = _data()
    del data["familiekoordinator"]["email"]
    problem = _problem(data)
    assert (problem.path, problem.code) == ("familiekoordinator.email", "coordinator_email_missing")


def test_empty_participant_list_and_no_address() -> None:
    data = _data(oevrige_deltagere=[])
    del data["adresse"]
    t = docx_text(samarbejdsdok.render(validate(NetvaerksmoedeInvitation, data)))
    assert "Der er endnu ikke andre professionelle på deltagerlisten." in t
    assert "kl. 09.00–11.00 i Mødelokale 2, Familiens Fremtid.\n" in t
