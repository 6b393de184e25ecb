"""Every message a user reads is Danish: JSON errors, plural forms, enumerations, impossible
dates (issue 18). argparse's own texts are tested in test_cli."""

from __future__ import annotations

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
    assert "standard input er ikke gyldig JSON: linje 1, kolonne 4: der står mere" in result.stderr
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
