"""Layer 1: Word XML as text. No other layer of the engine is imported here.

Everything the engine does to the XML of a templated part *as a string*:

* :func:`prepare_source` turns a part's XML into Jinja source the way docxtpl does (the same
  string as ``DocxTemplate.patch_xml`` gives, but for the two differences below; the parity
  tests render both and compare the documents), so a municipality's template written for
  docxtpl means the same here. The steps, in order:

  1. a tag whose braces Word split with markup (``{<w:r>…{``) gets its braces joined;
  2. inside a tag, the run boundaries Word put there (spell check, a change of font) are
     removed, so ``{{ familie.navn }}`` is one piece of text;
  3. ``{% colspan n %}`` and ``{% cellbg c %}`` become the cell's ``w:gridSpan``/``w:shd``;
  4. text holding a tag keeps its spaces (``xml:space="preserve"``); ``{{r x }}`` gets a run
     of its own;
  5. ``{%-``/``-%}`` also swallow the run boundary next to them;
  6. ``{%tr …%}``, ``{%tc …%}``, ``{%p …%}``, ``{%r …%}`` (and ``{{p …}}`` etc.) replace the
     whole row, cell, paragraph or run they stand in; ``{#tr …#}`` and friends likewise
     remove theirs;
  7. ``{% vm %}`` and ``{% hm %}`` make a cell repeated by a loop merge vertically or
     horizontally;
  8. inside tags, the typographic quotes and ``&lt;``/``&gt;`` Word writes become ``"``, ``'``,
     ``<``, ``>``.

  Two differences, on purpose (:func:`finish_source`, on both render paths): inside a tag we
  also read ``&amp;``, ``&apos;`` and ``&quot;`` as the characters they stand for (docxtpl
  prints ``{{ "Jensen & Søn" }}`` as ``Jensen &amp; Søn``); and the cell properties steps 3 and
  7 add go where the schema wants them in ``w:tcPr`` (docxtpl puts them first or last, which
  is invalid ECMA-376 beside a ``w:tcW``).
* after rendering: :func:`restore_escapes` (``{_{ }_}`` print as ``{{ }}``),
  :func:`resolve_control_characters` (a tab, line break, ``\\a`` new paragraph or ``\\f`` page
  break that reached the text of a run), :func:`renumber_drawing_ids`.
* :func:`strip_forbidden_xml_chars`, and the markup a line break or tab in a value becomes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator

__all__ = [
    "BREAK",
    "TAB",
    "strip_forbidden_xml_chars",
    "prepare_source",
    "unescape_in_tags",
    "order_cell_properties",
    "finish_source",
    "add_line_marks",
    "remove_line_marks",
    "restore_escapes",
    "has_control_characters",
    "resolve_control_characters",
    "drawing_ids",
    "renumber_drawing_ids",
    "TAG_START",
    "plain_text",
    "follow_tags",
]

_S = re.DOTALL

#: What starts a Jinja construct in the text of a part.
TAG_START = re.compile(r"\{[{%#]")

# Outside the XML 1.0 Char production, plus \r which Word has no use for: the complement of
# [\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], written out because a class this small
# compiles ten times faster (it counts at every cold start).
_FORBIDDEN_XML = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")

#: A line break and a tab inside a run's text, as Word writes them.
BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
#: A hyphen a line may not break at (a CPR number's), as Word writes it; in a value it is
#: U+2011 NON-BREAKING HYPHEN (:data:`NO_BREAK_HYPHEN_CHAR`), which fonts may lack.
NO_BREAK_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
NO_BREAK_HYPHEN_CHAR = "\u2011"


def strip_forbidden_xml_chars(text: str) -> str:
    """Remove what XML 1.0 forbids; ``\\r\\n`` and a lone ``\\r`` become ``\\n``.

    >>> strip_forbidden_xml_chars("a\\x00b\\r\\nc\\x0cd")
    'ab\\ncd'
    """
    return _FORBIDDEN_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def plain_text(xml: str) -> str:
    """The text of some XML, tags removed (for messages that show where a problem stands)."""
    return re.sub(r"<[^>]+>", "", xml)


# --- from Word XML to Jinja source ------------------------------------------------------------

# 1. Markup between the two characters of a tag's opening or closing brace.
_SPLIT_BRACE = re.compile(r"(?<=\{)(?:<[^>]*>)+(?=[{%#])|(?<=[%}#])(?:<[^>]*>)+(?=\})", _S)

# 2. A tag from its opening up to (not including) its closing delimiter.
_TAG_BODY = re.compile(r"\{%(?:(?!%\}).)*|\{#(?:(?!#\}).)*|\{\{(?:(?!\}\}).)*", _S)
_RUN_BOUNDARY = re.compile(r"</w:t>.*?(?:<w:t>|<w:t [^>]*>)", _S)


# 3. A cell holding {% colspan … %} or {% cellbg … %}.
def _cell_directive(name: str) -> re.Pattern[str]:
    return re.compile(
        r"(<w:tc[ >](?:(?!<w:tc[ >]).)*)\{%\s*" + name + r"\s+([^%]*)\s*%\}(.*?</w:tc>)", _S
    )


_COLSPAN = _cell_directive("colspan")
_CELLBG = _cell_directive("cellbg")
_EMPTY_TEXT_RUN = re.compile(r"<w:r[ >](?:(?!<w:r[ >]).)*<w:t></w:t>.*?</w:r>", _S)
_TCPR_START = re.compile(r"(<w:tcPr[^>]*>)")

# 4. Spaces kept around tags; a run of its own for {{r …}} / {%r …%}.
_TEXT_WITH_TAG = re.compile(r"<w:t>((?:(?!<w:t>).)*)(\{\{.*?\}\}|\{%.*?%\})", _S)
_RUN_TAG = re.compile(r"(\{\{r\s.*?\}\}|\{%r\s.*?%\})", _S)
_OWN_RUN = (
    r'</w:t></w:r><w:r><w:t xml:space="preserve">\1</w:t></w:r><w:r><w:t xml:space="preserve">'
)

# 5. Whitespace control that also joins the text around it.
_TRIM_LEFT = re.compile(r"</w:t>(?:(?!</w:t>).)*?\{%-", _S)
_TRIM_RIGHT = re.compile(r"-%\}(?:(?!<w:t[ >]|\{%|\{\{).)*?<w:t[^>]*?>", _S)


# 6. Structural tags that stand for the element they are written in.
def _element_tag(element: str, openers: str, body: str) -> re.Pattern[str]:
    return re.compile(
        rf"<w:{element}[ >](?:(?!<w:{element}[ >]).)*"
        rf"({openers}){element} ({body}).*?</w:{element}>",
        _S,
    )


_ELEMENT_TAGS = [
    _element_tag(e, r"\{%|\{\{", r"[^}%]*(?:%\}|\}\})") for e in ("tr", "tc", "p", "r")
]
_ELEMENT_COMMENTS = [_element_tag(e, r"\{#", r"[^}#]*(?:#\})") for e in ("tr", "tc", "p")]

# 7. Cells merged by a loop.
_VM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?\{%\s*vm\s*%\}.*?</w:tc[ >]", _S)
_HM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?\{%\s*hm\s*%\}.*?</w:tc[ >]", _S)


def _merge_text(marker: str) -> re.Pattern[str]:
    # From the end of the cell's properties to the text holding the marker.
    return re.compile(
        r"(</w:tcPr[ >].*?<w:t(?:.*?)>)(.*?)(?:\{%\s*" + marker + r"\s*%\})(.*?)(</w:t>)", _S
    )


_VM_TEXT = _merge_text("vm")
_HM_TEXT = _merge_text("hm")
_HM_MARK = re.compile(r"\{%\s*hm\s*%\}", _S)
_GRIDSPAN_VALUE = re.compile(r'(w:gridSpan w:val=")(\d+)(")', _S)
_FIRST_ONLY = "{% if loop.first %}"
_END_IF = "{% endif %}"

# 8. The inside of {{ … }} and {% … %}.
_TAG_INSIDE = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})")
_WORD_PUNCTUATION = {
    "&#8216;": "'",
    "&lt;": "<",
    "&gt;": ">",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}
_ENTITIES_IN_TAGS = {"&amp;": "&", "&apos;": "'", "&quot;": '"'}


def _join_runs_in_tags(xml: str) -> str:
    return _TAG_BODY.sub(lambda m: _RUN_BOUNDARY.sub("", m.group(0)), xml)


def _cell_property(pattern: re.Pattern[str], remove: str, insert: str) -> Callable[[str], str]:
    remove_re = re.compile(remove)

    def apply(xml: str) -> str:
        def cell(m: re.Match[str]) -> str:
            content = _EMPTY_TEXT_RUN.sub("", m.group(1) + m.group(3))
            content = remove_re.sub("", content, count=1)
            element = insert.replace("VALUE", "{{" + m.group(2) + "}}")
            return _TCPR_START.sub(lambda p: p.group(1) + element, content)

        return pattern.sub(cell, xml)

    return apply


_apply_colspan = _cell_property(_COLSPAN, r"<w:gridSpan[^/]*/>", '<w:gridSpan w:val="VALUE"/>')
_apply_cellbg = _cell_property(
    _CELLBG, r"<w:shd[^/]*/>", '<w:shd w:val="clear" w:color="auto" w:fill="VALUE"/>'
)


def _vertical_merge(xml: str) -> str:
    def text(m: re.Match[str]) -> str:
        first, before, after, close = m.groups()
        return (
            '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
            + first
            + _FIRST_ONLY
            + before
            + after
            + _END_IF
            + close
        )

    return _VM_CELL.sub(lambda m: _VM_TEXT.sub(text, m.group(0)), xml)


def _horizontal_merge(xml: str) -> str:
    def cell(m: re.Match[str]) -> str:
        content = m.group(0)
        if "w:gridSpan" in content:
            content = _GRIDSPAN_VALUE.sub(
                lambda g: g.group(1) + "{{ " + g.group(2) + " * loop.length }}" + g.group(3),
                content,
            )
            content = _HM_MARK.sub("", content)
        else:
            content = _HM_TEXT.sub(
                lambda t: '<w:gridSpan w:val="{{ loop.length }}"/>' + "".join(t.groups()),
                content,
            )
        return _FIRST_ONLY + content + _END_IF

    return _HM_CELL.sub(cell, xml)


def _clean_inside_tags(xml: str) -> str:
    def clean(m: re.Match[str]) -> str:
        text = m.group(0)
        for old, new in _WORD_PUNCTUATION.items():
            text = text.replace(old, new)
        return text

    return _TAG_INSIDE.sub(clean, xml)


def docxtpl_source(xml: str) -> str:
    """The Jinja source docxtpl makes of a part's XML (steps 1-8 of the module docstring)."""
    xml = _SPLIT_BRACE.sub("", xml)
    xml = _join_runs_in_tags(xml)
    xml = _apply_colspan(xml)
    xml = _apply_cellbg(xml)
    xml = _TEXT_WITH_TAG.sub(r'<w:t xml:space="preserve">\1\2', xml)
    xml = _RUN_TAG.sub(_OWN_RUN, xml)
    xml = _TRIM_LEFT.sub("{%", xml)
    xml = _TRIM_RIGHT.sub("%}", xml)
    for pattern in _ELEMENT_TAGS:
        xml = pattern.sub(r"\1 \2", xml)
    for pattern in _ELEMENT_COMMENTS:
        xml = pattern.sub(r"\1 \2", xml)
    xml = _vertical_merge(xml)
    xml = _horizontal_merge(xml)
    return _clean_inside_tags(xml)


