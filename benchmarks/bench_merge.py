"""Mail-merge benchmark: documents per second and peak memory for ``samarbejdsdok merge``.

    python benchmarks/bench_merge.py                 # 10,000 rows, --jobs 1 and --jobs 2, ratio
    python benchmarks/bench_merge.py --rows 2000     # smaller
    python benchmarks/bench_merge.py --rows 2000 --format xlsx --jobs 1 2 4

The rows are the consent form's example (``samtykke_generel``) with varied names, dates and
ticks, written as the user would have them: a ``;``-separated Windows-1252 CSV (or a workbook, or
JSON Lines). Each configuration runs the real command line in a fresh process, so the figures
include reading the source, validating, naming, rendering, writing every document atomically
(with fsync) and writing the report.

Peak memory is the peak resident set size (``ru_maxrss``) of the merging process and, separately,
of the largest worker process (``RUSAGE_CHILDREN`` is the maximum over waited-for children, not
the sum). Compare the figures for different ``--rows``: with streaming they stay flat. The CPU
seconds (user and system) of the merging process and of all its workers together show what a
run needs when the machine is shared: with ``--jobs 2`` on two cores the run cannot be faster
than its busiest process, nor than the total CPU time divided by two; the last line gives the
speed-up those two limits allow (what an otherwise idle machine would show, at best).

The last line gives each ``--jobs`` run's speed relative to the first one's (by default
``--jobs 2`` against ``--jobs 1``, from the same run of this script and the same source).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORM = "samtykke_generel"
FIRST = [
    "Mette",
    "Søren",
    "Åse",
    "Jens",
    "Ærbødig",
    "Fatima",
    "Ole",
    "Ida",
    "Mikkel",
    "Yasmin",
    "Henrik",
    "Karen",
    "Ahmad",
    "Birgitte",
    "Niels",
    "Sofie",
    "Oliver",
    "Freja",
]
LAST = [
    "Hansen",
    "Ørsted",
    "Kragh",
    "Nielsen",
    "Østergaard",
    "Jensen",
    "Ali",
    "Bæk",
    "Holm",
    "Lund",
    "Aagaard",
    "Madsen",
    "Thomsen",
    "Dahl",
]


def records(n: int, seed: int = 4) -> list[dict[str, object]]:
    """n flat rows (dotted headers) from the form's example, with varied values."""
    import datetime as dt

    from samarbejdsdok.forms import get_form
    from samarbejdsdok.mailmerge import flatten

    rnd = random.Random(seed)
    base = dict(flatten(get_form(FORM).example()))
    rows = []
    for _ in range(n):
        row = dict(base)
        last = rnd.choice(LAST)
        row["samtykkegiver.navn"] = f"{rnd.choice(FIRST)} {last}"
        row["boern.0.navn"] = f"{rnd.choice(FIRST)} {last}"
        row["boern.1.navn"] = f"{rnd.choice(FIRST)} {last}"
        signed = dt.date(2026, 11, 23) + dt.timedelta(days=rnd.randrange(0, 60))
        row["underskriftsdato"] = row["gyldig_fra"] = signed.strftime("%d-%m-%Y")
        row["gyldig_til"] = (signed + dt.timedelta(days=364)).strftime("%d.%m.%Y")
        for k in range(7):
            row[f"interne_parter.{k}.afkrydset"] = "ja" if rnd.random() < 0.5 else "nej"
        row["interne_parter.0.afkrydset"] = "ja"
        rows.append(row)
    return rows


def write_source(rows: list[dict[str, object]], folder: Path, fmt: str) -> Path:
    headers = list(rows[0])
    if fmt == "csv":
        path = folder / "data.csv"
        with path.open("w", encoding="cp1252", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(headers)
            for r in rows:
                w.writerow(["" if r[h] is None else r[h] for h in headers])
    elif fmt == "jsonl":
        path = folder / "data.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        import openpyxl

        path = folder / "data.xlsx"
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(headers)
        for r in rows:
            ws.append([r[h] for h in headers])
        wb.save(path)
    return path


def child(args: argparse.Namespace) -> None:
    """Run one merge in this process; print elapsed time and peak memory as JSON."""
    from samarbejdsdok.cli import main

    start = time.perf_counter()
    code = main(["merge", FORM, args.source, "--out-dir", args.out, "--jobs", str(args.jobs)])
    elapsed = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "code": code,
                "seconds": elapsed,
                "self_kib": own.ru_maxrss,
                "worker_kib": workers.ru_maxrss,
                "self_cpu": own.ru_utime + own.ru_stime,
                "worker_cpu": workers.ru_utime + workers.ru_stime,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--format", choices=["csv", "xlsx", "jsonl"], default="csv")
    parser.add_argument("--keep", action="store_true", help="keep the output folders")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.jobs = args.jobs[0]
        child(args)
        return

    folder = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    t = time.perf_counter()
    source = write_source(records(args.rows), folder, args.format)
    print(
        f"{args.rows} rows from {FORM}'s example as {args.format} "
        f"({source.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s"
    )
    print(
        f"{'jobs':>4}  {'seconds':>8}  {'docs/s':>7}  {'peak RSS main':>13}  "
        f"{'peak RSS worker':>15}  {'CPU s main':>10}  {'CPU s workers':>13}"
    )
    speeds: dict[int, float] = {}
    cpus: dict[int, tuple[float, float]] = {}  # CPU seconds: merging process, workers
    try:
        for jobs in args.jobs:
            out = folder / f"ud-{jobs}"
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--source",
                    str(source),
                    "--out",
                    str(out),
                    "--jobs",
                    str(jobs),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                sys.exit(proc.stderr)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            docs = len(list(out.glob("*.docx")))
            assert r["code"] == 0 and docs == args.rows, (r, docs, proc.stderr[-2000:])
            worker = f"{r['worker_kib'] / 1024:.0f} MiB" if jobs > 1 else "-"
            worker_cpu = f"{r['worker_cpu']:.1f}" if jobs > 1 else "-"
            print(
                f"{jobs:>4}  {r['seconds']:>8.1f}  {docs / r['seconds']:>7.0f}  "
                f"{r['self_kib'] / 1024:>9.0f} MiB  {worker:>15}  "
                f"{r['self_cpu']:>10.1f}  {worker_cpu:>13}"
            )
            speeds[jobs] = docs / r["seconds"]
            cpus[jobs] = (r["self_cpu"], r["worker_cpu"] if jobs > 1 else 0.0)
            if not args.keep:
                shutil.rmtree(out)
        first = args.jobs[0]
        if len(speeds) > 1:
            print(
                "speed-up: "
                + ", ".join(
                    f"--jobs {jobs} {speed / speeds[first]:.2f}x --jobs {first}"
                    for jobs, speed in speeds.items()
                    if jobs != first
                )
            )
            # What the CPU times allow when each process has a core of its own (a shared
            # machine's other work only lowers the measured figure above).
            whole = sum(cpus[first])
            print(
                "CPU-time limit on idle cores: "
                + ", ".join(
                    f"--jobs {jobs} {whole / max(main, (main + workers) / jobs):.2f}x"
                    for jobs, (main, workers) in cpus.items()
                    if jobs != first and jobs > 1
                )
            )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"kept {folder}")


if __name__ == "__main__":
    main()
