"""Issue 15, the input files: no YAML, JSON, JSON Lines, CSV or Excel file can exhaust the
machine. Each hostile file is built here and given to the real CLI in a child process, whose exit
code, wall time and peak memory :func:`conftest.assert_refused` checks; a hostile row in a merge
becomes a ``fejl`` row of the report, and the rows after it are still merged."""

from __future__ import annotations

import csv
import io
import json
import struct
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import openpyxl
import pytest
from conftest import BOUNDED_MEGABYTES, BOUNDED_SECONDS, assert_refused, run_bounded

from samarbejdsdok import sources, xlsxcheck
from samarbejdsdok.errors import InputFormatError
from samarbejdsdok.forms import get_form
from samarbejdsdok.mailmerge import flatten

FORM = "samtykke_generel"


# --- YAML and JSON documents ---------------------------------------------------------------------


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 387 million strings from 1.6 KB."""
    lines = ["a0: &a0 [" + ", ".join(['"hahahahahahahahaha"'] * 9) + "]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["validate", "render", "sag check"])
def test_yaml_aliases_are_refused(tmp_path: Path, command: str) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(billion_laughs(), "utf-8")
    assert path.stat().st_size < 2000
    args = {
        "validate": ["validate", FORM, str(path)],
        "render": ["render", FORM, str(path), "-o", str(tmp_path / "ud.docx")],
        "sag check": ["sag", "check", str(path)],
    }[command]
    assert_refused(run_bounded(args), "laughs.yaml", "YAML-anker eller -alias", "linje 1")
    assert not (tmp_path / "ud.docx").exists()


def test_a_yaml_anchor_alone_is_refused_too() -> None:
    with pytest.raises(InputFormatError, match="YAML-anker"):
        sources.parse_document(b"navn: &n Anna\n", "data.yaml")
    assert sources.parse_document(b"navn: Anna & Bo *x\n", "data.yaml") == {"navn": "Anna & Bo *x"}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("name", "text", "command"),
    [
        ("data.json", nested(900), "validate"),
        ("data.json", '{"a": ' * 900 + "1" + "}" * 900, "validate"),
        ("case.json", nested(900), "sag check"),
        ("data.yaml", "x: " + nested(900) + "\n", "validate"),
        ("case.yaml", "".join(f"{'  ' * i}- \n" for i in range(900)), "sag check"),
        ("rows.json", nested(900), "merge"),
    ],
)
def test_deep_nesting_is_refused_without_recursion(
    tmp_path: Path, name: str, text: str, command: str
) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    args = {
        "validate": ["validate", FORM, str(path)],
        "sag check": ["sag", "check", str(path)],
        "merge": ["merge", FORM, str(path), "--out-dir", str(tmp_path / "ud")],
    }[command]
    run = run_bounded(args)
    assert_refused(run, name, f"over {sources.MAX_DEPTH} niveauer")
    assert "RecursionError" not in run.stderr


def test_depth_limit_is_exact_and_ignores_brackets_in_strings() -> None:
    depth = sources.MAX_DEPTH
    assert sources.parse_document(nested(depth).encode(), "d.json") is not None
    with pytest.raises(InputFormatError, match="niveauer"):
        sources.parse_document(nested(depth + 1).encode(), "d.json")
    brackets = json.dumps({"tekst": "[" * 1000 + '\\"{' * 100})
    assert sources.parse_document(brackets.encode(), "d.json") == json.loads(brackets)
    yaml_ok = "x: " + nested(depth - 1) + "\n"  # the mapping is a level too
    assert sources.parse_document(yaml_ok.encode(), "d.yaml") is not None
    with pytest.raises(InputFormatError, match="niveauer"):
        sources.parse_document(("x: " + nested(depth) + "\n").encode(), "d.yaml")
    with pytest.raises(InputFormatError, match="tal er for langt"):
        sources.parse_document(b"[" + b"9" * 5000 + b"]", "d.json")
    with pytest.raises(InputFormatError, match="tal er for langt"):
        sources.parse_document(b"x: " + b"9" * 5000 + b"\n", "d.yaml")


def test_an_oversized_document_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("noter:\n")
        for _ in range(sources.MAX_YAML_BYTES // 10 + 1):
            fh.write("  - abcdef\n")
    assert_refused(run_bounded(["sag", "check", str(path)]), "stor.yaml", "er for stor")
    big = tmp_path / "stor.json"
    big.write_bytes(b"[" + b"0," * (sources.MAX_JSON_BYTES // 2) + b"0]")
    assert_refused(run_bounded(["validate", FORM, str(big)]), "stor.json", "er for stor")


def test_too_many_values_within_the_size_limit_are_refused(tmp_path: Path) -> None:
    """Small values cost far more memory and time than their text: a YAML flow list of half a
    million values in 1 MB, a JSON list of 2.7 million empty objects in 8 MB."""
    flow = tmp_path / "mange.yaml"
    flow.write_text("x: [" + ",".join(["a"] * (sources.MAX_YAML_BYTES // 2 - 10)) + "]\n")
    assert flow.stat().st_size <= sources.MAX_YAML_BYTES
    assert_refused(run_bounded(["validate", FORM, str(flow)]), "mange.yaml", "værdier")
    objects = tmp_path / "mange.json"
    objects.write_text("[" + ",".join(["{}"] * (sources.MAX_JSON_BYTES // 3 - 10)) + "]")
    assert objects.stat().st_size <= sources.MAX_JSON_BYTES
    out = tmp_path / "ud"
    run = run_bounded(["merge", FORM, str(objects), "--out-dir", str(out)])
    assert_refused(run, "mange.json", "objekter og lister")
    assert not out.exists()


# --- merge rows: CSV and JSON Lines --------------------------------------------------------------


def flat_example() -> dict[str, object]:
    row = dict(flatten(get_form(FORM).example()))
    return {k: ("ja" if v is True else "nej" if v is False else v) for k, v in row.items()}


def read_report(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_a_csv_row_too_large_to_read_is_a_row_error_and_later_rows_are_merged(
    tmp_path: Path,
) -> None:
    """A cell over the limit (in a quoted field with line breaks, so the reader must find the
    row's end itself) and a row over the limit: each is a ``fejl`` row with the reason, and every
    other row is merged."""
    example = flat_example()
    headers = list(example)
    secret = "HEMMELIGT-INDHOLD "
    big_cell = (secret + "\n") * (200_000 // len(secret))  # 200 KB, over Python's csv limit
    huge_row = secret * (2 * sources.MAX_RECORD_CHARS // len(secret))  # 2 MB
    name_col = headers.index("samtykkegiver.navn")
    rows = []
    for i, filler in enumerate([None, big_cell, None, huge_row, None]):
        values = [str(example[h] if example[h] is not None else "") for h in headers]
        values[name_col] = f"Forælder {i}"
        if filler is not None:
            values[name_col] = filler
        rows.append(values)
    path = tmp_path / "samtykker.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(headers)
        writer.writerows(rows)
    assert len(big_cell) > csv.field_size_limit()
    out = tmp_path / "ud"
    run = run_bounded(["merge", FORM, str(path), "--out-dir", str(out)])
    assert run.returncode == 1, run  # two rows failed
    assert "Traceback" not in run.stderr, run
    assert run.seconds < BOUNDED_SECONDS and run.megabytes < BOUNDED_MEGABYTES, run
    report = read_report(out / "rapport.csv")
    assert [(line["række"], line["status"]) for line in report] == [
        ("2", "ok"),
        ("3", "fejl"),
        ("4", "ok"),
        ("5", "fejl"),
        ("6", "ok"),
    ]
    assert f"over {xlsxcheck.MAX_CELL_CHARS:,} tegn".replace(",", ".") in report[1]["fejl"]
    assert "rækken er for lang" in report[3]["fejl"]
    assert secret not in (out / "rapport.csv").read_text("utf-8-sig")
    assert secret not in run.stderr
    assert len(list(out.glob("*.docx"))) == 3


def write_rows(path: Path, last: int) -> None:
    """A merge source whose last row is numbered ``last`` (a CSV header is row 1)."""
    if path.suffix == ".csv":
        path.write_text("samtykkegiver.navn\n" + "Anna\n" * (last - 1), "utf-8")
    elif path.suffix == ".jsonl":
        path.write_text('{"a": 1}\n' * last, "utf-8")
    else:
        path.write_text("[" + ",".join(['{"a": 1}'] * last) + "]", "utf-8")


@pytest.mark.parametrize("name", ["mange.csv", "mange.jsonl", "mange.json"])
def test_a_merge_source_with_too_many_rows_is_refused_before_any_document(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    write_rows(path, xlsxcheck.MAX_ROWS + 1)
    out = tmp_path / "ud"
    run = run_bounded(["merge", FORM, str(path), "--out-dir", str(out)])
    assert_refused(run, name, "over 100.000 rækker")
    assert not out.exists()
    write_rows(path, xlsxcheck.MAX_ROWS)
    numbers = [row.number for row in sources.open_source(path).rows()]
    assert numbers[-1] == xlsxcheck.MAX_ROWS


def test_csv_records_are_split_as_the_csv_module_splits_them() -> None:
    """The reader finds each row's end itself (to parse rows one by one); it must agree with
    :mod:`csv` on every mix of quotes, separators and line breaks."""
    import random

    rng = random.Random(15)
    alphabet = ["a", '"', ";", "\n", "\r", "\r\n", " "]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        try:
            want = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        except csv.Error:
            continue
        got = [
            next(csv.reader(record or [], delimiter=";"), [])
            for record in sources._csv_records(io.StringIO(text, newline=""), ";")
        ]
        assert got == want, repr(text)


def test_a_jsonl_line_too_long_or_too_deep_is_a_row_error(tmp_path: Path) -> None:
    good = json.dumps(get_form(FORM).example(), ensure_ascii=False)
    lines = [
        good,
        nested(5000),
        '{"x": "' + "a" * (sources.MAX_RECORD_CHARS + 10) + '"}',
        good,
    ]
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "ud"
    run = run_bounded(["merge", FORM, str(path), "--out-dir", str(out)])
    assert run.returncode == 1 and "Traceback" not in run.stderr, run
    report = read_report(out / "rapport.csv")
    assert [(line["række"], line["status"]) for line in report] == [
        ("1", "ok"),
        ("2", "fejl"),
        ("3", "fejl"),
        ("4", "ok"),
    ]
    assert "niveauer" in report[1]["fejl"]
    assert "for lang" in report[2]["fejl"]


# --- Excel workbooks -----------------------------------------------------------------------------

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
Part = bytes | Callable[[], Iterable[bytes]]
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def workbook(path: Path, parts: dict[str, Part] | None = None) -> Path:
    """A small valid workbook for the consent form, with parts replaced or added (a callable
    part is written as it yields, so a part of hundreds of megabytes is never in memory)."""
    example = flat_example()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(example))
    ws.append([example[h] for h in example])
    plain = io.BytesIO()
    wb.save(plain)
    parts = parts or {}
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name == "[Content_Types].xml" and "xl/sharedStrings.xml" in parts:
                declared = src.read(name).replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
                dst.writestr(name, declared)
            elif name not in parts:
                dst.writestr(name, src.read(name))
        for name, part in parts.items():
            with dst.open(name, "w", force_zip64=False) as fh:
                for chunk in [part] if isinstance(part, bytes) else part():
                    fh.write(chunk)
    return path


def sheet(rows: bytes, head: bytes = b"") -> bytes:
    return head + b"<worksheet " + NS + b"><sheetData>" + rows + b"</sheetData></worksheet>"


def repeated(head: bytes, unit: bytes, times: int, tail: bytes) -> Callable[[], Iterable[bytes]]:
    def chunks() -> Iterable[bytes]:
        yield head
        block = unit * 10_000
        for _ in range(times // 10_000):
            yield block
        yield tail

    return chunks


DOCTYPE = '<?xml version="1.0" encoding="{}"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'

HOSTILE_WORKBOOKS: dict[str, tuple[dict[str, Part], str]] = {
    # 15 million shared strings in well under a megabyte
    "shared_strings": (
        {
            "xl/sharedStrings.xml": repeated(
                b"<sst " + NS + b">", b"<si><t/></si>", 15_000_000, b"</sst>"
            )
        },
        "delte tekster",
    ),
    "doctype_utf8": (
        {"xl/worksheets/sheet1.xml": sheet(b"<row r='1'/>", DOCTYPE.format("UTF-8").encode())},
        "DOCTYPE",
    ),
    "doctype_utf16": (
        {
            "xl/worksheets/sheet1.xml": (
                DOCTYPE.format("UTF-16") + sheet(b"<row r='1'/>").decode()
            ).encode("utf-16")
        },
        "DOCTYPE",
    ),
    "doctype_in_styles": (
        {"xl/styles.xml": DOCTYPE.format("UTF-8").encode() + b"<styleSheet " + NS + b"/>"},
        "DOCTYPE",
    ),
    "inflates_a_picture": (
        {"xl/media/image1.png": repeated(b"", b"\0" * 1024, 120_000, b"")},
        "fylder over",
    ),
    "inflates_a_part": (
        {
            "xl/worksheets/sheet1.xml": repeated(
                b"<worksheet " + NS + b"><sheetData>", b" " * 1024, 200_000, b""
            )
        },
        "fylder over",
    ),
    "far_corner_cell": (
        {"xl/worksheets/sheet1.xml": sheet(b'<row r="1048576"><c r="XFD1048576"/></row>')},
        "rækker efter række",
    ),
    "far_column": (
        {"xl/worksheets/sheet1.xml": sheet(b'<row r="1"><c r="XFD1"><v>1</v></c></row>')},
        "kolonner efter kolonne",
    ),
    "many_cells": (
        {
            "xl/worksheets/sheet1.xml": repeated(
                b"<worksheet " + NS + b"><sheetData>",
                b'<row><c r="ALL1"/></row>',
                10_000,
                b"</sheetData></worksheet>",
            )
        },
        "celler",
    ),
    "long_cell": (
        {
            "xl/worksheets/sheet1.xml": sheet(
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
                + b"x" * 40_000
                + b"</t></is></c></row>"
            )
        },
        "tegn",
    ),
    "deep_xml": (
        {
            "xl/styles.xml": b"<styleSheet "
            + NS
            + b">"
            + b"<a>" * 1000
            + b"</a>" * 1000
            + b"</styleSheet>"
        },
        "niveauer",
    ),
    "not_xml": ({"xl/workbook.xml": b"<workbook><unclosed></workbook>"}, "ikke gyldig XML"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(HOSTILE_WORKBOOKS))
def test_a_hostile_workbook_is_refused_before_openpyxl_reads_it(tmp_path: Path, case: str) -> None:
    parts, phrase = HOSTILE_WORKBOOKS[case]
    path = workbook(tmp_path / "ark.xlsx", parts)
    assert path.stat().st_size < 2 * 1024**2
    out = tmp_path / "ud"
    run = run_bounded(["merge", FORM, str(path), "--out-dir", str(out)])
    assert_refused(run, "ark.xlsx", "kan ikke læses som Excel-fil", phrase)
    assert not out.exists()  # refused before the report or any document


@pytest.mark.parametrize("row", [1, 2])
def test_a_workbook_openpyxl_cannot_read_is_a_danish_error(tmp_path: Path, row: int) -> None:
    """A package that passes the checks but holds what openpyxl cannot read (a number cell that
    is not a number), in the header row or a data row."""
    header = b'<row r="1"><c r="A1" t="inlineStr"><is><t>samtykkegiver.navn</t></is></c></row>'
    bad = f'<row r="{row}"><c r="A{row}" t="n"><v>ikke et tal</v></c></row>'.encode()
    rows = bad if row == 1 else header + bad
    path = workbook(tmp_path / "ark.xlsx", {"xl/worksheets/sheet1.xml": sheet(rows)})
    xlsxcheck.check_workbook(path)
    run = run_bounded(["merge", FORM, str(path), "--out-dir", str(tmp_path / "ud")])
    assert_refused(run, "ark.xlsx kan ikke læses som Excel-fil")
    assert "ikke et tal" not in run.stderr  # never a cell's content


def test_the_limits_leave_a_workbook_excel_could_write(tmp_path: Path) -> None:
    path = workbook(tmp_path / "ark.xlsx")
    xlsxcheck.check_workbook(path)
    wide = sheet(
        b'<row r="2"><c r="ALL2" t="inlineStr"><is><t>'
        + b"x" * xlsxcheck.MAX_CELL_CHARS
        + b"</t></is></c></row>"
    )
    xlsxcheck.check_workbook(workbook(tmp_path / "bred.xlsx", {"xl/worksheets/sheet1.xml": wide}))


def test_only_the_parts_openpyxl_streams_may_be_large(tmp_path: Path) -> None:
    """A worksheet may be large; a part the package does not declare as one may not, because
    openpyxl reads every other part whole (most as an element tree)."""
    padding = b" " * (2 * xlsxcheck.MAX_OTHER_PART_BYTES)
    large_sheet = sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>' + padding)
    xlsxcheck.check_workbook(
        workbook(tmp_path / "stort.xlsx", {"xl/worksheets/sheet1.xml": large_sheet})
    )
    undeclared = workbook(tmp_path / "skjult.xlsx", {"xl/worksheets/sheet2.xml": large_sheet})
    with pytest.raises(InputFormatError, match="sheet2.xml fylder over 4 MB"):
        xlsxcheck.check_workbook(undeclared)
    styles = b"<styleSheet " + NS + b">" + padding + b"</styleSheet>"
    with pytest.raises(InputFormatError, match="styles.xml fylder over 4 MB"):
        xlsxcheck.check_workbook(workbook(tmp_path / "stil.xlsx", {"xl/styles.xml": styles}))


def corrupt(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "encrypted_part":  # the "encrypted" flag of every part, local and central
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            while at >= 0:
                (flags,) = struct.unpack_from("<H", data, at + offset)
                struct.pack_into("<H", data, at + offset, flags | 1)
                at = data.find(signature, at + 4)
    elif how == "damaged":  # a byte of compressed data changed: the CRC no longer matches
        at = data.find(b"PK\x03\x04") + 30 + len("docProps/app.xml") + 5
        data[at] ^= 0xFF
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "not_a_zip":
        data = bytearray(b"Navn;Dato\nAnna;1-2-2026\n")
    elif how == "password_protected":  # what Excel writes: an OLE compound file
        data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("how", "phrase"),
    [
        ("encrypted_part", "krypteret"),
        ("damaged", "beskadiget"),
        ("truncated", "zip"),
        ("not_a_zip", "zip-pakke"),
        ("password_protected", "adgangskode"),
    ],
)
def test_a_broken_or_encrypted_workbook_is_a_danish_error(
    tmp_path: Path, how: str, phrase: str
) -> None:
    path = workbook(tmp_path / "ark.xlsx")
    corrupt(path, how)
    run = run_bounded(["merge", FORM, str(path), "--out-dir", str(tmp_path / "ud")])
    assert_refused(run, "ark.xlsx", phrase)


def test_too_many_parts_are_refused_from_the_end_record(tmp_path: Path) -> None:
    path = tmp_path / "ark.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(xlsxcheck.MAX_PARTS + 1):
            zf.writestr(f"x/{i}.bin", b"")
    with pytest.raises(InputFormatError, match="dele"):
        xlsxcheck.check_workbook(path)


@pytest.mark.parametrize(
    ("limit", "value", "parts", "phrase"),
    [
        (
            "MAX_XML_ELEMENTS",
            1000,
            {"xl/styles.xml": b"<styleSheet " + NS + b">" + b"<a/>" * 1000 + b"</styleSheet>"},
            "XML-elementer",
        ),
        (
            "MAX_PACKAGE_BYTES",
            1024**2,
            {f"xl/media/image{i}.png": bytes(400 * 1024) for i in range(3)},
            "pakken fylder over",
        ),
    ],
)
def test_the_package_wide_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, parts, phrase: str
) -> None:
    """Limits that need a large file to reach at their real values, with small ones here."""
    path = workbook(tmp_path / "ark.xlsx", parts)
    xlsxcheck.check_workbook(path)
    monkeypatch.setattr(xlsxcheck, limit, value)
    with pytest.raises(InputFormatError, match=phrase):
        xlsxcheck.check_workbook(path)
