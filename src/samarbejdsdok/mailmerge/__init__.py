"""Batch mail merge: one document per input row, every row accounted for.

:func:`merge` takes a form and any iterable of rows (dicts with dotted keys such as
``boern.0.navn``, nested dicts as in the JSON examples, or :class:`~samarbejdsdok.sources.Row`
objects from :mod:`samarbejdsdok.sources`) and yields a :class:`MergeResult` per row, in input
order: rendered (``ok``), failed (``fejl``, with the problems) or skipped (``sprunget over``: an
empty row, or with ``resume=True`` a document that is already complete). It is a generator and
holds only a bounded number of documents at a time, however many rows there are.

What happens to a row (in a worker process with ``jobs`` above 1):

1. Its keys are resolved to field paths: a dotted path (``boern.1.cpr``) or the field's Danish
   title (``Barnets cpr-nummer 2`` for the second child: list items are numbered from 1 in
   titles, from 0 in paths). Unknown and ambiguous keys are problems naming the closest fields.
2. Each value is converted by the type of its field, as people type in Excel: ``ja``/``nej``,
   ``x``/blank, ``1``/``0``, ``true``/``false`` for yes/no; ``23-11-2026``, ``23.11.2026`` and
   Excel date cells for dates; ``10.00`` for times; decimal comma for numbers. Empty values are
   absent.
3. The row is validated against the form's model; problems keep the paths the user wrote (list
   items left empty in between are closed up for validation and mapped back in the report),
   and a problem with a value from a spreadsheet or CSV file names its column as written and,
   in a workbook, its cell (:class:`.rows.CellProblem`).
4. The file name comes from the ``filename`` pattern (default :data:`DEFAULT_FILENAME`), made safe
   for Windows and Linux; a name already given in this run gets ``-2``, ``-3`` (decided in input
   order by the merging process).
5. The document is rendered and, with an output folder, written to a temporary file in the
   run's own locked folder inside the output folder (see :class:`.runfolder.RunFolder`).

The rows go in batches of 16, as the source gives them, to ``jobs`` worker processes with a
bounded number of batches in flight (``jobs=1``: in this process); the workers die with the
process that started them. A batch's documents are flushed to disk together; the merging process
then, in input order, renames each into the output folder and flushes the folder once per batch
before it yields the batch's results. So an interrupted run leaves only complete documents that
are on disk, and two runs into one folder do not disturb each other.

:func:`run_batch` is the command line's ``merge``: it adds the report, the zip archive, the
progress line and the accounting for rows a stopped run did not reach.

The package has one module per job: :mod:`.catalogue` (the form's fields), :mod:`.columns`
(headers to fields), :mod:`.values` (cells as people type them), :mod:`.rows` (a row into the
model's data), :mod:`.filenames`, :mod:`.workers` (rendering, and the typed messages between the
processes), :mod:`.runfolder` (the run's temporary folder), :mod:`.merger` (the pipeline),
:mod:`.pdf`, :mod:`.report` (report and zip archive), :mod:`.progress`, :mod:`.stopping`
(SIGTERM) and :mod:`.batch` (:func:`run_batch`); :mod:`.api` holds :func:`merge`. The names
below are the public API, as they were when this was one module.
"""

from __future__ import annotations

from .api import merge
from .batch import BatchSummary, check_batch, run_batch
from .catalogue import FieldTarget, form_fields
from .columns import ColumnError, ColumnResolver, check_columns
from .filenames import DEFAULT_FILENAME, FilenamePatternError, FileNamer, safe_filename
from .pdf import PDF_BATCH as PDF_BATCH
from .pdf import PDF_CHUNK as PDF_CHUNK
from .pdf import PdfUnavailableError
from .report import REPORT_COLUMNS, Report, ReportError
from .results import WARNING_SEPARATOR as WARNING_SEPARATOR
from .results import MergeResult, Status
from .rows import CellProblem, ReadRow, RowReader, flatten
from .stopping import Terminated as Terminated
from .stopping import sigterm_as_interrupt as sigterm_as_interrupt

__all__ = [
    "merge",
    "MergeResult",
    "Status",
    "FieldTarget",
    "form_fields",
    "ColumnResolver",
    "check_columns",
    "flatten",
    "safe_filename",
    "FileNamer",
    "Report",
    "run_batch",
    "check_batch",
    "BatchSummary",
    "ColumnError",
    "FilenamePatternError",
    "PdfUnavailableError",
    "ReportError",
    "DEFAULT_FILENAME",
    "REPORT_COLUMNS",
    "RowReader",
    "ReadRow",
    "CellProblem",
]
