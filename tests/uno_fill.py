"""Fill a fillable note form's controls through LibreOffice's own API (UNO), as a program.

Run by tests/test_fillable_libreoffice.py with a Python that has LibreOffice's ``uno`` module
(:func:`samarbejdsdok.pdf.find_uno_python`), in isolated mode, so it imports nothing but the
standard library and ``uno``:

    python -I uno_fill.py WORKER SOFFICE PROFILE_URL JOBS.json

``WORKER`` is the package's own UNO program (``samarbejdsdok.pdf.UNO_WORKER``), loaded from its
path for its ``launch``, ``end`` and ``prop``. It starts ``SOFFICE`` headless with the profile
at ``PROFILE_URL`` and a pipe of its own, and for each job ``{"in": PATH, "out": PATH,
"controls": [...]}`` opens ``in`` hidden, fills its controls and stores it as ``out`` with the
filter "MS Word 2007 XML" (.docx). It prints one JSON
object: ``{"documents": [{"ok": true} | {"ok": false, "error": TEXT}, ...]}``.

``controls`` lists the document's controls in document order, as the blank document has them:
``{"kind": "text" | "date" | "checkbox" | "dropdown", "title": ..., "placeholder": ...,
"value": ...}``; ``value`` is the text to type (text), ``{"date": "YYYY-MM-DD", "texts":
{FORMAT: TEXT}}`` (date: the text shown for each date format), true/false (check box), the item
to pick (drop-down), or null to leave the control as it is.

What LibreOffice 7.4 makes of the controls when it opens a .docx (docs/notatskemaer.md):

* a plain text control (``w:text``) is an input field (``com.sun.star.text.textfield.Input``),
  its text the field's ``Content``, its title in the field's ``InteropGrabBag``
  (``ooxml:CT_SdtPr_alias``); its tag and placeholder flag are gone. Typing is setting
  ``Content``;
* a check box, a date picker and a drop-down list are content controls
  (``com.sun.star.text.ContentControl``, reached through a text portion of type
  ``ContentControl``), with ``Checkbox``/``Checked``/``CheckedState``/``UncheckedState``,
  ``Date``/``DateFormat``/``DateLanguage``/``CurrentDate``, ``ListItems`` and
  ``ShowingPlaceHolder``, but no title or tag. Setting ``Checked`` or ``CurrentDate`` does not
  change the text shown, so the text is replaced too, through a cursor in the control (the
  control's anchor would replace the control itself).

Controls are matched by order, each checked against the blank document's kind, placeholder
text and (for text) title; a document that does not match is not stored.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from typing import Any

import uno  # type: ignore[import-not-found]

#: samarbejdsdok/_soffice_uno.py, loaded by :func:`main` from the path it is given.
_worker: Any = None


def _load(path: str) -> Any:
    spec = importlib.util.spec_from_file_location("_soffice_uno", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _prop(name: str, value: object) -> Any:
    return _worker.prop(name, value)


def _portions(text: Any) -> Iterator[Any]:
    """Every text portion of ``text`` in document order, table cells row by row."""
    paragraphs = text.createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if paragraph.supportsService("com.sun.star.text.TextTable"):
            for name in paragraph.getCellNames():
                yield from _portions(paragraph.getCellByName(name))
            continue
        portions = paragraph.createEnumeration()
        while portions.hasMoreElements():
            yield portions.nextElement()


def _grab_bag(field: Any) -> dict[str, Any]:
    return {p.Name: p.Value for p in field.InteropGrabBag}


def controls(doc: Any) -> list[tuple[str, Any]]:
    """The document's controls in order: (kind, input field or content control)."""
    found: list[tuple[str, Any]] = []
    for portion in _portions(doc.getText()):
        kind = portion.TextPortionType
        if kind == "TextField":
            field = portion.TextField
            if field.supportsService("com.sun.star.text.textfield.Input") and any(
                name.startswith("ooxml:CT_SdtPr_") for name in _grab_bag(field)
            ):
                found.append(("text", field))
        elif kind == "ContentControl":
            control = portion.ContentControl
            if control.Checkbox:
                found.append(("checkbox", control))
            elif control.Date:
                found.append(("date", control))
            elif len(control.ListItems):
                found.append(("dropdown", control))
            else:
                found.append(("richtext", control))
    return found


