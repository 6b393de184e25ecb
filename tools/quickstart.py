"""The README's quick start, as the shell commands it shows, for CI to run literally.

    python3 tools/quickstart.py            # prints the commands, one script
    bash -euo pipefail -c "$(python3 tools/quickstart.py)"

The quick start is the ``sh`` code blocks between the "## Quick start" heading and the next
"## " heading; the comments after ``#`` are kept (the shell ignores them). Standard library
only: it runs before anything is installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def quickstart_commands(text: str) -> list[str]:
    """The lines of the quick start's ``sh`` blocks, in order."""
    start = text.index("\n## Quick start")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    if not blocks:
        raise ValueError("the README's quick start shows no sh block")
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def main() -> int:
    print("\n".join(quickstart_commands(README.read_text("utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
