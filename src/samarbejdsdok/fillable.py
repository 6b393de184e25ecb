"""Note forms filled in during the meeting: a fillable Word document, and its values read back.

The toolbox's dialogue guides are also note forms (telefonmøde, screeningsmøde, …); a form says
which of its fields the caseworker fills in (``FormModel.fillable_fields``). :func:`render_fillable`
renders the form's own template with the values already known (names, date, participants) and a
stand-in (:class:`~samarbejdsdok.engine.controls.Marker`) for every field to be filled in; the
engine then writes a Word content control where each stand-in printed, of the kind the field's
type calls for (:func:`control_for`):

========================  ====================================================================
field                     control
========================  ====================================================================
text, number, time        plain text (multi-line where the value stands alone in its paragraph)
date                      date picker, Danish format (the template's filter: ``dato_lang`` is
                          ``dddd 'den' d. MMMM yyyy``)
yes/no                    check box (``w14:checkbox``); the templates' ``☐ Ja ☐ Nej`` become
                          two, tags ``path=ja`` and ``path=nej``
choice                    drop-down list, or a check box per answer where the template ticks
                          one (``path=aktiv``)
list of texts             plain text, one item a line
list of items             a repeating section (``w15:repeatingSection``), an item per row
========================  ====================================================================

Each control's tag is its field's path (``screeningsmoede.dato``, ``aftaler[].indhold`` in each
item of the repeating section ``aftaler``), its title the field's Danish title, its placeholder
a Danish instruction. A value already given for such a field is filled in. The document carries
a custom XML part (:data:`MANIFEST_NS`) with the form's name, the known values and the controls
written, in order.

:func:`read_docx` reads a filled document back: the known values and each control's value
(a control still showing its placeholder is empty, as is a nested model or list item left
empty), validated by the form's model through :func:`samarbejdsdok.validate`, so problems come
as the same Danish list. A document that is no fillable note form of this form, and a control
deleted or duplicated, are errors that name the control. A document LibreOffice saved has lost
the tags: its controls are matched with the list in the custom XML part by order and kind
(docs/notatskemaer.md).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from lxml import etree
from pydantic import BaseModel, Field, TypeAdapter, ValidationError, create_model

from . import formatting, law
from .engine import RenderedDocument, RenderLimits, render_template, write_atomic
from .engine.controls import (
    ControlSpec,
    FoundControl,
    MarkerTable,
    Use,
    add_custom_xml,
    insert_controls,
    read_controls,
    replace_parts,
    strip_markers,
)
from .engine.package import Package, PackageError, parse_xml
from .errors import (
    ArgumentError,
    DataError,
    InputFormatError,
    Problem,
    describe_read_error,
)
from .forms import FormModel, FormSpec, get_form
from .introspect import LIST_ITEM, FormField, field_map, form_fields
from .problems import data_error
from .rendering import LANGUAGE, template_bytes
from .validation import validate

__all__ = [
    "MANIFEST_NS",
    "fillable_forms",
    "render_fillable",
    "read_docx",
    "read_values",
    "control_for",
]

#: The namespace of the custom XML part a fillable document carries.
MANIFEST_NS = "urn:samarbejdsdok:notatskema"
#: Its data store item id (fixed, so the same input gives the same bytes).
_ITEM_ID = "{5E3F0C1A-7B2D-4C8E-9A61-2F4D8B0C6E13}"
_VERSION = 1

#: Word's pattern for each date filter of the templates.
DATE_FORMATS = {
    "dato": "d. MMMM yyyy",
    "dato_lang": "dddd 'den' d. MMMM yyyy",
    "dato_kort": "dd.MM.yyyy",
}

#: What a filled document may be: its size, and the size of the parts read from it.
MAX_DOCUMENT_BYTES = 25_000_000
MAX_PART_BYTES = 50_000_000


def fillable_forms() -> list[FormSpec]:
    """The note forms: every form whose model names fields to fill in."""
    from .forms import all_forms

    return [spec for spec in all_forms() if spec.model.fillable_fields]


def _spec(form: Any) -> FormSpec:
    spec = get_form(form)
    if not spec.model.fillable_fields:
        names = ", ".join(s.name for s in fillable_forms())
        raise ArgumentError(
            f"{spec.name} er ikke et notatskema, der kan udfyldes i Word; det kan {names}"
        )
    return spec


def _template_path(path: str) -> str:
    """``aftaler.0.indhold`` -> ``aftaler[].indhold``."""
    return re.sub(r"\.(\d+)(?=\.|$)", LIST_ITEM, path)


def _children(model: type[BaseModel], path: str) -> list[FormField]:
    """The fields directly inside the field at ``path`` (``aftaler[]`` for a list's items)."""
    prefix = path + "."
    return [
        f
        for f in form_fields(model)
        if f.path.startswith(prefix) and "." not in f.path[len(prefix) :]
    ]


@cache
def _draft_model(model: type[FormModel]) -> type[BaseModel]:
    """The form's model with the fields to fill in optional, and no cross-field rules: what
    the data for a blank note form must fit."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in model.fillable_fields:
            annotation: Any = info.annotation | None  # type: ignore[operator]
            if info.metadata:
                annotation = Annotated[annotation, *info.metadata]
            fields[name] = (annotation, Field(default=None, title=info.title))
        else:
            fields[name] = (info.annotation, info)
    draft: type[BaseModel] = create_model(model.__name__, __config__=model.model_config, **fields)
    return draft


@dataclass
class _Render:
    """One fillable render: the stand-ins made and the values already known for them."""

    model: type[FormModel]
    table: MarkerTable
    fields: dict[str, FormField]
    known: dict[str, Any]

    def stand_in(self, f: FormField, path: str, value: Any) -> Any:
        if f.computed:
            return value
        if f.kind == "model":
            inner = value if isinstance(value, Mapping) else {}
            return {
                c.name: self.stand_in(c, f"{path}.{c.name}", inner.get(c.name))
                for c in _children(self.model, f.path)
            }
        if f.kind == "list" and f.item == "model":
            if f.depth:
                raise ArgumentError(f"{f.path}: en liste i en liste kan ikke udfyldes i Word")
            items = list(value or []) or [None]
            item_fields = _children(self.model, f.path + LIST_ITEM)
            return [
                {
                    c.name: self.stand_in(
                        c,
                        f"{path}.{i}.{c.name}",
                        item.get(c.name) if isinstance(item, Mapping) else None,
                    )
                    for c in item_fields
                }
                for i, item in enumerate(items)
            ]
        self.known[path] = value
        return self.table.marker(path)

    def spec_of(self, use: Use) -> ControlSpec | None:
        tpath = _template_path(use.key)
        f = self.fields.get(tpath)
        if f is None:
            return None
        value = self.known.get(use.key)
        group, item, group_title = None, 0, ""
        if LIST_ITEM in tpath:
            group = tpath.split(LIST_ITEM, 1)[0]
            item = int(use.key[len(group) + 1 :].split(".", 1)[0])
            group_title = self.fields[group].title
        return control_for(f, use, value, group=group, item=item, group_title=group_title)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _answer_label(answer: Any) -> str:
    if answer is True:
        return "ja"
    if answer is False:
        return "nej"
    return str(answer.value if isinstance(answer, enum.Enum) else answer)


def _plain(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    return "" if value is None else str(value)


def control_for(
    f: FormField,
    use: Use,
    value: Any,
    *,
    group: str | None = None,
    item: int = 0,
    group_title: str = "",
) -> ControlSpec:
    """The content control for field ``f`` where the template printed it (``use``: through
    which filter), holding ``value`` if it is known."""
    common: dict[str, Any] = {"group": group, "item": item, "group_title": group_title}
    title = f.title or f.name
    if use.filter == "afkrydset" and use.args:
        answer = use.args[0]
        label = _answer_label(answer)
        checked = value is not None and (value == answer or _plain(value) == _plain(answer))
        return ControlSpec(
            tag=f"{f.path}={label}",
            title=f"{title}: {label[:1].upper()}{label[1:]}",
            kind="checkbox",
            checked=checked,
            **common,
        )
    if f.kind == "bool":
        return ControlSpec(tag=f.path, title=title, kind="checkbox", checked=bool(value), **common)
    if f.kind == "date":
        pattern = DATE_FORMATS.get(use.filter or "", DATE_FORMATS["dato"])
        show = formatting.FILTERS.get(use.filter or "dato", formatting.dato)
        if use.filter not in DATE_FORMATS:
            show = formatting.dato
        return ControlSpec(
            tag=f.path,
            title=title,
            kind="date",
            placeholder="Klik eller tryk for at angive en dato.",
            text=show(value) if value else "",
            date=value if isinstance(value, dt.date) else None,
            date_format=pattern,
            **common,
        )
    if f.kind == "enum":
        return ControlSpec(
            tag=f.path,
            title=title,
            kind="dropdown",
            placeholder="Vælg et element.",
            text=_plain(value),
            choices=f.choices,
            **common,
        )
    if f.kind == "list":
        return ControlSpec(
            tag=f.path,
            title=title,
            kind="text",
            placeholder=f"Skriv {_lower_first(title)}, én pr. linje",
            text="\n".join(_plain(v) for v in value or []),
            multiline=True,
            **common,
        )
    if f.kind == "time":
        text = value.strftime("%H.%M") if isinstance(value, dt.time) else _plain(value)
        return ControlSpec(
            tag=f.path,
            title=title,
            kind="text",
            placeholder="Skriv klokkeslæt, fx 10.00",
            text=text,
            multiline=False,
            **common,
        )
    if f.kind in ("int", "decimal", "float"):
        return ControlSpec(
            tag=f.path,
            title=title,
            kind="text",
            placeholder="Skriv et tal",
            text=_plain(value),
            multiline=False,
            **common,
        )
    placeholder = "Skriv svaret" if title.endswith("?") else f"Skriv {_lower_first(title)}"
    return ControlSpec(
        tag=f.path, title=title, kind="text", placeholder=placeholder, text=_plain(value), **common
    )


def _context(spec: FormSpec, data: Any) -> tuple[dict[str, Any], _Render, dict[str, Any]]:
    """The template context with stand-ins, the render's stand-ins, and the known data (JSON)."""
    model = spec.model
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json", round_trip=True)
    if not isinstance(data, Mapping):
        raise DataError(
            [Problem("", "", "data skal være et JSON-objekt med formularens felter", "model_type")],
            form=spec.name,
        )
    draft_model = _draft_model(model)
    try:
        draft = draft_model.model_validate(data)
    except ValidationError as exc:
        raise data_error(exc, model, spec.name) from None
    fillable = set(model.fillable_fields)
    values = {name: getattr(draft, name) for name in model.model_fields}
    context = draft.model_dump(mode="python")
    known_json = draft.model_dump(
        mode="json", round_trip=True, include=set(model.model_fields) - fillable
    )
    # Computed fields and pictures from the known values (a field to fill in counts as not
    # given); one that needs what is not known yet is None.
    instance = model.model_construct(**values)
    for name, info in model.model_computed_fields.items():
        try:
            context[name] = TypeAdapter(info.return_type).dump_python(getattr(instance, name))
        except Exception:  # needs a value to be filled in
            context[name] = None
    for name in model.pictures():
        try:
            context[name] = getattr(instance, name)()
        except Exception:
            context[name] = None
    state = _Render(model, MarkerTable(), field_map(model), {})
    for name in model.fillable_fields:
        context[name] = state.stand_in(
            state.fields[name], name, draft.model_dump(mode="python").get(name)
        )
    context["lov"] = law.template_context()
    context["dokument"] = {"titel": spec.title, "formular": spec.name}
    return context, state, known_json


def _manifest(spec: FormSpec, known: dict[str, Any], placed: list[ControlSpec]) -> bytes:
    body = {
        "formular": spec.name,
        "version": _VERSION,
        "kendt": known,
        "kontroller": [
            {
                "tag": c.tag,
                "type": c.kind,
                "gruppe": c.group,
                "nr": c.item,
                "pladsholder": c.placeholder,
            }
            for c in placed
        ],
    }
    root = etree.Element(f"{{{MANIFEST_NS}}}notatskema", nsmap={None: MANIFEST_NS})  # type: ignore[dict-item]
    root.text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def render_fillable(
    form: Any,
    data: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    template: str | os.PathLike[str] | bytes | None = None,
    limits: RenderLimits | None = None,
) -> RenderedDocument:
    """A note form to fill in in Word: every field to fill in a content control.

    Args:
        form: the note form (name, model class, ``FormSpec`` or instance).
        data: the values known before the meeting (a mapping, e.g. parsed JSON, or a filled
            form); the fields to fill in may be left out, or given to be filled in already.
        path: if given, the document is also written there, atomically.
        template: a municipality's own template (path or bytes) instead of the default.
        limits: the render budget, as for :func:`samarbejdsdok.render`.

    Raises:
        ArgumentError: the form is no note form.
        DataError: the known data does not fit the form (each problem in Danish).
        TemplateError, OutputError: as :func:`samarbejdsdok.render`.
    """
    spec = _spec(form)
    context, state, known = _context(spec, data)
    source, name = template_bytes(template, spec)
    document = render_template(
        source,
        context,
        title=spec.title,
        language=LANGUAGE,
        name=name,
        form=spec.name,
        limits=limits,
    )
    package = Package.read(bytes(document))
    main, placed = insert_controls(package.read_part(package.main), state.table, state.spec_of)
    parts = {package.main: main}
    for part in package.templated:
        if part != package.main:
            content = package.read_part(part)
            stripped = strip_markers(content, state.table)
            if stripped != content:
                parts[part] = stripped
    data_out = replace_parts(bytes(document), parts)
    data_out = add_custom_xml(data_out, _manifest(spec, known, placed), _ITEM_ID)
    result = RenderedDocument(data_out, engine=document.engine, warnings=document.warnings)
    if path is not None:
        write_atomic(path, result)
    return result


# --- reading a filled document back ---------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    tag: str
    kind: str
    group: str | None
    item: int
    placeholder: str


def _source_bytes(source: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        try:
            size = os.path.getsize(source)
            if size > MAX_DOCUMENT_BYTES:
                raise InputFormatError(
                    f"{Path(source).name} er for stor til et notatskema "
                    f"({size:,} byte; højst {MAX_DOCUMENT_BYTES:,})".replace(",", ".")
                )
            data = Path(source).read_bytes()
        except OSError as exc:
            reason = describe_read_error(exc)
            raise InputFormatError(f"Kan ikke læse {Path(source).name}: {reason}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        limit = f"{MAX_DOCUMENT_BYTES:,}".replace(",", ".")
        raise InputFormatError(f"Dokumentet er for stort til et notatskema (højst {limit} byte)")
    return data


def _part(package: Package, name: str) -> bytes:
    m = package.members[name]
    if m.size > MAX_PART_BYTES:
        raise InputFormatError(
            f"Dokumentets del {name} er for stor ({m.size:,} byte)".replace(",", ".")
        )
    return package.read_part(name)


def _read_manifest(package: Package) -> dict[str, Any] | None:
    for name in package.order:
        if not re.fullmatch(r"customXml/item\d+\.xml", name):
            continue
        try:
            root = parse_xml(_part(package, name))
        except etree.XMLSyntaxError:
            continue
        if root.tag != f"{{{MANIFEST_NS}}}notatskema":
            continue
        try:
            body = json.loads(root.text or "")
        except ValueError:
            continue
        if isinstance(body, dict) and body.get("version") == _VERSION:
            return body
    return None


def _entries(manifest: dict[str, Any], fields: dict[str, FormField], form: str) -> list[_Entry]:
    """The list of controls written, from the note form's own part: a list that is not as
    :func:`render_fillable` wrote it (edited by hand, or a document made to look like a note
    form) is an :class:`InputFormatError`, never a crash."""
    broken = InputFormatError(
        "Dokumentets liste over felterne (customXml) er beskadiget; lav notatskemaet igen",
        form=form,
    )
    listed = manifest.get("kontroller")
    if not isinstance(listed, list) or not isinstance(manifest.get("kendt", {}), dict):
        raise broken
    entries = []
    for e in listed:
        if not isinstance(e, dict):
            raise broken
        tag, kind, group, nr = e.get("tag"), e.get("type"), e.get("gruppe"), e.get("nr", 0)
        placeholder = e.get("pladsholder", "")
        if (
            not isinstance(tag, str)
            or not isinstance(kind, str)
            or not (group is None or isinstance(group, str))
            or not isinstance(nr, int)
            or isinstance(nr, bool)
            or not isinstance(placeholder, str)
            or tag.partition("=")[0] not in fields
        ):
            raise broken
        entries.append(_Entry(tag, kind, group, nr, placeholder))
    return entries


def _title(fields: dict[str, FormField], tag: str) -> str:
    base, _, answer = tag.partition("=")
    f = fields.get(base)
    title = f.title if f is not None else ""
    return f"{title}: {answer[:1].upper()}{answer[1:]}" if answer and title else title


def _problem(
    fields: dict[str, FormField], tag: str, message: str, code: str, where: str = ""
) -> Problem:
    return Problem(where or tag, _title(fields, tag), message, code)


_DANISH_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        [
            "januar",
            "februar",
            "marts",
            "april",
            "maj",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "december",
        ]
    )
}


def _date_text(text: str) -> str:
    """A date typed as text (a picker saved without its date): ISO, ``27.5.2026``, or
    ``(tirsdag den) 27. maj 2026``; anything else as it is, for the model to complain about."""
    t = " ".join(text.split()).lower()
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", t)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"(?:\w+ den )?(\d{1,2})\. (\w+) (\d{4})", t)
    if m and m.group(2) in _DANISH_MONTHS:
        return f"{m.group(3)}-{_DANISH_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
    return text.strip()


def _value(f: FormField, entry: _Entry, control: FoundControl) -> Any:
    """A control's value for its field (None: empty)."""
    if control.kind == "checkbox" or entry.kind == "checkbox":
        return bool(control.checked)
    if control.placeholder or (entry.placeholder and control.text == entry.placeholder):
        return None
    text = control.text
    if f.kind == "list":
        return [line for line in (s.strip() for s in text.split("\n")) if line]
    if not text.strip():
        return None
    if f.kind == "date":
        # The text is what the caseworker sees and typed (LibreOffice keeps a picker's date
        # apart from its text); the picker's own date only when the text is no date.
        typed = _date_text(text)
        return typed if re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed) else control.date or typed
    return text


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = data
    for part, nxt in zip(parts, parts[1:], strict=False):
        key: Any = int(part) if part.isdigit() else part
        if isinstance(node, list):
            while len(node) <= key:
                node.append({})
            node = node[key]
        else:
            node = node.setdefault(key, [] if nxt.isdigit() else {})
    node[parts[-1]] = value


