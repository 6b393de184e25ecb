"""Layer 7: introspection: which placeholders a template uses, and whether a context of given
types has them.

The template's parts are read exactly as the renderer reads them (:func:`.prepared.read_sources`),
parsed with the renderer's own environment, and walked: every variable reference becomes a
dotted path (``boern[].navn`` for ``barn.navn`` inside ``{% for barn in boern %}``).
:func:`check_path` says whether a path exists in a context whose top-level names have the given
types (Pydantic models, lists, ``dict`` shapes, plain values); the forms' layer passes their
model's fields (:mod:`samarbejdsdok.placeholders`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from pydantic import BaseModel

from .environment import environment
from .package import Package
from .prepared import read_sources

__all__ = [
    "Reference",
    "Walker",
    "template_sources",
    "references",
    "check_path",
    "LIST_ITEM",
    "JINJA_GLOBALS",
]

LIST_ITEM = "[]"

#: Jinja's own global functions; a template may call them (the sandbox and the loop limits
#: keep them harmless).
JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})


@dataclass(frozen=True)
class Reference:
    """One variable reference in a template: its path and the XML part it stands in."""

    path: tuple[str, ...]
    part: str
    lineno: int

    @property
    def dotted(self) -> str:
        return ".".join(self.path).replace(".[]", "[]")


def template_sources(docx: bytes) -> list[tuple[str, str]]:
    """The Jinja source of every templated part that has placeholders, exactly as the renderer
    compiles it: ``[(part name, source)]`` (the one list of templated parts,
    :attr:`.package.Package.templated`)."""
    package = Package.read(docx)
    return [(s.name, s.source) for s in read_sources(package, "<skabelon>") if s.needs_rendering]


def references(docx: bytes) -> list[Reference]:
    """Every variable path referenced in the template."""
    env = environment()
    found: list[Reference] = []
    for part, source in template_sources(docx):
        tree = env.parse(source)
        Walker(part, found).visit(tree, {})
    return found


class Walker:
    def __init__(self, part: str, found: list[Reference]) -> None:
        self.part = part
        self.found = found

    def path_of(self, node: nodes.Node, scope: dict[str, tuple[str, ...] | None]) -> Any:
        """The path of a Name/Getattr/Getitem chain; None if the chain is not a path;
        ``False`` if it starts at a local name with no known path (a ``set`` or tuple target)."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                base = scope[node.name]
                return False if base is None else base
            return (node.name,)
        if isinstance(node, nodes.Getattr):
            base = self.path_of(node.node, scope)
            if base is None or base is False:
                return base
            return (*base, node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.path_of(node.node, scope)
            if base is None or base is False:
                return base
            if isinstance(node.arg, nodes.Const):
                key = node.arg.value
                return (*base, LIST_ITEM if isinstance(key, int) else str(key))
            return (*base, LIST_ITEM)
        return None

    def record(self, node: nodes.Node, scope: dict[str, Any]) -> bool:
        path = self.path_of(node, scope)
        if path is None:
            return False
        if path is not False:
            self.found.append(Reference(tuple(path), self.part, node.lineno))
        # Visit subscript expressions inside the chain (x[y.z]).
        current = node
        while isinstance(current, (nodes.Getattr, nodes.Getitem)):
            if isinstance(current, nodes.Getitem):
                self.visit(current.arg, scope)
            current = current.node
        return True

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            if node_ctx_store(node):
                return
            if self.record(node, scope):
                return
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = dict(scope)
            iter_path = self.path_of(node.iter, scope)
            item = (*iter_path, LIST_ITEM) if iter_path else None
            for target in _names(node.target):
                inner[target] = item if isinstance(node.target, nodes.Name) else None
            inner["loop"] = None
            if node.test is not None:
                self.visit(node.test, inner)
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Assign):
            self.visit(node.node, scope)
            for name in _names(node.target):
                scope[name] = None
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                scope[node.name] = None  # the macro's own name, for the calls after it
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = None
            for implicit in ("caller", "varargs", "kwargs"):
                inner[implicit] = None
            for child in node.iter_child_nodes():
                self.visit(child, inner)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def node_ctx_store(node: nodes.Node) -> bool:
    return getattr(node, "ctx", "load") == "store"


def _names(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    if isinstance(target, nodes.Tuple):
        return [n for item in target.items for n in _names(item)]
    return []


# --- checking paths against the context's types ----------------------------------------


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation


def _member_type(owner: Any, name: str) -> tuple[bool, Any]:
    """(exists, type) of attribute ``name`` on values of type ``owner``."""
    owner = _unwrap(owner)
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        if name in owner.model_fields:
            return True, owner.model_fields[name].annotation
        if name in owner.model_computed_fields:
            return True, owner.model_computed_fields[name].return_type
        return False, None
    if isinstance(owner, dict):  # a fixed dictionary shape (lov, dokument)
        return (name in owner), owner.get(name)
    if owner is Any or owner is None:
        return True, Any
    origin = typing.get_origin(owner) or owner
    if isinstance(origin, type) and origin not in (list, tuple, dict):
        # Attributes of plain values (date.year, str.upper) are allowed by the sandbox.
        return hasattr(origin, name), Any
    return False, None


def _item_type(owner: Any) -> tuple[bool, Any]:
    owner = _unwrap(owner)
    origin = typing.get_origin(owner)
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(owner)
        return True, (args[0] if args else Any)
    if owner is Any:
        return True, Any
    return False, None


def check_path(roots: Mapping[str, Any], path: tuple[str, ...]) -> str | None:
    """``None`` if ``path`` names something a context with top-level types ``roots`` has,
    else what is wrong (Danish)."""
    if path[0] in JINJA_GLOBALS and len(path) == 1:
        return None
    if path[0] not in roots:
        return f"'{path[0]}' er ikke et felt i formularen"
    current: Any = roots[path[0]]
    for i, segment in enumerate(path[1:], start=1):
        if segment == LIST_ITEM:
            ok, current = _item_type(current)
            if not ok:
                return f"'{'.'.join(path[:i])}' er ikke en liste"
            continue
        ok, current = _member_type(current, segment)
        if not ok:
            where = ".".join(path[:i]).replace(".[]", "[]")
            return f"'{where}' har intet felt '{segment}'"
    return None
