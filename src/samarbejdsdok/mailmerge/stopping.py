"""SIGTERM as Ctrl-C, and the steps a stop must not cut in two."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

#: True while :func:`run_batch` writes the report after the rows: SIGTERM then waits for it.
_finishing = False
#: Above 0 while the merge does something a SIGTERM must not cut in two (see :func:`shield`).
_shielded = 0
_stop_requested = False


@contextlib.contextmanager
def shield() -> Iterator[None]:
    """A SIGTERM (within :func:`sigterm_as_interrupt`) that arrives in the block stops the run
    when the block is done, not in its middle: handing a batch to the workers and noting it as
    pending is one step, so the report can count every document written."""
    global _shielded, _stop_requested
    _shielded += 1
    try:
        yield
    finally:
        _shielded -= 1
    if _stop_requested and not _shielded:
        _stop_requested = False
        raise Terminated


@contextlib.contextmanager
def cleanup() -> Iterator[None]:
    """A clean-up that must run to its end: a Ctrl-C (or SIGTERM) that arrives in the block
    stops the run when the block is done (raised then), not in its middle. For the steps after
    a first interrupt, where a second one (a double Ctrl-C, or ``timeout`` signalling the whole
    process group) would otherwise leave processes, folders and the report half done. Only in
    the main thread; elsewhere the block simply runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    interrupted = False

    def later(signum: int, frame: Any) -> None:
        nonlocal interrupted
        interrupted = True

    old = signal.signal(signal.SIGINT, later)
    try:
        with shield():
            yield
    finally:
        signal.signal(signal.SIGINT, old)
    if interrupted:
        raise KeyboardInterrupt


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM), within :func:`sigterm_as_interrupt`."""


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """While in the block, SIGTERM (``kill``, a service manager, a scheduler stopping the job)
    stops a merge as Ctrl-C does: the workers finish the documents they have started, the
    report is written with every row, and the temporary files are removed. It raises
    :class:`Terminated` once; a second SIGTERM is ignored so the cleanup runs to its end (use
    SIGKILL to stop at once; the workers then die with the process). Only in the main thread,
    elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        global _stop_requested
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if _finishing:  # the run is writing its report: let it finish
            return
        if _shielded:
            _stop_requested = True
            return
        raise Terminated

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
