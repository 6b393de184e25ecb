"""The rendering engine: one sandboxed Jinja environment, the template cache, atomic writes.

Data flows one way: model -> context -> template -> bytes -> file. :func:`render` is the public
entry point; nothing here reaches back into the models.

Documents are made by the compile-once engine (:mod:`samarbejdsdok.engine`), with plain docxtpl
as the reference and the fallback for templates that use features the engine does not have.
Both share what is decided here, so docxtpl's defaults cannot bite:

* the Jinja environment is made here, once: sandboxed, autoescape on, ``StrictUndefined``
  (a misspelt placeholder fails and names itself and the template);
* every printed value passes :func:`_finalize`: characters XML forbids are removed, a line
  break or tab becomes Word's ``<w:br/>``/``<w:tab/>``, and dates, times, numbers, yes/no and
  ``None`` print the Danish way (:func:`formatting.display`);
* on the docxtpl path a fresh ``DocxTemplate`` is made for every document, because docxtpl's
  template object is spent after one render;
* the result is checked to be well-formed XML before anybody sees it.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from . import billeder, engine, law, safety
from .errors import (
    OutputError,
    SamarbejdsdokError,
    TemplateError,
    TemplateNotFoundError,
    TemplateRenderError,
    TemplateSyntaxError,
)
from .formatting import FILTERS, display
from .forms import FormModel, FormSpec, get_form

__all__ = [
    "environment",
    "render",
    "render_context",
    "default_template_bytes",
    "template_bytes",
    "write_atomic",
    "strip_forbidden_xml_chars",
]

# XML 1.0 Char production, minus \r which Word has no use for. Lone surrogates fall outside it.
_FORBIDDEN_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def strip_forbidden_xml_chars(text: str) -> str:
    """Remove what XML 1.0 forbids; ``\\r\\n`` and a lone ``\\r`` become ``\\n``.

    >>> strip_forbidden_xml_chars("a\\x00b\\r\\nc\\x0cd")
    'ab\\ncd'
    """
    return _FORBIDDEN_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


# What makes a printed string need more than escaping: forbidden characters, \r, \n, \t.
_NEEDS_WORK = re.compile("[^\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _finalize(value: Any) -> Any:
    """Every printed value: Danish display, forbidden characters removed, and line breaks and
    tabs turned into Word's own ``<w:br/>`` and ``<w:tab/>`` (the value is escaped first, so
    only this markup is added)."""
    if type(value) is str and not _NEEDS_WORK.search(value):
        return value  # the common case, kept fast: plain text Jinja then escapes
    value = display(value)
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        value = strip_forbidden_xml_chars(value)
        if "\n" in value or "\t" in value:
            return Markup(str(escape(value)).replace("\n", _BREAK).replace("\t", _TAB))
    return value


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox (immutable: a template cannot change the data, e.g. ``boern.pop()``), with
    a fast path for the context's own data.

    The context is plain dictionaries (``model_dump``), so ``familie.navn`` means the item
    ``navn``. Jinja would first look for an attribute of that name, fail with an exception, and
    only then take the item; here the item is taken directly. Anything else (and a name the
    dictionary does not hold) goes through the sandbox unchanged, so a template can still reach
    nothing but data.
    """

    # Size limits on the operators that can build huge values (see safety.bounded_binop).
    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return safety.bounded_binop(operator, left, right, self.binop_table)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def environment() -> SandboxedEnvironment:
    """The one Jinja environment every template is rendered with."""
    env = _Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["billede"] = billeder.billede
    return env


# --- templates ------------------------------------------------------------------------------


@cache
def default_template_bytes(file_name: str) -> bytes:
    """The bytes of a template shipped in the package (read once, then cached)."""
    resource = files("samarbejdsdok").joinpath("templates_docx", file_name)
    try:
        return resource.read_bytes()
    except FileNotFoundError:
        raise TemplateNotFoundError(
            f"Standardskabelonen {file_name} mangler i pakken", template=file_name
        ) from None


def template_bytes(template: str | os.PathLike[str] | bytes | None, spec: FormSpec) -> bytes:
    """The template to use: the form's default, a path to a municipality's own .docx, or bytes."""
    if template is None:
        return default_template_bytes(spec.template)
    if isinstance(template, bytes):
        data = template
        name = "<bytes>"
    else:
        path = Path(template)
        name = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise TemplateNotFoundError(
                f"Skabelonen {name} findes ikke", form=spec.name, template=name
            ) from None
        except OSError as exc:
            raise TemplateNotFoundError(
                f"Skabelonen {name} kan ikke læses: {exc.strerror}", form=spec.name, template=name
            ) from None
    safety.check_package(data, form=spec.name, template=name)
    return data


_code_checked: set[str] = set()


def check_template_code(data: bytes, spec: FormSpec, template_name: str) -> None:
    """Parse every templated part once and refuse loops not bounded by the data
    (:func:`safety.check_loops`); a syntax error is reported with its paragraph."""
    import hashlib

    from .placeholders import template_sources

    key = hashlib.sha256(data).hexdigest()
    if key in _code_checked:
        return
    env = environment()
    for part, source in template_sources(data):
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError:
            continue  # reported with its paragraph when the part is compiled
        problems = safety.check_loops(tree)
        if problems:
            raise TemplateRenderError(
                f"Skabelonen {template_name} har en løkke, der ikke er tilladt ({part}): "
                + "; ".join(why for _, why in problems),
                form=spec.name,
                template=template_name,
            )
    if len(_code_checked) > 256:
        _code_checked.clear()
    _code_checked.add(key)


# --- rendering ------------------------------------------------------------------------------


