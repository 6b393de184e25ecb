"""Build the shipped Word templates from their scripts in tools/templates/.

    python tools/build_templates.py            # write templates_docx/*.docx
    python tools/build_templates.py --check    # exit 1 if a shipped template is stale

Each form's template is made by ``tools/templates/<form>.py``'s ``build(title)``. The output is
deterministic (fixed core properties, fixed zip timestamps), so a rebuild of unchanged scripts
gives the same bytes and a review sees real changes only.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from samarbejdsdok.forms import all_forms, get_form  # noqa: E402

OUT = ROOT / "templates_docx"
_EPOCH = (2026, 1, 1, 0, 0, 0)


def build_bytes(name: str, title: str) -> bytes:
    """The template of form ``name`` as deterministic .docx bytes."""
    doc = import_module(f"tools.templates.{name}").build(title)
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and order, so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        names = src.namelist()
        order = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for n in order:
            info = zipfile.ZipInfo(n, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(n))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    parser.add_argument("forms", nargs="*", help="only these forms (default: all)")
    args = parser.parse_args(argv)
    stale = []
    specs = [get_form(n) for n in args.forms] if args.forms else all_forms()
    for spec in specs:
        data = build_bytes(spec.name, spec.title)
        target = OUT / spec.template
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(spec.template)
        else:
            target.write_bytes(data)
            print(f"{target.relative_to(ROOT)}  ({len(data):,} bytes)")
    if stale:
        print("Stale templates (run python tools/build_templates.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
