"""``merge``: one document per row of a spreadsheet, CSV or JSON file, with a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .._wording import count
from . import EXIT_FAILED, EXIT_OK, _err, _form, _options, _UsageError

#: Exit codes of a stopped run, as a shell reports a process ended by SIGINT or SIGTERM.
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge a spreadsheet, CSV or JSON file into one document per row, with a report."""
    spec = _form(args.form)
    if args.check:
        return _check(spec, args)
    if args.out_dir is None and args.zip is None:
        raise _UsageError("angiv --out-dir MAPPE (eller --zip UD.zip)")
    if args.resume and args.zip is not None:
        raise _UsageError("--resume virker kun med --out-dir (en zip-fil skrives altid helt)")
    if args.jobs < 0:
        raise _UsageError("--jobs skal være 0 (én pr. processorkerne) eller mere")

    from ..mailmerge import FilenamePatternError, Terminated, run_batch, sigterm_as_interrupt
    from ..sources import open_source

    profile = _profile(args)
    out_dir = Path(args.out_dir) if args.out_dir is not None else None
    zip_path = Path(args.zip) if args.zip is not None else None
    if args.report is not None:
        report = Path(args.report)
    elif out_dir is not None:
        report = out_dir / "rapport.csv"
    else:
        assert zip_path is not None
        report = zip_path.with_name(zip_path.stem + "-rapport.csv")
    source = open_source(
        args.source, sheet=args.sheet, encoding=args.encoding, delimiter=args.delimiter
    )
    try:
        with sigterm_as_interrupt():
            summary = run_batch(
                spec,
                source,
                out_dir=out_dir,
                zip_path=zip_path,
                report_path=report,
                filename=args.filename,
                template=args.template,
                jobs=args.jobs,
                strict=args.strict,
                resume=args.resume,
                pdf=args.pdf,
                progress=sys.stderr.isatty(),
                echo=_err,
                profile=profile,
            )
    except FilenamePatternError as exc:
        raise _UsageError(exc.message) from None
    except Terminated:  # before the first row: nothing was written
        _err("samarbejdsdok: stoppet (SIGTERM)")
        return EXIT_TERMINATED
    counts = summary.counts
    where = (
        f" i {summary.zip}"
        if summary.zip is not None
        else (f" i {out_dir}" if out_dir is not None and zip_path is None else "")
    )
    rows = count(summary.rows, "række", "rækker")
    _err(
        f"{rows}: {counts['ok']} ok{where}, {counts['fejl']} fejl, "
        f"{counts['sprunget over']} sprunget over. Rapport: {summary.report}"
    )
    if summary.error is not None:
        _err(f"samarbejdsdok: {summary.error.message}{_options(summary.error.arguments)}")
    elif summary.stopped and not summary.interrupted:
        _err(f"samarbejdsdok: {summary.stopped}")
    if summary.interrupted:
        how = "stoppet (SIGTERM)" if summary.terminated else "afbrudt"
        _err(f"samarbejdsdok: {how}; kør igen med --resume for at fortsætte")
        return EXIT_TERMINATED if summary.terminated else EXIT_INTERRUPTED
    if counts["fejl"] or summary.error is not None or summary.stopped:
        return EXIT_FAILED
    return EXIT_OK


