"""B2 Indkaldelse til ophold på Julemærkehjem (mail til tovholderen)."""

from __future__ import annotations

from conftest import FormCase

from samarbejdsdok.forms import get_form

CASE = FormCase("julemaerkehjem_indkaldelse")
PROVISIONAL_NOTE = (
    "Foreløbige datoer er sat ud fra samarbejdsmodellen mellem kommunerne og Julemærkehjemmene. "
    "Vi sender de endelige datoer, så snart de ligger fast."
)


def test_registry() -> None:
    spec = get_form("julemaerkehjem_indkaldelse")
    assert spec.code == "B2"
    assert spec.title == "Indkaldelse til ophold på Julemærkehjem"


def test_example_document() -> None:
    text = CASE.text()
    assert (
        "Til tovholderen i Furesø Kommune | Birgitte Holm, tovholder, Sundhedsplejen, "
        "tlf. 72 16 52 10, biho@furesoe.dk" in text
    )
    assert "Barnets navn | Oliver Kragh Hansen, født 2. juni 2016" in text
    assert (
        "Barnets kontaktpædagog på Julemærkehjemmet | Anne Skov, kontaktpædagog, tlf. 98 12 34 56, "
        "anne.skov@example.dk" in text
    )
    # the dates in the order of the stay; a given forbesøg is not provisional
    rows = [
        "Forbesøg | Tirsdag den 1. december 2026\n",
        "Infodag | Torsdag den 14. januar 2027\n",
        "Opholdets start | Mandag den 1. februar 2027\n",
        "Forældredag | Torsdag den 4. marts 2027\n",
        "Slutsamtale | Torsdag den 22. april 2027 kl. 13.00\n",
        "Opholdets afslutning | Fredag den 23. april 2027\n",
        "Opfølgningsdag | ",
    ]
    positions = [text.index(r) for r in rows]
    assert positions == sorted(positions)
    # the opfølgningsdag is left out: the planner's proposal, with the window
    assert (
        "Opfølgningsdag | Fredag den 21. maj 2027 (foreløbig dato: 4–6 uger efter opholdet, "
        "dvs. mellem 21. maj 2027 og 4. juni 2027)" in text
    )
    assert PROVISIONAL_NOTE in text
    assert "☒ Kopi af ansøgningsskemaet" in text
    assert "☒ Indkaldelsen til forældrene" in text
    assert "☒ Returdokumentet »Udpegelse af kontaktperson«" in text
    assert (
        "Husk: Tovholderen udpeger barnets kontaktperson og sender det udfyldte returdokument "
        "»Udpegelse af kontaktperson« til Julemærkehjemmet Kildemose via sikker mail." in text
    )
    assert "regler" not in text
    assert "retur til" not in text
    assert "Bemærkninger\nForbesøget begynder kl. 10.00" in text


def test_sign_off_kept_with_the_senders_name() -> None:
    """»Med venlig hilsen« is never left alone at the foot of a page (it was, in the maximal
    example): it keeps with the next paragraph, the Julemærkehjem's name."""
    import io

    from docx import Document

    from samarbejdsdok import render
    from samarbejdsdok.validation import validate

    doc = Document(io.BytesIO(render(validate(CASE.spec.model, CASE.data()))))
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("Med venlig hilsen")
    assert doc.paragraphs[at].paragraph_format.keep_with_next
    assert texts[at + 1] == "Julemærkehjemmet Kildemose"


def test_forbesoeg_proposed_by_the_planner() -> None:
    text = CASE.text(forbesoeg=None)
    assert (
        "Forbesøg | Tirsdag den 1. december 2026 (foreløbig dato: ca. 2 måneder før opholdet)"
        in text
    )


def test_all_dates_given_nothing_provisional() -> None:
    text = CASE.text(opfoelgningsdag="2027-05-28")
    assert "Opfølgningsdag | Fredag den 28. maj 2027\n" in text
    assert "foreløbig" not in text.lower()
    assert PROVISIONAL_NOTE not in text


def test_window_edges_are_allowed() -> None:
    assert "Fredag den 21. maj 2027\n" in CASE.text(opfoelgningsdag="2027-05-21")
    assert "Fredag den 4. juni 2027\n" in CASE.text(opfoelgningsdag="2027-06-04")


def test_optional_parts_left_out() -> None:
    text = CASE.text(
        barn_foedselsdato=None,
        infodag=None,
        foraeldredag=None,
        slutsamtale=None,
        slutsamtale_tid=None,
        bemaerkninger=None,
        bilag_ansoegning=False,
        bilag_indkaldelse_foraeldre=False,
    )
    assert "Barnets navn | Oliver Kragh Hansen\n" in text
    assert "født" not in text
    assert "Infodag | Følger senere" in text
    assert "Forældredag | Følger senere" in text
    assert "Slutsamtale | Følger senere" in text
    assert "☐ Kopi af ansøgningsskemaet" in text
    assert "☐ Indkaldelsen til forældrene" in text
    assert "☒ Returdokumentet" in text
    assert "Bemærkninger" not in text


def test_slutsamtale_without_time() -> None:
    assert "Slutsamtale | Torsdag den 22. april 2027\n" in CASE.text(slutsamtale_tid=None)


def test_stay_ends_after_it_starts() -> None:
    p = CASE.problem(CASE.data(ophold_slut="2027-01-29"))
    assert (p.path, p.code) == ("ophold_slut", "stay_end_not_after_start")
    assert p.message == "opholdet skal slutte efter, det begynder"


def test_forbesoeg_before_the_stay() -> None:
    p = CASE.problem(CASE.data(forbesoeg="2027-02-01"))
    assert (p.path, p.code) == ("forbesoeg", "pre_visit_not_before_stay")
    assert p.message == "forbesøget skal ligge før opholdet begynder (1. februar 2027)"


def test_foraeldredag_within_the_stay() -> None:
    for day in ("2027-01-30", "2027-04-24"):
        p = CASE.problem(CASE.data(foraeldredag=day))
        assert (p.path, p.code) == ("foraeldredag", "parents_day_outside_stay")
        assert p.message == (
            "forældredagen skal ligge i opholdet, dvs. mellem 1. februar 2027 og 23. april 2027"
        )


def test_slutsamtale_within_the_stay() -> None:
    p = CASE.problem(CASE.data(slutsamtale="2027-04-26"))
    assert (p.path, p.code) == ("slutsamtale", "final_talk_outside_stay")
    assert p.message.startswith("slutsamtalen skal ligge i opholdet")
    assert "Slutsamtale | Fredag den 23. april 2027" in CASE.text(slutsamtale="2027-04-23")


def test_slutsamtale_time_needs_a_date() -> None:
    p = CASE.problem(CASE.data(slutsamtale=None))
    assert p.path == "slutsamtale_tid"
    assert "ingen dato" in p.message


def test_opfoelgningsdag_in_the_window() -> None:
    for day in ("2027-05-20", "2027-06-07"):
        p = CASE.problem(CASE.data(opfoelgningsdag=day))
        assert (p.path, p.code) == ("opfoelgningsdag", "follow_up_outside_window")
        assert p.message == (
            "opfølgningsdagen skal ligge 4–6 uger efter opholdet, dvs. mellem 21. maj 2027 "
            "og 4. juni 2027"
        )
