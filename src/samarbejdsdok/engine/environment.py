"""Layer 5: the one Jinja environment every template is rendered with.

* sandboxed and immutable: a template reaches nothing but the data, and cannot change it
  (``boern.pop()``);
* on the render budget of :mod:`.budget`: every template's tree is rewritten as it is parsed
  so each loop counts its items and each ``~`` measures its result; every filter and call
  checks its arguments first and measures its result; ``*``, ``**``, ``+`` and ``%`` are
  bounded (:func:`.limits.bounded_binop`); a template renders its text piece by piece against
  the part's and the document's size, inside one document budget;
* autoescape on and ``StrictUndefined``: a misspelt placeholder fails and names itself;
* every printed value passes :func:`finalize`: characters XML forbids are removed, a line break
  or tab becomes Word's ``<w:br/>``/``<w:tab/>``, dates, times, numbers, yes/no and ``None``
  print the Danish way (:func:`samarbejdsdok.formatting.display`), a picture is placed, and
  docxtpl's ``RichText``, ``RichTextParagraph`` and ``Listing`` print their markup;
* the Danish filters of :mod:`samarbejdsdok.formatting`, and ``billede`` for pictures.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from ..formatting import FILTERS, display
from . import budget, pictures
from .limits import bounded_binop
from .xmltext import BREAK, TAB, strip_forbidden_xml_chars

__all__ = ["environment", "finalize", "NeedsDocxtpl", "docxtpl_path"]

# What makes a printed string need more than escaping: forbidden characters, \r, \n, \t.
# The complement of [\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff] (cheaper to compile).
_NEEDS_WORK = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")


#: True while the docxtpl path renders: values only docxtpl can place are printed as they are.
docxtpl_path: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "samarbejdsdok_docxtpl_path", default=False
)


class NeedsDocxtpl(Exception):
    """A value needs docxtpl's own machinery (a sub-document); ``feature`` names it."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        super().__init__(feature)


def finalize(value: Any) -> Any:
    """How every printed value becomes text (see :func:`_finalize`), charged to the render
    budget's output as it is made."""
    if type(value) is str and not _NEEDS_WORK.search(value) and "_" not in value:
        spent = budget.now()  # the common case, kept fast: plain text Jinja then escapes
        if spent is not None:
            spent.charge(len(value))
        return value
    text = _finalize(value)
    budget.charge(text)
    return text


def _finalize(value: Any) -> Any:
    """How every printed value becomes text (see the module docstring).

    The result is a plain string (Jinja escapes it) or markup: markup the engine made itself is
    :class:`~.pictures.TrustedMarkup`; any other markup (docxtpl's ``RichText``, ``|safe``) is
    noted, so the part it stands in gets the full XML check.
    """
    if type(value) is str and not _NEEDS_WORK.search(value) and "_" not in value:
        return value  # the common case, kept fast: plain text Jinja then escapes
    if isinstance(value, pictures.Picture) or type(value).__name__ == "InlineImage":
        return pictures.place(value)
    value = display(value)
    if isinstance(value, Markup):
        if isinstance(value, pictures.TrustedMarkup):
            return value
        if "<" not in value and ("\n" in value or "\t" in value):
            # Escaped text (``|e``) or markup that is only text: its line breaks and tabs are
            # asked for like a string's.
            return pictures.TrustedMarkup(str(value).replace("\n", BREAK).replace("\t", TAB))
        pictures.note_markup()
        return value
    html = getattr(value, "__html__", None)
    if html is not None:
        if type(value).__name__ == "Subdoc" and not docxtpl_path.get():
            raise NeedsDocxtpl("underdokumenter (Subdoc)")
        pictures.note_markup()
        return Markup(str(html()))
    value = strip_forbidden_xml_chars(value if isinstance(value, str) else str(value))
    escapes = "{_" in value or "_}" in value
    if escapes or "\n" in value or "\t" in value:
        text = str(escape(value))
        if escapes:
            # A value prints literally: docxtpl's template escapes ({_{ … }_}) are turned into
            # tags after rendering, so their underscore is written as a character reference
            # here, which Word reads as "_" and the turning does not see.
            text = text.replace("{_", "{&#95;").replace("_}", "&#95;}")
        return pictures.TrustedMarkup(text.replace("\n", BREAK).replace("\t", TAB))
    return value


COUNT_FILTER, MEASURE_FILTER = budget.COUNT_FILTER, budget.MEASURE_FILTER


class _CodeGenerator(CodeGenerator):
    """Constants print as values do.

    Jinja computes a constant expression (``{{ '\\n' }}``) when it compiles the template and
    escapes it *before* ``finalize``; :func:`finalize` then saw markup and passed the line break
    through as a raw newline inside ``<w:t>``, which Word shows as a space. At run time a value
    is finalized first and escaped after; constants are now made the same way, so a line break
    or tab a template writes becomes ``<w:br/>``/``<w:tab/>`` like one in a value.
    """

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, info: Any) -> str:
        if isinstance(node, nodes.TemplateData):
            return super()._output_child_to_const(node, frame, info)
        const = finalize(node.as_const(frame.eval_ctx))
        if frame.eval_ctx.autoescape:
            const = escape(const)
        return str(const)


