"""The CLI through its real interface: a subprocess, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import docx_text

from samarbejdsdok.forms import form_names, get_form


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_forms_lists_name_and_title_one_a_line() -> None:
    result = run("forms")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(form_names())
    for line, name in zip(lines, form_names(), strict=False):
        assert line.split()[0] == name
        assert line.endswith(get_form(name).title)


def test_schema_prints_json_schema() -> None:
    result = run("schema", "samtykke_generel")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["properties"]["gyldig_til"]["title"] == "Samtykket ophører senest"


def test_example_validate_render_round_trip(tmp_path: Path) -> None:
    example = run("example", "samtykke_statistik")
    assert example.returncode == 0
    data = tmp_path / "data.json"
    data.write_text(example.stdout, encoding="utf-8")
    valid = run("validate", "samtykke_statistik", str(data))
    assert valid.returncode == 0, valid.stderr
    out = tmp_path / "out.docx"
    rendered = run("render", "samtykke_statistik", str(data), "-o", str(out))
    assert rendered.returncode == 0, rendered.stderr
    assert "Mette Kragh Hansen" in docx_text(out.read_bytes())


def test_render_reads_stdin(tmp_path: Path) -> None:
    example = run("example", "samtykke_generel").stdout
    out = tmp_path / "stdin.docx"
    result = run("render", "samtykke_generel", "-", "-o", str(out), stdin=example)
    assert result.returncode == 0, result.stderr
    assert "Familierådgivningen" in docx_text(out.read_bytes())


def test_validate_lists_every_problem_with_path_and_title(tmp_path: Path) -> None:
    data = get_form("samtykke_generel").example()
    data["samtykkegiver"]["cpr"] = "320185-2468"
    data["boern"][1]["navn"] = ""
    del data["gyldig_fra"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("validate", "samtykke_generel", str(path))
    assert result.returncode == 1
    err = result.stderr
    assert "3 fejl" in err
    assert "samtykkegiver.cpr (Samtykkegivers cpr-nummer)" in err
    assert "boern.1.navn (Barnets navn): må ikke være tom" in err
    assert "gyldig_fra (Samtykket gælder fra): skal udfyldes" in err
    assert "320185-XXXX" in err and "2468" not in err


def test_invalid_data_writes_no_file(tmp_path: Path) -> None:
    data = get_form("samtykke_generel").example()
    data["gyldig_til"] = "2020-01-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run("render", "samtykke_generel", str(path), "-o", str(out))
    assert result.returncode == 1
    assert "gyldig_til" in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_template_error_exits_1_without_output(tmp_path: Path) -> None:
    from docx import Document

    tpl = tmp_path / "egen.docx"
    doc = Document()
    doc.add_paragraph("{{ samtykkegiver.navnet }}")
    doc.save(tpl)
    data = tmp_path / "d.json"
    data.write_text(run("example", "samtykke_generel").stdout, encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run("render", "samtykke_generel", str(data), "-o", str(out), "--template", str(tpl))
    assert result.returncode == 1
    assert "navnet" in result.stderr and "egen.docx" in result.stderr
    assert not out.exists()


INVITATION = "netvaerksmoede_invitation"


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_render_ics_that_cannot_be_written_leaves_no_document(tmp_path: Path, where: str) -> None:
    data = tmp_path / "d.json"
    data.write_text(run("example", INVITATION).stdout, encoding="utf-8")
    out = tmp_path / "moede.docx"
    if where == "folder":  # a folder where the invitation should go
        ics = tmp_path / "moede.ics"
        ics.mkdir()
        reason = "der findes en mappe med det navn"
    else:
        ics = tmp_path / "findes-ikke" / "moede.ics"
        reason = "mappen findes ikke"
    result = run("render", INVITATION, str(data), "-o", str(out), "--ics", str(ics))
    assert result.returncode == 1
    assert f"Kan ikke skrive {ics}: {reason}. Intet er skrevet." in result.stderr
    assert "Traceback" not in result.stderr and "Skrev" not in result.stderr
    assert not out.exists()
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == (["d.json", "moede.ics"] if where == "folder" else ["d.json"])


def test_render_ics_failing_at_the_last_step_keeps_the_old_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import os

    from samarbejdsdok.cli import main

    data = tmp_path / "d.json"
    data.write_text(json.dumps(get_form(INVITATION).example()), encoding="utf-8")
    out = tmp_path / "moede.docx"
    out.write_bytes(b"the document of yesterday")
    ics = tmp_path / "moede.ics"
    real_replace = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if str(dst).endswith(".ics"):  # the invitation's rename, after the document's
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["render", INVITATION, str(data), "-o", str(out), "--ics", str(ics)]) == 1
    err = capsys.readouterr().err
    assert "læse-/skrivefejl på drevet. Intet er skrevet." in err
    assert out.read_bytes() == b"the document of yesterday"
    assert not ics.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "moede.docx"]
    monkeypatch.undo()
    assert main(["render", INVITATION, str(data), "-o", str(out), "--ics", str(ics)]) == 0
    assert "BEGIN:VCALENDAR" in ics.read_text(encoding="utf-8")
    assert out.read_bytes()[:2] == b"PK"  # now the new document


def test_broken_json_is_reported_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"samtykkegiver": ', encoding="utf-8")
    result = run("validate", "samtykke_generel", str(path))
    assert result.returncode == 1
    assert "ikke gyldig JSON" in result.stderr and "linje 1" in result.stderr


def test_missing_data_file(tmp_path: Path) -> None:
    result = run("validate", "samtykke_generel", str(tmp_path / "none.json"))
    assert result.returncode == 1
    assert "findes ikke" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("render", "samtykke_generel", "x.json"),  # -o missing
        ("schema", "familiplan"),  # unknown form
        ("nonsense",),
        (),
    ],
)
def test_wrong_usage_exits_2(args) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "brug: samarbejdsdok" in result.stderr


# --- argparse in Danish -----------------------------------------------------------------------

# argparse's English words; none may reach the user.
ENGLISH = (
    "usage",
    "options",
    "positional arguments",
    "show this help",
    "show program",
    "error:",
    "the following",
    "required",
    "invalid choice",
    "choose from",
    "unrecognized",
    "expected",
    "ambiguous",
    "not allowed",
    "default:",
)


def _english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text.lower()]


def _command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand of the CLI (``()`` for the top level)."""
    import argparse

    from samarbejdsdok.cli import build_parser

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [path]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += walk(sub, (*path, name))
        return found

    return walk(build_parser(), ())


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from samarbejdsdok.cli import main

    try:
        status = main(args)
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_help_of_every_command_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    paths = _command_paths()
    assert ("render",) in paths and ("sag", "render") in paths
    for path in paths:
        status, out, err = _main([*path, "--help"], capsys)
        assert status == 0, (path, err)
        assert out.startswith("brug: samarbejdsdok"), (path, out)
        assert "tilvalg:" in out and "vis denne hjælp og afslut" in out, (path, out)
        assert not _english_in(out + err), (path, _english_in(out + err), out)


