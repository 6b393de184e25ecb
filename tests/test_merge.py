"""Batch mail merge through its real interfaces: the CLI in a subprocess on files the tests write
(Excel, Danish CSV in Windows-1252 and UTF-8 with BOM, JSON Lines, JSON), and the Python API."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import docx_text, require_soffice

import samarbejdsdok
from samarbejdsdok.errors import Problem
from samarbejdsdok.forms import get_form
from samarbejdsdok.mailmerge import (
    FilenamePatternError,
    MergeResult,
    Status,
    flatten,
    merge,
    safe_filename,
)
from samarbejdsdok.sources import open_source

FORM = "samtykke_generel"
FULL_CPR = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")


def run(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def example_flat(form: str = FORM) -> dict[str, object]:
    return dict(flatten(get_form(form).example()))


def read_report(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the report must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def statuses(report: list[dict[str, str]]) -> dict[str, int]:
    counts = {"ok": 0, "fejl": 0, "sprunget over": 0}
    for line in report:
        counts[line["status"]] += 1
    return counts


def consent_rows(n: int, *, bad: set[int] = frozenset(), empty: set[int] = frozenset()):
    """n rows of the consent form as flat dicts; the i-th parent is called 'Forælder i'."""
    base = example_flat()
    for i in range(n):
        if i in empty:
            yield {k: None for k in base}
            continue
        row = dict(base)
        row["samtykkegiver.navn"] = f"Forælder {i} Ærø"
        row["boern.0.navn"] = f"Barn {i} Ågård"
        if i in bad:
            row["boern.1.cpr"] = "320116-4567"  # no 32nd day
        yield row


def write_csv(path: Path, rows: list[dict], encoding: str, *, yes_no: bool = True) -> None:
    headers = list(rows[0]) if rows else []
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(headers)
        for row in rows:
            cells = []
            for h in headers:
                v = row.get(h)
                if isinstance(v, bool) and yes_no:
                    v = "ja" if v else "nej"
                elif h in ("underskriftsdato", "gyldig_fra") and isinstance(v, str):
                    v = dt.date.fromisoformat(v).strftime("%d-%m-%Y")
                elif h == "gyldig_til" and isinstance(v, str):
                    v = dt.date.fromisoformat(v).strftime("%d.%m.%Y")
                cells.append("" if v is None else v)
            w.writerow(cells)


# --- Excel ---------------------------------------------------------------------------------------


def example_profile(folder: Path) -> str:
    """The bundled example profile written as ``folder/profil.json``: the consent forms take
    their data controller, data protection officer and retention rule from it."""
    from samarbejdsdok import profil

    path = folder / "profil.json"
    path.write_text(json.dumps(profil.example(), ensure_ascii=False), "utf-8")
    return str(path)


def make_workbook(path: Path) -> None:
    """Danish titles and dotted paths as headers, an Excel date cell, yes/no typed as people do,
    an empty row, a row with an invalid CPR number, formatted empty rows at the bottom."""
    import openpyxl

    base = example_flat()
    headers = [
        "Samtykkegivers navn",  # title
        "Samtykkegivers cpr-nummer",
        "Barnets navn 1",  # title of a list item, numbered from 1
        "Barnets cpr-nummer 1",
        "boern.1.navn",  # dotted path
        "boern.1.cpr",
        "Kommune",
        "Indsatsens navn",
        "Dato",  # underskriftsdato: an Excel date cell
        "Samtykket gælder fra",
        "gyldig_til",
        "status",
        "interne_parter.0.navn",
        "interne_parter.0.afkrydset",  # ja/nej
        "interne_parter.1.navn",
        "interne_parter.1.afkrydset",  # x/blank
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Samtykker"
    wb.create_sheet("Noter").append(["ikke data"])
    ws.append(headers)

    def row(name: str, child_cpr: str, ja: str, x: str | None, status: str = "Afgivet"):
        return [
            name,
            base["samtykkegiver.cpr"],
            f"Barn af {name}",
            child_cpr,
            "Oliver Kragh Hansen",
            base["boern.1.cpr"],
            "Furesø Kommune",
            "Familiens Fremtid",
            dt.datetime(2026, 11, 23),
            "23.11.2026",
            "22-11-2027",
            status,
            "Familierådgivningen",
            ja,
            "Sundhedsplejen",
            x,
        ]

    ws.append(row("Mette Kragh Hansen", "150311-4123", "ja", None))  # row 2
    ws.append(row("Søren Ærø", "150311-4123", "Nej", "x"))  # row 3
    ws.append([None] * len(headers))  # row 4: empty
    ws.append(row("Åse Øster", "320111-4123", "ja", "X"))  # row 5: bad CPR
    ws.append(row("Ib Holm", "150311-4123", "1", "0"))  # row 6
    ws["I2"].number_format = "dd-mm-yyyy"
    for r in range(7, 12):  # formatted but empty rows at the bottom are not data
        ws.cell(row=r, column=1).number_format = "@"
    wb.save(path)


def test_xlsx_titles_dates_yes_no_and_every_row_accounted_for(tmp_path: Path) -> None:
    book = tmp_path / "samtykker.xlsx"
    make_workbook(book)
    out = tmp_path / "ud"
    # the profile gives the consent's article 13 information the sheet has no columns for
    profile = example_profile(tmp_path)
    result = run("merge", FORM, str(book), "--out-dir", str(out), "--profile", profile)
    assert result.returncode == 1, result.stderr  # one row failed
    report = read_report(out / "rapport.csv")
    assert [line["række"] for line in report] == ["2", "3", "4", "5", "6"]
    assert [line["status"] for line in report] == ["ok", "ok", "sprunget over", "fejl", "ok"]
    assert report[2]["bemærkning"] == "tom række"
    # the column as written in the sheet leads, with the cell and the field's path
    assert "kolonne 'Barnets cpr-nummer 1' (celle D5, felt boern.0.cpr)" in report[3]["fejl"]
    assert "320111-XXXX" in report[3]["fejl"]
    docs = sorted(out.glob("*.docx"))
    assert len(docs) == statuses(report)["ok"] == 3
    assert "række 5: kolonne 'Barnets cpr-nummer 1' (celle D5, felt boern.0.cpr)" in result.stderr
    assert "4123" not in result.stderr

    text = docx_text((out / report[1]["fil"]).read_bytes())
    assert "Søren Ærø" in text and "Barn af Søren Ærø" in text
    assert "Dato | Underskrift: Søren Ærø" in text
    assert "23. november 2026" in text and "22. november 2027" in text  # Excel date, 22-11-2027
    assert "☐ | Familierådgivningen" in text  # "Nej"
    assert "☒ | Sundhedsplejen" in text  # "x"
    first = docx_text((out / report[0]["fil"]).read_bytes())
    assert "☒ | Familierådgivningen" in first and "☐ | Sundhedsplejen" in first  # ja / blank
    # "Afgivet" typed with a capital is read (the row is ok), but a form to be signed never
    # prints the case's status
    assert "Status" not in first and "fgivet" not in first
    last = docx_text((out / report[4]["fil"]).read_bytes())
    assert "☒ | Familierådgivningen" in last and "☐ | Sundhedsplejen" in last  # 1 / 0


def test_xlsx_sheet_option(tmp_path: Path) -> None:
    book = tmp_path / "samtykker.xlsx"
    make_workbook(book)
    wrong = run("merge", FORM, str(book), "--out-dir", str(tmp_path / "a"), "--sheet", "Ark1")
    assert wrong.returncode == 1
    assert "Ark1" in wrong.stderr and "'Samtykker' og 'Noter'" in wrong.stderr
    other = run("merge", FORM, str(book), "--out-dir", str(tmp_path / "b"), "--sheet", "Noter")
    assert other.returncode == 1
    assert "kolonne A 'ikke data'" in other.stderr
    assert not list((tmp_path / "b").glob("*.docx"))


# --- CSV as Danish Excel writes it ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_danish_csv_windows_1252_and_utf8_bom(tmp_path: Path, encoding: str) -> None:
    rows = list(consent_rows(6, bad={2}, empty={4}))
    source = tmp_path / "data.csv"
    write_csv(source, rows, encoding)
    raw = source.read_bytes()
    assert ("Ærø".encode("cp1252") in raw) == (encoding == "cp1252")
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out))
    assert result.returncode == 1
    report = read_report(out / "rapport.csv")
    assert [line["række"] for line in report] == ["2", "3", "4", "5", "6", "7"]
    assert statuses(report) == {"ok": 4, "fejl": 1, "sprunget over": 1}
    assert report[2]["status"] == "fejl" and report[4]["status"] == "sprunget over"
    assert len(report) == len(rows)
    assert len(list(out.glob("*.docx"))) == 4
    text = docx_text((out / report[5]["fil"]).read_bytes())
    assert "Forælder 5 Ærø" in text and "Barn 5 Ågård" in text
    assert "27. maj 2026" in text


def test_csv_encoding_and_delimiter_can_be_given(tmp_path: Path) -> None:
    rows = list(consent_rows(2))
    source = tmp_path / "data.txt"
    headers = list(rows[0])
    with source.open("w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if r[h] is None else r[h] for h in headers])
    out = tmp_path / "ud"
    result = run(
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(out),
        "--encoding",
        "cp1252",
        "--delimiter",
        "tab",
    )
    assert result.returncode == 0, result.stderr
    assert "Forælder 1 Ærø" in docx_text((out / "samtykke_generel-00003.docx").read_bytes())
    # Read as UTF-8 the same bytes cannot be decoded: a clear message, no documents.
    wrong = run("merge", FORM, str(source), "--out-dir", str(tmp_path / "x"), "--encoding", "utf-8")
    assert wrong.returncode == 1
    assert "--encoding" in wrong.stderr


# --- JSON Lines and JSON -------------------------------------------------------------------------


def test_jsonl_numbers_rows_by_line_and_reports_bad_lines(tmp_path: Path) -> None:
    good = get_form(FORM).example()
    bad = json.loads(json.dumps(good))
    del bad["gyldig_fra"]
    lines = [
        json.dumps(good, ensure_ascii=False),  # 1 ok (nested, as the JSON examples)
        json.dumps({k: v for k, v in example_flat().items()}, ensure_ascii=False),  # 2 ok (dotted)
        "{not json",  # 3 fejl
        "",  # 4 empty
        json.dumps(bad, ensure_ascii=False),  # 5 fejl
        "[1, 2]",  # 6 fejl: not an object
        json.dumps(good, ensure_ascii=False),  # 7 ok
        "",
        "",
    ]
    source = tmp_path / "data.jsonl"
    source.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out))
    assert result.returncode == 1
    report = read_report(out / "rapport.csv")
    assert [(line["række"], line["status"]) for line in report] == [
        ("1", "ok"),
        ("2", "ok"),
        ("3", "fejl"),
        ("4", "sprunget over"),
        ("5", "fejl"),
        ("6", "fejl"),
        ("7", "ok"),
    ]
    assert "ikke gyldig JSON" in report[2]["fejl"]
    assert "gyldig_fra (Samtykket gælder fra): skal udfyldes" in report[4]["fejl"]
    assert "JSON-objekt" in report[5]["fejl"]
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "samtykke_generel-00001.docx",
        "samtykke_generel-00002.docx",
        "samtykke_generel-00007.docx",
    ]


def test_json_list(tmp_path: Path) -> None:
    good = get_form(FORM).example()
    source = tmp_path / "data.json"
    source.write_text(json.dumps([good, {}, good], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out))
    assert result.returncode == 0, result.stderr
    report = read_report(out / "rapport.csv")
    assert [line["status"] for line in report] == ["ok", "sprunget over", "ok"]


# --- columns -------------------------------------------------------------------------------------


def test_unknown_and_ambiguous_columns_stop_before_any_document(tmp_path: Path) -> None:
    rows = list(consent_rows(2))
    for r in rows:
        r["samtykkegiver.navnn"] = r.pop("samtykkegiver.navn")
        r["Barnets navn"] = "x"
    source = tmp_path / "data.csv"
    write_csv(source, rows, "utf-8-sig")
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out))
    assert result.returncode == 1
    assert "'samtykkegiver.navnn': feltet findes ikke i formularen" in result.stderr
    assert "mente du: samtykkegiver.navn" in result.stderr
    assert "'Barnets navn 1'" in result.stderr  # a list item needs its number
    assert not out.exists() or not list(out.glob("*.docx"))

    nb = get_form("netvaerksmoede_notat")
    source = tmp_path / "notat.csv"
    source.write_text("Navn 1;Dato for mødet\nA;23-11-2026\n", encoding="utf-8")
    result = run("merge", nb.name, str(source), "--out-dir", str(out))
    assert result.returncode == 1
    assert "deltagere.netvaerket.0.navn" in result.stderr
    assert "netvaerkets_runde.0.navn" in result.stderr  # every candidate named


def test_network_meeting_times_lists_in_a_cell_and_gaps(tmp_path: Path) -> None:
    """Times as 10.00 and Excel time cells, names one a line in a cell, an empty first
    agreement (the second keeps its number in the error)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Kommune",
            "Indsatsens navn",
            "Familiens navne",
            "Dato for mødet",
            "Tidspunkt for mødet (start)",
            "sluttid",
            "aftaler.0.indhold",
            "aftaler.1.indhold",
            "aftaler.1.tidsfrist",
            "Ansvarlige 2",
        ]
    )
    ws.append(
        [
            "Furesø Kommune",
            "Familiens Fremtid",
            "Mette Kragh Hansen\nSofie Kragh Hansen",
            "23.11.2026",
            "10.00",
            dt.time(12, 0),
            None,
            "Morgenplan",
            "01-12-2026",
            "Thomas Lund\nMette Kragh Hansen",
        ]
    )
    ws.append(
        [
            "Furesø Kommune",
            "Familiens Fremtid",
            "Mette",
            dt.datetime(2026, 11, 23),
            dt.time(10, 0),
            "kl. 12:00",
            None,
            "Morgenplan",
            "01-11-2026",
            None,
        ]
    )
    book = tmp_path / "noter.xlsx"
    wb.save(book)
    out = tmp_path / "ud"
    result = run(
        "merge",
        "netvaerksmoede_notat",
        str(book),
        "--out-dir",
        str(out),
        "--filename",
        "notat {dato:%d-%m-%Y} {row}",
    )
    report = read_report(out / "rapport.csv")
    assert report[0]["status"] == "ok", report[0]
    assert report[0]["fil"] == "notat 23-11-2026 2.docx"
    text = docx_text((out / report[0]["fil"]).read_bytes())
    assert "Sofie Kragh Hansen" in text and "Morgenplan" in text and "Thomas Lund" in text
    assert "10.00" in text and "12.00" in text
    assert report[1]["status"] == "fejl"
    # not aftaler.0; a dotted header is followed by the field's title
    assert "kolonne 'aftaler.1.tidsfrist' (celle I3, Tidsfrister)" in report[1]["fejl"]
    assert result.returncode == 1


