"""Checking a sheet without making documents (``merge --check``, ``validate`` on a sheet), and
row errors that name what the analyst wrote: the row, the column header as written and, in a
workbook, the cell. Through the CLI in a subprocess, on an .xlsx written with openpyxl and a CSV
saved as Danish Excel does (Windows-1252, ``;``)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from samarbejdsdok.forms import get_form
from samarbejdsdok.mailmerge import flatten

FORM = "samtykke_generel"
BAD_CPR = "320116-4567"  # no such birth date


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def sheet_rows() -> tuple[list[str], list[list[object]]]:
    """The form's example as a header row of Danish titles and dotted paths, and rows: valid,
    a bad CPR number in "Barnets cpr-nummer 2", empty, a date that is no date in "Samtykket
    gælder fra"."""
    base = dict(flatten(get_form(FORM).example()))
    titles = {
        "boern.1.cpr": "Barnets cpr-nummer 2",
        "boern.1.navn": "Barnets navn 2",
        "gyldig_fra": "Samtykket gælder fra",
    }
    headers = [titles.get(key, key) for key in base]
    good = [base[key] for key in base]
    bad_cpr = list(good)
    bad_cpr[headers.index("Barnets cpr-nummer 2")] = BAD_CPR
    bad_date = list(good)
    bad_date[headers.index("Samtykket gælder fra")] = "snart"
    return headers, [good, bad_cpr, [None] * len(headers), bad_date]


def write_workbook(path: Path, rows: list[list[object]] | None = None) -> None:
    import openpyxl

    headers, data = sheet_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for row in data if rows is None else rows:
        ws.append(row)
    wb.save(path)


def write_cp1252_csv(path: Path) -> None:
    headers, data = sheet_rows()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in data:
        writer.writerow(["" if v is None else str(v) for v in row])
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def column_of(header: str) -> str:
    headers, _ = sheet_rows()
    index = headers.index(header)
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_report(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))


def test_merge_check_writes_the_report_and_no_documents(tmp_path: Path) -> None:
    book = tmp_path / "samtykker.xlsx"
    write_workbook(book)
    out = tmp_path / "ud"
    result = run("merge", FORM, str(book), "--out-dir", str(out), "--check")
    assert result.returncode == 1, result.stderr
    report = read_report(out / "rapport.csv")
    assert [line["række"] for line in report] == ["2", "3", "4", "5"]
    assert [line["status"] for line in report] == ["ok", "fejl", "sprunget over", "fejl"]
    cpr_cell = f"{column_of('Barnets cpr-nummer 2')}3"
    expected = f"kolonne 'Barnets cpr-nummer 2' (celle {cpr_cell}, felt boern.1.cpr): "
    assert report[1]["fejl"].startswith(expected)
    assert "ikke en gyldig fødselsdato" in report[1]["fejl"]
    assert "320116-XXXX" in report[1]["fejl"]
    date_cell = f"{column_of('Samtykket gælder fra')}5"
    assert report[3]["fejl"].startswith(
        f"kolonne 'Samtykket gælder fra' (celle {date_cell}, felt gyldig_fra): skal være en dato"
    )
    assert report[0]["fil"] == "" and "intet dokument" in report[0]["bemærkning"]
    assert not list(out.glob("*.docx"))
    assert f"række 3: {expected}" in result.stderr
    assert "Kontrol af 4 rækker: 1 uden fejl, 2 med fejl, 1 tom." in result.stderr
    assert "4567" not in result.stderr


def test_merge_check_of_a_clean_sheet_exits_0_with_the_report_beside_it(tmp_path: Path) -> None:
    book = tmp_path / "samtykker.xlsx"
    _, rows = sheet_rows()
    write_workbook(book, [rows[0], rows[0]])
    result = run("merge", FORM, str(book), "--check")
    assert result.returncode == 0, result.stderr
    report = read_report(tmp_path / "samtykker-rapport.csv")
    assert [line["status"] for line in report] == ["ok", "ok"]
    assert not list(tmp_path.glob("*.docx"))
    assert "Kontrol af 2 rækker: 2 uden fejl, 0 med fejl, 0 tomme." in result.stderr


