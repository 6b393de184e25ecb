"""The bundled examples tell one story (docs/eksempelfamilie.md): one family, one municipality,
one timeline that the case file and the cadence planner agree with."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from typing import Any

import pytest

from samarbejdsdok import kadence, sag
from samarbejdsdok.forms import all_forms, get_form
from samarbejdsdok.kalender import is_working_day

# ``sag.dokumenter`` is also the deprecated name of ``sag.documents``: import the module itself
dokumenter = importlib.import_module("samarbejdsdok.sag.dokumenter")

D = dt.date

#: The forms the case file makes, and the document of the case that is each one's example.
FROM_CASE = {
    "procesplan": "procesplan.docx",
    "drejebog_tjekliste": "drejebog_tjekliste.docx",
    "flyer": "flyer.docx",
    "netvaerkskort": "netvaerkskort.docx",
    "samtykke_generel": "samtykke01-samtykke_generel.docx",
    "samtykke_statistik": "samtykke02-samtykke_statistik.docx",
    "telefonmoede": "moede01-telefonmoede.docx",
    "screeningsmoede": "moede02-screeningsmoede.docx",
    "moedeguide_1": "moede03-moedeguide_1.docx",
    "forberedelsesmoede": "moede04-forberedelsesmoede.docx",
    "netvaerksmoede_dagsorden": "moede05-netvaerksmoede_dagsorden.docx",
    "netvaerksmoede_invitation": "moede05-netvaerksmoede_invitation-karina.docx",
    "netvaerksmoede_notat": "moede05-netvaerksmoede_notat.docx",
    "familieplan": "moede05-familieplan.docx",
}

#: The story's dates (docs/eksempelfamilie.md), in the order they happen.
TIMELINE = [
    ("anbringelse", D(2026, 3, 30)),
    ("visitation", D(2026, 5, 11)),
    ("telefonmøde", D(2026, 5, 19)),
    ("statusmøde 6", D(2026, 5, 20)),
    ("screeningsmøde", D(2026, 5, 27)),
    ("samtykke", D(2026, 5, 27)),
    ("fase 1", D(2026, 6, 1)),
    ("møde 1", D(2026, 6, 3)),
    ("udflytning", D(2026, 6, 5)),
    ("forberedelsesmøde", D(2026, 6, 10)),
    ("netværksmøde 1", D(2026, 6, 17)),
    ("netværksmøde 2", D(2026, 9, 16)),
    ("ansøgning til Julemærkehjemmet", D(2026, 9, 21)),
    ("indkaldelse", D(2026, 11, 16)),
    ("kontaktperson udpeget", D(2026, 11, 23)),
    ("forbesøg", D(2026, 12, 1)),
    ("netværksmøde 3", D(2026, 12, 2)),
    ("samarbejdsaftale om Oliver (C1) underskrevet", D(2026, 12, 16)),
    ("ophold begynder", D(2027, 2, 1)),
    ("ophold slutter", D(2027, 4, 23)),
    ("udtalelse", D(2027, 4, 28)),
    ("opfølgningsdag", D(2027, 5, 21)),
    ("dialog med hjemmet", D(2027, 5, 26)),
]
NETWORK_MEETING = D(2026, 6, 17)

#: Everyone's one relation or role, as the examples write it (any case, any prefix of it).
ROLES = {
    "Mette Kragh Hansen": "mor",
    "Hanne Kragh": "mormor",
    "Brian Hansen": "far til sofie og oliver",
    "Camilla Juul": "veninde til mette",
    "Lene Dahl": "familiekoordinator",
    "Camilla Nørgaard": "pædagog",
    "Susanne Brink": "afdelingsleder",
    "Jonas Winther": "rådgiver",
    "Helle Mortensen": "familieplejekonsulent",
    "Amir Haddad": "jobkonsulent",
    "Thomas Lund": "familiebehandler",
    "Karina Bech": "klasselærer for sofie",
    "Morten Friis": "klasselærer for oliver",
    "Kasper Nørgaard": "fritidsvejleder",
    "Birgitte Holm": "tovholder",
    "Dorthe Rasmussen": "psykolog",
    "Anne Skov": "kontaktpædagog",
    "Per Aagaard": "kontaktpædagog",
    "Marianne Lyng": "tilbuddets socialrådgiver",
}
#: Where a role may also be written with the person's department or profession.
ROLE_ALSO = {
    "Lene Dahl": ("socialrådgiver",),  # her profession, on the flyer
    "Jonas Winther": ("myndighedssagsbehandler", "sagsbehandler"),
    "Mette Kragh Hansen": ("forælder",),
}
#: Kinds of participant (D3's ``rolle``), not a person's relation or role.
CATEGORIES = {"barnet", "netvaerk", "udfoerer", "sagsbehandler"}
CPR = {
    "Mette Kragh Hansen": "120585-2468",
    "Sofie Kragh Hansen": "100911-4122",
    "Oliver Kragh Hansen": "020616-4567",
}
PHONES = {
    "Lene Dahl": "40 21 33 18",
    "Jonas Winther": "72 16 50 00",
    "Helle Mortensen": "72 16 50 20",
    "Amir Haddad": "72 35 60 00",
    "Thomas Lund": "51 84 22 90",
    "Hanne Kragh": "93 10 27 44",
    "Kasper Nørgaard": "61 27 45 03",
    "Birgitte Holm": "72 16 52 10",
    "Anne Skov": "98 12 34 56",
}


def _examples() -> dict[str, dict[str, Any]]:
    return {spec.name: spec.example() for spec in all_forms() if spec.example is not None}


def _walk(value: Any, path: str = ""):
    """Every (path, dict) in ``value``."""
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            yield from _walk(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}.{i}")


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)[-8:]


@pytest.fixture(scope="module")
def case_documents() -> dict[str, Any]:
    case = sag.example()
    docs = {d.filnavn: d for d in dokumenter.documents(case)}
    return {form: dokumenter.model_for(case, docs[name]) for form, name in FROM_CASE.items()}


@pytest.mark.parametrize("form", sorted(FROM_CASE))
def test_a_form_the_case_file_makes_has_the_case_files_document_as_its_example(
    form: str, case_documents: dict[str, Any]
) -> None:
    spec = get_form(form)
    assert spec.example_model() == case_documents[form]


def test_the_timeline_is_in_order_and_on_working_days() -> None:
    days = [d for _, d in TIMELINE]
    assert days == sorted(days)
    for what, day in TIMELINE:
        assert is_working_day(day), what


def test_the_case_file_follows_the_timeline() -> None:
    case = sag.example()
    assert sag.check(case) == []
    when = dict(TIMELINE)
    assert case.forloeb.visitation_dato == when["visitation"]
    assert case.forloeb.fase1_start == when["fase 1"]
    kinds = [(str(m.type), m.dato) for m in case.moeder]
    assert kinds == [
        ("telefonmoede", when["telefonmøde"]),
        ("screeningsmoede", when["screeningsmøde"]),
        ("moede_1", when["møde 1"]),
        ("forberedelsesmoede", when["forberedelsesmøde"]),
        ("netvaerksmoede", when["netværksmøde 1"]),
        ("netvaerksmoede", when["netværksmøde 2"]),
        ("netvaerksmoede", when["netværksmøde 3"]),
    ]
    assert case.samtykker[0].underskriftsdato == when["samtykke"]
    # the next network meeting within three months of the last
    for a, b in zip(case.moeder[4:], case.moeder[5:], strict=False):
        assert b.dato <= a.dato + dt.timedelta(days=92)


def test_the_julemaerkehjem_forms_agree_with_each_other_and_the_planner() -> None:
    ex = _examples()
    when = dict(TIMELINE)
    b1, b2 = ex["julemaerkehjem_stillingtagen"], ex["julemaerkehjem_indkaldelse"]
    b3 = ex["julemaerkehjem_kontaktperson"]
    b4, b5 = ex["julemaerkehjem_udtalelse"], ex["julemaerkehjem_opfoelgning"]
    start, end = D.fromisoformat(b2["ophold_start"]), D.fromisoformat(b2["ophold_slut"])
    for form in (b4, b5):
        assert (form["ophold_start"], form["ophold_slut"]) == (
            b2["ophold_start"],
            b2["ophold_slut"],
        )
    plan = {m.navn: m.dato for m in kadence.julemaerkehjem(start, end)}
    assert D.fromisoformat(b2["forbesoeg"]) == plan["Forbesøg"] == when["forbesøg"]
    assert D.fromisoformat(b5["opfoelgningsdag"]) == plan["Opfølgningsdag"]
    assert D.fromisoformat(b5["dato"]) <= plan["Kontaktpersonens dialog med hjemmet"]
    assert D.fromisoformat(b1["ansoegningsdato"]) == when["ansøgning til Julemærkehjemmet"]
    assert D.fromisoformat(b2["dato"]) == when["indkaldelse"]
    assert D.fromisoformat(b3["dato"]) == when["kontaktperson udpeget"]
    assert D.fromisoformat(b4["dato"]) == when["udtalelse"]
    assert D.fromisoformat(b5["dato"]) == when["dialog med hjemmet"]
    assert {b2["kontaktpaedagog"]["navn"], b4["kontaktpaedagog"]["navn"]} == {"Anne Skov"}
    assert b3["kontaktperson"]["navn"] == b5["kontaktperson"]["navn"] == "Lene Dahl"
    assert b2["tovholder"]["navn"] == b3["tovholder"]["navn"] == b4["tovholder"]["navn"]
    for day in ("forbesoeg", "infodag", "ophold_start", "ophold_slut", "foraeldredag"):
        assert is_working_day(D.fromisoformat(b2[day])), day
    assert [p["navn"] for p in b1["foraeldre"]] == ["Mette Kragh Hansen", "Brian Hansen"]


def test_the_placement_forms_agree_with_the_planner() -> None:
    ex = _examples()
    d1, d2 = ex["forloebsplan"], ex["bbu_referat"]
    when = dict(TIMELINE)
    assert D.fromisoformat(d1["start"]) == D.fromisoformat(d2["anbringelsens_start"])
    assert D.fromisoformat(d1["start"]) == when["anbringelse"]
    assert D.fromisoformat(d1["udflytning"]) == when["udflytning"]
    plan = {
        m.navn: m.dato
        for m in kadence.bbu(
            D.fromisoformat(d1["start"]),
            akut=d1["akut"],
            afgoerelser=tuple(D.fromisoformat(a) for a in d1["afgoerelser"]),
            udflytning=D.fromisoformat(d1["udflytning"]),
        )
    }
    assert D.fromisoformat(d2["dato"]) == plan["Statusmøde 6"] == when["statusmøde 6"]
    assert D.fromisoformat(d2["naeste_statusmoede"]) == plan["Statusmøde 7"]


def test_the_foster_care_agreement_is_about_oliver() -> None:
    c1 = _examples()["plejefamilie_samarbejdsaftale"]
    assert c1["barn_navn"] == "Oliver Kragh Hansen"
    born = CPR["Oliver Kragh Hansen"][:6]
    assert D.fromisoformat(c1["barn_foedselsdato"]).strftime("%d%m%y") == born
    assert c1["organisation"]["kommune"] == "Furesø Kommune"
    assert c1["familieplejekonsulent"]["navn"] == "Helle Mortensen"
    assert c1["sagsbehandler"]["navn"] == "Jonas Winther"  # Oliver's caseworker
    assert c1["plejefamilie"]["navn"] == "Plejefamilien Birk"
    assert c1["institution"]["navn"] == "Opholdsstedet Lindely"
    assert c1["institution"]["kontaktperson"]["navn"] == "Per Aagaard"
    signed = [D.fromisoformat(c1[k]) for k in ("plejefamilie_dato", "institution_dato")]
    signed.append(D.fromisoformat(c1["kommune_dato"]))
    assert signed == sorted(signed)
    assert signed[-1] == dict(TIMELINE)["samarbejdsaftale om Oliver (C1) underskrevet"]
    assert all(is_working_day(d) for d in signed)
    assert max(signed) < D.fromisoformat(c1["gyldig_fra"])


def test_the_follow_ups_start_at_the_network_meeting() -> None:
    ex = _examples()
    assert D.fromisoformat(ex["opfoelgningsplan"]["start"]) == NETWORK_MEETING
    assert D.fromisoformat(ex["aarshjul"]["opfoelgning"]["start"]) == NETWORK_MEETING


def test_the_network_meeting_has_one_date_everywhere() -> None:
    ex = _examples()
    fields = {
        "drejebog_tjekliste": ex["drejebog_tjekliste"]["netvaerksmoede_dato"],
        "netvaerksmoede_dagsorden": ex["netvaerksmoede_dagsorden"]["dato"],
        "netvaerksmoede_invitation": ex["netvaerksmoede_invitation"]["dato"],
        "netvaerksmoede_notat": ex["netvaerksmoede_notat"]["dato"],
        "familieplan": ex["familieplan"]["netvaerksmoede_dato"],
        "forberedelsesmoede": ex["forberedelsesmoede"]["netvaerksmoede"]["dato"],
    }
    assert {D.fromisoformat(str(v)) for v in fields.values()} == {NETWORK_MEETING}, fields
    starts = {
        ex["netvaerksmoede_dagsorden"]["starttid"],
        ex["netvaerksmoede_invitation"]["starttid"],
        ex["netvaerksmoede_notat"]["starttid"],
        ex["drejebog_tjekliste"]["netvaerksmoede_start"],
        ex["forberedelsesmoede"]["netvaerksmoede"]["tidspunkt"],
    }
    assert starts == {"09:00"}
    # the screening meeting is weeks before, not on the morning of the network meeting
    screening = D.fromisoformat(ex["screeningsmoede"]["dato"])
    assert screening == D.fromisoformat(ex["telefonmoede"]["screeningsmoede"]["dato"])
    assert screening == D.fromisoformat(ex["procesplan"]["screeningsmoede_dato"])
    assert screening < D.fromisoformat(ex["moedeguide_1"]["dato"]) < NETWORK_MEETING


def test_every_person_has_one_role() -> None:
    """A person named with a relation, role or function in two examples has the same one."""
    seen: dict[str, set[str]] = {}
    for form, data in _examples().items():
        for path, obj in _walk(data):
            name = obj.get("navn")
            if name not in ROLES:
                continue
            for key in ("relation", "rolle", "funktion", "profession"):
                role = obj.get(key)
                if isinstance(role, str) and role not in CATEGORIES:
                    seen.setdefault(name, set()).add(f"{form}.{path}.{key}={role}")
                    wanted = (ROLES[name], *ROLE_ALSO.get(name, ()))
                    assert any(w in role.lower() for w in wanted), (form, path, name, role)
    assert len(seen) >= 12, seen


def test_names_appear_with_their_roles_in_free_text() -> None:
    """The mistakes of the old examples: Hanne Kragh as Mette's sister, Lene Dahl in
    Familiehuset, a father by another name, a school or institution outside the story."""
    text = "\n".join(s for data in _examples().values() for s in _strings(data))
    for wrong in (
        "Mettes søster",
        "Jesper Hansen",
        "Rasmus Hansen",
        "Skovlyskolen",
        "Egely",
        "Furesø Rådhus",
        "Børnehandicapteamet",
        "Hanne Lyng",
    ):
        assert wrong not in text, wrong


def test_cpr_numbers_and_phone_numbers_are_the_same_everywhere() -> None:
    for form, data in _examples().items():
        for path, obj in _walk(data):
            name = obj.get("navn")
            if name in CPR and "cpr" in obj:
                assert obj["cpr"] == CPR[name], (form, path)
            for key in ("telefon", "mobil"):
                if name in PHONES and obj.get(key):
                    assert _digits(obj[key]) == _digits(PHONES[name]), (form, path, key)


def test_the_example_story_is_documented() -> None:
    from pathlib import Path

    story = (Path(__file__).parents[1] / "docs" / "eksempelfamilie.md").read_text("utf-8")
    for name in ROLES:
        assert name in story, name
    assert "Wed 17 June, 09.00–11.15" in story