def render_context(model: FormModel, spec: FormSpec) -> dict[str, Any]:
    """The full template context: the model's fields, the law table and document facts."""
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
) -> bytes:
    """Fill a form's Word template with a validated model.

    Args:
        model: an instance of a form's model (e.g. ``SamtykkeGenerel``).
        path: if given, the document is also written there, atomically: a failed render
            leaves no file behind, and an existing file is replaced only by a complete one.
        template: a municipality's own template (path or bytes) instead of the default.
        use_docxtpl: render with plain docxtpl instead of the compile-once engine (for
            comparison; both give the same document text).

    Returns:
        The finished .docx as bytes.

    Raises:
        TemplateError: the template is missing, not a .docx, has a syntax error, or names a
            placeholder the data does not have (``TemplateRenderError.placeholder``).
        OutputError: the file could not be written.
    """
    if not isinstance(model, FormModel) or not model.form_name:
        raise TypeError("render() takes an instance of a form model, e.g. SamtykkeGenerel(...)")
    spec = get_form(model.form_name)
    data = template_bytes(template, spec)
    template_name = spec.template if template is None else str(
        "<bytes>" if isinstance(template, bytes) else template
    )
    result = _render_docx(
        data, render_context(model, spec), spec, template_name, use_docxtpl=use_docxtpl
    )
    if path is not None:
        write_atomic(path, result)
    return result


def _render_docx(
    data: bytes,
    context: Mapping[str, Any],
    spec: FormSpec,
    template_name: str,
    *,
    use_docxtpl: bool = False,
) -> bytes:
    try:
        check_template_code(data, spec, template_name)
        prepared = None
        if not use_docxtpl:
            try:
                prepared = engine.prepare(
                    data, environment(), title=spec.title, name=template_name
                )
            except engine.UnsupportedTemplate:
                prepared = None
        if prepared is not None:
            return prepared.render(context)
        return _render_with_docxtpl(data, context, spec, template_name)
    except SamarbejdsdokError as exc:
        exc.form = exc.form or spec.name
        raise
    except jinja2.TemplateSyntaxError as exc:
        where = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
        raise TemplateSyntaxError(
            f"Syntaksfejl i skabelonen {template_name}: {exc.message}"
            + (f" (ved: {where[:200]})" if where else ""),
            form=spec.name,
            template=template_name,
            lineno=exc.lineno,
            context=where or None,
        ) from None
    except jinja2.UndefinedError as exc:
        placeholder = _undefined_name(str(exc))
        raise TemplateRenderError(
            f"Skabelonen {template_name} bruger pladsholderen '{placeholder}', "
            f"som ikke er et felt i formularen {spec.name}",
            form=spec.name,
            template=template_name,
            placeholder=placeholder,
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateRenderError(
            f"Skabelonen {template_name} forsøger noget, som ikke er tilladt: {exc}",
            form=spec.name,
            template=template_name,
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateRenderError(
            f"Skabelonen {template_name} kunne ikke udfyldes: {exc}",
            form=spec.name,
            template=template_name,
        ) from None
    except (RecursionError, OverflowError, MemoryError) as exc:
        raise TemplateRenderError(
            f"Skabelonen {template_name} kunne ikke udfyldes: den bruger for mange ressourcer "
            f"({type(exc).__name__})",
            form=spec.name,
            template=template_name,
        ) from None
    except Exception as exc:  # a filter given the wrong type, and the like
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise TemplateRenderError(
            f"Skabelonen {template_name} kunne ikke udfyldes ({detail}); "
            "passer filtrene til felternes typer?",
            form=spec.name,
            template=template_name,
        ) from None


def _render_with_docxtpl(
    data: bytes, context: Mapping[str, Any], spec: FormSpec, template_name: str
) -> bytes:
    """The reference path: plain docxtpl with our environment (a fresh object per document,
    because docxtpl's template is spent after one render)."""
    tpl = DocxTemplate(io.BytesIO(data))
    with billeder.collecting() as images:
        tpl.render(dict(context), jinja_env=environment(), autoescape=False)
    props = tpl.docx.core_properties
    props.title = spec.title
    props.language = "da-DK"
    out = io.BytesIO()
    tpl.save(out)
    result = out.getvalue()
    if images:
        result = _add_images(result, images)
    _check_well_formed(result, spec, template_name)
    return result


def _add_images(docx: bytes, images: list[bytes]) -> bytes:
    """Add the placed pictures' parts to a package written by docxtpl."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        media, rels, types = billeder.package_additions(
            images,
            src.read("word/_rels/document.xml.rels").decode("utf-8"),
            src.read("[Content_Types].xml").decode("utf-8"),
        )
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                if info.filename == "word/_rels/document.xml.rels":
                    dst.writestr(info, rels)
                elif info.filename == "[Content_Types].xml":
                    dst.writestr(info, types)
                else:
                    dst.writestr(info, src.read(info))
            for name, png in media.items():
                dst.writestr(name, png, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


_UNDEFINED = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def _undefined_name(message: str) -> str:
    m = _UNDEFINED.search(message)
    if not m:
        return message
    return m.group(1) or m.group(2)


def _check_well_formed(docx: bytes, spec: FormSpec, template_name: str) -> None:
    """Never hand Word a broken file: every XML part of the result must parse strictly."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        for name in zf.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(zf.read(name), parser)
            except etree.XMLSyntaxError as exc:
                raise TemplateError(
                    f"Resultatet af skabelonen {template_name} er ikke gyldig XML "
                    f"({name}: {exc.msg})",
                    form=spec.name,
                    template=template_name,
                ) from None


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` so that the file is either complete or not there at all."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"Kan ikke skrive i mappen {directory}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"Kan ikke skrive {target}: {exc.strerror}") from None
        raise
    return target
