"""This tree's render speed against an earlier revision's, measured in one run.

    python benchmarks/bench_against.py REV            # e.g. the commit before a change
    python benchmarks/bench_against.py REV --rounds 9 --docs 20
    python benchmarks/bench_against.py REV --head REV2   # two revisions, neither this tree

REV is checked out into a temporary git worktree. Each round renders every shipped form's
example ``--docs`` times (prepared templates warm, so this is the per-document cost) once with
this tree's code and once with REV's, each in a fresh process, alternating which goes first;
the medians over the rounds and their ratio are printed. The time is the process's CPU time
(not wall time), so other work on a shared machine disturbs it less; still, compare the
ratio, and run it twice if it is close to a goal.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, sys, time
from samarbejdsdok.engine import render_template
from samarbejdsdok.forms import all_forms
from samarbejdsdok.rendering import default_template_bytes, render_context

docs = int(sys.argv[1])
jobs = []
for spec in all_forms():
    if spec.template_package is not None:
        continue
    model = spec.example_model()
    jobs.append((default_template_bytes(spec.template), render_context(model, spec), spec.title))
for data, context, title in jobs:  # warm: prepare every template once
    render_template(data, context, title=title)
start = time.process_time()
for _ in range(docs):
    for data, context, title in jobs:
        render_template(data, context, title=title)
elapsed = time.process_time() - start
print(json.dumps({"ms_per_doc": 1000 * elapsed / (docs * len(jobs)), "forms": len(jobs)}))
"""


def run(src: Path, docs: int, cache: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src), "SAMARBEJDSDOK_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(docs)],
        env=env,
        cwd=src.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to compare against")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--docs", type=int, default=10, help="renders of each form per round")
    parser.add_argument("--head", help="measure this revision instead of the working tree")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-against-") as tmp:
        base = Path(tmp) / "base"
        head = Path(tmp) / "head"
        added = [(base, args.rev)] + ([(head, args.head)] if args.head else [])
        for folder, rev in added:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), rev],
                check=True,
                capture_output=True,
            )
        this = args.head or "this tree"
        try:
            trees = {this: (head if args.head else ROOT) / "src", args.rev: base / "src"}
            times: dict[str, list[float]] = {name: [] for name in trees}
            caches = {name: tempfile.mkdtemp(dir=tmp) for name in trees}
            forms = 0
            for r in range(args.rounds):
                order = list(trees) if r % 2 == 0 else list(reversed(trees))
                for name in order:
                    result = run(trees[name], args.docs, caches[name])
                    times[name].append(result["ms_per_doc"])
                    forms = int(result["forms"])
        finally:
            for folder, _ in added:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                    check=False,
                    capture_output=True,
                )
    print(f"{forms} forms x {args.docs} renders per round, {args.rounds} rounds (median ms/doc)")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        spread = f"{min(times[name]):.2f}-{max(times[name]):.2f}"
        print(f"  {name:<12} {value:7.3f} ms/doc   (rounds {spread})")
    ratio = medians[this] / medians[args.rev]
    print(f"  {this} / {args.rev}: {ratio:.3f} ({100 * (ratio - 1):+.1f} %) of the medians")
    # Each round ran both back to back: the median of the rounds' own ratios cancels the
    # machine's drift between rounds.
    paired = statistics.median(a / b for a, b in zip(times[this], times[args.rev], strict=True))
    print(f"  {this} / {args.rev}: {paired:.3f} ({100 * (paired - 1):+.1f} %) paired by round")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
