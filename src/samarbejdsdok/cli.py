"""The command line: ``samarbejdsdok forms|schema|example|validate|render|demo|merge|plan|sag``.

A thin layer over the library. It never prompts, prints documents and data on stdout and Danish
messages on stderr, and exits 0 on success, 1 on invalid data, a template error or a failed
write (leaving no output file), and 2 on wrong usage (unknown form, bad options).

Only the standard library is imported at start-up; the rendering stack is imported by the
commands that need it, so ``samarbejdsdok --help`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .sag import Sag

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    pass


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _warn(warnings: Iterable[str], seen: set[str] | None = None) -> None:
    """Print a rendered document's warnings on stderr (``advarsel: ...``); with ``seen``, each
    distinct warning only once per command run (batch commands)."""
    for warning in warnings:
        if seen is not None:
            if warning in seen:
                continue
            seen.add(warning)
        _err(f"advarsel: {warning}")


def _form(name: str) -> Any:
    from .errors import FormNotFoundError
    from .forms import get_form

    try:
        return get_form(name)
    except FormNotFoundError as exc:
        raise _UsageError(f"{exc.message} Se 'samarbejdsdok forms'.") from None


def _read_data(source: str) -> Any:
    """Parse the JSON (or YAML) in a file, or the JSON on stdin for ``-``."""
    from .errors import InputFormatError

    if source == "-":
        raw = sys.stdin.buffer.read()
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputFormatError(f"Datafilen {name} findes ikke") from None
        except OSError as exc:
            raise InputFormatError(f"Datafilen {name} kan ikke læses: {exc.strerror}") from None
    from .sources import parse_document

    return parse_document(raw, name)  # a .yaml/.yml file is read as YAML


def cmd_forms(args: argparse.Namespace) -> int:
    from .forms import all_forms

    specs = all_forms()
    width = max(len(s.name) for s in specs)
    for spec in specs:
        print(f"{spec.name:<{width}}  {spec.title}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schemas import form_schema

    print(json.dumps(form_schema(_form(args.form)), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_example(args: argparse.Namespace) -> int:
    print(json.dumps(_form(args.form).example(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .validation import validate

    spec = _form(args.form)
    validate(spec.model, _read_data(args.data), form=spec.name)
    _err(f"Data er gyldige for {spec.name}.")
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from .rendering import render
    from .validation import validate

    spec = _form(args.form)
    ics_out = getattr(args, "ics", None)
    if ics_out and spec.name != "netvaerksmoede_invitation":
        raise _UsageError(
            "--ics (kalenderinvitation) findes kun for netvaerksmoede_invitation, "
            f"ikke for {spec.name}"
        )
    data = _read_data(args.data)
    if args.profile:
        from .profil import anvend_profil, indlaes

        data = anvend_profil(spec.model, data, indlaes(args.profile))
    model = validate(spec.model, data, form=spec.name)
    calendar = None
    if ics_out:  # made before anything is written, so a failure leaves no file at all
        from .ics import invitation_ics

        calendar = invitation_ics(model)
    document = render(model, args.output, template=args.template)
    _warn(document.warnings)
    _err(f"Skrev {args.output}")
    if ics_out and calendar is not None:
        from .rendering import write_atomic

        write_atomic(ics_out, calendar)
        _err(f"Skrev {ics_out}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from .errors import OutputError
    from .forms import all_forms
    from .rendering import render

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
    _err(f"{len(all_forms())} dokumenter skrevet i {out}")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge a spreadsheet, CSV or JSON file into one document per row, with a report."""
    spec = _form(args.form)
    if args.out_dir is None and args.zip is None:
        raise _UsageError("angiv --out-dir MAPPE (eller --zip UD.zip)")
    if args.resume and args.zip is not None:
        raise _UsageError("--resume virker kun med --out-dir (en zip-fil skrives altid helt)")
    if args.jobs < 0:
        raise _UsageError("--jobs skal være 0 (én pr. processorkerne) eller mere")

    from .mailmerge import FilenamePatternError, run_batch
    from .sources import open_source

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
        )
    except FilenamePatternError as exc:
        raise _UsageError(exc.message) from None
    counts = summary.counts
    where = (
        f" i {summary.zip}"
        if summary.zip is not None
        else (f" i {out_dir}" if out_dir is not None and zip_path is None else "")
    )
    _err(
        f"{summary.rows} rækker: {counts['ok']} ok{where}, {counts['fejl']} fejl, "
        f"{counts['sprunget over']} sprunget over. Rapport: {summary.report}"
    )
    if summary.error is not None:
        _err(f"samarbejdsdok: {summary.error.message}")
    elif summary.stopped and not summary.interrupted:
        _err(f"samarbejdsdok: {summary.stopped}")
    if summary.interrupted:
        _err("samarbejdsdok: afbrudt; kør igen med --resume for at fortsætte")
        return 130
    if counts["fejl"] or summary.error is not None or summary.stopped:
        return EXIT_FAILED
    return EXIT_OK


