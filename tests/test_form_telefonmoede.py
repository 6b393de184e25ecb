"""A5 Dialogguide og notatskema: telefonmøde med ny familie: model, document, rules."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FormCase, docx_text

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.telefonmoede import AFSNIT, SPEC, Telefonmoede
from samarbejdsdok.validation import validate

CASE = FormCase("telefonmoede")
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


def test_registry_and_spec() -> None:
    spec = get_form("telefonmoede")
    assert spec is SPEC and spec.code == "A5"
    assert spec.title == "Dialogguide og notatskema: telefonmøde med ny familie"


def test_guide_sections() -> None:
    assert [a.titel for a in AFSNIT] == [
        "Præsentation",
        "Hvorfor er familien blevet udvalgt",
        "Invitation til screeningsmøde",
        "Alt praktisk om screeningsmødet aftales",
    ]


def test_call_back_five_minutes_after_the_familys_call() -> None:
    model = validate(Telefonmoede, _data(tidspunkt="13:58"))
    assert model.tilbageringning == dt.time(14, 3)
    assert validate(Telefonmoede, _data(familien_ringede=False)).tilbageringning is None
    data = _data()
    del data["tidspunkt"]
    assert validate(Telefonmoede, data).tilbageringning is None


def test_example_document(example_text: str) -> None:
    assert "Dato for telefonmødet | Tirsdag den 19. maj 2026" in example_text
    assert "Planlagt telefonmøde | ☐ Ja      ☒ Nej" in example_text
    assert "Beregnet tid | 20 minutter" in example_text
    assert "(minutter)" not in example_text
    assert "Interviewer | Lene Dahl, familiekoordinator, Familiens Fremtid," in example_text
    assert "Til dette telefonmøde er der beregnet 20 minutter." in example_text
    assert "Familiekoordinatoren ringer tilbage | Efter 5 minutter, kl. 13.15" in example_text
    assert "Dato | Onsdag den 27. maj 2026\nMødetidspunkt | kl. 10.00" in example_text
    assert "Behov for tolk | ☐ Ja      ☒ Nej" in example_text
    assert "Behov for kørselsvejledning | ☒ Ja      ☐ Nej" in example_text
    assert "4. Alt praktisk om screeningsmødet aftales" in example_text


def test_interpreter_language_printed() -> None:
    screening = dict(SPEC.example()["screeningsmoede"], tolk=True, tolk_sprog="arabisk")
    text = _text(screeningsmoede=screening)
    assert "Behov for tolk | ☒ Ja – sprog: arabisk      ☐ Nej" in text


def test_minimal_document() -> None:
    data = _data(planlagt=True, minutter=10, familien_ringede=False)
    for key in ("tidspunkt", "generelle_noter", "screeningsmoede"):
        del data[key]
    text = docx_text(samarbejdsdok.render(validate(Telefonmoede, data)))
    assert "Beregnet tid | 10 minutter" in text
    assert "Familiekoordinatoren ringer tilbage | Ikke relevant" in text
    assert "Screeningsmødet er ikke aftalt." in text
    assert "Der er ikke skrevet noter." in text
    assert "None" not in text


def test_unplanned_or_foreign_language_call_needs_more_time() -> None:
    p = _problem(_data(planlagt=False, minutter=10))
    assert p.path == "minutter"
    assert "ikke er planlagt" in p.message
    p = _problem(_data(planlagt=True, dansk=False, minutter=10))
    assert p.path == "minutter"
    assert "andet sprog end dansk" in p.message
    assert validate(Telefonmoede, _data(planlagt=True, dansk=True, minutter=10)).minutter == 10


def test_interpreter_language_rules() -> None:
    base = SPEC.example()["screeningsmoede"]
    p = _problem(_data(screeningsmoede=dict(base, tolk=True)))
    assert p.path == "screeningsmoede.tolk_sprog"
    p = _problem(_data(screeningsmoede=dict(base, tolk_sprog="arabisk")))
    assert p.path == "screeningsmoede.tolk_sprog"


def test_screening_after_call() -> None:
    base = SPEC.example()["screeningsmoede"]
    p = _problem(_data(screeningsmoede=dict(base, dato="2026-05-19")))
    assert p.path == "screeningsmoede.dato"
