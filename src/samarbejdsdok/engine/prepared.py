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
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from lxml import etree
from markupsafe import Markup

from ..errors import (
    TemplateError,
    TemplateFormatError,
    TemplateRenderError,
    TemplateSyntaxError,
)
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
    follow_tags,
    free_drawing_ids,
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
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
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
    escapes: bool = False
    #: Proven to give well-formed XML whatever the data (:func:`well_formed_by_construction`).
    proven: bool = False
    #: The compiled Python code of ``template`` (kept for the disk cache).
    code: Any = None


class _Unproven(Exception):
    pass


def well_formed_by_construction(tree: nodes.Template) -> bool:
    """Whether every rendering of ``tree`` is well-formed XML, whatever the data, as long as
    every printed value is escaped text or the engine's own markup (values that print other
    markup are noted while rendering, and those parts are checked in full).

    The proof follows the element tags through the template: every piece of XML text is whole
    tags; every ``{{ }}`` stands in the text of a ``w:t`` (where the engine's line breaks and
    pictures are balanced); every ``{% if %}`` branch and ``{% for %}`` body closes exactly what
    it opens, below the root element; and only plain output, ``if``, ``for`` and ``set`` are
    used. Anything else is "not proven", and the part gets the full check after rendering.
    """

    def block(body: list[nodes.Node], stack: list[str]) -> list[str]:
        for node in body:
            stack = statement(node, stack)
        return stack

    def same(body: list[nodes.Node], stack: list[str]) -> None:
        if block(body, list(stack)) != stack:
            raise _Unproven

    def statement(node: nodes.Node, stack: list[str]) -> list[str]:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData):
                    if not follow_tags(child.data, stack):
                        raise _Unproven
                elif not stack or stack[-1] != "w:t":
                    raise _Unproven
            return stack
        if isinstance(node, nodes.Assign):
            return stack
        if not stack:  # a block around the root element could repeat or drop it
            raise _Unproven
        if isinstance(node, nodes.If):
            for branch in (node.body, *(e.body for e in node.elif_), node.else_):
                same(branch, stack)
            return stack
        if isinstance(node, nodes.For) and not node.recursive:
            same(node.body, stack)
            same(node.else_, stack)
            return stack
        raise _Unproven

    try:
        return block(tree.body, []) == []
    except _Unproven:
        return False


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
        return total + (int(grid_span.get(f"{W}val", "1")) if grid_span is not None else 1)

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
    return compile_tree(env, parse_part(env, source, part, template_name), part, template_name)


def compile_tree(
    env: jinja2.Environment, tree: nodes.Template, part: str, template_name: str
) -> jinja2.Template:
    """Compile a parsed part after checking its loops (:func:`.limits.check_loops`)."""
    problems = check_loops(tree)
    if problems:
        raise TemplateRenderError(
            f"Skabelonen {template_name} har en løkke, der ikke er tilladt ({part}): "
            + "; ".join(why for _, why in problems),
            template=template_name,
        )
    code = env.compile(tree)
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    template.samarbejdsdok_code = code  # type: ignore[attr-defined]
    return template


