"""The same data gives the same bytes: every form's example and every document of the case file,
rendered in two separate processes with different hash seeds (set and dict-of-set iteration
order) and in different 2-second zip timestamp slots, are byte for byte identical.

Each round is two subprocesses started together: one renders every registered form's example
into a folder, the other is ``samarbejdsdok sag render --all`` (documents and calendar files).
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from samarbejdsdok.forms import all_forms

SEEDS = ("1", "4242")

#: Renders every registered form's example into the folder argv[1], one ``<form>.docx`` each.
FORMS_SCRIPT = """
import sys
from pathlib import Path

import samarbejdsdok
from samarbejdsdok.forms import all_forms

out = Path(sys.argv[1])
out.mkdir(parents=True)
for spec in all_forms():
    (out / f"{spec.name}.docx").write_bytes(samarbejdsdok.render(spec.example_model()))
"""


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "samarbejdsdok", *args]


def _round(root: Path, case: Path, seed: str) -> None:
    """Render the forms and the case at the same time, with hash seed ``seed``."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    commands = [
        [sys.executable, "-c", FORMS_SCRIPT, str(root / "forms")],
        _cli("sag", "render", str(case), "--all", "--out-dir", str(root / "sag")),
    ]
    procs = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    for proc, command in zip(procs, commands, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{command}: {err}{out}"


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _members_that_differ(a: bytes, b: bytes) -> list[str]:
    """For the failure message: which parts of two .docx differ, and how the zip entries do."""
    with zipfile.ZipFile(io.BytesIO(a)) as za, zipfile.ZipFile(io.BytesIO(b)) as zb:
        if za.namelist() != zb.namelist():
            return [f"member order/names: {za.namelist()} != {zb.namelist()}"]
        out = []
        for ia, ib in zip(za.infolist(), zb.infolist(), strict=True):
            if za.read(ia) != zb.read(ib):
                out.append(f"{ia.filename}: content")
            elif (ia.date_time, ia.compress_type, ia.external_attr) != (
                ib.date_time,
                ib.compress_type,
                ib.external_attr,
            ):
                out.append(
                    f"{ia.filename}: entry {ia.date_time}/{ia.compress_type}/{ia.external_attr} "
                    f"!= {ib.date_time}/{ib.compress_type}/{ib.external_attr}"
                )
        return out or ["zip container bytes only"]


def _wait_for_next_timestamp_slot(started: float) -> None:
    """Zip timestamps count 2 seconds: wait until past the next even second (+0.1 s) and at
    least 2.1 s after the first round started."""
    now = time.time()
    target = max(2 * math.floor(now / 2) + 2 + 0.1, started + 2.1)
    time.sleep(max(target - time.time(), 0))


@pytest.mark.slow
def test_forms_and_case_render_byte_identical_across_processes(tmp_path: Path) -> None:
    case = tmp_path / "sag.yaml"
    example = subprocess.run(
        _cli("sag", "example"), capture_output=True, text=True, timeout=60, check=True
    )
    case.write_text(example.stdout, encoding="utf-8")

    roots = [tmp_path / f"seed{seed}" for seed in SEEDS]
    started = time.time()
    _round(roots[0], case, SEEDS[0])
    _wait_for_next_timestamp_slot(started)
    _round(roots[1], case, SEEDS[1])

    first, second = (_hashes(root) for root in roots)
    # Everything is there: one document per form, and the case's documents and calendars.
    assert {f"forms/{spec.name}.docx" for spec in all_forms()} == {
        k for k in first if k.startswith("forms/")
    }
    assert any(k.startswith("sag/") and k.endswith(".docx") for k in first)
    assert any(k.startswith("sag/") and k.endswith(".ics") for k in first)
    assert sorted(first) == sorted(second), "the two runs wrote different files"

    differ = [name for name in first if first[name] != second[name]]
    details = []
    for name in differ[:10]:
        a, b = ((root / name).read_bytes() for root in roots)
        parts = _members_that_differ(a, b) if name.endswith(".docx") else ["content"]
        more = f" (+{len(parts) - 3} more parts)" if len(parts) > 3 else ""
        details.append(f"{name}: {'; '.join(parts[:3])}{more}")
    if len(differ) > 10:
        details.append(f"... and {len(differ) - 10} more files")
    assert not differ, (
        f"{len(differ)} of {len(first)} files not byte-identical between processes:\n"
        + "\n".join(details)
    )
