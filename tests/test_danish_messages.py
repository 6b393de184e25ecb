"""Every message a user reads is Danish: JSON errors, plural forms, enumerations, impossible
dates (issue 18). argparse's own texts are tested in test_cli."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from samarbejdsdok.errors import InputFormatError
from samarbejdsdok.sources import open_source, parse_document


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- JSON parse errors ---------------------------------------------------------------------------

ENGLISH_JSON = ("Expecting", "Extra data", "Unterminated", "Invalid", "Illegal", "delimiter")


@pytest.mark.parametrize(
    ("text", "where", "danish"),
    [
        ("nul", "linje 1, kolonne 1", "her skal der stå en værdi"),
        ("[1,]", "linje 1, kolonne", "her skal der stå en værdi"),  # 3.13: a comma too many
        ("{", "linje 1, kolonne 2", "et feltnavn i dobbelte anførselstegn"),
        ("{'a': 1}", "linje 1, kolonne 2", "et feltnavn i dobbelte anførselstegn"),
        ('{"a" 1}', "linje 1, kolonne 6", "mangler et kolon (:)"),
        ('{"a": 1\n "b": 2}', "linje 2, kolonne 2", "mangler et komma (,)"),
        ('{"a": 1', "linje 1, kolonne 8", "mangler et komma (,) eller en afsluttende parentes"),
        ("{} {}", "linje 1, kolonne 4", "der står mere efter JSON-dokumentets afslutning"),
        ('{"a": "abc', "linje 1, kolonne 7", "slutter ikke med et anførselstegn"),
        ('{"a": "ab\tc"}', "linje 1, kolonne 10", "kontroltegn"),
        ('{"a": "\\x"}', "linje 1, kolonne 8", "ugyldig \\-kode"),
        ('{"a": "\\u12"}', "linje 1, kolonne 9", "ugyldig \\uXXXX-kode"),
    ],
)
def test_json_errors_are_danish_with_their_position(text: str, where: str, danish: str) -> None:
    with pytest.raises(InputFormatError) as caught:
        parse_document(text.encode(), "data.json")
    message = caught.value.message
    assert message.startswith(f"data.json er ikke gyldig JSON: {where}"), message
    assert danish in message or "komma for meget" in message, message
    assert not [w for w in ENGLISH_JSON if w in message], message


def test_an_empty_data_file_is_named_empty_through_the_cli() -> None:
    result = run("validate", "samtykke_generel", "/dev/null")
    assert result.returncode == 1
    assert result.stderr.strip() == "samarbejdsdok: /dev/null er tom (der står ingen JSON i den)"
    result = run("validate", "samtykke_generel", "-", stdin="{} x")
    assert "standardinput er ikke gyldig JSON: linje 1, kolonne 4: der står mere" in result.stderr
    assert "Extra data" not in result.stderr


def test_a_jsonl_line_that_is_not_json_is_a_danish_row_error(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text('{"a": 1}\n{"a" 1}\n', encoding="utf-8")
    rows = list(open_source(path).rows())
    assert rows[0].error is None
    assert (
        rows[1].error
        == "linjen er ikke gyldig JSON (tegn 6: her mangler et kolon (:) efter feltnavnet)"
    )


def test_every_json_message_of_this_python_is_translated() -> None:
    """The json module's messages as this Python writes them: none falls back to the generic
    text (a new Python that words one differently shows here)."""
    from samarbejdsdok.sources import _json_error_message

    samples = ["", "nul", "[1,]", "{", '{"a" 1}', "[1 2]", "{} x", '"abc', '"a\nb"', '"\\x"']
    samples += ['"\\u12"', '{"a":1,}']
    for text in samples:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            assert _json_error_message(exc) != "teksten kan ikke læses som JSON her", exc.msg
        else:  # pragma: no cover
            raise AssertionError(text)


# --- impossible dates and the accepted formats -----------------------------------------------


def _example(form: str = "samtykke_generel") -> dict:
    from samarbejdsdok.forms import get_form

    return get_form(form).example()


def _problems(data: dict, form: str = "samtykke_generel") -> dict[str, tuple[str, str]]:
    from samarbejdsdok.errors import DataError
    from samarbejdsdok.forms import get_form
    from samarbejdsdok.validation import validate

    with pytest.raises(DataError) as caught:
        validate(get_form(form).model, data)
    return {p.path: (p.message, p.code) for p in caught.value.problems}


@pytest.mark.parametrize("written", ["31-02-2026", "2026-02-31", "31.02.2026", "31/02/2026"])
def test_a_date_that_does_not_exist_is_named_so(written: str) -> None:
    data = _example()
    data["underskriftsdato"] = written
    assert _problems(data) == {
        "underskriftsdato": (f"datoen findes ikke ({written})", "date_nonexistent")
    }


@pytest.mark.parametrize("written", ["foo", "15-02-2026", "2026/02/15", "", 20260215, [2026]])
def test_a_date_not_written_as_one_lists_the_accepted_format_once(written: object) -> None:
    data = _example()
    data["underskriftsdato"] = written
    message, _code = _problems(data)["underskriftsdato"]
    assert message == "skal være en dato skrevet ÅÅÅÅ-MM-DD"


def test_the_accepted_date_formats_can_be_given() -> None:
    from pydantic import ValidationError

    from samarbejdsdok.forms import get_form
    from samarbejdsdok.validation import problems_from

    model = get_form("samtykke_generel").model
    data = _example()
    data["underskriftsdato"] = "i går"
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    problems = problems_from(caught.value, model, date_formats=("DD-MM-ÅÅÅÅ", "ÅÅÅÅ-MM-DD"))
    assert [p.message for p in problems] == [
        "skal være en dato skrevet DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD"
    ]


def test_an_impossible_date_in_a_datetime_is_named_so() -> None:
    from pydantic import BaseModel, ValidationError

    from samarbejdsdok.validation import problems_from

    class Moede(BaseModel):
        start: dt.datetime

    for written in ("2026-02-30T10:00", "30-02-2026 10:00"):
        with pytest.raises(ValidationError) as caught:
            Moede.model_validate({"start": written})
        (problem,) = problems_from(caught.value, Moede)
        assert problem.message == f"datoen findes ikke ({written[:10]})"
    with pytest.raises(ValidationError) as caught:
        Moede.model_validate({"start": "snart"})
    (problem,) = problems_from(caught.value, Moede)
    assert problem.message.startswith("skal være dato og klokkeslæt")


def _sheet_with_dates(folder: Path, *dates: str) -> Path:
    """A CSV file of the consent form's example, one row per date as ``underskriftsdato``."""
    data = _example()
    flat: dict[str, object] = {}

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}.{i}")
        else:
            flat[path] = value

    walk(data, "")
    source = folder / "ark.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\n")  # quotes a value with a ;
        writer.writerow(flat)
        for written in dates:
            row = {**flat, "underskriftsdato": written}
            writer.writerow("" if v is None else str(v) for v in row.values())
    return source


