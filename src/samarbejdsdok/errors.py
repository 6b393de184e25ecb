"""The exception tree of samarbejdsdok.

Every error the library raises on purpose derives from :class:`SamarbejdsdokError`. The
subclasses carry what a caller needs as attributes (``form``, ``template``, ``field``, ``problems``)
so nobody has to parse a message. Messages are in Danish, because they are shown to municipal staff,
and they never contain a full CPR number: every message, field path, template name and
:class:`Problem` goes through :func:`mask_cpr_numbers` before it is stored.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "SamarbejdsdokError",
    "FormNotFoundError",
    "DataError",
    "ConsentError",
    "InputFormatError",
    "Problem",
    "TemplateError",
    "TemplateNotFoundError",
    "TemplateFormatError",
    "TemplateSyntaxError",
    "TemplateRenderError",
    "OutputError",
    "ArgumentError",
    "PictureError",
    "mask_cpr_numbers",
    "is_cpr_number",
    "MaskCprFilter",
]

# A CPR number as people type it: DDMMYY (or DD.MM.YY, DD MM YY, DD-MM-YY, DD/MM/YY) and
# the four last digits, with nothing, a dash (-, en dash, em dash), slash, dot, underscore or
# spaces between them (also " - "), not part of a longer run of digits. Spaces are bounded so
# the pattern cannot backtrack far; every number it finds is checked for a real birth date.
_SPACE = "[ \t\u00a0]"
_CPR_SHAPE = re.compile(
    r"(?<!\d)(\d\d)(?:([./ -])(\d\d)\2|(\d\d))(\d\d)"
    rf"(?:{_SPACE}{{0,3}}[-\u2010-\u2015/._]{_SPACE}{{0,3}}|{_SPACE}{{1,3}})?"
    r"(\d{4})(?!\d)"
)
# Every CPR number, whatever its shape, holds four digits in a row: a cheap test first.
_FOUR_DIGITS = re.compile(r"\d{4}")


def is_cpr_number(digits: str) -> bool:
    """Whether ten digits are a CPR number: the first six a real date DDMMYY, in the century the
    seventh digit gives (python-stdnum). No modulus-11 check: numbers issued since 2007 need
    not satisfy it.

    >>> is_cpr_number("1205852468"), is_cpr_number("3213456789"), is_cpr_number("4512345678")
    (True, False, False)
    """
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    # Imported on first use: most texts hold no ten digits, and errors is imported everywhere.
    from stdnum.dk import cpr as stdnum_cpr
    from stdnum.exceptions import ValidationError

    try:
        stdnum_cpr.get_birth_date(digits)
    except ValidationError:
        return False
    return True


def _mask_match(m: re.Match[str]) -> str:
    # ``\d`` also matches other scripts' digits (full-width ``１``): read them as ASCII digits.
    date = _ascii_digits(m.group(1) + (m.group(3) or m.group(4)) + m.group(5))
    return f"{date}-XXXX" if is_cpr_number(date + _ascii_digits(m.group(6))) else m.group(0)


def _ascii_digits(digits: str) -> str:
    return digits if digits.isascii() else "".join(str(unicodedata.decimal(c)) for c in digits)


def mask_cpr_numbers(text: str) -> str:
    """Replace every CPR number in a text, however it is typed, with ``DDMMYY-XXXX``.

    Recognised: ``1205852468``, ``120585-2468`` (also with an en or em dash, ``/``, ``.``, ``_``,
    spaces or `` - `` in between), and the date written ``12.05.85``, ``12 05 85``, ``12-05-85``
    or ``12/05/85``. Ten digits whose first six are no real date (an invoice or phone number)
    are left alone.

    >>> mask_cpr_numbers("Barnet 010203-1234 og 0102031234")
    'Barnet 010203-XXXX og 010203-XXXX'
    >>> mask_cpr_numbers("Mette 120585/2468, 12.05.85 - 2468; faktura 3213456789")
    'Mette 120585-XXXX, 120585-XXXX; faktura 3213456789'
    """
    if not _FOUR_DIGITS.search(text):
        return text
    return _CPR_SHAPE.sub(_mask_match, text)


class MaskCprFilter(logging.Filter):
    """A logging filter that masks CPR numbers in every record it sees (attach it to a handler).

    samarbejdsdok logs nothing itself; the command line attaches this filter to the handler
    Python falls back to without logging configuration (:data:`logging.lastResort`), so a
    warning a library logs cannot print a CPR number either. An application that configures
    logging attaches it to its own handlers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_cpr_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def _mask_optional(text: str | None) -> str | None:
    return None if text is None else mask_cpr_numbers(text)


