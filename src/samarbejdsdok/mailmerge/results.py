"""What happened to each row: :class:`MergeResult` and its :class:`Status`."""

from __future__ import annotations

import dataclasses
import enum
from pathlib import Path

from ..errors import (
    Problem,
)
from ..forms import FormModel

#: Between a rendered document's warnings in :attr:`MergeResult.note`.
WARNING_SEPARATOR = " | "


class Status(enum.StrEnum):
    """What happened to a row."""

    OK = "ok"
    FEJL = "fejl"
    SPRUNGET_OVER = "sprunget over"


@dataclasses.dataclass
class MergeResult:
    """The outcome of one input row.

    Attributes:
        row: the row number as the user sees it (spreadsheet row, line number, or position).
        status: ``ok``, ``fejl`` or ``sprunget over``.
        name: the document's file name (in the output folder, or in the zip archive).
        path: where the document was written (with an output folder), else None.
        data: the document's bytes (without an output folder), else None.
        pdf: the PDF's path (output folder) or bytes, when PDFs were asked for.
        model: the validated model, when the row was valid.
        problems: what is wrong with the row (status ``fejl``), each naming the field; a
            problem with a value from a spreadsheet or CSV file is a
            :class:`~samarbejdsdok.mailmerge.rows.CellProblem` that also names the column as
            written and, in a workbook, the cell.
        note: why a row was skipped, in Danish (``tom række``, ``findes allerede``); for a
            rendered row, the document's warnings (e.g. that it was made with the slower
            docxtpl), separated by :data:`WARNING_SEPARATOR`, or empty.
    """

    row: int
    status: Status
    name: str | None = None
    path: Path | None = None
    data: bytes | None = None
    pdf: Path | bytes | None = None
    model: FormModel | None = None
    problems: list[Problem] = dataclasses.field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status is Status.OK
