"""D2 Referat af møde i mødeforløbet: each of BBU's seven meeting types shows its own points."""

from __future__ import annotations

import pytest
from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("bbu_referat")

#: Per meeting type: its points (as the form's data) and the headings the document shows.
TYPES: dict[str, tuple[dict, list[str]]] = {
    "visitationsmoede": (
        {
            "anbringelsesgrundlag": "Omsorgssvigt; frivillig anbringelse drøftes med mor",
            "situation": "Oliver har ikke været i skole i tre uger",
            "stoettebehov": "Struktur i hverdagen og skolestøtte",
            "tidsperspektiv": "Cirka seks måneder",
            "vurdering": "Tilbuddet har en ledig plads og erfaring med skolefravær",
            "aftale_indgaaet": True,
            "naeste_skridt": "Samarbejdsmøde med sagsbehandler før indskrivningen",
        },
        [
            "Grundlaget for anbringelsen",
            "Barnets/den unges/familiens situation",
            "Støttebehov",
            "Tidsperspektiv",
            "Tilbuddets mulighed for at påtage sig opgaven",
            "Indsatsens næste skridt",
            "Næste statusmøde",
        ],
    ),
    "indskrivningssamtale": (
        {
            "anbringelsesgrundlag": "Frivillig anbringelse med samtykke fra mor",
            "arbejdsgrundlag": "Fokus på skolegang og faste rutiner",
            "samvaersaftaler": "Samvær hver anden weekend",
            "professionelt_netvaerk": "Kontaktpædagogen ringer til klasselæreren",
            "oekonomi": "Taxakørsel til samvær; tøjpenge udbetales månedligt",
        },
        [
            "Anbringelsesgrundlag",
            "Det fælles arbejdsgrundlag",
            "Samværsaftaler",
            "Kontakt til det øvrige professionelle netværk (skole, SFO m.m.)",
            "Økonomi (taxakørsel, tøjpenge m.m.)",
            "Næste statusmøde",
        ],
    ),
    "boernesamtale": (
        {
            "indsatsen": "Oliver kan lide pædagogerne",
            "foraeldrerelation": "Han savner sin mor om aftenen",
            "skoletrivsel": "Matematik går bedre",
            "andre_emner": "Fodboldklubben",
        },
        [
            "Indsatsen på tilbuddet",
            "Relationen til forældrene",
            "Trivslen i skolen",
            "Andre emner",
            "Næste statusmøde",
        ],
    ),
    "statusmoede": (
        CASE.data()["statusmoede"],
        [
            "Information fra barnet/den unge",
            "Information fra familien",
            "Information fra sagsbehandler",
            "Information fra tilbuddet",
            "Samværsaftale",
            "Målsætning med opholdet",
            "Aftaler: hvem har ansvar for hvad",
            "Næste statusmøde",
        ],
    ),
    "netvaerksmoede": (
        {
            "trivsel": "Oliver trives i klassen; mor sover bedre",
            "effekt": "De faste morgenrutiner virker",
        },
        [
            "Barnets/den unges og familiens trivsel",
            "Effekten af den fælles indsats og dens virkningsfulde elementer",
            "Næste statusmøde",
        ],
    ),
    "samarbejdsmoede": (
        {
            "anledning": "Forældrenes interne konflikt skal drøftes først",
            "anbringelsesgrundlag": "Frivillig anbringelse",
            "oensket_forandring": "Oliver kommer i skole hver dag",
            "samarbejdsaftaler": "Sagsbehandler og tilbud ringer sammen hver fredag",
            "information_til_familien": "Jonas Winther ringer til mor samme dag",
        },
        [
            "Anledning til at mødes uden barnet/familien",
            "Anbringelsesgrundlag",
            "Den forandring, der ønskes",
            "Samarbejdsaftaler",
            "Sådan informeres barnet/den unge/familien om mødets indhold og beslutninger",
            "Næste statusmøde",
        ],
    ),
    "udskrivningssamtale": (
        {
            "udflytning": "2026-04-20",
            "tilbageblik": "Oliver synes, det var godt at få ro",
            "oplevelse_af_samarbejdet": "Mor følte sig hørt ved statusmøderne",
            "laering": "Inddrag skolen tidligere",
            "videreanbringelse": True,
            "overdragelsesmoede": "2026-04-15",
        },
        [
            "Barnets/den unges og forældrenes tilbageblik",
            "Oplevelsen af samarbejdet og inddragelsen i indsatsen",
            "Læring til fremtidige indsatser",
            "Videreanbringelse",
        ],
    ),
}