def test_impossible_dates_in_a_merge_name_the_row_and_the_date(tmp_path: Path) -> None:
    source = _sheet_with_dates(tmp_path, "31-02-2026", "15-02-2026", "31.02.2026")
    result = run("merge", "samtykke_generel", str(source), "--out-dir", str(tmp_path / "ud"))
    assert result.returncode == 1, result.stderr
    # The column as the sheet writes it (here a field path, so its title follows).
    assert (
        "række 2: kolonne 'underskriftsdato' (Dato): datoen findes ikke (31-02-2026)"
        in result.stderr
    )
    assert (
        "række 4: kolonne 'underskriftsdato' (Dato): datoen findes ikke (31.02.2026)"
        in result.stderr
    )
    assert "række 3" not in result.stderr


def test_a_date_a_merge_cannot_read_lists_the_formats_the_merge_reads(tmp_path: Path) -> None:
    source = _sheet_with_dates(tmp_path, "i går", "15-02-2026", "2026/02/15", "15 feb 2026")
    formats = "DD-MM-ÅÅÅÅ, DD.MM.ÅÅÅÅ, DD/MM/ÅÅÅÅ eller ÅÅÅÅ-MM-DD"
    for args in ([], ["--check"]):
        result = run(
            "merge", "samtykke_generel", str(source), "--out-dir", str(tmp_path / "ud"), *args
        )
        assert result.returncode == 1, result.stderr
        for row in (2, 4, 5):
            where = f"række {row}: kolonne 'underskriftsdato' (Dato)"
            assert f"{where}: skal være en dato skrevet {formats}" in result.stderr
        assert "række 3" not in result.stderr


# --- enumerations ------------------------------------------------------------------------------