def unescape_in_tags(xml: str) -> str:
    """Inside ``{{ }}`` and ``{% %}``, read ``&amp;``, ``&apos;`` and ``&quot;`` as the
    characters Jinja needs (Word and LibreOffice write them as entities)."""

    def unescape(m: re.Match[str]) -> str:
        text = m.group(0)
        for old, new in _ENTITIES_IN_TAGS.items():
            text = text.replace(old, new)
        return text

    return _TAG_INSIDE.sub(unescape, xml)


# The children of w:tcPr in the order ECMA-376 requires (CT_TcPr).
_TCPR_ORDER = {
    name: i
    for i, name in enumerate(
        [
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ]
    )
}
_TCPR = re.compile(r"(<w:tcPr(?:\s[^>]*)?>)(.*?)(</w:tcPr>)", _S)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", _S)
_TCPR_CHILD = re.compile(r"\s*(<w:(\w+)(?:\s[^<>]*?)?/>|<w:(\w+)(?:\s[^<>]*)?>.*?</w:\3>)\s*", _S)


def order_cell_properties(source: str) -> str:
    """Cell properties in the order the schema requires.

    docxtpl puts what ``{% colspan %}`` and ``{% cellbg %}`` make (``w:gridSpan``, ``w:shd``) at
    the start of the cell's ``w:tcPr`` and what ``{% vm %}``/``{% hm %}`` make at its end, so a
    cell Word wrote with a width (``w:tcW``) became invalid ECMA-376. Only properties holding a
    tag are touched, and only when every child is a known cell property.
    """
    if "<w:tcPr" not in source:
        return source

    def cell(m: re.Match[str]) -> str:
        start, body, end = m.groups()
        if "{" not in body:
            return m.group(0)
        tags: list[str] = []

        def hide(t: re.Match[str]) -> str:
            tags.append(t.group(0))
            return f"\x00{len(tags) - 1}\x00"

        masked = _JINJA.sub(hide, body)
        children: list[tuple[int, str]] = []
        pos = 0
        while pos < len(masked):
            child = _TCPR_CHILD.match(masked, pos)
            if child is None or child.end() == pos:
                return m.group(0)  # not plain elements: leave as it is
            name = child.group(2) or child.group(3)
            if name not in _TCPR_ORDER:
                return m.group(0)
            children.append((_TCPR_ORDER[name], child.group(1)))
            pos = child.end()
        ordered = "".join(text for _, text in sorted(children, key=lambda c: c[0]))
        ordered = re.sub("\x00(\\d+)\x00", lambda t: tags[int(t.group(1))], ordered)
        return start + ordered + end

    return _TCPR.sub(cell, source)


