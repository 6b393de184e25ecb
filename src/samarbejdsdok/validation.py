"""Validate input data against a form's model and report every problem in Danish.

:func:`validate` takes the form as its name, its ``FormSpec``, its model class or an instance;
the Danish problems come from :mod:`samarbejdsdok.problems`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem
from .forms import model_of
from .problems import ModelDataError, data_error, field_title, problems_from

if TYPE_CHECKING:  # pragma: no cover
    from .forms import FormModel, FormSpec

M = TypeVar("M", bound=BaseModel)

__all__ = ["validate", "problems_from", "field_title", "ModelDataError", "data_error"]


@overload
def validate(model: type[M], data: Any, *, form: str | None = None) -> M: ...
@overload
def validate(
    model: str | FormSpec | FormModel, data: Any, *, form: str | None = None
) -> FormModel: ...
def validate(model: Any, data: Any, *, form: str | None = None) -> Any:
    """Validate ``data`` (a mapping, e.g. parsed JSON) against a form or a model.

    Args:
        model: the form's name (``"samtykke_generel"``), its ``FormSpec``, its model class
            (``SamtykkeGenerel``) or an instance of it; or any other pydantic model class (a
            case file, a municipality profile).
        data: the data; an instance of the model is returned as it is.
        form: the name the error message gives the data (default: the form's name).

    Raises:
        DataError: with every problem found, each naming the field path and its Danish title.
        FormNotFoundError: no form has that name (the message suggests close names).
    """
    cls = model_of(model)
    if form is None:
        form = getattr(cls, "form_name", None) or None
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        raise DataError(
            [Problem("", "", "data skal være et JSON-objekt med formularens felter", "model_type")],
            form=form,
        )
    try:
        return cls.model_validate(_without_lone_surrogates(data))
    except ModelDataError as exc:
        if exc.form == form:
            raise
        raise data_error(exc, cls, form) from None
    except ValidationError as exc:  # a pydantic model that is not one of ours
        raise data_error(exc, cls, form) from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    """Drop lone surrogates (broken UTF-16 from some exports) from every string: they cannot be
    written to a document, and dropping them is what happens to other unprintable characters."""
    if isinstance(value, str):
        return _SURROGATE.sub("", value) if _SURROGATE.search(value) else value
    if isinstance(value, Mapping):
        return {k: _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    return value
