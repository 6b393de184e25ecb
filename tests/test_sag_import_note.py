"""``sag import-note``: a network-meeting note filled in Word becomes the meeting's notes in the
case file, rewritten in place with its comments kept, and the next family plan carries the
agreements. Through the command line."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import docx_text, run_main
from word_fill import fill

from samarbejdsdok.fillable import read_values
from samarbejdsdok.forms import get_form

NEXT_MEETING = """  # 8: the network meeting after that, planned
  - type: netvaerksmoede
    dato: 2027-02-24
    start: "09:00"
    slut: "11:15"
    sted: Palholmterrasserne 1, 3520 Farum
    lokale: Mødelokale 2, Familiens Fremtid
    deltagere: [mette, sofie, lene, susanne, jonas]
"""


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run_main(*args, cwd=cwd)


def case_file(folder: Path) -> Path:
    """The example case with a meeting 8 planned, so meeting 7 can be held."""
    text = cli("sag", "example", cwd=folder).stdout
    at = text.index("\nfamilieplan:")
    path = folder / "sag.yaml"
    path.write_text(text[:at].rstrip("\n") + "\n" + NEXT_MEETING + text[at:], "utf-8")
    return path


def filled_note(folder: Path, typed: dict) -> Path:
    made = cli(
        "sag", "render", "sag.yaml", "--form", "netvaerksmoede_notat", "--meeting", "7",
        "--fillable", "-o", "notat.docx", cwd=folder,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    spec = get_form("netvaerksmoede_notat")
    blank = (folder / "notat.docx").read_bytes()
    data = read_values(spec, blank) | typed
    (folder / "udfyldt.docx").write_bytes(fill(blank, spec.model, data))
    return folder / "udfyldt.docx"


AGREEMENTS = [
    {
        "indhold": "Sofie og Mette laver en ugeplan for lektier",
        "ansvarlige": ["Sofie Kragh Hansen", "Mette Kragh Hansen"],
        "tidsfrist": "2026-12-16",
    },
    {"indhold": "Opfølgning på søvnplanen", "ansvarlige": ["Dorthe Rasmussen"]},
]


def test_the_note_becomes_the_meetings_notes_and_the_next_plan_carries_the_agreements(
    tmp_path: Path,
) -> None:
    path = case_file(tmp_path)
    before = path.read_text("utf-8")
    filled_note(
        tmp_path,
        {
            "aftaler": AGREEMENTS,
            "familiens_fortaelling": "Det går bedre.\nSofie sover mere.",
            "teambaseret_dialog": "Netværket talte om lektier.",
        },
    )
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "7", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "møde 7 har nu notatets 2 aftaler" in result.stderr
    after = path.read_text("utf-8")
    # comments and everything outside meeting 7 kept, line for line
    assert "# 8: the network meeting after that, planned" in after
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    assert after.startswith(before[: before.index("  # 7:")])
    assert "    aftaler:\n    - indhold: Sofie og Mette laver en ugeplan for lektier\n" in after
    assert "      familiens_fortaelling: |-\n        Det går bedre.\n" in after
    assert not list(tmp_path.glob(".sag.yaml*"))  # no temporary file left
    assert cli("sag", "check", "sag.yaml", cwd=tmp_path).returncode == 0
    plan = cli(
        "sag", "render", "sag.yaml", "--form", "familieplan", "-o", "plan.docx", cwd=tmp_path
    )
    assert plan.returncode == 0, plan.stderr
    text = docx_text((tmp_path / "plan.docx").read_bytes())
    assert "Sofie og Mette laver en ugeplan for lektier" in text
    assert "Opfølgning på søvnplanen" in text
    assert "16. december 2026" in text


def test_a_name_the_case_does_not_have_writes_nothing(tmp_path: Path) -> None:
    path = case_file(tmp_path)
    before = path.read_bytes()
    filled_note(
        tmp_path,
        {"aftaler": [{"indhold": "Noget", "ansvarlige": ["Ukendt Person"]}]},
    )
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "7", cwd=tmp_path)
    assert result.returncode == 1
    assert "aftaler.0.ansvarlige.0 (Ansvarlige): navnet findes ikke blandt sagens personer" in (
        result.stderr
    )
    assert "Ukendt" not in result.stderr
    assert path.read_bytes() == before


def test_the_whole_case_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    """Meeting 7 held with no network meeting planned after it breaks the three-month rule:
    the case is not changed."""
    path = case_file(tmp_path)
    filled_note(tmp_path, {"aftaler": AGREEMENTS})
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("  # 8:")] + text[text.index("\nfamilieplan:") :], "utf-8")
    before = path.read_bytes()
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "7", cwd=tmp_path)
    assert result.returncode == 1
    assert "der er ikke planlagt et nyt netværksmøde" in result.stderr
    assert path.read_bytes() == before


def test_a_note_of_another_meeting_is_refused(tmp_path: Path) -> None:
    case_file(tmp_path)
    filled_note(tmp_path, {"aftaler": AGREEMENTS})
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "6", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "notatet er fra et møde den 2. december 2026, men møde nr. 6 er den 16. september 2026"
        in (result.stderr)
    )


def test_a_note_into_a_case_of_another_model_is_refused(tmp_path: Path) -> None:
    """Only the toolbox's case file has network meetings with these notes."""
    case_file(tmp_path)
    filled_note(tmp_path, {"aftaler": AGREEMENTS})  # a note from the toolbox's case
    example = cli("sag", "example", "--model", "julemaerkehjem", cwd=tmp_path)
    path = tmp_path / "sag.yaml"
    path.write_text(example.stdout, "utf-8")
    before = path.read_bytes()
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "1", cwd=tmp_path)
    assert result.returncode != 0
    assert "sag for værktøjskassen (model: toolbox); denne sag er for julemaerkehjem" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_meeting_written_on_one_line_is_written_again_as_a_block(tmp_path: Path) -> None:
    """Meeting 7 as a flow mapping (``- {type: ..., ...}``, as some people write short ones):
    the note goes in, the meeting is rewritten as a block, everything else kept."""
    import json

    import yaml

    path = case_file(tmp_path)
    text = path.read_text("utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    meeting7 = next(v for k, v in node.value if k.value == "moeder").value[6]
    start, end = meeting7.start_mark.index, text.index("  # 8: the network meeting after that")
    data = yaml.safe_load(text)["moeder"][6]
    flow = json.dumps(data, ensure_ascii=False, default=str)  # JSON is YAML's flow style
    path.write_text(text[:start] + flow + "\n" + text[end:], "utf-8")
    before = path.read_text("utf-8")
    assert cli("sag", "check", "sag.yaml", cwd=tmp_path).returncode == 0
    filled_note(tmp_path, {"aftaler": AGREEMENTS})
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "7", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = path.read_text("utf-8")
    assert flow not in after
    assert "status: afholdt" in after[start:]
    assert after[:start] == before[:start]  # everything before meeting 7 as it was
    assert after.endswith(before[before.index("  # 8: the network meeting after that") :])
    assert cli("sag", "check", "sag.yaml", cwd=tmp_path).returncode == 0
    assert "Sofie og Mette laver en ugeplan for lektier" in after


def test_a_note_for_a_meeting_that_is_no_network_meeting_says_which_it_belongs_to(
    tmp_path: Path,
) -> None:
    case_file(tmp_path)
    filled_note(tmp_path, {"aftaler": AGREEMENTS})
    result = cli("sag", "import-note", "sag.yaml", "udfyldt.docx", "--meeting", "1", cwd=tmp_path)
    assert result.returncode != 0
    assert (
        "møde nr. 1 er ikke et netværksmøde; notatet hører til et netværksmøde: angiv dets "
        "nummer" in result.stderr
    )
