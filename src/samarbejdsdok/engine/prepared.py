"""Layer 6: a template prepared once and rendered many times, and the one cache of them.

Plain docxtpl repeats, for every document, work that depends only on the template: it opens the
package with python-docx, patches the Word XML so Jinja can read it, compiles the Jinja template
and saves the whole package again. :func:`prepare` does that work once per template (cached by
the template's content) and keeps the result, a :class:`PreparedTemplate`:

* the package read and checked against the limits (:func:`.limits.check_package`);
* each templated part (:attr:`.package.Package.templated`) normalised as docxtpl sees it,
  turned into Jinja source (:func:`.xmltext.prepare_source`), checked for unbounded loops and
  compiled; and what it needs after rendering (escapes, control characters, a table grid that
  follows dynamic columns, drawing ids);
* the document properties that hold placeholders, compiled too;
* every other part kept as its compressed bytes, ready to copy.

Per document only the compiled templates are rendered; each result is checked to be
well-formed XML, deflated and written with the unchanged parts into a zip with fixed timestamps
and order, so equal input gives equal bytes.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

import jinja2
from lxml import etree
from markupsafe import Markup

from ..errors import TemplateError, TemplateNotFoundError, TemplateRenderError, TemplateSyntaxError
from . import pictures
from .environment import environment
from .limits import TemplateLimitError, check_loops, check_package
from .package import (
    CONTENT_TYPES,
    CORE,
    Package,
    PackageError,
    ZipWriter,
    check_well_formed,
    core_properties,
    member,
    parse_xml,
    serialise,
    set_core_properties,
)
from .xmltext import (
    BREAK,
    TAG_START,
    add_line_marks,
    drawing_ids,
    has_control_characters,
    plain_text,
    prepare_source,
    renumber_drawing_ids,
    resolve_control_characters,
    restore_escapes,
)

__all__ = [
    "PreparedTemplate",
    "TemplatedPart",
    "PartSource",
    "prepare",
    "read_sources",
    "compile_part",
    "read_package",
    "fix_table_grids",
    "FIRST_DRAWING_ID",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Drawing ids in the rendered parts are numbered from here, as docxtpl numbers the body's.
FIRST_DRAWING_ID = 1001
# A tag that changes how many cells a row has: {%tc %}, {#tc #}, {% hm %}, {% colspan %}.
_CELL_COUNT_TAG = re.compile(r"\{[{%#]tc |\{%\s*hm\s*%\}|\{%\s*colspan\s")


@dataclass
class TemplatedPart:
    """One templated part: its Jinja source and what rendering it needs."""

    name: str
    source: str
    template: jinja2.Template | None = None
    fix_grid: bool = False
    drawings: bool = False
    control_characters: bool = False


def _normalised(xml: bytes, name: str, main: str, template_name: str) -> str:
    """The part's XML as docxtpl reads it: python-docx's parser (blank text between elements
    dropped) and lxml's serialisation, except the footnotes, which docxtpl reads as they are."""
    try:
        if name != main and not name.rsplit("/", 1)[-1].startswith(("header", "footer")):
            text = xml.decode("utf-8")
            return re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
        return serialise(parse_xml(xml, remove_blank_text=True))
    except (UnicodeDecodeError, etree.XMLSyntaxError) as exc:
        raise TemplateError(
            f"Skabelonen {template_name} er beskadiget ({name}: {exc})", template=template_name
        ) from None


def _grid_is_consistent(xml: str) -> bool:
    """Whether every table's grid has as many columns as its widest row (docxtpl fixes it if
    not, so then the engine must too)."""
    if "<w:tbl>" not in xml and "<w:tbl " not in xml:
        return True
    root = parse_xml(xml)
    for tbl in root.iter(f"{W}tbl"):
        grid = tbl.find(f"{W}tblGrid")
        if grid is None:
            continue
        columns = len(grid.findall(f"{W}gridCol"))
        rows = list(tbl.iter(f"{W}tr"))
        most_cells = max((len(r.findall(f"{W}tc")) for r in rows), default=0)
        widest = max((_row_span(r) for r in rows), default=0)
        if most_cells > columns or widest != columns:
            return False
    return True


