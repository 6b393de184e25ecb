"""The report (one CSV line per input row) and the zip archive."""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import (
    OutputError,
    describe_os_error,
    mask_cpr_numbers,
)
from .results import MergeResult, Status
from .stopping import shield

#: The report's columns (row number as the user sees it, status, document, PDF, errors, note).
REPORT_COLUMNS = ("række", "status", "fil", "pdf", "fejl", "bemærkning")


def _cell(value: Any) -> str:
    text = mask_cpr_numbers("" if value is None else str(value))
    # A cell starting with = + - @ is a formula to Excel; a leading ' keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Report:
    """The merge report: one line per input row, written atomically as CSV that Danish Excel
    opens directly (UTF-8 with byte order mark, ``;``). Full CPR numbers are masked in every
    cell, and cells that Excel would take for a formula are kept as text."""

    def __init__(
        self, path: str | os.PathLike[str], *, tmp_dir: str | os.PathLike[str] | None = None
    ) -> None:
        """Start a report; it is written in ``tmp_dir`` (default: beside ``path``, on the same
        file system) and moved into place by :meth:`close`."""
        self.path = Path(path)
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
            if self.path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "")
            fd, tmp = tempfile.mkstemp(
                dir=directory if tmp_dir is None else tmp_dir,
                prefix=f".{self.path.name}.",
                suffix=".tmp",
            )
        except OSError as exc:
            raise ReportError(
                f"Kan ikke skrive rapporten {self.path}: {describe_os_error(exc)}"
            ) from None
        self._tmp = Path(tmp)
        self._fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._fh, delimiter=";", lineterminator="\r\n")
        self._writer.writerow(REPORT_COLUMNS)
        self.counts: Counter[str] = Counter()
        self.last_row = 0

    def add(self, result: MergeResult) -> None:
        pdf = (
            result.pdf.name
            if isinstance(result.pdf, Path)
            else (Path(result.name).with_suffix(".pdf").name if result.pdf and result.name else "")
        )
        self.add_line(
            result.row,
            result.status,
            result.name or "",
            pdf,
            " | ".join(str(p) for p in result.problems),
            result.note,
        )

    def add_line(
        self,
        row: int,
        status: Status,
        name: str = "",
        pdf: str = "",
        errors: str = "",
        note: str = "",
    ) -> None:
        line = [row, *(_cell(v) for v in (status.value, name, pdf, errors, note))]
        with shield():  # a line written is a line counted
            try:
                self._writer.writerow(line)
            except OSError as exc:  # the disk is full: say so, never a traceback
                raise ReportError(
                    f"Kan ikke skrive rapporten {self.path}: {describe_os_error(exc)}"
                ) from None
            self.counts[status.value] += 1
            self.last_row = max(self.last_row, row)

    def close(self) -> Path:
        """Finish the report: it replaces an older one only when complete."""
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise ReportError(
                f"Kan ikke skrive rapporten {self.path}: {describe_os_error(exc)}"
            ) from None
        return self.path

    def discard(self) -> None:
        if not self._fh.closed:
            with contextlib.suppress(OSError):  # the buffer cannot be written: no matter
                self._fh.close()
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()


class ReportError(OutputError):
    """The report could not be written: the run stops, as a run without its report would leave
    rows unaccounted for."""


class ZipArchive:
    """One archive, written to a temporary name and moved into place when complete."""

    def __init__(self, path: Path, tmp_dir: Path | None = None) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "")
            fd, tmp = tempfile.mkstemp(
                dir=path.parent if tmp_dir is None else tmp_dir,
                prefix=f".{path.name}.",
                suffix=".tmp",
            )
        except OSError as exc:
            raise OutputError(f"Kan ikke skrive {path}: {describe_os_error(exc)}") from None
        os.close(fd)
        self._tmp = Path(tmp)
        # .docx and .pdf are compressed already: storing them is fast and nearly as small.
        self._zf = zipfile.ZipFile(self._tmp, "w", compression=zipfile.ZIP_STORED)

    def add(self, result: MergeResult) -> None:
        if result.ok and result.name and result.data is not None:
            try:
                self._zf.writestr(result.name, result.data)
                if isinstance(result.pdf, bytes):
                    self._zf.writestr(str(Path(result.name).with_suffix(".pdf")), result.pdf)
            except OSError as exc:
                reason = describe_os_error(exc)
                raise OutputError(f"Kan ikke skrive {self.path}: {reason}") from None

    def close(self) -> None:
        try:
            self._zf.close()
            with self._tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(f"Kan ikke skrive {self.path}: {describe_os_error(exc)}") from None

    def discard(self) -> None:
        try:
            with contextlib.suppress(OSError):
                self._zf.close()
        finally:
            self._tmp.unlink(missing_ok=True)
