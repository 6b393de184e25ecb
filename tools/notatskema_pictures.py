"""Write the two pictures of docs/notatskemaer.md: the telephone meeting's note form (A5) blank,
as ``render --fillable`` makes it from what is known before the call, and filled in, as the
same command makes it when the notes are given too (each control then holds its value). Page 2,
where the note form is, as LibreOffice prints it.

    python tools/notatskema_pictures.py

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``). The filled notes are one paragraph:
LibreOffice 7.4 shows the line breaks of a multi-line text control out of place (see the page),
which Word does not.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from samarbejdsdok.fillable import render_fillable  # noqa: E402
from samarbejdsdok.forms import get_form  # noqa: E402
from tools.gallery import convert, first_page_png  # noqa: E402

IMAGES = ROOT / "docs" / "img"
FORM = "telefonmoede"
PAGE = 2
NOTES = (
    "Mette har fået flyeren, men ikke læst den; den blev læst op. Hun er mest optaget af "
    "Sofies fravær i skolen."
)


def documents() -> dict[str, bytes]:
    """The blank and the filled note form, by picture name."""
    spec = get_form(FORM)
    example = spec.example()
    known = {k: v for k, v in example.items() if k not in spec.model.fillable_fields}
    filled = {**example, "generelle_noter": NOTES}
    return {
        "notatskema-blankt": bytes(render_fillable(spec, known)),
        "notatskema-udfyldt": bytes(render_fillable(spec, filled)),
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="notatskema-") as tmp:
        folder = Path(tmp)
        paths = []
        for name, data in documents().items():
            path = folder / f"{name}.docx"
            path.write_bytes(data)
            paths.append(path)
        convert(paths, folder)
        for path in paths:
            png = IMAGES / f"{path.stem}.png"
            first_page_png(path.with_suffix(".pdf"), png, PAGE)
            print(f"wrote {png.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
