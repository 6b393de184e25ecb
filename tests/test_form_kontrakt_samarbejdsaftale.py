"""E5 Kontraktbaseret samarbejdsaftale: who coordinates with which outside party, and how."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.kontrakt_samarbejdsaftale import Kontaktform, Koordinerer, Parttype

CASE = FormCase("kontrakt_samarbejdsaftale")


def _one(**changes) -> list[dict]:
    """A single coordination: the example's first, changed."""
    ko = CASE.data()["koordineringer"][0]
    ko.update(changes)
    return [ko]


def test_registry_and_vocabulary() -> None:
    spec = get_form("kontrakt_samarbejdsaftale")
    assert (spec.code, spec.title) == ("E5", "Kontraktbaseret samarbejdsaftale")
    assert [t.value for t in Parttype] == [
        "skole",
        "dagtilbud",
        "PPR",
        "terapi",
        "sundhed",
        "fritid",
        "andet",
    ]
    assert [k.value for k in Koordinerer] == ["familien", "sagsbehandleren"]
    assert [k.value for k in Kontaktform] == ["sms", "telefon", "mail", "digital post", "møde"]


def test_example_document() -> None:
    text = CASE.text()
    assert "Til jer som forældre" in text
    assert "Der er mange, der arbejder med Oliver Kragh Hansen: skolen, dagtilbuddet, PPR" in text
    assert (
        "Hvis aftalen ikke længere passer til jeres hverdag, så sig det til Jonas Winther. "
        "Så laver vi den om sammen." in text
    )
    assert "Forældre | Mette Kragh Hansen og Brian Hansen" in text
    assert "Aftalens dato | 24. juni 2026" in text
    assert "Aftalen gælder | fra 1. juli 2026 til 31. december 2026" in text
    assert "Kontakt med sagsbehandleren | Sms og telefon" in text
    assert "I holder selv kontakten til: Lyngholmskolen og Farum Håndboldklub." in text
    assert "Jonas Winther holder kontakten til: PPR Furesø og Ergoterapien, Furesø Kommune." in text
    assert "Samarbejdspart | Hvem koordinerer | Kontaktform og hvor ofte | Noter" in text
    assert (
        "Lyngholmskolen\nMorten Friis, klasselærer | Familien | Sms og møde\nHver 14. dag | "
        "Mette sender en sms" in text
    )
    assert (
        "PPR Furesø\nLars Vinther, psykolog | Sagsbehandleren (Jonas Winther) | "
        "Mail og møde\nVed hver opfølgning | \n" in text
    )
    assert (
        "Ergoterapien, Furesø Kommune | Sagsbehandleren (Jonas Winther) | "
        "Telefon og digital post | Jonas søger om" in text
    )
    assert "Farum Håndboldklub (fritid) | Familien | Telefon | \n" in text
    for signer in ("Mette Kragh Hansen", "Brian Hansen", "Jonas Winther, sagsbehandler"):
        assert f"Dato | Underskrift: {signer}" in text


def test_type_shown_unless_the_name_says_it() -> None:
    text = CASE.text(koordineringer=_one(part="Børnehuset Solsikken", type="dagtilbud"))
    assert "Børnehuset Solsikken (dagtilbud)\nMorten Friis, klasselærer | Familien" in text
    text = CASE.text(koordineringer=_one(part="PPR Furesø", type="ppr"))
    assert "PPR Furesø\nMorten Friis" in text and "(PPR)" not in text


def test_keys_and_wording_accepted() -> None:
    model = CASE.spec.model.model_validate(
        CASE.data(
            koordineringer=_one(
                type="PPR", koordinerer="Sagsbehandleren", kontaktformer=["digital_post", "Møde"]
            ),
            kontakt_familie_sagsbehandler=["SMS", "moede"],
        )
    )
    ko = model.koordineringer[0]
    assert (ko.type, ko.koordinerer, ko.kontaktformer) == (
        "PPR",
        "sagsbehandleren",
        ["digital post", "møde"],
    )
    assert model.kontakt_familie_sagsbehandler == ["sms", "møde"]


def test_contact_forms_as_a_danish_list_each_once() -> None:
    text = CASE.text(
        koordineringer=_one(
            kontaktformer=["sms", "telefon", "mail", "digital_post", "moede", "sms"]
        )
    )
    assert "| Sms, telefon, mail, digital post og møde\nHver 14. dag |" in text


def test_only_the_family_coordinates() -> None:
    text = CASE.text(koordineringer=_one(koordinerer="familien"))
    assert "I holder selv kontakten til: Lyngholmskolen." in text
    assert "Jonas Winther holder kontakten" not in text
    assert "Sagsbehandleren (Jonas Winther)" not in text


def test_only_the_caseworker_coordinates() -> None:
    text = CASE.text(koordineringer=_one(koordinerer="sagsbehandleren", hvor_ofte=None))
    assert "Jonas Winther holder kontakten til: Lyngholmskolen." in text
    assert "I holder selv kontakten til" not in text
    assert "Lyngholmskolen\nMorten Friis, klasselærer | Sagsbehandleren (Jonas Winther) | " in text


def test_family_caseworker_contact_not_agreed() -> None:
    text = CASE.text(kontakt_familie_sagsbehandler=[])
    assert "Kontakt med sagsbehandleren | Ikke aftalt" in text


def test_one_signature_line_per_parent() -> None:
    text = CASE.text(foraeldre=["Mette Kragh Hansen"])
    assert text.count("Underskrift:") == 2
    assert "Underskrift: Brian Hansen" not in text


def test_at_least_one_coordination() -> None:
    problem = CASE.problem(CASE.data(koordineringer=[]))
    assert problem.path == "koordineringer"
    assert problem.code == "no_coordination"
    assert "mindst én samarbejdspart" in problem.message


def test_every_coordination_has_a_contact_form() -> None:
    data = CASE.data()
    data["koordineringer"][2]["kontaktformer"] = []
    problem = CASE.problem(data)
    assert problem.path == "koordineringer.2.kontaktformer"
    assert problem.code == "no_contact_form"
    assert "mindst én kontaktform" in problem.message


def test_unknown_choices_name_the_field() -> None:
    for field, value in (
        ("type", "kirke"),
        ("koordinerer", "skolen"),
        ("kontaktformer", ["brevdue"]),
    ):
        data = CASE.data(koordineringer=_one(**{field: value}))
        path = CASE.problem(data).path
        assert path.startswith(f"koordineringer.0.{field}"), path


def test_period_ends_after_start() -> None:
    for end in ("2026-07-01", "2026-06-30"):
        problem = CASE.problem(CASE.data(periode_til=end))
        assert problem.path == "periode_til"
        assert problem.code == "agreement_end_not_after_start"


def test_at_least_one_parent() -> None:
    assert CASE.problem(CASE.data(foraeldre=[])).path == "foraeldre"
