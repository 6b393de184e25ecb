"""One input row into a validated model: keys resolved to fields, values converted, unflattened,
validated; a problem with a value names the column and (in a workbook) the cell it was written in.

:class:`RowReader` is shared by the merge, ``merge --check`` and ``validate`` on a spreadsheet.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, mask_cpr_numbers
from ..forms import FormModel
from ..profil import apply as apply_profile
from ..sources import BLANK_HEADER, Row
from ..validation import problems_from
from .columns import ColumnResolver, Parts, path_parts
from .values import ABSENT, DATE_FORMATS, convert_value, is_empty


@dataclasses.dataclass(frozen=True)
class CellProblem(Problem):
    """A problem with a value the user wrote in a column of a spreadsheet or CSV file.

    Attributes:
        column: the column's header, exactly as written in the sheet (CPR masked).
        cell: the cell in a workbook (``C7``), else empty.

    It reads with the column first: ``kolonne 'Barnets cpr-nummer 2' (celle C7, felt
    boern.1.cpr): ...``; the field's path follows when the header is a title, the field's title
    when the header is its path.

    >>> print(CellProblem("boern.1.cpr", "Barnets cpr-nummer", "mangler", "x",
    ...                   column="Barnets cpr-nummer 2", cell="C7"))
    kolonne 'Barnets cpr-nummer 2' (celle C7, felt boern.1.cpr): mangler
    >>> print(CellProblem("boern.1.cpr", "Barnets cpr-nummer", "mangler", "x",
    ...                   column="boern.1.cpr"))
    kolonne 'boern.1.cpr' (Barnets cpr-nummer): mangler
    """

    column: str = ""
    cell: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "column", mask_cpr_numbers(self.column))

    def __str__(self) -> str:
        if not self.column:
            return super().__str__()
        extra = [f"celle {self.cell}"] if self.cell else []
        if self.path and self.path.casefold() != self.column.strip().casefold():
            extra.append(f"felt {self.path}")
        elif self.title:
            extra.append(self.title)
        where = f"kolonne '{self.column}'" + (f" ({', '.join(extra)})" if extra else "")
        return mask_cpr_numbers(f"{where}: {self.message}")


@dataclasses.dataclass(frozen=True)
class ReadRow:
    """A row read and validated.

    Attributes:
        number: the row number as the user sees it.
        model: the validated model, when the row is valid.
        problems: what is wrong with it (empty when it is valid or empty).
        empty: the row has no values (it is skipped, not an error).
    """

    number: int
    model: FormModel | None = None
    problems: tuple[Problem, ...] = ()
    empty: bool = False

    @property
    def ok(self) -> bool:
        return self.model is not None


def flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Dotted keys and leaf values of nested dicts and lists.

    >>> list(flatten({"samtykkegiver": {"navn": "A"}, "boern": [{"navn": "B"}], "x.y": 1}))
    [('samtykkegiver.navn', 'A'), ('boern.0.navn', 'B'), ('x.y', 1)]
    """
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from flatten(value, path + ".")
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from flatten(item, f"{path}.{i}.")
                else:
                    yield f"{path}.{i}", item
        else:
            yield path, value


class _Seq(dict):  # type: ignore[type-arg]
    """A list under construction: position as written -> value."""


class _Conflict(Exception):
    pass


def _insert(tree: dict[Any, Any], parts: Parts, value: Any) -> None:
    node = tree
    for i, part in enumerate(parts[:-1]):
        as_list = isinstance(parts[i + 1], int)
        child = node.get(part)
        if child is None:
            child = node[part] = _Seq() if as_list else {}
        elif not isinstance(child, dict) or isinstance(child, _Seq) != as_list:
            raise _Conflict
        node = child
    if parts[-1] in node:
        raise _Conflict
    node[parts[-1]] = value


def _compact(node: Any, prefix: Parts, maps: dict[Parts, list[int]]) -> Any:
    if isinstance(node, _Seq):
        keys = sorted(node)
        maps[prefix] = keys
        return [_compact(node[k], prefix + (i,), maps) for i, k in enumerate(keys)]
    if isinstance(node, dict):
        return {k: _compact(v, prefix + (k,), maps) for k, v in node.items()}
    return node


def _remap(path: str, maps: dict[Parts, list[int]]) -> str:
    """A validation path in closed-up lists -> the positions the user wrote."""
    if not path or not maps:
        return path
    out: list[str] = []
    prefix: Parts = ()
    for part in path_parts(path):
        if isinstance(part, int) and prefix in maps and part < len(maps[prefix]):
            out.append(str(maps[prefix][part]))
        else:
            out.append(str(part))
        prefix += (part,)
    return ".".join(out)


