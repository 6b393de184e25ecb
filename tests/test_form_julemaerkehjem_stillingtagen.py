"""B1 Ansøgning: forældrenes stillingtagen til samarbejde med kommunen."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("julemaerkehjem_stillingtagen")


def test_registry() -> None:
    spec = get_form("julemaerkehjem_stillingtagen")
    assert spec.code == "B1"


def test_example_document() -> None:
    text = CASE.text()
    assert "Vi accepterer samarbejde med kommunen:      ☒ Ja      ☐ Nej" in text
    assert "Forældre | Mette Kragh Hansen og Brian Hansen" in text
    assert "Mette Kragh Hansen | 21. september 2026 | " in text
    assert "følger op på familier" not in text


def test_no_prints_the_follow_up() -> None:
    text = CASE.text(accepterer_samarbejde=False, bemaerkning=None)
    assert "☐ Ja      ☒ Nej" in text
    assert (
        "Forældrene har svaret nej. Julemærkehjemmet Kildemose følger op på familier, der ikke "
        "ønsker samarbejdet, og taler med familien om, at samarbejdet er en hjælp." in text
    )
    assert "Ingen bemærkninger." in text


def test_unsigned_parent_gets_a_blank_date() -> None:
    text = CASE.text(foraeldre=[{"navn": "Mette Kragh Hansen"}])
    assert "Mette Kragh Hansen | \n\n________________ | " in text
    assert "None" not in text


def test_rules() -> None:
    assert CASE.problem(CASE.data(foraeldre=[])).path == "foraeldre"
    p = CASE.problem(CASE.data(foraeldre=[{"navn": "Mette Kragh Hansen", "dato": "2026-09-20"}]))
    assert p.path == "foraeldre.0.dato"
    assert "før ansøgningsdatoen" in p.message
