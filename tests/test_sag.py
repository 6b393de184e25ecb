"""The case file (issue 8): one family's course produces every toolbox document, checked for
consistency and consent before anything is rendered."""

from __future__ import annotations

import copy
import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from conftest import docx_text, docx_to_pdf_text

from samarbejdsdok import sag
from samarbejdsdok.cli import main
from samarbejdsdok.errors import ConsentError, DataError
from samarbejdsdok.forms import all_forms

RAW = yaml.safe_load(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"))
TOOLBOX = {s.name for s in all_forms() if s.code.startswith("A")}


def data() -> dict:
    return copy.deepcopy(RAW)


def problems(d: dict) -> list:
    return sag.check(sag.load(d))


def only(d: dict, code: str) -> list:
    found = [p for p in problems(d) if p.code == code]
    assert found, problems(d)
    return found


def places(found: list) -> set[str]:
    """Every place the problems apply to: a problem names its first place and ``also`` the
    others where the same cause applies."""
    return {path for p in found for path in (p.path, *p.also)}


def meeting_no(key_type: str, n: int = 1) -> int:
    """The list index of the n-th meeting of a type in the example."""
    hits = [i for i, m in enumerate(RAW["moeder"]) if m["type"] == key_type]
    return hits[n - 1]


def render_text(d: dict, form: str, **kw) -> str:
    """One document's text from its model (:func:`sag.model_for`: the document's own consent
    rule, not the whole-case check that :func:`sag.render` runs first)."""
    from samarbejdsdok.rendering import render

    case = sag.load(d)
    dok = sag.find(case, form, **{k: v for k, v in kw.items() if k != "hjemmel"})
    return docx_text(render(sag.model_for(case, dok, hjemmel=kw.get("hjemmel"))))


# -- the worked example -------------------------------------------------------------------------
def test_example_is_consistent_and_covers_every_toolbox_form() -> None:
    case = sag.example()
    assert sag.check(case) == []
    forms = {d.form for d in sag.documents(case)}
    assert forms >= TOOLBOX, TOOLBOX - forms
    first, last = min(m.dato for m in case.moeder), max(m.dato for m in case.moeder)
    assert (last - first).days >= 180  # six months


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("sag")
    rc = main(
        [
            "sag",
            "render",
            str(files("samarbejdsdok").joinpath(sag.EXAMPLE)),
            "--all",
            "--out-dir",
            str(out),
        ]
    )
    assert rc == 0
    return {p.name: p for p in out.iterdir()}


def test_render_all_writes_every_document(rendered) -> None:
    expected = {d.filnavn for d in sag.documents(sag.example())}
    docs = {n for n in rendered if n.endswith(".docx")}
    assert docs == expected
    # a calendar file per network meeting with invitations
    assert {n for n in rendered if n.endswith(".ics")} == {
        "moede05-netvaerksmoede.ics",
        "moede06-netvaerksmoede.ics",
        "moede07-netvaerksmoede.ics",
    }


def text_of(rendered, name: str) -> str:
    return docx_text(rendered[name].read_bytes())


def test_documents_agree_with_the_case(rendered) -> None:
    proc = text_of(rendered, "procesplan.docx")
    assert "Familien Kragh Hansen" in proc and "27. maj 2026" in proc  # screening meeting date
    tel = text_of(rendered, "moede01-telefonmoede.docx")
    assert "27. maj 2026" in tel  # the screening meeting it booked comes from meeting 2
    guide = text_of(rendered, "moede03-moedeguide_1.docx")
    assert "10. juni 2026" in guide  # møde 2 = the preparation meeting
    prep = text_of(rendered, "moede04-forberedelsesmoede.docx")
    assert "17. juni 2026" in prep  # the network meeting after it
    note = text_of(rendered, "moede05-netvaerksmoede_notat.docx")
    assert "Morgenplan for familien afprøves i to uger" in note
    assert "Mette Kragh Hansen og Thomas Lund" in note  # keys resolved to names, a Danish list
    assert "16. september 2026" in note  # the next network meeting
    agenda = text_of(rendered, "moede05-netvaerksmoede_dagsorden.docx")
    assert "Susanne Brink" in agenda and "Kasper Nørgaard" not in agenda  # sent apologies
    consent = text_of(rendered, "samtykke01-samtykke_generel.docx")
    assert "Børne- og ungdomspsykiatrien" in consent and "120585-2468" in consent
    own = text_of(rendered, "samtykke03-samtykke_generel.docx")
    assert "Sofie Kragh Hansen" in own
    card = text_of(rendered, "netvaerkskort.docx")
    assert "Hanne Kragh" in card
    flyer = text_of(rendered, "flyer.docx")
    assert "Palholmterrasserne 1" in flyer


def test_family_plan_follows_the_network_meetings(rendered) -> None:
    first = text_of(rendered, "moede05-familieplan.docx")
    second = text_of(rendered, "moede06-familieplan.docx")
    assert "Morgenplan for familien afprøves i to uger" in first
    assert "Oliver meldes ind i Farum Håndboldklub" not in first
    assert "Oliver meldes ind i Farum Håndboldklub" in second
    # the first meeting's agreements ran out before the second meeting: followed up there
    assert "Morgenplan for familien" not in second


def test_a_new_network_note_updates_the_family_plan() -> None:
    d = data()
    i = meeting_no("netvaerksmoede", 3)
    d["moeder"][i]["status"] = "afholdt"
    d["moeder"][i]["aftaler"] = [
        {
            "indhold": "Sofie prøver et fritidsjob",
            "ansvarlige": ["sofie", "kasper"],
            "tidsfrist": "2027-01-15",
        }
    ]
    d["moeder"][i]["deltagere"].append("kasper")
    d["moeder"].append(
        {
            "type": "netvaerksmoede",
            "dato": "2027-02-10",
            "start": "09:00",
            "slut": "11:00",
            "sted": "Palholmterrasserne 1",
            "lokale": "Mødelokale 2",
            "deltagere": ["mette", "lene"],
        }
    )
    assert problems(d) == []
    plan = render_text(d, "familieplan")  # no --meeting: the current plan
    assert "Sofie prøver et fritidsjob" in plan
    assert "2. december 2026" in plan  # updated at that meeting


def test_calendar_files_carry_no_personal_data(rendered) -> None:
    case = sag.example()
    names = [m.navn for m in case.familie.medlemmer] + [p.navn for p in case.netvaerk]
    for name, path in rendered.items():
        if name.endswith(".ics"):
            text = path.read_text("utf-8")
            assert "BEGIN:VEVENT" in text
            for word in names + ["Kragh", "Hansen", "120585"]:
                assert word not in text, (name, word)


@pytest.mark.libreoffice
def test_every_case_document_opens_in_libreoffice(rendered, tmp_path) -> None:
    docs = sorted(p for n, p in rendered.items() if n.endswith(".docx"))
    texts = docx_to_pdf_text(docs, tmp_path)
    assert len(texts) == len(docs)
    for path, text in texts.items():
        assert "Furesø Kommune" in text or "Furesø" in text, path.name
        assert "{{" not in text and "{%" not in text, path.name
    squeeze = re.sub(r"\s+", " ", texts[rendered["moede06-familieplan.docx"]])
    assert "Oliver meldes ind i Farum Håndboldklub" in squeeze


# -- consistency ---------------------------------------------------------------------------------
def test_participant_not_in_the_network() -> None:
    d = data()
    d["moeder"][4]["deltagere"].append("bente")
    (p,) = only(d, "participant_not_in_network")
    assert p.path == "moeder.4.deltagere.9"
    assert "ikke i sagen" in p.message
    assert "bente" not in p.message  # the key may be a name: never echoed


def test_unknown_reference_in_an_agreement() -> None:
    d = data()
    d["moeder"][5]["aftaler"][0]["ansvarlige"].append("ukendt")
    (p,) = only(d, "unknown_reference")
    assert p.path == "moeder.5.aftaler.0.ansvarlige.3"


def test_one_document_is_made_only_from_a_case_that_passes_the_whole_check(
    tmp_path, capsys
) -> None:
    # An unknown responsible person in meeting 6's agreements, and an unknown participant of
    # meeting 5: rendering the family plan alone is refused with both problems (it printed
    # "?" and dropped the participant, with exit 0).
    d = data()
    d["moeder"][5]["aftaler"][0]["ansvarlige"].append("ukendt")
    d["moeder"][4]["deltagere"].append("bente")
    path = tmp_path / "sag.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    out = tmp_path / "fp.docx"
    args = ["sag", "render", str(path), "--form", "familieplan", "-o", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "moeder.5.aftaler.0.ansvarlige.3" in err and "moeder.4.deltagere.9" in err
    assert not out.exists()
    with pytest.raises(DataError):
        case = sag.load(d)
        sag.render(case, sag.find(case, "familieplan"))


def test_deadline_before_the_meeting_that_made_it() -> None:
    d = data()
    d["moeder"][5]["aftaler"][0]["tidsfrist"] = "2026-09-01"
    (p,) = only(d, "deadline_before_meeting")
    assert p.path == "moeder.5.aftaler.0.tidsfrist"
    assert "1. september 2026" in p.message and "16. september 2026" in p.message


def test_family_plan_period_covers_its_agreements() -> None:
    d = data()
    d["familieplan"]["gyldig_til"] = "2026-10-15"
    found = only(d, "deadline_outside_plan")
    assert {p.path for p in found} == {
        "moeder.5.aftaler.1.tidsfrist",
        "moeder.5.aftaler.2.tidsfrist",
    }
    assert "uden for familieplanens periode (17. juni 2026 – 15. oktober 2026)" in found[0].message


def test_next_network_meeting_within_three_months() -> None:
    d = data()
    d["moeder"][6]["dato"] = "2026-12-17"
    (p,) = only(d, "network_meeting_too_late")
    assert p.path == "moeder.6.dato"
    assert "senest den 16. december 2026" in p.message
    d = data()
    del d["moeder"][6]
    (p,) = only(d, "next_network_meeting_missing")
    assert p.path == "moeder.5" and "senest den 16. december 2026" in p.message
    d["forloeb"]["afsluttet"] = "2026-11-30"  # the course ends before: no next meeting needed
    assert problems(d) == []


def test_problems_name_their_line_and_count_as_people_do_through_the_cli(tmp_path, capsys) -> None:
    # The example file with a typo in meeting 3 and the coordinator's record: each problem
    # names the file's line, the place counted from 1 and the key quoted with a suggestion.
    text = files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8")
    lines = text.splitlines()
    at = next(
        i
        for i, line in enumerate(lines)
        if line.strip() == "lokale: Mødelokale 2, Familiens Fremtid"
    )
    lines.insert(at + 1, lines[at].replace("lokale: Mødelokale 2, Familiens Fremtid", "lokalle: 2"))
    path = tmp_path / "sag.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["sag", "check", str(path)]) == 1
    err = capsys.readouterr().err
    meeting = next(i for i, m in enumerate(RAW["moeder"]) if m.get("lokale"))
    assert (
        f"linje {at + 2}, møde {meeting + 1} (moeder.{meeting}.lokalle): feltet 'lokalle' "
        "findes ikke; mente du 'lokale'?" in err
    ), err


def test_meetings_on_closed_days_and_out_of_order_through_the_cli(tmp_path, capsys) -> None:
    d = data()
    second = meeting_no("netvaerksmoede", 2)
    d["moeder"][second]["dato"] = "2026-09-13"  # a Sunday
    # The municipality's own closing day (its profile, as in the case file): the first network
    # meeting's day.
    d["profil"] = {**(d.get("profil") or {}), "lukkedage": {"datoer": ["2026-06-17"]}}
    screening = meeting_no("screeningsmoede")
    first_network = meeting_no("netvaerksmoede")
    path = tmp_path / "sag.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    assert main(["sag", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"moeder.{second}.dato" in err and "(søndag 13. september 2026)" in err
    assert f"moeder.{first_network}.dato" in err and "(kommunens lukkedag 17. juni 2026)" in err
    # A network meeting before the screening meeting.
    d = data()
    d["moeder"][screening]["dato"] = "2026-06-18"
    found = [p for p in problems(d) if p.code == "meeting_out_of_order"]
    assert f"moeder.{first_network}.dato" in {p.path for p in found}
    msg = next(p.message for p in found if p.path == f"moeder.{first_network}.dato")
    assert msg.startswith("netværksmøde (17. juni 2026) ligger før screeningsmøde (18. juni 2026")


def test_the_three_month_rule_is_the_checklists() -> None:
    # The case check and the checklist (A2) use one rule: a next meeting on the date the
    # checklist prints passes, one a day later does not.
    import datetime as dt

    from samarbejdsdok.kadence import naeste_netvaerksmoede

    d = data()
    first, second = meeting_no("netvaerksmoede", 1), meeting_no("netvaerksmoede", 2)
    deadline = naeste_netvaerksmoede(dt.date.fromisoformat(str(d["moeder"][first]["dato"])))
    d["moeder"][second]["dato"] = deadline.isoformat()
    assert not [p for p in problems(d) if p.code == "network_meeting_too_late"]
    d["moeder"][second]["dato"] = (deadline + dt.timedelta(days=1)).isoformat()
    assert [p.path for p in problems(d) if p.code == "network_meeting_too_late"] == [
        f"moeder.{second}.dato"
    ]


def test_one_end_time_per_meeting_in_every_document(rendered) -> None:
    # The first network meeting is booked 09.00–11.15: the invitations, the family's agenda, a
    # professional's copy of it, the checklist and the note all say so (as `sag render --all`
    # wrote them), and the agenda's items are the same in every copy (the hidden professionals
    # still present).
    texts = {n: docx_text(p.read_bytes()) for n, p in rendered.items() if n.endswith(".docx")}
    d = rich_case()
    d["moeder"][4]["deltagere"].append("sundhed")  # meeting 5: a professional no consent covers
    texts["copy"] = render_text(d, "netvaerksmoede_dagsorden", moede=5, til="karina")
    texts["family"] = render_text(d, "netvaerksmoede_dagsorden", moede=5)
    meeting5 = [n for n in texts if n.startswith("moede05-") and "familieplan" not in n]
    meeting5 += ["drejebog_tjekliste.docx", "copy", "family"]
    for name in meeting5:
        ends = set(re.findall(r"kl\. 09\.00–(1\d\.\d\d)", texts[name]))  # not item 1
        assert ends == {"11.15"}, (name, ends)
    assert "Birgitte Holm" not in texts["copy"] and "Birgitte Holm" in texts["family"]
    items = [re.findall(r"^\d \| .*\| kl\. .*$", texts[n], re.M) for n in ("copy", "family")]
    assert items[0] == items[1] and len(items[0]) == 9
    # The young person who attends is on the family's agenda.
    assert "Børn og unge i familien" in texts["moede05-netvaerksmoede_dagsorden.docx"]
    assert "Sofie Kragh Hansen | Datter" in texts["moede05-netvaerksmoede_dagsorden.docx"]


def test_form_rules_are_reported_at_their_place_in_the_case() -> None:
    d = data()
    d["moeder"][0]["notat"]["minutter"] = "tyve"
    d["moeder"][3]["notat"]["familiens_rolle"] = "tilskuer"
    found = problems(d)
    paths = {p.path for p in found}
    assert {"moeder.0.notat.minutter", "moeder.3.notat.familiens_rolle"} <= paths
    assert all("telefonmoede" in p.message or "forberedelsesmoede" in p.message for p in found)


def test_unknown_note_field() -> None:
    d = data()
    d["moeder"][1]["notat"]["noter_interveiw"] = "x"
    (p,) = only(d, "extra_forbidden")
    assert p.path == "moeder.1.notat.noter_interveiw"


def test_duplicate_key_and_shape_errors_name_the_path() -> None:
    d = data()
    d["netvaerk"][1]["id"] = "lene"
    with pytest.raises(DataError) as info:
        sag.load(d)
    assert info.value.problems[0].path == "netvaerk.1.id"
    d = data()
    d["familie"]["medlemmer"][0]["cpr"] = "321385-2468"
    with pytest.raises(DataError) as info:
        sag.load(d)
    assert info.value.problems[0].path == "familie.medlemmer.0.cpr"
    assert "321385-XXXX" in str(info.value) or "2468" not in str(info.value)


# -- consent -------------------------------------------------------------------------------------
def test_partner_not_ticked() -> None:
    d = data()
    for s in d["samtykker"]:
        if "Jobcentret" in s.get("parter", []):
            s["parter"].remove("Jobcentret")
    found = only(d, "consent_missing")
    assert places(found) == {
        "moeder.4.deltagere.6",
        "moeder.5.afbud.0",
        "moeder.6.deltagere.6",
    }
    # One cause, one problem: the three meetings in one message.
    (p,) = found
    assert p.message == (
        "intet gyldigt samtykke dækker, at Jobcentret får familiens oplysninger på "
        "netværksmøderne 17. juni 2026 (møde 5), 16. september 2026 (møde 6) og 2. december "
        "2026 (møde 7): intet samtykke nævner Jobcentret"
    )
    assert str(p).startswith("møde 5, deltager 7 (moeder.4.deltagere.6): ")
    assert str(p).endswith(" (gælder også moeder.5.afbud.0, moeder.6.deltagere.6)")


def test_consent_withdrawn() -> None:
    d = data()
    d["samtykker"][0]["status"] = "tilbagetrukket"
    d["samtykker"][0]["status_dato"] = "2026-09-01"
    found = only(d, "consent_missing")
    assert {x.rsplit(".", 2)[0] for x in places(found)} == {"moeder.5", "moeder.6"}  # not 5
    # One withdrawn consent is one problem (it was 12 near-identical lines).
    assert len(found) == 1
    assert "samtykke 1 er tilbagetrukket den 1. september 2026" in found[0].message


def test_meeting_after_the_consent_expired() -> None:
    d = data()
    for s in d["samtykker"]:
        s["gyldig_til"] = "2026-11-30"
    found = only(d, "consent_missing")
    assert {x.rsplit(".", 2)[0] for x in places(found)} == {"moeder.6"}
    assert "gælder kun til og med den 30. november 2026" in found[0].message


def test_young_person_turning_15_needs_own_consent() -> None:
    d = data()
    del d["samtykker"][2]  # Sofie's own consent
    found = only(d, "consent_missing")
    # meeting 5 (June, Sofie 14) is covered by her mother's consent; 6 and 7 are not
    assert {x.rsplit(".", 2)[0] for x in places(found)} == {"moeder.5", "moeder.6"}
    assert "familiemedlem 2 (barn)" in found[0].message
    assert "før den unge fyldte 15 år" in found[0].message
    # a renewed consent signed after her birthday, naming her, counts: she co-signs it
    d["samtykker"].append(
        {
            **copy.deepcopy(RAW["samtykker"][0]),
            "underskriftsdato": "2026-09-11",
            "gyldig_fra": "2026-09-11",
        }
    )
    assert problems(d) == []


def test_refused_invitation_names_partner_and_consent_and_can_be_allowed(tmp_path) -> None:
    d = data()
    d["samtykker"][0]["parter"].remove("Børne- og ungdomspsykiatrien")
    d["samtykker"][2]["parter"].remove("Børne- og ungdomspsykiatrien")
    case = sag.load(d)
    dok = sag.find(case, "netvaerksmoede_invitation", moede=7, til="dorthe")
    with pytest.raises(ConsentError) as info:
        sag.render(case, dok)
    msg = str(info.value)
    assert "Børne- og ungdomspsykiatrien" in msg and "intet samtykke" in msg
    assert "Dorthe" not in msg and "Sofie" not in msg
    text = docx_text(sag.render(case, dok, hjemmel="barnets lov § 180"))
    assert "Deles uden samtykke." in text
    assert "med hjemmel i barnets lov § 180." in text
    # through the CLI: refused (exit 1, no file), then allowed with the basis
    path = tmp_path / "sag.json"
    path.write_text(json.dumps(d, default=str), "utf-8")
    out = tmp_path / "inv.docx"
    args = [
        "sag",
        "render",
        str(path),
        "--form",
        "netvaerksmoede_invitation",
        "--meeting",
        "7",
        "--til",
        "dorthe",
        "-o",
        str(out),
    ]
    assert main(args) == 1 and not out.exists()
    assert main([*args, "--allow-without-consent"]) == 2 and not out.exists()
    assert main([*args, "--allow-without-consent", "--hjemmel", "barnets lov § 180"]) == 0
    assert "med hjemmel i barnets lov § 180." in docx_text(out.read_bytes())


def test_render_all_refuses_a_case_with_problems_and_writes_nothing(tmp_path) -> None:
    d = data()
    d["samtykker"][0]["status"] = "tilbagetrukket"
    d["samtykker"][0]["status_dato"] = "2026-09-01"
    with pytest.raises(DataError) as info:
        sag.render_all(sag.load(d), tmp_path / "out")
    assert len(info.value.problems) >= 1 and len(places(info.value.problems)) > 5
    assert not (tmp_path / "out").exists()


# -- audiences -----------------------------------------------------------------------------------
def rich_case() -> dict:
    """The example with a health visitor at meeting 7 whose partner no consent names."""
    d = data()
    d["netvaerk"].append(
        {
            "id": "sundhed",
            "navn": "Birgitte Holm",
            "netvaerk": "kommunalt",
            "part": "Sundhedsplejen",
            "gruppe": "sagsbehandlere",
            "funktion": "Sundhedsplejerske, Sundhedsplejen",
            "telefon": "72 16 52 10",
        }
    )
    d["moeder"][6]["deltagere"].append("sundhed")
    return d


def test_each_audience_sees_exactly_what_it_may() -> None:
    d = rich_case()
    case = sag.load(d)
    # the family's own agenda lists everyone who comes
    family = render_text(d, "netvaerksmoede_dagsorden", moede=7)
    for name in (
        "Mette Kragh Hansen",
        "Hanne Kragh",
        "Karina Bech",
        "Birgitte Holm",
        "Dorthe Rasmussen",
    ):
        assert name in family
    # the school's invitation: the consented professionals and the family's own network, not the
    # health visitor whose partner the consent does not name
    school = render_text(d, "netvaerksmoede_invitation", moede=7, til="karina")
    for name in ("Dorthe Rasmussen", "Amir Haddad", "Hanne Kragh"):
        assert name in school
    assert "Birgitte Holm" not in school and "Sundhedsplejen" not in school
    # the same for the school's copy of the agenda
    agenda = render_text(d, "netvaerksmoede_dagsorden", moede=7, til="karina")
    assert "Birgitte Holm" not in agenda and "Dorthe Rasmussen" in agenda
    # the health visitor's own invitation is refused
    with pytest.raises(ConsentError) as info:
        sag.model_for(case, sag.find(case, "netvaerksmoede_invitation", moede=7, til="sundhed"))
    assert "Sundhedsplejen" in str(info.value)
    # and the calendar file has no names at all
    from samarbejdsdok.ics import invitation_ics

    ics = invitation_ics(
        sag.model_for(case, sag.find(case, "netvaerksmoede_invitation", moede=7, til="karina"))
    ).decode()
    for word in ("Karina", "Birgitte", "Kragh", "Dorthe", "Sofie"):
        assert word not in ics


def test_professional_copy_of_the_note_leaves_out_unconsented_round() -> None:
    d = rich_case()
    d["moeder"][5]["deltagere"].append("sundhed")  # meeting 6, held
    d["moeder"][5]["runde"].append({"person": "sundhed", "hvad_virker": "Olivers vægt er stabil."})
    family = render_text(d, "netvaerksmoede_notat", moede=6)
    assert "Olivers vægt er stabil." in family
    school = render_text(d, "netvaerksmoede_notat", moede=6, til="karina")
    assert "Olivers vægt er stabil." not in school and "Birgitte Holm" not in school
    assert "Sofie kommer til samtalerne" in school  # the psychologist's part: consented


# -- the command line ----------------------------------------------------------------------------
def test_cli_check_lists_every_problem_with_paths(tmp_path, capsys) -> None:
    d = data()
    d["moeder"][4]["deltagere"].append("bente")
    d["moeder"][6]["dato"] = "2026-12-18"
    path = tmp_path / "sag.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    assert main(["sag", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "moeder.4.deltagere.9" in err and "moeder.6.dato" in err
    assert "2 problemer i sagen" in err
    for secret in ("Mette", "Sofie", "120585", "100911", "bente"):
        assert secret not in err


def test_cli_check_and_list_on_the_example(tmp_path, capsys) -> None:
    path = tmp_path / "sag.yaml"
    assert main(["sag", "example"]) == 0
    path.write_text(capsys.readouterr().out, "utf-8")
    assert main(["sag", "check", str(path)]) == 0
    assert main(["sag", "list", str(path)]) == 0
    listed = capsys.readouterr().out.split()
    assert "moede07-netvaerksmoede_invitation-karina.docx" in listed


def test_cli_single_document_and_usage_errors(tmp_path, capsys) -> None:
    case = str(files("samarbejdsdok").joinpath(sag.EXAMPLE))
    out = tmp_path / "fp.docx"
    assert main(["sag", "render", case, "--form", "familieplan", "-o", str(out)]) == 0
    assert "Oliver meldes ind i Farum Håndboldklub" in docx_text(out.read_bytes())
    assert main(["sag", "render", case, "--form", "netvaerksmoede_dagsorden", "-o", str(out)]) == 1
    assert "(brug --meeting eller --samtykke)" in capsys.readouterr().err
    assert (
        main(
            [
                "sag",
                "render",
                case,
                "--form",
                "netvaerksmoede_invitation",
                "--meeting",
                "7",
                "-o",
                str(out),
            ]
        )
        == 1
    )
    assert "--til" in capsys.readouterr().err
    assert (
        main(
            [
                "sag",
                "render",
                case,
                "--form",
                "netvaerksmoede_notat",
                "--meeting",
                "7",
                "-o",
                str(tmp_path / "x.docx"),
            ]
        )
        == 1
    )  # a planned meeting has no note yet
    assert not (tmp_path / "x.docx").exists()
    assert main(["sag", "render", case, "--all"]) == 2


def test_yaml_and_json_read_the_same_and_errors_are_clear(tmp_path) -> None:
    j = tmp_path / "sag.json"
    j.write_text(json.dumps(RAW, default=str, ensure_ascii=False), "utf-8")
    assert sag.load(j).model_dump(mode="json") == sag.example().model_dump(mode="json")
    bad = tmp_path / "bad.yaml"
    bad.write_text("familie: [\n", "utf-8")
    from samarbejdsdok.errors import InputFormatError

    with pytest.raises(InputFormatError, match="ikke gyldig YAML"):
        sag.load(bad)


def test_schema_file_is_current_and_titled() -> None:
    from samarbejdsdok.schemas import sag_schema

    path = Path(__file__).resolve().parent.parent / "schemas" / "sag.schema.json"
    assert json.loads(path.read_text("utf-8")) == json.loads(json.dumps(sag_schema())), (
        "run: python tools/build_docs.py"
    )
    schema = sag_schema()
    toolbox = schema["$defs"]["Sag"]  # the toolbox's case; each model has its own
    assert toolbox["properties"]["familiekoordinator"]["title"] == "Familiekoordinator"
    assert (
        schema["$defs"]["Samtykke"]["properties"]["gyldig_til"]["title"]
        == "Samtykket ophører senest"
    )


def test_round_and_attendance_rules() -> None:
    d = data()
    d["moeder"][5]["runde"].append({"person": "amir", "hvad_virker": "x"})  # sent apologies
    d["moeder"][4]["afbud"].append("jonas")  # also attends
    found = problems(d)
    by_code = {p.code: p for p in found}
    assert by_code["not_a_participant"].path == "moeder.5.runde.3.person"
    assert by_code["not_a_participant"].message == "personen er ikke blandt mødets deltagere"
    assert by_code["participant_and_absent"].path == "moeder.4.afbud.1"
    assert (
        by_code["participant_and_absent"].message == "personen står både som deltager og med afbud"
    )


def test_consent_parties_are_family_members_and_children() -> None:
    d = data()
    d["samtykker"][0]["boern"].append("mette")
    d["samtykker"][1]["giver"] = "lene"
    found = {p.code: p for p in problems(d)}
    assert found["not_a_child"].path == "samtykker.0.boern.2"
    assert found["unknown_reference"].path == "samtykker.1.giver"
    assert "familiemedlemmer" in found["unknown_reference"].message
    d = data()
    d["familie"]["medlemmer"].append(
        {"id": "storebror", "navn": "Jonas Kragh", "cpr": "010107-4111", "rolle": "barn"}
    )
    d["samtykker"][0]["boern"].append("storebror")
    found = {p.code: p for p in problems(d)}
    assert found["child_of_age"].path == "samtykker.0.boern.2"
    assert "fyldt 18 år" in found["child_of_age"].message


def test_consent_not_yet_valid_and_only_requested() -> None:
    d = data()
    d["samtykker"][0]["status"] = "anmodet"
    found = only(d, "consent_missing")
    assert "samtykke 1 har status anmodet" in found[0].message
    d = data()
    d["samtykker"][0]["gyldig_fra"] = "2026-06-20"
    found = only(d, "consent_missing")
    assert {x.rsplit(".", 2)[0] for x in places(found)} == {"moeder.4"}
    assert "gælder først fra den 20. juni 2026" in found[0].message


def test_find_names_what_is_wrong() -> None:
    case = sag.example()
    cases = [
        (dict(form="netvaerksmoede_invitation", moede=7, til="hanne"), "no_such_recipient"),
        (dict(form="netvaerksmoede_invitation", moede=7, til="kasper"), "not_invited"),
        (dict(form="netvaerksmoede_notat", moede=9), "no_such_meeting"),
        (dict(form="samtykke_generel", samtykke=4), "no_such_consent"),
        (dict(form="procesplan", moede=2), "no_such_document"),
        (dict(form="bbu_referat"), "form_not_in_case"),
    ]
    for kwargs, code in cases:
        with pytest.raises(DataError) as info:
            sag.find(case, **kwargs)
        assert info.value.problems[0].code == code, kwargs
    with pytest.raises(DataError, match="der er: screeningsmoede"):
        sag.find(case, "procesplan", moede=2)


def test_a_note_may_not_override_what_the_case_fills() -> None:
    d = data()
    d["moeder"][4]["notat"]["dato"] = "2026-06-18"  # the date is the meeting's own
    d["dokumenter"]["netvaerkskort"]["familie"] = "Familien Hansen"
    found = {p.path: p for p in only(d, "filled_from_case")}
    assert set(found) == {"moeder.4.notat.dato", "dokumenter.netvaerkskort.familie"}
    assert "udfyldes fra sagen (moeder.4.dato)" in found["moeder.4.notat.dato"].message
    assert "(familie.navn)" in found["dokumenter.netvaerkskort.familie"].message


def test_schema_validates_the_example_and_knows_each_meetings_note_fields() -> None:
    """A case file can be checked by any JSON Schema tool: the notes of each meeting type list
    the fields of the forms it feeds, so a misspelt note field is caught there too."""
    import jsonschema

    from samarbejdsdok.schemas import sag_schema

    schema = sag_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(json.dumps(RAW, default=str)))
    d = data()
    d["moeder"][0]["notat"]["generele_noter"] = "x"
    d["moeder"][4]["notat"]["dato"] = "2026-06-18"  # the case fills it
    errors = validator.iter_errors(json.loads(json.dumps(d, default=str)))
    assert sorted(list(e.absolute_path) for e in errors) == [
        ["moeder", 0, "notat"],
        ["moeder", 4, "notat"],
    ]
    notes = {
        r["if"]["properties"]["type"]["const"]: r["then"]["properties"]["notat"]["properties"]
        for r in schema["$defs"]["Moede"]["allOf"]
    }
    assert notes["telefonmoede"]["generelle_noter"]["title"] == "Generelle noter"
    assert "familiens_fortaelling" in notes["netvaerksmoede"]
    assert "dato" not in notes["netvaerksmoede"]


def test_agenda_fits_the_booked_meeting() -> None:
    d = data()
    d["moeder"][5]["slut"] = "11:00"  # meeting 6 has six professionals: 130 minutes
    (p,) = only(d, "agenda_longer_than_meeting")
    assert p.path == "moeder.5.slut"
    assert "varer 130 minutter og slutter kl.\u00a011.10" in p.message
    assert "booket til kl.\u00a011.00" in p.message


def test_each_document_is_of_its_kind() -> None:
    case = sag.example()
    docs = sag.documents(case)
    kinds = {d.filnavn: type(d) for d in docs}
    assert kinds["procesplan.docx"] is sag.CaseDocument
    assert kinds["samtykke01-samtykke_generel.docx"] is sag.ConsentDocument
    assert kinds["moede06-netvaerksmoede_notat.docx"] is sag.MeetingDocument
    assert kinds["moede07-netvaerksmoede_invitation-karina.docx"] is sag.Invitation
    invitation = sag.find(case, "netvaerksmoede_invitation", moede=7, til="karina")
    assert (invitation.moede, invitation.til) == (7, "karina")
    copy_ = sag.find(case, "netvaerksmoede_notat", moede=6, til="karina")
    assert isinstance(copy_, sag.MeetingDocument) and copy_.til == "karina"
    assert copy_.filnavn == "moede06-netvaerksmoede_notat-karina.docx"
    assert sag.find(case, "samtykke_generel", samtykke=1).filnavn == (
        "samtykke01-samtykke_generel.docx"
    )


def test_the_old_names_still_work_and_say_what_replaces_them(tmp_path: Path) -> None:
    """A municipality's script written against the Danish names keeps working."""
    source = str(files("samarbejdsdok").joinpath(sag.EXAMPLE))
    with pytest.warns(DeprecationWarning, match=r"sag\.indlaes is deprecated; use .*sag\.load$"):
        case = sag.indlaes(source)
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.sag\.example$"):
        assert sag.eksempel() == case
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.sag\.check$"):
        assert sag.kontroller(case) == []
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.sag\.documents$"):
        assert sag.dokumenter(case) == sag.documents(case)
    doc = sag.find(case, "procesplan")
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.sag\.build$"):
        assert sag.byg(case, doc) == sag.build(case, doc)
    person = next(p for p in case.netvaerk if p.id == "karina")
    day = case.moeder[6].dato
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.sag\.coverage$"):
        assert sag.daekning(case, person, day) == sag.coverage(case, person, day)
    for old, new in [
        ("Dokument", "Document"),
        ("SkrevneFiler", "WrittenFiles"),
        ("EKSEMPEL", "EXAMPLE"),
    ]:
        with pytest.warns(DeprecationWarning, match=rf"use samarbejdsdok\.sag\.{new}$"):
            assert getattr(sag, old) is getattr(sag, new)
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.sag\.render_all$"):
        written = sag.render_alle(case, tmp_path)
    assert isinstance(written, sag.WrittenFiles)
    assert {p.name for p in written} >= {d.filnavn for d in sag.documents(case)}
    with pytest.raises(AttributeError):
        sag.no_such_name  # noqa: B018


def test_consent_boxes_are_the_profiles_standard_partners() -> None:
    d = data()
    d["profil"]["standardparter"] = [
        {"noegle": "raadgivning", "navn": "Familierådgivningen", "kontaktoplysninger": "Vagt"},
        {"noegle": "sundhed", "navn": "Sundhedsplejen", "kontaktoplysninger": "tlf. 2"},
        {"noegle": "job", "navn": "Jobcentret", "kontaktoplysninger": "tlf. 3"},
    ]
    text = render_text(d, "samtykke_generel", samtykke=1)
    rows = [line for line in text.splitlines() if line.startswith(("☒ |", "☐ |"))]
    # The profile's three boxes, then the municipality's own units the consent names (the
    # case's network places them in the municipality), ticked: never "outside the municipality".
    assert [r.split(" | ")[:2] for r in rows] == [
        ["☒", "Familierådgivningen"],
        ["☐", "Sundhedsplejen"],
        ["☒", "Jobcentret"],
        ["☒", "Familiehuset"],
        ["☒", "Folkeskole"],
        ["☒", "Fritidsvejledningen"],
        ["☒", "Familiens Fremtid"],
    ]
    assert rows[1] == "☐ | Sundhedsplejen | "  # not ticked: no contact printed
    outside = text.split("Part | Kontaktoplysninger")[1].split("Typen af oplysninger")[0]
    assert "Børne- og ungdomspsykiatrien" in outside
    for unit in ("Folkeskole", "Fritidsvejledningen", "Familiens Fremtid"):
        assert unit not in outside
