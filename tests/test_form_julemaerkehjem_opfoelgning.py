"""B5 Opfølgning efter ophold på Julemærkehjem."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("julemaerkehjem_opfoelgning")


def test_registry() -> None:
    spec = get_form("julemaerkehjem_opfoelgning")
    assert spec.code == "B5"
    assert spec.title == "Opfølgning efter ophold på Julemærkehjem"


def test_example_document() -> None:
    text = CASE.text()
    assert "Opholdet | 1. februar 2027 til 23. april 2027" in text
    assert "Opfølgningsdag | Fredag den 21. maj 2027" in text
    assert "Dato for dialogen | Onsdag den 26. maj 2027" in text
    assert (
        "Barnets kontaktperson i kommunen | Lene Dahl, familiekoordinator, Familiens Fremtid, "
        "Furesø Kommune, tlf. 40 21 33 18, leda@furesoe.dk" in text
    )
    assert "Kontakt på Julemærkehjemmet | Anne Skov, kontaktpædagog" in text
    assert "Initiativet til dialogen blev taget af kontaktpersonen." in text
    assert (
        "Opfølgningsdagen ligger 4–6 uger efter opholdet, dvs. mellem 21. maj 2027 og "
        "4. juni 2027. Har kontaktpersonen eller Julemærkehjemmet brug for det, taler de sammen "
        "i forbindelse med opfølgningsdagen. Kontakten tages senest en uge efter "
        "opfølgningsdagen, dvs. senest fredag den 28. maj 2027, og både kontaktpersonen og "
        "Julemærkehjemmet kan tage initiativet." in text
    )
    # the heading says "siden opholdet"; the rows do not repeat it
    assert "Hvordan er det gået siden opholdet?\nTrivsel | Oliver er glad for at være" in text
    assert "siden opholdet |" not in text
    assert "Kost | Familien spiser morgenmad sammen" in text
    assert "Motion | Oliver er startet til håndbold" in text
    assert (
        "Fast fritidsaktivitet to gange om ugen | Gennemført | Håndbold tirsdag og torsdag" in text
    )
    assert "Skærmen slukkes kl. 20.30 | I gang | Lykkes fire aftener om ugen" in text
    assert "Ugentlig legeaftale med en kammerat | Ikke begyndt | " in text
    assert (
        "Kontaktpersonen følger op på aftenrutinen med familien | Lene Dahl og Mette Kragh "
        "Hansen | 30. juni 2027" in text
    )
    assert "Noter\nFamilien bruger »Familiens bog«" in text
    # trivsel comes first, as in the home's statement and plan
    assert text.index("Trivsel |") < text.index("Kost |") < text.index("Motion |")


def test_initiative_by_the_home_and_keys() -> None:
    for value in ("julemaerkehjem", "Julemærkehjemmet", "julemærkehjemmet"):
        text = CASE.text(initiativ=value)
        assert "Initiativet til dialogen blev taget af Julemærkehjemmet." in text
        assert "taget af kontaktpersonen" not in text
    assert "taget af kontaktpersonen." in CASE.text(initiativ="kontaktperson")


def test_status_by_key_or_wording() -> None:
    anbefalinger = [
        {"anbefaling": "A", "status": "gennemfoert"},
        {"anbefaling": "B", "status": "i_gang"},
        {"anbefaling": "C", "status": "ikke begyndt"},
        {"anbefaling": "D", "status": "OPGIVET"},
    ]
    text = CASE.text(anbefalinger=anbefalinger)
    for line in ("A | Gennemført | ", "B | I gang | ", "C | Ikke begyndt | ", "D | Opgivet | "):
        assert line in text


def test_empty_parts_say_so() -> None:
    text = CASE.text(kost=None, motion=None, anbefalinger=[], aftaler=[], noter=None)
    assert "Kost | Ikke drøftet." in text
    assert "Motion | Ikke drøftet." in text
    assert "Der er ikke noteret status på anbefalingerne." in text
    assert "Der blev ikke indgået aftaler." in text
    assert "Der er ikke skrevet noter." in text


def test_deadline_moves_before_a_holiday() -> None:
    # Opfølgningsdag torsdag 29. april 2027; a week later is Kristi himmelfartsdag.
    stay = {
        "ophold_start": "2027-01-11",
        "ophold_slut": "2027-03-26",
        "opfoelgningsdag": "2027-04-29",
    }
    text = CASE.text(**stay, dato="2027-05-05")
    assert "dvs. mellem 23. april 2027 og 7. maj 2027" in text
    assert "dvs. senest onsdag den 5. maj 2027, og" in text
    p = CASE.problem(CASE.data(**stay, dato="2027-05-06"))
    assert (p.path, p.code) == ("dato", "dialogue_after_deadline")
    assert p.message == (
        "kontakten skal tages senest en uge efter opfølgningsdagen, dvs. senest 5. maj 2027"
    )


def test_dialogue_at_the_latest_one_week_after() -> None:
    assert "Dato for dialogen | Fredag den 28. maj 2027" in CASE.text(dato="2027-05-28")
    p = CASE.problem(CASE.data(dato="2027-05-31"))
    assert (p.path, p.code) == ("dato", "dialogue_after_deadline")
    assert p.message.endswith("dvs. senest 28. maj 2027")


def test_dialogue_after_the_stay() -> None:
    p = CASE.problem(CASE.data(dato="2027-04-22"))
    assert (p.path, p.code) == ("dato", "dialogue_before_stay_end")
    assert "(23. april 2027)" in p.message


def test_opfoelgningsdag_in_the_window() -> None:
    for day in ("2027-05-20", "2027-06-07"):
        p = CASE.problem(CASE.data(opfoelgningsdag=day, dato="2027-06-01"))
        assert (p.path, p.code) == ("opfoelgningsdag", "follow_up_outside_window")
        assert p.message == (
            "opfølgningsdagen skal ligge 4–6 uger efter opholdet, dvs. mellem 21. maj 2027 "
            "og 4. juni 2027"
        )


def test_stay_ends_after_it_starts() -> None:
    p = CASE.problem(CASE.data(ophold_slut="2027-02-01"))
    assert (p.path, p.code) == ("ophold_slut", "stay_end_not_after_start")


def test_agreement_deadline_not_before_the_dialogue() -> None:
    aftaler = [{"indhold": "Opfølgning", "ansvarlige": ["Lene Dahl"], "tidsfrist": "2027-05-25"}]
    p = CASE.problem(CASE.data(aftaler=aftaler))
    assert (p.path, p.code) == ("aftaler.0.tidsfrist", "deadline_before_meeting")
    assert "dialogen" in p.message


def test_unknown_choices() -> None:
    assert CASE.problem(CASE.data(initiativ="forældrene")).path == "initiativ"
    bad = [{"anbefaling": "A", "status": "måske"}]
    assert CASE.problem(CASE.data(anbefalinger=bad)).path == "anbefalinger.0.status"


def test_trivsel_is_required() -> None:
    assert CASE.problem(CASE.data(trivsel="  ")).path == "trivsel"
