"""The command line: ``samarbejdsdok forms|schema|example|validate|render|demo|merge|plan|sag``.

A thin layer over the library, one module per command group: :mod:`.forms` (one form's data:
forms, schema, example, validate, render, demo), :mod:`.merge`, :mod:`.plan`, :mod:`.sag` (the
case file) and :mod:`.templates` (for template authors: fields, check-template). Each registers
its commands with ``add_commands(subparsers)``; this module holds the parser, :func:`main` and
the helpers they share.

The command line never prompts, prints documents and data on stdout and Danish messages on
stderr, and exits 0 on success, 1 on invalid data, a template error or a failed write (leaving
no output file), and 2 on wrong usage (unknown form, bad options).

Only the standard library is imported at start-up; the rendering stack is imported by the
commands that need it, so ``samarbejdsdok --help`` starts fast.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from pathlib import Path
from typing import Any, NoReturn

from .._version import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BUG = 70  # EX_SOFTWARE: an internal error


class _UsageError(Exception):
    pass


def _mask(message: str) -> str:
    from ..errors import mask_cpr_numbers  # imported on use: --help starts without it

    return mask_cpr_numbers(message)


def _err(message: str) -> None:
    """Print a message on stderr, every CPR number in it masked (a path, a key or a value the
    user typed can hold one)."""
    print(_mask(message), file=sys.stderr)


# argparse's own texts in Danish. argparse looks each text up through its module's gettext
# functions (``argparse._``, ``argparse.ngettext``) when it is used, so :class:`_Parser` answers
# those look-ups from this table while one of its methods runs. The keys are argparse's texts as
# Python 3.11-3.13 write them; a text missing here stays as argparse wrote it.
_DANISH: dict[str, str] = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "subcommands": "kommandoer",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis programmets versionsnummer og afslut",
    " (default: %(default)s)": " (standard: %(default)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: advarsel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "følgende argumenter mangler: %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "expected one argument": "kræver én værdi",
    "expected at most one argument": "tager højst én værdi",
    "expected at least one argument": "kræver mindst én værdi",
    "expected %s argument": "kræver %s værdi",
    "expected %s arguments": "kræver %s værdier",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt tilvalg: %(option)s kan være %(matches)s"
    ),
    "ambiguous option: %(option)s could match %(matches)s\n": (
        "tvetydigt tilvalg: %(option)s kan være %(matches)s\n"
    ),
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ignored explicit argument %r": "tager ingen værdi (%r)",
    "unexpected option string: %s": "uventet tilvalg: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
    "command '%(parser_name)s' is deprecated": "kommandoen '%(parser_name)s' udgår",
    "option '%(option)s' is deprecated": "tilvalget '%(option)s' udgår",
    "argument '%(argument_name)s' is deprecated": "argumentet '%(argument_name)s' udgår",
}

_in_danish: ContextVar[bool] = ContextVar("samarbejdsdok_argparse_in_danish", default=False)


def _install_danish() -> None:
    """Put look-ups in :data:`_DANISH` in front of argparse's gettext functions, once. Other
    parsers in the process are not affected: the table answers only while a :class:`_Parser`
    method runs (in that thread or task)."""
    gettext: Callable[[str], str] = getattr(argparse, "_")  # noqa: B009
    ngettext: Callable[[str, str, int], str] = getattr(argparse, "ngettext")  # noqa: B009
    if getattr(gettext, "samarbejdsdok", False):
        return

    def danish_gettext(message: str) -> str:
        return _DANISH.get(message, message) if _in_danish.get() else gettext(message)

    def danish_ngettext(singular: str, plural: str, n: int) -> str:
        if not _in_danish.get():
            return ngettext(singular, plural, n)
        message = singular if n == 1 else plural
        return _DANISH.get(message, message)

    danish_gettext.samarbejdsdok = True  # type: ignore[attr-defined]
    setattr(argparse, "_", danish_gettext)  # noqa: B010
    setattr(argparse, "ngettext", danish_ngettext)  # noqa: B010


def _danish(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a :class:`_Parser` method with argparse's texts in Danish."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = _in_danish.set(True)
        try:
            return method(*args, **kwargs)
        finally:
            _in_danish.reset(token)

    return wrapper


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Danish (usage, help and errors; see :data:`_DANISH`) and
    masks CPR numbers in its error messages (argparse repeats a wrong argument there)."""

    @_danish
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _install_danish()
        super().__init__(*args, **kwargs)

    @_danish
    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if isinstance(action.help, str):  # Python 3.11 sets --version's help without gettext
            action.help = _DANISH.get(action.help, action.help)
        return action

    add_subparsers = _danish(argparse.ArgumentParser.add_subparsers)
    parse_args = _danish(argparse.ArgumentParser.parse_args)
    parse_known_args = _danish(argparse.ArgumentParser.parse_known_args)
    format_usage = _danish(argparse.ArgumentParser.format_usage)
    format_help = _danish(argparse.ArgumentParser.format_help)
    error = _danish(argparse.ArgumentParser.error)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        super().exit(status, None if message is None else _mask(message))


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
    from ..errors import FormNotFoundError
    from ..forms import get_form

    try:
        return get_form(name)
    except FormNotFoundError as exc:
        raise _UsageError(f"{exc.message} Se 'samarbejdsdok forms'.") from None