@pytest.mark.parametrize(
    ("args", "danish"),
    [
        ([], "følgende argumenter mangler: KOMMANDO"),
        (["nonsense"], "ugyldigt valg: 'nonsense' (vælg mellem "),  # 3.12.8+: no quotes
        (["render", "samtykke_generel", "x.json"], "følgende argumenter mangler: -o/--output"),
        (["render", "samtykke_generel", "x.json", "-o"], "-o/--output: kræver én værdi"),
        (["forms", "--bad"], "ukendte argumenter: --bad"),
        (["forms", "ekstra"], "ukendte argumenter: ekstra"),
        (["plan", "bbu", "--start", "2026-01-01", "--uger", "mange"], "ugyldig værdi: 'mange'"),
        (["merge", "samtykke_generel", "x.csv", "--jobs"], "--jobs: kræver én værdi"),
        (["sag", "nonsense"], "ugyldigt valg: 'nonsense'"),
        (["sag", "render"], "følgende argumenter mangler"),
        (["plan", "bbu", "--start", "2026-01-01", "--u", "x"], "tvetydigt tilvalg: --u kan være"),
    ],
)
def test_usage_errors_are_danish(
    args: list[str], danish: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _main(args, capsys)
    assert status == 2
    assert err.startswith("brug: samarbejdsdok"), err
    assert danish in err, err
    assert ": fejl: " in err, err
    assert not _english_in(err), (_english_in(err), err)


def test_version_help_and_usage_error_through_a_subprocess() -> None:
    result = run("--help")
    assert "--version       vis programmets versionsnummer og afslut" in result.stdout
    assert not _english_in(result.stdout)
    result = run("validate")
    assert result.returncode == 2
    assert "samarbejdsdok validate: fejl: følgende argumenter mangler: FORM, DATA" in result.stderr


def test_other_argparse_parsers_keep_their_language(capsys: pytest.CaptureFixture[str]) -> None:
    """The Danish texts are the CLI's own: a plain ArgumentParser in the same process (a program
    that embeds samarbejdsdok) keeps argparse's texts."""
    import argparse

    from samarbejdsdok.cli import build_parser

    build_parser().format_help()
    plain = argparse.ArgumentParser(prog="andet")
    assert "usage: andet" in plain.format_help()
    assert "show this help message and exit" in plain.format_help()


def test_unknown_form_suggests_the_right_one() -> None:
    result = run("example", "familiplan")
    assert result.returncode == 2
    assert "familieplan" in result.stderr


@pytest.mark.slow  # cross-process: CI runs the slow group
def test_demo_renders_every_form(tmp_path: Path) -> None:
    result = run("demo", "--out", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "demo").glob("*.docx"))
    assert [f.stem for f in files] == sorted(form_names())
    for f in files:
        # The title's first words (a form may specialise the rest, e.g. by method).
        head = " ".join(get_form(f.stem).title.split()[:2]).rstrip(",")
        assert head in docx_text(f.read_bytes())


