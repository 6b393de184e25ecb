"""Rendering a form: model -> context -> the engine -> bytes -> file.

:func:`render` is the public entry point for the forms. It builds the context from a validated
model (its fields, its pictures, the statutory table ``lov`` and ``dokument``), finds the form's
template (the shipped one, or a municipality's own), and hands both to the engine
(:func:`samarbejdsdok.engine.render_template`), which knows nothing about forms. Data flows one
way; nothing here reaches back into the models.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from typing import Any

from . import law
from .engine import (
    RenderedDocument,
    RenderLimits,
    environment,
    render_template,
    strip_forbidden_xml_chars,
    template_data,
    write_atomic,
)
from .errors import ArgumentError, TemplateNotFoundError
from .forms import FormModel, FormSpec, get_form
from .templates import template_file_bytes

__all__ = [
    "environment",
    "render",
    "render_context",
    "default_template_bytes",
    "template_bytes",
    "write_atomic",
    "strip_forbidden_xml_chars",
    "RenderedDocument",
]

#: The document language of every form.
LANGUAGE = "da-DK"


@cache
def default_template_bytes(file_name: str) -> bytes:
    """The bytes of a template shipped with the package (read once, then cached)."""
    try:
        return template_file_bytes(file_name)
    except FileNotFoundError:
        raise TemplateNotFoundError(
            f"Standardskabelonen {file_name} mangler i pakken", template=file_name
        ) from None


@cache
def plugin_template_bytes(package: str, file_name: str) -> bytes:
    """The bytes of a plug-in form's template, a file of its own package."""
    try:
        return (files(package) / file_name).read_bytes()
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
        raise TemplateNotFoundError(
            f"Skabelonen {file_name} mangler i pakken {package}", template=file_name
        ) from None


def template_bytes(
    template: str | os.PathLike[str] | bytes | None, spec: FormSpec
) -> tuple[bytes, str]:
    """The template to use and its name in messages: the form's default, a path to a
    municipality's own .docx, or bytes."""
    if template is None:
        if spec.template_package is not None:
            return plugin_template_bytes(spec.template_package, spec.template), spec.template
        return default_template_bytes(spec.template), spec.template
    try:
        return template_data(template)
    except TemplateNotFoundError as exc:
        exc.form = spec.name
        raise


def render_context(model: FormModel, spec: FormSpec) -> dict[str, Any]:
    """The full template context: the model's fields and pictures, the law table and
    document facts."""
    context = model.to_context()
    context["lov"] = law.template_context()
    context["dokument"] = {"titel": spec.title, "formular": spec.name}
    return context


def render(
    model: FormModel,
    path: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | bytes | None = None,
    use_docxtpl: bool = False,
    limits: RenderLimits | None = None,
) -> RenderedDocument:
    """Fill a form's Word template with a validated model.

    Args:
        model: an instance of a form's model (e.g. ``SamtykkeGenerel``).
        path: if given, the document is also written there, atomically: a failed render
            leaves no file behind, and an existing file is replaced only by a complete one.
        template: a municipality's own template (path or bytes) instead of the default.
        use_docxtpl: render with plain docxtpl instead of the compile-once engine (for
            comparison; both give the same document).
        limits: the render budget (:class:`~samarbejdsdok.RenderLimits`: steps, depth, value
            and output sizes, seconds); by default its safe defaults.

    Returns:
        The finished .docx as bytes (a :class:`~samarbejdsdok.engine.RenderedDocument`, whose
        ``warnings`` hold anything the caller should pass on).

    Raises:
        TemplateError: the template is missing, not a .docx, has a syntax error, or names a
            placeholder the data does not have (``TemplateRenderError.placeholder``).
        OutputError: the file could not be written.
    """
    if not isinstance(model, FormModel) or not model.form_name:
        what = f"formularnavnet '{model}'" if isinstance(model, str) else type(model).__name__
        raise ArgumentError(
            f"render() skal have en udfyldt formular, ikke {what}: fx "
            "validate('samtykke_generel', data) eller SamtykkeGenerel(**data)"
        )
    spec = get_form(model.form_name)
    data, template_name = template_bytes(template, spec)
    result = render_template(
        data,
        render_context(model, spec),
        title=spec.title,
        language=LANGUAGE,
        name=template_name,
        form=spec.name,
        use_docxtpl=use_docxtpl,
        limits=limits,
    )
    notes = tuple(model.advarsler())
    if notes:
        result = RenderedDocument(
            bytes(result), engine=result.engine, warnings=(*result.warnings, *notes)
        )
    if path is not None:
        write_atomic(path, result)
    return result