def parse_part(
    env: jinja2.Environment, source: str, part: str, template_name: str
) -> nodes.Template:
    """Parse a part's source; a syntax error is reported with the paragraph it stands in."""
    try:
        return env.parse(source)
    except jinja2.TemplateSyntaxError:
        pass
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
        raise TemplateFormatError(f"Skabelonen {name} {exc.reason}", template=name) from None
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
        """Prepare ``data``, or load it from the disk cache if it was prepared before."""
        key = hashlib.sha256(data).hexdigest()
        cached = _load_compiled(key, data, name)
        if cached is not None:
            return cached
        prepared = cls._build(data, name)
        _store_compiled(key, prepared)
        return prepared

    @classmethod
    def _build(cls, data: bytes, name: str) -> PreparedTemplate:
        package = read_package(data, name)
        env = environment()
        parts = []
        for src in read_sources(package, name):
            if not src.needs_rendering:
                continue
            tree = parse_part(env, src.source, src.name, name)
            proven = well_formed_by_construction(tree)
            template = compile_tree(env, tree, src.name, name)
            parts.append(
                TemplatedPart(
                    src.name,
                    src.source,
                    template,
                    # docxtpl fixes the grid of the body's tables only.
                    fix_grid=src.name == package.main
                    and (
                        bool(_CELL_COUNT_TAG.search(plain_text(src.xml)))
                        or not _grid_is_consistent(src.xml)
                    ),
                    drawings="docPr" in src.source,
                    control_characters=has_control_characters(src.source),
                    escapes="{_" in src.source or "_}" in src.source,
                    proven=proven,
                    code=template.samarbejdsdok_code,  # type: ignore[attr-defined]
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
            xml = rendered[part.name]
            markup = part.name in placed.markup_parts
            if part.escapes or markup:
                xml = restore_escapes(xml)
            if part.control_characters or markup:
                xml = resolve_control_characters(xml)
            if part.fix_grid:
                xml = fix_table_grids(xml)
            rendered[part.name] = xml
        if placed.placed or any(p.drawings for p in self.parts):
            self._renumber_drawings(rendered)
        changed: dict[str, bytes] = {}
        for part in self.parts:
            content = rendered[part.name].encode("utf-8")
            if not part.proven or part.name in placed.markup_parts or part.control_characters:
                try:
                    check_well_formed(content)
                except ValueError as exc:
                    raise TemplateError(
                        f"Resultatet af skabelonen {self.name} er ikke gyldig XML "
                        f"({part.name}: {exc})",
                        template=self.name,
                    ) from None
            changed[part.name] = content
        if placed.placed:
            changed.update(pictures.add_to_package(placed, self._read))
        return self._write(changed, self._core(values, title, language))

    def _read(self, name: str) -> bytes | None:
        return self.package.read_part(name) if name in self.package.members else None

    def _renumber_drawings(self, rendered: dict[str, str]) -> None:
        counter = free_drawing_ids(self.reserved_ids)
        for part in self.parts:
            if "docPr" in rendered[part.name]:
                rendered[part.name] = renumber_drawing_ids(rendered[part.name], counter)

    def _core(self, values: dict[str, str], title: str | None, language: str | None) -> Any:
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


# --- the compiled templates on disk ----------------------------------------------------------
#
# Preparing a template (reading the package, patching, parsing, proving, compiling) costs about
# 0.1 s, which a command-line run pays every time. The result depends only on the template's
# bytes and on this engine's code, so it is kept on disk, keyed by both: the compiled Python
# code of each part (as Jinja's own bytecode cache keeps it) and what rendering needs. The cache
# is the user's own folder (SAMARBEJDSDOK_CACHE_DIR, else $XDG_CACHE_HOME/samarbejdsdok, else
# ~/.cache/samarbejdsdok; "off" turns it off); a file that cannot be read is ignored, one that
# cannot be written is not written.

_CACHE_FORMAT = 1


def _cache_directory() -> Path | None:
    setting = os.environ.get("SAMARBEJDSDOK_CACHE_DIR")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "samarbejdsdok"


_engine_digest: str | None = None


def _engine_version() -> str:
    """A digest of this engine's code, Jinja's version and Python's bytecode version."""
    global _engine_digest
    if _engine_digest is None:
        h = hashlib.sha256(
            f"{_CACHE_FORMAT} {jinja2.__version__} {sys.implementation.cache_tag}".encode()
        )
        here = Path(__file__).parent
        for path in sorted(here.glob("*.py")):
            h.update(path.name.encode() + path.read_bytes())
        for leaf in ("formatting.py", "errors.py"):
            h.update((here.parent / leaf).read_bytes())
        _engine_digest = h.hexdigest()[:16]
    return _engine_digest


def _cache_file(key: str) -> Path | None:
    directory = _cache_directory()
    if directory is None:
        return None
    return directory / f"{key}-{_engine_version()}.prepared"


def _load_compiled(key: str, data: bytes, name: str) -> PreparedTemplate | None:
    try:
        path = _cache_file(key)
        if path is None or not path.is_file():
            return None
        record = marshal.loads(path.read_bytes())
        env = environment()
        globals_ = env.make_globals(None)
        parts = [
            TemplatedPart(
                part_name,
                "",
                env.template_class.from_code(env, code, globals_, None),
                fix_grid,
                drawings,
                controls,
                escapes,
                proven,
                code,
            )
            for part_name, code, fix_grid, drawings, controls, escapes, proven in record["parts"]
        ]
        properties = {
            prop: env.template_class.from_code(env, code, globals_, None)
            for prop, code in record["properties"]
        }
        package = Package.read(data)
        return PreparedTemplate(name, package, parts, properties, frozenset(record["reserved"]))
    except Exception:
        return None


def _store_compiled(key: str, prepared: PreparedTemplate) -> None:
    try:
        path = _cache_file(key)
        if path is None:
            return
        record = {
            "parts": [
                (p.name, p.code, p.fix_grid, p.drawings, p.control_characters, p.escapes, p.proven)
                for p in prepared.parts
            ],
            "properties": [
                (prop, t.samarbejdsdok_code)  # type: ignore[attr-defined]
                for prop, t in prepared.properties.items()
            ],
            "reserved": sorted(prepared.reserved_ids),
        }
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(record))
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:
        return


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
            name,
            cached.package,
            cached.parts,
            cached.properties,
            cached.reserved_ids,
            cached._core_cache,
        )
    return cached
