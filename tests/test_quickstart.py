"""CI runs the README's quick start literally (``tools/quickstart.py`` → ``.ci/run``); these
check that what it extracts is the quick start a newcomer reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.quickstart import README, quickstart_commands

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_start_makes_a_venv_installs_renders_and_tests() -> None:
    commands = quickstart_commands(README.read_text("utf-8"))
    script = "\n".join(commands)
    assert commands[0].startswith("python3 -m venv .venv")
    assert ". .venv/bin/activate" in commands[0]
    assert "pip install ." in script
    assert "samarbejdsdok demo --out demo" in script
    assert "python -m pytest" in commands[-1]
    # Run as one script by bash: it must parse.
    assert subprocess.run(["bash", "-n", "-c", script], check=False).returncode == 0


def test_ci_runs_the_quick_start_it_prints() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert 'bash -euo pipefail -c "$(python3 tools/quickstart.py)"' in ci
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "quickstart.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines() == quickstart_commands(README.read_text("utf-8"))


def test_a_readme_without_a_quick_start_block_is_refused() -> None:
    with pytest.raises(ValueError, match="no sh block"):
        quickstart_commands("# x\n\n## Quick start\n\nNothing here.\n\n## Next\n")