class SamarbejdsdokError(Exception):
    """Base class of every error samarbejdsdok raises on purpose.

    Attributes:
        message: the Danish message, CPR numbers masked.
        form: the form's name (``"samtykke_generel"``), when known.
        template: the template's name or path, when known, CPR masked.
        field: the dotted path of the field concerned, when there is exactly one, CPR masked.
        arguments: the names of the arguments of the function called that would put it right
            (``("encoding",)``, ``("moede", "samtykke")``); the message names no command-line
            option, the command line adds its own from these.
    """

    arguments: tuple[str, ...] = ()

    def __init__(
        self,
        message: str,
        *,
        form: str | None = None,
        template: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = mask_cpr_numbers(message)
        self.form = form
        self.template = _mask_optional(template)
        self.field = _mask_optional(field)
        super().__init__(self.message)


class FormNotFoundError(SamarbejdsdokError, LookupError):
    """No form has that name."""


class FormPluginError(SamarbejdsdokError):
    """An installed plug-in's entry point (group ``samarbejdsdok.forms``) gives no proper form."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input data.

    Attributes:
        path: dotted field path, list positions counted from 0 (``"boern.1.cpr"``), CPR masked.
        title: the field's Danish label from the paper form (``"Barnets cpr-nummer"``).
        message: what is wrong, in Danish, CPR masked.
        code: a stable error type (``"cpr_invalid_date"``, ``"missing"``) for programs and tests.
        also: the paths of the other places the same cause applies (one problem, not one per
            place: a withdrawn consent is one problem for every meeting it leaves uncovered).
        place: the place in words, positions counted from 1 as people count (``"møde 6,
            deltager 4"``), where the input has such names (the case file); else empty.
        line: the line of the input file the path points at, when known (a YAML case file).
    """

    path: str
    title: str
    message: str
    code: str
    also: tuple[str, ...] = ()
    place: str = ""
    line: int | None = None

    def __post_init__(self) -> None:
        # A path can hold a CPR number typed as a key (``netvaerk.120585-2468``), a message the
        # value it complains about: every text a Problem shows is masked once, here.
        for name in ("path", "title", "message", "place"):
            object.__setattr__(self, name, mask_cpr_numbers(getattr(self, name)))
        object.__setattr__(self, "also", tuple(mask_cpr_numbers(a) for a in self.also))

    def __str__(self) -> str:
        where = self.path or "(hele dokumentet)"
        if self.place:
            where = f"{self.place} ({where})"
        elif self.title:
            where = f"{where} ({self.title})"
        if self.line is not None:
            where = f"linje {self.line}, {where}"
        text = f"{where}: {self.message}"
        if self.also:
            text += f" (gælder også {_compact(self.also)})"
        return mask_cpr_numbers(text)


def _compact(paths: tuple[str, ...]) -> str:
    """Paths with consecutive last positions as ranges: ``a.1, a.2, a.3, b.0`` -> ``a.1–3, b.0``."""
    runs: list[tuple[str, int, int]] = []
    others: list[str] = []
    for path in paths:
        head, _, last = path.rpartition(".")
        if last.isdigit() and runs and runs[-1][0] == head and runs[-1][2] + 1 == int(last):
            runs[-1] = (head, runs[-1][1], int(last))
        elif last.isdigit():
            runs.append((head, int(last), int(last)))
        else:
            runs.append((path, -1, -1))
    for head, first, end in runs:
        if first < 0:
            others.append(head)
        else:
            others.append(f"{head}.{first}" + (f"–{end}" if end > first else ""))
    return ", ".join(others)


class DataError(SamarbejdsdokError, ValueError):
    """The data does not fit the form's model. ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], *, form: str | None = None) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} fejl i data" + (f" til {form}" if form else "")
        body = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"{head}:\n{body}",
            form=form,
            field=problems[0].path if count == 1 else None,
        )


class ConsentError(DataError):
    """A document would share information with a partner that no valid consent covers.

    ``problems`` names each partner and the consent concerned. Render with
    ``allow_without_consent`` (CLI ``--allow-without-consent --hjemmel``) where the law permits
    sharing without consent; the document then states the basis.
    """


class InputFormatError(SamarbejdsdokError, ValueError):
    """The input file could not be read (not JSON, wrong encoding, not an object)."""


class TemplateError(SamarbejdsdokError):
    """Something is wrong with a Word template."""


class TemplateNotFoundError(TemplateError, LookupError):
    """The template file does not exist or is not a Word document."""


class TemplateFormatError(TemplateNotFoundError):
    """The template is not a Word document (.docx), or a damaged one.

    A subclass of :class:`TemplateNotFoundError`, which code written before it catches.
    """


class TemplateSyntaxError(TemplateError):
    """The template's placeholders are not valid Jinja syntax.

    Attributes:
        lineno: the line in the prepared template XML where the parser stopped, if known.
        context: the text of the paragraph(s) around the error, as Word shows it.
    """

    def __init__(
        self,
        message: str,
        *,
        form: str | None = None,
        template: str | None = None,
        lineno: int | None = None,
        context: str | None = None,
    ) -> None:
        self.lineno = lineno
        self.context = _mask_optional(context)
        super().__init__(message, form=form, template=template)


class TemplateRenderError(TemplateError):
    """Rendering failed: a placeholder names something the data does not have, or the
    template did something the sandbox forbids.

    Attributes:
        placeholder: the undefined name, when that was the cause.
    """

    def __init__(
        self,
        message: str,
        *,
        form: str | None = None,
        template: str | None = None,
        placeholder: str | None = None,
    ) -> None:
        self.placeholder = _mask_optional(placeholder)
        super().__init__(message, form=form, template=template, field=placeholder)


class OutputError(SamarbejdsdokError, OSError):
    """The finished document could not be written."""


class ArgumentError(SamarbejdsdokError, ValueError, TypeError):
    """A library function was given an argument it cannot take: the wrong kind of thing (a form
    name where a filled form is needed) or a value out of range (a stay that ends before it
    begins, a render limit above its ceiling). Also a ``ValueError`` and a ``TypeError``, the
    errors Python raises for these."""


class PictureError(SamarbejdsdokError, ValueError):
    """A picture cannot be placed or read (``reason`` in Danish). Rendering turns it into a
    :class:`TemplateRenderError` naming the template."""

    def __init__(self, reason: str) -> None:
        self.reason = mask_cpr_numbers(reason)
        super().__init__(reason)


_OS_REASONS = {
    "ENOSPC": "der er ikke mere plads på disken",
    "EDQUOT": "diskkvoten er brugt op",
    "EACCES": "ingen skriveadgang",
    "EPERM": "ingen skriveadgang",
    "EROFS": "drevet er skrivebeskyttet",
    "EISDIR": "der findes en mappe med det navn",
    "ENOTEMPTY": "der findes en mappe med det navn",
    "ENOTDIR": "en del af stien er en fil, ikke en mappe",
    "ENOENT": "mappen findes ikke",
    "ENAMETOOLONG": "navnet er for langt",
    "EIO": "læse-/skrivefejl på drevet",
    "EMFILE": "for mange åbne filer",
    "ENFILE": "for mange åbne filer",
    "EFBIG": "filen er for stor",
}


def describe_read_error(exc: OSError) -> str:
    """Why a file could not be read, in Danish and without the path: ``findes ikke``,
    ``ingen adgang til filen``, ``er en mappe``, else as :func:`describe_os_error`.

    >>> describe_read_error(FileNotFoundError(2, "No such file or directory"))
    'findes ikke'
    """
    if isinstance(exc, FileNotFoundError):
        return "findes ikke"
    if isinstance(exc, PermissionError):
        return "ingen adgang til filen"
    if isinstance(exc, IsADirectoryError):
        return "er en mappe, ikke en fil"
    return describe_os_error(exc)


def describe_os_error(exc: OSError) -> str:
    """Why a file could not be written, in Danish and without the path (a file name can hold a
    name): ``der er ikke mere plads på disken``, ``ingen skriveadgang``...

    >>> import errno
    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device"))
    'der er ikke mere plads på disken'
    """
    import errno

    code = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(code) or f"systemfejl {code or exc.errno or type(exc).__name__}"
