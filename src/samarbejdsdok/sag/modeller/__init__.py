"""The collaboration models a case file can hold, one module each, found by name.

A case file names its model in ``model`` (``toolbox`` when left out) and holds that model's
course in its own section (``julemaerkehjem:``, ``bbu:``, ...). Each model's module gives one
:class:`CaseModel`: its case class (the shared parts of :class:`~samarbejdsdok.sag.model.SagBase`
and its own section), the keys that only it may use, its worked example, its documents, how each
is made, and its check. :func:`get` finds a model by name; :data:`NAMES` are the names a case
file may give.

>>> NAMES
('toolbox', 'julemaerkehjem', 'bbu', 'sammen_om_familien', 'plejefamilie')
>>> get("toolbox").title
'Værktøjskassen til familiekoordinatorer'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._wording import and_list, or_list
from ...errors import DataError, Problem

if TYPE_CHECKING:
    from ..dokumenter import Document
    from ..model import SagBase

__all__ = ["CaseModel", "NAMES", "DEFAULT", "get", "implemented", "unknown_model", "fail"]

#: Each model's module, one line per model (the module sets ``MODEL``; ``None`` while the
#: model cannot yet be used in a case file).
_MODULES: dict[str, str] = {
    "toolbox": "samarbejdsdok.sag.modeller.toolbox",
    "julemaerkehjem": "samarbejdsdok.sag.modeller.julemaerkehjem",
    "bbu": "samarbejdsdok.sag.modeller.bbu",
    "sammen_om_familien": "samarbejdsdok.sag.modeller.sammen_om_familien",
    "plejefamilie": "samarbejdsdok.sag.modeller.plejefamilie",
}

#: The names a case file's ``model`` may give, in the order of the catalogue.
NAMES: tuple[str, ...] = tuple(_MODULES)
#: The model of a case file without ``model``: the family coordinator's toolbox (issue 8).
DEFAULT = "toolbox"


@dataclass(frozen=True)
class CaseModel:
    """One collaboration model in a case file.

    Attributes:
        name: the value of ``model`` in the case file.
        title: the model's Danish name, as messages print it.
        case: the case class (a :class:`~samarbejdsdok.sag.model.SagBase`).
        sections: the keys of the case file only this model may use (its course).
        example: the worked example, relative to the package.
        forms: every form a case of this model makes.
        documents: the course's documents so far, in order.
        check: every problem of the case, unlocated (paths, no lines yet).
        model_for: a document's validated form model (``hjemmel``: share without consent).
        find: the document of a form (``moede``, ``samtykke``, ``til`` as the CLI gives them).
        build: a document's form data and, per top-level field, its path in the case file.
        describe_schema: adds to the model's JSON Schema (its ``$defs``) what the model
            classes cannot say themselves, e.g. the forms' fields of free-form notes.
    """

    name: str
    title: str
    case: type[SagBase]
    sections: tuple[str, ...]
    example: str
    forms: frozenset[str]
    documents: Callable[[Any], list[Document]]
    check: Callable[[Any], list[Problem]]
    model_for: Callable[..., Any]
    find: Callable[..., Document]
    build: Callable[..., tuple[dict[str, Any], dict[str, str]]]
    describe_schema: Callable[[dict[str, Any]], None] | None = None


def unknown_model(name: object) -> Problem:
    """The problem of a ``model`` that names no collaboration model (or one not yet usable)."""
    if isinstance(name, str) and name in _MODULES:
        return Problem(
            "model",
            "",
            f"samarbejdsmodellen {name} kan endnu ikke bruges i en sagsfil; det kan "
            + and_list([n for n in NAMES if _load(n) is not None]),
            "model_not_supported",
        )
    return Problem(
        "model",
        "",
        "ukendt samarbejdsmodel; vælg " + or_list(NAMES),
        "unknown_model",
    )


def _load(name: str) -> CaseModel | None:
    module = importlib.import_module(_MODULES[name])
    model: CaseModel | None = module.MODEL
    return model


def get(name: object) -> CaseModel:
    """The model called ``name``.

    Raises:
        DataError: no model has that name, or it cannot be used in a case file yet (path
            ``model``).
    """
    model = _load(name) if isinstance(name, str) and name in _MODULES else None
    if model is None:
        raise DataError([unknown_model(name)], form="sag")
    return model


def implemented() -> list[CaseModel]:
    """Every model a case file can use now, in the order of :data:`NAMES`."""
    return [m for m in (_load(n) for n in NAMES) if m is not None]


def fail(path: str, message: str, code: str, *arguments: str) -> DataError:
    """A :class:`DataError` of the case file with one problem; ``arguments`` are the command
    line's options it concerns (the CLI names them)."""
    error = DataError([Problem(path, "", message, code)], form="sag")
    error.arguments = arguments
    return error