NAMES = {
    "visitationsmoede": "visitationsmøde",
    "indskrivningssamtale": "indskrivningssamtale",
    "boernesamtale": "børnesamtale",
    "statusmoede": "statusmøde",
    "netvaerksmoede": "netværksmøde",
    "samarbejdsmoede": "samarbejdsmøde",
    "udskrivningssamtale": "udskrivningssamtale",
}


def of_type(moedetype: str, **changes) -> dict:
    """The example turned into a meeting of ``moedetype`` with that type's points."""
    data = CASE.data()
    del data["statusmoede"]
    data["moedetype"] = moedetype
    data[moedetype] = dict(TYPES[moedetype][0])
    if moedetype == "udskrivningssamtale":
        data.pop("naeste_statusmoede")
        data.pop("naeste_statusmoede_kl")
    data.update(changes)
    return data


def text_of(data: dict) -> str:
    from conftest import docx_text

    from samarbejdsdok import render
    from samarbejdsdok.validation import validate

    return docx_text(render(validate(CASE.spec.model, data)))


def test_registry() -> None:
    spec = get_form("bbu_referat")
    assert spec.code == "D2"
    assert spec.title == "Referat af møde i mødeforløbet"


def test_example_document() -> None:
    text = CASE.text()
    lines = text.splitlines()
    assert lines[0] == "Referat af statusmøde"
    assert "Mødetype | Statusmøde" in text
    assert "Dato og tidspunkt | Onsdag den 20. maj 2026, kl. 14.00–15.30" in text
    assert "Oliver Kragh Hansen | barnet" in text
    assert "Målsætningen er ændret:      ☐ Ja      ☒ Nej" in text
    assert (
        "Plan for fuldt skema aftales med skolen | Per Aagaard og Jonas Winther | "
        "3. juni 2026" in text
    )
    # On a line of its own: capitalised, with a comma before the time as in the table above.
    assert "Onsdag den 3. juni 2026, kl. 14.00" in lines
    # The cadence planner's proposal, counted from the placement's start (30 March): 14 days
    # after the meeting is Anden pinsedag, so the working day before.
    assert (
        "Aftal altid næste statusmøde – og gerne flere – inden mødet afsluttes. Statusmøder "
        "holdes mindst hver anden uge, så det næste holdes senest onsdag den 3. juni 2026."
    ) in text
    assert "Furesø Kommune · Referat af statusmøde den 20. maj 2026" in text


@pytest.mark.parametrize("moedetype", list(TYPES))
def test_each_type_shows_its_points_and_no_others(moedetype: str) -> None:
    text = text_of(of_type(moedetype))
    lines = text.splitlines()
    assert lines[0] == f"Referat af {NAMES[moedetype]}"
    assert f"Mødetype | {NAMES[moedetype].capitalize()}" in text
    own = TYPES[moedetype][1]
    for heading in own:
        assert heading in lines, (moedetype, heading)
    for value in TYPES[moedetype][0].values():
        if isinstance(value, str) and not value[:4].isdigit():
            assert value in text
    others = {h for t, (_, hs) in TYPES.items() if t != moedetype for h in hs} - set(own)
    others.discard("Aftaler: hvem har ansvar for hvad")
    for heading in others:
        assert heading not in lines, (moedetype, heading)
    assert ("Aftaler: hvem har ansvar for hvad" in lines) == (moedetype == "statusmoede")
    assert ("Aftaler" in lines) == (moedetype != "statusmoede")


