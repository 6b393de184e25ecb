"""B3 Udpegelse af kontaktperson (return document)."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("julemaerkehjem_kontaktperson")


def test_registry() -> None:
    assert get_form("julemaerkehjem_kontaktperson").code == "B3"


def test_example_document() -> None:
    text = CASE.text()
    assert "sendes retur til Julemærkehjemmet via sikker mail." in text
    assert (
        "Barnets kontaktperson | Lene Dahl, familiekoordinator, Familiens Fremtid, "
        "tlf. 40 21 33 18, leda@furesoe.dk" in text
    )
    assert "Familiemadkursus i Familiehuset | Hele familien | " in text
    assert "Kommunen ønsker opholdet udsat:      ☒ Ja      ☐ Nej" in text
    assert "Begrundelse: Oliver er i gang med et forløb" in text


def test_no_postponement_no_activities() -> None:
    text = CASE.text(udsaettelse=False, udsaettelse_begrundelse=None, aktiviteter=[])
    assert "☐ Ja      ☒ Nej" in text
    assert "Begrundelse" not in text
    assert "Kommunen tilbyder ikke aktiviteter i forbindelse med forløbet." in text


def test_reason_required_with_postponement() -> None:
    p = CASE.problem(CASE.data(udsaettelse_begrundelse=None))
    assert p.path == "udsaettelse_begrundelse"
    assert "angiv begrundelsen" in p.message
    p = CASE.problem(CASE.data(udsaettelse=False))
    assert p.path == "udsaettelse_begrundelse"
