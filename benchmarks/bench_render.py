"""Rendering benchmark: the compile-once engine against plain docxtpl and the zip-only floor.

    python benchmarks/bench_render.py            # the full run (a few minutes)
    python benchmarks/bench_render.py --quick    # fewer rounds and documents

Everything is measured in one run, on the same data, as medians over several rounds:

* ms per document and documents/s for plain docxtpl (a new DocxTemplate per document, our Jinja
  environment), this engine (with the well-formedness check), and the floor: writing a zip of the
  same parts, copying the unchanged parts' compressed bytes and deflating only the rendered XML;
* growth with 10, 100 and 1,000 agreement rows;
* peak memory (peak RSS (VmHWM) of a fresh process) for batches of 1,000 and 10,000 documents;
* batch time with 1 and 2 processes;
* a table-heavy template of a municipality's own (200 rows, vertical merges, cell shading) on
  the fast path against docxtpl;
* cold start of ``samarbejdsdok --help`` and of rendering one document from the CLI.

The document is a family plan of about three pages: 10 agreements, 4 persons with a plan table
each. Timings on a shared machine vary; the ratios from one run are what to compare.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

from samarbejdsdok.engine import environment, prepare, render_template
from samarbejdsdok.engine.package import ZipWriter
from samarbejdsdok.forms import get_form
from samarbejdsdok.rendering import default_template_bytes, render_context

SPEC = get_form("familieplan")


def plan_data(agreements: int = 10, persons: int = 4, rows_per_person: int = 3) -> dict:
    data = SPEC.example()
    base = data["aftaler"][0]
    data["aftaler"] = [
        {**base, "indhold": f"Aftale nummer {i + 1}: {base['indhold']}"} for i in range(agreements)
    ]
    person = data["handleplaner"][0]
    row = person["indsatser"][0]
    data["handleplaner"] = [
        {
            "navn": f"Person {p + 1} Kragh Hansen",
            "indsatser": [{**row, "indsats": f"Indsats {r + 1}"} for r in range(rows_per_person)],
        }
        for p in range(persons)
    ]
    return data


def context_for(data: dict) -> dict:
    return render_context(SPEC.model.model_validate(data), SPEC)


def time_per_doc(fn, n: int, rounds: int) -> float:
    """Median seconds per call over ``rounds`` rounds of ``n`` calls."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - start) / n)
    return statistics.median(samples)


def docxtpl_plain(template: bytes, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context, jinja_env=environment())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def make_floor(prepared, context: dict):
    """The floor: the same zip, the XML already rendered; only deflate and write."""
    rendered = {p.name: p.template.render(context).encode() for p in prepared.parts}
    package = prepared.package

    def floor() -> bytes:
        out = ZipWriter()
        for name in package.order:
            if name in rendered:
                out.add(name, rendered[name])
            else:
                out.add_member(package.members[name])
        return out.getvalue()

    return floor


def table_template(rows: int = 200) -> tuple[bytes, dict]:
    """A municipality's own template: one table whose row repeats for every item, the first
    column merged vertically (``{% vm %}``), the second shaded per row (``{% cellbg %}``)."""
    from docx import Document

    doc = Document()
    doc.add_heading("Oversigt over aftaler", 1)
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Gruppe", "Aftale", "Ansvarlig"), strict=False):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in raekker %}"
    cells = table.rows[2].cells
    cells[0].text = "{% vm %}{{ gruppe }}"
    cells[1].text = "{% cellbg r.farve %}{{ r.aftale }}"
    cells[2].text = "{{ r.ansvarlig }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    out = io.BytesIO()
    doc.save(out)
    context = {
        "gruppe": "Familien Kragh Hansen",
        "raekker": [
            {
                "aftale": f"Aftale {i + 1}: Sofie møder i skole hver dag & får morgenmad",
                "ansvarlig": "Mette Kragh Hansen" if i % 2 else "Lene Dahl",
                "farve": "D9E2F3" if i % 2 else "FFFFFF",
            }
            for i in range(rows)
        ],
    }
    return out.getvalue(), context


def batch_worker(args: tuple[int, int]) -> int:
    """Validate and render ``count`` documents (output discarded); returns bytes produced."""
    start, count = args
    from samarbejdsdok import render

    data = plan_data()
    total = 0
    for i in range(start, start + count):
        data["familie"] = f"Familien Nummer {i}"
        total += len(render(SPEC.model.model_validate(data)))
    return total


def batch_time(docs: int, jobs: int) -> float:
    chunk = 100
    tasks = [(i, min(chunk, docs - i)) for i in range(0, docs, chunk)]
    start = time.perf_counter()
    if jobs == 1:
        for t in tasks:
            batch_worker(t)
    else:
        with get_context("fork").Pool(jobs) as pool:
            for _ in pool.imap(batch_worker, tasks):
                pass
    return time.perf_counter() - start


