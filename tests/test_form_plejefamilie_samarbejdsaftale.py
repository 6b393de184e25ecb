"""C1 Samarbejdsaftale mellem plejefamilie og døgninstitution: an agreement between the
municipality, the foster family and the institution about a named child, with every support
element the source text lists (../shared/seeds/001_e977c35c543dfa8d.txt)."""

from __future__ import annotations

import pytest
from conftest import FormCase

from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.plejefamilie_samarbejdsaftale import (
    Element,
    PlejefamilieSamarbejdsaftale,
)

CASE = FormCase("plejefamilie_samarbejdsaftale")
LINE = "______________________"


def test_registry_and_vocabulary() -> None:
    assert get_form("plejefamilie_samarbejdsaftale").code == "C1"
    # the nine elements of the source, in its order and its words
    assert [e.value for e in Element] == [
        "Fast kontaktperson",  # »fx være ved en fast kontaktperson, supervision, undervisning«
        "Supervision",
        "Undervisning",
        "Akut støtte, også uden for normale åbningstider",  # »akut telefon, et beredskab«
        "Regelmæssige møder, koordination og sparring med familieplejekonsulent og "
        "myndighedssagsbehandler",
        "Individuel eller gruppebaseret vejledning",  # »om fx samvær og samarbejde med ...«
        "Undervisning og kompetenceudvikling til plejeforældre",
        "Netværksgrupper til plejefamilier",
        "Fleksibel aflastning",  # »fx fritidstilbud, weekendophold og ferieture«
    ]


def test_the_example_uses_every_element() -> None:
    used = [e["element"] for e in CASE.data()["elementer"]]
    assert used == [e.value for e in Element]


def test_the_three_parties_and_the_child() -> None:
    text = CASE.text()
    assert (
        "Aftalen er indgået mellem Furesø Kommune, Plejefamilien Birk og Opholdsstedet Lindely "
        "om samarbejdet omkring Oliver Kragh Hansen." in text
    )
    assert "Barnets navn | Oliver Kragh Hansen, født 2. juni 2016" in text
    assert "Aftalen gælder | fra 1. januar 2027 til 31. december 2027" in text
    assert "Kommunen | Furesø Kommune, Familierådgivningen" in text
    assert (
        "Familieplejekonsulent | Helle Mortensen, familieplejekonsulent, Familierådgivningen, "
        "tlf. 72 16 50 20, hemo@furesoe.dk" in text
    )
    assert (
        "Barnets sagsbehandler | Jonas Winther, rådgiver, Familierådgivningen, tlf. 72 16 50 00, "
        "jowi@furesoe.dk" in text
    )
    assert (
        "Plejefamilie | Plejefamilien Birk, Karen og Ole Birk, tlf. 22 33 44 55, birk@example.dk"
        "\nKirkevej 4, 3520 Farum" in text
    )
    assert "Døgninstitution/opholdssted | Opholdsstedet Lindely, Lindelyvej 8, 3500 Værløse" in text
    assert "Kontaktperson | Per Aagaard, kontaktpædagog, tlf. 44 55 66 77" in text
    assert (
        "Furesø Kommune · Samarbejdsaftale om Oliver Kragh Hansen · Plejefamilien Birk og "
        "Opholdsstedet Lindely" in text
    )


def test_the_child_without_a_birth_date() -> None:
    text = CASE.text(barn_foedselsdato=None)
    assert "Barnets navn | Oliver Kragh Hansen\n" in text
    assert "født" not in text


def test_every_element_renders() -> None:
    items = [
        {"element": e.name.lower(), "hvem": f"hvem {i}", "hvor_ofte": "x", "kontaktvej": "y"}
        for i, e in enumerate(Element)
    ]
    text = CASE.text(elementer=items)
    for i, e in enumerate(Element):
        assert f"{e.value} | hvem {i} | x | y" in text, e


def test_an_element_with_what_it_holds() -> None:
    text = CASE.text()
    assert (
        "Akut støtte, også uden for normale åbningstider\nAkut telefon og beredskab | "
        "Vagthavende pædagog på Lindely | Hele døgnet, alle ugens dage | "
        "Akut telefon 44 55 66 00" in text
    )
    assert "Netværksgrupper til plejefamilier\nErfaringer med rollen" in text


def test_all_three_parties_sign_with_a_date() -> None:
    text = CASE.text()
    assert "Vi er enige om aftalen." in text
    signed = [
        ("16. december 2026", "Furesø Kommune, Familierådgivningen"),
        ("14. december 2026", "Plejefamilien Birk"),
        ("15. december 2026", "Opholdsstedet Lindely"),
    ]
    at = [text.index(f"{date} | \n\n____") for date, _ in signed]
    assert at == sorted(at)  # in the order of the parties
    for date, party in signed:
        block = text[text.index(f"{date} | ") :]
        assert block.split("\n")[3] == f"Dato | Underskrift: {party}", party


def test_open_ended_unsigned() -> None:
    text = CASE.text(
        gyldig_til=None, kommune_dato=None, plejefamilie_dato=None, institution_dato=None
    )
    assert "Aftalen gælder | fra 1. januar 2027, indtil den opsiges" in text
    assert text.count(f"{LINE} | ") == 3
    assert "None" not in text


def test_rules() -> None:
    assert CASE.problem(CASE.data(gyldig_til="2026-12-31")).path == "gyldig_til"
    assert CASE.problem(CASE.data(elementer=[])).path == "elementer"
    bad = CASE.data()
    bad["elementer"][0]["element"] = "Kaffe"
    assert CASE.problem(bad).path == "elementer.0.element"
    for party in ("kommune_dato", "plejefamilie_dato", "institution_dato"):
        assert CASE.problem(CASE.data(**{party: "2028-01-01"})).path == party
    born = CASE.problem(CASE.data(barn_foedselsdato="2027-01-01"))
    assert born.path == "barn_foedselsdato"
    assert "barnet skal være født, før aftalen begynder (1. januar 2027)" in str(born)


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (
            {"kommune_dato": "2028-01-03"},
            "kommune_dato",
            "kommunen har skrevet under efter, at aftalen er udløbet (31. december 2027)",
        ),
        (
            {"institution_dato": "2028-01-03"},
            "institution_dato",
            "institutionen har skrevet under efter, at aftalen er udløbet",
        ),
        (
            {"gyldig_til": "2026-06-30"},
            "gyldig_til",
            "aftalen skal slutte efter, den begynder (1. januar 2027)",
        ),
        ({"barn_navn": ""}, "barn_navn", "Barnets navn"),
    ],
)
def test_rule_failures_through_the_model(change: dict, path: str, words: str) -> None:
    with pytest.raises(DataError) as info:
        PlejefamilieSamarbejdsaftale.model_validate(CASE.data(**change))
    [problem] = info.value.problems
    assert problem.path == path
    assert words in str(problem)


def test_the_municipality_is_a_required_party() -> None:
    for party in ("organisation", "familieplejekonsulent", "sagsbehandler", "barn_navn"):
        data = CASE.data()
        del data[party]
        assert CASE.problem(data).path == party


def test_an_element_by_its_key() -> None:
    data = CASE.data()
    data["elementer"][0]["element"] = "akut_stoette"
    model = PlejefamilieSamarbejdsaftale.model_validate(data)
    assert model.elementer[0].element == Element.AKUT_STOETTE.value