def test_purpose_and_legal_basis_per_type() -> None:
    expected = {
        "visitationsmoede": (
            "vurderer tilbuddets mulighed for at påtage sig opgaven",
            "barnets lov (valg af anbringelsessted)",
        ),
        "indskrivningssamtale": (
            "formidler formålet med indsatsen",
            "barnets lov (samtale med barnet i forbindelse med en indsats)",
        ),
        "boernesamtale": (
            "mellem barnet og myndighedssagsbehandleren",
            (
                "barnets lov (samtale med barnet, så vidt muligt uden ansatte fra "
                "anbringelsesstedet til stede)"
            ),
        ),
        "statusmoede": (
            "justerer det aktuelle arbejdsgrundlag",
            (
                "barnets lov (opfølgning og inddragelse af barnet; børnefaglig "
                "undersøgelse) og forvaltningslovens § 19 (partshøring af oplysninger)"
            ),
        ),
        "netvaerksmoede": (
            "helhedsorienterede indsats",
            ("barnets lov (opfølgning og inddragelse af barnet; børnefaglig undersøgelse)"),
        ),
        "samarbejdsmoede": (
            "uden barnet eller familien",
            "barnets lov (barnets plan eller ungeplan, tidligere handleplan)",
        ),
        "udskrivningssamtale": (
            "giver rum til refleksion",
            "barnets lov (afgørelse om ophør af indsatsen)",
        ),
    }
    for moedetype, (purpose, law) in expected.items():
        text = text_of(of_type(moedetype))
        assert purpose in text, moedetype
        assert f"Lovgrundlag: {law}" in text, moedetype
        assert "serviceloven" not in text.lower() and "SEL" not in text
        for other, (other_purpose, _) in expected.items():
            if other != moedetype:
                assert other_purpose not in text, (moedetype, other)


def test_meeting_type_accepts_danish_name_and_ascii_key() -> None:
    for given in ("netværksmøde", "netvaerksmoede", "Netværksmødet"):
        data = {**of_type("netvaerksmoede"), "moedetype": given}
        assert text_of(data).splitlines()[0] == "Referat af netværksmøde"
    assert CASE.spec.model.model_validate(of_type("boernesamtale")).moedetype == "børnesamtale"


def test_unknown_meeting_type() -> None:
    assert CASE.problem(CASE.data(moedetype="overdragelsesmoede")).path == "moedetype"


# --- points per type ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moedetype", "field"),
    [
        ("visitationsmoede", "tidsperspektiv"),
        ("indskrivningssamtale", "arbejdsgrundlag"),
        ("indskrivningssamtale", "samvaersaftaler"),
        ("indskrivningssamtale", "oekonomi"),
        ("boernesamtale", "skoletrivsel"),
        ("statusmoede", "information_familie"),
        ("statusmoede", "maalsaetning_aendret"),
        ("netvaerksmoede", "effekt"),
        ("samarbejdsmoede", "information_til_familien"),
        ("udskrivningssamtale", "laering"),
        ("udskrivningssamtale", "udflytning"),
    ],
)
def test_missing_point_names_the_field(moedetype: str, field: str) -> None:
    data = of_type(moedetype)
    del data[moedetype][field]
    problem = CASE.problem(data)
    assert problem.path == f"{moedetype}.{field}"


def test_points_of_the_type_are_required() -> None:
    data = of_type("netvaerksmoede")
    del data["netvaerksmoede"]
    problem = CASE.problem(data)
    assert problem.path == "netvaerksmoede"
    assert problem.code == "meeting_points_missing"
    assert "netværksmødet" in problem.message


def test_points_of_another_type_are_refused() -> None:
    data = of_type("statusmoede", netvaerksmoede=TYPES["netvaerksmoede"][0])
    problem = CASE.problem(data)
    assert problem.path == "netvaerksmoede"
    assert problem.code == "points_of_other_meeting_type"
    assert "mødetypen er statusmøde" in problem.message


def test_optional_points_say_not_discussed() -> None:
    data = of_type("samarbejdsmoede")
    del data["samarbejdsmoede"]["anbringelsesgrundlag"]
    del data["samarbejdsmoede"]["oensket_forandring"]
    assert text_of(data).count("Ikke drøftet på mødet.") == 2
    data = of_type("boernesamtale")
    del data["boernesamtale"]["andre_emner"]
    assert "Andre emner" not in text_of(data).splitlines()


def test_visitation_without_agreement() -> None:
    points = {**TYPES["visitationsmoede"][0], "aftale_indgaaet": False, "naeste_skridt": None}
    data = of_type("visitationsmoede", visitationsmoede=points)
    data.pop("naeste_statusmoede")
    data.pop("naeste_statusmoede_kl")
    text = text_of(data)
    assert "Der er indgået en aftale:      ☐ Ja      ☒ Nej" in text
    assert "Indsatsens næste skridt" not in text
    assert "Næste statusmøde\nIkke aftalt." in text
    # No agreement, no status meetings.
    data["naeste_statusmoede"] = "2026-05-18"
    problem = CASE.problem(data)
    assert (problem.path, problem.code) == ("naeste_statusmoede", "status_without_agreement")


