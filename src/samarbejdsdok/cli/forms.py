"""One form's data: ``forms``, ``schema``, ``example``, ``validate``, ``render`` and ``demo``."""

from __future__ import annotations

import argparse
import errno
import json
from pathlib import Path
from typing import Any

from .._wording import count
from . import (
    EXIT_FAILED,
    EXIT_OK,
    _err,
    _form,
    _forms_with_attachment,
    _read_data,
    _UsageError,
    _warn,
)


def cmd_forms(args: argparse.Namespace) -> int:
    from ..forms import all_forms

    specs = all_forms()
    width = max(len(s.name) for s in specs)
    for spec in specs:
        print(f"{spec.name:<{width}}  {spec.title}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from ..schemas import form_schema

    print(json.dumps(form_schema(_form(args.form)), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_example(args: argparse.Namespace) -> int:
    print(json.dumps(_form(args.form).example(), ensure_ascii=False, indent=2))
    return EXIT_OK


#: Files ``validate`` reads as rows (a spreadsheet, CSV, JSON Lines), as ``merge`` does.
ROW_FORMATS = (".xlsx", ".xlsm", ".csv", ".tsv", ".jsonl", ".ndjson")


def cmd_validate(args: argparse.Namespace) -> int:
    from ..validation import validate

    spec = _form(args.form)
    if args.data != "-" and Path(args.data).suffix.lower() in ROW_FORMATS:
        return _validate_rows(spec, Path(args.data))
    validate(spec.model, _read_data(args.data), form=spec.name)
    _err(f"Data er gyldige for {spec.name}.")
    return EXIT_OK


def _validate_rows(spec: Any, path: Path) -> int:
    """Every row of a spreadsheet, CSV or JSON Lines file, read and validated as ``merge`` does
    (the same column headers); each problem printed with its row, column and cell."""
    from ..mailmerge import RowReader, check_columns
    from ..sources import open_source

    source = open_source(path)
    if source.headers is not None:
        check_columns(spec, source.headers)
    reader = RowReader(spec.model)
    rows = failed = 0
    for position, row in enumerate(source.rows(), 1):
        read = reader.read(row, position)
        rows += 1
        if read.problems:
            failed += 1
            for problem in read.problems:
                _err(f"række {read.number}: {problem}")
    noun = "række" if rows == 1 else "rækker"
    if failed:
        _err(f"{failed} af {rows} {noun} har fejl (data til {spec.name}).")
        return EXIT_FAILED
    _err(f"Data er gyldige for {spec.name} ({rows} {noun}).")
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from ..rendering import render
    from ..validation import validate

    spec = _form(args.form)
    ics_out = getattr(args, "ics", None)
    attachment = spec.attachment("ics") if ics_out else None
    if args.fillable and not spec.model.fillable_fields:
        from ..fillable import fillable_forms

        names = ", ".join(s.name for s in fillable_forms())
        raise _UsageError(f"--fillable findes kun for notatskemaerne ({names}), ikke {spec.name}")
    if ics_out and args.fillable:
        raise _UsageError("--ics kan ikke bruges med --fillable")
    if ics_out and attachment is None:
        raise _UsageError(
            f"--ics (kalenderinvitation) findes kun for {_forms_with_attachment('ics')}, "
            f"ikke for {spec.name}"
        )
    _check_output(args.output)
    exe = _pdf_converter(args.output) if args.pdf else None  # before anything is made
    data = _read_data(args.data)
    if args.profile:
        from .. import profil

        data = profil.apply(spec.model, data, profil.load(args.profile))
    calendar = None
    if args.fillable:
        from ..fillable import render_fillable

        document = render_fillable(spec, data, template=args.template)
    else:
        model = validate(spec.model, data, form=spec.name)
        if attachment is not None:  # made before anything is written: a failure leaves no file
            calendar = attachment.make(model)
        document = render(model, template=args.template)
    files: list[tuple[Path, bytes]] = [(Path(args.output), document)]
    if exe is not None:
        files.append((pdf_path(args.output), pdf_of(document, spec.name, exe)))
    if ics_out and calendar is not None:
        files.append((Path(ics_out), calendar))
    _write_all(files)  # the document and its invitation, or neither
    _warn(document.warnings)
    for path, _ in files:
        _err(f"Skrev {path}")
    return EXIT_OK


def _pdf_converter(output: str | None) -> str:
    """LibreOffice's program for ``--pdf`` (a Danish error, exit 1, if it is missing), checked
    before anything is made; ``-o`` must then name the .docx, the PDF goes beside it."""
    from ..pdf import require_soffice

    _check_output(output)
    return require_soffice()


def _check_output(output: str | None) -> None:
    """``-o`` names the Word document: ``-o plan.pdf`` would be a .docx with a PDF's name."""
    if output is not None and Path(output).suffix.lower() == ".pdf":
        raise _UsageError(
            "-o er Word-dokumentet (.docx); brug -o UD.docx --pdf, så skrives PDF'en ved "
            "siden af det (UD.pdf)"
        )


def pdf_path(output: str | Path) -> Path:
    """Where ``--pdf`` writes the PDF: beside the .docx, with its name (``plan.docx`` ->
    ``plan.pdf``)."""
    return Path(output).with_suffix(".pdf")


def pdf_of(document: bytes, name: str, exe: str) -> bytes:
    """The PDF of one rendered document (PdfConversionError if LibreOffice made none)."""
    from ..pdf import convert_or_fail

    return convert_or_fail([(f"{name}.docx", document)], exe)[0]


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write files so that either all of them are written or none is changed: each is written
    completely to a temporary file beside its target first, then they are renamed into place;
    if a rename fails, the files renamed before it are put back as they were."""
    import contextlib
    import os
    import shutil
    import tempfile

    from ..errors import OutputError, describe_os_error

    staged: list[tuple[Path, str]] = []  # target, temporary file
    backups: list[tuple[Path, str | None]] = []  # target, its old content (None: no old file)
    current = files[0][0]
    try:
        for path, data in files:
            current = path
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "")
            directory = path.parent if str(path.parent) else Path(".")
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((path, tmp))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        for path, tmp in staged:
            current = path
            backup = None
            if path.exists():  # a second name for the old file, until every file is in place
                fd, backup = tempfile.mkstemp(dir=os.path.dirname(tmp), suffix=".tmp")
                os.close(fd)
                try:
                    os.unlink(backup)
                    os.link(path, backup)
                except OSError:  # no hard links here (FAT, some network drives): a copy
                    shutil.copy2(path, backup)
            backups.append((path, backup))
            os.replace(tmp, path)
    except OSError as exc:
        for path, backup in reversed(backups):  # undo: the old files back, new ones away
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, path)
                else:
                    path.unlink()
        for _, tmp in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise OutputError(
            f"Kan ikke skrive {current}: {describe_os_error(exc)}. Intet er skrevet."
        ) from None
    for _, backup in backups:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def cmd_read(args: argparse.Namespace) -> int:
    from ..fillable import read_docx

    spec = _form(args.form)
    if not spec.model.fillable_fields:
        from ..fillable import fillable_forms

        names = ", ".join(s.name for s in fillable_forms())
        raise _UsageError(f"read læser kun notatskemaerne ({names}), ikke {spec.name}")
    model = read_docx(spec, args.document)
    text = json.dumps(model.model_dump(mode="json", round_trip=True), ensure_ascii=False, indent=2)
    if args.output:
        _write_all([(Path(args.output), (text + "\n").encode("utf-8"))])
        _err(f"Skrev {args.output}")
    else:
        print(text)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from ..errors import OutputError
    from ..forms import all_forms
    from ..rendering import render

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Kan ikke oprette mappen {out}: {exc.strerror}") from None
    warned: set[str] = set()
    for spec in all_forms():
        target = out / f"{spec.name}.docx"
        _warn(render(spec.example_model(), target).warnings, warned)
        print(target)
    _err(f"{count(len(all_forms()), 'dokument', 'dokumenter')} skrevet i {out}")
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("forms", help="list formularerne: navn og dansk titel")
    p.set_defaults(func=cmd_forms)

    p = subparsers.add_parser("schema", help="formularens JSON Schema på stdout")
    p.add_argument("form", metavar="FORM")
    p.set_defaults(func=cmd_schema)

    p = subparsers.add_parser("example", help="et gyldigt eksempel (JSON) på stdout")
    p.add_argument("form", metavar="FORM")
    p.set_defaults(func=cmd_example)

    p = subparsers.add_parser(
        "validate", help="kontrollér data; afslutningskode 0 hvis gyldige, ellers 1"
    )
    p.add_argument("form", metavar="FORM")
    p.add_argument(
        "data",
        metavar="DATA",
        help="JSON-fil, - for stdin, eller et regneark (.xlsx), .csv eller .jsonl: hver række "
        "kontrolleres som i merge",
    )
    p.set_defaults(func=cmd_validate)

    p = subparsers.add_parser("render", help="udfyld formularens Word-skabelon")
    p.add_argument("form", metavar="FORM")
    p.add_argument("data", metavar="DATA", help="JSON-fil, eller - for stdin")
    p.add_argument("-o", "--output", required=True, metavar="UD.docx", help="dokumentet")
    p.add_argument(
        "--pdf",
        action="store_true",
        help="skriv også en PDF/A-2b (tagget) ved siden af dokumentet: UD.pdf (kræver LibreOffice)",
    )
    p.add_argument("--template", metavar="T.docx", help="kommunens egen skabelon")
    p.add_argument(
        "--profile", metavar="P.json", help="kommuneprofil: afsender, adresse, åbningstider"
    )
    p.add_argument(
        "--ics",
        metavar="UD.ics",
        help="kalenderinvitation uden personoplysninger (kun netvaerksmoede_invitation)",
    )
    p.add_argument(
        "--fillable",
        action="store_true",
        help="notatskema til udfyldning i Word: hvert felt, der udfyldes på mødet, bliver et "
        "indholdskontrolelement (kun notatskemaer; læs det udfyldte med read)",
    )
    p.set_defaults(func=cmd_render)

    p = subparsers.add_parser(
        "read",
        help="læs et notatskema, der er udfyldt i Word (lavet med render --fillable), som JSON",
    )
    p.add_argument("form", metavar="FORM")
    p.add_argument("document", metavar="UDFYLDT.docx", help="det udfyldte notatskema")
    p.add_argument("-o", "--output", metavar="UD.json", help="skriv JSON hertil (ellers stdout)")
    p.set_defaults(func=cmd_read)

    p = subparsers.add_parser("demo", help="udfyld alle formularer med deres eksempler")
    p.add_argument("--out", required=True, metavar="DIR", help="mappen dokumenterne skrives i")
    p.set_defaults(func=cmd_demo)
