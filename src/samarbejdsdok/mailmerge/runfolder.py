"""A run's own locked temporary folder in the output folder, and what killed runs left."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import (
    OutputError,
    describe_os_error,
)


def is_complete_docx(path: Path) -> bool:
    """A document a previous run finished: a readable zip with ``word/document.xml`` whose
    members all pass their CRC check."""
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist() and zf.testzip() is None
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


#: A run's own temporary folder: ``.samarbejdsdok-tmp-XXXXXXXX`` in the output folder.
_RUN_PREFIX = ".samarbejdsdok-tmp-"
_LOCK = "lock"
#: A run folder without a lock file is one that is being made (or a run killed at that very
#: moment): it is left alone for this long.
_UNLOCKED_GRACE = 60.0
#: Temp files of an atomic write beside the documents, as earlier versions left them.
_TMP = re.compile(r"^\..+\.(docx|pdf|csv|zip)\.[A-Za-z0-9_]+\.tmp$")
#: ...are removed when they have not been touched for this long (a write takes milliseconds; a
#: younger one may belong to a ``render`` writing into the folder right now).
_LEGACY_TMP_AGE = 600.0


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on a run's lock file without waiting; False if a live process
    holds it. The lock goes with the process: a killed run's lock is free at once."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class RunFolder:
    """A run's own temporary folder inside an output folder, locked while the run lives.

    Every temporary file of the run (documents being written, the report, the zip archive) is
    made here, so two runs into one folder never see each other's files, and a rename into the
    output folder stays on one file system (atomic). A run that is killed leaves its folder; the
    next run into the same folder removes it, but only when its lock is free: the folder of a
    run that is still going is never touched.
    """

    def __init__(self, parent: Path) -> None:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            remove_stale_runs(parent)
            self.path = Path(tempfile.mkdtemp(prefix=_RUN_PREFIX, dir=parent))
        except OSError as exc:
            raise OutputError(
                f"Kan ikke skrive i mappen {parent}: {describe_os_error(exc)}"
            ) from None
        try:
            if sys.platform == "win32":  # an open file cannot be renamed there
                self._fd = os.open(self.path / _LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
                _try_lock(self._fd)
            else:  # locked before it gets its name, so that no other run can take the lock first
                self._fd, name = tempfile.mkstemp(dir=self.path, prefix="lock-")
                _try_lock(self._fd)  # a new file: nobody else can hold it
                os.replace(name, self.path / _LOCK)
            os.write(self._fd, str(os.getpid()).encode())
        except OSError as exc:
            shutil.rmtree(self.path, ignore_errors=True)
            raise OutputError(
                f"Kan ikke skrive i mappen {parent}: {describe_os_error(exc)}"
            ) from None

    def close(self) -> None:
        """Remove the folder and everything in it (while still holding the lock)."""
        if self._fd < 0:
            return
        if sys.platform == "win32":  # an open file cannot be removed there
            os.close(self._fd)
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            shutil.rmtree(self.path, ignore_errors=True)
            os.close(self._fd)
        self._fd = -1


def remove_stale_runs(out_dir: Path) -> None:
    """Remove what killed runs left in a folder: their run folders (those whose lock nobody
    holds), and temp files of earlier versions that wrote beside the documents. Never a
    document, and never anything of a run that is still going."""
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.name.startswith(_RUN_PREFIX) and entry.is_dir(follow_symlinks=False):
                try:
                    fd = os.open(path / _LOCK, os.O_RDWR)
                except FileNotFoundError:
                    if now - entry.stat(follow_symlinks=False).st_mtime > _UNLOCKED_GRACE:
                        shutil.rmtree(path, ignore_errors=True)
                    continue
                try:
                    stale = _try_lock(fd)
                finally:
                    os.close(fd)
                if stale:
                    shutil.rmtree(path, ignore_errors=True)
            elif (
                _TMP.match(entry.name)
                and entry.is_file(follow_symlinks=False)
                and now - entry.stat(follow_symlinks=False).st_mtime > _LEGACY_TMP_AGE
            ):
                path.unlink()
        except OSError:
            continue


# -- writing documents durably, a batch at a time ------------------------------------------------
#
# A document is written to a new temporary file in the run's folder (:func:`stage`); a batch of
# them is flushed to disk together (:func:`sync_files`); then each is renamed to its name in the
# output folder, and the output folder is flushed once (:func:`sync_folder`). So the output
# folder only ever holds complete documents that are on disk, and a batch of sixteen costs about
# one journal commit instead of sixteen.

#: At most this many fsync calls at once (per process).
_SYNC_THREADS = 8
_sync_pool: tuple[int, ThreadPoolExecutor] | None = None
_sync_lock = threading.Lock()


def stage(data: bytes, tmp_dir: Path) -> tuple[int, str]:
    """Write ``data`` to a new temporary file in ``tmp_dir``: its open file descriptor (for
    :func:`sync_files`, which closes it) and its path. The file is not flushed to disk yet; on
    an error it is removed and the ``OSError`` goes on."""
    fd, path = tempfile.mkstemp(dir=tmp_dir, prefix="dokument-", suffix=".tmp")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o644)
        else:  # Windows
            os.chmod(path, 0o644)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return fd, path


def _pool() -> ThreadPoolExecutor:
    """This process's threads for fsync (a pool inherited over ``fork`` has no threads)."""
    global _sync_pool
    with _sync_lock:
        if _sync_pool is None or _sync_pool[0] != os.getpid():
            _sync_pool = (os.getpid(), ThreadPoolExecutor(_SYNC_THREADS, "samarbejdsdok-fsync"))
        return _sync_pool[1]


def stop_sync_threads() -> None:
    """End this process's fsync threads (a run in this process is over: a process that forks
    workers later should have no idle threads)."""
    global _sync_pool
    with _sync_lock:
        pool, _sync_pool = _sync_pool, None
    if pool is not None and pool[0] == os.getpid():
        pool[1].shutdown(wait=True)


def _sync_and_close(fd: int) -> OSError | None:
    try:
        os.fsync(fd)
    except OSError as exc:
        return exc
    finally:
        os.close(fd)
    return None


def sync_files(fds: list[int]) -> list[OSError | None]:
    """Flush the files to disk and close them: for each, None or the error of its fsync.

    The calls are made at the same time from a few threads: a journaling file system (ext4,
    XFS) then commits them together, where one fsync after another costs a commit each. Every
    file is still flushed (grouped, not skipped)."""
    if len(fds) <= 1:
        return [_sync_and_close(fd) for fd in fds]
    return list(_pool().map(_sync_and_close, fds))


def sync_folder(path: Path) -> None:
    """Flush a folder's entries to disk, so the renames into it survive a power cut (a no-op
    where folders cannot be flushed: Windows, and some network file systems)."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
