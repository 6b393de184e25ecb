"""The calendar invitation (.ics) for a network meeting: RFC 5545 structure, time zone,
determinism, and that it carries no personal data. Also the CLI's ``render --ics``."""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import docx_text
from icalendar import Calendar
from rule_bases import INVITATION_BASE

from samarbejdsdok.forms.netvaerksmoede_invitation import SPEC, NetvaerksmoedeInvitation
from samarbejdsdok.ics import invitation_ics
from samarbejdsdok.validation import validate

CPH = ZoneInfo("Europe/Copenhagen")


def _rich() -> dict[str, Any]:
    """An invitation full of personal data: names, phones, CPR-like numbers in free text."""
    data = copy.deepcopy(INVITATION_BASE)
    data["modtager"] = {
        "navn": "Karina Bech",
        "funktion": "klasselærer for Sofie Kragh Hansen (150311-1234), Lyngholmskolen",
        "telefon": "72 35 61 00",
        "email": "karina.bech@skole.example.dk",
    }
    data["familie_navn"] = "Familien Kragh Hansen"
    data["oevrige_deltagere"] += [
        {
            "navn": "Mette Kragh Hansen",
            "funktion": "Mor, cpr 010185-1236",
            "telefon": "28 44 19 07",
        },
        {"navn": "Oliver Kragh Hansen", "funktion": "Søn (10 år)"},
        {"navn": "Hanne Kragh", "funktion": "Mormor og bisidder", "telefon": "+45 31 22 45 67"},
        {"navn": "Susanne Brink", "funktion": "Mødeleder", "email": "sb@furesoe.dk"},
    ]
    data["sluttid"] = "11:30"
    return data


def _names_and_numbers(data: dict[str, Any]) -> list[str]:
    people = [data["modtager"], data["familiekoordinator"], *data["oevrige_deltagere"]]
    values = [
        "Kragh Hansen",
        "Kragh",
        "Sofie",
        "Oliver",
        "Mette",
        "150311",
        "010185",
        "1234",
        "1236",
    ]
    for p in people:
        values.append(p["navn"])
        values += p["navn"].split()
        if p.get("telefon"):
            digits = re.sub(r"\D", "", p["telefon"])[-8:]
            values += [digits, " ".join(digits[i : i + 2] for i in range(0, 8, 2))]
        if p.get("funktion"):
            values.append(p["funktion"])
    return values


@pytest.fixture(scope="module")
def rich_model() -> NetvaerksmoedeInvitation:
    return validate(NetvaerksmoedeInvitation, _rich())


def _event(ics: bytes):
    cal = Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


def test_structure_and_times(rich_model) -> None:
    ics = invitation_ics(rich_model)
    cal, ev = _event(ics)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(cal["PRODID"]).startswith("-//samarbejdsdok//")
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert start == dt.datetime(2026, 12, 7, 9, 0, tzinfo=CPH)
    assert end == dt.datetime(2026, 12, 7, 11, 30, tzinfo=CPH)
    assert b"DTSTART;TZID=Europe/Copenhagen:20261207T090000" in ics
    assert b"DTEND;TZID=Europe/Copenhagen:20261207T113000" in ics
    tzids = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    assert tzids == ["Europe/Copenhagen"]
    # 09.00 in Copenhagen in December (CET, UTC+1) is 08.00 UTC
    assert b"DTSTAMP:20261207T080000Z" in ics
    assert str(ev["SUMMARY"]) == "Netværksmøde"
    location = "Mødelokale 2, Familiens Fremtid, Palholmterrasserne 1, 3520 Farum"
    assert str(ev["LOCATION"]) == location
    assert str(ev["ORGANIZER"]) == "mailto:leda@furesoe.dk"
    assert ev["ORGANIZER"].params["CN"] == "Familiens Fremtid, Furesø Kommune"
    assert "ATTENDEE" not in ev


