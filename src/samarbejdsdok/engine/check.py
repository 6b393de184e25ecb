"""Layer 8: check a municipality's edited template before it is used (``check-template``).

Everything that would make rendering fail, or quietly go wrong, is listed at once, each with
where it stands as the person in Word sees it (the paragraph's or table cell's text):

* a tag Word split over two paragraphs or cells (``{{ navn`` here, ``}}`` there), which the
  renderer cannot read;
* Jinja syntax errors, loops or conditions that are never closed;
* placeholders that are not fields of the form, with the closest field names as suggestions;
* loops not bounded by the data (see :mod:`.limits`);
* a file that is not a sound .docx (not a zip, a zip bomb, a DOCTYPE).

Runs split *within* a paragraph (spell check, proofing marks, revision ids) are harmless: the
renderer joins them, as docxtpl does.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from babel.lists import format_list
from lxml import etree

from ..errors import SamarbejdsdokError
from .introspection import Walker, check_path
from .limits import check_loops
from .prepared import read_package, read_sources
from .xmltext import add_line_marks, plain_text

__all__ = ["Finding", "check_template"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Finding:
    """One problem: ``kind`` (``split``, ``syntax``, ``unknown``, ``loop``, ``file``, or
    ``render`` for a trial render that failed), the part (``""`` when the problem is the whole
    document's), where it stands (text of the paragraph or cell) and a Danish message."""

    kind: str
    part: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f' ved "{self.where}"' if self.where else ""
        return f"{self.part}{where}: {self.message}" if self.part else self.message


def _paragraph_texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    texts = []
    for p in root.iter(f"{W}p"):
        texts.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return texts


def _split_tags(part: str, xml: bytes) -> list[Finding]:
    findings = []
    for text in _paragraph_texts(xml):
        for opener, closer in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
            if text.count(opener) != text.count(closer):
                findings.append(
                    Finding(
                        "split",
                        part,
                        text.strip()[:80],
                        f"et '{opener} ... {closer}'-tag er ikke afsluttet i samme afsnit eller "
                        "celle; skriv hele tagget i ét afsnit",
                    )
                )
                break
    return findings


def _context_of(source: str, lineno: int | None) -> str:
    lines = add_line_marks(source).splitlines()
    if not lineno:
        return ""
    line = lines[min(lineno, len(lines)) - 1]
    return plain_text(line).strip()[:80]


def check_template(
    data: bytes,
    roots: Mapping[str, Any],
    known: Sequence[str],
    *,
    name: str = "<skabelon>",
    subject: str = "formularen",
) -> list[Finding]:
    """Every problem of template ``data`` for a context whose top-level names have the types
    ``roots`` (``known``: every valid path, for suggestions; ``subject``: what the context is,
    in messages). An empty list means sound."""
    from .environment import environment

    try:
        package = read_package(data, name)
        sources = read_sources(package, name)
    except SamarbejdsdokError as exc:
        return [Finding("file", name, "", exc.message)]
    findings: list[Finding] = []
    for part in package.templated:
        findings += _split_tags(part, package.read_part(part))
    env = environment()
    for src in sources:
        if not src.needs_rendering:
            continue
        part, source = src.name, src.source
        marked = add_line_marks(source)
        try:
            tree = env.parse(marked)
        except jinja2.TemplateSyntaxError as exc:
            lineno = exc.lineno
            if "Unexpected end of template" in (exc.message or ""):
                lineno = _unclosed_block_line(marked) or lineno
            findings.append(
                Finding("syntax", part, _context_of(source, lineno), _syntax_message(exc))
            )
            continue
        for lineno, why in check_loops(tree):
            findings.append(Finding("loop", part, _context_of(source, lineno), why))
        refs: list[Any] = []
        Walker(part, refs).visit(tree, {})
        seen = set()
        for ref in refs:
            problem = check_path(roots, ref.path)
            if problem is None or ref.dotted in seen:
                continue
            seen.add(ref.dotted)
            close = difflib.get_close_matches(ref.dotted, list(known), n=3, cutoff=0.6)
            hint = f" Mente du: {format_list(close, style='or', locale='da')}?" if close else ""
            findings.append(
                Finding(
                    "unknown",
                    part,
                    _context_of(source, ref.lineno),
                    f"pladsholderen '{ref.dotted}' er ikke et felt i {subject}: {problem}.{hint}",
                )
            )
    return findings


_BLOCK_TAG = re.compile(r"\{%-?\s*(\w+)")
_OPENERS = {"for", "if", "macro", "call", "filter", "set", "block", "with", "raw"}


def _unclosed_block_line(marked: str) -> int | None:
    """The line of the innermost block tag that is never closed (Jinja only reports the end)."""
    stack: list[tuple[str, int]] = []
    for lineno, line in enumerate(marked.splitlines(), start=1):
        for m in _BLOCK_TAG.finditer(line):
            tag = m.group(1)
            if tag in ("set",) and "=" in line[m.end() : line.find("%}", m.end())]:
                continue  # {% set x = ... %} has no end tag
            if tag in _OPENERS:
                stack.append((tag, lineno))
            elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
                stack.pop()
    return stack[-1][1] if stack else None


def _syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    msg = exc.message or "syntaksfejl"
    m = re.search(r"looking for the following tags: '([^']+)'", msg)
    if "Unexpected end of template" in msg and m:
        return f"en blok er ikke afsluttet (mangler {{% {m.group(1)} %}})"
    if "Encountered unknown tag" in msg:
        tag = re.search(r"unknown tag '([^']+)'", msg)
        return f"ukendt eller uventet tag '{tag.group(1) if tag else '?'}' ({msg})"
    return f"syntaksfejl: {msg}"
