"""Layer 3: the render budget, enforced while rendering, in every templated part.

A municipality's edited template is untrusted. The sandbox keeps it from reaching Python; the
budget keeps it from exhausting the machine. It is enforced by construction, at the few places
every value and every step of a render passes through, not by a list of dangerous names:

* every ``for`` loop's items are counted (the template's tree is rewritten when it is parsed,
  so no loop escapes), and so is every call (macros, methods, recursive ``loop(...)``), against
  :attr:`RenderLimits.steps`; calls nest at most :attr:`RenderLimits.depth` deep;
* every value a filter, a call, an operator or ``~`` produces is measured against
  :attr:`RenderLimits.value_length`, and the arguments that size a result (a width, a count, a
  format string's width) are checked *before* the call, so nothing large is built first;
* the text each part produces is charged where it is made, before it is yielded: every
  printed value (in ``finalize``), every call's text result, every ``{% filter %}`` block,
  and for each loop item the template text of the loop's body (its weight, known when the
  template is parsed); only text outside every loop, bounded by the template's own size, is
  not charged. Against :attr:`RenderLimits.part_chars` and
  :attr:`RenderLimits.document_chars`;
* the wall time of one document is checked at every step (:attr:`RenderLimits.seconds`).

Each limit has a safe default and a ceiling no setting can pass (:data:`CEILINGS`). A breach
raises :class:`BudgetExceeded`, which names the limit in Danish.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import heapq
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from itertools import chain, islice
from types import GeneratorType
from typing import Any

from jinja2.exceptions import SecurityError

from ..errors import ArgumentError

__all__ = [
    "RenderLimits",
    "DEFAULT_LIMITS",
    "CEILINGS",
    "BudgetExceeded",
    "Budget",
    "current",
    "now",
    "enter",
    "leave",
    "counted",
    "charge",
    "charged",
    "measured",
    "check_arguments",
    "check_format_string",
    "materialized",
    "result",
    "weighed",
    "WEIGH_FILTER",
    "RESULT_FILTER",
    "weight",
]


#: The filters the environment wraps around every loop's items and every ``~``; a template
#: cannot name them (they are not identifiers).
COUNT_FILTER = "samarbejdsdok budget:count"
MEASURE_FILTER = "samarbejdsdok budget:measure"
CHARGE_FILTER = "samarbejdsdok budget:charge"
WEIGH_FILTER = "samarbejdsdok budget:weigh"
RESULT_FILTER = "samarbejdsdok budget:result"


@dataclass(frozen=True)
class RenderLimits:
    """What rendering one document may cost. Every field has a default and a ceiling
    (:data:`CEILINGS`); a value over its ceiling, or below 1, is refused when made."""

    #: Loop iterations plus calls (macros, methods, ``loop(...)``) in one document.
    steps: int = 100_000
    #: How deeply calls may nest (macro recursion, recursive loops).
    depth: int = 40
    #: Characters (or items) of any one value a filter, call, operator or ``~`` produces.
    value_length: int = 1_000_000
    #: Characters of XML one templated part may produce.
    part_chars: int = 10_000_000
    #: Characters of XML all templated parts of one document may produce together.
    document_chars: int = 20_000_000
    #: Wall time of one document, in seconds.
    seconds: float = 10.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            ceiling = CEILINGS[f.name]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ArgumentError(
                    f"grænsen {f.name} skal være et tal, ikke {type(value).__name__}"
                )
            floor = FLOORS.get(f.name, 0)
            high_enough = value >= floor if floor else value > 0
            if not high_enough or value > ceiling:
                low = f"mindst {floor}" if floor else "over 0"
                raise ArgumentError(f"grænsen {f.name} skal være {low} og højst {ceiling}")


#: The highest value each limit may be set to.
CEILINGS: dict[str, float] = {
    "steps": 50_000_000,
    "depth": 200,
    "value_length": 50_000_000,
    "part_chars": 500_000_000,
    "document_chars": 1_000_000_000,
    "seconds": 600.0,
}

#: The lowest value some limits may be set to (the others: above 0). A value shorter than
#: the floor of ``value_length`` is never measured further, which keeps the common case fast.
FLOORS: dict[str, float] = {"value_length": 1_000}

DEFAULT_LIMITS = RenderLimits()

#: Danish names of the limits, for messages.
_NAMES = {
    "steps": "antal trin (løkkegennemløb og kald)",
    "depth": "dybden af kald i hinanden",
    "value_length": "længden af én værdi",
    "part_chars": "størrelsen af én del af dokumentet",
    "document_chars": "størrelsen af dokumentet",
    "seconds": "tiden for ét dokument",
}


class BudgetExceeded(SecurityError):
    """The render broke a limit; ``limit`` is the :class:`RenderLimits` field's name."""

    def __init__(self, limit: str, value: float) -> None:
        self.limit = limit
        self.value = value
        shown = f"{value:g} sekunder" if limit == "seconds" else f"{int(value):,}".replace(",", ".")
        #: Danish, to follow "Skabelonen X ".
        self.reason = f"overskrider grænsen for {_NAMES[limit]} ({shown}; grænsen {limit})"
        super().__init__(self.reason)


