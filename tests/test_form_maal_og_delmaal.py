"""D3 Mål og delmål: goals with the family, sub-goals, revised together."""

from __future__ import annotations

import copy

from conftest import FormCase, docx_text

from samarbejdsdok import render
from samarbejdsdok.forms import get_form
from samarbejdsdok.forms.maal_og_delmaal import Rolle, Status

CASE = FormCase("maal_og_delmaal")


def _with_subgoal(**changes) -> dict:
    """The example with the first goal's first sub-goal changed."""
    data = CASE.data()
    data["maal"][0]["delmaal"][0].update(changes)
    return data


def test_registry_and_vocabulary() -> None:
    assert get_form("maal_og_delmaal").code == "D3"
    assert get_form("maal_og_delmaal").title == "Mål og delmål"
    assert [s.value for s in Status] == ["ikke påbegyndt", "i gang", "nået"]
    assert Rolle.BARNET.value == "barnet/den unge"


def test_example_document() -> None:
    text = CASE.text()
    assert "Barnets/den unges navn | Sofie Kragh Hansen" in text
    # the next revision is given once, at the end
    assert "Næste fælles revision" not in text
    assert text.count("16. september 2026") == 1
    assert "Målene er skrevet sammen med barnet/den unge og familien" in text
    assert "Sofie Kragh Hansen | Barnet/den unge" in text
    assert "Hanne Kragh | Netværk (mormor)" in text
    assert "Thomas Lund | Udfører (familiebehandler, Familiehuset)" in text
    assert "Mål 1: Sofie går i skole hver dag" in text
    assert "Mål 2: Morgenerne derhjemme er rolige" in text
    assert "Med egne ord: »Jeg vil ikke være bagud, når vi skal i 9. klasse.«" in text
    assert "Senest revideret 24. juni 2026" in text
    assert "Delmål | Ansvarlig | Tidsfrist | Status" in text
    assert (
        "Sofie møder i skole før kl. 8.15 fire dage om ugen | Sofie og Mette | "
        "21. august 2026 | I gang" in text
    )
    assert "| 14. august 2026 | Nået" in text
    assert "| 30. oktober 2026 | Ikke påbegyndt" in text
    assert "sammen igen onsdag den 16. september 2026." in text


def test_each_goal_has_its_own_subgoal_table() -> None:
    text = CASE.text()
    first, second = text.split("Mål 2: ")
    assert "Sofie indhenter det" in first and "fast morgenplan" not in first
    assert "fast morgenplan" in second and "Sofie indhenter det" not in second
    assert text.count("Delmål | Ansvarlig | Tidsfrist | Status") == 2


def test_status_keys_and_wording_in_danish_words() -> None:
    for given, shown in (
        ("ikke_paabegyndt", "ikke påbegyndt"),
        ("I gang", "i gang"),
        ("naaet", "nået"),
        ("nået", "nået"),
    ):
        model = CASE.spec.model.model_validate(_with_subgoal(status=given))
        assert model.maal[0].delmaal[0].status == shown
    data = _with_subgoal(status="naaet")
    data["maal"][0]["delmaal"] = data["maal"][0]["delmaal"][:1]
    data["maal"] = data["maal"][:1]
    text = docx_text(render(CASE.spec.model.model_validate(data)))
    assert "21. august 2026 | Nået" in text
    for other in ("i gang", "ikke påbegyndt", "naaet"):
        assert other not in text


def test_status_defaults_to_not_started() -> None:
    data = _with_subgoal()
    del data["maal"][0]["delmaal"][0]["status"]
    model = CASE.spec.model.model_validate(data)
    assert model.maal[0].delmaal[0].status == "ikke påbegyndt"


def test_unknown_status() -> None:
    assert CASE.problem(_with_subgoal(status="halvvejs")).path == "maal.0.delmaal.0.status"


def test_without_own_words_and_revision() -> None:
    maal = copy.deepcopy(CASE.data()["maal"])
    maal[0].pop("egne_ord")
    maal[0].pop("revideret")
    text = CASE.text(maal=maal)
    assert "»Jeg vil ikke være bagud" not in text
    assert "Senest revideret" not in text
    assert text.count("Med egne ord:") == 1  # the second goal keeps its own words


def test_family_must_take_part() -> None:
    deltagere = [d for d in CASE.data()["deltagere"] if d["rolle"] not in ("barnet", "mor")]
    problem = CASE.problem(CASE.data(deltagere=deltagere))
    assert problem.path == "deltagere"
    assert problem.code == "family_not_taking_part"
    assert "familien skal være med" in problem.message
    # Any family role will do, the child alone included.
    only_child = [{"navn": "Sofie Kragh Hansen", "rolle": "barnet/den unge"}]
    assert "Sofie Kragh Hansen | Barnet/den unge" in CASE.text(deltagere=only_child)
    far = [{"navn": "Rasmus Hansen", "rolle": "far"}, *deltagere]
    assert "Rasmus Hansen | Far" in CASE.text(deltagere=far)


def test_unknown_role() -> None:
    data = CASE.data()
    data["deltagere"][1]["rolle"] = "nabo"
    assert CASE.problem(data).path == "deltagere.1.rolle"


def test_at_least_one_goal() -> None:
    problem = CASE.problem(CASE.data(maal=[]))
    assert problem.path == "maal"
    assert problem.code == "no_goals"
    assert "mindst ét mål" in problem.message


def test_every_goal_has_a_subgoal() -> None:
    data = CASE.data()
    data["maal"][1]["delmaal"] = []
    problem = CASE.problem(data)
    assert problem.path == "maal.1.delmaal"
    assert problem.code == "goal_without_subgoals"
    assert "mindst ét delmål" in problem.message


def test_deadline_not_before_date() -> None:
    problem = CASE.problem(_with_subgoal(tidsfrist="2026-06-22"))
    assert problem.path == "maal.0.delmaal.0.tidsfrist"
    assert problem.code == "deadline_before_date"
    assert "22. juni 2026" in problem.message


def test_deadline_on_the_date_is_allowed() -> None:
    model = CASE.spec.model.model_validate(_with_subgoal(tidsfrist="2026-06-24"))
    assert "fire dage om ugen | Sofie og Mette | 24. juni 2026 | I gang" in docx_text(render(model))


def test_revision_of_a_goal_not_after_date() -> None:
    data = CASE.data()
    data["maal"][0]["revideret"] = "2026-06-25"
    problem = CASE.problem(data)
    assert problem.path == "maal.0.revideret"
    assert problem.code == "revised_after_date"


def test_next_revision_after_date() -> None:
    for day in ("2026-06-24", "2026-05-04"):
        problem = CASE.problem(CASE.data(naeste_revision=day))
        assert problem.path == "naeste_revision"
        assert problem.code == "revision_not_after_date"
        assert "næste revision skal ligge efter" in problem.message
