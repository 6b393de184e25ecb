"""Forms from other packages: the example plug-in in docs/examples/kommune-formularer/ is
installed with pip into a fresh virtual environment and used through every CLI command, as a
municipality would use its own form."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import docx_text

from samarbejdsdok.errors import FormNotFoundError, FormPluginError
from samarbejdsdok.forms import _load_plugin, get_form

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "kommune-formularer"


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv that sees this environment's packages (samarbejdsdok and its
    dependencies) and has the example plug-in installed into it by pip."""
    root = tmp_path_factory.mktemp("plugin")
    package = root / "kommune-formularer"
    shutil.copytree(EXAMPLE, package)
    subprocess.run([sys.executable, "make_template.py"], cwd=package, check=True)
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # This environment's site-packages after the venv's own (with their .pth files, so an
    # editable install of samarbejdsdok is seen too).
    parent = sysconfig.get_paths()["purelib"]
    (Path(site) / "parent_env.pth").write_text(
        f"import site; site.addsitedir({parent!r})\n", encoding="utf-8"
    )
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(package)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return python


def _cli(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "samarbejdsdok", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_a_plugin_form_goes_through_every_command(plugin_env: Path, tmp_path: Path) -> None:
    python = plugin_env

    listed = _cli(python, "forms", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[-1].split() == ["hjemmebesoeg", "Notat", "fra", "hjemmebesøg"]
    assert len(lines) == 29  # our 28 and the plug-in's

    schema = _cli(python, "schema", "hjemmebesoeg", cwd=tmp_path)
    assert schema.returncode == 0, schema.stderr
    body = json.loads(schema.stdout)
    assert body["title"] == "Notat fra hjemmebesøg"
    assert body["properties"]["dato"]["title"] == "Dato for besøget"

    example = _cli(python, "example", "hjemmebesoeg", cwd=tmp_path)
    assert example.returncode == 0, example.stderr
    data = tmp_path / "besoeg.json"
    data.write_text(example.stdout, encoding="utf-8")

    ok = _cli(python, "validate", "hjemmebesoeg", str(data), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    bad = json.loads(example.stdout)
    bad["boern"][0]["cpr"] = "320185-1234"
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    rejected = _cli(python, "validate", "hjemmebesoeg", "bad.json", cwd=tmp_path)
    assert rejected.returncode == 1
    assert "boern.0.cpr (Barnets cpr-nummer)" in rejected.stderr
    assert "320185-XXXX" in rejected.stderr and "320185-1234" not in rejected.stderr

    out = tmp_path / "besoeg.docx"
    rendered = _cli(python, "render", "hjemmebesoeg", str(data), "-o", str(out), cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    text = docx_text(out.read_bytes())
    assert "Notat fra hjemmebesøg" in text
    assert "Familien Jensen, mandag den 23. november 2026" in text
    assert "Deltagere: Lene Dahl og Mette Jensen" in text
    assert "Emma Jensen (født 150311-XXXX)" in text
    assert "150311-4123" not in text

    rows = tmp_path / "besoeg.csv"
    with rows.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Familiens navn", "Dato for besøget", "Barnets navn 1", "boern.0.cpr"])
        w.writerow(["Familien Holm", "24-11-2026", "Noah Holm", "150311-4123"])
        w.writerow(["Familien Berg", "25-11-2026", "Ida Berg", "320185-1234"])
    merged = _cli(python, "merge", "hjemmebesoeg", str(rows), "--out-dir", "ud", cwd=tmp_path)
    assert merged.returncode == 1, merged.stderr  # one row has an impossible CPR number
    docs = sorted((tmp_path / "ud").glob("*.docx"))
    assert [d.name for d in docs] == [
        "hjemmebesoeg-00002.docx"
    ]  # row 2: the first under the header
    assert "Familien Holm, tirsdag den 24. november 2026" in docx_text(docs[0].read_bytes())
    report = (tmp_path / "ud" / "rapport.csv").read_text(encoding="utf-8-sig")
    assert "Barnets cpr-nummer" in report and "320185-1234" not in report

    # The plug-in's template, as a municipality's edited copy would be checked.
    template = tmp_path / "egen.docx"
    installed = Path(python).parent.parent.glob("lib/python*/site-packages/kommune_formularer")
    template.write_bytes((next(installed) / "hjemmebesoeg.docx").read_bytes())
    checked = _cli(python, "check-template", "hjemmebesoeg", str(template), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    fields = _cli(python, "fields", "hjemmebesoeg", cwd=tmp_path)
    assert "boern[].cpr" in fields.stdout and "Barnets cpr-nummer" in fields.stdout


def test_a_plugin_that_is_no_form_gets_a_clear_error() -> None:
    from importlib.metadata import EntryPoint

    broken = EntryPoint("hjemmebesoeg", "json", "samarbejdsdok.forms")
    with pytest.raises(FormPluginError, match="ikke en FormSpec"):
        _load_plugin("hjemmebesoeg", broken)
    missing = EntryPoint("hjemmebesoeg", "no_such_module_here", "samarbejdsdok.forms")
    with pytest.raises(FormPluginError, match="kan ikke indlæses: ModuleNotFoundError"):
        _load_plugin("hjemmebesoeg", missing)
    ours = EntryPoint("hjemmebesoeg", "samarbejdsdok.forms.flyer", "samarbejdsdok.forms")
    with pytest.raises(FormPluginError, match="hedder 'flyer'"):
        _load_plugin("hjemmebesoeg", ours)


def test_without_the_plugin_its_form_is_unknown() -> None:
    with pytest.raises(FormNotFoundError):
        get_form("hjemmebesoeg")
