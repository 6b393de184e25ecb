"""The registry of forms: one module per form, each exposing ``SPEC`` (a :class:`FormSpec`).

A form is found by its module: every module in this package whose name does not start with
``_`` is a form, so adding a form is adding its module (as python-stdnum finds its number
formats). Forms from other packages come in through the entry-point group
``samarbejdsdok.forms``: the entry point's name is the form's name and its value the module
holding ``SPEC`` (or ``module:SPEC``); see docs/egne-formularer.md. A plug-in cannot replace one
of the forms shipped here. The forms are listed in the order of the catalogue (A1, A2, …, B1,
…), plug-ins by their own code.

>>> [spec.code for spec in all_forms()][:3]
['A1', 'A2', 'A3']
>>> get_form("familieplan").title
'Helhedsorienteret familieplan'

Every public function that takes a form takes its name, its :class:`FormSpec`, its model class
or (where a filled form makes sense) a model instance; :func:`get_form` turns any of them into
the form's :class:`FormSpec`:

>>> from samarbejdsdok import SamtykkeGenerel
>>> get_form(SamtykkeGenerel) is get_form("samtykke_generel")
True
"""

from __future__ import annotations

import difflib
import pkgutil
import re
import types
from functools import cache
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from typing import TypeAlias

from pydantic import BaseModel

from .._wording import or_list
from ..errors import FormNotFoundError, FormPluginError
from ._base import Attachment, FormModel, FormSpec, Part, picture

__all__ = [
    "FormSpec",
    "FormModel",
    "Part",
    "picture",
    "Attachment",
    "form_names",
    "all_forms",
    "get_form",
    "model_of",
    "FormRef",
    "ENTRY_POINT_GROUP",
]

#: What a function that takes a form accepts: the form's name (``"samtykke_generel"``), its
#: :class:`FormSpec`, its model class (``SamtykkeGenerel``) or an instance of that model.
FormRef: TypeAlias = "str | FormSpec | type[FormModel] | FormModel"

#: The entry-point group through which other packages add forms.
ENTRY_POINT_GROUP = "samarbejdsdok.forms"


@cache
def _module_names() -> frozenset[str]:
    return frozenset(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@cache
def _plugins() -> dict[str, EntryPoint]:
    """The installed plug-in forms by name (read once per process; a shipped name wins)."""
    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return {name: ep for name, ep in sorted(found.items()) if name not in _module_names()}


def _names() -> list[str]:
    return sorted(_module_names() | set(_plugins()))


def _load_plugin(name: str, ep: EntryPoint) -> FormSpec:
    where = f"'{ep.value}' fra pakken {ep.dist.name if ep.dist else '?'}"
    try:
        loaded = ep.load()
    except Exception as exc:  # a plug-in's own import error, whatever it is
        raise FormPluginError(
            f"Formularen '{name}' ({where}) kan ikke indlæses: {type(exc).__name__}: {exc}",
            form=name,
        ) from exc
    spec = getattr(loaded, "SPEC", None) if isinstance(loaded, types.ModuleType) else loaded
    if not isinstance(spec, FormSpec):
        raise FormPluginError(
            f"Formularen '{name}' ({where}) er ikke en FormSpec: indgangen skal pege på et "
            "modul med SPEC eller på SPEC selv",
            form=name,
        )
    if spec.name != name:
        raise FormPluginError(
            f"Formularen '{name}' ({where}) hedder '{spec.name}' i sin SPEC; navnene skal være ens",
            form=name,
        )
    if spec.template_package is None:
        raise FormPluginError(
            f"Formularen '{name}' ({where}) mangler template_package: pakken, hvis filer "
            "rummer skabelonen",
            form=name,
        )
    return spec


def get_form(form: FormRef) -> FormSpec:
    """The form ``form`` refers to: its name, its :class:`FormSpec`, its model class or an
    instance of the model.

    Raises:
        FormNotFoundError: (a ``LookupError``) no form has that name (the message suggests close
            names), or the object is no form at all.
        FormPluginError: a plug-in's entry point does not give a proper form.
    """
    if isinstance(form, str):
        return _form_named(form)
    if isinstance(form, FormSpec):
        return form
    model = form if isinstance(form, type) else type(form)
    if isinstance(model, type) and issubclass(model, FormModel) and model.form_name:
        return _form_named(model.form_name)
    what = getattr(model, "__name__", "?")
    raise FormNotFoundError(
        f"{what} er ikke en formular: angiv formularens navn (fx 'samtykke_generel') eller "
        "dens model (fx SamtykkeGenerel)"
    )


def model_of(form: FormRef | type[BaseModel]) -> type[BaseModel]:
    """The model class ``form`` stands for: a form's (from its name, ``FormSpec``, model class
    or an instance), or any other pydantic model class as it is (a part of a form, a case file).

    >>> model_of("samtykke_generel").__name__, model_of(Part).__name__
    ('SamtykkeGenerel', 'Part')
    """
    if isinstance(form, type) and issubclass(form, BaseModel):
        if not (issubclass(form, FormModel) and form.form_name):
            return form
    elif isinstance(form, BaseModel) and not (isinstance(form, FormModel) and form.form_name):
        return type(form)
    return get_form(form).model


@cache
def _form_named(name: str) -> FormSpec:
    if name in _module_names():
        spec: FormSpec = import_module(f"{__name__}.{name}").SPEC
        assert spec.name == name, f"forms/{name}.py declares SPEC.name={spec.name!r}"
        return spec
    plugin = _plugins().get(name)
    if plugin is not None:
        return _load_plugin(name, plugin)
    close = difflib.get_close_matches(name, _names(), n=3)
    hint = f" Mente du: {or_list(close)}?" if close else ""
    raise FormNotFoundError(f"Formularen '{name}' findes ikke.{hint}", form=name)


def _catalogue_order(spec: FormSpec) -> tuple[str, int, str]:
    m = re.fullmatch(r"([A-Z])(\d+)", spec.code)
    return (m.group(1), int(m.group(2)), spec.name) if m else ("~", 0, spec.name)


@cache
def _all() -> tuple[FormSpec, ...]:
    return tuple(sorted((get_form(n) for n in _names()), key=_catalogue_order))


def all_forms() -> list[FormSpec]:
    """Every form, in catalogue order."""
    return list(_all())


def form_names() -> list[str]:
    """The name of every form, in catalogue order."""
    return [spec.name for spec in _all()]
