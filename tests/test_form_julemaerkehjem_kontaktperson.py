"""B3 Udpegelse af kontaktperson (return document)."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("julemaerkehjem_kontaktperson")
REASON = (
    "Oliver er i gang med et forløb i Familiehuset, der slutter i januar; han får mest ud af "
    "opholdet, når forløbet er afsluttet."
)


def test_registry() -> None:
    assert get_form("julemaerkehjem_kontaktperson").code == "B3"


def test_example_document() -> None:
    text = CASE.text()
    assert (
        "Tovholderen i kommunen udfylder dette returdokument og sender det til "
        "Julemærkehjemmet Kildemose via sikker mail." in text
    )
    assert "retur" not in text.replace("returdokument", "")
    assert (
        "Barnets kontaktperson | Lene Dahl, familiekoordinator, Familiens Fremtid, "
        "tlf. 40 21 33 18, leda@furesoe.dk" in text
    )
    assert "Familiemadkursus i Familiehuset | Hele familien | " in text
    assert "Kommunen ønsker opholdet udsat:      ☐ Ja      ☒ Nej" in text
    assert "Begrundelse" not in text


def test_postponement_with_its_reason() -> None:
    text = CASE.text(udsaettelse=True, udsaettelse_begrundelse=REASON)
    assert "Kommunen ønsker opholdet udsat:      ☒ Ja      ☐ Nej" in text
    assert "Begrundelse: Oliver er i gang med et forløb" in text


def test_no_postponement_no_activities() -> None:
    text = CASE.text(aktiviteter=[])
    assert "☐ Ja      ☒ Nej" in text
    assert "Begrundelse" not in text
    assert "Kommunen tilbyder ikke aktiviteter i forbindelse med forløbet." in text


def test_reason_required_with_postponement() -> None:
    p = CASE.problem(CASE.data(udsaettelse=True))
    assert p.path == "udsaettelse_begrundelse"
    assert "angiv begrundelsen" in p.message
    p = CASE.problem(CASE.data(udsaettelse_begrundelse=REASON))
    assert p.path == "udsaettelse_begrundelse"