# --- file names ----------------------------------------------------------------------------------


def test_name_collisions_get_a_suffix_and_never_overwrite(tmp_path: Path) -> None:
    rows = list(consent_rows(5))
    for r in rows:
        r["samtykkegiver.navn"] = "Mette Hansen"
    rows[3]["samtykkegiver.navn"] = "METTE HANSEN"  # the same name on Windows and macOS
    rows[4]["samtykkegiver.navn"] = "CON"  # a reserved device name on Windows
    source = tmp_path / "data.csv"
    write_csv(source, rows, "utf-8-sig")
    out = tmp_path / "ud"
    result = run(
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(out),
        "--filename",
        "{samtykkegiver.navn}: samtykke?",
    )
    assert result.returncode == 0, result.stderr
    report = read_report(out / "rapport.csv")
    names = [line["fil"] for line in report]
    assert names == [
        "Mette Hansen_ samtykke_.docx",
        "Mette Hansen_ samtykke_-2.docx",
        "Mette Hansen_ samtykke_-3.docx",
        "METTE HANSEN_ samtykke_-4.docx",
        "CON_ samtykke_.docx",
    ]
    assert len(list(out.glob("*.docx"))) == 5
    for i, name in enumerate(names):  # each file holds its own row
        assert f"Barn {i} Ågård" in docx_text((out / name).read_bytes())