def finish_source(source: str) -> str:
    """docxtpl's Jinja source of a part with this engine's two changes: entities inside tags
    read as characters (:func:`unescape_in_tags`), cell properties in schema order
    (:func:`order_cell_properties`). Both render paths compile this."""
    return unescape_in_tags(order_cell_properties(source))


def prepare_source(xml: str) -> str:
    """A templated part's XML as the Jinja source the engine compiles."""
    return finish_source(docxtpl_source(xml))


def add_line_marks(source: str) -> str:
    """One paragraph per line (as docxtpl compiles), so a Jinja error's line number points at a
    paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def remove_line_marks(xml: str) -> str:
    return re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)


# --- after rendering ------------------------------------------------------------------------

_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


def restore_escapes(xml: str) -> str:
    """``{_{ x }_}`` and ``{_% y %_}`` print as ``{{ x }}`` and ``{% y %}``."""
    if "{_" not in xml and "_}" not in xml:
        return xml
    for old, new in _ESCAPES:
        xml = xml.replace(old, new)
    return xml


_CONTROL = re.compile("[\t\n\x07\x0c]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", _S)
_PPR = re.compile(r"<w:pPr>.*?</w:pPr>", _S)
_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", _S)
_RPR = re.compile(r"<w:rPr>.*?</w:rPr>", _S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", _S)
_TEXT_CONTENT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def has_control_characters(xml: str) -> bool:
    """Whether the text of some run holds a tab, newline, ``\\a`` or ``\\f``."""
    return any(_CONTROL.search(m.group(1)) for m in _TEXT_CONTENT.finditer(xml))


def resolve_control_characters(xml: str) -> str:
    """A tab, line break, ``\\a`` (new paragraph) or ``\\f`` (page break) in a run's text
    becomes Word's markup for it, keeping the run's and the paragraph's properties (what
    docxtpl's ``Listing`` promises)."""

    def in_text(m: re.Match[str], rpr: str, ppr: str) -> str:
        text = m.group(0)
        paragraph = f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">'
        text = text.replace(
            "\t", f'</w:t></w:r><w:r>{rpr}<w:tab/></w:r><w:r>{rpr}<w:t xml:space="preserve">'
        )
        text = text.replace("\a", "</w:t></w:r></w:p>" + paragraph)
        text = text.replace("\n", BREAK)
        page_break = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        return text.replace("\f", "</w:t></w:r></w:p>" + page_break + paragraph)

    def in_run(m: re.Match[str], ppr: str) -> str:
        found = _RPR.search(m.group(0))
        rpr = found.group(0) if found else ""
        return _TEXT.sub(lambda t: in_text(t, rpr, ppr), m.group(0))

    def in_paragraph(m: re.Match[str]) -> str:
        found = _PPR.search(m.group(0))
        ppr = found.group(0) if found else ""
        return _RUN.sub(lambda r: in_run(r, ppr), m.group(0))

    return _PARAGRAPH.sub(in_paragraph, xml)