def test_visitation_agreement_needs_next_steps() -> None:
    data = of_type("visitationsmoede")
    data["visitationsmoede"]["naeste_skridt"] = None
    problem = CASE.problem(data)
    assert problem.path == "visitationsmoede.naeste_skridt"


def test_acute_intake_focuses_on_basics() -> None:
    points = {
        "akut": True,
        "arbejdsgrundlag": "Ro og tryghed de første dage",
        "basale_behov": "Tøj, medicin og en fast voksen om natten",
    }
    # In the first weeks status meetings are weekly: the next within a week of 11 May.
    data = of_type(
        "indskrivningssamtale",
        indskrivningssamtale=points,
        anbringelsens_start="2026-05-09",
        dato="2026-05-11",
        naeste_statusmoede="2026-05-15",
    )
    text = text_of(data)
    assert "Anbringelsens start | 9. maj 2026 (akut anbringelse)" in text
    assert "Barnets eller familiens basale behov" in text.splitlines()
    assert (
        text.count(
            "Afklares på et efterfølgende samarbejdsmøde eller statusmøde (akut anbringelse)."
        )
        == 4
    )
    assert "samtalen holdes inden for 48 timer" in text


def test_acute_intake_rules() -> None:
    points = {"akut": True, "arbejdsgrundlag": "Ro og tryghed"}
    problem = CASE.problem(
        of_type(
            "indskrivningssamtale", indskrivningssamtale=points, anbringelsens_start="2026-05-09"
        )
    )
    assert problem.path == "indskrivningssamtale.basale_behov"
    points["basale_behov"] = "Tøj og medicin"
    problem = CASE.problem(
        of_type("indskrivningssamtale", indskrivningssamtale=points, anbringelsens_start=None)
    )
    assert problem.path == "anbringelsens_start"
    problem = CASE.problem(
        of_type(
            "indskrivningssamtale",
            indskrivningssamtale=points,
            anbringelsens_start="2026-05-08",
            dato="2026-05-11",
        )
    )
    assert (problem.path, problem.code) == ("dato", "acute_intake_too_late")
    assert "senest 10. maj 2026" in problem.message
    problem = CASE.problem(
        of_type(
            "indskrivningssamtale",
            indskrivningssamtale=points,
            anbringelsens_start="2026-05-12",
            dato="2026-05-11",
        )
    )
    assert (problem.path, problem.code) == ("dato", "intake_before_placement")


def test_intake_without_acute_needs_every_point() -> None:
    data = of_type("indskrivningssamtale")
    data["indskrivningssamtale"]["professionelt_netvaerk"] = None
    problem = CASE.problem(data)
    assert problem.path == "indskrivningssamtale.professionelt_netvaerk"
    assert problem.code == "meeting_point_missing"


def test_discharge_rules_and_handover() -> None:
    text = text_of(of_type("udskrivningssamtale"))
    assert "Udflytning fra tilbuddet: mandag den 20. april 2026" in text
    assert "Overdragelsesmøde med begge tilbud: onsdag den 15. april 2026." in text
    assert "Næste statusmøde" not in text
    points = {**TYPES["udskrivningssamtale"][0], "overdragelsesmoede": None}
    assert "Det anbefales at holde et overdragelsesmøde" in text_of(
        of_type("udskrivningssamtale", udskrivningssamtale=points)
    )
    points = {**TYPES["udskrivningssamtale"][0], "videreanbringelse": False}
    problem = CASE.problem(of_type("udskrivningssamtale", udskrivningssamtale=points))
    assert problem.path == "udskrivningssamtale.overdragelsesmoede"
    points = {**TYPES["udskrivningssamtale"][0], "udflytning": "2026-05-20"}
    problem = CASE.problem(of_type("udskrivningssamtale", udskrivningssamtale=points))
    assert (problem.path, problem.code) == (
        "udskrivningssamtale.udflytning",
        "discharge_before_move_out",
    )


# --- next status meeting ------------------------------------------------------------------


