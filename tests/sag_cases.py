"""What the case-file tests of the collaboration models share (tests/test_sag_<model>.py): the
model's bundled example, ``sag check`` through the command line and the line of a path in the
file it checked, the case's problems by code, every document rendered, and the rendered
documents read back through LibreOffice."""

from __future__ import annotations

import copy
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from conftest import docx_text, docx_to_pdf_text

from samarbejdsdok import sag
from samarbejdsdok.cli import main


class Example:
    """A bundled example case file (``name``, relative to the package): its text, its data and
    its path."""

    def __init__(self, name: str) -> None:
        resource = files("samarbejdsdok").joinpath(name)
        self.path = str(resource)
        self.text = resource.read_text("utf-8")
        self.raw: dict[str, Any] = yaml.safe_load(self.text)

    def data(self) -> dict[str, Any]:
        """A copy of the example's data, for a test to change."""
        return copy.deepcopy(self.raw)


def _yaml(d: dict) -> str:
    return yaml.safe_dump(d, allow_unicode=True, sort_keys=False)


def check_cli(tmp_path: Path, capsys: Any, d: dict) -> str:
    """``sag check`` on ``d`` written as YAML: it fails, and its message is returned."""
    path = tmp_path / "bad.yaml"
    path.write_text(_yaml(d), "utf-8")
    assert main(["sag", "check", str(path)]) == 1
    return str(capsys.readouterr().err)


def line_of(d: dict, path: str) -> int:
    """The line ``path`` starts on in ``d`` as :func:`check_cli` writes it."""
    from samarbejdsdok.sag.steder import lines_of

    return lines_of(_yaml(d))[path]


def codes(d: dict) -> dict[str, list]:
    """The problems of the case ``d``, by code."""
    out: dict[str, list] = {}
    for p in sag.check(sag.load(d)):
        out.setdefault(p.code, []).append(p)
    return out


def render_all(path: str, out: Path) -> dict[str, Path]:
    """``sag render --all`` of the case file at ``path`` into ``out``: the files by name."""
    assert main(["sag", "render", path, "--all", "--out-dir", str(out)]) == 0
    return {p.name: p for p in out.iterdir()}


def check_rendered(rendered: dict[str, Path], expected: dict[str, list[str]]) -> dict[str, str]:
    """The documents rendered are those ``expected``, each showing its expected values; their
    texts by file name."""
    assert set(rendered) == set(expected)
    texts = {}
    for name, values in expected.items():
        text = docx_text(rendered[name].read_bytes())
        for value in values:
            assert value in text, (name, value)
        texts[name] = text
    return texts


def check_schema(raw: dict, misspelt: dict) -> dict[str, Any]:
    """The case files' JSON Schema validates the example ``raw`` and finds errors in
    ``misspelt`` (a key misspelt); the schema is returned."""
    import jsonschema

    from samarbejdsdok.schemas import sag_schema

    schema = sag_schema()
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(json.dumps(raw, default=str)))
    errors = list(validator.iter_errors(json.loads(json.dumps(misspelt, default=str))))
    assert errors
    return schema


def check_in_libreoffice(
    rendered: dict[str, Path],
    tmp_path: Path,
    in_pdf: dict[str, str],
    everywhere: tuple[str, ...] = (),
) -> None:
    """Every rendered document converts to PDF in LibreOffice with no template code left, the
    values of ``everywhere`` in each and its own value of ``in_pdf`` (white space squeezed)."""
    docs = sorted(p for n, p in rendered.items() if n.endswith(".docx"))
    texts = docx_to_pdf_text(docs, tmp_path)
    assert len(texts) == len(docs)
    for path, text in texts.items():
        squeezed = re.sub(r"\s+", " ", text)
        for value in everywhere:
            assert value in squeezed, path.name
        assert "{{" not in text and "{%" not in text, path.name
        assert in_pdf[path.name] in squeezed, path.name