def peak_rss_mb(docs: int) -> float:
    """Max RSS of a fresh process that validates and renders ``docs`` documents."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from bench_render import batch_worker, vm_hwm_kb\n"
        f"batch_worker((0, {docs}))\n"
        "print(vm_hwm_kb())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def vm_hwm_kb() -> int:
    """This process's peak resident memory. (ru_maxrss would also count the memory of the
    parent that forked it, which Linux keeps across exec; VmHWM belongs to this image only.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def baseline_rss_mb() -> float:
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "import samarbejdsdok.rendering, samarbejdsdok.forms.familieplan\n"
        "from bench_render import vm_hwm_kb\n"
        "print(vm_hwm_kb())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def cold_start_ms(args: list[str], rounds: int) -> float:
    """Median wall time of a fresh process, with bytecode as an installed package has it.

    One untimed run first writes the .pyc files (PYTHONDONTWRITEBYTECODE is dropped for it: an
    editable checkout without bytecode would time the compiler, not the program).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(args, check=True, capture_output=True, env=env)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and documents")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    n_docxtpl = 10 if args.quick else 30
    n_fast = 100 if args.quick else 300
    batch_docs = 1000 if args.quick else 4000

    template = default_template_bytes(SPEC.template)
    context = context_for(plan_data())
    prepared = prepare(template, name=SPEC.template)
    floor = make_floor(prepared, context)
    docxtpl_plain(template, context)  # warm up imports

    t_docxtpl = time_per_doc(lambda: docxtpl_plain(template, context), n_docxtpl, rounds)
    t_engine = time_per_doc(
        lambda: prepared.render(context, title=SPEC.title, language="da-DK"), n_fast, rounds
    )
    t_floor = time_per_doc(floor, n_fast, rounds)
    size_kb = len(prepared.render(context)) / 1024

    print(
        f"Family plan, 10 agreements, 4 person tables ({size_kb:.0f} KB .docx); "
        f"medians of {rounds} rounds"
    )
    print(f"{'':28}{'ms/doc':>10}{'docs/s':>10}")
    for label, t in (
        ("plain docxtpl", t_docxtpl),
        ("samarbejdsdok engine", t_engine),
        ("zip-only floor", t_floor),
    ):
        print(f"{label:28}{t * 1000:10.3f}{1 / t:10.0f}")
    print(f"engine speed-up over docxtpl: {t_docxtpl / t_engine:.1f}x (target >= 40x)")
    print(f"engine / floor:               {t_engine / t_floor:.2f}x (target <= 3x)")

    table, table_context = table_template()
    fast = render_template(table, table_context)
    assert fast.engine == "fast", "the table template must stay on the fast path"
    t_table_docxtpl = time_per_doc(lambda: docxtpl_plain(table, table_context), 3, rounds)
    t_table_fast = time_per_doc(lambda: render_template(table, table_context), 20, rounds)
    print("\nTable-heavy template (200 rows, {% vm %} merges, {% cellbg %} shading):")
    print(f"  plain docxtpl:        {t_table_docxtpl * 1000:8.2f} ms/doc")
    print(
        f"  engine (fast path):   {t_table_fast * 1000:8.2f} ms/doc "
        f"({t_table_docxtpl / t_table_fast:.1f}x faster)"
    )

    print("\nGrowth with agreement rows (engine, ms/doc):")
    growth = {}
    for rows in (10, 100, 1000):
        ctx = context_for(plan_data(agreements=rows))
        n = max(5, n_fast // (rows // 10))
        growth[rows] = time_per_doc(lambda c=ctx: prepared.render(c), n, rounds)
        print(f"  {rows:5d} rows: {growth[rows] * 1000:8.3f} ms")
    per_row_100 = (growth[100] - growth[10]) / 90
    per_row_1000 = (growth[1000] - growth[100]) / 900
    print(
        f"  ms per extra row: {per_row_100 * 1000:.4f} (10->100), "
        f"{per_row_1000 * 1000:.4f} (100->1000): linear if about equal"
    )

    print(
        "\nPeak memory (peak RSS (VmHWM) of a fresh process; validate + render, output discarded):"
    )
    base = baseline_rss_mb()
    small, large = peak_rss_mb(1000), peak_rss_mb(10000)
    print(f"  after imports only:  {base:6.1f} MB")
    print(f"  1,000 documents:     {small:6.1f} MB (+{small - base:.1f} MB over imports)")
    print(f"  10,000 documents:    {large:6.1f} MB (+{large - base:.1f} MB over imports)")

    print(f"\nBatch of {batch_docs} documents (validate + render):")
    one = batch_time(batch_docs, 1)
    two = batch_time(batch_docs, 2)
    print(f"  1 process:  {one:6.2f} s ({batch_docs / one:6.0f} docs/s)")
    print(
        f"  2 processes:{two:6.2f} s ({batch_docs / two:6.0f} docs/s); "
        f"speed-up {one / two:.2f}x (target >= 1.7x)"
    )

    print("\nCold start (median of 7, bytecode compiled):")
    exe = [sys.executable, "-m", "samarbejdsdok"]
    print(
        f"  samarbejdsdok --help:        {cold_start_ms([*exe, '--help'], 7):6.0f} ms "
        "(target <= 150 ms)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "plan.json"
        data.write_text(json.dumps(SPEC.example()), encoding="utf-8")
        out = Path(tmp) / "plan.docx"
        ms = cold_start_ms([*exe, "render", "familieplan", str(data), "-o", str(out)], 7)
    print(f"  render one document (CLI):   {ms:6.0f} ms (target <= 400 ms)")
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