class Budget:
    """What one document has used so far of its :class:`RenderLimits`."""

    __slots__ = ("limits", "steps", "depth", "part", "document", "deadline", "weights")

    def __init__(self, limits: RenderLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.steps = 0
        self.depth = 0
        self.part = 0  # text charged to the part being rendered
        self.document = 0
        self.deadline = time.monotonic() + limits.seconds
        #: Collections already measured in this document (see :func:`weigh`): by identity,
        #: with the collection kept so its identity is not reused.
        self.weights: dict[int, tuple[Any, int]] | None = None

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.steps:
            raise BudgetExceeded("steps", self.limits.steps)
        if not self.steps & 0x3F and time.monotonic() > self.deadline:
            raise BudgetExceeded("seconds", self.limits.seconds)

    def room(self, chars: int) -> None:
        """Refuse now if ``chars`` more characters would not fit (before they are built)."""
        if self.part + chars > self.limits.part_chars:
            raise BudgetExceeded("part_chars", self.limits.part_chars)
        if self.document + chars > self.limits.document_chars:
            raise BudgetExceeded("document_chars", self.limits.document_chars)

    def charge(self, chars: int) -> None:
        """``chars`` characters of output made for the current part."""
        self.part += chars
        self.document += chars
        if self.part > self.limits.part_chars:
            raise BudgetExceeded("part_chars", self.limits.part_chars)
        if self.document > self.limits.document_chars:
            raise BudgetExceeded("document_chars", self.limits.document_chars)


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "samarbejdsdok_budget", default=None
)


#: The running budget, or None outside a render (the context variable's own getter: fast).
now = _current.get


def current() -> Budget:
    """The budget of the document being rendered (outside a render, a fresh default one)."""
    return _current.get() or Budget()


def enter(limits: RenderLimits | None = None) -> contextvars.Token[Budget | None]:
    """Start a document's budget; give the token to :func:`leave` when it is done."""
    return _current.set(Budget(limits or DEFAULT_LIMITS))


def leave(token: contextvars.Token[Budget | None]) -> None:
    _current.reset(token)


def counted(iterable: Iterable[Any], weight: int = 0) -> Iterable[Any]:
    """The items of a loop, each one a step of the budget and ``weight`` characters of output
    (the template text of the loop's body); wraps every ``for`` loop. A list, a range or
    another sized collection is charged for all its items at once and loops as it is; other
    iterables are charged item by item."""
    budget = _current.get() or Budget()
    if isinstance(iterable, (list, tuple, range, dict, str)):
        n = len(iterable)
        before = budget.steps
        budget.steps = steps = before + n
        limits = budget.limits
        if steps > limits.steps:
            raise BudgetExceeded("steps", limits.steps)
        if steps >> 6 != before >> 6 and time.monotonic() > budget.deadline:
            raise BudgetExceeded("seconds", limits.seconds)  # the clock every 64 steps
        if weight:
            chars = weight * n
            budget.part += chars
            budget.document += chars
            if budget.part > limits.part_chars or budget.document > limits.document_chars:
                budget.charge(0)  # names the limit passed
        return iterable
    return _counted_items(budget, iterable, weight)


def _counted_items(budget: Budget, iterable: Iterable[Any], weight: int) -> Iterator[Any]:
    limit = budget.limits.steps
    for item in iterable:
        budget.steps += 1
        if budget.steps > limit or not budget.steps & 0x3F:
            budget.steps -= 1
            budget.step()  # the full check: the limit, and the clock every 64 steps
        if weight:
            budget.charge(weight)
        yield item


def charge(text: Any) -> None:
    """Charge printed or returned text to the part and the document being rendered (nothing
    outside a render, e.g. while a template is compiled)."""
    spent = _current.get()
    if spent is not None and isinstance(text, str):
        spent.charge(len(text))