def cmd_fields(args: argparse.Namespace) -> int:
    from .fieldinfo import field_rows

    spec = _form(args.form)
    rows = field_rows(spec.model)
    width = max(len(r.path) for r in rows)
    print(f"Pladsholdere i {spec.name} ({spec.title}); skriv dem som {{{{ sti }}}} i Word.")
    print("Lister gennemløbes med {%tr for x in liste %} ... {%tr endfor %}; [] er et element.")
    for r in rows:
        label = r.title or ("afledt" if r.computed else "")
        extra = " (afledt, ikke input)" if r.computed else ""
        print(f"{r.path:<{width}}  {r.type:<28}  {label}{extra}")
    print(f"{'lov.<nøgle>.henvisning':<{width}}  {'tekst':<28}  lovhenvisning (se lovtabellen)")
    print(f"{'dokument.titel':<{width}}  {'tekst':<28}  formularens titel")
    return EXIT_OK


def cmd_check_template(args: argparse.Namespace) -> int:
    from .templatecheck import check_template

    spec = _form(args.form)
    path = Path(args.template)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from .errors import TemplateNotFoundError

        raise TemplateNotFoundError(
            f"Skabelonen {path} kan ikke læses: {exc.strerror}", form=spec.name, template=str(path)
        ) from None
    findings = check_template(spec, data, str(path))
    for finding in findings:
        print(f"- {finding}")
    if findings:
        _err(f"{len(findings)} problem(er) i skabelonen {path} til {spec.name}.")
        return EXIT_FAILED
    _err(f"Skabelonen {path} er i orden til {spec.name}.")
    return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato (ÅÅÅÅ-MM-DD)") from None


def cmd_plan(args: argparse.Namespace) -> int:
    from . import kadence
    from .formatting import dato_kort, dato_lang

    try:
        if args.model == "julemaerkehjem":
            if args.slut is None:
                raise _UsageError("julemaerkehjem kræver --slut (opholdets sidste dag)")
            meetings = kadence.julemaerkehjem(args.start, args.slut)
        elif args.model == "bbu":
            meetings = kadence.bbu(
                args.start,
                akut=args.akut,
                indskrivning_uden_sagsbehandler=args.uden_sagsbehandler,
                uger=args.uger,
                afgoerelser=tuple(args.afgoerelse),
                udflytning=args.udflytning,
            )
        else:
            meetings = kadence.sammen_om_familien(args.start, args.sagstype, args.maaneder)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    print(f"{kadence.MODELLER[args.model]}: plan fra {dato_lang(args.start)}")
    width = max(len(m.navn) for m in meetings)
    for m in meetings:
        window = f" (vindue {dato_kort(m.fra)}-{dato_kort(m.til)})" if m.fra and m.til else ""
        print(f"{dato_lang(m.dato):<32}  {m.navn:<{width}}  {m.regel}{window}")
    if args.ics:
        from .rendering import write_atomic

        write_atomic(args.ics, kadence.plan_ics(meetings, args.model))
        _err(f"Skrev {args.ics}")
    return EXIT_OK


def _sag(source: str) -> Sag:
    from . import sag

    return sag.load(source)


def cmd_sag_check(args: argparse.Namespace) -> int:
    from . import sag

    problems = sag.check(_sag(args.case))
    if not problems:
        _err("Sagen er i orden: alle dokumenter kan laves.")
        return EXIT_OK
    _err(f"{len(problems)} problem{'er' if len(problems) != 1 else ''} i sagen:")
    for p in problems:
        _err(f"  - {p}")
    return EXIT_FAILED


def cmd_sag_list(args: argparse.Namespace) -> int:
    from . import sag

    for dok in sag.documents(_sag(args.case)):
        print(dok.filnavn)
    return EXIT_OK