def _row_span(row: etree._Element) -> int:
    def span(total: int, cell: etree._Element) -> int:
        pr = cell.find(f"{W}tcPr")
        grid_span = None if pr is None else pr.find(f"{W}gridSpan")
        return total + (int(grid_span.get(f"{W}val")) if grid_span is not None else 1)

    return reduce(span, row.findall(f"{W}tc"), 0)


def fix_table_grids(xml: str) -> str:
    """Make every table's grid follow its rows after rendering, as docxtpl does: columns added
    by a ``{%tc`` loop are added to the grid (the table keeps its width, the columns share it),
    and columns no row reaches any more are removed (their width given to the others)."""
    root = parse_xml(xml)
    for tbl in root.iter(f"{W}tbl"):
        grid = tbl.find(f"{W}tblGrid")
        if grid is None:
            continue
        columns = grid.findall(f"{W}gridCol")
        rows = list(tbl.iter(f"{W}tr"))
        missing = max((len(r.findall(f"{W}tc")) - len(columns) for r in rows), default=0)
        if missing > 0:
            widths = [c.get(f"{W}w") for c in columns]
            total = sum(float(w) for w in widths if w is not None)
            if total > 0:
                old_average = total / len(columns)
                new_average = total / (len(columns) + missing)
                for c in columns:
                    c.set(f"{W}w", str(int(float(c.get(f"{W}w") or 0) * new_average / old_average)))
                for _ in range(missing):
                    etree.SubElement(grid, f"{W}gridCol", {f"{W}w": str(int(new_average))})
        columns = grid.findall(f"{W}gridCol")
        surplus = len(columns) - max((_row_span(r) for r in rows), default=0)
        if surplus > 0:
            removed = 0.0
            for c in columns[-surplus:]:
                removed += float(c.get(f"{W}w") or 0)
                grid.remove(c)
            left = grid.findall(f"{W}gridCol")
            extra = int(removed / len(left)) if left else 0
            for c in left:
                c.set(f"{W}w", str(int(float(c.get(f"{W}w") or 0) + extra)))
    return _XML_DECLARATION + serialise(root)


@dataclass(frozen=True)
class PartSource:
    """A templated part as the engine reads it: its XML as docxtpl sees it (``""`` when the
    part needs no rendering) and its Jinja source."""

    name: str
    xml: str
    source: str

    @property
    def needs_rendering(self) -> bool:
        return bool(self.source)


def read_sources(package: Package, template_name: str) -> list[PartSource]:
    """Every templated part of ``package`` with its Jinja source."""
    found = []
    for name in package.templated:
        raw = package.read_part(name)
        quick = raw.decode("utf-8", "replace")
        if (
            not TAG_START.search(quick)
            and "\t" not in quick
            and "\n" not in re.sub(r"^<\?xml[^>]*\?>\s*", "", quick)
            and not (name == package.main and "<w:tbl" in quick)
        ):
            found.append(PartSource(name, "", ""))
            continue
        xml = _normalised(raw, name, package.main, template_name)
        needs = (
            bool(TAG_START.search(xml))
            or has_control_characters(xml)
            or (name == package.main and not _grid_is_consistent(xml))
        )
        found.append(PartSource(name, xml, _XML_DECLARATION + prepare_source(xml) if needs else ""))
    return found


def compile_part(
    env: jinja2.Environment, source: str, part: str, template_name: str
) -> jinja2.Template:
    """Compile a part's source; a syntax error is reported with the paragraph it stands in."""
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        tree = None
    if tree is not None:
        problems = check_loops(tree)
        if problems:
            raise TemplateRenderError(
                f"Skabelonen {template_name} har en løkke, der ikke er tilladt ({part}): "
                + "; ".join(why for _, why in problems),
                template=template_name,
            )
        return env.from_string(tree)
    # Only for the error message: with one paragraph per line, the error's line number points
    # at the paragraph where it stands.
    marked = add_line_marks(source)
    try:
        env.parse(marked)
    except jinja2.TemplateSyntaxError as exc:
        lines = marked.splitlines()
        lo = max((exc.lineno or 1) - 2, 0)
        around = " / ".join(t for t in (plain_text(x).strip() for x in lines[lo : lo + 3]) if t)
        raise TemplateSyntaxError(
            f"Syntaksfejl i skabelonen {template_name} ({part}): {exc.message}"
            + (f" (ved: {around[:200]})" if around else ""),
            template=template_name,
            lineno=exc.lineno,
            context=around or None,
        ) from None
    raise AssertionError("unreachable: the source parsed with line marks")  # pragma: no cover