def test_validate_a_workbook_names_row_column_and_cell(tmp_path: Path) -> None:
    book = tmp_path / "samtykker.xlsx"
    write_workbook(book)
    result = run("validate", FORM, str(book))
    assert result.returncode == 1
    cell = f"{column_of('Barnets cpr-nummer 2')}3"
    assert (
        f"række 3: kolonne 'Barnets cpr-nummer 2' (celle {cell}, felt boern.1.cpr): "
        "CPR-nummeret 320116-XXXX indeholder ikke en gyldig fødselsdato"
    ) in result.stderr
    assert "række 5: kolonne 'Samtykket gælder fra' (celle" in result.stderr
    assert "række 2:" not in result.stderr and "række 4:" not in result.stderr
    assert "2 af 4 rækker har fejl" in result.stderr
    assert "UTF-8" not in result.stderr


def test_validate_a_windows_1252_csv_names_row_and_column(tmp_path: Path) -> None:
    sheet = tmp_path / "samtykker.csv"
    write_cp1252_csv(sheet)
    result = run("validate", FORM, str(sheet))
    assert result.returncode == 1, result.stderr
    assert (
        "række 3: kolonne 'Barnets cpr-nummer 2' (felt boern.1.cpr): "
        "CPR-nummeret 320116-XXXX indeholder ikke en gyldig fødselsdato"
    ) in result.stderr
    assert (
        "række 5: kolonne 'Samtykket gælder fra' (felt gyldig_fra): skal være en dato"
    ) in result.stderr
    assert "celle" not in result.stderr  # a CSV file has no cells to point at


def test_validate_a_clean_csv_and_json_lines(tmp_path: Path) -> None:
    import json

    headers, rows = sheet_rows()
    sheet = tmp_path / "ok.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([headers, [str(v) for v in rows[0]]])
    sheet.write_bytes(buffer.getvalue().encode("cp1252"))
    result = run("validate", FORM, str(sheet))
    assert result.returncode == 0, result.stderr
    assert f"Data er gyldige for {FORM} (1 række)." in result.stderr

    lines = tmp_path / "rows.jsonl"
    example = get_form(FORM).example()
    bad = json.loads(json.dumps(example))
    bad["boern"][1]["cpr"] = BAD_CPR
    lines.write_text(json.dumps(example) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    result = run("validate", FORM, str(lines))
    assert result.returncode == 1
    assert "række 2: boern.1.cpr (Barnets cpr-nummer): CPR-nummeret 320116-XXXX" in result.stderr


@pytest.mark.libreoffice
def test_a_workbook_saved_by_libreoffice_calc_names_row_column_and_cell(tmp_path: Path) -> None:
    """The analyst's path: the Windows-1252 CSV opened in LibreOffice Calc and saved as .xlsx
    (Calc turns the ISO dates into date cells and keeps the CPR numbers as text), then checked
    and merged."""
    from conftest import require_soffice

    sheet = tmp_path / "samtykker.csv"
    write_cp1252_csv(sheet)
    converted = tmp_path / "calc"
    subprocess.run(
        [
            require_soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--infilter=CSV:59,34,1,1",  # ; as separator, " as quote, Windows-1252, from line 1
            "--convert-to",
            "xlsx",
            "--outdir",
            str(converted),
            str(sheet),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    book = converted / "samtykker.xlsx"
    assert book.exists()
    result = run("validate", FORM, str(book))
    assert result.returncode == 1, result.stderr
    cell = f"{column_of('Barnets cpr-nummer 2')}3"
    assert (
        f"række 3: kolonne 'Barnets cpr-nummer 2' (celle {cell}, felt boern.1.cpr): "
        "CPR-nummeret 320116-XXXX indeholder ikke en gyldig fødselsdato"
    ) in result.stderr
    assert (
        f"række 5: kolonne 'Samtykket gælder fra' (celle {column_of('Samtykket gælder fra')}5"
        in (result.stderr)
    )
    out = tmp_path / "ud"
    merged = run("merge", FORM, str(book), "--out-dir", str(out))
    assert merged.returncode == 1  # two rows have mistakes; the others are made
    report = read_report(out / "rapport.csv")
    assert [line["status"] for line in report] == ["ok", "fejl", "sprunget over", "fejl"]
    assert len(list(out.glob("*.docx"))) == 1