def test_safe_filename_for_windows_and_linux() -> None:
    assert safe_filename("nul.docx") == "_nul.docx"
    assert safe_filename("COM1.notat.docx") == "_COM1.notat.docx"
    assert safe_filename("a\tb\nc   d .docx") == "a b c d.docx"
    assert safe_filename("...docx") == "dokument.docx"
    long = safe_filename("æ" * 300 + ".docx")
    assert long.endswith(".docx") and len(long) <= 120 and len(long.encode()) < 255
    assert safe_filename("x 1204851234 y.docx") == "x 120485-XXXX y.docx"


def test_a_pattern_with_a_cpr_field_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(1)), "utf-8-sig")
    out = tmp_path / "ud"
    result = run(
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(out),
        "--filename",
        "{samtykkegiver.navn}-{boern.0.cpr}.docx",
    )
    assert result.returncode == 2
    assert "cpr-nummer" in result.stderr and "boern.0.cpr" in result.stderr
    assert not out.exists()
    unknown = run("merge", FORM, str(source), "--out-dir", str(out), "--filename", "{navn}")
    assert unknown.returncode == 2 and "{navn}" in unknown.stderr
    with pytest.raises(FilenamePatternError):
        merge(FORM, [], filename="{samtykkegiver.cpr}")


# --- resume and interruption ---------------------------------------------------------------------


def test_resume_renders_only_missing_or_broken_documents(tmp_path: Path) -> None:
    rows = list(consent_rows(8, bad={5}))
    source = tmp_path / "data.csv"
    write_csv(source, rows, "cp1252")
    out = tmp_path / "ud"
    first = run("merge", FORM, str(source), "--out-dir", str(out))
    assert first.returncode == 1
    docs = sorted(out.glob("*.docx"))
    assert len(docs) == 7
    past = time.time() - 3600
    for d in docs:
        os.utime(d, (past, past))
    docs[1].unlink()  # a missing document
    docs[4].write_bytes(docs[4].read_bytes()[:5000])  # a truncated one
    killed = out / ".samarbejdsdok-tmp-killed01"  # a killed run's folder: nobody holds its lock
    killed.mkdir()
    (killed / "lock").write_text("999999")
    (killed / "dokument-abc.tmp").write_bytes(b"half")
    legacy = out / f".{docs[2].name}.abc123_x.tmp"  # an earlier version's temp file
    legacy.write_bytes(b"half")
    os.utime(legacy, (past, past))
    again = run("merge", FORM, str(source), "--out-dir", str(out), "--resume")
    assert again.returncode == 1  # row 7 is still wrong
    report = read_report(out / "rapport.csv")
    assert statuses(report) == {"ok": 2, "fejl": 1, "sprunget over": 5}
    redone = {line["fil"] for line in report if line["status"] == "ok"}
    assert redone == {docs[1].name, docs[4].name}
    for line in report:
        if line["status"] == "sprunget over":
            assert line["bemærkning"] == "findes allerede (kørslen genoptaget)"
    for d in docs:
        assert zipfile.ZipFile(d).testzip() is None
        assert (d.stat().st_mtime > past + 60) == (d.name in redone)
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow  # cross-process: CI runs the slow group
def test_an_interrupted_run_leaves_complete_documents_and_resumes(tmp_path: Path) -> None:
    n = 2000
    source = tmp_path / "data.jsonl"
    example = get_form(FORM).example()
    with source.open("w", encoding="utf-8") as fh:
        for i in range(n):
            example["samtykkegiver"]["navn"] = f"Forælder {i}"
            fh.write(json.dumps(example, ensure_ascii=False) + "\n")
    out = tmp_path / "ud"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "samarbejdsdok",
            "merge",
            FORM,
            str(source),
            "--out-dir",
            str(out),
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and len(list(out.glob("*.docx"))) >= 50:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    interrupted = proc.returncode == 130
    assert proc.returncode in (0, 130), err
    done = sorted(out.glob("*.docx"))
    for d in done:  # only complete documents
        with zipfile.ZipFile(d) as zf:
            assert zf.testzip() is None
    report = read_report(out / "rapport.csv")
    assert len(report) == n  # every row is in the report, also after Ctrl-C
    if interrupted:
        assert "--resume" in err
        assert any(line["bemærkning"].startswith("ikke færdig") for line in report)
    again = run("merge", FORM, str(source), "--out-dir", str(out), "--resume", "--jobs", "2")
    assert again.returncode == 0, again.stderr
    report = read_report(out / "rapport.csv")
    counts = statuses(report)
    assert counts["sprunget over"] == len(done)
    assert counts["ok"] == n - len(done)
    assert len(list(out.glob("*.docx"))) == n


def test_stopping_the_generator_leaves_only_complete_documents(tmp_path: Path) -> None:
    out = tmp_path / "ud"
    results = merge(FORM, consent_rows(400), out_dir=out, jobs=2)
    first = list(itertools.islice(results, 5))
    results.close()
    assert [r.row for r in first] == [1, 2, 3, 4, 5]
    made = sorted(out.glob("*.docx"))
    assert 5 <= len(made) < 200  # the rows in flight, not all 400
    for d in made:
        assert zipfile.ZipFile(d).testzip() is None
    rest = list(merge(FORM, consent_rows(400), out_dir=out, resume=True))
    assert sum(r.status is Status.SPRUNGET_OVER for r in rest) == len(made)
    assert sum(r.ok for r in rest) == 400 - len(made)


# --- killed runs, concurrent runs and write errors -----------------------------------------------


def write_jsonl(path: Path, n: int) -> None:
    example = get_form(FORM).example()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            example["samtykkegiver"]["navn"] = f"Forælder {i}"
            fh.write(json.dumps(example, ensure_ascii=False) + "\n")


def descendants(pid: int) -> dict[int, str]:
    """The processes below ``pid`` (children, grandchildren...), by pid, each with its start
    time (so a reused pid is not taken for the same process), read from /proc."""
    parents: dict[int, int] = {}
    started: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry)] = int(fields[1])
        started[int(entry)] = fields[19]
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found[child] = started[child]
                todo.append(child)
    return found


def still_running(processes: dict[int, str]) -> list[int]:
    """Those of ``processes`` that exist and are not zombies (a zombie runs no code)."""
    alive = []
    for pid, start in processes.items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[19] == start and fields[0] != "Z":
            alive.append(pid)
    return alive


