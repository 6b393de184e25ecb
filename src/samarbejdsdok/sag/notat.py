"""A network-meeting note filled in Word, taken into the case file (``sag import-note``).

The note (A14, made with ``sag render --form netvaerksmoede_notat --meeting N --fillable``) is
read back (:func:`samarbejdsdok.read_docx`) and becomes meeting N's notes: its agreements
(the responsible named as the note prints them, each found among the case's people by name or
key), the network's round, the family's story and the team dialogue; the meeting is marked as
held. The whole case is checked before anything is written, so the next family plan, which takes
its agreements from the network meetings, carries what was agreed.

The case file is rewritten in place, atomically, with its comments, order and layout kept: a
YAML file is edited only where the meeting's changed keys are (their places found with PyYAML's
node positions), and the edited text is read back and must give exactly the new case before it
replaces the file. A JSON file (which has no comments) is written whole, in its key order. So no
new dependency (a round-trip YAML library) is needed, and a hand-written case file stays the
caseworker's own.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ArgumentError, DataError, Problem, SamarbejdsdokError
from ..fillable import read_docx
from ..formatting import dato
from .model import Familiemedlem, Moedetype, Netvaerksperson, Sag, SagBase

__all__ = ["ImportedNote", "import_note", "meeting_from_note"]

_FORM = "netvaerksmoede_notat"


@dataclass(frozen=True)
class ImportedNote:
    """What :func:`import_note` did: the file written, the meeting's number and its agreements."""

    path: Path
    meeting: int
    agreements: int


def _people(sag: Sag) -> dict[str, list[str]]:
    """Each way a note may name a person (name or key, folded) -> the keys it can mean."""
    found: dict[str, list[str]] = {}
    people: list[Familiemedlem | Netvaerksperson] = [*sag.familie.medlemmer, *sag.netvaerk]
    for person in people:
        for name in {person.id, person.navn}:
            found.setdefault(" ".join(name.split()).casefold(), []).append(person.id)
    return found


def _key(
    people: dict[str, list[str]], name: str, where: str, title: str
) -> tuple[str | None, Problem | None]:
    keys = sorted(set(people.get(" ".join(name.split()).casefold(), [])))
    if len(keys) == 1:
        return keys[0], None
    why = "findes ikke blandt sagens personer" if not keys else "passer på flere af sagens personer"
    return None, Problem(
        where, title, f"navnet {why}; skriv navnet, som sagen har det", "unknown_person"
    )


def meeting_from_note(sag: SagBase, nr: int, note: Any) -> dict[str, Any]:
    """The keys of meeting ``nr`` (from 1) as the note has them, in the case file's terms
    (JSON values): ``status``, ``aftaler``, ``runde`` and ``notat``.

    Raises:
        ArgumentError: there is no meeting ``nr``, or it is no network meeting.
        DataError: the note is of another meeting (its date), or names someone the case does
            not have (the problem names the agreement or round, not the person).
    """
    if not isinstance(sag, Sag):
        raise ArgumentError(
            f"import-note tager et netværksmødes notat ind i en sag for værktøjskassen "
            f"(model: toolbox); denne sag er for {sag.model}"
        )
    if not 1 <= nr <= len(sag.moeder):
        raise ArgumentError(f"sagen har ikke et møde nr. {nr} (den har {len(sag.moeder)})")
    meeting = sag.moeder[nr - 1]
    if meeting.type != Moedetype.netvaerksmoede:
        raise ArgumentError(
            f"møde nr. {nr} er ikke et netværksmøde; notatet hører til et netværksmøde: angiv "
            "dets nummer"
        )
    if note.dato != meeting.dato:
        raise DataError(
            [
                Problem(
                    "dato",
                    "Dato for mødet",
                    f"notatet er fra et møde den {dato(note.dato)}, men møde nr. {nr} er "
                    f"den {dato(meeting.dato)}",
                    "note_of_another_meeting",
                )
            ],
            form=_FORM,
        )
    people = _people(sag)
    problems: list[Problem] = []
    agreements = []
    for i, a in enumerate(note.aftaler):
        keys = []
        for j, name in enumerate(a.ansvarlige):
            key, problem = _key(people, name, f"aftaler.{i}.ansvarlige.{j}", "Ansvarlige")
            if problem is not None:
                problems.append(problem)
            elif key not in keys:
                keys.append(key)
        entry: dict[str, Any] = {"indhold": a.indhold, "ansvarlige": keys}
        if a.tidsfrist is not None:
            entry["tidsfrist"] = a.tidsfrist.isoformat()
        agreements.append(entry)
    round_ = []
    for i, r in enumerate(note.netvaerkets_runde):
        key, problem = _key(people, r.navn, f"netvaerkets_runde.{i}.navn", "Navn")
        if problem is not None:
            problems.append(problem)
            continue
        row: dict[str, Any] = {"person": key}
        for name in ("hvad_virker", "hvad_udfordrer"):
            if getattr(r, name):
                row[name] = getattr(r, name)
        round_.append(row)
    if problems:
        raise DataError(problems, form=_FORM)
    notes = dict(meeting.notat)
    for name in ("familiens_fortaelling", "teambaseret_dialog"):
        if getattr(note, name):
            notes[name] = getattr(note, name)
        else:
            notes.pop(name, None)
    return {"status": "afholdt", "aftaler": agreements, "runde": round_, "notat": notes}


