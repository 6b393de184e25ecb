"""Layer 3: limits that keep a hostile or broken template from hurting the machine or the output.

A municipality's edited template is untrusted input. Besides the Jinja sandbox, every template
passes these checks before it is used (:mod:`.prepared` runs them once per template):

* **the package** (:func:`check_package`): a real zip holding a main document, at most
  :data:`MAX_ENTRIES` parts and :data:`MAX_UNPACKED` bytes unpacked (a zip bomb is refused
  before anything is inflated), no encrypted or oddly compressed member, no duplicate part
  name, and no XML part with a document type declaration (so no entity can be declared);
* **the loops** (:func:`check_loops`): a ``for`` loop may run over the data (a field, possibly
  through filters such as ``|sort``), over a literal list, or over a ``range`` with constant
  bounds of at most :data:`MAX_LITERAL_RANGE` items;
* **the operators** (:func:`bounded_binop`, used by the environment): ``*``, ``**`` and ``+``
  may not build a string or list longer than the render budget's value length
  (:attr:`.budget.RenderLimits.value_length`) or a number larger than :data:`MAX_INT_BITS`
  bits; they are checked before they build.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError

from .budget import COUNT_FILTER, BudgetExceeded, weight
from .package import (
    CONTENT_TYPES,
    Package,
    PackageError,
    check_well_formed,
    inflated_size,
)

__all__ = [
    "MAX_ENTRIES",
    "MAX_UNPACKED",
    "MAX_XML_PART",
    "MAX_LITERAL_RANGE",
    "MAX_INT_BITS",
    "TemplateLimitError",
    "check_package",
    "check_loops",
    "bounded_binop",
]

#: Parts in one package.
MAX_ENTRIES = 2_000
#: Bytes of all parts together, as really inflated (never the sizes the zip declares).
MAX_UNPACKED = 200 * 1024 * 1024
#: Bytes of one XML part, as really inflated; rendering needs about 30 times as much memory.
MAX_XML_PART = 10 * 1024 * 1024
MAX_LITERAL_RANGE = 1_000
MAX_INT_BITS = 4_096


class TemplateLimitError(Exception):
    """The template breaks a limit; ``reason`` says which, in Danish."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def check_package(data: bytes) -> Package:
    """Read ``data`` as a package and refuse it if it breaks a limit (see the module docstring).

    Nothing is trusted from the zip's headers: every member is inflated once, in pieces, and
    its real size counted against :data:`MAX_XML_PART` (XML) and :data:`MAX_UNPACKED` (all);
    every XML part, rendered or not, must be well-formed XML without a document type
    declaration in whatever encoding it declares; macros and relationships to files outside
    the package are refused.

    Raises:
        PackageError: not a .docx, or a damaged one.
        TemplateLimitError: too many parts, too large, a document type declaration, macros or
            an external file.
    """
    package = Package.read(data)
    if len(package.order) > MAX_ENTRIES:
        raise TemplateLimitError(f"har {len(package.order)} dele; højst {MAX_ENTRIES} er tilladt")
    if CONTENT_TYPES not in package.members:
        raise PackageError(f"er ikke et gyldigt Word-dokument ({CONTENT_TYPES} mangler)")
    total = 0
    for name in package.order:
        member = package.members[name]
        xml = name.endswith((".xml", ".rels"))
        cap = min(MAX_XML_PART if xml else MAX_UNPACKED, MAX_UNPACKED - total)
        if xml and member.size <= cap:
            # Inflated once, at most to its declared size (more is damage), and kept.
            content = package.read_part(name)
            size = len(content)
        else:
            content = b""
            size = inflated_size(member, cap)  # counted in pieces, nothing kept
        if size > cap or member.size > cap:
            if xml and cap == MAX_XML_PART:
                raise TemplateLimitError(
                    f"har delen {name}, som fylder over {MAX_XML_PART // 2**20} MB udpakket; "
                    f"højst {MAX_XML_PART // 2**20} MB XML pr. del er tilladt"
                )
            raise TemplateLimitError(
                f"fylder over {MAX_UNPACKED // 2**20} MB udpakket; højst "
                f"{MAX_UNPACKED // 2**20} MB er tilladt (en zip-bombe?)"
            )
        if size != member.size:
            raise PackageError(f"er beskadiget ({name}: størrelsen passer ikke)")
        total += size
        if xml:
            try:
                check_well_formed(content)
            except ValueError as exc:
                if "document type" in str(exc):
                    raise TemplateLimitError(
                        f"indeholder en DOCTYPE-erklæring i {name}; det er ikke tilladt i et "
                        "Word-dokument"
                    ) from None
                raise PackageError(f"er beskadiget ({name} er ikke gyldig XML: {exc})") from None
    _refuse_macros(package)
    _refuse_external_files(package)
    return package


