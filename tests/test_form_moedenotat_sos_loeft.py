"""E4 Mødenotat efter Signs of Safety eller LØFT: the method decides headings and tools."""

from __future__ import annotations

from conftest import FormCase

CASE = FormCase("moedenotat_sos_loeft")

LOEFT = {
    "metode": "loeft",
    "skala_familien": None,
    "skala_professionelle": None,
    "aftaler": [
        {
            "indhold": "Morgenplan afprøves i to uger",
            "ansvarlige": ["Mette Kragh Hansen", "Thomas Lund"],
            "tidsfrist": "2026-07-13",
        }
    ],
}


def test_sos_headings_and_scale() -> None:
    text = CASE.text()
    assert "Mødenotat efter Signs of Safety" in text
    for heading in ("Hvad bekymrer os?", "Hvad fungerer godt?", "Hvad skal der ske?", "Skala"):
        assert heading in text
    assert "Se ske" not in text
    assert "Mandag den 29. juni 2026" in text
    # The sentence gives the scale once; the rows carry no ASCII-hyphen "(0-10)".
    assert "På en skala fra 0 til 10, hvor 0 er den værst tænkelige situation" in text
    assert "Familiens placering | 6\nDe professionelles placering | 4" in text
    assert "0-10" not in text


def test_loeft_headings_and_agreements() -> None:
    text = CASE.text(**LOEFT)
    assert "Mødenotat efter LØFT" in text
    for heading in ("Bekymringer", "Fungerer", "Se ske", "Aftaler"):
        assert heading in text
    assert "Hvad bekymrer os?" not in text
    assert "Skala" not in text
    assert "Morgenplan afprøves i to uger" in text
    assert "Mette Kragh Hansen og Thomas Lund" in text
    assert "13. juli 2026" in text


def test_method_accepts_key_and_wording() -> None:
    assert "Mødenotat efter Signs of Safety" in CASE.text(metode="signs_of_safety")
    assert "Mødenotat efter LØFT" in CASE.text(**{**LOEFT, "metode": "LØFT"})


def test_scale_not_given_is_said() -> None:
    text = CASE.text(skala_familien=None)
    assert "Ikke angivet" in text


def test_scale_zero_is_printed() -> None:
    text = CASE.text(skala_familien=0)
    assert "Familiens placering" in text and "Ikke angivet" not in text


def test_scale_out_of_range() -> None:
    assert CASE.problem(CASE.data(skala_professionelle=11)).path == "skala_professionelle"


def test_scale_not_with_loeft() -> None:
    problem = CASE.problem(CASE.data(**{**LOEFT, "skala_familien": 5}))
    assert problem.path == "skala_familien"
    assert problem.code == "scale_only_sos"


def test_agreements_not_with_sos() -> None:
    problem = CASE.problem(CASE.data(aftaler=LOEFT["aftaler"]))
    assert problem.path == "aftaler"
    assert problem.code == "agreements_only_loeft"


def test_end_after_start() -> None:
    problem = CASE.problem(CASE.data(sluttid="12:00"))
    assert problem.path == "sluttid"


def test_deadline_not_before_meeting() -> None:
    aftaler = [{**LOEFT["aftaler"][0], "tidsfrist": "2026-06-26"}]
    problem = CASE.problem(CASE.data(**{**LOEFT, "aftaler": aftaler}))
    assert problem.path == "aftaler.0.tidsfrist"


def test_unknown_method() -> None:
    assert CASE.problem(CASE.data(metode="gfk")).path == "metode"


def test_empty_sections_say_so() -> None:
    text = CASE.text(bekymringer=[], fungerer=[], skal_ske=[])
    assert "Ingen bekymringer noteret." in text
    assert text.count("Intet noteret.") == 2
