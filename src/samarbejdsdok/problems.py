"""pydantic's validation errors as Danish :class:`~samarbejdsdok.errors.Problem` lists.

Pydantic finds the problems; this module turns each into a :class:`~samarbejdsdok.errors.Problem`
that names the dotted field path, the field's Danish title from the paper form, a Danish message
and a stable code. Input values are never copied into a message (they may be CPR numbers). The
models raise :class:`ModelDataError` (see :class:`samarbejdsdok.forms.Part`); the public
:func:`samarbejdsdok.validate` is in :mod:`samarbejdsdok.validation`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ._wording import or_list
from .errors import DataError, Problem
from .introspect import field_at

__all__ = ["ModelDataError", "data_error", "problems_from", "field_title", "DATE_FORMATS"]

#: How the JSON input writes a date (what pydantic accepts).
DATE_FORMATS: tuple[str, ...] = ("ÅÅÅÅ-MM-DD",)

_DATETIME = "skal være dato og klokkeslæt skrevet ÅÅÅÅ-MM-DDTTT:MM, fx 2026-11-23T10:00"

# Danish messages for pydantic's built-in error types. Our own field types and model validators
# raise PydanticCustomError with a Danish message already.
_MESSAGES: dict[str, str] = {
    "missing": "skal udfyldes",
    "extra_forbidden": "feltet findes ikke i formularen",
    "string_type": "skal være tekst",
    "string_unicode": "indeholder tegn, der ikke er gyldig Unicode",
    "string_too_short": "må ikke være tom",
    "string_too_long": "er for lang (højst {max_length} tegn)",
    # date_type, date_parsing, date_from_datetime_parsing: see _date_problem
    "date_from_datetime_inexact": "skal være en dato uden klokkeslæt",
    "time_type": "skal være et klokkeslæt (TT:MM)",
    "time_parsing": "skal være et klokkeslæt (TT:MM)",
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "bool_type": "skal være ja eller nej (true/false)",
    "bool_parsing": "skal være ja eller nej (true/false)",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "int_parsing_size": "tallet er for stort",
    "float_type": "skal være et tal",
    "float_parsing": "skal være et tal",
    "decimal_type": "skal være et tal",
    "decimal_parsing": "skal være et tal",
    "finite_number": "skal være et endeligt tal",
    "greater_than": "skal være større end {gt}",
    "greater_than_equal": "skal være mindst {ge}",
    "less_than": "skal være mindre end {lt}",
    "less_than_equal": "må højst være {le}",
    "enum": "skal være en af: {expected}",
    "literal_error": "skal være en af: {expected}",
    "list_type": "skal være en liste",
    "too_short": "skal have mindst {min_length}",
    "too_long": "må højst have {max_length}",
    "model_type": "skal være et objekt med felter",
    "model_attributes_type": "skal være et objekt med felter",
    "dict_type": "skal være et objekt med felter",
}


class ModelDataError(DataError, ValidationError):
    """The :class:`~samarbejdsdok.errors.DataError` a model raises itself
    (``SamtykkeGenerel(**data)``, ``SamtykkeGenerel.model_validate(data)``).

    Its message and ``problems`` are Danish and name each field by its title. It is also a
    pydantic ``ValidationError`` (``errors()`` as pydantic gives them, without the input
    values), so code written against pydantic keeps working. Made by :func:`data_error`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # pydantic's from_exception_data calls this with its own arguments; data_error() then
        # sets the Danish message with DataError.__init__.
        pass

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.title, _line_errors(self)[1], self.problems, self.form))


def _line_errors(exc: ValidationError) -> tuple[str, list[Any]]:
    """pydantic's own record of ``exc``: its input type and its errors, input values dropped
    (they may be CPR numbers)."""
    reduced: Any = ValidationError.__reduce__(exc)
    _title, line_errors, input_type, _hide = reduced[1]
    return input_type, [{**e, "input": None} for e in line_errors]


def _rebuild(
    title: str, line_errors: list[Any], problems: list[Problem], form: str | None
) -> ModelDataError:
    error = ModelDataError.from_exception_data(title, line_errors, hide_input=True)
    DataError.__init__(error, problems, form=form)
    return error


def data_error(
    exc: ValidationError, model: type[BaseModel], form: str | None = None
) -> ModelDataError:
    """The :class:`ModelDataError` for pydantic's ``exc`` from validating ``model``: Danish
    problems (:func:`problems_from`), the form's name in the message (``form``, else the
    model's ``form_name``)."""
    input_type, line_errors = _line_errors(exc)
    error = ModelDataError.from_exception_data(
        exc.title,
        line_errors,
        input_type,  # type: ignore[arg-type]
        hide_input=True,
    )
    DataError.__init__(
        error, problems_from(exc, model), form=form or getattr(model, "form_name", None) or None
    )
    return error


