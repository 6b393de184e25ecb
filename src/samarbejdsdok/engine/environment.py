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
import jinja2.runtime
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from ..formatting import FILTERS, display
from . import budget, pictures
from .controls import Marker
from .limits import bounded_binop
from .xmltext import BREAK, NO_BREAK_HYPHEN, NO_BREAK_HYPHEN_CHAR, TAB, strip_forbidden_xml_chars

__all__ = ["environment", "finalize", "NeedsDocxtpl", "docxtpl_path"]

# What makes a printed string need more than escaping: forbidden characters, \r, \n, \t.
# The complement of [\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff] (cheaper to compile).
_NEEDS_WORK = re.compile("[\x00-\x1f\u2011\ud800-\udfff\ufffe\uffff]")


#: True while the docxtpl path renders: values only docxtpl can place are printed as they are.
docxtpl_path: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "samarbejdsdok_docxtpl_path", default=False
)


class NeedsDocxtpl(Exception):
    """A value needs docxtpl's own machinery (a sub-document); ``feature`` names it."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        super().__init__(feature)


#: Characters of output every printed value is allowed without being charged: each ``{{ }}``
#: is charged this much ahead, where the template's text is (a loop's body weighs it for each
#: item; a part charges it for the ones outside loops before it renders), so the common short
#: value prints without touching the budget. A longer value is charged in full as it prints.
PRINT_ALLOWANCE = 100


def finalize(value: Any) -> Any:
    """How every printed value becomes text (see :func:`_finalize`), charged to the render
    budget's output as it is made (a short plain one was charged ahead:
    :data:`PRINT_ALLOWANCE`)."""
    if type(value) is str and not _NEEDS_WORK.search(value) and "_" not in value:
        if len(value) > PRINT_ALLOWANCE:
            budget.charge(value)
        return value  # the common case, kept fast: plain text Jinja then escapes
    text = _finalize(value)
    budget.charge(text)
    return text


def _expanded(text: str) -> str:
    """``text`` (escaped) with its line breaks and tabs as Word's; the budget is asked first
    whether the longer result fits (a value of line breaks grows forty times)."""
    breaks, tabs = text.count("\n"), text.count("\t")
    if breaks or tabs:
        spent = budget.now()
        if spent is not None:
            spent.room(len(text) + breaks * (len(BREAK) - 1) + tabs * (len(TAB) - 1))
    text = text.replace("\n", BREAK).replace("\t", TAB)
    if NO_BREAK_HYPHEN_CHAR in text:
        text = text.replace(NO_BREAK_HYPHEN_CHAR, NO_BREAK_HYPHEN)
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
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        # Printed whole (Python's notation): asked first whether it fits.
        spent = budget.now()
        if spent is not None:
            spent.room(budget.weight(value, spent.limits.part_chars))
    value = display(value)
    if isinstance(value, Markup):
        if isinstance(value, pictures.TrustedMarkup):
            return value
        if "<" not in value and ("\n" in value or "\t" in value or NO_BREAK_HYPHEN_CHAR in value):
            # Escaped text (``|e``) or markup that is only text: its line breaks and tabs are
            # asked for like a string's.
            return pictures.TrustedMarkup(_expanded(str(value)))
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
    if escapes or "\n" in value or "\t" in value or NO_BREAK_HYPHEN_CHAR in value:
        text = str(escape(value))
        if escapes:
            # A value prints literally: docxtpl's template escapes ({_{ … }_}) are turned into
            # tags after rendering, so their underscore is written as a character reference
            # here, which Word reads as "_" and the turning does not see.
            text = text.replace("{_", "{&#95;").replace("_}", "&#95;}")
        return pictures.TrustedMarkup(_expanded(text))
    return value


COUNT_FILTER, MEASURE_FILTER = budget.COUNT_FILTER, budget.MEASURE_FILTER
RESULT_FILTER = budget.RESULT_FILTER


#: The name the compiled template's module gives its allowance (see :class:`_Template`).
ALLOWANCE_NAME = "samarbejdsdok_allowance"


class _CodeGenerator(CodeGenerator):
    """Constants print as values do, and the template's module states what the template is
    charged before it renders (its allowance for printed values outside loops).

    Jinja computes a constant expression (``{{ '\\n' }}``) when it compiles the template and
    escapes it *before* ``finalize``; :func:`finalize` then saw markup and passed the line break
    through as a raw newline inside ``<w:t>``, which Word shows as a space. At run time a value
    is finalized first and escaped after; constants are now made the same way, so a line break
    or tab a template writes becomes ``<w:br/>``/``<w:tab/>`` like one in a value.
    """

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        super().visit_Template(node, frame)
        self.writeline(f"{ALLOWANCE_NAME} = {int(getattr(node, ALLOWANCE_NAME, 0))}")

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
        if not sized or GUARDED + node.name not in self.filters:
            return node
        if _small_constants(node):
            # ``|join(', ')``, ``|map('upper')``, ``|truncate(200)``: nothing the template
            # gives can multiply the value past the product (see .budget.check_arguments);
            # only the result is measured.
            return nodes.Filter(node, RESULT_FILTER, [], [], None, None, lineno=node.lineno)
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

    def visit_List(self, node: nodes.List) -> nodes.Node:
        return self._weighed(node)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        return self._weighed(node)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        return self._weighed(node)

    def _weighed(self, node: nodes.List | nodes.Tuple | nodes.Dict) -> nodes.Node:
        """A list, tuple or dictionary the template writes is weighed when it is made, unless
        it is all constants (its size is the template's own) or a target (``for a, b in``)."""
        if getattr(node, "ctx", "load") != "load" or _constant(node):
            return node
        self.generic_visit(node)
        return nodes.Filter(node, budget.WEIGH_FILTER, [], [], None, None, lineno=node.lineno)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(node, MEASURE_FILTER, [], [], None, None, lineno=node.lineno)


def _small_constants(node: nodes.Filter) -> bool:
    """Whether a filter's arguments are all constants too small to size a result past the
    product rule of :func:`.budget.check_arguments`: texts of at most
    :data:`.budget.PRODUCT_FACTOR` characters, numbers at most that (or, for a filter that only
    adds its numbers, at most the least value length), yes/no, nothing. ``format`` is never
    among them: its value is a format string whose widths are checked."""
    if node.dyn_args or node.dyn_kwargs or node.name == "format":
        return False
    adds = node.name in budget.ADDITIVE_FILTERS
    for arg in (*node.args, *(pair.value for pair in node.kwargs)):
        if not isinstance(arg, nodes.Const):
            return False
        value = arg.value
        if isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        if isinstance(value, int):
            if abs(value) > (budget.FLOORS["value_length"] if adds else budget.PRODUCT_FACTOR):
                return False
        elif not isinstance(value, str) or len(value) > budget.PRODUCT_FACTOR:
            return False
    return True


def _constant(node: nodes.Node) -> bool:
    """Whether an expression is made only of constants (``('a', 'b')``, ``[1, 2]``)."""
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return all(_constant(item) for item in node.items)
    if isinstance(node, nodes.Dict):
        return all(_constant(pair.key) and _constant(pair.value) for pair in node.items)
    return False


def _text_size(body: list[nodes.Node]) -> int:
    """The output a loop body is charged for each item: its template text, and
    :data:`PRINT_ALLOWANCE` for each printed value; every piece of it, except inside a nested
    loop's body (which charges its own items). Of a template's body: what it is charged before
    it renders."""
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif isinstance(node, nodes.Output):
            total += PRINT_ALLOWANCE * sum(
                not isinstance(child, nodes.TemplateData) for child in node.nodes
            )
            stack.extend(node.nodes)
        elif isinstance(node, nodes.For):
            stack.extend(node.else_)
            stack.append(node.iter)
        else:
            stack.extend(node.iter_child_nodes())
    return total


#: Values no filter needs to look into before it is called (no iterator among them).
_PLAIN = (str, list, tuple, dict, int)


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that checks its value and arguments before (see
    :func:`.budget.check_arguments`) and its result after: a long value is refused, and a
    generator's items are steps of the budget. Jinja's ``pass_context`` and the like carry over
    with ``functools.wraps``."""
    formats = name == "format"  # its value is a format string
    numbers_add = name in budget.ADDITIVE_FILTERS
    skip = int(getattr(function, "jinja_pass_arg", None) is not None)

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if (
            len(args) > skip
            and not isinstance(args[skip], _PLAIN)
            and type(args[skip]) not in budget.SCALARS
        ):
            args = (*args[:skip], budget.materialized(args[skip]), *args[skip + 1 :])
        budget.check_arguments(
            (*args[skip:], *kwargs.values()) if kwargs else args[skip:],
            value=True,
            formats=formats,
            numbers_add=numbers_add,
        )
        return budget.result(function(*args, **kwargs))

    return guarded


def _passing_markers(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A Danish filter that returns a :class:`~.controls.Marker` (a value to be typed later)
    as a marker of the same key that remembers the filter, when the marker is its value or one
    of its arguments; anything else it formats as always."""

    @functools.wraps(function)
    def passing(*args: Any, **kwargs: Any) -> Any:
        for arg in args:
            if isinstance(arg, Marker):
                return arg.through(name, args[1:])
        return function(*args, **kwargs)

    return passing


class _Template(jinja2.Template):
    """A template that renders inside a document budget, its part's output counted afresh and
    charged first for the values it prints outside loops (:data:`PRINT_ALLOWANCE`)."""

    #: What the template is charged before it renders (see :func:`_text_size`).
    samarbejdsdok_allowance = 0

    @classmethod
    def _from_namespace(
        cls, environment: jinja2.Environment, namespace: Any, globals: Any
    ) -> jinja2.Template:
        template = super()._from_namespace(environment, namespace, globals)
        template.samarbejdsdok_allowance = namespace.get(ALLOWANCE_NAME, 0)  # type: ignore[attr-defined]
        return template

    def render(self, *args: Any, **kwargs: Any) -> str:
        ctx = self.new_context(dict(*args, **kwargs))
        spent = budget.now()
        token = budget.enter() if spent is None else None
        spent = spent or budget.current()
        spent.part = 0
        spent.charge(self.samarbejdsdok_allowance)
        try:
            return self.environment.concat(self.root_render_func(ctx))
        except Exception:
            self.environment.handle_exception()
        finally:
            if token is not None:
                budget.leave(token)


#: Callables that are the template's own code (macros, ``caller``, a recursive loop).
_TEMPLATE_CODE = (jinja2.runtime.Macro, jinja2.runtime.LoopContext)


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
        allowance = _text_size(tree.body)
        result: nodes.Template = _Budgeted(self.filters).visit(tree)
        setattr(result, ALLOWANCE_NAME, allowance)
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        limit = budget.current().limits.value_length
        if operator == "%" and isinstance(left, str):
            budget.check_format_string(left, limit)
        return budget.measured(bounded_binop(operator, left, right, self.binop_table, limit))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spent = budget.current()
        spent.step()
        if not isinstance(__obj, _TEMPLATE_CODE):
            # A macro's, ``caller``'s or a recursive loop's arguments are bounded where the
            # template uses them; anything else's are operands (.budget.check_arguments).
            bound = getattr(__obj, "__self__", None)
            numbers_add = (
                __obj is __self.globals.get("range")
                if bound is None
                else isinstance(bound, str) and __obj.__name__ in budget.ADDITIVE_METHODS
            )
            bound = bound if isinstance(bound, (str, list, tuple, dict)) else None
            budget.check_arguments(
                (*args, *kwargs.values()) if kwargs else args, numbers_add=numbers_add, bound=bound
            )
        spent.depth += 1
        try:
            if spent.depth > spent.limits.depth:
                raise budget.BudgetExceeded("depth", spent.limits.depth)
            result = budget.result(super().call(__context, __obj, *args, **kwargs))
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
    env.filters.update({name: _passing_markers(name, f) for name, f in FILTERS.items()})
    env.filters["billede"] = pictures.place
    env.filters.update({GUARDED + name: _guarded(name, f) for name, f in env.filters.items()})
    env.filters[COUNT_FILTER] = budget.counted
    env.filters[MEASURE_FILTER] = budget.measured
    env.filters[budget.CHARGE_FILTER] = budget.charged
    env.filters[budget.WEIGH_FILTER] = budget.weighed
    env.filters[RESULT_FILTER] = budget.result
    # A text generator has no place in a document, and its count sizes nothing it returns.
    del env.globals["lipsum"]
    return env
