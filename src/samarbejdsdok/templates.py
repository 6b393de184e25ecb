"""Where the shipped Word templates are read from: the one place to ask for them.

The templates live in the repository's top-level ``templates_docx/``. The wheel carries them
inside the package, at ``samarbejdsdok/templates_docx/`` (``force-include`` in pyproject.toml),
where :mod:`importlib.resources` finds them, also from a zip. An editable install
(``pip install -e .``) imports the package from the checkout's ``src/``, where there is no
``templates_docx/``; hatchling's editable wheel does copy the force-included files into
site-packages, but beside the imported package, not in it, and as a snapshot of install time.
So when the package has no ``templates_docx/``, the checkout's own ``templates_docx/`` is read,
found from this file's place in the src layout: edits to a template show at once.

Standard library only; no caching (the renderer caches what it reads).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["template_file_bytes"]

_DIRECTORY = "templates_docx"


def _checkout_directory() -> Path | None:
    """``templates_docx/`` of the checkout this module is imported from, or None if it is not
    imported from a checkout (``<root>/src/samarbejdsdok/templates.py`` with a pyproject.toml)."""
    package = Path(__file__).resolve().parent
    if package.parent.name != "src":
        return None
    root = package.parent.parent
    if not (root / "pyproject.toml").is_file():
        return None
    return root / _DIRECTORY


def template_file_bytes(file_name: str) -> bytes:
    """The bytes of the shipped template ``file_name`` (a plain file name, e.g.
    ``"familieplan.docx"``).

    Raises FileNotFoundError if there is no such template, or if ``file_name`` is not a plain
    file name (a path, ``..``, empty), so nothing outside the templates can be read.
    """
    if file_name in {"", ".", ".."} or any(c in file_name for c in "/\\:\0"):
        raise FileNotFoundError(f"not a template file name: {file_name!r}")
    resource = files("samarbejdsdok") / _DIRECTORY / file_name
    try:
        return resource.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        pass
    checkout = _checkout_directory()
    if checkout is not None:
        path = checkout / file_name
        if path.is_file():
            return path.read_bytes()
    raise FileNotFoundError(f"no shipped template named {file_name!r}")