_TAG = re.compile(r"<(/?)([^\s/<>!?]+)[^<>]*?(/?)>|<\?[^<>]*\?>")


def follow_tags(text: str, stack: list[str]) -> bool:
    """Follow the element tags of a piece of XML text, pushing and popping ``stack``.

    Returns False if the piece is not a run of whole tags and text that closes only what is
    open: a ``<`` or ``>`` left over (a tag cut in two, a comment, CDATA), or an end tag that
    does not match. Used to prove that a template's output is well-formed whatever the data.
    """
    pos = 0
    for m in _TAG.finditer(text):
        if "<" in text[pos : m.start()] or ">" in text[pos : m.start()]:
            return False
        pos = m.end()
        closing, name, empty = m.group(1), m.group(2), m.group(3)
        if name is None or empty:  # <?xml …?> or <empty/>
            continue
        if closing:
            if not stack or stack[-1] != name:
                return False
            stack.pop()
        else:
            stack.append(name)
    rest = text[pos:]
    return "<" not in rest and ">" not in rest


_DOCPR_ID = re.compile(r'(<(?:[\w.-]+:)?docPr\b[^>]*?\sid=")(\d+)(")')


def drawing_ids(xml: str) -> list[int]:
    """The ``wp:docPr`` ids in some XML."""
    return [int(m.group(2)) for m in _DOCPR_ID.finditer(xml)]


#: Drawing ids given by the renderer start here, above what Word and python-docx use in a template.
FIRST_DRAWING_ID = 1001


def free_drawing_ids(reserved: Collection[int]) -> Iterator[int]:
    """Drawing ids from :data:`FIRST_DRAWING_ID` up, skipping those the template's untemplated
    parts already use."""
    n = FIRST_DRAWING_ID
    while True:
        if n not in reserved:
            yield n
        n += 1


def renumber_drawing_ids(xml: str, numbers: Iterable[int]) -> str:
    """Give each ``wp:docPr`` the next id from ``numbers`` (ids must be unique in a document)."""
    it = iter(numbers)
    return _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(it)}{m.group(3)}", xml)
