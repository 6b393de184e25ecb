"""What the render budget costs: every shipped form rendered with the real engine and with the
same engine without the budget's hooks, in one process, alternating.

    python benchmarks/bench_budget.py              # 40 rounds
    python benchmarks/bench_budget.py --rounds 80

"Without the budget" is the same sandboxed environment, filters and finalize (whose charging
does nothing outside a budget), but templates parsed without the rewriting (loops neither
counted nor weighed, filters not guarded, ``~`` not measured), calls not counted, and parts
rendered by Jinja's own ``Template.render``. Both
render the same prepared packages to complete .docx files, so the figure is the budget's share
of a whole document. Each round renders every form once each way, back to back (which goes
first alternates); the median of the rounds' own ratios is printed, which cancels the drift of
a shared machine between rounds.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time

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
    times: dict[str, list[float]] = {"with the budget": [], "without": []}
    for r in range(args.rounds):
        order = [0, 1] if r % 2 == 0 else [1, 0]
        for which in order:
            start = time.process_time()
            if which == 0:  # as render_template does: one budget for each document
                for job in jobs:
                    token = enter()
                    job[0].render(job[2], title=job[3])
                    leave(token)
            else:
                for job in jobs:
                    job[1].render(job[2], title=job[3])
            key = "with the budget" if which == 0 else "without"
            times[key].append(1000 * (time.process_time() - start) / len(jobs))
    print(f"{len(jobs)} forms, {args.rounds} rounds (median CPU ms per document)")
    for key, values in times.items():
        print(f"  {key:<16} {statistics.median(values):6.3f} ms/doc")
    paired = statistics.median(
        a / b for a, b in zip(times["with the budget"], times["without"], strict=True)
    )
    print(f"  the budget costs {100 * (paired - 1):+.1f} % of a document (paired by round)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