def _refuse_macros(package: Package) -> None:
    types = package.content_types()
    for name in package.order:
        if name.lower().endswith("vbaproject.bin") or "macroenabled" in types.get(name, "").lower():
            raise TemplateLimitError(
                f"indeholder makroer ({name}); gem skabelonen som .docx uden makroer"
            )


#: External targets a relationship may have: a hyperlink to the web or an e-mail address.
_ALLOWED_EXTERNAL = re.compile(r"(?i)(https?://|mailto:)[^\\]*\Z")


def _refuse_external_files(package: Package) -> None:
    """A relationship may point outside the package only as a web or mail hyperlink: a remote
    attached template, a linked picture or a UNC path would make Word fetch it (and leak that
    the document was opened)."""
    for name in package.order:
        if not name.endswith(".rels"):
            continue
        for _, rtype, target, external in package.relationships_of(name):
            if not external:
                continue
            if rtype.endswith("/hyperlink") and _ALLOWED_EXTERNAL.match(target.strip()):
                continue
            kind = rtype.rsplit("/", 1)[-1]
            raise TemplateLimitError(
                f"henviser til en fil uden for dokumentet ({name}: {kind} -> {target[:80]}); "
                "indsæt billeder og skabeloner i dokumentet i stedet for at linke til dem"
            )


def _is_data_path(node: nodes.Node | None) -> bool:
    while isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Filter)):
        node = node.node
    return isinstance(node, nodes.Name)


def _literal_range_size(node: nodes.Node) -> int | None:
    """The number of items of ``range(<constants>)``, or None if it is not one."""
    if not (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "range"
        and not node.kwargs
        and node.dyn_args is None
        and node.dyn_kwargs is None
        and all(isinstance(a, nodes.Const) and type(a.value) is int for a in node.args)
    ):
        return None
    try:
        return len(range(*(a.value for a in node.args if isinstance(a, nodes.Const))))
    except (TypeError, ValueError):
        return None


def check_loops(tree: nodes.Template) -> list[tuple[int, str]]:
    """Every ``for`` loop whose iterable is not bounded by the data: ``[(lineno, why)]``."""
    problems: list[tuple[int, str]] = []
    for loop in tree.find_all(nodes.For):
        it: nodes.Node = loop.iter
        if isinstance(it, nodes.Filter) and it.name == COUNT_FILTER and it.node is not None:
            it = it.node  # the budget's counting, added to every loop
        if _is_data_path(it) or isinstance(it, (nodes.List, nodes.Tuple, nodes.Const)):
            continue
        size = _literal_range_size(it)
        if size is not None:
            if size > MAX_LITERAL_RANGE:
                problems.append(
                    (loop.lineno, f"range med {size} trin; højst {MAX_LITERAL_RANGE} er tilladt")
                )
            continue
        problems.append(
            (
                loop.lineno,
                "en løkke skal gå over formularens data (fx 'for a in aftaler') "
                f"eller en range med faste grænser (højst {MAX_LITERAL_RANGE})",
            )
        )
    return problems


def bounded_binop(operator: str, left: Any, right: Any, table: dict[str, Any], limit: int) -> Any:
    """Apply ``*``, ``**`` or ``+`` unless the result would be longer than ``limit`` (the
    render budget's value length) or a number over :data:`MAX_INT_BITS` bits."""
    if (
        operator == "**"
        and isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and abs(left) > 1
        and abs(left).bit_length() * right > MAX_INT_BITS
    ):
        raise SecurityError(f"tallet bliver for stort (over {MAX_INT_BITS} bit)")
    sized = (str, list, tuple)
    if operator == "*":
        # Measured in full (a list of lists with every item), so repeating nested lists cannot
        # build a structure whose printing is far larger than it looks.
        for seq, n in ((left, right), (right, left)):
            if (
                isinstance(seq, sized)
                and type(n) is int
                and n > 0
                and weight(seq, limit) * n > limit
            ):
                raise BudgetExceeded("value_length", limit)
    if (
        operator == "+"
        and isinstance(left, sized)
        and isinstance(right, type(left))
        and weight(left, limit) + weight(right, limit) > limit
    ):
        raise BudgetExceeded("value_length", limit)
    return table[operator](left, right)


__all__ += ["PackageError"]
