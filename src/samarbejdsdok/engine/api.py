"""Layer 9: the public render functions of the engine.

:func:`render_template` fills any Word template with a plain context (a municipality's own
letters as well as the forms, which :mod:`samarbejdsdok.rendering` renders through it), with the
sandbox, the limits and the checks of :mod:`.prepared`. It returns a :class:`RenderedDocument`:
the bytes of the .docx, which also say which path made them and any warning.

docxtpl is the reference (``use_docxtpl=True``), and the fallback for the one thing the fast
path cannot do: a docxtpl ``Subdoc`` in the context. The fallback renders with docxtpl but with
this engine's environment, escaping and properties, writes a deterministic zip, and says so in
:attr:`RenderedDocument.warnings`.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from ..errors import (
    OutputError,
    PictureError,
    SamarbejdsdokError,
    TemplateError,
    TemplateNotFoundError,
    TemplateRenderError,
    TemplateSyntaxError,
)
from . import budget, pictures
from .budget import RenderLimits
from .environment import NeedsDocxtpl, docxtpl_path, environment
from .package import CONTENT_TYPES, Package, ZipWriter, check_well_formed, member
from .prepared import PreparedTemplate, prepare, property_text
from .xmltext import drawing_ids, finish_source, free_drawing_ids, renumber_drawing_ids

__all__ = [
    "RenderedDocument",
    "render_template",
    "template_data",
    "write_atomic",
    "replace_durably",
]


class RenderedDocument(bytes):
    """The bytes of a rendered .docx, with how they were made.

    Attributes:
        engine: ``"fast"`` (the compile-once engine) or ``"docxtpl"``.
        warnings: Danish sentences about the document a caller should pass on (empty on the
            fast path).
    """

    engine: str
    warnings: tuple[str, ...]

    def __new__(
        cls, data: bytes, *, engine: str = "fast", warnings: tuple[str, ...] = ()
    ) -> RenderedDocument:
        obj = super().__new__(cls, data)
        obj.engine = engine
        obj.warnings = warnings
        return obj

    def __reduce__(self) -> Any:  # pickles (worker processes) as plain data with its fields
        return (_rebuild, (bytes(self), self.engine, self.warnings))


def _rebuild(data: bytes, engine: str, warnings: tuple[str, ...]) -> RenderedDocument:
    return RenderedDocument(data, engine=engine, warnings=warnings)


def template_data(template: bytes | str | os.PathLike[str]) -> tuple[bytes, str]:
    """The bytes of a template given as bytes or a path, and the name messages use."""
    if isinstance(template, (bytes, bytearray, memoryview)):
        return bytes(template), "<bytes>"
    path = Path(template)
    try:
        return path.read_bytes(), str(path)
    except FileNotFoundError:
        raise TemplateNotFoundError(f"Skabelonen {path} findes ikke", template=str(path)) from None
    except OSError as exc:
        raise TemplateNotFoundError(
            f"Skabelonen {path} kan ikke læses: {exc.strerror}", template=str(path)
        ) from None


def render_template(
    template: bytes | str | os.PathLike[str],
    context: Mapping[str, Any],
    *,
    title: str | None = None,
    language: str | None = None,
    name: str | None = None,
    form: str | None = None,
    use_docxtpl: bool = False,
    limits: RenderLimits | None = None,
) -> RenderedDocument:
    """Fill a Word template with ``context``.

    Args:
        template: the .docx as bytes or a path.
        context: the values the template's placeholders name (plain data: dictionaries, lists,
            strings, dates, numbers; :class:`~.pictures.Picture` for pictures; docxtpl's
            ``RichText``, ``RichTextParagraph``, ``Listing`` and ``InlineImage`` work too).
        title, language: set these document properties.
        name: the template's name in messages (default: its path, or ``<bytes>``).
        form: the form's name, for messages and :attr:`SamarbejdsdokError.form`.
        use_docxtpl: render with docxtpl (the reference) instead of the fast path.
        limits: the render budget (:class:`~.budget.RenderLimits`; default: its defaults).

    Raises:
        TemplateError: the template is missing, not a .docx, breaks a limit, has a syntax error
            or names a placeholder the context does not have (``TemplateRenderError.placeholder``).
    """
    data, default_name = template_data(template)
    template_name = name or default_name
    token = budget.enter(limits)  # one budget for the whole document
    try:
        return _render(data, template_name, context, title, language, form, use_docxtpl)
    finally:
        budget.leave(token)


def _render(
    data: bytes,
    template_name: str,
    context: Mapping[str, Any],
    title: str | None,
    language: str | None,
    form: str | None,
    use_docxtpl: bool,
) -> RenderedDocument:
    try:
        prepared = prepare(data, name=template_name)
        if not use_docxtpl:
            try:
                return RenderedDocument(prepared.render(context, title=title, language=language))
            except NeedsDocxtpl as exc:
                warning = (
                    f"Skabelonen {template_name} bruger {exc.feature}, som kun docxtpl kan "
                    "udfylde; dokumentet er lavet med docxtpl (langsommere)"
                )
                return RenderedDocument(
                    _render_with_docxtpl(prepared, data, context, title, language),
                    engine="docxtpl",
                    warnings=(warning,),
                )
        return RenderedDocument(
            _render_with_docxtpl(prepared, data, context, title, language), engine="docxtpl"
        )
    except PictureError as exc:  # a picture's own error: the template's, as any other
        raise _as_template_error(exc, template_name, form) from None
    except SamarbejdsdokError as exc:
        exc.form = exc.form or form
        raise
    except Exception as exc:
        raise _as_template_error(exc, template_name, form) from None


_UNDEFINED = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def _as_template_error(exc: BaseException, template_name: str, form: str | None) -> TemplateError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
        return TemplateSyntaxError(
            f"Syntaksfejl i skabelonen {template_name}: {exc.message}"
            + (f" (ved: {where[:200]})" if where else ""),
            form=form,
            template=template_name,
            lineno=exc.lineno,
            context=where or None,
        )
    if isinstance(exc, jinja2.UndefinedError):
        m = _UNDEFINED.search(str(exc))
        placeholder = (m.group(1) or m.group(2)) if m else str(exc)
        where = f"formularen {form}" if form else "dataene"
        return TemplateRenderError(
            f"Skabelonen {template_name} bruger pladsholderen '{placeholder}', "
            f"som ikke er et felt i {where}",
            form=form,
            template=template_name,
            placeholder=placeholder,
        )
    if isinstance(exc, budget.BudgetExceeded):
        return TemplateRenderError(
            f"Skabelonen {template_name} {exc.reason}", form=form, template=template_name
        )
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateRenderError(
            f"Skabelonen {template_name} forsøger noget, som ikke er tilladt: {exc}",
            form=form,
            template=template_name,
        )
    if isinstance(exc, PictureError):
        return TemplateRenderError(
            f"Skabelonen {template_name} kunne ikke placere et billede: {exc.reason}",
            form=form,
            template=template_name,
        )
    if isinstance(exc, jinja2.TemplateError):
        return TemplateRenderError(
            f"Skabelonen {template_name} kunne ikke udfyldes: {exc}",
            form=form,
            template=template_name,
        )
    if isinstance(exc, (RecursionError, OverflowError, MemoryError)):
        return TemplateRenderError(
            f"Skabelonen {template_name} kunne ikke udfyldes: den bruger for mange ressourcer "
            f"({type(exc).__name__})",
            form=form,
            template=template_name,
        )
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return TemplateRenderError(
        f"Skabelonen {template_name} kunne ikke udfyldes ({detail}); "
        "passer filtrene til værdiernes typer?",
        form=form,
        template=template_name,
    )


# --- the docxtpl path -------------------------------------------------------------------------


def _render_with_docxtpl(
    prepared: PreparedTemplate,
    data: bytes,
    context: Mapping[str, Any],
    title: str | None,
    language: str | None,
) -> bytes:
    """Plain docxtpl with this engine's environment, tag reading and properties; the result
    rezipped deterministically, pictures added and drawing ids made unique."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    # Read tags as the fast path does (&amp; inside a tag is &, cell properties in schema
    # order), and render the properties here, once, as plain text (docxtpl would print them
    # escaped).
    tpl.patch_xml = lambda xml: finish_source(DocxTemplate.patch_xml(tpl, xml))
    tpl.render_properties = lambda *_a, **_k: None
    part_names: dict[int, str] = {}

    def render_xml_part(src_xml: str, part: Any, ctx: Any, jinja_env: Any = None) -> str:
        name = str(part.partname).lstrip("/")
        part_names[id(part)] = name
        pictures.set_part(name)
        return str(DocxTemplate.render_xml_part(tpl, src_xml, part, ctx, jinja_env))

    tpl.render_xml_part = render_xml_part
    token = docxtpl_path.set(True)
    try:
        with pictures.collecting() as placed:
            tpl.render(dict(context), jinja_env=environment(), autoescape=False)
            props = {p: property_text(t.render(context)) for p, t in prepared.properties.items()}
    finally:
        docxtpl_path.reset(token)
    core = tpl.docx.core_properties
    for prop, value in props.items():
        setattr(core, prop, value)
    if title is not None:
        core.title = title
    if language is not None:
        core.language = language
    out = io.BytesIO()
    tpl.save(out)
    return _deterministic(out.getvalue(), placed, prepared)