def test_help_does_not_import_the_rendering_stack() -> None:
    code = (
        "import sys, samarbejdsdok.cli as c\n"
        "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('docxtpl', 'docx', 'pydantic', 'jinja2', 'babel', 'lxml')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "brug: samarbejdsdok" in result.stdout
    assert result.stdout.splitlines()[-1] == "HEAVY:", result.stdout


# --- warnings of a rendered document -------------------------------------------------------------

FALLBACK_WARNING = (
    "Skabelonen samtykke_generel.docx bruger underdokumenter (Subdoc), som kun docxtpl kan "
    "udfylde; dokumentet er lavet med docxtpl (langsommere)"
)


@pytest.fixture
def fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every render (through ``samarbejdsdok.rendering``, which the CLI, the case file and the
    merge all use) comes back as if the slow docxtpl fallback had made it."""
    from samarbejdsdok import rendering
    from samarbejdsdok.engine import RenderedDocument

    real = rendering.render_template

    def render_template(*args, **kwargs):  # type: ignore[no-untyped-def]
        data = real(*args, **kwargs)
        return RenderedDocument(bytes(data), engine="docxtpl", warnings=(FALLBACK_WARNING,))

    monkeypatch.setattr(rendering, "render_template", render_template)


def _commands(tmp: Path) -> dict[str, list[str]]:
    from importlib.resources import files

    from samarbejdsdok import sag

    data = tmp / "data.json"
    example = get_form("samtykke_generel").example()
    data.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    rows = tmp / "rows.json"
    rows.write_text(json.dumps([example, example, example], ensure_ascii=False), encoding="utf-8")
    case = tmp / "sag.yaml"
    case.write_text(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"), "utf-8")
    return {
        "render": ["render", "samtykke_generel", str(data), "-o", str(tmp / "out.docx")],
        "demo": ["demo", "--out", str(tmp / "demo")],
        "sag render": [
            "sag",
            "render",
            str(case),
            "--form",
            "familieplan",
            "-o",
            str(tmp / "fp.docx"),
        ],
        "sag render --all": ["sag", "render", str(case), "--all", "--out-dir", str(tmp / "sag")],
        "merge": ["merge", "samtykke_generel", str(rows), "--out-dir", str(tmp / "flet")],
    }


@pytest.mark.parametrize("command", ["render", "demo", "sag render", "sag render --all", "merge"])
def test_warnings_of_rendered_documents_reach_stderr_once(
    command: str, fallback: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samarbejdsdok.cli import main

    args = _commands(tmp_path)[command]
    assert main(args) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    # Once per distinct warning per run, however many documents the command made.
    assert lines.count(f"advarsel: {FALLBACK_WARNING}") == 1, err
    assert sum(line.startswith("advarsel:") for line in lines) == 1, err
    assert "Kragh Hansen" not in err and "Mette" not in err  # no personal data
    if command == "merge":
        import csv

        text = (tmp_path / "flet" / "rapport.csv").read_text("utf-8-sig")
        header, *rows = csv.reader(text.splitlines(), delimiter=";")
        assert header == ["række", "status", "fil", "pdf", "fejl", "bemærkning"]  # unchanged
        assert [(r[1], r[5]) for r in rows] == [("ok", FALLBACK_WARNING)] * 3  # in the note


def test_no_warning_line_without_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samarbejdsdok.cli import main

    assert main(_commands(tmp_path)["render"]) == 0
    assert "advarsel" not in capsys.readouterr().err


def test_python_api_passes_warnings_on(fallback: None, tmp_path: Path) -> None:
    import samarbejdsdok
    from samarbejdsdok import sag

    model = get_form("samtykke_generel").example_model()
    assert samarbejdsdok.render(model).warnings == (FALLBACK_WARNING,)
    written = sag.render_all(sag.example(), tmp_path / "sag")
    assert written.warnings == (FALLBACK_WARNING,)
    assert all(isinstance(p, Path) for p in written)
    example = get_form("samtykke_generel").example()
    results = list(samarbejdsdok.merge("samtykke_generel", [example, {}]))
    assert [r.note for r in results] == [FALLBACK_WARNING, "tom række"]


def test_fields_shows_which_box_is_which_partner(tmp_path: Path) -> None:
    result = run("fields", "samtykke_generel")
    assert result.returncode == 0, result.stderr
    boxes = {
        line.split()[0]: line.split(maxsplit=3)[1:]
        for line in result.stdout.splitlines()
        if re.match(r"  \d+ ", line)
    }
    assert boxes["1"] == [
        "interne_parter.0.afkrydset",
        "familieraadgivningen",
        "Familierådgivningen",
    ]
    assert boxes["7"] == ["interne_parter.6.afkrydset", "folkeskole", "Folkeskole"]
    assert len(boxes) == 7
    assert "'Afkrydset 1' er boks 1" in " ".join(result.stdout.split())

    from samarbejdsdok import profil

    own = {**profil.example(), "standardparter": [{"noegle": "ppr", "navn": "PPR"}]}
    path = tmp_path / "profil.json"
    path.write_text(json.dumps(own), encoding="utf-8")
    result = run("fields", "samtykke_generel", "--profile", str(path))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if re.match(r"  \d+ ", line)]
    assert [line.split() for line in lines] == [["1", "interne_parter.0.afkrydset", "ppr", "PPR"]]


def test_render_with_a_profile_names_the_boxes_ticked(tmp_path: Path) -> None:
    from samarbejdsdok import profil

    own = {
        **profil.example(),
        "standardparter": [
            {"noegle": "raadgivning", "navn": "Rådgivningen", "kontaktoplysninger": "tlf. 1"},
            {"noegle": "skole", "navn": "Skolen", "kontaktoplysninger": "tlf. 2"},
        ],
    }
    (tmp_path / "profil.json").write_text(json.dumps(own), encoding="utf-8")
    data = get_form("samtykke_generel").example()
    data["interne_parter"] = [{"boks": "skole", "afkrydset": True}]
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run(
        "render",
        "samtykke_generel",
        "data.json",
        "-o",
        str(out),
        "--profile",
        "profil.json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    text = docx_text(out.read_bytes())
    assert "☐ | Rådgivningen | " in text and "☒ | Skolen | tlf. 2" in text