#: The name under which a filter given arguments is called: its guarded form (see
#: :func:`_guarded`); a template cannot write it (it is no identifier).
GUARDED = "samarbejdsdok budget:guarded "


class _Budgeted(NodeTransformer):
    """Every loop counts its items, every ``~`` measures its result, and every filter given
    arguments (a width, a count, another text: what can size its result) is called in its
    guarded form, which checks them first and measures the result (see :mod:`.budget`). A
    filter given only its value runs as it is: its result grows with the value, which is
    bounded already."""

    def __init__(self, filters: Mapping[str, Any]) -> None:
        self.filters = filters

    def visit_Filter(self, node: nodes.Filter) -> nodes.Node:
        self.generic_visit(node)
        sized = node.args or node.kwargs or node.dyn_args or node.dyn_kwargs
        if sized and GUARDED + node.name in self.filters:
            node.name = GUARDED + node.name
        return node

    def visit_For(self, node: nodes.For) -> nodes.Node:
        weight = _text_size(node.body)  # before the rewriting below adds nodes
        self.generic_visit(node)
        node.iter = nodes.Filter(
            node.iter,
            COUNT_FILTER,
            [nodes.Const(weight)],
            [],
            None,
            None,
            lineno=node.lineno,
        )
        return node

    def visit_FilterBlock(self, node: nodes.FilterBlock) -> nodes.Node:
        self.generic_visit(node)
        node.filter = nodes.Filter(
            node.filter, budget.CHARGE_FILTER, [], [], None, None, lineno=node.lineno
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, MEASURE_FILTER, [], [], None, None, lineno=node.lineno)


def _text_size(body: list[nodes.Node]) -> int:
    """The template text a loop body writes for each item: every piece of it, except inside
    a nested loop's body (which charges its own items)."""
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.For):
            stack.extend(node.else_)
            stack.append(node.iter)
        else:
            stack.extend(node.iter_child_nodes())
    return total


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks its arguments before and its result after (see :mod:`.budget`);
    Jinja's ``pass_context`` and the like carry over with ``functools.wraps``."""
    formats = name == "format"  # its value is a format string
    skip = int(getattr(function, "jinja_pass_arg", None) is not None)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget.check_arguments(args[skip:], value=True, formats=formats)
        if kwargs:
            budget.check_arguments(kwargs.values())
        return budget.measured(function(*args, **kwargs))

    return guarded


class _Template(jinja2.Template):
    """A template that renders inside a document budget, its part's output counted afresh."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        spent = budget.now()
        token = budget.enter() if spent is None else None
        (spent or budget.current()).part = 0
        try:
            return self.environment.concat(self.root_render_func(ctx))
        except Exception:
            self.environment.handle_exception()
        finally:
            if token is not None:
                budget.leave(token)


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, with a fast path for the context's own data.

    The context is plain dictionaries (``model_dump``), so ``familie.navn`` means the item
    ``navn``. Jinja would first look for an attribute of that name, fail with an exception, and
    only then take the item; here the item is taken directly. Anything else (and a name the
    dictionary does not hold) goes through the sandbox unchanged.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = _Template
    code_generator_class = _CodeGenerator

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        result: nodes.Template = _Budgeted(self.filters).visit(tree)
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        limit = budget.current().limits.value_length
        if operator == "%" and isinstance(left, str):
            budget.check_format_string(left, limit)
        return budget.measured(bounded_binop(operator, left, right, self.binop_table, limit))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spent = budget.current()
        spent.step()
        budget.check_arguments(args)
        if kwargs:
            budget.check_arguments(kwargs.values())
        spent.depth += 1
        try:
            if spent.depth > spent.limits.depth:
                raise budget.BudgetExceeded("depth", spent.limits.depth)
            result = budget.measured(super().call(__context, __obj, *args, **kwargs))
            budget.charge(result)  # a macro's or caller's text, printed or not
            return result
        finally:
            spent.depth -= 1

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            budget.check_format_string(value.__self__, budget.current().limits.value_length)
        return wrapped

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment every template is rendered with."""
    env = _Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["billede"] = pictures.place
    env.filters.update({GUARDED + name: _guarded(name, f) for name, f in env.filters.items()})
    env.filters[COUNT_FILTER] = budget.counted
    env.filters[MEASURE_FILTER] = budget.measured
    env.filters[budget.CHARGE_FILTER] = budget.charged
    # A text generator has no place in a document, and its count sizes nothing it returns.
    del env.globals["lipsum"]
    return env