def read_package(data: bytes, name: str) -> Package:
    """The template's package, checked against the limits; our errors name the template."""
    try:
        return check_package(data)
    except PackageError as exc:
        raise TemplateNotFoundError(f"Skabelonen {name} {exc.reason}", template=name) from None
    except TemplateLimitError as exc:
        raise TemplateError(f"Skabelonen {name} {exc.reason}", template=name) from None


@dataclass
class PreparedTemplate:
    """A template prepared once and rendered many times; safe to share between threads."""

    name: str
    package: Package
    parts: list[TemplatedPart]
    properties: dict[str, jinja2.Template] = field(default_factory=dict)
    reserved_ids: frozenset[int] = frozenset()
    _core_cache: dict[tuple[str | None, str | None], Any] = field(default_factory=dict)

    @classmethod
    def build(cls, data: bytes, name: str) -> PreparedTemplate:
        package = read_package(data, name)
        env = environment()
        parts = []
        for src in read_sources(package, name):
            if not src.needs_rendering:
                continue
            parts.append(
                TemplatedPart(
                    src.name,
                    src.source,
                    compile_part(env, src.source, src.name, name),
                    # docxtpl fixes the grid of the body's tables only.
                    fix_grid=src.name == package.main
                    and (
                        bool(_CELL_COUNT_TAG.search(plain_text(src.xml)))
                        or not _grid_is_consistent(src.xml)
                    ),
                    drawings="docPr" in src.source,
                    control_characters=has_control_characters(src.source),
                )
            )
        rendered = {p.name for p in parts}
        reserved: set[int] = set()
        for n in package.order:
            if n not in rendered and n.endswith(".xml") and n.startswith("word/"):
                content = package.read_part(n)
                if b"docPr" in content:
                    reserved.update(drawing_ids(content.decode("utf-8", "replace")))
        properties: dict[str, jinja2.Template] = {}
        if CORE in package.members:
            try:
                found = core_properties(package.read_part(CORE))
            except etree.XMLSyntaxError as exc:
                raise TemplateError(
                    f"Skabelonen {name} er beskadiget ({CORE}: {exc})", template=name
                ) from None
            for prop, text in found.items():
                if TAG_START.search(text):
                    properties[prop] = compile_part(env, text, CORE, name)
        return cls(name, package, parts, properties, frozenset(reserved))

    # --- rendering ------------------------------------------------------------------------

    def render(
        self,
        context: Mapping[str, Any],
        *,
        title: str | None = None,
        language: str | None = None,
    ) -> bytes:
        """Render the templated parts with ``context`` and return the whole .docx.

        ``title`` and ``language`` set those document properties (after the template's own).
        """
        rendered: dict[str, str] = {}
        with pictures.collecting() as placed:
            for part in self.parts:
                pictures.set_part(part.name)
                assert part.template is not None
                rendered[part.name] = part.template.render(context)
            values = {prop: t.render(context) for prop, t in self.properties.items()}
        for part in self.parts:
            xml = restore_escapes(rendered[part.name])
            if part.control_characters or part.name in placed.control_parts:
                xml = resolve_control_characters(xml)
            if part.fix_grid:
                xml = fix_table_grids(xml)
            rendered[part.name] = xml
        if placed.placed or any(p.drawings for p in self.parts):
            self._renumber_drawings(rendered)
        changed: dict[str, bytes] = {}
        for part in self.parts:
            content = rendered[part.name].encode("utf-8")
            try:
                check_well_formed(content)
            except ValueError as exc:
                raise TemplateError(
                    f"Resultatet af skabelonen {self.name} er ikke gyldig XML ({part.name}: {exc})",
                    template=self.name,
                ) from None
            changed[part.name] = content
        if placed.placed:
            changed.update(pictures.add_to_package(placed, self._read))
        return self._write(changed, self._core(values, title, language))

    def _read(self, name: str) -> bytes | None:
        return self.package.read_part(name) if name in self.package.members else None

    def _renumber_drawings(self, rendered: dict[str, str]) -> None:
        def numbers() -> Iterator[int]:
            n = FIRST_DRAWING_ID
            while True:
                if n not in self.reserved_ids:
                    yield n
                n += 1

        counter = numbers()
        for part in self.parts:
            if "docPr" in rendered[part.name]:
                rendered[part.name] = renumber_drawing_ids(rendered[part.name], counter)

    def _core(
        self, values: dict[str, str], title: str | None, language: str | None
    ) -> Any:
        """The core properties member, or None to copy the template's."""
        if CORE not in self.package.members:
            return None
        if not values:
            key = (title, language)
            if key == (None, None):
                return None
            cached = self._core_cache.get(key)
            if cached is None:
                cached = member(CORE, self._core_xml({}, title, language))
                self._core_cache[key] = cached
            return cached
        texts = {prop: property_text(v) for prop, v in values.items()}
        return member(CORE, self._core_xml(texts, title, language))

    def _core_xml(self, texts: dict[str, str], title: str | None, language: str | None) -> bytes:
        if title is not None:
            texts["title"] = title
        if language is not None:
            texts["language"] = language
        return set_core_properties(self.package.read_part(CORE), texts)

    def _write(self, changed: dict[str, bytes], core: Any) -> bytes:
        out = ZipWriter()
        names = [CONTENT_TYPES] + sorted(n for n in self.package.order if n != CONTENT_TYPES)
        for n in names:
            if n not in self.package.members:
                if n in changed:
                    out.add(n, changed.pop(n))
                continue
            if n == CORE and core is not None:
                out.add_member(core)
            elif n in changed:
                out.add(n, changed.pop(n))
            else:
                out.add_member(self.package.members[n])
        for n in sorted(changed):  # parts the pictures added
            out.add(n, changed[n], compress=not n.startswith("word/media/"))
        return out.getvalue()


