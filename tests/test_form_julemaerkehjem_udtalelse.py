"""B4 Udtalelse og handleplan."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("julemaerkehjem_udtalelse")


def test_registry() -> None:
    assert get_form("julemaerkehjem_udtalelse").code == "B4"


def test_example_document() -> None:
    text = CASE.text()
    assert "Opholdet | 1. februar 2027 til 23. april 2027" in text
    assert "Ud over kost og motion er der lagt stor vægt på barnets trivsel." in text
    assert "sendes hurtigt efter opholdet til tovholderen i kommunen, der videresender" in text
    assert "Oliver sover mindst ni timer | Skærmen slukkes kl. 20.30 | Mette" in text
    # trivsel comes before kost and motion
    assert text.index("\nTrivsel\n") < text.index("\nKost\n") < text.index("\nMotion\n")


def test_empty_kost_and_motion() -> None:
    text = CASE.text(kost=[], motion=[], anbefalinger=[], kontaktpaedagog=None)
    # an area without goals is one line, not a table with only its header row
    assert "Kost\nHandleplanen har ingen mål for kost.\nMotion\n" in text
    assert "Motion\nHandleplanen har ingen mål for motion.\n" in text
    assert text.count("Mål | Handling | Hvem") == 1
    assert "Kontaktpædagog | Ikke oplyst\n" in text
    assert "Ingen anbefalinger." in text
    assert "None" not in text


def test_rules() -> None:
    assert CASE.problem(CASE.data(ophold_slut="2027-02-01")).path == "ophold_slut"
    assert CASE.problem(CASE.data(dato="2027-04-22")).path == "dato"
    assert CASE.problem(CASE.data(trivsel=[])).path == "trivsel"