def test_a_wrong_choice_lists_the_choices_with_eller() -> None:
    data = _example()
    data["status"] = "måske"
    message, code = _problems(data)["status"]
    assert code == "enum"
    assert message == (
        "skal være en af: 'anmodet', 'afgivet', 'afvist', 'tilbagetrukket' eller 'udløbet'"
    )


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (("a", "b"), "skal være en af: 'a' eller 'b'"),
        (("a", "it's", "c, d or e"), "skal være en af: 'a', \"it's\" eller 'c, d or e'"),
        ((1, 2, 3), "skal være en af: 1, 2 eller 3"),
        (("kun",), "skal være 'kun'"),
    ],
)
def test_literal_choices_are_joined_the_danish_way(choices: tuple, message: str) -> None:
    from typing import Literal

    from pydantic import BaseModel, ValidationError

    from samarbejdsdok.validation import problems_from

    class Valg(BaseModel):
        valg: Literal[choices]  # type: ignore[valid-type]

    with pytest.raises(ValidationError) as caught:
        Valg.model_validate({"valg": "noget andet"})
    (problem,) = problems_from(caught.value, Valg)
    assert problem.message == message
    assert " or " not in problem.message.replace("'c, d or e'", "")


def test_a_misspelt_field_suggests_with_eller() -> None:
    data = _example()
    data["statu"] = "anmodet"
    problems = _problems(data)
    assert problems["statu"][0] == (
        "feltet 'statu' findes ikke; mente du 'status' eller 'status_dato'?"
    )


# --- plural forms ------------------------------------------------------------------------------


def test_counts_take_the_noun_in_the_right_number() -> None:
    from samarbejdsdok._wording import count, or_list

    assert count(1, "række", "rækker") == "1 række"
    assert count(0, "række", "rækker") == "0 rækker"
    assert count(2, "problem", "problemer") == "2 problemer"
    assert count(10_000, "fil", "filer") == "10.000 filer"
    assert or_list([]) == "" and or_list(["a"]) == "a"


def test_a_merge_of_one_row_reports_1_raekke(tmp_path: Path) -> None:
    source = tmp_path / "en.jsonl"
    source.write_text(json.dumps(_example()) + "\n", encoding="utf-8")
    result = run("merge", "samtykke_generel", str(source), "--out-dir", str(tmp_path / "ud"))
    assert result.returncode == 0, result.stderr
    assert "1 række: 1 ok" in result.stderr, result.stderr
    assert "rækker" not in result.stderr


def test_a_case_with_one_problem_or_one_meeting_says_so_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import copy
    from importlib.resources import files

    import yaml

    from samarbejdsdok import sag
    from samarbejdsdok.cli import main
    from samarbejdsdok.errors import DataError

    raw = yaml.safe_load(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"))
    d = copy.deepcopy(raw)
    d["moeder"][4]["deltagere"].append("bente")  # a participant not in the network
    path = tmp_path / "sag.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), "utf-8")
    assert main(["sag", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "1 problem i sagen:" in err, err

    one = copy.deepcopy(raw)
    one["moeder"] = one["moeder"][:1]
    one["samtykker"] = one["samtykker"][:1]
    case = sag.load(one)
    with pytest.raises(DataError) as caught:
        sag.find(case, "netvaerksmoede_notat", moede=3)
    assert "sagen har 1 møde; møde 3 findes ikke" in caught.value.message
    with pytest.raises(DataError) as caught:
        sag.find(case, "samtykke_generel", samtykke=2)
    assert "sagen har 1 samtykke; samtykke 2 findes ikke" in caught.value.message


def test_other_enumerations_read_a_b_eller_c_or_a_b_og_c(tmp_path: Path) -> None:
    import openpyxl

    result = run("example", "netvaerksmoede")
    assert result.returncode == 2
    assert "Mente du: netvaerksmoede_notat, netvaerkskort eller netvaerksmoede_dagsorden?" in (
        result.stderr
    )
    with pytest.raises(InputFormatError) as caught:
        open_source(tmp_path / "ark.doc")
    assert caught.value.message.endswith(
        "; brug .csv, .json, .jsonl, .ndjson, .tsv, .txt, .xlsm eller .xlsx."
    ), caught.value.message
    wb = openpyxl.Workbook()
    wb.active.title = "Ark1"
    wb.active["A1"] = "navn"
    wb.create_sheet("Ark 2")
    wb.save(tmp_path / "ark.xlsx")
    with pytest.raises(InputFormatError) as caught:
        open_source(tmp_path / "ark.xlsx", sheet="Nej")
    assert caught.value.message.endswith("arkene er 'Ark1' og 'Ark 2'")
