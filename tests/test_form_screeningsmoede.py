"""A6 Dialogguide og notatskema til screeningsmøde: the model, its computed clock times, the
rendered document and the validation rules, all through the public interface."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import FormCase, docx_text, docx_to_pdf_text, docx_xml

import samarbejdsdok
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.screeningsmoede import AFSNIT, SPEC, Screeningsmoede
from samarbejdsdok.validation import validate

CASE = FormCase("screeningsmoede")
_data = CASE.data
_problem = CASE.problem
_text = CASE.text


@pytest.fixture(scope="module")
def example_text() -> str:
    return docx_text(samarbejdsdok.render(SPEC.example_model()))


# --- the model --------------------------------------------------------------------------------


def test_registry_and_spec() -> None:
    spec = get_form("screeningsmoede")
    assert spec is SPEC
    assert spec.code == "A6"
    assert spec.title == "Dialogguide til screeningsmøde med ny familie"
    assert spec.model is Screeningsmoede and Screeningsmoede.form_name == "screeningsmoede"
    assert samarbejdsdok.Screeningsmoede is Screeningsmoede


def test_the_four_sections_are_fixed_by_the_source() -> None:
    assert [(a.titel, a.minutter) for a in AFSNIT] == [
        ("Repetition af info fra telefonmødet", 5),
        ("Indsigt i familiens ressourcer og belastninger – interview med familien", 25),
        ("Sammenkædning af familiens behov og den helhedsorienterede indsats", 10),
        ("Formalia og præmisser for at familien kan være med i den helhedsorienterede indsats", 15),
    ]


def test_example_validates_and_computes_the_clock_times() -> None:
    model = validate(Screeningsmoede, SPEC.example())
    assert model.dato == dt.date(2026, 5, 27)
    assert model.tidspunkt == dt.time(10, 0)
    assert [(a.nr, a.minutter, a.start, a.slut) for a in model.afsnit] == [
        (1, 5, dt.time(10, 0), dt.time(10, 5)),
        (2, 25, dt.time(10, 5), dt.time(10, 30)),
        (3, 10, dt.time(10, 30), dt.time(10, 40)),
        (4, 15, dt.time(10, 40), dt.time(10, 55)),
    ]
    assert model.varighed == 55
    assert model.sluttidspunkt == dt.time(10, 55)
    assert model.journalnotat is True


def test_computed_fields_are_in_the_template_context() -> None:
    context = SPEC.example_model().to_context()
    assert context["afsnit"][3]["start"] == dt.time(10, 40)
    assert context["afsnit"][1]["notat_titel"] == "Interview med familien"
    assert context["sluttidspunkt"] == dt.time(10, 55)
    assert context["journalnotat"] is True


def test_journal_note_only_when_the_family_joins() -> None:
    for deltager, expected in ((True, True), (False, False), (None, False)):
        model = validate(Screeningsmoede, _data(deltager=deltager))
        assert model.journalnotat is expected


def test_seconds_are_dropped_from_the_start_time() -> None:
    model = validate(Screeningsmoede, _data(tidspunkt="10:00:30"))
    assert model.tidspunkt == dt.time(10, 0)
    assert model.afsnit[0].slut == dt.time(10, 5)


# --- the document -----------------------------------------------------------------------------


def test_example_values_are_in_the_document(example_text: str) -> None:
    text = example_text
    for expected in (
        "Dialogguide til screeningsmøde med ny familie",
        "Furesø Kommune · Familiens Fremtid · Familierådgivningen",
        "Familiens navn | Familien Kragh Hansen",
        "Mødedato | Onsdag den 27. maj 2026",
        "Mødetidspunkt | kl. 10.00–10.55 (55 minutter)",
        "Sted | Familiens Fremtid, mødelokale 2, Palholmterrasserne 1, 3520 Farum",
        (
            "Interviewer | Lene Dahl, familiekoordinator, Familiens Fremtid, tlf. 40 21 33 18, "
            "leda@furesoe.dk"
        ),
        "Referent | Jonas Winther, rådgiver, Familierådgivningen, tlf. 72 16 50 00",
        "Lene Dahl interviewer familien, mens Jonas Winther opsummerer familiens behov",
        "Sofies fravær i skolen",
        "Mettes ønske om at komme i arbejde",
        "Overblik over familiens møder med kommunen",
        "En fritidsaktivitet til Oliver",
        (
            "Begrundelse: Familien har sager i både Familierådgivningen og Jobcentret og ønsker ét "
            "samlet overblik."
        ),
        "Dato | Onsdag den 3. juni 2026",
        "Tidspunkt | kl. 09.30",
        "Sted | Hjemme hos familien, Stavnsholtvej 12, 3520 Farum",
        "Furesø Kommune · Screeningsmøde · Familien Kragh Hansen",
    ):
        assert expected in text, expected


def test_notes_keep_their_line_breaks(example_text: str) -> None:
    assert (
        "mister overblikket.\nSofie har meget fravær i skolen; Oliver savner en fritidsaktivitet."
        "\nMette vil gerne i arbejde" in example_text
    )
    assert "én plan, som hele familien kan se sig selv i.\nNetværksmøderne" in example_text
    assert "underskrevet.\nMette vil arbejde med en virksomhedspraktik" in example_text


def test_guide_boxes_print_minutes_and_clock_times(example_text: str) -> None:
    lines = example_text.splitlines()
    for expected in (
        "1. Repetition af info fra telefonmødet (5 min., kl. 10.00–10.05)",
        (
            "2. Indsigt i familiens ressourcer og belastninger – interview med familien "
            "(25 min., kl. 10.05–10.30)"
        ),
        (
            "3. Sammenkædning af familiens behov og den helhedsorienterede indsats "
            "(10 min., kl. 10.30–10.40)"
        ),
        (
            "4. Formalia og præmisser for at familien kan være med i den helhedsorienterede "
            "indsats (15 min., kl. 10.40–10.55)"
        ),
        "Interview med familien (25 min., kl. 10.05–10.30)",
        "Sammenkædning af familiens behov og kommunens tilbud (10 min., kl. 10.30–10.40)",
        "Formalia og næste møde (15 min., kl. 10.40–10.55)",
    ):
        assert expected in lines, expected
    # The boxes carry the source's points.
    assert "•\tHvorfor er I udvalgt?" in lines
    assert (
        "•\tFamilien skal kunne acceptere mødeformen, som er netværksmøder (2–3 møder i alt)"
        in (lines)
    )
    assert "2-3" not in example_text


def test_clock_times_follow_another_start() -> None:
    text = _text(tidspunkt="13:40", naeste_moede=None)
    assert "Mødetidspunkt | kl. 13.40–14.35 (55 minutter)" in text
    assert "1. Repetition af info fra telefonmødet (5 min., kl. 13.40–13.45)" in text
    assert "Interview med familien (25 min., kl. 13.45–14.10)" in text
    assert "Sammenkædning af familiens behov og kommunens tilbud (10 min., kl. 14.10–14.20)" in text
    assert "Formalia og næste møde (15 min., kl. 14.20–14.35)" in text
    assert "10.00" not in text


def test_no_placeholders_or_python_values_remain(example_text: str) -> None:
    for leftover in ("{{", "}}", "{%", "%}"):
        assert leftover not in example_text
    for word in ("None", "True", "False"):
        assert not re.search(rf"\b{word}\b", example_text), word


def test_check_boxes(example_text: str) -> None:
    lines = example_text.splitlines()
    match = lines.index(
        "Kan familiens ønsker og behov matches med tilbuddet fra Familiens Fremtid?"
    )
    assert lines[match + 1] == "☒ Ja      ☐ Nej"
    joins = lines.index("Ønsker familien at være med i den helhedsorienterede indsats?")
    assert lines[joins + 1] == "☒ Ja      ☐ Nej"
    assert "Hjemmebesøg | ☒ Ja      ☐ Nej" in lines
    assert "Behov for tolk | ☐ Ja      ☒ Nej" in lines


def test_family_that_declines_gets_no_journal_note() -> None:
    text = _text(deltager=False, oensker_matcher_tilbud=False, hjemmebesoeg=False)
    lines = text.splitlines()
    joins = lines.index("Ønsker familien at være med i den helhedsorienterede indsats?")
    assert lines[joins + 1] == "☐ Ja      ☒ Nej"
    assert "Hjemmebesøg | ☐ Ja      ☒ Nej" in lines
    assert (
        "Familien Kragh Hansen ønsker ikke at være med i Familiens Fremtid. Noterne renskrives "
        "ikke i et journalnotat." in lines
    )
    assert "renskrives derfor i et journalnotat" not in text


def test_undecided_family_and_unanswered_match() -> None:
    text = _text(deltager=None, oensker_matcher_tilbud=None, match_begrundelse=None)
    lines = text.splitlines()
    joins = lines.index("Ønsker familien at være med i den helhedsorienterede indsats?")
    assert lines[joins + 1] == "☐ Ja      ☐ Nej      (ikke afklaret)"
    match = lines.index(
        "Kan familiens ønsker og behov matches med tilbuddet fra Familiens Fremtid?"
    )
    assert lines[match + 1] == "☐ Ja      ☐ Nej      (ikke afklaret)"
    assert "Begrundelse" not in text
    assert (
        "Familien Kragh Hansen har endnu ikke besluttet, om den vil være med. Noterne renskrives "
        "først i et journalnotat, hvis familien siger ja." in lines
    )


def test_the_journal_note_rule_is_always_stated(example_text: str) -> None:
    rule = (
        "Noterne renskrives kun i et journalnotat, hvis familien ønsker at være med i den "
        "helhedsorienterede indsats."
    )
    assert rule in example_text
    assert rule in _text(deltager=False)
    assert (
        "Familien Kragh Hansen ønsker at være med i Familiens Fremtid. Noterne renskrives derfor "
        "i et journalnotat." in example_text
    )


def test_interpreter_with_language_is_printed() -> None:
    text = _text(tolk=True, tolk_sprog="arabisk")
    assert "Behov for tolk | ☒ Ja – sprog: arabisk      ☐ Nej" in text.splitlines()


def test_minimal_data_prints_no_gaps() -> None:
    data = {
        k: v
        for k, v in SPEC.example().items()
        if k in ("organisation", "familie_navn", "dato", "tidspunkt", "sted")
    }
    data["interviewer"] = {"navn": "Lene Dahl"}
    data["referent"] = {"navn": "Jonas Winther"}
    text = docx_text(samarbejdsdok.render(validate(Screeningsmoede, data)))
    lines = text.splitlines()
    assert "Interviewer | Lene Dahl" in lines
    assert "Dato | Ikke aftalt" in lines
    assert "Der er ikke noteret fokuspunkter." in lines
    assert lines.count("Der er ikke skrevet noter.") == 3
    assert "Behov for tolk | ☐ Ja      ☒ Nej" in lines
    assert "{{" not in text and "{%" not in text
    assert not re.search(r"\b(None|True|False)\b", text)


def test_document_is_danish_and_uses_heading_styles() -> None:
    data = samarbejdsdok.render(SPEC.example_model())
    styles = docx_xml(data, "word/styles.xml")
    assert 'w:val="da-DK"' in styles
    body = docx_xml(data)
    # The title is the level-1 heading (its style has outline level 0); the parts are level 2
    # and their sections level 3.
    assert 'w:pStyle w:val="Title"' in body
    assert (
        '<w:outlineLvl w:val="0"/>' in styles.split('w:styleId="Title"')[1].split("</w:style>")[0]
    )
    assert 'w:pStyle w:val="Heading2"' in body and 'w:pStyle w:val="Heading3"' in body
    assert 'w:pStyle w:val="Heading1"' not in body
    assert "<w:br/>" in body  # the notes' line breaks are real breaks


def test_shipped_template_is_built_from_its_script() -> None:
    from samarbejdsdok.rendering import default_template_bytes
    from tools.build_templates import build_bytes

    assert build_bytes(SPEC.name, SPEC.title) == default_template_bytes(SPEC.template)


# --- validation -------------------------------------------------------------------------------


def test_interpreter_needs_a_language() -> None:
    problem = _problem(_data(tolk=True))
    assert problem.path == "tolk_sprog"
    assert problem.title == "Sprog"
    assert problem.code == "interpreter_language_missing"
    assert _problem(_data(tolk=True, tolk_sprog="   ")).path == "tolk_sprog"


def test_language_without_interpreter_is_an_error() -> None:
    problem = _problem(_data(tolk=False, tolk_sprog="arabisk"))
    assert problem.path == "tolk_sprog"
    assert problem.code == "interpreter_language_without_need"


def test_next_meeting_before_the_meeting() -> None:
    problem = _problem(_data(naeste_moede={"dato": "2026-05-26"}))
    assert problem.path == "naeste_moede.dato"
    assert problem.title == "Dato"
    assert problem.code == "next_meeting_before_meeting"
    assert "26. maj 2026" in problem.message


def test_next_meeting_the_same_day_must_start_after_this_one() -> None:
    problem = _problem(_data(naeste_moede={"dato": "2026-05-27", "tidspunkt": "10:30"}))
    assert problem.path == "naeste_moede.tidspunkt"
    assert problem.code == "next_meeting_overlaps"
    assert "10.55" in problem.message
    ok = validate(Screeningsmoede, _data(naeste_moede={"dato": "2026-05-27", "tidspunkt": "10:55"}))
    assert ok.naeste_moede is not None and ok.naeste_moede.tidspunkt == dt.time(10, 55)
    same_day_no_time = validate(Screeningsmoede, _data(naeste_moede={"dato": "2026-05-27"}))
    assert same_day_no_time.naeste_moede is not None


def test_meeting_must_end_the_same_day() -> None:
    problem = _problem(_data(tidspunkt="23:30", naeste_moede=None))
    assert problem.path == "tidspunkt"
    assert problem.code == "meeting_past_midnight"
    late = validate(Screeningsmoede, _data(tidspunkt="23:00", naeste_moede=None))
    assert late.sluttidspunkt == dt.time(23, 55)
    assert _problem(_data(tidspunkt="23:06", naeste_moede=None)).path == "tidspunkt"


def test_time_with_a_zone_is_refused() -> None:
    problem = _problem(_data(tidspunkt="10:00+01:00"))
    assert problem.path == "tidspunkt"
    assert problem.code == "time_with_zone"


def test_empty_focus_point_names_its_position() -> None:
    problem = _problem(_data(fokuspunkter=["Sofies fravær i skolen", "  "]))
    assert problem.path == "fokuspunkter.1"


def test_required_fields_and_unknown_fields() -> None:
    data = _data()
    del data["referent"]
    assert _problem(data).path == "referent"
    assert _problem(_data(familie_navn=" ")).path == "familie_navn"
    assert _problem(_data(tolk_sprg="arabisk")).path == "tolk_sprg"


# --- as a person sees it ----------------------------------------------------------------------


@pytest.mark.libreoffice
def test_pdf_shows_the_clock_times(tmp_path) -> None:
    path = tmp_path / "screeningsmoede.docx"
    samarbejdsdok.render(SPEC.example_model(), path)
    text = docx_to_pdf_text([path], tmp_path)[path]
    flat = " ".join(text.split())
    assert "(5 min., kl. 10.00–10.05)" in flat
    assert "Onsdag den 27. maj 2026" in flat
    assert "☒" in flat and "☐" in flat