def cmd_sag_example(args: argparse.Namespace) -> int:
    from importlib.resources import files

    from . import sag

    sys.stdout.write(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"))
    return EXIT_OK


def cmd_sag_schema(args: argparse.Namespace) -> int:
    from .schemas import sag_schema

    print(json.dumps(sag_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_sag_render(args: argparse.Namespace) -> int:
    from . import sag

    if args.allow_without_consent and not args.hjemmel:
        raise _UsageError(
            "--allow-without-consent kræver --hjemmel: den lovhjemmel, dokumentet skal nævne"
        )
    if args.hjemmel and not args.allow_without_consent:
        raise _UsageError("--hjemmel bruges kun sammen med --allow-without-consent")
    hjemmel = args.hjemmel if args.allow_without_consent else None
    if args.all:
        if args.form or args.output or args.meeting or args.samtykke or args.til or args.ics:
            raise _UsageError("--all laver alle dokumenter; brug kun --out-dir med den")
        if not args.out_dir:
            raise _UsageError("--all kræver --out-dir MAPPE")
        written = sag.render_all(_sag(args.case), args.out_dir, hjemmel=hjemmel)
        _warn(written.warnings)  # each distinct warning once already
        _err(f"Skrev {len(written)} filer i {args.out_dir}")
        return EXIT_OK
    if not args.form or not args.output:
        raise _UsageError("angiv --form FORM og -o UD.docx (eller --all --out-dir MAPPE)")
    if args.ics and args.form != "netvaerksmoede_invitation":
        raise _UsageError("--ics findes kun for netvaerksmoede_invitation")
    _form(args.form)
    case = _sag(args.case)
    dok = sag.find(case, args.form, moede=args.meeting, samtykke=args.samtykke, til=args.til)
    model = sag.model_for(case, dok, hjemmel=hjemmel)
    calendar = None
    if args.ics:
        from .ics import invitation_ics

        calendar = invitation_ics(model)
    from .rendering import render, write_atomic

    document = render(model, args.output, template=args.template)
    _warn(document.warnings)
    _err(f"Skrev {args.output}")
    if calendar is not None:
        write_atomic(args.ics, calendar)
        _err(f"Skrev {args.ics}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samarbejdsdok",
        description="Udfyld danske samarbejdsformularer (samtykke, notater, familieplaner) "
        "som Word-dokumenter ud fra validerede data.",
    )
    parser.add_argument("--version", action="version", version=f"samarbejdsdok {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)

    p = sub.add_parser("forms", help="list formularerne: navn og dansk titel")
    p.set_defaults(func=cmd_forms)

    p = sub.add_parser("schema", help="formularens JSON Schema på stdout")
    p.add_argument("form", metavar="FORM")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("example", help="et gyldigt eksempel (JSON) på stdout")
    p.add_argument("form", metavar="FORM")
    p.set_defaults(func=cmd_example)

    p = sub.add_parser("validate", help="kontrollér data; exit 0 hvis gyldige, ellers 1")
    p.add_argument("form", metavar="FORM")
    p.add_argument("data", metavar="DATA", help="JSON-fil, eller - for stdin")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("render", help="udfyld formularens Word-skabelon")
    p.add_argument("form", metavar="FORM")
    p.add_argument("data", metavar="DATA", help="JSON-fil, eller - for stdin")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx", help="dokumentet")
    p.add_argument("--template", metavar="T.docx", help="kommunens egen skabelon")
    p.add_argument(
        "--profile", metavar="P.json", help="kommuneprofil: afsender, adresse, åbningstider"
    )
    p.add_argument(
        "--ics",
        metavar="OUT.ics",
        help="kalenderinvitation uden personoplysninger (kun netvaerksmoede_invitation)",
    )
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("demo", help="udfyld alle formularer med deres eksempler")
    p.add_argument("--out", required=True, metavar="DIR", help="mappen dokumenterne skrives i")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
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
        "--resume", action="store_true", help="spring dokumenter over, der allerede er færdige"
    )
    p.add_argument("--pdf", action="store_true", help="lav også PDF'er (kræver LibreOffice)")
    p.add_argument("--template", metavar="T.docx", help="kommunens egen skabelon")
    p.add_argument("--sheet", metavar="ARK", help="regnearkets ark (standard: det første)")
    p.add_argument("--encoding", metavar="TEGNSÆT", help="CSV-filens tegnsæt (fx cp1252, utf-8)")
    p.add_argument("--delimiter", metavar="TEGN", help="CSV-filens skilletegn (fx ';' eller tab)")
    p.set_defaults(func=cmd_merge)
    p = sub.add_parser("plan", help="de datoer en samarbejdsmodel foreskriver")
    p.add_argument("model", choices=["julemaerkehjem", "bbu", "sammen_om_familien"])
    p.add_argument(
        "--start",
        required=True,
        type=_date,
        metavar="DATO",
        help="opholdets/anbringelsens/sagens start (ÅÅÅÅ-MM-DD)",
    )
    p.add_argument(
        "--slut", type=_date, metavar="DATO", help="julemaerkehjem: opholdets sidste dag"
    )
    p.add_argument("--akut", action="store_true", help="bbu: akut anbringelse")
    p.add_argument(
        "--uden-sagsbehandler",
        action="store_true",
        help="bbu: sagsbehandleren var ikke med ved indskrivningen",
    )
    p.add_argument("--uger", type=int, default=12, help="bbu: antal uger (standard 12)")
    p.add_argument(
        "--afgoerelse",
        type=_date,
        action="append",
        default=[],
        metavar="DATO",
        help="bbu: dato for en afgørelse (kan gentages)",
    )
    p.add_argument("--udflytning", type=_date, metavar="DATO", help="bbu: barnets udflytning")
    p.add_argument(
        "--sagstype",
        choices=["kompensation", "undersøgelse"],
        default="kompensation",
        help="sammen_om_familien: sagstypen, der fastlægger kadencen",
    )
    p.add_argument("--maaneder", type=int, default=12, help="sammen_om_familien: måneder")
    p.add_argument("--ics", metavar="OUT.ics", help="skriv planen som kalenderbegivenheder")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("sag", help="én sag, mange dokumenter: check, render, list, example")
    sagsub = p.add_subparsers(dest="sag_command", metavar="KOMMANDO", required=True)
    q = sagsub.add_parser("check", help="alle problemer i sagen på én gang; exit 0 hvis ingen")
    q.add_argument("case", metavar="SAG", help="sagsfilen (.json, .yaml)")
    q.set_defaults(func=cmd_sag_check)
    q = sagsub.add_parser("list", help="sagens dokumenter indtil nu (filnavne)")
    q.add_argument("case", metavar="SAG")
    q.set_defaults(func=cmd_sag_list)
    q = sagsub.add_parser("example", help="det medfølgende eksempel på en sag (YAML) på stdout")
    q.set_defaults(func=cmd_sag_example)
    q = sagsub.add_parser("schema", help="sagsfilens JSON Schema på stdout")
    q.set_defaults(func=cmd_sag_schema)
    q = sagsub.add_parser("render", help="lav et eller alle sagens dokumenter")
    q.add_argument("case", metavar="SAG")
    q.add_argument("--form", metavar="FORM", help="formularens navn")
    q.add_argument("--meeting", type=int, metavar="N", help="mødets nummer i sagen (fra 1)")
    q.add_argument("--samtykke", type=int, metavar="N", help="samtykkets nummer i sagen (fra 1)")
    q.add_argument(
        "--til",
        metavar="NØGLE",
        help="modtageren (en professionel i netværket); uden: familiens eget eksemplar",
    )
    q.add_argument("-o", "--output", metavar="UD.docx")
    q.add_argument("--ics", metavar="UD.ics", help="invitation: kalenderfil uden personoplysninger")
    q.add_argument("--template", metavar="T.docx", help="kommunens egen skabelon")
    q.add_argument("--all", action="store_true", help="alle sagens dokumenter indtil nu")
    q.add_argument("--out-dir", metavar="MAPPE", help="mappen til --all")
    q.add_argument(
        "--allow-without-consent",
        action="store_true",
        help="del uden gyldigt samtykke, hvor loven tillader det (kræver --hjemmel)",
    )
    q.add_argument(
        "--hjemmel",
        metavar="TEKST",
        help="lovhjemlen, som dokumentet nævner (fx 'barnets lov § ...')",
    )
    q.set_defaults(func=cmd_sag_render)

    p = sub.add_parser("fields", help="pladsholderne en skabelon må bruge (sti, type, titel)")
    p.add_argument("form", metavar="FORM")
    p.set_defaults(func=cmd_fields)

    p = sub.add_parser(
        "check-template", help="kontrollér en redigeret skabelon; exit 0 kun hvis den er i orden"
    )
    p.add_argument("form", metavar="FORM")
    p.add_argument("template", metavar="T.docx")
    p.set_defaults(func=cmd_check_template)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (also used by the console script)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from .errors import SamarbejdsdokError

    try:
        return int(args.func(args))
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        _err(f"samarbejdsdok: fejl: {exc}")
        return EXIT_USAGE
    except SamarbejdsdokError as exc:
        _err(f"samarbejdsdok: {exc.message}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("samarbejdsdok: afbrudt")
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
