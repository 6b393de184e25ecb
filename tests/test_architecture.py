"""The render engine's layers import one way, the engine never imports the forms, nothing in the
package imports in a cycle, and rendering a form without pictures loads neither docxtpl nor
matplotlib. Read from the source with ``ast``: every import counts, also one inside a function."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "samarbejdsdok"

#: The engine's layers, lowest first (docs/architecture.md).
LAYERS = [
    "xmltext",
    "package",
    "controls",
    "budget",
    "limits",
    "pictures",
    "environment",
    "prepared",
    "introspection",
    "check",
    "api",
]
#: What the engine may import from the rest of the package: the leaves below everything.
ENGINE_MAY_IMPORT = {"samarbejdsdok.errors", "samarbejdsdok.formatting"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, *, top_level_only: bool = False) -> set[str]:
    """The samarbejdsdok modules ``path`` imports (``from . import x`` resolved to modules)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text("utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:
            continue  # `if TYPE_CHECKING:` blocks
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("samarbejdsdok"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("samarbejdsdok"):
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _is_module(candidate) else target)
    return found


def _is_module(name: str) -> bool:
    rel = Path(*name.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").exists() or (PACKAGE / rel / "__init__.py").exists()


ALL = {module_name(p): p for p in PACKAGE.rglob("*.py")}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_engine_layer_imports_only_the_layers_below_it(layer: str) -> None:
    path = PACKAGE / "engine" / f"{layer}.py"
    below = {f"samarbejdsdok.engine.{name}" for name in LAYERS[: LAYERS.index(layer)]}
    for target in imports_of(path):
        if target.startswith("samarbejdsdok.engine"):
            assert target in below, f"engine.{layer} imports {target}, which is not below it"
        else:
            assert target in ENGINE_MAY_IMPORT, f"engine.{layer} imports {target}"


#: The mail merge's modules, one per job, lowest first (docs/architecture.md): each imports only
#: the ones before it.
MAILMERGE = [
    "catalogue",
    "columns",
    "values",
    "rows",
    "filenames",
    "results",
    "pdf",
    "runfolder",
    "stopping",
    "workers",
    "report",
    "progress",
    "merger",
    "api",
    "batch",
]


def test_the_mail_merge_has_one_module_per_job_importing_one_way() -> None:
    folder = PACKAGE / "mailmerge"
    assert {p.stem for p in folder.glob("*.py")} == set(MAILMERGE) | {"__init__"}
    for module in MAILMERGE:
        below = {f"samarbejdsdok.mailmerge.{name}" for name in MAILMERGE[: MAILMERGE.index(module)]}
        for target in imports_of(folder / f"{module}.py"):
            if target.startswith("samarbejdsdok.mailmerge"):
                assert target in below, f"mailmerge.{module} imports {target}, not below it"
            assert not target.startswith("samarbejdsdok.cli"), (
                f"mailmerge.{module} imports {target}"
            )


def test_the_engine_never_imports_the_forms() -> None:
    for path in (PACKAGE / "engine").glob("*.py"):
        for target in imports_of(path):
            assert not target.startswith(
                ("samarbejdsdok.forms", "samarbejdsdok.rendering", "samarbejdsdok.sag")
            ), f"{path.name} imports {target}"


def test_the_pdf_export_sits_below_rendering_the_case_and_the_merge() -> None:
    """One module knows LibreOffice's PDF export; it needs nothing of the package but its
    errors, so the renderer, the case file and the merge all use it."""
    assert imports_of(PACKAGE / "pdf.py") <= {"samarbejdsdok.errors"}
    for user in ("rendering.py", "sag/__init__.py", "mailmerge/pdf.py", "mailmerge/api.py"):
        assert "samarbejdsdok.pdf" in imports_of(PACKAGE / user), user


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None:
            found = visit(node)
            if found:
                return found
    return None


def test_the_package_has_no_import_cycle() -> None:
    # A package's __init__ re-exporting its modules is not a cycle of dependence: the edge
    # from a module to its own package's __init__ is dropped.
    graph = {}
    for name, path in ALL.items():
        targets = imports_of(path) & set(ALL)
        graph[name] = {
            t for t in targets if not (path.name != "__init__.py" and name.startswith(t + "."))
        }
    assert _cycle(graph) is None, f"import cycle: {' -> '.join(_cycle(graph) or [])}"


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_rendering_a_form_without_pictures_loads_neither_docxtpl_nor_matplotlib(tmp_path) -> None:
    script = (
        "import sys\n"
        "from samarbejdsdok import get_form, render\n"
        "render(get_form('familieplan').example_model())\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'docxtpl', 'docx', 'matplotlib'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "[]"