def hidden(folder: Path) -> list[str]:
    """What a run may leave behind: temp files and run folders (names starting with a dot)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_killed_merge_leaves_no_worker_and_no_temp_files(tmp_path: Path, sig: int) -> None:
    n = 800  # still running after 50 documents (it is killed then)
    source = tmp_path / "data.jsonl"
    write_jsonl(source, n)
    out = tmp_path / "ud"
    log = tmp_path / "stderr.txt"
    workers: dict[int, str] = {}
    with log.open("w") as stderr:  # not a pipe: a surviving worker would hold it open
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "samarbejdsdok",
                "merge",
                FORM,
                str(source),
                "--out-dir",
                str(out),
                "--jobs",
                "2",
            ],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and len(list(out.glob("*.docx"))) >= 50:
                break
            time.sleep(0.005)
        workers = descendants(proc.pid)
        assert proc.poll() is None, "the merge ended before it could be killed"
        assert len(workers) >= 2, workers  # the two worker processes (and any helper)
        proc.send_signal(sig)
        proc.wait(timeout=120)
        # The workers die with the merge: within a few seconds none is left, also after SIGKILL.
        deadline = time.monotonic() + 10
        while still_running(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert still_running(workers) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in still_running(workers):  # so a failing run leaves no process behind
            os.kill(pid, signal.SIGKILL)
    err = log.read_text(encoding="utf-8")
    made = {p.name for p in out.glob("*.docx")}
    time.sleep(1)
    assert {p.name for p in out.glob("*.docx")} == made  # and nobody writes documents any more
    for name in made:  # only complete documents
        with zipfile.ZipFile(out / name) as zf:
            assert zf.testzip() is None
    if sig == signal.SIGTERM:
        assert proc.returncode == 143, err
        assert "stoppet (SIGTERM)" in err and "--resume" in err
        assert "Traceback" not in err
        assert hidden(out) == []  # the run removed its temporary folder itself
        report = read_report(out / "rapport.csv")
        assert [int(line["række"]) for line in report] == list(range(1, n + 1))
        # The report accounts for the rows done: exactly the documents that are there are ok.
        assert {line["fil"] for line in report if line["status"] == "ok"} == made
        assert 50 <= len(made) < n
        for line in report:
            if line["status"] != "ok":
                assert line["status"] == "sprunget over"
                assert line["bemærkning"].startswith("ikke færdig: kørslen blev stoppet")
    else:
        assert proc.returncode == -signal.SIGKILL
        assert any(name.startswith(".samarbejdsdok-tmp-") for name in hidden(out))
        assert not (out / "rapport.csv").exists()
    again = run("merge", FORM, str(source), "--out-dir", str(out), "--resume", "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert hidden(out) == []  # the killed run's temporary folder is gone too
    counts = statuses(read_report(out / "rapport.csv"))
    assert counts == {"ok": n - len(made), "fejl": 0, "sprunget over": len(made)}


@pytest.mark.slow
def test_two_merges_into_one_folder_both_complete(tmp_path: Path) -> None:
    n = 150
    source = tmp_path / "data.jsonl"
    write_jsonl(source, n)
    out = tmp_path / "ud"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "samarbejdsdok",
                "merge",
                FORM,
                str(source),
                "--out-dir",
                str(out),
                "--jobs",
                "2",
                "--filename",
                f"{FORM}-{which}-{{row:05d}}",
                "--report",
                str(out / f"rapport-{which}.csv"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for which in ("a", "b")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    for which in ("a", "b"):
        report = read_report(out / f"rapport-{which}.csv")
        assert statuses(report) == {"ok": n, "fejl": 0, "sprunget over": 0}
        made = sorted(out.glob(f"{FORM}-{which}-*.docx"))
        assert len(made) == n
        for d in made:
            with zipfile.ZipFile(d) as zf:
                assert zf.testzip() is None
    assert hidden(out) == []


def test_a_new_run_removes_only_the_temp_folders_of_dead_runs(tmp_path: Path) -> None:
    from samarbejdsdok.mailmerge.runfolder import RunFolder as _RunFolder
    from samarbejdsdok.mailmerge.runfolder import remove_stale_runs as _remove_stale_runs

    out = tmp_path / "ud"
    out.mkdir()
    dead = out / ".samarbejdsdok-tmp-dead0001"  # a killed run: its lock file is free
    dead.mkdir()
    (dead / "lock").write_text("999999")
    (dead / "dokument-x.tmp").write_bytes(b"half")
    alive = _RunFolder(out)  # a run that is going: it holds its lock
    (alive.path / "dokument-y.tmp").write_bytes(b"being written")
    young = out / ".samarbejdsdok-tmp-new00001"  # a run making its folder right now: no lock yet
    young.mkdir()
    try:
        _remove_stale_runs(out)
        assert not dead.exists()
        assert (alive.path / "dokument-y.tmp").read_bytes() == b"being written"
        assert young.exists()
    finally:
        alive.close()
    assert not alive.path.exists()
    assert hidden(out) == [young.name]


def test_a_document_that_cannot_be_written_is_a_fejl_row(tmp_path: Path) -> None:
    source = tmp_path / "data.jsonl"
    write_jsonl(source, 40)
    out = tmp_path / "ud"
    (out / f"{FORM}-00003.docx").mkdir(parents=True)  # a folder where a document should go
    result = run("merge", FORM, str(source), "--out-dir", str(out), "--jobs", "2")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = read_report(out / "rapport.csv")
    assert [int(line["række"]) for line in report] == list(range(1, 41))
    assert statuses(report) == {"ok": 39, "fejl": 1, "sprunget over": 0}
    assert report[2]["status"] == "fejl"
    assert "kunne ikke gemmes: der findes en mappe med det navn" in report[2]["fejl"]
    assert "række 3: (hele dokumentet): dokumentet kunne ikke gemmes" in result.stderr
    assert hidden(out) == []


def fail_replace(monkeypatch: pytest.MonkeyPatch, *suffixes: str) -> None:
    """``os.replace`` onto a name ending in one of ``suffixes`` fails as on a full disk."""
    import errno

    real_replace = os.replace

    def replace(src: str, dst: str | Path) -> None:
        if str(dst).endswith(suffixes):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_disk_full_while_writing_documents_is_reported_per_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from samarbejdsdok.cli import main

    source = tmp_path / "data.jsonl"
    write_jsonl(source, 6)
    out = tmp_path / "ud"
    fail_replace(monkeypatch, "-00002.docx", "-00005.docx")
    assert main(["merge", FORM, str(source), "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    report = read_report(out / "rapport.csv")
    assert [line["status"] for line in report] == ["ok", "fejl", "ok", "ok", "fejl", "ok"]
    assert "der er ikke mere plads på disken" in report[1]["fejl"]
    assert "No space" not in report[1]["fejl"]  # Danish, and no path
    assert str(out) not in report[1]["fejl"]
    assert sorted(p.name for p in out.glob("*.docx")) == [
        f"{FORM}-0000{i}.docx" for i in (1, 3, 4, 6)
    ]
    assert "række 2: (hele dokumentet): dokumentet kunne ikke gemmes" in err
    assert hidden(out) == []


def test_a_read_only_output_folder_gives_fejl_rows_and_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    from samarbejdsdok.cli import main

    source = tmp_path / "data.jsonl"
    write_jsonl(source, 4)
    out = tmp_path / "ud"
    out.mkdir()
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args: object, **kwargs: object) -> str:
        if Path(str(kwargs.get("dir"))) == out:  # as the file system says for a read-only folder
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkdtemp(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    report_path = tmp_path / "rapport.csv"
    code = main(["merge", FORM, str(source), "--out-dir", str(out), "--report", str(report_path)])
    assert code == 1
    report = read_report(report_path)
    assert [line["status"] for line in report] == ["fejl"] * 4
    for line in report:
        assert "dokumentet kunne ikke gemmes: " in line["fejl"]
        assert "ingen skriveadgang" in line["fejl"]
    assert list(out.iterdir()) == []
    assert hidden(tmp_path) == []


def test_a_zip_that_cannot_be_written_is_a_danish_error_and_no_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from samarbejdsdok.cli import main

    source = tmp_path / "data.jsonl"
    write_jsonl(source, 5)
    folder = tmp_path / "samtykker.zip"
    folder.mkdir()  # a folder where the archive should go: refused before any row
    result = run("merge", FORM, str(source), "--zip", str(folder))
    assert result.returncode == 1
    assert f"Kan ikke skrive {folder}: der findes en mappe med det navn" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.jsonl", "samtykker.zip"]

    archive = tmp_path / "ud" / "samtykker.zip"
    fail_replace(monkeypatch, ".zip")  # the archive's last step: moving it into place
    assert main(["merge", FORM, str(source), "--zip", str(archive)]) == 1
    err = capsys.readouterr().err
    assert f"Kan ikke skrive {archive}: der er ikke mere plads på disken" in err
    assert list(archive.parent.iterdir()) == []  # no archive, no report, no temp files


def test_a_report_that_cannot_be_written_is_a_danish_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import multiprocessing

    from samarbejdsdok.cli import main

    source = tmp_path / "data.jsonl"
    write_jsonl(source, 120)
    out = tmp_path / "ud"
    out.mkdir()
    (out / "rapport.csv").write_bytes(b"the previous report")
    real_writer = csv.writer

    class FullDisk:
        def __init__(self, fh: object, **kwargs: object) -> None:
            self.writer = real_writer(fh, **kwargs)  # type: ignore[call-overload]
            self.rows = 0

        def writerow(self, row: object) -> object:
            self.rows += 1
            if self.rows > 30:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.writer.writerow(row)

    monkeypatch.setattr(csv, "writer", FullDisk)
    code = main(["merge", FORM, str(source), "--out-dir", str(out), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Kan ikke skrive rapporten" in err and "der er ikke mere plads på disken" in err
    assert "kør igen og genoptag kørslen, når fejlen er rettet (brug --resume)" in err
    assert "Traceback" not in err
    assert (out / "rapport.csv").read_bytes() == b"the previous report"  # not half-written
    assert hidden(out) == []
    assert multiprocessing.active_children() == []  # the workers were stopped


# --- strict, jobs, zip, report -------------------------------------------------------------------


def test_strict_stops_at_the_first_bad_row_and_reports_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(7, bad={2, 5})), "utf-8-sig")
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out), "--strict")
    assert result.returncode == 1
    report = read_report(out / "rapport.csv")
    assert [line["status"] for line in report] == (["ok", "ok", "fejl"] + ["sprunget over"] * 4)
    for line in report[3:]:
        assert "ikke behandlet" in line["bemærkning"] and "række 4" in line["bemærkning"]
    assert len(list(out.glob("*.docx"))) == 2


@pytest.mark.slow  # cross-process: CI runs the slow group
def test_jobs_2_gives_the_same_report_and_documents_as_jobs_1(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(60, bad={7, 33}, empty={20})), "cp1252")
    one = run(
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(tmp_path / "j1"),
        "--jobs",
        "1",
        "--filename",
        "{samtykkegiver.navn}",
    )
    two = run(
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(tmp_path / "j2"),
        "--jobs",
        "2",
        "--filename",
        "{samtykkegiver.navn}",
    )
    assert one.returncode == two.returncode == 1
    r1 = (tmp_path / "j1" / "rapport.csv").read_bytes()
    r2 = (tmp_path / "j2" / "rapport.csv").read_bytes()
    assert r1 == r2
    report = read_report(tmp_path / "j1" / "rapport.csv")
    assert [int(line["række"]) for line in report] == list(range(2, 62))
    for line in report:
        if line["status"] == "ok":
            a = docx_text((tmp_path / "j1" / line["fil"]).read_bytes())
            b = docx_text((tmp_path / "j2" / line["fil"]).read_bytes())
            assert a == b


def test_zip_holds_the_documents(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(6, bad={1})), "utf-8-sig")
    archive = tmp_path / "samtykker.zip"
    result = run(
        "merge",
        FORM,
        str(source),
        "--zip",
        str(archive),
        "--jobs",
        "2",
        "--filename",
        "{samtykkegiver.navn}",
    )
    assert result.returncode == 1
    report = read_report(tmp_path / "samtykker-rapport.csv")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert names == [line["fil"] for line in report if line["status"] == "ok"]
        assert len(names) == 5
        assert "Barn 3 Ågård" in docx_text(zf.read("Forælder 3 Ærø.docx"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    refused = run("merge", FORM, str(source), "--zip", str(archive), "--resume")
    assert refused.returncode == 2


def test_the_report_never_holds_a_full_cpr_number(tmp_path: Path) -> None:
    rows = list(consent_rows(4, bad={1}))
    rows[2]["boern.0.cpr"] = "0102031234X"  # wrong format, written next to a CPR number
    rows[3]["eksterne_parter.0.kontaktoplysninger"] = '=HYPERLINK("x") 120585-2468'
    source = tmp_path / "data.csv"
    write_csv(source, rows, "utf-8-sig")
    out = tmp_path / "ud"
    result = run(
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(out),
        "--filename",
        "{eksterne_parter.0.kontaktoplysninger}",
    )
    text = (out / "rapport.csv").read_text(encoding="utf-8-sig")
    assert not FULL_CPR.search(text), text
    assert not FULL_CPR.search(result.stderr)
    assert not any(FULL_CPR.search(p.name) for p in out.iterdir())
    report = read_report(out / "rapport.csv")
    assert report[3]["fil"].startswith("'=HYPERLINK")  # text to Excel, not a formula
    assert "120585-XXXX" in report[3]["fil"]


# --- PDF -----------------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_pdf_with_one_libreoffice_start(tmp_path: Path) -> None:
    require_soffice()
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(3, bad={1})), "cp1252")
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out), "--pdf")
    assert result.returncode == 1, result.stderr
    report = read_report(out / "rapport.csv")
    assert [line["pdf"] for line in report] == [
        "samtykke_generel-00002.pdf",
        "",
        "samtykke_generel-00004.pdf",
    ]
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2
    text = subprocess.run(
        ["pdftotext", str(pdfs[1]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Forælder 2 Ærø" in " ".join(text.split())
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    archive = tmp_path / "alle.zip"
    zipped = run("merge", FORM, str(source), "--zip", str(archive), "--pdf")
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == [
            "samtykke_generel-00002.docx",
            "samtykke_generel-00002.pdf",
            "samtykke_generel-00004.docx",
            "samtykke_generel-00004.pdf",
        ]
        assert zf.read("samtykke_generel-00004.pdf").startswith(b"%PDF-")
    assert zipped.returncode == 1


#: Stands in for LibreOffice: converts each document to a small complete PDF, except that a
#: start with several documents dies on its third (a truncated PDF left behind, then killed,
#: or hung: FAKE_MODE), and the document named in FAKE_POISON never converts.
FAKE_SOFFICE = """#!/bin/sh
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2; mkdir -p "$out"
echo "start $#" >> "$FAKE_LOG"
i=0
for doc in "$@"; do
    i=$((i + 1)); name=$(basename "$doc" .docx)
    if [ "$name" = "$FAKE_POISON" ]; then printf '%%PDF-1.6 halv' > "$out/$name.pdf"; exit 1; fi
    if [ $# -gt 1 ] && [ $i -eq 3 ]; then
        printf '%%PDF-1.6 halv' > "$out/$name.pdf"
        if [ "$FAKE_MODE" = hang ]; then sleep 30 & echo "sleep $!" >> "$FAKE_LOG"; wait; fi
        kill -9 $$
    fi
    printf '%%PDF-1.6\\n%s\\n%%%%EOF\\n' "$name" > "$out/$name.pdf"
done
"""


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
@pytest.mark.parametrize(("mode", "jobs"), [("crash", 1), ("crash", 2), ("hang", 2)])
def test_a_converter_killed_mid_batch_loses_no_row(
    tmp_path: Path, monkeypatch, capsys, mode: str, jobs: int
) -> None:
    from samarbejdsdok import pdf as pdfmod
    from samarbejdsdok.cli import main
    from samarbejdsdok.mailmerge import merger as mergermod
    from samarbejdsdok.mailmerge import pdf as mergepdf
    from samarbejdsdok.pdf import is_complete_pdf

    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE, "utf-8")
    fake.chmod(0o755)
    log = tmp_path / "log"
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: str(fake))
    monkeypatch.setenv("SAMARBEJDSDOK_UNO_PYTHON", "")  # one --convert-to start per batch
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_MODE", mode)
    monkeypatch.setenv("FAKE_POISON", "samtykke_generel-00008")  # row 8
    monkeypatch.setattr(mergermod, "PDF_BATCH", 4)
    monkeypatch.setattr(mergepdf, "TIMEOUT_START", 0.3)
    monkeypatch.setattr(mergepdf, "TIMEOUT_PER_DOCUMENT", 0.05)
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(11, bad={1})), "cp1252")
    out = tmp_path / "ud"
    code = main(["merge", FORM, str(source), "--out-dir", str(out), "--pdf", "--jobs", str(jobs)])
    assert code == 1
    report = read_report(out / "rapport.csv")
    assert [line["række"] for line in report] == [str(n) for n in range(2, 13)]
    assert statuses(report) == {"ok": 9, "fejl": 2, "sprunget over": 0}
    for line in report:
        if line["status"] == "ok":
            assert is_complete_pdf(out / line["pdf"]), line
            assert (out / line["fil"]).with_suffix(".pdf").name == line["pdf"]
    assert "PDF-konverteringen med LibreOffice mislykkedes" in report[6]["fejl"]  # row 8
    assert report[6]["pdf"] == ""
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(
        line["pdf"] for line in report if line["pdf"]
    )
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing half-written
    starts = [int(w.split()[1]) for w in log.read_text().split("\n") if w.startswith("start")]
    assert max(starts) > 2 and 1 in starts  # batches died mid-way; documents retried alone
    for line in log.read_text().splitlines():  # a hung converter is killed with its children
        if line.startswith("sleep"):
            proc = Path("/proc") / line.split()[1] / "stat"
            for _ in range(50):
                if not proc.exists() or proc.read_text().split(")")[1].split()[0] == "Z":
                    break
                time.sleep(0.02)
            else:
                pytest.fail("the hung converter's child is still running")


#: Stands in for the UNO worker (samarbejdsdok/_soffice_uno.py) and its LibreOffice: says it is
#: ready, then converts each request to a small complete PDF, except that its third document
#: (FAKE_MODE crash: a truncated PDF, then it dies; hang: it never answers) and the document
#: named in FAKE_POISON (a truncated PDF, then "ok") fail. Each start is logged.
FAKE_UNO_WORKER = """
import json, os, sys, time
log = open(os.environ["FAKE_LOG"], "a")
log.write("start %d\\n" % os.getpid()); log.flush()
print(json.dumps({"ready": True}), flush=True)
for n, line in enumerate(sys.stdin, 1):
    request = json.loads(line)
    if not (os.path.isabs(request["in"]) and os.path.isabs(request["out"])):
        print(json.dumps({"ok": False, "error": "a relative path is no file URL"}), flush=True)
        continue
    name = os.path.basename(request["out"])[:-4]
    out = open(request["out"], "wb")
    if name == os.environ["FAKE_POISON"] or (n == 3 and os.environ["FAKE_MODE"] != "none"):
        out.write(b"%PDF-1.6 halv"); out.close()
        if name != os.environ["FAKE_POISON"] and os.environ["FAKE_MODE"] == "hang":
            time.sleep(30)
        if name != os.environ["FAKE_POISON"]:
            os._exit(3)
    else:
        out.write(b"%PDF-1.6\\n" + name.encode() + b"\\n%%EOF\\n"); out.close()
    print(json.dumps({"ok": True}), flush=True)
"""


@pytest.mark.parametrize(("mode", "jobs"), [("crash", 1), ("crash", 2), ("hang", 2)])
def test_a_resident_converter_killed_mid_run_loses_no_row(
    tmp_path: Path, monkeypatch, mode: str, jobs: int
) -> None:
    """One LibreOffice per worker for the whole run (over UNO): a worker that dies or hangs on
    a document is replaced by a fresh one that converts it again; every row is accounted for,
    and a document that never converts is a fejl row without a PDF."""
    from samarbejdsdok import pdf as pdfmod
    from samarbejdsdok.cli import main
    from samarbejdsdok.mailmerge import api as apimod
    from samarbejdsdok.mailmerge import pdf as mergepdf
    from samarbejdsdok.pdf import is_complete_pdf

    worker = tmp_path / "worker.py"
    worker.write_text(FAKE_UNO_WORKER, "utf-8")
    log = tmp_path / "log"
    log.touch()
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: "soffice-not-started")
    monkeypatch.setattr(apimod, "find_uno_python", lambda exe: sys.executable)
    monkeypatch.setattr(pdfmod, "UNO_WORKER", worker)
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_MODE", mode)
    monkeypatch.setenv("FAKE_POISON", "samtykke_generel-00008")  # row 8
    monkeypatch.setattr(mergepdf, "TIMEOUT_PER_DOCUMENT", 0.5)
    monkeypatch.setattr(mergepdf, "TIMEOUT_START", 0.5)
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(11, bad={1})), "cp1252")
    out = tmp_path / "ud"
    code = main(["merge", FORM, str(source), "--out-dir", str(out), "--pdf", "--jobs", str(jobs)])
    assert code == 1
    report = read_report(out / "rapport.csv")
    assert [line["række"] for line in report] == [str(n) for n in range(2, 13)]
    assert statuses(report) == {"ok": 9, "fejl": 2, "sprunget over": 0}
    for line in report:
        if line["status"] == "ok":
            assert is_complete_pdf(out / line["pdf"]), line
    assert "PDF-konverteringen med LibreOffice mislykkedes" in report[6]["fejl"]  # row 8
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(
        line["pdf"] for line in report if line["pdf"]
    )
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing half-written
    starts = [w for w in log.read_text().splitlines() if w.startswith("start")]
    # Not a start per batch: a worker is replaced only when it failed (every third document
    # here), and row 8 is tried twice.
    assert jobs <= len(starts) <= 9 // 2 + 2 * jobs + 2, starts
    for line in starts:  # no worker left running
        pid = int(line.split()[1])
        for _ in range(100):
            stat = Path("/proc") / str(pid) / "stat"
            if not stat.exists() or stat.read_text().split(")")[1].split()[0] == "Z":
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"worker {pid} still running")


def fake_resident(tmp_path: Path, monkeypatch, worker: str = FAKE_UNO_WORKER) -> Path:
    """The merge's resident LibreOffice replaced by ``worker`` (run with this Python); its log."""
    from samarbejdsdok import pdf as pdfmod
    from samarbejdsdok.mailmerge import api as apimod

    script = tmp_path / "worker.py"
    script.write_text(worker, "utf-8")
    log = tmp_path / "log"
    log.touch()
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: "soffice-not-started")
    monkeypatch.setattr(apimod, "find_uno_python", lambda exe: sys.executable)
    monkeypatch.setattr(pdfmod, "UNO_WORKER", script)
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_MODE", "none")
    monkeypatch.setenv("FAKE_POISON", "")
    return log


