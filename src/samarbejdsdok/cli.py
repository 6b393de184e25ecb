"""The command line: ``samarbejdsdok forms|schema|example|validate|render|demo``.

A thin layer over the library. It never prompts, prints documents and data on stdout and Danish
messages on stderr, and exits 0 on success, 1 on invalid data, a template error or a failed
write (leaving no output file), and 2 on wrong usage (unknown form, bad options).

Only the standard library is imported at start-up; the rendering stack is imported by the
commands that need it, so ``samarbejdsdok --help`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ._version import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    pass


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _form(name: str) -> Any:
    from .errors import FormNotFoundError
    from .forms import get_form

    try:
        return get_form(name)
    except FormNotFoundError as exc:
        raise _UsageError(f"{exc.message} Se 'samarbejdsdok forms'.") from None


def _read_data(source: str) -> Any:
    """Parse the JSON in a file, or on stdin for ``-``."""
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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputFormatError(f"{name} er ikke UTF-8-kodet tekst") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFormatError(
            f"{name} er ikke gyldig JSON: linje {exc.lineno}, kolonne {exc.colno}: {exc.msg}"
        ) from None


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
    model = validate(spec.model, _read_data(args.data), form=spec.name)
    render(model, args.output, template=args.template)
    _err(f"Skrev {args.output}")
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
    for spec in all_forms():
        target = out / f"{spec.name}.docx"
        render(spec.example_model(), target)
        print(target)
    _err(f"{len(all_forms())} dokumenter skrevet i {out}")
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
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("demo", help="udfyld alle formularer med deres eksempler")
    p.add_argument("--out", required=True, metavar="DIR", help="mappen dokumenterne skrives i")
    p.set_defaults(func=cmd_demo)
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
