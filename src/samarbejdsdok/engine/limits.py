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
  may not build a string or list longer than :data:`MAX_BUILT_LENGTH` or a number larger than
  :data:`MAX_INT_BITS` bits.
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError

from .budget import COUNT_FILTER
from .package import Package, PackageError

__all__ = [
    "MAX_ENTRIES",
    "MAX_UNPACKED",
    "MAX_LITERAL_RANGE",
    "MAX_BUILT_LENGTH",
    "MAX_INT_BITS",
    "TemplateLimitError",
    "check_package",
    "check_loops",
    "bounded_binop",
]

MAX_ENTRIES = 2_000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_LITERAL_RANGE = 1_000
MAX_BUILT_LENGTH = 1_000_000
MAX_INT_BITS = 4_096


class TemplateLimitError(Exception):
    """The template breaks a limit; ``reason`` says which, in Danish."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def check_package(data: bytes) -> Package:
    """Read ``data`` as a package and refuse it if it breaks a limit (see the module docstring).

    Raises:
        PackageError: not a .docx, or a damaged one.
        TemplateLimitError: too many parts, too large, or a document type declaration.
    """
    package = Package.read(data)
    if len(package.order) > MAX_ENTRIES:
        raise TemplateLimitError(f"har {len(package.order)} dele; højst {MAX_ENTRIES} er tilladt")
    unpacked = sum(m.size for m in package.members.values())
    if unpacked > MAX_UNPACKED:
        raise TemplateLimitError(
            f"fylder {unpacked // 2**20} MB udpakket; højst {MAX_UNPACKED // 2**20} MB er "
            "tilladt (en zip-bombe?)"
        )
    for name in package.order:
        if not name.endswith((".xml", ".rels")):
            continue
        content = package.read_part(name)
        if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
            raise TemplateLimitError(
                f"indeholder en DOCTYPE-erklæring i {name}; det er ikke tilladt i et Word-dokument"
            )
    return package


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


def bounded_binop(operator: str, left: Any, right: Any, table: dict[str, Any]) -> Any:
    """Apply ``*``, ``**`` or ``+`` unless the result would be unreasonably large."""
    if (
        operator == "**"
        and isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and abs(left) > 1
        and abs(left).bit_length() * right > MAX_INT_BITS
    ):
        raise SecurityError(f"tallet bliver for stort (over {MAX_INT_BITS} bit)")
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if (
                isinstance(seq, (str, list, tuple))
                and isinstance(n, int)
                and len(seq) * n > MAX_BUILT_LENGTH
            ):
                raise SecurityError(
                    f"resultatet bliver for langt (over {MAX_BUILT_LENGTH} tegn/elementer)"
                )
    if (
        operator == "+"
        and isinstance(left, (str, list, tuple))
        and isinstance(right, type(left))
        and len(left) + len(right) > MAX_BUILT_LENGTH
    ):
        raise SecurityError(f"resultatet bliver for langt (over {MAX_BUILT_LENGTH} tegn)")
    return table[operator](left, right)


__all__ += ["PackageError"]
