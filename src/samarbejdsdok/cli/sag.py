"""``sag``: one case file, many documents (``check``, ``list``, ``example``, ``schema``,
``render``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .._wording import count
from . import EXIT_FAILED, EXIT_OK, _err, _form, _forms_with_attachment, _UsageError, _warn
from .forms import _check_output, _pdf_converter, _write_all, pdf_of, pdf_path

if TYPE_CHECKING:
    from ..sag import SagBase


def _read_case(source: str) -> SagBase:
    from .. import sag

    return sag.load(source)


def cmd_case_check(args: argparse.Namespace) -> int:
    from .. import sag

    problems = sag.check(_read_case(args.case))
    if not problems:
        _err("Sagen er i orden: alle dokumenter kan laves.")
        return EXIT_OK
    _err(f"{count(len(problems), 'problem', 'problemer')} i sagen:")
    for p in problems:
        _err(f"  - {p}")
    return EXIT_FAILED


def cmd_case_list(args: argparse.Namespace) -> int:
    from .. import sag

    for doc in sag.documents(_read_case(args.case)):
        print(doc.filnavn)
    return EXIT_OK


def cmd_case_example(args: argparse.Namespace) -> int:
    from importlib.resources import files

    from ..sag.modeller import get

    example = get(args.model).example  # DataError (exit 1) for a model not yet usable
    sys.stdout.write(files("samarbejdsdok").joinpath(example).read_text("utf-8"))
    return EXIT_OK


def cmd_case_schema(args: argparse.Namespace) -> int:
    from ..schemas import sag_schema

    print(json.dumps(sag_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_case_render(args: argparse.Namespace) -> int:
    from .. import sag

    if args.allow_without_consent and not args.hjemmel:
        raise _UsageError(
            "--allow-without-consent kræver --hjemmel: den lovhjemmel, dokumentet skal nævne"
        )
    if args.hjemmel and not args.allow_without_consent:
        raise _UsageError("--hjemmel bruges kun sammen med --allow-without-consent")
    legal_basis = args.hjemmel if args.allow_without_consent else None
    if args.all:
        if args.fillable:
            raise _UsageError("--fillable laver ét notatskema; brug --form og -o, ikke --all")
        if args.form or args.output or args.meeting or args.samtykke or args.til or args.ics:
            raise _UsageError("--all laver alle dokumenter; brug kun --out-dir med den")
        if not args.out_dir:
            raise _UsageError("--all kræver --out-dir MAPPE")
        if args.pdf:
            _pdf_converter(None)  # LibreOffice is there, before anything is made
        case = _read_case(args.case)
        written = sag.render_all(case, args.out_dir, hjemmel=legal_basis, pdf=args.pdf)
        _warn(written.warnings)  # each distinct warning once already
        _err(f"Skrev {count(len(written), 'fil', 'filer')} i {args.out_dir}")
        return EXIT_OK
    if not args.form or not args.output:
        raise _UsageError("angiv --form FORM og -o UD.docx (eller --all --out-dir MAPPE)")
    spec = _form(args.form)
    if args.fillable and not spec.model.fillable_fields:
        from ..fillable import fillable_forms

        names = ", ".join(s.name for s in fillable_forms())
        raise _UsageError(f"--fillable findes kun for notatskemaerne ({names}), ikke {spec.name}")
    if args.fillable and args.ics:
        raise _UsageError("--ics kan ikke bruges med --fillable")
    _check_output(args.output)
    exe = _pdf_converter(args.output) if args.pdf else None  # before anything is made
    attachment = spec.attachment("ics") if args.ics else None
    if args.ics and attachment is None:
        raise _UsageError(f"--ics findes kun for {_forms_with_attachment('ics')}")
    case = _read_case(args.case)
    sag.require_valid(case, hjemmel=legal_basis)  # the whole case, as --all does
    if (
        args.fillable
        and args.meeting
        and isinstance(case, sag.Sag)
        and 1 <= args.meeting <= len(case.moeder)
    ):
        # The note form for a meeting still planned: filled in while it is held.
        case = sag.as_held(case, args.meeting)
    doc = sag.find(case, args.form, moede=args.meeting, samtykke=args.samtykke, til=args.til)
    model = sag.model_for(case, doc, hjemmel=legal_basis)
    calendar = None
    if attachment is not None:
        calendar = attachment.make(model)
    if args.fillable:
        from ..fillable import render_fillable

        document = render_fillable(spec, model, template=args.template)
    else:
        from ..rendering import render

        document = render(model, template=args.template)
    files: list[tuple[Path, bytes]] = [(Path(args.output), document)]
    if exe is not None:
        files.append((pdf_path(args.output), pdf_of(document, spec.name, exe)))
    if calendar is not None:
        files.append((Path(args.ics), calendar))
    _write_all(files)  # the document, its PDF and its invitation, or none of them
    _warn(document.warnings)
    for path, _ in files:
        _err(f"Skrev {path}")
    return EXIT_OK


def cmd_case_import_note(args: argparse.Namespace) -> int:
    from ..sag.notat import import_note

    done = import_note(args.case, args.note, args.meeting, output=args.output)
    _err(
        f"Skrev {done.path}: møde {done.meeting} har nu notatets "
        f"{count(done.agreements, 'aftale', 'aftaler')} (kommentarer og rækkefølge er bevaret)"
    )
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("sag", help="én sag, mange dokumenter: check, render, list, example")
    case_commands = p.add_subparsers(dest="sag_command", metavar="KOMMANDO", required=True)
    q = case_commands.add_parser(
        "check", help="alle problemer i sagen på én gang; afslutningskode 0 hvis ingen"
    )
    q.add_argument("case", metavar="SAG", help="sagsfilen (.json, .yaml)")
    q.set_defaults(func=cmd_case_check)
    q = case_commands.add_parser("list", help="sagens dokumenter indtil nu (filnavne)")
    q.add_argument("case", metavar="SAG")
    q.set_defaults(func=cmd_case_list)
    q = case_commands.add_parser(
        "example", help="det medfølgende eksempel på en sag (YAML) på stdout"
    )
    q.add_argument(
        "--model",
        default="toolbox",
        metavar="MODEL",
        help="samarbejdsmodellen: toolbox (standard), julemaerkehjem, bbu, sammen_om_familien "
        "eller plejefamilie",
    )
    q.set_defaults(func=cmd_case_example)
    q = case_commands.add_parser("schema", help="sagsfilens JSON Schema på stdout")
    q.set_defaults(func=cmd_case_schema)
    q = case_commands.add_parser("render", help="lav et eller alle sagens dokumenter")
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
    q.add_argument(
        "--pdf",
        action="store_true",
        help="skriv også en PDF/A-2b (tagget) ved siden af hvert dokument (kræver LibreOffice)",
    )
    q.add_argument("--out-dir", metavar="MAPPE", help="mappen til --all")
    q.add_argument(
        "--fillable",
        action="store_true",
        help="notatskemaet til udfyldning i Word (kun notatskemaer; se sag import-note)",
    )
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
    q.set_defaults(func=cmd_case_render)
    q = case_commands.add_parser(
        "import-note",
        help="et netværksmødenotat, der er udfyldt i Word, ind i sagen som mødets notater",
    )
    q.add_argument("case", metavar="SAG", help="sagsfilen (.yaml, .json); rettes på stedet")
    q.add_argument("note", metavar="UDFYLDT.docx", help="notatet (sag render --fillable)")
    q.add_argument(
        "--meeting", type=int, required=True, metavar="N", help="mødets nummer i sagen (fra 1)"
    )
    q.add_argument("-o", "--output", metavar="NY.yaml", help="skriv den rettede sag hertil")
    q.set_defaults(func=cmd_case_import_note)
