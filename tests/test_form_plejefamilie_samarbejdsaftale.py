"""C1 Samarbejdsaftale mellem plejefamilie og døgninstitution."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.plejefamilie_samarbejdsaftale import Element

CASE = FormCase("plejefamilie_samarbejdsaftale")


def test_registry_and_vocabulary() -> None:
    assert get_form("plejefamilie_samarbejdsaftale").code == "C1"
    assert len(Element) == 9
    assert Element.AKUT_STOETTE.value == "Akut støtte uden for kontortid"


def test_example_document() -> None:
    text = CASE.text()
    assert "Aftalen gælder | fra 1. januar 2027 til 31. december 2027" in text
    assert (
        "Akut støtte uden for kontortid: Akut telefon og vagtordning | Vagthavende pædagog | "
        "Døgnet rundt | Vagttelefon 44 55 66 00" in text
    )
    assert "14. december 2026 | \n\n____" in text
    assert "Underskrift: Opholdsstedet Lindely" in text


def test_open_ended_unsigned() -> None:
    text = CASE.text(gyldig_til=None, plejefamilie_dato=None, institution_dato=None)
    assert "Aftalen gælder | fra 1. januar 2027, indtil den opsiges" in text
    assert text.count("______________________ | ") == 2
    assert "None" not in text


def test_rules() -> None:
    assert CASE.problem(CASE.data(gyldig_til="2026-12-31")).path == "gyldig_til"
    assert CASE.problem(CASE.data(plejefamilie_dato="2028-01-01")).path == "plejefamilie_dato"
    assert CASE.problem(CASE.data(elementer=[])).path == "elementer"
    bad = CASE.data()
    bad["elementer"][0]["element"] = "Kaffe"
    assert CASE.problem(bad).path == "elementer.0.element"
