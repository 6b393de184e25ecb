"""A10 Dialogguide og notatskema til forberedelsesmøde med familien: model, document, rules."""

from __future__ import annotations

import pytest
from conftest import FormCase, docx_text

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.forberedelsesmoede import AFSNIT, SPEC, Forberedelsesmoede
from samarbejdsdok.validation import validate

CASE = FormCase("forberedelsesmoede")
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


def test_registry_and_spec() -> None:
    spec = get_form("forberedelsesmoede")
    assert spec is SPEC and spec.code == "A10"
    assert spec.title == "Dialogguide og notatskema til forberedelsesmøde med familien"
    assert len(AFSNIT) == 5 and AFSNIT[3].titel == "Ønsker familien en bisidder"


def test_example_document(example_text: str) -> None:
    assert "Dato for forberedelsesmødet | Onsdag den 10. juni 2026" in example_text
    assert "☒ Familien er aktiv og udtaler sig selv" in example_text
    assert "☐ Familiekoordinatoren udtaler sig på familiens vegne" in example_text
    assert "Ønsker familien en bisidder | ☒ Ja      ☐ Nej" in example_text
    assert "Bisidder | Hanne Kragh, mormor" in example_text
    assert "Hvornår | Onsdag den 17. juni 2026, kl. 09.00–11.15" in example_text
    assert "Plan for pasning af børn i tilfælde af sygdom | Mormor passer Oliver" in example_text
    assert "Sofies fravær i skolen drøftes før pausen\nOlivers" in example_text


def test_coordinator_speaks() -> None:
    text = _text(familiens_rolle="koordinator")
    assert "☐ Familien er aktiv og udtaler sig selv" in text
    assert "☒ Familiekoordinatoren udtaler sig på familiens vegne\n" in text


def test_minimal_document() -> None:
    data = _data(bisidder=False)
    for key in (
        "tidspunkt",
        "sted",
        "noter_dagsorden",
        "dagsorden_aendringer",
        "familiens_rolle",
        "noter_deltagelse",
        "udtalelse",
        "bisidder_navn",
        "bisidder_rolle",
        "netvaerksmoede",
        "pasning",
        "noter_praksis",
    ):
        del data[key]
    text = docx_text(samarbejdsdok.render(validate(Forberedelsesmoede, data)))
    assert "Familien har ingen ændringer eller tilføjelser." in text
    assert "familiens vegne      (ikke afklaret)" in text
    assert "Udtalelsen er ikke udarbejdet." in text
    assert "Ønsker familien en bisidder | ☐ Ja      ☒ Nej" in text
    # Without a bisidder, no empty rows for who and the role.
    assert "Bisidder |" not in text and "Bisidderens rolle" not in text
    assert "Hvornår | Ikke aftalt" in text
    assert "None" not in text


def test_bisidder_without_role() -> None:
    text = _text(bisidder_rolle=None)
    assert "Bisidder | Hanne Kragh, mormor\nBisidderens rolle | Ikke aftalt" in text


def test_bisidder_rules() -> None:
    p = _problem(_data(bisidder_navn=None))
    assert p.path == "bisidder_navn"
    p = _problem(_data(bisidder=False, bisidder_rolle=None))
    assert p.path == "bisidder_navn"


def test_unknown_role() -> None:
    assert _problem(_data(familiens_rolle="mødeleder")).path == "familiens_rolle"


def test_network_meeting_rules() -> None:
    base = SPEC.example()["netvaerksmoede"]
    assert _problem(_data(netvaerksmoede=dict(base, dato="2026-06-09"))).path == (
        "netvaerksmoede.dato"
    )
    assert _problem(_data(netvaerksmoede=dict(base, sluttidspunkt="08:00"))).path == (
        "netvaerksmoede.sluttidspunkt"
    )
    same_day = dict(base, dato="2026-06-10", tidspunkt="13:00", sluttidspunkt="15:00")
    assert _problem(_data(netvaerksmoede=same_day)).path == "netvaerksmoede.tidspunkt"