def _forms_with_attachment(kind: str) -> str:
    """The names of the forms that declare an attachment of this kind (``"ics"``), for a usage
    error."""
    from ..forms import all_forms

    names = [spec.name for spec in all_forms() if spec.attachment(kind) is not None]
    return ", ".join(names) or "ingen formularer"


def _read_data(source: str) -> Any:
    """Parse the JSON (or YAML) in a file, or the JSON on stdin for ``-``."""
    from ..sources import MAX_JSON_BYTES, parse_document, read_input

    if source == "-":
        raw = sys.stdin.buffer.read(MAX_JSON_BYTES + 1)  # parse_document refuses more
        name = "standardinput"
    else:
        path = Path(source)
        name = str(path)
        raw = read_input(path, "Datafilen")
    return parse_document(raw, name)  # a .yaml/.yml file is read as YAML


def build_parser() -> argparse.ArgumentParser:
    from . import forms, merge, plan, sag, templates

    parser = _Parser(
        prog="samarbejdsdok",
        description="Udfyld danske samarbejdsformularer (samtykke, notater, familieplaner) "
        "som Word-dokumenter ud fra validerede data.",
    )
    parser.add_argument("--version", action="version", version=f"samarbejdsdok {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    # In this order: the order of the commands in --help.
    for group in (forms, merge, plan, sag, templates):
        group.add_commands(sub)
    return parser


def _mask_log_records() -> None:
    """Without logging configuration Python prints warnings through ``logging.lastResort``:
    mask CPR numbers there too (once, however often :func:`main` runs in one process)."""
    import logging

    from ..errors import MaskCprFilter

    handler = logging.lastResort
    if handler is not None and not any(isinstance(f, MaskCprFilter) for f in handler.filters):
        handler.addFilter(MaskCprFilter())


#: The command-line option of each library argument an error can name (``arguments``).
_OPTIONS = {
    "encoding": "--encoding",
    "moede": "--meeting",
    "samtykke": "--samtykke",
    "til": "--til",
    "hjemmel": "--hjemmel",
    "resume": "--resume",
    "pdf": "uden --pdf",
    "out_dir": "--out-dir",
}


def _options(arguments: tuple[str, ...]) -> str:
    """`` (brug --meeting eller --samtykke)`` for an error's arguments, or nothing."""
    options = [_OPTIONS[a] for a in arguments if a in _OPTIONS]
    if not options:
        return ""
    from babel.lists import format_list

    return f" ({'brug ' if options[0].startswith('--') else ''}" + (
        f"{format_list(options, style='or', locale='da_DK')})"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (also used by the console script)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from ..errors import SamarbejdsdokError

    _mask_log_records()

    try:
        return int(args.func(args))
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        _err(f"samarbejdsdok: fejl: {exc}")
        return EXIT_USAGE
    except SamarbejdsdokError as exc:
        _err(f"samarbejdsdok: {exc.message}{_options(exc.arguments)}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("samarbejdsdok: afbrudt")
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
    except Exception:
        # A bug, not a refused input: the traceback helps whoever fixes it, but a path or value
        # in it may hold a CPR number, so it is printed masked like every other message.
        import traceback

        _err(
            "samarbejdsdok: uventet fejl (en fejl i programmet; send gerne teksten herunder "
            "til dem, der vedligeholder det):\n" + traceback.format_exc().rstrip()
        )
        return EXIT_BUG