def _deterministic(docx: bytes, placed: pictures.Placements, prepared: PreparedTemplate) -> bytes:
    package = Package.read(docx)
    changed: dict[str, bytes] = {}
    if placed.placed:
        changed.update(
            pictures.add_to_package(
                placed, lambda n: package.read_part(n) if n in package.members else None
            )
        )
    reserved = set()
    for n in package.order:
        if n.endswith(".xml") and n not in package.templated:
            reserved.update(drawing_ids(package.read_part(n).decode("utf-8", "replace")))
    counter = free_drawing_ids(reserved)
    for n in package.templated:
        xml = package.read_part(n).decode("utf-8")
        if "docPr" in xml:
            changed[n] = renumber_drawing_ids(xml, counter).encode("utf-8")
    out = ZipWriter()
    names = [CONTENT_TYPES] + sorted(n for n in package.order if n != CONTENT_TYPES)
    for n in names:
        if n in changed:
            out.add_member(member(n, changed.pop(n)))
        else:
            out.add_member(package.members[n])
    for n in sorted(changed):
        out.add(n, changed[n], compress=not n.startswith("word/media/"))
    result = out.getvalue()
    _check_parts(Package.read(result), prepared.name)
    return result


def _check_parts(package: Package, template_name: str) -> None:
    for n in package.order:
        if n.endswith((".xml", ".rels")):
            try:
                check_well_formed(package.read_part(n))
            except ValueError as exc:
                raise TemplateError(
                    f"Resultatet af skabelonen {template_name} er ikke gyldig XML ({n}: {exc})",
                    template=template_name,
                ) from None


# --- writing ----------------------------------------------------------------------------------


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that the file is either complete or not there at all."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        replace_durably(data, target, directory, prefix=f".{target.name}.")
    except OSError as exc:
        # No temporary file could be made (it names one in the folder), or writing failed.
        in_folder = exc.filename is not None and exc.filename2 is None
        where = f"i mappen {directory}" if in_folder else str(target)
        raise OutputError(f"Kan ikke skrive {where}: {exc.strerror}") from None
    return target


def replace_durably(data: bytes, target: Path, tmp_dir: Path, *, prefix: str) -> None:
    """Put ``data`` at ``target`` complete or not at all: written to a new temporary file in
    ``tmp_dir`` (on ``target``'s file system), flushed to disk, then renamed over ``target``.
    The temporary file is removed if anything fails; the ``OSError`` goes on."""
    fd, tmp = tempfile.mkstemp(dir=tmp_dir, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
