"""What the render budget costs: every shipped form rendered with the real engine and with the
same engine without the budget's hooks, in one process, alternating.

    python benchmarks/bench_budget.py              # 40 rounds
    python benchmarks/bench_budget.py --rounds 80

"Without the budget" is the same sandboxed environment, filters and finalize (a short value
prints without touching the budget either way; a longer one is charged only inside a budget),
but templates parsed without the rewriting (loops neither counted nor weighed, filters not
guarded, ``~`` not measured), calls not counted, and parts rendered by Jinja's own
``Template.render``. Both render the same prepared packages to complete .docx files, so the
figure is the budget's share of a whole document. Each round renders every form both ways,
back to back (A B B A, then B A A B); the figure compares the sums of each form's medians.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from samarbejdsdok.engine import environment
from samarbejdsdok.engine.budget import enter, leave
from samarbejdsdok.engine.prepared import PreparedTemplate
from samarbejdsdok.forms import all_forms
from samarbejdsdok.rendering import default_template_bytes, render_context

_env_module = importlib.import_module("samarbejdsdok.engine.environment")
_prepared_module = importlib.import_module("samarbejdsdok.engine.prepared")


def without_budget() -> jinja2.Environment:
    """The engine's environment minus the budget's hooks (see the module docstring)."""
    full = environment()
    cls = type(
        "WithoutBudget",
        (_env_module._Environment,),
        {
            "_parse": ImmutableSandboxedEnvironment._parse,
            "call": ImmutableSandboxedEnvironment.call,
            "template_class": jinja2.Template,
        },
    )
    env = cls(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_env_module.finalize,
        keep_trailing_newline=True,
    )
    # The plain names hold the filters as they are (the guarded forms have names of their own,
    # which only the rewriting uses); unwrapping them would also drop their caches.
    env.filters = dict(full.filters)
    env.globals = dict(full.globals)
    return env


def prepared_with(env: jinja2.Environment, data: bytes, name: str) -> PreparedTemplate:
    """``data`` prepared (compiled) with ``env`` instead of the engine's own environment."""
    original = _prepared_module.environment
    _prepared_module.environment = lambda: env
    try:
        return PreparedTemplate._build(data, name)
    finally:
        _prepared_module.environment = original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--forms", action="store_true", help="print each form's figure too")
    args = parser.parse_args(argv)
    plain = without_budget()
    jobs = []
    for spec in all_forms():
        if spec.template_package is not None:
            continue
        data = default_template_bytes(spec.template)
        context = render_context(spec.example_model(), spec)
        with_budget = PreparedTemplate._build(data, spec.template)
        jobs.append((with_budget, prepared_with(plain, data, spec.template), context, spec.title))
    for budgeted, naive, context, title in jobs:  # warm, and the same bytes both ways
        assert budgeted.render(context, title=title) == naive.render(context, title=title)
    # Each document is rendered both ways back to back, A B B A in one round and B A A B in
    # the next (which cancels a drift of the machine within the four, and gives each way the
    # first, cold render as often); each form's median over the rounds is taken both ways, and
    # the figure is the sum of the medians (a whole set of documents) one way against the
    # other. Medians drop the renders a shared machine interrupted.
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in jobs]
    clock = time.perf_counter

    def budgeted(job: tuple[PreparedTemplate, PreparedTemplate, Any, str]) -> float:
        start = clock()
        token = enter()  # as render_template does: one budget for each document
        job[0].render(job[2], title=job[3])
        leave(token)
        return clock() - start

    def naive(job: tuple[PreparedTemplate, PreparedTemplate, Any, str]) -> float:
        start = clock()
        job[1].render(job[2], title=job[3])
        return clock() - start

    for r in range(args.rounds):
        first, second = (budgeted, naive) if r % 2 == 0 else (naive, budgeted)
        for job, (with_times, without_times) in zip(jobs, times, strict=True):
            spent = [first(job), second(job), second(job), first(job)]
            a, b = (spent[0] + spent[3]) / 2, (spent[1] + spent[2]) / 2
            with_times.append(a if first is budgeted else b)
            without_times.append(b if first is budgeted else a)
    with_total = sum(statistics.median(w) for w, _ in times)
    without_total = sum(statistics.median(n) for _, n in times)
    print(f"{len(jobs)} forms, {args.rounds} rounds (median wall ms per document, A B B A)")
    print(f"  with the budget  {1000 * with_total / len(jobs):6.3f} ms/doc")
    print(f"  without          {1000 * without_total / len(jobs):6.3f} ms/doc")
    print(f"  the budget costs {100 * (with_total / without_total - 1):+.1f} % of a document")
    if args.forms:
        for job, (w, n) in zip(jobs, times, strict=True):
            a, b = statistics.median(w), statistics.median(n)
            print(f"    {1000 * (a - b):+.3f} ms {100 * (a / b - 1):+5.1f} %  {job[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