@pytest.mark.parametrize(
    "moedetype",
    ["indskrivningssamtale", "boernesamtale", "statusmoede", "netvaerksmoede", "samarbejdsmoede"],
)
def test_next_status_meeting_is_required(moedetype: str) -> None:
    data = of_type(moedetype, naeste_statusmoede=None, naeste_statusmoede_kl=None)
    problem = CASE.problem(data)
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_meeting_missing")
    assert "aftal altid næste statusmøde" in problem.message


def test_no_status_meeting_after_discharge() -> None:
    problem = CASE.problem(of_type("udskrivningssamtale", naeste_statusmoede="2026-05-18"))
    assert (problem.path, problem.code) == ("naeste_statusmoede", "no_status_after_discharge")


def test_next_status_meeting_after_the_meeting() -> None:
    problem = CASE.problem(CASE.data(naeste_statusmoede="2026-05-20"))
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_not_after_meeting")


def test_next_status_meeting_within_two_weeks() -> None:
    # A meeting on Monday 11 May: two weeks on is Anden pinsedag, so the working day before.
    assert "fredag den 22. maj 2026" in CASE.text(
        dato="2026-05-11", naeste_statusmoede="2026-05-22"
    )
    problem = CASE.problem(CASE.data(dato="2026-05-11", naeste_statusmoede="2026-05-26"))
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_too_late")
    assert "mindst hver anden uge" in problem.message
    # The same date the minutes print: 25 May is Anden pinsedag, so the working day before.
    assert "senest 22. maj 2026" in problem.message


def test_next_status_time_needs_a_date() -> None:
    problem = CASE.problem(of_type("udskrivningssamtale", naeste_statusmoede_kl="10:00"))
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_time_without_date")


def test_next_status_meeting_without_time_and_proposal() -> None:
    text = CASE.text(naeste_statusmoede_kl=None, anbringelsens_start=None)
    assert "Onsdag den 3. juni 2026" in text.splitlines()
    # Without the placement's start the rule is every other week.
    assert "holdes mindst hver anden uge, så det næste holdes senest onsdag den 3. juni" in text
    assert "Anbringelsens start | ikke angivet" in text


def test_proposal_is_weekly_at_first() -> None:
    # "I begyndelsen af en indsats ... statusmøde ugentligt": in week 3 of a placement from
    # 27 April, the next status meeting is due a week after this one (Monday 18 May) ...
    text = CASE.text(
        anbringelsens_start="2026-04-27", dato="2026-05-11", naeste_statusmoede="2026-05-18"
    )
    assert (
        "Statusmøder holdes ugentligt de første fire uger, så det næste holdes senest mandag "
        "den 18. maj 2026."
    ) in text
    # ... and a date two weeks on, fine later in the placement, is refused with the same rule.
    problem = CASE.problem(
        CASE.data(
            anbringelsens_start="2026-04-27", dato="2026-05-11", naeste_statusmoede="2026-05-22"
        )
    )
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_too_late")
    assert problem.message == (
        "statusmøder holdes ugentligt de første fire uger: næste statusmøde skal ligge senest "
        "18. maj 2026"
    )


def last_status_meeting(**changes) -> dict:
    """Status meeting 7 of the case example: Wednesday 3 June 2026, Oliver moves out on Friday
    5 June, before the next status meeting would be due (17 June)."""
    data = CASE.data(
        dato="2026-06-03",
        naeste_statusmoede=None,
        naeste_statusmoede_kl=None,
        udflytning_planlagt="2026-06-05",
        aftaler=[
            {
                "indhold": "Olivers ting køres hjem",
                "ansvarlige": ["Per Aagaard"],
                "tidsfrist": "2026-06-05",
            }
        ],
    )
    data.update(changes)
    return data


