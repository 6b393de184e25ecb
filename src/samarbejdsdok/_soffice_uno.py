"""A resident LibreOffice for PDF export, driven over UNO: run by a Python that has ``uno``.

This file is a program, not a module of the package: :mod:`samarbejdsdok.pdf` runs it with a
Python interpreter that can import LibreOffice's ``uno`` module (Debian's ``python3-uno`` gives
it to ``/usr/bin/python3``; LibreOffice's own installers bring a ``python`` beside ``soffice``),
which is usually not the interpreter the package runs in. So it imports nothing but the standard
library and ``uno``, and is run in isolated mode (``python -I``).

    python -I _soffice_uno.py SOFFICE PROFILE_URL FILTER_JSON

It starts ``SOFFICE`` once, headless, with the profile at ``PROFILE_URL`` and a pipe of its own
for the UNO bridge, and then converts one document per request for as long as it runs. The
protocol is one JSON object a line: it prints ``{"ready": true}`` once LibreOffice answers,
then reads requests ``{"in": PATH, "out": PATH}`` from standard input and answers each with
``{"ok": true}`` or ``{"ok": false, "error": TEXT}``. End of input (or ``{"quit": true}``) ends
LibreOffice and the program. The error text is LibreOffice's exception name only: file names and
document text never leave this program.

``FILTER_JSON`` is the ``writer_pdf_Export`` options as ``{"Name": [type, value]}`` (the
``EXPORT_OPTIONS`` of :mod:`samarbejdsdok.pdf`). If LibreOffice dies, the program prints an error
for the request at hand and exits with status 3; the caller starts a new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

#: How long LibreOffice may take to answer on its pipe after it was started, in seconds.
CONNECT_TIMEOUT = 90.0


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _filter_data(options: dict[str, list[str]]) -> object:
    values = []
    for name, (kind, text) in options.items():
        value: object
        if kind == "boolean":
            value = text == "true"
        elif kind == "long":
            value = int(text)
        else:
            value = text
        values.append(prop(name, value))
    return uno.Any("[]com.sun.star.beans.PropertyValue", tuple(values))


def _say(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def launch(soffice: str, profile_url: str) -> tuple[subprocess.Popen[bytes], Any]:
    """Start ``soffice`` headless with the profile at ``profile_url`` and a pipe of its own, and
    connect: the process and its ``Desktop``. Raises (LibreOffice's exception, LibreOffice
    ended) if it never answers within :data:`CONNECT_TIMEOUT`. Also used by the tests' program
    that fills note forms through LibreOffice (tests/uno_fill.py)."""
    pipe = f"samarbejdsdok-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile_url}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
            return office, desktop
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                end(office, None)
                raise
            time.sleep(0.1)


def end(office: subprocess.Popen[bytes], desktop: Any, timeout: float = 10) -> None:
    """End LibreOffice as it wants to be ended (``terminate``, when ``desktop`` is given),
    killing it if it has not ended within ``timeout`` seconds."""
    if desktop is not None:
        with contextlib.suppress(Exception):
            desktop.terminate()
    try:
        office.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        office.kill()


def main(argv: list[str]) -> int:
    soffice, profile_url, filter_json = argv
    store = (
        prop("FilterName", "writer_pdf_Export"),
        prop("FilterData", _filter_data(json.loads(filter_json))),
    )
    try:
        office, desktop = launch(soffice, profile_url)
    except Exception as exc:
        _say({"ready": False, "error": type(exc).__name__})
        return 3
    try:
        _say({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            if request.get("quit"):
                break
            try:
                doc = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(request["in"]),
                    "_blank",
                    0,
                    (prop("Hidden", True), prop("ReadOnly", True)),
                )
                if doc is None:
                    _say({"ok": False, "error": "not loaded"})
                    continue
                try:
                    doc.storeToURL(uno.systemPathToFileUrl(request["out"]), store)
                finally:
                    doc.close(True)
            except Exception as exc:
                _say({"ok": False, "error": type(exc).__name__})
                if office.poll() is not None:
                    return 3
                continue
            _say({"ok": True})
        return 0
    finally:
        end(office, desktop if office.poll() is None else None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