def test_a_relative_out_dir_gives_libreoffice_absolute_paths(tmp_path: Path, monkeypatch) -> None:
    """LibreOffice takes file URLs, which are absolute: ``--out-dir ud`` from the folder
    above works as an absolute one does."""
    from samarbejdsdok.cli import main

    log = fake_resident(tmp_path, monkeypatch)
    write_csv(tmp_path / "data.csv", list(consent_rows(3)), "cp1252")
    monkeypatch.chdir(tmp_path)
    assert main(["merge", FORM, "data.csv", "--out-dir", "ud", "--pdf"]) == 0
    report = read_report(tmp_path / "ud" / "rapport.csv")
    assert statuses(report) == {"ok": 3, "fejl": 0, "sprunget over": 0}
    assert all(line["pdf"] for line in report)
    assert len([w for w in log.read_text().splitlines() if w.startswith("start")]) == 1


def test_a_libreoffice_that_never_answers_over_uno_is_converted_per_batch(
    tmp_path: Path, monkeypatch
) -> None:
    """A Python whose uno cannot reach LibreOffice (the worker never says it is ready): the run
    converts with --convert-to starts instead, every row with its PDF."""
    from samarbejdsdok import pdf as pdfmod
    from samarbejdsdok.cli import main

    fake_resident(tmp_path, monkeypatch, "import sys; sys.exit(3)\n")
    soffice = tmp_path / "soffice"
    soffice.write_text(FAKE_SOFFICE, "utf-8")
    soffice.chmod(0o755)
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: str(soffice))
    write_csv(tmp_path / "data.csv", list(consent_rows(5)), "cp1252")
    out = tmp_path / "ud"
    assert main(["merge", FORM, str(tmp_path / "data.csv"), "--out-dir", str(out), "--pdf"]) == 0
    report = read_report(out / "rapport.csv")
    assert statuses(report) == {"ok": 5, "fejl": 0, "sprunget over": 0}
    starts = [w for w in (tmp_path / "log").read_text().splitlines() if w.startswith("start")]
    # --convert-to starts: the batch (the stand-in dies on its third document), then one per
    # document it left
    assert starts == ["start 5", "start 1", "start 1", "start 1"], starts


