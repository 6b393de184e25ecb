"""A12 Dagsorden til netværksmøde for familien: the computed schedule, the rendered letter and
the validation rules, through the public interface."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import FormCase, docx_text

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.netvaerksmoede_dagsorden import SPEC, NetvaerksmoedeDagsorden
from samarbejdsdok.validation import validate

#: The rules are tested on an agenda of their own (23 November 2026, four professionals), not
#: on the bundled example.
RULES_BASE: dict[str, Any] = {
    "organisation": {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    },
    "familie_navn": "Kragh Hansen",
    "foerste_moede": True,
    "dato": "2026-11-23",
    "starttid": "09:00",
    "adresse": "Familiens Fremtid, Jobcenter Furesø, Palholmterrasserne 1, 3520 Farum",
    "deltagere": {
        "familiens_voksne": [
            {
                "navn": "Mette Kragh Hansen",
                "funktion": "Mor",
                "telefon": "28 44 19 07",
            },
        ],
        "familiekoordinatorer": [
            {
                "navn": "Lene Dahl",
                "funktion": "familiekoordinator, Familiens Fremtid",
                "telefon": "40 21 33 18",
                "email": "leda@furesoe.dk",
            },
        ],
        "professionelle": [
            {
                "navn": "Jonas Winther",
                "funktion": "rådgiver, Familierådgivningen",
                "telefon": "72 16 50 00",
                "email": "jowi@furesoe.dk",
            },
            {
                "navn": "Amir Haddad",
                "funktion": "jobkonsulent, Jobcentret",
                "email": "amha@furesoe.dk",
            },
            {
                "navn": "Karina Bech",
                "funktion": "klasselærer for Sofie, Lyngholmskolen",
            },
            {
                "navn": "Thomas Lund",
                "funktion": "familiebehandler, Familiehuset",
                "telefon": "72 16 52 40",
            },
        ],
        "bisiddere": [
            {
                "navn": "Hanne Kragh",
                "funktion": "Mormor",
            },
        ],
    },
    "koerselsvejledning": (
        "Bus 500S til Farum st. og derefter 5 minutters gang. Indgangen er ved hovedtrappen."
    ),
    "parkering": "Gratis parkering på pladsen foran bygningen.",
    "kort": "Kort over mødested og parkering er vedlagt.",
}
CASE = FormCase("netvaerksmoede_dagsorden", base=RULES_BASE)
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


def _model(**changes: Any) -> NetvaerksmoedeDagsorden:
    return validate(NetvaerksmoedeDagsorden, _data(**changes))


def _text(model: NetvaerksmoedeDagsorden) -> str:
    return docx_text(samarbejdsdok.render(model))


def _professionals(n: int) -> list[dict[str, str]]:
    return [{"navn": f"Fagperson {i}", "funktion": "Rådgiver"} for i in range(1, n + 1)]


@pytest.fixture(scope="module")
def example_text() -> str:
    return _text(SPEC.example_model())


def test_registry_and_spec() -> None:
    spec = get_form("netvaerksmoede_dagsorden")
    assert spec is SPEC and spec.code == "A12"
    assert spec.title == "Dagsorden til netværksmøde for familien"
    assert NetvaerksmoedeDagsorden.form_name == "netvaerksmoede_dagsorden"


def test_schedule_worked_out_by_hand_start_0900_four_professionals() -> None:
    deltagere = _data()["deltagere"]
    deltagere["professionelle"] = _professionals(4)
    model = _model(starttid="09:00", deltagere=deltagere)
    # 5, 5, 10 (5-10), 4 x 5 = 20, 10, 50, 10, 5, 5 -> 120 minutes
    expected = [
        (1, "09:00", "09:05", "5 minutter"),
        (2, "09:05", "09:10", "5 minutter"),
        (3, "09:10", "09:20", "5–10 minutter"),
        (4, "09:20", "09:40", "5 minutter pr. deltager (4 deltagere, i alt 20 minutter)"),
        (5, "09:40", "09:50", "10 minutter"),
        (6, "09:50", "10:40", "50 minutter"),
        (7, "10:40", "10:50", "10 minutter"),
        (8, "10:50", "10:55", "5 minutter"),
        (9, "10:55", "11:00", "Mødet slutter kl. 11.00"),
    ]
    got = [
        (p.nr, p.start.strftime("%H:%M"), p.slut.strftime("%H:%M"), p.tidsramme)
        for p in model.punkter
    ]
    assert got == expected
    assert model.sluttid == dt.time(11, 0)
    assert model.varighed == 120

    text = _text(model)
    assert (
        "4 | Fremlæggelse af netværkets overvejelser ift. familiens situation | "
        "5 minutter pr. deltager (4 deltagere, i alt 20 minutter) | kl. 09.20–09.40" in text
    )
    assert "6 | Dialog | 50 minutter | kl. 09.50–10.40" in text
    assert "9 | Afrunding | Mødet slutter kl. 11.00 | kl. 10.55–11.00" in text
    assert "Mandag den 23. november 2026, kl. 09.00–11.00" in text


def test_schedule_counts_only_the_professional_network() -> None:
    deltagere = _data()["deltagere"]
    deltagere["professionelle"] = _professionals(1)
    deltagere["familiekoordinatorer"] *= 2  # coordinators do not present in item 4
    model = _model(starttid="13:30", deltagere=deltagere)
    # 5+5+10+5+10+50+10+5+5 = 105 minutes of the two hours booked: the dialogue gets the 15
    # minutes left, so the meeting ends when booked, 15.30 (one end time in every document).
    assert model.sluttid == dt.time(15, 30)
    assert model.punkter[3].tidsramme == "5 minutter pr. deltager (1 deltager, i alt 5 minutter)"
    assert (model.punkter[4].start, model.punkter[4].slut) == (dt.time(13, 55), dt.time(14, 5))
    assert (model.punkter[5].tidsramme, model.punkter[5].minutter) == ("65 minutter", 65)
    assert "Mødet slutter kl. 15.30" in _text(model)
    assert model.advarsler() == []


def test_no_professionals_gives_no_minutes_for_item_4() -> None:
    deltagere = _data()["deltagere"]
    deltagere["professionelle"] = []
    model = _model(starttid="10:00", deltagere=deltagere)
    assert model.punkter[3].tidsramme == "5 minutter pr. deltager"
    assert model.punkter[3].start == model.punkter[3].slut == dt.time(10, 20)
    assert model.sluttid == dt.time(12, 0)  # the dialogue takes the 20 minutes left
    text = _text(model)
    assert "Det professionelle netværk | Afdeling/funktion | Kontaktoplysninger\nIngen." in text


def test_example_letter(example_text: str) -> None:
    t = example_text
    assert t.startswith("Dagsorden til netværksmøde for familien Kragh Hansen\n")
    assert (
        "Hermed fremsendes information og dagsorden for det første netværksmøde for "
        "familien Kragh Hansen." in t
    )
    assert (
        "Formålet med mødet er at skabe et tværfagligt overblik over familiens samlede "
        "situation samt indgå aftaler om fremtidige indsatser og aktiviteter." in t
    )
    assert "Adresse | Mødelokale 2, Familiens Fremtid, Palholmterrasserne 1, 3520 Farum" in t
    assert "Lene Dahl | Familiekoordinator, Familiens Fremtid | 40 21 33 18\nleda@furesoe.dk" in t
    bisidder = (
        "Bisidder for familien | Afdeling/funktion | Kontaktoplysninger\nHanne Kragh | Mormor"
    )
    assert bisidder in t
    for q in (
        "I forhold til den nuværende situation:\n1. Situationen p.t.\n"
        "2. Hvad arbejdes der med p.t.?\nI forhold til det fremadrettede perspektiv:\n"
        "3. Hvad tænker du, at der skal/kan arbejdes videre med?",
        "5. Hvilke tanker gør du dig i forhold til det fremtidige samarbejde – er der ting, "
        "som skal justeres?",
    ):
        assert q in t
    assert "Parkering: Gratis parkering på pladsen foran bygningen." in t
    assert "\nKort over mødested og parkering er vedlagt.\n" in t
    assert "Kort: Kort" not in t
    for bad in ("None", "True", "False", "{{", "{%"):
        assert bad not in t


def test_family_prefix_is_removed_and_follow_up_wording() -> None:
    model = _model(familie_navn="Familien Kragh Hansen", foerste_moede=False)
    assert model.familie_navn == "Kragh Hansen"
    t = _text(model)
    assert "dagsorden for netværksmødet for familien Kragh Hansen." in t
    assert "første" not in t


def test_minimal_letter_has_no_directions() -> None:
    data = _data()
    for key in ("koerselsvejledning", "parkering", "kort"):
        del data[key]
    t = _text(validate(NetvaerksmoedeDagsorden, data))
    assert "Kørselsvejledning" not in t and "Parkering" not in t and "Kort:" not in t
    assert "Find vej\nFamiliens Fremtid, Jobcenter Furesø" in t


@pytest.mark.parametrize(
    ("group", "code"),
    [("familiens_voksne", "no_family_adult"), ("familiekoordinatorer", "no_coordinator")],
)
def test_family_adult_and_coordinator_required(group: str, code: str) -> None:
    data = _data()
    data["deltagere"][group] = []
    problem = _problem(data)
    assert problem.path == f"deltagere.{group}"
    assert problem.code == code
    assert "mindst én" in problem.message


def test_meeting_may_not_end_after_midnight() -> None:
    # 4 professionals: 120 minutes. 22.00 ends at midnight exactly -> next day: refused.
    problem = _problem(_data(starttid="22:00"))
    assert problem.path == "starttid"
    assert problem.code == "meeting_past_midnight"
    assert "120 minutter" in problem.message
    assert _model(starttid="21:59").sluttid == dt.time(23, 59)


def test_an_agenda_past_the_booked_time_warns_through_the_cli(tmp_path) -> None:
    """Twelve professionals take item 4 to 60 minutes: the agenda ends at 11.40 against the two
    hours booked. The document is made, and the caseworker is told why to look at it."""
    import json
    import subprocess
    import sys

    data = CASE.data(
        deltagere={**SPEC.example()["deltagere"], "professionelle": _professionals(12)}
    )
    source = tmp_path / "dagsorden.json"
    source.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    out = tmp_path / "dagsorden.docx"
    run = subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", "render", SPEC.name, str(source), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert out.exists()
    assert (
        "advarsel: dagsordenen slutter kl. 11.40, men mødet skal slutte senest kl. 11.00: med "
        "12 professionelle deltagere tager punkt 4 alene 60 minutter"
        in run.stderr.replace("\u00a0", " ")
    )
    assert "Mødet slutter kl. 11.40" in docx_text(out.read_bytes())


def test_the_booked_end_decides_whether_an_agenda_warns() -> None:
    many = {**SPEC.example()["deltagere"], "professionelle": _professionals(12)}
    assert _model(deltagere=many, slut_senest="12:00").advarsler() == []
    (warning,) = _model(deltagere=many, slut_senest="11:30").advarsler()
    assert "senest kl.\u00a011.30" in warning
    assert _model().advarsler() == []  # the example keeps to its two hours
    one = {**SPEC.example()["deltagere"], "professionelle": _professionals(1)}
    assert _model(deltagere=one, slut_senest="09:30").advarsler()[0].count("1 professionel") == 1
    rendered = samarbejdsdok.render(_model(deltagere=many))
    assert rendered.warnings
    assert rendered.warnings[0].startswith("dagsordenen slutter kl.\u00a011.40")
