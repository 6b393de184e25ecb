"""The exception tree of samarbejdsdok.

Every error the library raises on purpose derives from :class:`SamarbejdsdokError`. The
subclasses carry what a caller needs as attributes (``form``, ``template``, ``field``, ``problems``)
so nobody has to parse a message. Messages are in Danish, because they are shown to municipal staff,
and they never contain a full CPR number: every message goes through :func:`mask_cpr_numbers`
before it is stored.
"""

from __future__ import annotations

import re
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
    "TemplateSyntaxError",
    "TemplateRenderError",
    "OutputError",
    "mask_cpr_numbers",
]

# Ten digits, optionally with a dash or space after the sixth, not part of a longer number.
_CPR_LIKE = re.compile(r"(?<![\d])(\d{6})[- ]?(\d{4})(?![\d])")


def mask_cpr_numbers(text: str) -> str:
    """Replace everything that looks like a CPR number with its masked form.

    >>> mask_cpr_numbers("Barnet 010203-1234 og 0102031234")
    'Barnet 010203-XXXX og 010203-XXXX'
    """
    return _CPR_LIKE.sub(lambda m: f"{m.group(1)}-XXXX", text)


class SamarbejdsdokError(Exception):
    """Base class of every error samarbejdsdok raises on purpose.

    Attributes:
        message: the Danish message, CPR numbers masked.
        form: the form's name (``"samtykke_generel"``), when known.
        template: the template's name or path, when known.
        field: the dotted path of the field concerned, when there is exactly one.
    """

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
        self.template = template
        self.field = field
        super().__init__(self.message)


class FormNotFoundError(SamarbejdsdokError, LookupError):
    """No form has that name."""


class FormPluginError(SamarbejdsdokError):
    """An installed plug-in's entry point (group ``samarbejdsdok.forms``) gives no proper form."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input data.

    Attributes:
        path: dotted field path, list positions counted from 0 (``"boern.1.cpr"``).
        title: the field's Danish label from the paper form (``"Barnets cpr-nummer"``).
        message: what is wrong, in Danish, CPR masked.
        code: a stable error type (``"cpr_invalid_date"``, ``"missing"``) for programs and tests.
    """

    path: str
    title: str
    message: str
    code: str

    def __str__(self) -> str:
        where = self.path or "(hele dokumentet)"
        if self.title:
            where = f"{where} ({self.title})"
        return f"{where}: {self.message}"


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
        self.context = context
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
        self.placeholder = placeholder
        super().__init__(message, form=form, template=template, field=placeholder)


class OutputError(SamarbejdsdokError, OSError):
    """The finished document could not be written."""
