"""PDF benchmark: ``samarbejdsdok merge --pdf`` against LibreOffice's own conversion.

    python benchmarks/bench_pdf.py               # 200 family plans
    python benchmarks/bench_pdf.py --rows 60     # a quicker run

In one run, on the same family plans (``familieplan``'s example with varied names,
written as a ``;``-separated Windows-1252 CSV):

1. LibreOffice's own conversion: the documents are written first (``merge`` without
   ``--pdf``), then one ``soffice --convert-to`` start with a fresh profile converts all of
   them in one call, with the package's export options (PDF/A-2b, tagged). This is the naive
   approach and the yardstick: per document, what LibreOffice itself needs.
2. ``merge --pdf --jobs 1`` and ``--jobs 2`` (each the real command line in a fresh process:
   reading, rendering, writing every document and its PDF atomically, the report), with one
   LibreOffice per worker for the whole run (over UNO, when a Python with ``uno`` is found).
3. The same with a LibreOffice start per batch of 50 (``--convert-to``; what the merge does
   without ``uno``: ``SAMARBEJDSDOK_UNO_PYTHON=`` forces it), for comparison.

The last lines give ``--jobs 1``'s time per document against LibreOffice's own (the goal:
within 1.2x) and ``--jobs 2``'s throughput against ``--jobs 1``'s (the goal: at least 1.7x on
two idle cores; a shared machine's other work lowers it). The CPU seconds of the LibreOffice
processes (``RUSAGE_CHILDREN`` of the run) show what two cores could give at best.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORM = "familieplan"
FIRST = ["Mette", "Søren", "Åse", "Jens", "Fatima", "Ole", "Ida", "Mikkel", "Yasmin", "Karen"]
LAST = ["Hansen", "Ørsted", "Kragh", "Nielsen", "Østergaard", "Jensen", "Ali", "Bæk", "Holm"]


def records(n: int, seed: int = 4) -> list[dict[str, object]]:
    """n flat rows (dotted headers) from the form's example, with varied values."""
    from samarbejdsdok.forms import get_form
    from samarbejdsdok.mailmerge import flatten

    rnd = random.Random(seed)
    base = dict(flatten(get_form(FORM).example()))
    rows = []
    for _ in range(n):
        row = dict(base)
        for key in base:
            if key.endswith(".navn") and isinstance(base[key], str) and " " in base[key]:
                row[key] = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        rows.append(row)
    return rows


def write_source(rows: list[dict[str, object]], path: Path) -> Path:
    headers = list(rows[0])
    with path.open("w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if r[h] is None else r[h] for h in headers])
    return path


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock and children's CPU seconds of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def merge(source: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "samarbejdsdok",
        "merge",
        FORM,
        str(source),
        "--out-dir",
        str(out),
        *extra,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the output folders")
    args = parser.parse_args()

    from samarbejdsdok.pdf import convert_filter, find_uno_python, require_soffice

    exe = require_soffice()
    uno = find_uno_python(exe)
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    n = args.rows
    try:
        source = write_source(records(n), folder / "data.csv")
        print(f"{n} family plans ({FORM}'s example, varied), {exe}, uno: {uno or 'none'}")
        print(f"{'':<40}{'seconds':>8}  {'s/doc':>6}  {'docs/s':>6}  {'CPU s':>6}")

        def line(label: str, seconds: float, cpu: float) -> None:
            print(
                f"{label:<40}{seconds:>8.1f}  {seconds / n:>6.3f}  {n / seconds:>6.2f}  {cpu:>6.1f}"
            )

        docs = folder / "docx"
        seconds, cpu = timed(merge(source, docs))
        line("documents only (merge, no --pdf)", seconds, cpu)
        files = sorted(docs.glob("*.docx"))
        assert len(files) == n, len(files)
        pdfs = folder / "pdf-lo"
        own, cpu = timed(
            [
                exe,
                f"-env:UserInstallation={(folder / 'profil').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                convert_filter(),
                "--outdir",
                str(pdfs),
                *map(str, files),
            ]
        )
        assert len(list(pdfs.glob("*.pdf"))) == n
        line("LibreOffice's own (1 soffice call)", own, cpu)
        times: dict[tuple[str, int], float] = {}
        reports: dict[tuple[str, int], bytes] = {}
        modes = [("resident", {})] if uno else []
        modes.append(("batch", {"SAMARBEJDSDOK_UNO_PYTHON": ""}))
        for mode, env in modes:
            for jobs in (1, 2):
                out = folder / f"ud-{mode}-{jobs}"
                seconds, cpu = timed(merge(source, out, "--pdf", "--jobs", str(jobs)), env)
                made = len(list(out.glob("*.pdf")))
                assert made == n, (mode, jobs, made)
                label = "1 LibreOffice a worker" if mode == "resident" else "a start per batch"
                line(f"--pdf --jobs {jobs}, {label}", seconds, cpu)
                times[mode, jobs] = seconds
                reports[mode, jobs] = (out / "rapport.csv").read_bytes()
        assert len(set(reports.values())) == 1, "the reports differ"
        mode = modes[0][0]
        print(
            f"--jobs 1 per document ({mode}): {times[mode, 1] / own:.2f}x LibreOffice's own "
            "(goal: at most 1.2x)"
        )
        print(
            f"--jobs 2 throughput ({mode}): {times[mode, 1] / times[mode, 2]:.2f}x --jobs 1 "
            "(goal: at least 1.7x; same report)"
        )
        if uno:
            print(
                f"one LibreOffice a worker against a start per batch: --jobs 1 "
                f"{times['batch', 1] / times['resident', 1]:.2f}x, --jobs 2 "
                f"{times['batch', 2] / times['resident', 2]:.2f}x as fast"
            )
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