def test_no_next_status_meeting_when_the_child_moves_out_first() -> None:
    model = CASE.spec.model.model_validate(last_status_meeting())
    assert model.flytter_foer_naeste_statusmoede
    assert model.foreslaaet_statusmoede is None
    lines = text_of(last_status_meeting()).splitlines()
    i = lines.index("Næste statusmøde")
    assert lines[i + 1] == (
        "Der holdes ikke flere statusmøder: Oliver Kragh Hansen flytter fra tilbuddet fredag "
        "den 5. juni 2026."
    )
    assert lines[i + 2] == "Øvrige bemærkninger"
    # The move-out on the last day for the next status meeting (17 June) is still first.
    assert CASE.spec.model.model_validate(
        last_status_meeting(udflytning_planlagt="2026-06-17")
    ).flytter_foer_naeste_statusmoede
    # A last status meeting agreed all the same is printed, and said to be the last.
    text = text_of(last_status_meeting(naeste_statusmoede="2026-06-04"))
    assert "Torsdag den 4. juni 2026" in text.splitlines()
    assert (
        "Det bliver det sidste statusmøde: Oliver Kragh Hansen flytter fra tilbuddet fredag "
        "den 5. juni 2026."
    ) in text
    assert "Der holdes ikke flere statusmøder" not in text


def test_next_status_meeting_before_the_move_out() -> None:
    problem = CASE.problem(last_status_meeting(naeste_statusmoede="2026-06-05"))
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_after_move_out")
    assert problem.message == (
        "næste statusmøde (5. juni 2026) skal ligge før den planlagte udflytning (5. juni "
        "2026); da barnet flytter, før et nyt statusmøde skal holdes, kan datoen også fjernes"
    )
    problem = CASE.problem(last_status_meeting(naeste_statusmoede="2026-06-03"))
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_not_after_meeting")


def test_move_out_after_the_next_status_meeting_is_due() -> None:
    # Moving out after 17 June, the last day for the next status meeting: the rule as always.
    data = last_status_meeting(udflytning_planlagt="2026-06-18")
    assert not CASE.spec.model.model_validate(
        {**data, "naeste_statusmoede": "2026-06-17"}
    ).flytter_foer_naeste_statusmoede
    problem = CASE.problem(data)
    assert (problem.path, problem.code) == ("naeste_statusmoede", "next_status_meeting_missing")
    assert "den planlagte udflytning (18. juni 2026) ligger efter den sidste dag for næste " in (
        problem.message
    )
    assert "statusmøde (17. juni 2026)" in problem.message


@pytest.mark.parametrize("udflytning", ["2026-06-02", "2026-06-03"])
def test_move_out_not_before_the_meeting(udflytning: str) -> None:
    problem = CASE.problem(last_status_meeting(udflytning_planlagt=udflytning))
    assert (problem.path, problem.code) == ("udflytning_planlagt", "move_out_not_after_meeting")
    assert "skal ligge efter mødet (3. juni 2026)" in problem.message


def test_planned_move_out_not_at_the_discharge_talk() -> None:
    problem = CASE.problem(of_type("udskrivningssamtale", udflytning_planlagt="2026-05-01"))
    assert (problem.path, problem.code) == ("udflytning_planlagt", "planned_move_out_at_discharge")


# --- common rules ---------------------------------------------------------------------------


def test_end_after_start() -> None:
    problem = CASE.problem(CASE.data(sluttid="13:30"))
    assert (problem.path, problem.code) == ("sluttid", "meeting_end_not_after_start")


def test_deadline_not_before_meeting() -> None:
    data = CASE.data()
    data["aftaler"][1]["tidsfrist"] = "2026-05-08"
    problem = CASE.problem(data)
    assert (problem.path, problem.code) == ("aftaler.1.tidsfrist", "deadline_before_meeting")


def test_agreement_names_who_is_responsible() -> None:
    data = CASE.data()
    data["aftaler"][0]["ansvarlige"] = []
    problem = CASE.problem(data)
    assert (problem.path, problem.code) == ("aftaler.0.ansvarlige", "agreement_without_responsible")


def test_status_meeting_needs_agreements() -> None:
    problem = CASE.problem(CASE.data(aftaler=[]))
    assert (problem.path, problem.code) == ("aftaler", "status_meeting_without_agreements")
    text = text_of(of_type("netvaerksmoede", aftaler=[]))
    assert "Der blev ikke indgået aftaler." in text


def test_at_least_two_participants() -> None:
    data = CASE.data()
    data["deltagere"] = data["deltagere"][:1]
    assert CASE.problem(data).path == "deltagere"


def test_optional_fields_say_not_given() -> None:
    text = CASE.text(sted=None, referent=None, noter=None)
    assert "Sted | ikke angivet" in text
    assert "Referent | ikke angivet" in text
    assert "Der er ikke skrevet noter." in text