def property_text(rendered: str) -> str:
    """A rendered document property as plain text (it was rendered as escaped XML)."""
    return Markup(rendered.replace(BREAK, "\n")).unescape()


def _grid_is_consistent_source(source: str) -> bool:
    """:func:`_grid_is_consistent` on Jinja source, judged on its XML with the tags removed."""
    without_tags = re.sub(r"\{%.*?%\}|\{#.*?#\}", "", source, flags=re.DOTALL)
    without_tags = re.sub(r"\{\{.*?\}\}", "", without_tags, flags=re.DOTALL)
    try:
        return _grid_is_consistent(without_tags)
    except etree.XMLSyntaxError:
        return False


_cache: dict[str, PreparedTemplate] = {}
_lock = threading.Lock()
_CACHE_SIZE = 64


def prepare(data: bytes, *, name: str) -> PreparedTemplate:
    """The prepared template for ``data`` (cached by content).

    Raises:
        TemplateNotFoundError: not a .docx.
        TemplateSyntaxError: the template's Jinja syntax is wrong.
        TemplateError: the template breaks a limit or is damaged.
    """
    key = hashlib.sha256(data).hexdigest()
    cached = _cache.get(key)
    if cached is None:
        with _lock:
            cached = _cache.get(key)
            if cached is None:
                cached = PreparedTemplate.build(data, name)
                if len(_cache) >= _CACHE_SIZE:
                    _cache.clear()
                _cache[key] = cached
    if cached.name != name:  # the same bytes under another name: messages name this one
        return PreparedTemplate(
            name, cached.package, cached.parts, cached.properties, cached.reserved_ids,
            cached._core_cache,
        )
    return cached
