"""Rendering a document, in this process or in a worker process that dies with its parent."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ..errors import (
    SamarbejdsdokError,
    TemplateError,
    TemplateNotFoundError,
    TemplateSyntaxError,
    describe_os_error,
)
from ..forms import FormModel

_WORKER_TEMPLATE: Any = None
_WORKER_TMP: str | None = None
_FATAL = (TemplateNotFoundError, TemplateSyntaxError)
#: prctl(2) option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: How often a worker's watchdog looks for its parent, in seconds.
_WATCH_INTERVAL = 0.5


def init_worker(template: Any, tmp_dir: str | None, parent: int, method: str) -> None:
    global _WORKER_TEMPLATE, _WORKER_TMP
    _WORKER_TEMPLATE = template
    _WORKER_TMP = tmp_dir
    # Ctrl-C reaches every process of the terminal's group, and a service manager sends SIGTERM
    # to all of them: the parent decides, and the workers finish the documents they have
    # started (each written atomically) until the parent shuts them down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent(parent, method)


def _die_with_parent(parent: int, method: str) -> None:
    """A worker holds personal data and writes documents: it must not outlive the merge that
    started it, also when that is killed (SIGKILL cannot be caught, so the merge cannot stop
    its workers itself).

    On Linux the kernel kills the worker when its parent process dies (``PR_SET_PDEATHSIG``).
    Everywhere a watchdog thread ends the worker within :data:`_WATCH_INTERVAL` when its parent
    changes (an orphan is handed to another process) or, with the ``spawn`` and ``forkserver``
    start methods, when the merging process (``parent``) is gone: with ``forkserver`` the
    worker's parent is the fork server, which lives on as long as any worker does."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    ppid = os.getppid()
    if method != "forkserver" and ppid != parent:  # it died before the lines above
        os._exit(1)
    threading.Thread(
        target=_watch_parent,
        args=(ppid, method != "fork"),
        name="samarbejdsdok-watchdog",
        daemon=True,
    ).start()


def _watch_parent(ppid: int, sentinel: bool) -> None:
    # The merging process's sentinel (a pipe on POSIX, the process handle on Windows) is
    # reliable unless the workers were forked: then each holds the others' pipe ends.
    merging = multiprocessing.parent_process() if sentinel else None
    while True:
        time.sleep(_WATCH_INTERVAL)
        if os.getppid() != ppid or (merging is not None and not merging.is_alive()):
            os._exit(1)


def _write_document(data: bytes, target: Path, tmp_dir: Path) -> None:
    """Write a document through a temporary file in the run's own folder (on the same file
    system as the output folder, so the rename is atomic): the output folder only ever holds
    complete documents."""
    from ..engine.api import replace_durably

    replace_durably(data, target, tmp_dir, prefix="dokument-")


@dataclasses.dataclass(frozen=True)
class RenderTask:
    """A valid row to render, sent to a worker: its model, and where to write the document
    (None: return its bytes)."""

    model: FormModel
    target: str | None


@dataclasses.dataclass(frozen=True)
class Rendered:
    """A document made: its bytes (None when it was written to its target) and its warnings."""

    data: bytes | None
    warnings: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class RenderFailed:
    """A row whose document could not be made or saved: the problem's code and Danish message."""

    code: str
    message: str


@dataclasses.dataclass(frozen=True)
class RenderFatal:
    """The template fails for every row: the error's class name and its message."""

    error: str
    message: str


#: What a worker sends back for each :class:`RenderTask`.
Outcome = Rendered | RenderFailed | RenderFatal


def render_one(task: RenderTask, template: Any, tmp_dir: str | None = None) -> Outcome:
    """Render one row; with a target (and the run's ``tmp_dir``) the document is written there."""
    from ..rendering import render

    target = task.target
    try:
        data = render(task.model, target if tmp_dir is None else None, template=template)
        if target is not None and tmp_dir is not None:
            _write_document(data, Path(target), Path(tmp_dir))
    except _FATAL as exc:
        return RenderFatal(type(exc).__name__, exc.message)
    except SamarbejdsdokError as exc:
        code = "template_error" if isinstance(exc, TemplateError) else "output_error"
        return RenderFailed(code, exc.message)
    except OSError as exc:  # the document was made, but not saved
        return RenderFailed(
            "output_error", f"dokumentet kunne ikke gemmes: {describe_os_error(exc)}"
        )
    except Exception as exc:  # one odd row must not stop thousands of others
        return RenderFailed(
            "render_failed", f"dokumentet kunne ikke udfyldes ({type(exc).__name__}: {exc})"
        )
    return Rendered(None if target else data, tuple(getattr(data, "warnings", ())))


def render_batch(tasks: list[RenderTask]) -> list[Outcome]:
    """The worker's job: render a batch of rows with the template it was started with."""
    return [render_one(task, _WORKER_TEMPLATE, _WORKER_TMP) for task in tasks]