class RowReader:
    """Reads rows into a form's model, as :func:`~samarbejdsdok.mailmerge.merge` does.

    >>> from samarbejdsdok.forms import get_form
    >>> reader = RowReader(get_form("samtykke_generel").model)
    >>> header = "Barnets cpr-nummer 2"
    >>> row = Row(7, {header: "abc"}, tabular=True, columns={header: "C"})
    >>> for p in reader.read(row, 1).problems:
    ...     if p.path == "boern.1.cpr":
    ...         print(p)
    kolonne 'Barnets cpr-nummer 2' (celle C7, felt boern.1.cpr): CPR-nummeret skal have 10 cifre...
    """

    def __init__(self, model: type[FormModel], *, profile: Mapping[str, Any] | None = None) -> None:
        """``profile``: a municipality profile (:func:`samarbejdsdok.profil.load`) filling in
        each row what the form takes from it and the row leaves out (the sender, the consent
        declaration's standard partners)."""
        self.model = model
        self.columns = ColumnResolver(model)
        self.profile = dict(profile) if profile is not None else None

    def read(self, item: Any, position: int) -> ReadRow:
        """Read a :class:`~samarbejdsdok.sources.Row` or a dict (numbered ``position``)."""
        letters: Mapping[str, str] | None = None
        tabular = False
        if isinstance(item, Row):
            number, data, error = item.number, item.data, item.error
            letters = item.columns
            tabular = item.tabular
        else:
            number, data, error = position, item, None
        if error is not None:
            return ReadRow(number, problems=(Problem("", "", error, "input_format"),))
        if not isinstance(data, Mapping):
            message = "rækken skal være et objekt med formularens felter"
            return ReadRow(number, problems=(Problem("", "", message, "model_type"),))

        def at(key: str, path: str, title: str, message: str, code: str) -> Problem:
            if not tabular:
                return Problem(path, title, message, code)
            letter = letters.get(key, "") if letters is not None else ""
            cell = f"{letter}{number}" if letter else ""
            return CellProblem(path, title, message, code, column=key, cell=cell)

        problems: list[Problem] = []
        tree: dict[Any, Any] = {}
        written: dict[str, str] = {}  # field path as written -> the key (column) it came from
        filled = False
        for key, value in flatten(data):
            if is_empty(value):
                continue
            filled = True
            if key.startswith(BLANK_HEADER):
                problems.append(
                    Problem(
                        key[1:],
                        "",
                        "kolonnen har ingen overskrift, men rækken har en værdi i den",
                        "column_without_header",
                    )
                )
                continue
            found = self.columns.resolve(key)
            if isinstance(found, str):
                problems.append(at(key, mask_cpr_numbers(key), "", found, "unknown_column"))
                continue
            parts, target = found
            value = convert_value(value, target)
            if value is ABSENT:
                continue
            try:
                _insert(tree, parts, value)
            except _Conflict:
                problems.append(
                    at(
                        key,
                        mask_cpr_numbers(key),
                        target.title,
                        "feltet er udfyldt mere end én gang i rækken",
                        "duplicate_field",
                    )
                )
                continue
            written[".".join(map(str, parts))] = key
        if not filled:
            return ReadRow(number, empty=True)
        maps: dict[Parts, list[int]] = {}
        nested = _compact(tree, (), maps)
        if self.profile is not None:
            nested = apply_profile(self.model, nested, self.profile)
        model: FormModel | None = None
        try:
            # The list positions as written (blank cells closed up), for boxes ticked by place.
            # pydantic's own validator: its error keeps the values, which a message for a date
            # that does not exist repeats (the model's model_validate drops them).
            model = self.model.__pydantic_validator__.validate_python(
                nested, context={"positions": maps}
            )
        except ValidationError as exc:
            for p in problems_from(exc, self.model, date_formats=DATE_FORMATS):
                path = _remap(p.path, maps)
                column = _column_of(path, written)
                if column is None:
                    problems.append(dataclasses.replace(p, path=path))
                else:
                    problems.append(at(column, path, p.title, p.message, p.code))
        if problems:
            return ReadRow(number, problems=tuple(problems))
        return ReadRow(number, model=model)


def _column_of(path: str, written: Mapping[str, str]) -> str | None:
    """The key a problem's field came from: its own, or that of a list of values it is an item
    of (a cell with one value a line). A problem of a whole object (a field left out) has none."""
    parts = path.split(".")
    key = written.get(path)
    while key is None and len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
        key = written.get(".".join(parts))
    return key