# --- editing the YAML text where the keys are ------------------------------------------------


def _trimmed_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over the blank and comment lines a node's end takes in."""
    lines = text[start:end].split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start + len("\n".join(lines).rstrip())


class _Dumper(yaml.SafeDumper):
    """Text with line breaks as a literal block (``|-``), as people write it by hand."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text and text == text.strip() and "\r" not in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text)


def _block(key: str, value: Any, column: int) -> str:
    dumped = yaml.dump(
        {key: value},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    ).rstrip("\n")
    pad = " " * column
    return "\n".join(
        line if i == 0 or not line else pad + line for i, line in enumerate(dumped.split("\n"))
    )


def _block_mapping(value: dict[str, Any], column: int) -> str:
    """``value`` as a block mapping whose first line continues where it starts and whose other
    lines are indented to ``column``."""
    return "\n".join(
        _block(key, item, column) if i == 0 else " " * column + _block(key, item, column)
        for i, (key, item) in enumerate(value.items())
    )


def edit_yaml(
    text: str, nr: int, changes: dict[str, Any], whole: dict[str, Any] | None = None
) -> str:
    """``text`` (a case file) with the keys of meeting ``nr`` set to ``changes``, each written
    where the key is (or after the meeting's last key), everything else as it was. A meeting
    written on one line (``- {type: ..., dato: ...}``) is written again as a block, from
    ``whole`` (the meeting with the changes)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    meetings = next(v for k, v in root.value if k.value == "moeder")
    node = meetings.value[nr - 1]
    assert isinstance(node, yaml.MappingNode)
    if node.flow_style and whole is not None:
        start, end = node.start_mark.index, node.end_mark.index
        return text[:start] + _block_mapping(whole, node.start_mark.column) + text[end:]
    column = node.value[0][0].start_mark.column
    edits: list[tuple[int, int, str]] = []
    present = {k.value: (k, v) for k, v in node.value}
    last_end = max(_trimmed_end(text, v.start_mark.index, v.end_mark.index) for _, v in node.value)
    added = []
    for key, value in changes.items():
        if key in present:
            k, v = present[key]
            end = _trimmed_end(text, v.start_mark.index, v.end_mark.index)
            edits.append((k.start_mark.index, end, _block(key, value, column)))
        elif value not in ([], {}, None):
            added.append("\n" + " " * column + _block(key, value, column))
    if added:
        edits.append((last_end, last_end, "".join(added)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def import_note(
    case_file: str | os.PathLike[str],
    note: bytes | str | os.PathLike[str],
    meeting: int,
    *,
    output: str | os.PathLike[str] | None = None,
) -> ImportedNote:
    """Take a filled network-meeting note into meeting ``meeting`` (from 1) of the case file.

    Args:
        case_file: the case file (YAML or JSON).
        note: the filled note (.docx bytes or path), made fillable by samarbejdsdok.
        meeting: the meeting's number in the case.
        output: write the changed case here instead of replacing ``case_file``.

    Returns:
        The file written, the meeting and its number of agreements.

    Raises:
        InputFormatError, DataError: the note cannot be read, is of another meeting, names
            someone the case does not have, or the case with the note has a problem anywhere
            (the whole-case check); nothing is written then.
        OutputError: the file cannot be written (the old one is left as it was).
    """
    from ..engine import write_atomic
    from ..sources import parse_document, read_input
    from . import _from_bytes, load, require_valid

    path = Path(case_file)
    raw = read_input(path, "Sagsfilen")
    sag = _from_bytes(raw, path.name)
    changes = meeting_from_note(sag, meeting, read_docx(_FORM, note))
    data = parse_document(raw, path.name)
    data["moeder"][meeting - 1].update(changes)
    intended = load(data)
    require_valid(intended)
    if path.suffix.lower() == ".json":
        out = (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
    else:
        whole = data["moeder"][meeting - 1]
        out = edit_yaml(raw.decode("utf-8-sig"), meeting, changes, whole).encode("utf-8")
    try:
        written = _from_bytes(out, path.name)
    except SamarbejdsdokError:
        written = None  # the edit broke the file: refused below, the file as it was
    if written is None or written.model_dump() != intended.model_dump():
        raise DataError(  # a safety net: the edit must say exactly what was meant
            [
                Problem(
                    "", "", "sagsfilen kunne ikke rettes sikkert; intet er skrevet", "edit_failed"
                )
            ],
            form="sag",
        )
    target = Path(output) if output is not None else path
    write_atomic(target, out)
    return ImportedNote(target, meeting, len(changes["aftaler"]))
