"""Check a municipality's edited template for a form: ``samarbejdsdok check-template``.

The checks are the engine's (:mod:`samarbejdsdok.engine.check`); here they are given the
form's context types and field paths, so an unknown placeholder gets suggestions from the
form's own fields. A template that passes them is then rendered once with the form's example
data, on the render budget (:mod:`samarbejdsdok.engine.budget`), so what only shows while
rendering (a loop that runs too long, a value too large, a filter that does not fit its value)
is reported too, before a real document is made.
"""

from __future__ import annotations

from .engine.check import Finding
from .engine.check import check_template as _check_template
from .fieldinfo import template_paths
from .forms import FormRef, FormSpec, get_form
from .placeholders import context_types

__all__ = ["Finding", "check_template"]


def check_template(form: FormRef, data: bytes, name: str = "<skabelon>") -> list[Finding]:
    """Every problem of template ``data`` for ``form`` (its name, ``FormSpec``, model class or
    an instance); an empty list means sound."""
    spec = get_form(form)
    findings = _check_template(
        data,
        context_types(spec.model),
        template_paths(spec.model),
        name=name,
        subject=spec.name,
    )
    if findings:
        return findings
    return _trial_render(spec, data, name)


def _trial_render(spec: FormSpec, data: bytes, name: str) -> list[Finding]:
    from .engine import render_template
    from .errors import TemplateError
    from .rendering import render_context

    try:
        render_template(data, render_context(spec.example_model(), spec), name=name)
    except TemplateError as exc:
        return [Finding("render", "", "", f"med formularens eksempeldata: {exc.message}")]
    return []