@pytest.mark.parametrize("jobs", [1, 2])
def test_strict_pdf_stop_reports_every_file_it_left(tmp_path: Path, monkeypatch, jobs: int) -> None:
    """--strict --pdf stops at the first row whose PDF fails; the rows after it whose documents
    (and maybe PDFs) were already made are in the report as made, the rest skipped: no file in
    the folder that the report does not name."""
    from samarbejdsdok import pdf as pdfmod
    from samarbejdsdok.cli import main
    from samarbejdsdok.mailmerge import api as apimod
    from samarbejdsdok.mailmerge import merger as mergermod

    worker = tmp_path / "worker.py"
    worker.write_text(FAKE_UNO_WORKER, "utf-8")
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: "soffice-not-started")
    monkeypatch.setattr(apimod, "find_uno_python", lambda exe: sys.executable)
    monkeypatch.setattr(pdfmod, "UNO_WORKER", worker)
    monkeypatch.setattr(mergermod, "PDF_BATCH", 2)
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "log"))
    monkeypatch.setenv("FAKE_MODE", "none")
    monkeypatch.setenv("FAKE_POISON", "samtykke_generel-00004")  # row 4
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(11)), "cp1252")
    out = tmp_path / "ud"
    args = ["merge", FORM, str(source), "--out-dir", str(out), "--pdf", "--strict"]
    assert main([*args, "--jobs", str(jobs)]) == 1
    report = read_report(out / "rapport.csv")
    assert [line["række"] for line in report] == [str(n) for n in range(2, 13)]
    assert [line["status"] for line in report[:2]] == ["ok", "ok"]
    assert report[2]["række"] == "4" and report[2]["status"] == "fejl"
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(
        line["fil"] for line in report if line["fil"]
    )
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(
        line["pdf"] for line in report if line["pdf"]
    )
    assert any(line["fil"] for line in report[3:]), "no document made after the stop"
    for line in report[3:]:
        if line["status"] == "ok" and not line["pdf"]:
            assert "ingen PDF: kørslen stoppede ved første fejl" in line["bemærkning"], line
        if line["status"] == "sprunget over":
            assert "ikke behandlet" in line["bemærkning"], line


