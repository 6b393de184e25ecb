"""The form's fields a column can fill, by path template (``boern.#.cpr``)."""

from __future__ import annotations

import dataclasses
from functools import cache

from pydantic import BaseModel

from .. import introspect
from ..forms import FormModel, FormSpec, get_form


@dataclasses.dataclass(frozen=True)
class FieldTarget:
    """A field a column can fill.

    Attributes:
        path: the dotted path with ``#`` for list positions (``boern.#.cpr``).
        title: the field's Danish title from the paper form.
        kind: ``str``, ``bool``, ``date``, ``time``, ``datetime``, ``int``, ``decimal``,
            ``float``, ``enum``, ``list`` (a list of plain values, one a line in a cell) or
            ``any``.
        item: for ``list``, the kind of its items.
        choices: the allowed values of an ``enum``.
        cpr: the field holds a CPR number.
        own_parser: the field type has its own validator that takes numbers (CPR, phone, postal
            code), so a number from a spreadsheet is passed on as a number.
    """

    path: str
    title: str
    kind: str
    item: str | None = None
    choices: tuple[str, ...] = ()
    cpr: bool = False
    own_parser: bool = False

    @property
    def depth(self) -> int:
        """How many list positions the path has."""
        return self.path.split(".").count("#")


@cache
def form_fields(model: type[BaseModel]) -> dict[str, FieldTarget]:
    """Every field of a model a column can fill, by path template (``boern.#.cpr``).

    >>> from samarbejdsdok.forms import get_form
    >>> f = form_fields(get_form("samtykke_generel").model)
    >>> f["boern.#.cpr"].title, f["boern.#.cpr"].cpr, f["interne_parter.#.afkrydset"].kind
    ('Barnets cpr-nummer', True, 'bool')
    """
    out: dict[str, FieldTarget] = {}
    for f in introspect.form_fields(model, computed=False):
        if f.kind == "model" or f.item == "model":
            continue  # the nested model's own fields are listed
        target = FieldTarget(
            f.merge_path,
            f.title,
            f.kind,
            item=f.item,
            choices=f.choices,
            cpr=f.cpr,
            own_parser=f.accepts_numbers,
        )
        out[target.path] = target
        if f.kind == "list":  # one item of the list, as its own column (boern.#)
            item = FieldTarget(
                f"{target.path}.#",
                f.title,
                f.item or "any",
                choices=f.choices,
                cpr=f.cpr,
                own_parser=f.accepts_numbers,
            )
            out[item.path] = item
    return out


def resolve_form(form: str | FormSpec | type[FormModel] | FormModel) -> FormSpec:
    """The form given by its name, its spec, its model class or a model (see
    :func:`samarbejdsdok.forms.get_form`, which names what it cannot use in Danish)."""
    return get_form(form)