def test_default_end_is_two_hours_and_summer_time() -> None:
    model = validate(NetvaerksmoedeInvitation, {**INVITATION_BASE, "dato": "2026-06-15"})
    ics = invitation_ics(model)
    _, ev = _event(ics)
    assert ev.decoded("DTEND") - ev.decoded("DTSTART") == dt.timedelta(hours=2)
    assert b"DTEND;TZID=Europe/Copenhagen:20260615T110000" in ics
    assert b"DTSTAMP:20260615T070000Z" in ics  # CEST, UTC+2


def test_no_personal_data(rich_model) -> None:
    ics = invitation_ics(rich_model)
    text = Calendar.from_ical(ics).to_ical().decode("utf-8")
    unfolded = ics.decode("utf-8").replace("\r\n ", "")
    for value in _names_and_numbers(_rich()):
        assert value not in unfolded, value
        assert value not in text, value
    # the letter itself does carry them
    import samarbejdsdok

    letter = docx_text(samarbejdsdok.render(rich_model))
    assert "Mette Kragh Hansen" in letter and "Karina Bech" in letter


def test_deterministic_and_uid() -> None:
    model = validate(NetvaerksmoedeInvitation, INVITATION_BASE)
    assert invitation_ics(model) == invitation_ics(model)
    _, ev = _event(invitation_ics(model))
    assert str(ev["UID"]).endswith("@samarbejdsdok")
    # the UID depends on the meeting, not on the people
    other_people = validate(NetvaerksmoedeInvitation, _rich() | {"sluttid": None})
    assert _event(invitation_ics(other_people))[1]["UID"] == ev["UID"]
    later = validate(NetvaerksmoedeInvitation, {**INVITATION_BASE, "starttid": "10:00"})
    assert _event(invitation_ics(later))[1]["UID"] != ev["UID"]
    given = _event(invitation_ics(model, uid="moede-42@furesoe.dk"))[1]
    assert str(given["UID"]) == "moede-42@furesoe.dk"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_cli_render_writes_docx_and_ics(tmp_path: Path) -> None:
    data = tmp_path / "inv.json"
    data.write_text(__import__("json").dumps(SPEC.example()), encoding="utf-8")
    result = _cli(
        "render",
        "netvaerksmoede_invitation",
        str(data),
        "-o",
        "inv.docx",
        "--ics",
        "inv.ics",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Kære Karina Bech" in docx_text((tmp_path / "inv.docx").read_bytes())
    ics = (tmp_path / "inv.ics").read_bytes()
    assert ics == invitation_ics(SPEC.example_model())
    assert b"Karina" not in ics
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inv.docx", "inv.ics", "inv.json"]


def test_cli_ics_on_another_form_is_a_usage_error(tmp_path: Path) -> None:
    from samarbejdsdok.forms import get_form

    data = tmp_path / "d.json"
    data.write_text(
        __import__("json").dumps(get_form("netvaerksmoede_dagsorden").example()), encoding="utf-8"
    )
    result = _cli(
        "render",
        "netvaerksmoede_dagsorden",
        str(data),
        "-o",
        "d.docx",
        "--ics",
        "d.ics",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "--ics (kalenderinvitation) findes kun for netvaerksmoede_invitation" in result.stderr
    assert not (tmp_path / "d.docx").exists() and not (tmp_path / "d.ics").exists()


# --- the calendar file is declared on the form's spec ------------------------------------------


def _agenda_calendar(model: Any) -> bytes:
    """A stand-in maker for a form that does not really have a calendar file."""
    return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def _write_example(form: str, path: Path) -> Path:
    from samarbejdsdok.forms import get_form

    path.write_text(__import__("json").dumps(get_form(form).example()), encoding="utf-8")
    return path


def test_the_invitation_declares_its_calendar_file_without_personal_data(rich_model) -> None:
    attachment = SPEC.attachment("ics")
    assert attachment is not None
    assert (attachment.kind, attachment.suffix) == ("ics", ".ics")
    assert "uden personoplysninger" in attachment.title
    ics = attachment.make(rich_model)
    assert ics == invitation_ics(rich_model)
    unfolded = ics.decode("utf-8").replace("\r\n ", "")
    for value in _names_and_numbers(_rich()):
        assert value not in unfolded, value


def test_every_declared_attachment_is_made_from_the_forms_example() -> None:
    from samarbejdsdok.forms import all_forms

    declared = [(spec, a) for spec in all_forms() for a in spec.attachments]
    assert declared, "no form declares an attachment"
    for spec, attachment in declared:
        assert [a.kind for a in spec.attachments].count(attachment.kind) == 1, spec.name
        assert attachment.suffix.startswith(".") and attachment.title, spec.name
        assert attachment.make(spec.example_model()), spec.name


def test_importing_the_form_does_not_import_icalendar() -> None:
    code = (
        "import sys\n"
        "from samarbejdsdok.forms import get_form\n"
        "assert get_form('netvaerksmoede_invitation').attachment('ics') is not None\n"
        "print('icalendar' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.fixture
def agenda_with_calendar(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The registry as if netvaerksmoede_dagsorden also declared a calendar file; returns the
    names of the forms that declare one, in catalogue order."""
    import dataclasses

    from samarbejdsdok import forms
    from samarbejdsdok.forms import Attachment

    real_get, real_all = forms.get_form, forms.all_forms
    agenda = dataclasses.replace(
        real_get("netvaerksmoede_dagsorden"),
        attachments=(Attachment("ics", ".ics", "kalender", f"{__name__}:_agenda_calendar"),),
    )

    def get_form(name: str) -> forms.FormSpec:
        return agenda if name == agenda.name else real_get(name)

    monkeypatch.setattr(forms, "get_form", get_form)
    monkeypatch.setattr(forms, "all_forms", lambda: [get_form(s.name) for s in real_all()])
    return [s.name for s in forms.all_forms() if s.attachment("ics") is not None]


def test_render_ics_works_for_any_form_that_declares_it(
    agenda_with_calendar: list[str], tmp_path: Path
) -> None:
    from samarbejdsdok.cli import main

    assert agenda_with_calendar == ["netvaerksmoede_dagsorden", "netvaerksmoede_invitation"]
    data = _write_example("netvaerksmoede_dagsorden", tmp_path / "d.json")
    out, ics = tmp_path / "d.docx", tmp_path / "d.ics"
    assert (
        main(["render", "netvaerksmoede_dagsorden", str(data), "-o", str(out), "--ics", str(ics)])
        == 0
    )
    assert ics.read_bytes() == _agenda_calendar(None) and out.exists()


def test_render_ics_on_a_form_without_one_names_the_forms_with_one(
    agenda_with_calendar: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samarbejdsdok.cli import main

    data = _write_example("samtykke_generel", tmp_path / "d.json")
    args = ["render", "samtykke_generel", str(data), "-o", str(tmp_path / "d.docx")]
    assert main([*args, "--ics", str(tmp_path / "d.ics")]) == 2
    err = capsys.readouterr().err
    assert (
        "samarbejdsdok: fejl: --ics (kalenderinvitation) findes kun for "
        "netvaerksmoede_dagsorden, netvaerksmoede_invitation, ikke for samtykke_generel"
    ) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


def test_case_render_ics_on_a_form_without_one_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.resources import files

    from samarbejdsdok import sag
    from samarbejdsdok.cli import main

    case = tmp_path / "sag.yaml"
    case.write_text(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"), "utf-8")
    out, ics = tmp_path / "fp.docx", tmp_path / "fp.ics"
    args = ["sag", "render", str(case), "--form", "familieplan", "-o", str(out)]
    assert main([*args, "--ics", str(ics)]) == 2
    assert "--ics findes kun for netvaerksmoede_invitation" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sag.yaml"]