@pytest.mark.libreoffice
@pytest.mark.parametrize("resident", [False, True], ids=["batch", "resident"])
def test_libreoffice_killed_mid_batch_loses_no_row(
    tmp_path: Path, monkeypatch, resident: bool
) -> None:
    """The real LibreOffice, killed (its whole process group) once it has converted two
    documents of eight, started per batch (--convert-to) or once for the run (UNO): every row
    is still there, each with a complete PDF."""
    import threading

    from samarbejdsdok import pdf as pdfmod
    from samarbejdsdok.mailmerge import pdf as mergepdf
    from samarbejdsdok.pdf import find_uno_python, is_complete_pdf

    exe = require_soffice()
    if resident and find_uno_python(exe) is None:
        if os.environ.get("SAMARBEJDSDOK_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("no Python with LibreOffice's uno module (python3-uno)")
        pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
    if not resident:
        monkeypatch.setenv("SAMARBEJDSDOK_UNO_PYTHON", "")
    killed: list[int] = []

    def kill_when_two_are_done(proc, outdir: Path) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if sum(is_complete_pdf(p) for p in outdir.glob("*.pdf")) >= 2:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                    killed.append(len(list(outdir.glob("*.pdf"))))
                return
            time.sleep(0.05)

    if resident:
        real_convert = pdfmod.ResidentSoffice.convert

        def convert(self, source, target, **kwargs):
            if not killed and self.process is not None and self.process.poll() is None:
                threading.Thread(
                    target=kill_when_two_are_done,
                    args=(self.process, Path(target).parent),
                    daemon=True,
                ).start()
                killed.append(0)  # one watcher
            return real_convert(self, source, target, **kwargs)

        monkeypatch.setattr(pdfmod.ResidentSoffice, "convert", convert)
    else:
        real = mergepdf.run_soffice

        def run_soffice(exe, profile, inputs, outdir, *, started, **kwargs):
            def hook(proc) -> None:
                started(proc)
                if len(inputs) > 1 and not killed:
                    threading.Thread(
                        target=kill_when_two_are_done, args=(proc, Path(outdir)), daemon=True
                    ).start()

            return real(exe, profile, inputs, outdir, started=hook, **kwargs)

        monkeypatch.setattr(mergepdf, "run_soffice", run_soffice)
    out = tmp_path / "ud"
    results = list(samarbejdsdok.merge(FORM, consent_rows(8), out_dir=out, pdf=True))
    killed = [k for k in killed if k]
    assert killed and killed[0] < 8, killed  # killed mid-batch
    assert [r.row for r in results] == list(range(1, 9))
    assert all(r.status.value == "ok" for r in results), [r.problems for r in results]
    for r in results:
        assert isinstance(r.pdf, Path) and is_complete_pdf(r.pdf), r
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(r.pdf.name for r in results)


def test_pdf_without_libreoffice_is_a_clear_danish_error(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(1)), "utf-8-sig")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    out = tmp_path / "ud"
    result = run("merge", FORM, str(source), "--out-dir", str(out), "--pdf", env=env)
    assert result.returncode == 1
    assert "LibreOffice (soffice) er ikke installeret" in result.stderr
    assert not out.exists()


# --- the Python API ------------------------------------------------------------------------------


def test_api_yields_bytes_models_and_problems_in_order() -> None:
    base = example_flat()
    nested = get_form(FORM).example()
    bad = dict(base, **{"boern.1.cpr": "320116-4567", "Barnets navn 1": ""})
    rows = [base, nested, {}, bad, {"samtykkegiver.navnn": "x", **base}]
    results = list(samarbejdsdok.merge(FORM, rows))
    assert [r.row for r in results] == [1, 2, 3, 4, 5]
    assert [r.status for r in results] == ["ok", "ok", "sprunget over", "fejl", "fejl"]
    assert all(isinstance(r, MergeResult) for r in results)
    assert results[0].data[:2] == b"PK" and results[0].path is None
    assert results[0].model.samtykkegiver.navn == "Mette Kragh Hansen"
    assert "Mette Kragh Hansen" in docx_text(results[1].data)
    problems = results[3].problems
    assert all(isinstance(p, Problem) for p in problems)
    assert [(p.path, p.title) for p in problems] == [("boern.1.cpr", "Barnets cpr-nummer")]
    assert "320116-XXXX" in problems[0].message
    unknown = results[4].problems[0]
    assert unknown.path == "samtykkegiver.navnn" and "samtykkegiver.navn" in unknown.message


def test_api_with_an_output_folder_yields_paths(tmp_path: Path) -> None:
    results = list(merge(FORM, consent_rows(3), out_dir=tmp_path, filename="{row}"))
    assert [r.path for r in results] == [tmp_path / f"{i}.docx" for i in (1, 2, 3)]
    assert all(r.data is None for r in results)
    assert "Forælder 2 Ærø" in docx_text(results[2].path.read_bytes())


def test_api_streams_with_bounded_read_ahead() -> None:
    consumed = 0

    def endless():
        nonlocal consumed
        for row in consent_rows(10**9):
            consumed += 1
            yield row

    for jobs in (1, 2):
        consumed = 0
        results = merge(FORM, endless(), jobs=jobs)
        got = list(itertools.islice(results, 10))
        results.close()
        assert [r.row for r in got] == list(range(1, 11))
        assert consumed < 10 + 2 * 3 * 16 + 16  # the in-flight bound, not the whole input


def test_api_converts_values_by_field_type() -> None:
    plan = dict(flatten(get_form("familieplan").example()))
    plan["aktuelle_indsatser.0.tilbud_timer_uge"] = "7,5"
    plan["gyldig_fra"] = "01.12.2026"
    [result] = merge("familieplan", [plan])
    assert result.ok, result.problems
    assert result.model.aktuelle_indsatser[0].tilbud_timer_uge == Decimal("7.5")
    assert result.model.gyldig_fra == dt.date(2026, 12, 1)


def test_open_source_detects_encoding_and_separator(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes("navn;by\nSøren;Århus\n".encode("cp1252"))
    src = open_source(p)
    assert (src.encoding, src.delimiter, src.headers) == ("cp1252", ";", ["navn", "by"])
    assert [r.data for r in src.rows()] == [{"navn": "Søren", "by": "Århus"}]
    p.write_bytes("\ufeffnavn,by\nSøren,Århus\n".encode())
    src = open_source(p)
    assert (src.encoding, src.delimiter) == ("utf-8-sig", ",")


def test_the_guides_starter_workbook_merges(tmp_path: Path) -> None:
    """The Python block in docs/mail-merge.md makes a workbook that merges as it is."""
    guide = (Path(__file__).parent.parent / "docs" / "mail-merge.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(import openpyxl.*?)```", guide, re.S).group(1)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(block, "mail-merge.md", "exec"), {})
    finally:
        os.chdir(cwd)
    result = run("merge", FORM, str(tmp_path / "samtykker.xlsx"), "--out-dir", str(tmp_path / "ud"))
    assert result.returncode == 0, result.stderr
    text = docx_text((tmp_path / "ud" / "samtykke_generel-00002.docx").read_bytes())
    assert "Mette Kragh Hansen" in text and "26. maj 2027" in text
    assert "\r" not in result.stderr  # no progress line when stderr is not a terminal


