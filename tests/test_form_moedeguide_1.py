"""A3 Mødeguide 1, der også er referatskabelon: model, rendered document, validation rules."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FormCase, docx_text

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.moedeguide_1 import GUIDEPUNKTER, SPEC, Moedeguide1
from samarbejdsdok.validation import validate

CASE = FormCase("moedeguide_1")
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


def test_registry_and_spec() -> None:
    spec = get_form("moedeguide_1")
    assert spec is SPEC
    assert spec.code == "A3"
    assert spec.title == "Mødeguide 1, der også er referatskabelon"
    assert Moedeguide1.form_name == "moedeguide_1"


def test_six_guide_points_from_the_source() -> None:
    assert len(GUIDEPUNKTER) == 6
    assert GUIDEPUNKTER[1].tekst == "Introduktion til netværksmødets form og indhold"
    assert GUIDEPUNKTER[-1].tekst == "Møde 2 aftales med familien"
    for g in GUIDEPUNKTER[:-1]:
        assert g.notat in Moedeguide1.model_fields


def test_example_document(example_text: str) -> None:
    # The filled-in document is the guide and the minutes, not "der også er referatskabelon".
    assert example_text.startswith("Mødeguide 1 – referat af første møde med familien\n")
    assert "referatskabelon" not in example_text
    assert "Dato | Onsdag den 3. juni 2026" in example_text
    assert "Tidspunkt | kl. 09.30–10.30" in example_text
    assert "Deltagere fra familien | Mette Kragh Hansen og Sofie Kragh Hansen" in example_text
    assert (
        "Familiekoordinator | Lene Dahl, familiekoordinator, Familiens Fremtid, "
        "tlf. 40 21 33 18, leda@furesoe.dk" in example_text
    )
    assert "Deltagere: Familien og familiekoordinatoren." in example_text
    assert "•\tGennemgang af mødedeltagerliste" in example_text
    assert "3. Mødedeltagerliste\nMette ønsker Sofies klasselærer" in example_text
    assert "6. Møde 2\nDato | Onsdag den 10. juni 2026\nTidspunkt | kl. 14.00" in example_text
    assert "Tanker om det fremtidige samarbejde med kommunen" in example_text


def test_minimal_document_has_defaults() -> None:
    data = _data()
    for key in (
        "sluttidspunkt",
        "noter_familieplan",
        "noter_netvaerksmoede",
        "noter_deltagerliste",
        "noter_rammer",
        "noter_forberedelse",
        "forberedelse",
        "moede_2",
    ):
        del data[key]
    text = docx_text(samarbejdsdok.render(validate(Moedeguide1, data)))
    assert "Tidspunkt | kl. 09.30\n" in text
    assert text.count("Der er ikke skrevet noter.") == 5
    assert (
        "Fortællingen om familiens hverdag, udfordringer og håb samt tanker for det fremtidige "
        "samarbejde med kommunen" in text.split("Familien forbereder sig til Møde 2")[1]
    )
    # No table of empty rows when Møde 2 is not agreed.
    assert "6. Møde 2\nMøde 2 er ikke aftalt endnu." in text
    assert "Ikke aftalt" not in text
    assert "None" not in text


def test_meeting_2_without_time_and_place() -> None:
    text = _text(moede_2={"dato": "2026-06-10"})
    assert (
        "6. Møde 2\nDato | Onsdag den 10. juni 2026\nTidspunkt | Ikke aftalt\nSted | Ikke aftalt"
        in text
    )


def test_end_before_start() -> None:
    p = _problem(_data(sluttidspunkt="09:00"))
    assert p.path == "sluttidspunkt"


def test_participants_required_and_unique() -> None:
    assert _problem(_data(deltagere=[])).path == "deltagere"
    p = _problem(_data(deltagere=["Mette Kragh Hansen", "mette kragh hansen"]))
    assert p.path == "deltagere.1"


def test_meeting_2_before_meeting_1() -> None:
    p = _problem(_data(moede_2={"dato": "2026-06-02"}))
    assert p.path == "moede_2.dato"
    assert "før Møde 1" in p.message


def test_meeting_2_same_day_must_follow() -> None:
    p = _problem(_data(moede_2={"dato": "2026-06-03", "tidspunkt": "10:00"}))
    assert p.path == "moede_2.tidspunkt"
    model = validate(Moedeguide1, _data(moede_2={"dato": "2026-06-03", "tidspunkt": "13:00"}))
    assert model.moede_2 is not None and model.moede_2.tidspunkt == dt.time(13, 0)
