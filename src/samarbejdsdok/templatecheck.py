"""Check a municipality's edited template for a form: ``samarbejdsdok check-template``.

The checks are the engine's (:mod:`samarbejdsdok.engine.check`); here they are given the
form's context types and field paths, so an unknown placeholder gets suggestions from the
form's own fields.
"""

from __future__ import annotations

from .engine.check import Finding
from .engine.check import check_template as _check_template
from .fieldinfo import template_paths
from .forms import FormSpec
from .placeholders import context_types

__all__ = ["Finding", "check_template"]


def check_template(spec: FormSpec, data: bytes, name: str = "<skabelon>") -> list[Finding]:
    """Every problem of template ``data`` for form ``spec``; an empty list means sound."""
    return _check_template(
        data,
        context_types(spec.model),
        template_paths(spec.model),
        name=name,
        subject=spec.name,
    )
