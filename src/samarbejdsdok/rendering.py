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
from pathlib import Path
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
from .pdf import convert_or_fail, require_soffice
from .templates import template_file_bytes

__all__ = [
    "environment",
    "render",
    "render_pdf",
    "RenderedPdf",
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


def _require_model(model: object, function: str) -> FormModel:
    if not isinstance(model, FormModel) or not model.form_name:
        what = f"formularnavnet '{model}'" if isinstance(model, str) else type(model).__name__
        raise ArgumentError(
            f"{function}() skal have en udfyldt formular, ikke {what}: fx "
            "validate('samtykke_generel', data) eller SamtykkeGenerel(**data)"
        )
    return model


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
    _require_model(model, "render")
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


class RenderedPdf(bytes):
    """The bytes of a form's PDF (PDF/A-2b, tagged; see docs/pdf.md).

    Attributes:
        document: the .docx it was converted from (a :class:`RenderedDocument`).
        warnings: the document's warnings, as :func:`render` gives them.
        path: where the PDF was written, or None.
    """

    document: RenderedDocument
    warnings: tuple[str, ...]
    path: Path | None

    def __new__(
        cls, data: bytes, *, document: RenderedDocument, path: Path | None = None
    ) -> RenderedPdf:
        obj = super().__new__(cls, data)
        obj.document = document
        obj.warnings = document.warnings
        obj.path = path
        return obj

    def __reduce__(self) -> Any:  # pickles as plain data with its fields
        return (_rebuild_pdf, (bytes(self), self.document, self.path))


def _rebuild_pdf(data: bytes, document: RenderedDocument, path: Path | None) -> RenderedPdf:
    return RenderedPdf(data, document=document, path=path)


def render_pdf(
    model: FormModel,
    path: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | bytes | None = None,
    limits: RenderLimits | None = None,
) -> RenderedPdf:
    """Fill a form's Word template and convert it to an archival PDF with LibreOffice.

    The PDF is PDF/A-2b, tagged (headings, tables with header cells), with bookmarks from the
    headings, the language da-DK, the form's title shown as the window title, all fonts
    embedded and no encryption (docs/pdf.md). LibreOffice (``soffice``) must be installed; it
    is started once per call, with a profile of its own.

    Args:
        model: an instance of a form's model, as for :func:`render`.
        path: if given, the PDF is also written there, atomically: a failed conversion leaves
            no file behind, and an existing file is replaced only by a complete one.
        template: a municipality's own template (path or bytes) instead of the default.
        limits: the render budget, as for :func:`render`.

    Returns:
        The PDF as bytes (a :class:`RenderedPdf`: ``document`` is the .docx, ``warnings`` the
        document's warnings, ``path`` where it was written).

    Raises:
        PdfUnavailableError: LibreOffice is not installed (checked before anything is made).
        PdfConversionError: LibreOffice made no complete PDF of the document.
        TemplateError, OutputError: as :func:`render`.
    """
    _require_model(model, "render_pdf")
    exe = require_soffice()
    document = render(model, template=template, limits=limits)
    (pdf,) = convert_or_fail([(f"{model.form_name}.docx", document)], exe)
    written = write_atomic(path, pdf) if path is not None else None
    return RenderedPdf(pdf, document=document, path=written)
