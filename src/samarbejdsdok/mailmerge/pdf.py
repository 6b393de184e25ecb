"""PDFs for the merge: one LibreOffice start per chunk of documents, with its own profile. The
conversion itself (its export options: PDF/A-2b, tagged) is :mod:`samarbejdsdok.pdf`'s."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..pdf import PdfUnavailableError, find_soffice, is_complete_pdf, run_soffice

__all__ = ["PDF_CHUNK", "PdfConverter", "PdfUnavailableError", "find_soffice", "is_complete_pdf"]

#: Documents converted to PDF per LibreOffice start.
PDF_CHUNK = 200


class PdfConverter:
    """Converts documents with one LibreOffice start per chunk, with its own profile (so a
    LibreOffice the user has open is neither used nor disturbed)."""

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.tmp = tempfile.TemporaryDirectory(prefix="samarbejdsdok-pdf-")
        self.profile = Path(self.tmp.name) / "profil"

    def close(self) -> None:
        self.tmp.cleanup()

    def _run(self, inputs: list[Path], outdir: Path) -> None:
        run_soffice(self.exe, self.profile, inputs, outdir)

    def convert_files(self, docs: list[Path], tmp_parent: Path) -> list[Path | None]:
        """Each document's PDF beside it; converted in a folder in ``tmp_parent`` (the run's
        temporary folder, on the same drive) and moved into place when complete."""
        tmp = Path(tempfile.mkdtemp(prefix="pdf-", dir=tmp_parent))
        try:
            self._run(docs, tmp)
            out: list[Path | None] = []
            for doc in docs:
                made = tmp / (doc.stem + ".pdf")
                if is_complete_pdf(made):
                    final = doc.with_suffix(".pdf")
                    os.replace(made, final)  # same folder tree, so the move is atomic
                    out.append(final)
                else:
                    out.append(None)
            return out
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def convert_bytes(self, docs: list[tuple[str, bytes]]) -> list[bytes | None]:
        tmp = Path(tempfile.mkdtemp(dir=self.tmp.name))
        try:
            inputs = []
            for name, data in docs:
                p = tmp / name
                p.write_bytes(data)
                inputs.append(p)
            self._run(inputs, tmp / "pdf")
            out: list[bytes | None] = []
            for p in inputs:
                made = tmp / "pdf" / (p.stem + ".pdf")
                out.append(made.read_bytes() if is_complete_pdf(made) else None)
            return out
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
