"""B1 Ansøgning: forældrenes stillingtagen til samarbejde med kommunen."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FormCase, docx_text

from samarbejdsdok import profil, render
from samarbejdsdok.forms import get_form
from samarbejdsdok.validation import validate

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


# --- what is shared, the GDPR's article 13 and withdrawal -----------------------------------

#: What the statement says, with the bundled example profile's data.
ARTICLE_13 = [
    "Sådan behandler kommunen jeres oplysninger",
    "efter databeskyttelsesforordningens artikel 13",
    # the data controller and its contact details
    "Dataansvarlig: Furesø Kommune, Stiager 2, 3500 Værløse, tlf. 72 16 50 00, "
    "e-mail furesoe@furesoe.dk. Kommunen er dataansvarlig for de oplysninger, den modtager",
    # the data protection officer
    "Databeskyttelsesrådgiver: Kommunens databeskyttelsesrådgiver, "
    "e-mail databeskyttelse@furesoe.dk, tlf. 72 16 50 50.",
    # purpose and legal basis, sensitive data included
    "Samarbejdet skal give barnet det størst mulige udbytte af opholdet",
    "Retsgrundlaget er jeres samtykke, jf. databeskyttelsesforordningens artikel 6, stk. 1, "
    "litra a, og for oplysninger om barnets helbred, fx kost, motion og trivsel, "
    "databeskyttelsesforordningens artikel 9, stk. 2, litra a.",
    # recipients
    "Modtagere: Oplysningerne udveksles kun mellem Julemærkehjemmet Kildemose og kommunens "
    "tovholder og barnets kontaktperson i Furesø Kommune.",
    # retention
    "Opbevaring: Oplysningerne opbevares, så længe sagen er åben, og slettes eller arkiveres "
    "derefter efter arkivlovens regler.",
    # the rights
    "I har ret til at få indsigt i de oplysninger, der behandles om jer og barnet, og til at få "
    "forkerte oplysninger rettet. I kan også bede om at få oplysninger slettet eller om, at "
    "behandlingen begrænses, og I kan gøre indsigelse mod behandlingen.",
    # withdrawal: at any time, whom to tell, lawful before
    "I kan til enhver tid trække jeres accept af samarbejdet tilbage, jf. "
    "databeskyttelsesforordningens artikel 7, stk. 3. Giv besked til Julemærkehjemmet Kildemose "
    "eller til Furesø Kommune på tlf. 72 16 50 00 eller e-mail furesoe@furesoe.dk.",
    "Det ændrer ikke ved, at den deling, der skete før, var lovlig.",
    # the complaint
    "Klage: I kan klage over behandlingen af oplysningerne til Datatilsynet, Carl Jacobsens "
    "Vej 35, 2500 Valby, dt@datatilsynet.dk, www.datatilsynet.dk.",
]


def test_the_statement_gives_the_article_13_information() -> None:
    text = CASE.text()
    missing = [item for item in ARTICLE_13 if item not in text]
    assert not missing
    assert "Status" not in text


def test_the_statement_says_what_is_shared_with_the_municipality() -> None:
    text = CASE.text()
    assert "Hvad deles med kommunen" in text
    assert (
        "Siger I ja, sender Julemærkehjemmet Kildemose kommunens tovholder besked om, at Oliver "
        "Kragh Hansen er indkaldt, hvem der er barnets kontaktpædagog på hjemmet" in text
    )
    assert "Efter opholdet får kommunen hjemmets udtalelse om barnet og den handleplan" in text
    assert "Siger I nej, deler hjemmet ingen oplysninger med kommunen." in text


def test_the_profile_fills_the_statement() -> None:
    without_controller = CASE.data()
    del without_controller["dataansvarlig"]
    problem = CASE.problem(without_controller)
    assert problem.path == "dataansvarlig" and "hvem der er dataansvarlig" in problem.message
    data = CASE.data()
    for key in ("dataansvarlig", "databeskyttelsesraadgiver", "opbevaring"):
        del data[key]
    profile = {**profil.example(), "opbevaring": "Slettes efter fem år."}
    model = validate(CASE.spec.model, profil.apply(CASE.spec.model, data, profile))
    text = docx_text(render(model))
    assert "Opbevaring: Slettes efter fem år." in text
    assert "Dataansvarlig: Furesø Kommune, Stiager 2" in text


def test_without_the_profiles_data_no_statement_is_made(tmp_path) -> None:
    data = CASE.data()
    del data["opbevaring"]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "out.docx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "samarbejdsdok",
            "render",
            CASE.spec.name,
            str(path),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "opbevaring (Opbevaring af oplysningerne): skal udfyldes" in result.stderr
    assert "hvor længe oplysningerne opbevares" in result.stderr
    assert not out.exists()