def result(value: Any) -> Any:
    """``value``, a filter's or a call's result, unless it is longer than a value may be
    (:func:`measured`). An iterator (a generator: ``map``, ``select``, ``batch``) is worked
    through at once into a list, each item a step of the budget, so a long one is bounded like
    a loop and the next filter sees what it holds."""
    if type(value) is str:
        return measured(value) if len(value) >= _SHORT else value
    if isinstance(value, _CONTAINERS):
        return weighed(value)  # a collection holding copies of a long value: ``batch``
    if isinstance(value, _SIZED):
        return measured(value)
    if type(value) in SCALARS or not isinstance(value, Iterator):
        return value
    spent = _current.get() or Budget()
    limit = spent.limits.steps
    items = list(islice(value, max(limit - spent.steps, 0) + 1))
    spent.steps += len(items)
    if spent.steps > limit:
        raise BudgetExceeded("steps", limit)
    if len(items) > 0x3F and time.monotonic() > spent.deadline:
        raise BudgetExceeded("seconds", spent.limits.seconds)
    return weighed(items)


def charged(text: Any) -> Any:
    """``text``, charged as output (wraps every ``{% filter %}`` block's result)."""
    charge(text)
    return text


_SIZED = (str, list, tuple, dict, set, frozenset, bytes, range)
_SHORT = 1_000  # FLOORS["value_length"]: shorter values are within any limit

#: How much larger than a value may be the product of a callable's two largest operands (see
#: :func:`check_arguments`).
PRODUCT_FACTOR = 16


_CONTAINERS = (list, tuple, dict, set, frozenset)


def weight(value: Any, cap: int) -> int:
    """How much output ``value`` can stand for: the characters of its texts and one for each
    item, at every level (a list of lists is counted in full, an item shared by several lists
    each time it occurs), as a filter that writes every item (``tojson``, ``join``) would.
    Counting stops once it passes ``cap``. Inside a render, each collection's weight is
    remembered for the document (the same data is handed to many filters, and nothing in a
    template can change it: the sandbox is immutable)."""
    if isinstance(value, (str, bytes, range)):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return 0
    return _weigh(_current.get(), value, cap, 0)


#: A collection longer than this, or holding another, is remembered for the document (a
#: short flat one is counted again faster than it is looked up).
_REMEMBERED = 32


def _weigh(spent: Budget | None, value: Any, cap: int, depth: int) -> int:
    if spent is None or depth > 16:
        return _weight_of(value, cap)
    known = spent.weights
    if known is None:
        known = spent.weights = {}
    hit = known.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    total = len(value)
    nested = False
    for item in chain(value.keys(), value.values()) if isinstance(value, dict) else value:
        kind = type(item)
        if kind is str:
            total += len(item)
        elif kind is dict or kind is list or isinstance(item, _CONTAINERS):
            nested = True
            hit = known.get(id(item))
            if hit is not None and hit[0] is item:
                total += hit[1]
            else:
                total += _weigh(spent, item, cap - total, depth + 1)
        elif isinstance(item, (str, bytes, range)):
            total += len(item)
        if total > cap:
            return total  # not remembered: counting stopped
    if nested or len(value) > _REMEMBERED:
        known[id(value)] = (value, total)
    return total


