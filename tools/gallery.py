"""Write docs/gallery.md: page 1 of every shipped form's bundled example and of its maximal
example (every list three times as long, every free text three times as long; see
`tools/examples.py`) as PNG, with each document's page count, so that a reviewer sees every
document in one place.

    python tools/gallery.py           # render, convert with LibreOffice, write the PNGs and page
    python tools/gallery.py --check   # exit 1 if docs/gallery.md's page counts are stale

Needs LibreOffice (``soffice``) and poppler (``pdfinfo``, ``pdftoppm``); Pillow, if installed,
reduces the PNGs' colours to keep them small. All documents are converted in one LibreOffice
run with a private profile. ``--check`` compares the page text (page counts, forms, titles),
never the PNG bytes: fonts differ from machine to machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from pydantic import BaseModel  # noqa: E402

from samarbejdsdok import render  # noqa: E402
from samarbejdsdok.forms import FormSpec, all_forms  # noqa: E402
from tools.examples import maximal, valid  # noqa: E402

PAGE = ROOT / "docs" / "gallery.md"
IMAGES = ROOT / "docs" / "img" / "gallery"
#: The two documents of each form, by the suffix of their file names.
VARIANTS = ("eksempel", "maksimal")
#: The PNG's longer side in pixels, and its colours (with Pillow).
SIZE = 700
COLOURS = 32
#: How wide each PNG is shown on the page (two side by side).
SHOWN_WIDTH = 380
TIMEOUT = 900  # seconds for the one LibreOffice run


@dataclass(frozen=True)
class Document:
    """One converted document: the form, which example, its page count and page 1 as PNG."""

    form: str
    variant: str
    pages: int
    png: Path | None


def shipped_forms() -> list[FormSpec]:
    """The forms of this package, in catalogue order (installed plug-ins left out)."""
    return [s for s in all_forms() if s.template_package is None]


def models(spec: FormSpec) -> dict[str, BaseModel]:
    """The form's bundled example and its maximal example, validated."""
    return {
        "eksempel": valid(spec, spec.example()),
        "maksimal": valid(spec, maximal(spec.example(), spec.model)),
    }


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("gallery: LibreOffice (soffice) is not installed")
    return exe