def _shown(control: Any) -> str:
    return str(control.getAnchor().getString())


def _replace_text(control: Any, text: str) -> None:
    """Replace what a content control shows with ``text`` (a cursor inside the control,
    across its whole text)."""
    cursor = control.createTextCursor()
    cursor.goRight(len(_shown(control)), True)
    cursor.setString(text)
    with contextlib.suppress(Exception):  # the placeholder's grey
        cursor.goLeft(len(text), True)
        cursor.setPropertyToDefault("CharColor")


def _mismatch(n: int, want: dict[str, Any], kind: str, target: Any) -> str | None:
    if kind != want["kind"]:
        return f"control {n}: {kind}, expected {want['kind']}"
    if kind == "text":
        if target.Content != want["placeholder"]:
            return f"control {n}: text field not showing its placeholder"
        if _grab_bag(target).get("ooxml:CT_SdtPr_alias") != want["title"]:
            return f"control {n}: title differs"
    elif kind in ("date", "dropdown") and (
        not target.ShowingPlaceHolder or _shown(target) != want["placeholder"]
    ):
        return f"control {n}: not showing its placeholder"
    return None


def fill(doc: Any, wanted: list[dict[str, Any]]) -> str | None:
    """Fill the document's controls; an error text if they are not the ones expected."""
    found = controls(doc)
    if len(found) != len(wanted):
        return f"{len(found)} controls, expected {len(wanted)}"
    for n, (want, (kind, target)) in enumerate(zip(wanted, found, strict=True)):
        problem = _mismatch(n, want, kind, target)
        if problem:
            return problem
    for want, (kind, target) in zip(wanted, found, strict=True):
        value = want["value"]
        if value is None:
            continue
        if kind == "text":
            target.Content = value
            target.update()
        elif kind == "checkbox":
            target.Checked = bool(value)
            _replace_text(target, target.CheckedState if value else target.UncheckedState)
        elif kind == "date":
            target.CurrentDate = f"{value['date']}T00:00:00Z"
            # LibreOffice gives Word's 'den' (a literal) as "den"
            _replace_text(target, value["texts"][target.DateFormat.replace('"', "'")])
            target.ShowingPlaceHolder = False
        elif kind == "dropdown":
            items = {
                {p.Name: p.Value for p in item}["Value"]: {p.Name: p.Value for p in item}
                for item in target.ListItems
            }
            _replace_text(target, items[value]["DisplayText"])
            target.ShowingPlaceHolder = False
    return None


def main(argv: list[str]) -> int:
    global _worker
    worker, soffice, profile_url, jobs_path = argv
    _worker = _load(worker)
    with open(jobs_path, encoding="utf-8") as fh:
        jobs = json.load(fh)
    results: list[dict[str, Any]] = []
    office, desktop = _worker.launch(soffice, profile_url)
    try:
        store = (_prop("FilterName", "MS Word 2007 XML"),)
        for job in jobs:
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(job["in"]), "_blank", 0, (_prop("Hidden", True),)
            )
            if doc is None:
                results.append({"ok": False, "error": "not loaded"})
                continue
            try:
                problem = fill(doc, job["controls"])
                if problem is None:
                    doc.storeToURL(uno.systemPathToFileUrl(job["out"]), store)
            except Exception as exc:
                problem = f"{type(exc).__name__}: {exc}"
            finally:
                doc.close(True)
            results.append({"ok": True} if problem is None else {"ok": False, "error": problem})
    finally:
        _worker.end(office, desktop, timeout=20)
    sys.stdout.write(json.dumps({"documents": results}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