def problems_from(
    exc: ValidationError,
    model: type[BaseModel],
    *,
    date_formats: Sequence[str] = DATE_FORMATS,
) -> list[Problem]:
    """Danish problems for every error in a pydantic ``ValidationError``.

    ``date_formats`` are the ways to write a date the input accepts, listed in the message for
    a date that is not written so (a merge reading Danish dates passes its own).
    """
    if isinstance(exc, ModelDataError) and tuple(date_formats) == DATE_FORMATS:
        # A model's own error: its problems were made from pydantic's error while it still
        # held the input (which a date's message needs); the error keeps none.
        return list(exc.problems)
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = list(err["loc"])
        ctx = err.get("ctx") or {}
        if "felt" in ctx:  # a model validator naming one field (see forms._base.field_error)
            loc += [int(p) if p.isdigit() else p for p in str(ctx["felt"]).split(".")]
        code = err["type"]
        date = _date_problem(code, err.get("input"), date_formats)
        if date is not None:
            code, message = date
        else:
            message = _message(code, err["msg"], ctx)
        if code == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            message = f"feltet '{key[:60]}' findes ikke" + _suggestion(model, loc)
        elif code == "missing":
            message += _missing_hint(model, loc)
        path = ".".join(str(p) for p in loc)
        problems.append(Problem(path, field_title(model, loc), message, code))
    return problems


_DATE_CODES = frozenset(
    {
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
    }
)

# A date as people write it, at the start of the text (a datetime goes on with its time):
# year first (2026-02-31) or day first (31-02-2026, 31.02.2026, 31/02/2026).
_DATE_SHAPES = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?=$|[T ])"), (4, 3, 1)),
)


def _date_problem(code: str, value: Any, formats: Sequence[str]) -> tuple[str, str] | None:
    """The code and message for a date or datetime that cannot be read, or None for any other
    error: ``datoen findes ikke (31-02-2026)`` when the text is written as a date but there is
    no such day (only then is the value repeated: it is no one's date), else the accepted
    formats."""
    if code == "date_from_datetime_inexact" and isinstance(value, (int, float)):
        code = "date_type"  # pydantic read the number as seconds since 1970: it is no date
    if code not in _DATE_CODES:
        return None
    if isinstance(value, str):
        text = value.strip()
        for shape, (y, m, d) in _DATE_SHAPES:
            match = shape.match(text)
            if match is None:
                continue
            try:
                dt.date(int(match.group(y)), int(match.group(m)), int(match.group(d)))
            except ValueError:
                return "date_nonexistent", f"datoen findes ikke ({match.group()})"
    if code.startswith("datetime"):
        return None  # the message names the format of a date with its time
    return code, f"skal være en dato skrevet {or_list(formats)}"


def _message(code: str, english: str, ctx: dict[str, Any]) -> str:
    template = _MESSAGES.get(code)
    if template is None:
        return english.removeprefix("Value error, ")
    if code in ("too_short", "too_long"):
        n = ctx.get("min_length", ctx.get("max_length"))
        noun = "element" if n == 1 else "elementer"
        return template.format(**ctx) + f" {noun}"
    if code in ("enum", "literal_error") and isinstance(ctx.get("expected"), str):
        return _one_of(ctx["expected"])
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


# One choice as pydantic writes it in ``expected``: a quoted text (its repr) or a bare number.
_CHOICE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s,'"]+""")


def _one_of(expected: str) -> str:
    """``skal være en af: 'a', 'b' eller 'c'`` from pydantic's ``'a', 'b' or 'c'``."""
    choices = _choices(expected)
    if choices is None:  # not as pydantic writes it today: at least its last "or" in Danish
        head, sep, last = expected.rpartition(" or ")
        return f"skal være en af: {head} eller {last}" if sep else f"skal være en af: {expected}"
    if len(choices) == 1:
        return f"skal være {choices[0]}"
    return f"skal være en af: {or_list(choices)}"


def _choices(expected: str) -> list[str] | None:
    """The choices in pydantic's ``'a', 'b' or 'c'``, or None if it is not written so."""
    choices: list[str] = []
    pos = 0
    while True:
        m = _CHOICE.match(expected, pos)
        if m is None:
            return None
        choices.append(m.group())
        pos = m.end()
        if pos == len(expected):
            return choices
        for sep in (", ", " or "):
            if expected.startswith(sep, pos):
                pos += len(sep)
                break
        else:
            return None


def _suggestion(model: type[BaseModel], loc: list[Any]) -> str:
    parent = _model_at(model, loc[:-1])
    if parent is None or not isinstance(loc[-1], str):
        return ""
    close = difflib.get_close_matches(loc[-1], list(parent.model_fields), n=3, cutoff=0.6)
    return f"; mente du {or_list(repr(c) for c in close)}?" if close else ""


def _missing_hint(model: type[BaseModel], loc: list[Any]) -> str:
    """What a model says about a field it requires (its ``missing_hints``: field name ->
    Danish sentence), after ``skal udfyldes``."""
    parent = _model_at(model, loc[:-1])
    hints = getattr(parent, "missing_hints", None)
    if not isinstance(hints, dict) or not loc or not isinstance(loc[-1], str):
        return ""
    hint = hints.get(loc[-1])
    return f": {hint}" if hint else ""


def _model_at(model: type[BaseModel], loc: list[Any]) -> type[BaseModel] | None:
    """The model whose fields are at ``loc`` (the form's own model at the top)."""
    if not any(isinstance(p, str) for p in loc):
        return model
    f = field_at(model, loc[: max(i for i, p in enumerate(loc) if isinstance(p, str)) + 1])
    return f.model if f is not None else None


def field_title(model: type[BaseModel], loc: list[Any]) -> str:
    """The Danish title of the field at ``loc`` (``["boern", 0, "cpr"]``), or ``""``."""
    names = [i for i, p in enumerate(loc) if isinstance(p, str)]
    if not names:
        return ""
    f = field_at(model, loc[: names[-1] + 1])
    return f.title if f is not None else ""