def test_cpr_numbers_excel_made_into_numbers_keep_their_zero() -> None:
    # 011114-4123 as an Excel number cell, 020616-4567 as a CSV cell Excel saved without its 0.
    row = dict(example_flat(), **{"boern.0.cpr": 111144123, "boern.1.cpr": "206164567"})
    [r] = merge(FORM, [row])
    assert r.ok, r.problems
    assert [b.cpr for b in r.model.boern] == ["011114-4123", "020616-4567"]
    row["boern.1.cpr"] = "20616456"  # 8 digits: not a CPR number
    [r] = merge(FORM, [row])
    assert [(p.path, p.code) for p in r.problems] == [("boern.1.cpr", "cpr_invalid_format")]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_line_on_a_terminal(tmp_path: Path) -> None:
    import pty

    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(30)), "utf-8-sig")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "samarbejdsdok",
            "merge",
            FORM,
            str(source),
            "--out-dir",
            str(tmp_path / "ud"),
        ],
        stderr=follower,
        stdout=subprocess.DEVNULL,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait(timeout=60) == 0
    os.close(leader)
    text = shown.decode()
    assert "30/30 rækker" in text and "/s" in text
    assert text.rstrip().endswith("Rapport: " + str(tmp_path / "ud" / "rapport.csv"))


def test_a_missing_template_stops_before_any_row(tmp_path: Path) -> None:
    source = tmp_path / "data.csv"
    write_csv(source, list(consent_rows(3)), "utf-8-sig")
    out = tmp_path / "ud"
    result = run(
        "merge", FORM, str(source), "--out-dir", str(out), "--template", str(tmp_path / "egen.docx")
    )
    assert result.returncode == 1
    assert "egen.docx" in result.stderr and "findes ikke" in result.stderr
    assert not list(out.glob("*.docx")) and not (out / "rapport.csv").exists()


def _flatten(value, prefix=""):
    """A nested example as one spreadsheet row: dotted column names, list positions from 0."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list) and value and all(isinstance(v, (dict, list)) for v in value):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return {prefix: value}
    row = {}
    for key, v in items:
        row.update(_flatten(v, f"{prefix}.{key}" if prefix else key))
    return row


@pytest.mark.parametrize("name", sorted(samarbejdsdok.forms.form_names()))
def test_every_form_merges_from_flat_rows(name) -> None:
    """Every registered form can be mail-merged: two rows with dotted column names, as they
    come from a spreadsheet, give two documents with the rows' own data."""
    spec = get_form(name)
    row = _flatten(spec.example())
    results = list(samarbejdsdok.merge(name, [row, dict(row)]))
    assert [r.status for r in results] == ["ok", "ok"], [r.problems for r in results]
    title_words = " ".join(spec.title.split()[:2]).rstrip(",")
    assert title_words in docx_text(results[0].data)


def test_samtykke_xlsx_with_only_tick_columns_names_the_standard_partners(tmp_path: Path) -> None:
    """The analyst's sheet: one column per box, ticked with x (or ja), blank for no; no names."""
    import openpyxl

    base = example_flat()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Samtykkegivers navn",
            "Samtykkegivers cpr-nummer",
            "Barnets navn 1",
            "Barnets cpr-nummer 1",
            "Kommune",
            "Indsatsens navn",
            "Dato",
            "Samtykket gælder fra",
            "gyldig_til",
            "Afkrydset 1",  # title, counted from 1: box 1
            "interne_parter.2.afkrydset",  # path, counted from 0: box 3
            "Afkrydset 7",
        ]
    )
    family = [
        base["samtykkegiver.navn"],
        base["samtykkegiver.cpr"],
        base["boern.0.navn"],
        base["boern.0.cpr"],
        "Furesø Kommune",
        "Familiens Fremtid",
        dt.datetime(2026, 11, 23),
        "23.11.2026",
        "22-11-2027",
    ]
    ws.append([*family, "x", None, "X"])  # row 2: boxes 1 and 7
    ws.append([*family, None, "ja", None])  # row 3: box 3 alone
    book = tmp_path / "bokse.xlsx"
    wb.save(book)

    out = tmp_path / "ud"
    profile = example_profile(tmp_path)  # the consent's article 13 information
    result = run("merge", FORM, str(book), "--out-dir", str(out), "--profile", profile)
    assert result.returncode == 0, result.stderr
    report = read_report(out / "rapport.csv")
    assert [(line["status"], line["fejl"]) for line in report] == [("ok", ""), ("ok", "")]
    first = docx_text((out / report[0]["fil"]).read_bytes())
    assert "☒ | Familierådgivningen | " in first and "☒ | Folkeskole | " in first
    assert "☐ | Sundhedsplejen | " in first and "☐ | Familiehuset | " in first
    second = docx_text((out / report[1]["fil"]).read_bytes())
    assert "☒ | Familiehuset | " in second
    assert "☐ | Familierådgivningen | " in second and "☐ | Folkeskole | " in second


def test_merge_with_a_profile_fills_the_sender_and_the_standard_partners(tmp_path: Path) -> None:
    """A sheet with neither the sender nor the partners' names: both come from the profile."""
    from samarbejdsdok import profil

    profile = profil.example()
    profile.update(kommune="Gribskov Kommune", indsats="Familie i Fokus")
    profile["standardparter"] = [
        {"noegle": "ppr", "navn": "PPR Gribskov", "kontaktoplysninger": "Tlf. 4820 0000"},
        {"noegle": "sundhedsplejen", "navn": "Sundhedsplejen Gribskov"},
    ]
    profile_path = tmp_path / "profil.json"
    profile_path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    base = example_flat()
    headers = ["samtykkegiver.navn", "samtykkegiver.cpr", "boern.0.navn", "boern.0.cpr"]
    headers += ["Dato", "Samtykket gælder fra", "gyldig_til", "Afkrydset 1", "Afkrydset 2"]
    family = [base[h] for h in headers[:4]] + ["23-11-2026", "23.11.2026"]
    source = tmp_path / "ark.csv"
    source.write_text(
        ";".join(headers) + "\n" + ";".join([*family, "22-11-2027", "x", ""]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "ud"
    without = run("merge", FORM, str(source), "--out-dir", str(out))
    assert without.returncode == 1
    assert "organisation (Afsender): skal udfyldes" in without.stderr
    check = run("merge", FORM, str(source), "--check", "--profile", str(profile_path))
    assert check.returncode == 0, check.stderr
    for jobs in ("1", "2"):
        shutil.rmtree(out, ignore_errors=True)
        args = ["--out-dir", str(out), "--profile", str(profile_path), "--jobs", jobs]
        result = run("merge", FORM, str(source), *args)
        assert result.returncode == 0, result.stderr
        [line] = read_report(out / "rapport.csv")
        text = docx_text((out / line["fil"]).read_bytes())
        assert "Gribskov Kommune" in text and "Familie i Fokus" in text
        assert "☒ | PPR Gribskov | Tlf. 4820 0000" in text
        assert "☐ | Sundhedsplejen Gribskov | " in text
        assert "Folkeskole" not in text and "Sundhedsplejen | " not in text  # the paper form's
    bad = tmp_path / "forkert.json"
    bad.write_text('{"kommune": ""}', encoding="utf-8")
    refused = run(
        "merge", FORM, str(source), "--out-dir", str(tmp_path / "x"), "--profile", str(bad)
    )
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert not (tmp_path / "x").exists()  # the profile is checked before any row


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_a_second_ctrl_c_waits_for_the_cleanup() -> None:
    """The clean-up after a stop runs to its end: a Ctrl-C in it is raised when it is done."""
    from samarbejdsdok.mailmerge.stopping import cleanup

    steps = []
    with pytest.raises(KeyboardInterrupt), cleanup():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        steps.append("the rest of the clean-up")
    assert steps == ["the rest of the clean-up"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