def _pruned(value: Any) -> Any:
    """Empty values away: None, an empty text, a model or list item with nothing in it (a
    check box left unticked counts as nothing)."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        kept = {k: v for k, v in kept.items() if v is not None}
        if not any(v is not False and v != [] for v in kept.values()):
            return None
        return kept
    if isinstance(value, list):
        items = [_pruned(v) for v in value]
        return [v for v in items if v is not None]
    return value


def _match(
    entries: list[_Entry], found: list[FoundControl], fields: dict[str, FormField]
) -> tuple[list[tuple[_Entry, FoundControl, str]], list[Problem]]:
    """Each control the document should have, with the control it has and the concrete path
    (``aftaler.1.indhold``); problems for a control missing or duplicated."""
    problems: list[Problem] = []
    matched: list[tuple[_Entry, FoundControl, str]] = []
    known_tags = {e.tag for e in entries} | {e.group for e in entries if e.group}
    tagged = [c for c in found if c.tag in known_tags]
    if not tagged:
        return _match_by_order(entries, found, fields)
    top: dict[str, list[FoundControl]] = {}
    items: dict[str, dict[int, dict[str, list[FoundControl]]]] = {}
    sections: dict[str, int] = {}
    for c in tagged:
        if c.kind == "section":
            sections[c.tag] = sections.get(c.tag, 0) + 1
        elif c.group is not None:
            items.setdefault(c.group, {}).setdefault(c.item, {}).setdefault(c.tag, []).append(c)
        else:
            top.setdefault(c.tag, []).append(c)
    for group, n in sections.items():
        if n > 1:
            problems.append(
                _problem(
                    fields,
                    group,
                    "gentagelsessektionen findes flere gange i dokumentet",
                    "control_duplicated",
                )
            )
    seen_groups: set[str] = set()
    for entry in entries:
        if entry.group is None:
            controls = top.get(entry.tag, [])
            where = _concrete(entry.tag)
            if not controls:
                problems.append(
                    _problem(
                        fields,
                        entry.tag,
                        f"feltet ({entry.tag}) mangler i dokumentet; det er slettet",
                        "control_missing",
                    )
                )
            elif len(controls) > 1:
                problems.append(
                    _problem(
                        fields,
                        entry.tag,
                        f"feltet ({entry.tag}) findes {len(controls)} gange i dokumentet",
                        "control_duplicated",
                    )
                )
            else:
                matched.append((entry, controls[0], where))
            continue
        if entry.group in seen_groups:
            continue
        seen_groups.add(entry.group)
        group_entries = list(
            {e.tag: e for e in reversed(entries) if e.group == entry.group}.values()
        )[::-1]
        group_items = items.get(entry.group, {})
        if entry.group not in sections:
            problems.append(
                _problem(
                    fields,
                    entry.group,
                    f"gentagelsessektionen ({entry.group}) mangler i dokumentet; den er slettet",
                    "control_missing",
                )
            )
            continue
        for number in sorted(group_items):
            controls_of = group_items[number]
            for e in group_entries:
                controls = controls_of.get(e.tag, [])
                where = _concrete(e.tag, number)
                if not controls:
                    problems.append(
                        _problem(
                            fields,
                            e.tag,
                            f"feltet ({e.tag}) mangler i punkt {number + 1}; det er slettet",
                            "control_missing",
                            where,
                        )
                    )
                elif len(controls) > 1:
                    problems.append(
                        _problem(
                            fields,
                            e.tag,
                            f"feltet ({e.tag}) findes {len(controls)} gange i punkt {number + 1}",
                            "control_duplicated",
                            where,
                        )
                    )
                else:
                    matched.append((e, controls[0], where))
    return matched, problems


def _concrete(tag: str, item: int | None = None) -> str:
    base = tag.partition("=")[0]
    if item is not None:
        base = base.replace(LIST_ITEM, f".{item}", 1)
    return base


def _match_by_order(
    entries: list[_Entry], found: list[FoundControl], fields: dict[str, FormField]
) -> tuple[list[tuple[_Entry, FoundControl, str]], list[Problem]]:
    """A document whose controls lost their tags (LibreOffice 7.4 drops ``w:tag``): the
    controls in order, each of the kind the list says."""
    typed = [c for c in found if c.kind in ("text", "date", "checkbox", "dropdown")]
    problem = Problem(
        "",
        "",
        f"dokumentets felter har mistet deres navne (w:tag), og de {len(typed)} felter, det "
        f"har, svarer ikke til de {len(entries)}, notatskemaet blev lavet med; udfyld et nyt "
        "notatskema",
        "controls_unmatched",
    )
    if len(typed) != len(entries):
        return [], [problem]
    matched = []
    for entry, control in zip(entries, typed, strict=True):
        if control.kind != entry.kind and not (entry.kind == "text" and control.kind == "richtext"):
            return [], [problem]
        matched.append((entry, control, _concrete(entry.tag, entry.item if entry.group else None)))
    return matched, []


def read_values(form: Any, source: bytes | str | os.PathLike[str]) -> dict[str, Any]:
    """The data of a filled note form, before validation (see :func:`read_docx`)."""
    spec = _spec(form)
    data = _source_bytes(source)
    try:
        package = Package.read(data)
        manifest = _read_manifest(package)
        main = _part(package, package.main) if manifest is not None else b""
    except PackageError as exc:
        raise InputFormatError(f"Dokumentet {exc.reason}") from None
    if manifest is None:
        raise InputFormatError(
            f"Dokumentet er ikke et udfyldeligt notatskema fra samarbejdsdok (det har ikke "
            f"listen over felterne); lav notatskemaet til {spec.name} som udfyldeligt"
        )
    if manifest.get("formular") != spec.name:
        other = str(manifest.get("formular"))
        raise InputFormatError(
            f"Dokumentet er et notatskema til {other}, ikke til {spec.name}", form=spec.name
        )
    fields = field_map(spec.model)
    entries = _entries(manifest, fields, spec.name)
    try:
        found = read_controls(main)
    except etree.XMLSyntaxError:
        raise InputFormatError("Dokumentets tekst (word/document.xml) er ikke gyldig XML") from None
    matched, problems = _match(entries, found, fields)
    values: dict[str, Any] = {}
    answers: dict[str, list[tuple[str, bool]]] = {}
    for entry, control, where in matched:
        base, _, answer = entry.tag.partition("=")
        f = fields[base]
        value = _value(f, entry, control)
        if answer:
            answers.setdefault(where, []).append((answer, bool(value)))
            continue
        _set(values, where, value)
    for where, options in answers.items():
        ticked = [a for a, on in options if on]
        f = fields[_template_path(where)]
        if len(ticked) > 1:
            shown = " og ".join(a.capitalize() for a in ticked)
            problems.append(
                Problem(
                    where,
                    f.title,
                    f"der er sat kryds ved både {shown}; sæt kun ét",
                    "several_answers",
                )
            )
            continue
        if not ticked:
            _set(values, where, None)
        elif f.kind == "bool":
            _set(values, where, ticked[0] == "ja")
        else:
            _set(values, where, ticked[0])
    if problems:
        raise DataError(problems, form=spec.name)
    out = dict(manifest.get("kendt", {}))
    for name in spec.model.fillable_fields:
        value = _pruned(values.get(name))
        if value is not None and value != []:
            out[name] = value
        else:
            out.pop(name, None)
    return out


def read_docx(form: Any, source: bytes | str | os.PathLike[str]) -> FormModel:
    """The filled form from a note form filled in Word (made by :func:`render_fillable`).

    Args:
        form: the note form (name, model class, ``FormSpec`` or instance).
        source: the .docx, as bytes or a path.

    Returns:
        The form's model, validated as every other input is.

    Raises:
        InputFormatError: the file is no .docx, or no fillable note form of this form.
        DataError: a control was deleted or duplicated (the problem names it), two answers are
            ticked, or the values do not fit the form (the same Danish problems as
            :func:`samarbejdsdok.validate`).
    """
    spec = _spec(form)
    return validate(spec.model, read_values(spec, source), form=spec.name)