def _check(spec: Any, args: argparse.Namespace) -> int:
    """``merge --check``: every row read and validated, the report written, no documents."""
    from ..mailmerge import FilenamePatternError, Terminated, check_batch, sigterm_as_interrupt
    from ..sources import open_source

    profile = _profile(args)
    source_path = Path(args.source)
    if args.report is not None:
        report = Path(args.report)
    elif args.out_dir is not None:
        report = Path(args.out_dir) / "rapport.csv"
    elif args.zip is not None:
        zip_path = Path(args.zip)
        report = zip_path.with_name(zip_path.stem + "-rapport.csv")
    else:  # beside the sheet: samtykker.xlsx -> samtykker-rapport.csv
        report = source_path.with_name(source_path.stem + "-rapport.csv")
    source = open_source(
        args.source, sheet=args.sheet, encoding=args.encoding, delimiter=args.delimiter
    )
    try:
        with sigterm_as_interrupt():
            summary = check_batch(
                spec,
                source,
                report_path=report,
                filename=args.filename,
                progress=sys.stderr.isatty(),
                echo=_err,
                profile=profile,
            )
    except FilenamePatternError as exc:
        raise _UsageError(exc.message) from None
    except Terminated:
        _err("samarbejdsdok: stoppet (SIGTERM)")
        return EXIT_TERMINATED
    counts = summary.counts
    rows, empty = summary.rows, counts["sprunget over"]
    _err(
        f"Kontrol af {rows} {'række' if rows == 1 else 'rækker'}: {counts['ok']} uden fejl, "
        f"{counts['fejl']} med fejl, {empty} {'tom' if empty == 1 else 'tomme'}. "
        "Ingen dokumenter lavet. "
        f"Rapport: {summary.report}"
    )
    return EXIT_FAILED if counts["fejl"] else EXIT_OK


def _profile(args: argparse.Namespace) -> dict[str, Any] | None:
    """The municipality profile of ``--profile``, read and checked before any row."""
    if not args.profile:
        return None
    from .. import profil

    return profil.load(args.profile)


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "merge",
        help="flet: ét dokument pr. række i en Excel-, CSV- eller JSON-fil",
        description="Udfyld formularen én gang pr. række i KILDE (.xlsx, .csv, .jsonl, .json). "
        "Kolonneoverskrifterne er felternes stier (boern.0.navn) eller danske titler "
        "(Barnets navn 1). Hver række ender i rapporten som ok, fejl eller sprunget over.",
    )
    p.add_argument("form", metavar="FORM")
    p.add_argument("source", metavar="KILDE", help="regneark (.xlsx), .csv, .jsonl eller .json")
    p.add_argument("--out-dir", metavar="MAPPE", help="mappen dokumenterne skrives i")
    p.add_argument(
        "--filename",
        metavar="MØNSTER",
        help="filnavn ud fra rækkens felter, fx '{samtykkegiver.navn}-{underskriftsdato}.docx'; "
        "standard '{form}-{row:05d}.docx'. Cpr-felter er ikke tilladt",
    )
    p.add_argument("--zip", metavar="UD.zip", help="skriv dokumenterne i ét zip-arkiv i stedet")
    p.add_argument(
        "--report",
        metavar="RAPPORT.csv",
        help="rapporten, én linje pr. række (standard: rapport.csv i --out-dir)",
    )
    p.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="udfyld i N processer (0: én pr. kerne)"
    )
    p.add_argument("--strict", action="store_true", help="stop ved første række med fejl")
    p.add_argument(
        "--check",
        action="store_true",
        help="kontrollér kun: læs og kontrollér hver række, skriv rapporten, lav ingen "
        "dokumenter (exit 0 hvis alle rækker er i orden, ellers 1)",
    )
    p.add_argument(
        "--resume", action="store_true", help="spring dokumenter over, der allerede er færdige"
    )
    p.add_argument("--pdf", action="store_true", help="lav også PDF'er (kræver LibreOffice)")
    p.add_argument("--template", metavar="T.docx", help="kommunens egen skabelon")
    p.add_argument(
        "--profile",
        metavar="P.json",
        help="kommuneprofil: afsender og standardparter (samtykkeerklæringens bokse), "
        "når rækken ikke selv har dem",
    )
    p.add_argument("--sheet", metavar="ARK", help="regnearkets ark (standard: det første)")
    p.add_argument("--encoding", metavar="TEGNSÆT", help="CSV-filens tegnsæt (fx cp1252, utf-8)")
    p.add_argument("--delimiter", metavar="TEGN", help="CSV-filens skilletegn (fx ';' eller tab)")
    p.set_defaults(func=cmd_merge)