def _weight_of(value: Any, cap: int) -> int:
    """:func:`weight` without remembering, and without recursion (any depth)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (str, bytes, range)):
            total += len(item)
        elif isinstance(item, _CONTAINERS):
            total += len(item)
            if total > cap:
                return total
            if isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            else:
                stack.extend(item)
        if total > cap:
            return total
    return total


def weighed(value: Any) -> Any:
    """``value`` (a list, tuple or dictionary a template writes, ``[a, b]``), unless what it
    holds, counted in full, is more than a value may be (wraps every such literal)."""
    spent = _current.get()
    limit = (spent.limits if spent is not None else DEFAULT_LIMITS).value_length
    if _weigh(spent, value, limit, 0) > limit:
        raise BudgetExceeded("value_length", limit)
    return value


def measured(value: Any) -> Any:
    """``value``, unless it is longer than a value may be (wraps every ``~`` and result)."""
    if isinstance(value, _SIZED) and len(value) >= _SHORT:
        spent = _current.get()
        limit = (spent.limits if spent is not None else DEFAULT_LIMITS).value_length
        if len(value) > limit:
            raise BudgetExceeded("value_length", limit)
    return value


# A width or precision in a %-format (``%010d``, ``%.5s``) or a {}-format spec (``{:>10}``).
_PERCENT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*?:([^{}]*)\}")
_DIGITS = re.compile(r"\d+")


def check_format_string(text: str, limit: int) -> None:
    """Refuse a format string whose width or precision would build a value over ``limit``."""
    if "%" in text:
        for m in _PERCENT_WIDTH.finditer(text):
            for group in m.groups():
                if group and int(group) > limit:
                    raise BudgetExceeded("value_length", limit)
    if "{" in text:
        for m in _BRACE_SPEC.finditer(text):
            for digits in _DIGITS.findall(m.group(1)):
                if int(digits) > limit:
                    raise BudgetExceeded("value_length", limit)


#: Jinja filters whose whole-number arguments add to the size of the result (a width, a count,
#: a length to cut at, a precision) instead of multiplying it. Every other filter and method is
#: held to the stricter rule that a number multiplies (see :func:`check_arguments`), so a
#: filter this list does not know (a plug-in's, a newer Jinja's) is never let through.
ADDITIVE_FILTERS = frozenset(
    {
        "center",
        "default",
        "d",
        "filesizeformat",
        "float",
        "int",
        "round",
        "sum",
        "truncate",
        "urlize",
        "wordwrap",
    }
)
#: The same for methods of a text (``'x'.center(10)``).
ADDITIVE_METHODS = frozenset(
    {
        "center",
        "ljust",
        "rjust",
        "zfill",
        "split",
        "rsplit",
        "replace",
        "startswith",
        "endswith",
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "strip",
        "lstrip",
        "rstrip",
    }
)


#: Types whose values size nothing (a date, a number to print, a yes/no).
SCALARS = frozenset({float, bool, type(None), Decimal, dt.date, dt.datetime, dt.time, dt.timedelta})


def materialized(value: Any) -> Any:
    """``value``, or, when it is an iterator (a filter's generator), its items as a list, at
    most one more than a value may hold (so they can be measured)."""
    if type(value) is GeneratorType or (
        not isinstance(value, _SIZED) and isinstance(value, Iterator)
    ):
        limit = current().limits.value_length
        items = list(islice(value, limit + 1))
        if len(items) > limit:
            raise BudgetExceeded("value_length", limit)
        return items
    return value


def check_arguments(
    args: Iterable[Any],
    *,
    value: bool = False,
    formats: bool = False,
    numbers_add: bool = False,
    bound: Any = None,
) -> None:
    """Refuse arguments that would size a result over the limit before it is built.

    The operands are the arguments, the filtered value (``value``: the first argument is it)
    and the text a method belongs to (``bound``). Each text or collection is measured in full
    (:func:`weight`) and may be at most :attr:`RenderLimits.value_length`; a whole number may
    be at most that too, except the filtered value itself and a format's arguments
    (``formats``: the first argument is a format string, whose widths are checked instead).
    Then the product of the two largest operands may be at most :data:`PRODUCT_FACTOR` times
    the limit: one repeated for each item or line of the other (``join``, ``indent``,
    ``tojson(indent=…)``, ``expandtabs``) cannot build more. Numbers take part in the product
    unless the callable only adds them (``numbers_add``: :data:`ADDITIVE_FILTERS`,
    :data:`ADDITIVE_METHODS`)."""
    spent = _current.get()
    limit = (spent.limits if spent is not None else DEFAULT_LIMITS).value_length
    sizes: list[int] = []
    collections: list[Any] = []
    for i, arg in enumerate((*args, bound) if bound is not None else args):
        kind = type(arg)
        if kind is int:
            if (value and i == 0) or formats:
                continue  # a number printed, not a size
            if abs(arg) > limit:
                raise BudgetExceeded("value_length", limit)
            if not numbers_add:
                sizes.append(abs(arg))
        elif kind is str:
            if formats and i == 0:
                check_format_string(arg, limit)
            sizes.append(len(arg))
        elif kind not in SCALARS:
            if formats and i == 0 and isinstance(arg, str):
                check_format_string(arg, limit)
            collections.append(arg)
    if collections and (max(sizes, default=0) > PRODUCT_FACTOR or len(collections) > 1):
        # Measured in full only when there is something to multiply them by: a collection a
        # template made is within the value length already (:func:`weighed`, :func:`result`),
        # so one multiplied by at most the factor is within the product.
        sizes += [weight(arg, limit) for arg in collections]
    if any(n > limit for n in sizes):
        raise BudgetExceeded("value_length", limit)
    largest = heapq.nlargest(2, sizes)
    if len(largest) == 2 and largest[1] > 1 and largest[0] * largest[1] > PRODUCT_FACTOR * limit:
        raise BudgetExceeded("value_length", limit)