def convert(paths: list[Path], outdir: Path) -> None:
    """Convert .docx files to PDF in ``outdir`` with one LibreOffice run and a private profile."""
    with tempfile.TemporaryDirectory(prefix="gallery-lo-") as profile:
        cmd = [
            soffice(),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, paths),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT)
    missing = [p.name for p in paths if not (outdir / (p.stem + ".pdf")).exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {', '.join(missing)}")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.MULTILINE)
    if found is None:
        raise RuntimeError(f"pdfinfo gave no page count for {pdf.name}")
    return int(found.group(1))


def first_page_png(pdf: Path, png: Path, page: int = 1) -> None:
    """Page 1 (or ``page``) of ``pdf`` as a small PNG: longer side SIZE pixels, COLOURS colours
    (with Pillow), no timestamp, so that the same PDF gives the same bytes."""
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-scale-to", str(SIZE)]
        + ["-singlefile"]
        + [str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    raw = prefix.with_suffix(".png")
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        from PIL import Image
    except ImportError:  # pdftoppm's PNG as it is: bigger, but without a timestamp too
        shutil.copyfile(raw, png)
        return
    with Image.open(raw) as image:
        small = image.convert("RGB").quantize(COLOURS, dither=Image.Dither.NONE)
        small.info.clear()
        small.save(png, format="PNG", optimize=True)


def make(specs: list[FormSpec], folder: Path, images: Path | None = None) -> list[Document]:
    """Render each form's two examples into ``folder``, convert them in one LibreOffice run,
    count their pages and, given ``images``, write page 1 of each as ``<form>-<variant>.png``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in specs:
        for variant, model in models(spec).items():
            path = folder / f"{spec.name}-{variant}.docx"
            render(model, path)
            paths.append(path)
    convert(paths, folder)
    documents = []
    for spec in specs:
        for variant in VARIANTS:
            pdf = folder / f"{spec.name}-{variant}.pdf"
            png = None
            if images is not None:
                png = images / f"{spec.name}-{variant}.png"
                first_page_png(pdf, png)
            documents.append(Document(spec.name, variant, page_count(pdf), png))
    return documents


def _pages(n: int) -> str:
    return f"{n} page" if n == 1 else f"{n} pages"


def page_text(specs: list[FormSpec], documents: list[Document]) -> str:
    """docs/gallery.md: an overview table with the page counts, then each form's two PNGs."""
    pages = {(d.form, d.variant): d.pages for d in documents}
    lines = [
        "# Gallery",
        "",
        "Page 1 of every form's bundled example (`samarbejdsdok example FORM`) and of its maximal",
        "example (every list three times as long, every free text three times as long with a line",
        "break; `tools/examples.py`), as LibreOffice prints them, with each document's page count.",
        "Generated by `python tools/gallery.py` (LibreOffice and poppler needed); do not edit by",
        "hand. `python tools/gallery.py --check` fails when the page counts are stale. The fields",
        "of every form are in [forms.md](forms.md).",
        "",
        "| Code | Form | Title | Example | Maximal example |",
        "|---|---|---|---|---|",
    ]
    for spec in specs:
        example, most = pages[spec.name, "eksempel"], pages[spec.name, "maksimal"]
        lines.append(
            f"| {spec.code} | `{spec.name}` | {spec.title} | {_pages(example)} | {_pages(most)} |"
        )
    for spec in specs:
        cells = []
        for variant, label in (("eksempel", "Example"), ("maksimal", "Maximal example")):
            src = f"img/gallery/{spec.name}-{variant}.png"
            alt = f"{spec.title}: {label.lower()}, page 1"
            cells.append(f'<img src="{src}" width="{SHOWN_WIDTH}" alt="{alt}">')
        example, most = pages[spec.name, "eksempel"], pages[spec.name, "maksimal"]
        lines += [
            "",
            f"## {spec.code} `{spec.name}`: {spec.title}",
            "",
            f"| Example, {_pages(example)} | Maximal example, {_pages(most)} |",
            "|---|---|",
            f"| {cells[0]} | {cells[1]} |",
        ]
    return "\n".join(lines) + "\n"


_ROW = re.compile(r"^\| [^|]* \| `(\w+)` \| [^|]* \| (\d+) pages? \| (\d+) pages? \|$", re.M)


def listed_pages(text: str) -> dict[str, tuple[int, int]]:
    """The page counts in a gallery page's overview table: form → (example, maximal)."""
    return {m[1]: (int(m[2]), int(m[3])) for m in _ROW.finditer(text)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if docs/gallery.md is stale, write nothing"
    )
    args = parser.parse_args(argv)
    specs = shipped_forms()
    with tempfile.TemporaryDirectory(prefix="gallery-") as tmp:
        if args.check:
            documents = make(specs, Path(tmp))
        else:
            IMAGES.mkdir(parents=True, exist_ok=True)
            for old in IMAGES.glob("*.png"):
                old.unlink()
            documents = make(specs, Path(tmp), IMAGES)
    text = page_text(specs, documents)
    if not args.check:
        PAGE.write_text(text, encoding="utf-8")
        print(f"wrote {PAGE.relative_to(ROOT)} and {len(documents)} PNGs")
        return 0
    old = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    if old == text:
        return 0
    before, now = listed_pages(old), listed_pages(text)
    for form in sorted(before.keys() | now.keys()):
        if before.get(form) != now.get(form):
            print(f"{form}: gallery says {before.get(form)}, a fresh render {now.get(form)}")
    print(f"{PAGE.relative_to(ROOT)} is stale: run python tools/gallery.py", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
