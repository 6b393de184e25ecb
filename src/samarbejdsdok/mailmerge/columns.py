"""Column headers (dotted paths or Danish titles) resolved to the form's fields."""

from __future__ import annotations

import difflib
import re

from pydantic import BaseModel

from ..errors import (
    InputFormatError,
)
from ..forms import FormSpec
from ..sources import column_letter
from .catalogue import FieldTarget, form_fields, resolve_form


class ColumnError(InputFormatError):
    """The header row of a spreadsheet names columns that are not fields of the form."""


_DOTTED = re.compile(r"[a-z_][a-z0-9_]*(\.([a-z_][a-z0-9_]*|\d+))*")
INDEX = re.compile(r"(?<=\.)\d+(?=\.|$)")
_NUMBERED_TITLE = re.compile(r"(.*?)\s*(?:nr\.?\s*)?\(?\s*(\d+)\s*\)?")

Parts = tuple[str | int, ...]


def _norm_title(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(":*").strip()


def fill_positions(template: str, numbers: list[int]) -> str:
    it = iter(numbers)
    return ".".join(str(next(it, 0)) if p == "#" else p for p in template.split("."))


def path_parts(path: str) -> Parts:
    return tuple(int(p) if p.isdigit() else p for p in path.split("."))


class ColumnResolver:
    """Resolves column headers (dotted paths or Danish titles) to fields of a form.

    >>> from samarbejdsdok.forms import get_form
    >>> r = ColumnResolver(get_form("samtykke_generel").model)
    >>> r.resolve("Barnets cpr-nummer 2")[0], r.resolve("samtykkegiver.navn")[0]
    (('boern', 1, 'cpr'), ('samtykkegiver', 'navn'))
    >>> r.resolve("samtykkegiver.nvn")
    'feltet findes ikke i formularen (mente du: samtykkegiver.navn, samtykkegiver.cpr?)'
    """

    def __init__(self, model: type[BaseModel]) -> None:
        self.fields = form_fields(model)
        self._titles: dict[str, list[FieldTarget]] = {}
        self._display: dict[str, str] = {}
        for target in self.fields.values():
            if target.path.endswith(".#") and target.path[:-2] in self.fields:
                continue  # the item of a list of plain values shares the list's title
            if target.title:
                key = _norm_title(target.title)
                self._titles.setdefault(key, []).append(target)
                self._display.setdefault(key, target.title)
        self._cache: dict[str, tuple[Parts, FieldTarget] | str] = {}

    def resolve(self, header: str) -> tuple[Parts, FieldTarget] | str:
        """The field path (with list positions) and target of a header, or why there is none
        (a Danish message naming the closest fields or the candidates)."""
        found = self._cache.get(header)
        if found is None:
            found = self._cache[header] = self._resolve(header)
        return found

    def _resolve(self, header: str) -> tuple[Parts, FieldTarget] | str:
        text = header.strip()
        lower = text.lower()
        if _DOTTED.fullmatch(lower):
            target = self.fields.get(INDEX.sub("#", lower))
            if target is not None:
                return path_parts(lower), target
        key = _norm_title(text)
        candidates = self._titles.get(key, [])
        plain = [t for t in candidates if t.depth == 0]
        if len(plain) == 1:
            return path_parts(plain[0].path), plain[0]
        if len(plain) > 1:
            return self._ambiguous(text, [t.path for t in plain])
        m = _NUMBERED_TITLE.fullmatch(key)
        if m and m.group(1) in self._titles:
            n = int(m.group(2))
            listed: list[tuple[str, FieldTarget]] = []
            for t in self._titles[m.group(1)]:
                if t.depth == 1:
                    listed.append((fill_positions(t.path, [n - 1]), t))
                elif t.depth == 0 and t.kind == "list":  # one value of a list of names
                    listed.append((f"{t.path}.{n - 1}", self.fields[t.path + ".#"]))
            if listed and n < 1:
                return "listens elementer tælles fra 1 i en overskrift med titel"
            if len(listed) == 1:
                return path_parts(listed[0][0]), listed[0][1]
            if len(listed) > 1:
                return self._ambiguous(text, [path for path, _ in listed])
        if candidates:
            example = fill_positions(candidates[0].path, [0] * candidates[0].depth)
            return (
                f"feltet hører til en liste; skriv hvilket element, fx "
                f"'{self._display[key]} 1' eller {example}"
            )
        return "feltet findes ikke i formularen" + self._suggestion(text)

    def _ambiguous(self, header: str, paths: list[str]) -> str:
        return f"titlen passer på flere felter: {', '.join(paths)}; brug feltets sti som overskrift"

    def _suggestion(self, header: str) -> str:
        lower = header.strip().lower()
        numbers = [int(n) for n in INDEX.findall(lower)]
        paths = [p for p in self.fields if not (p.endswith(".#") and p[:-2] in self.fields)]
        close = difflib.get_close_matches(INDEX.sub("#", lower), paths, n=3, cutoff=0.6)
        names = [fill_positions(p, numbers) for p in close]
        if not _DOTTED.fullmatch(lower) or not names:  # a title: suggest titles too
            titles = difflib.get_close_matches(
                _norm_title(header), list(self._titles), n=3, cutoff=0.7
            )
            names = [f"'{self._display[t]}'" for t in titles] + names[: 3 - len(titles)]
        return f" (mente du: {', '.join(names)}?)" if names else ""


def check_columns(form: str | FormSpec, headers: list[str | None]) -> None:
    """Check a spreadsheet's header row before any row is merged.

    Raises:
        ColumnError: naming every unknown or ambiguous column (with its letter and the closest
            field names) and every field named by two columns.
    """
    spec = resolve_form(form)
    resolver = ColumnResolver(spec.model)
    problems: list[str] = []
    seen: dict[Parts, str] = {}
    for i, header in enumerate(headers):
        if not header:
            continue
        where = f"kolonne {column_letter(i)} '{header}'"
        found = resolver.resolve(header)
        if isinstance(found, str):
            problems.append(f"{where}: {found}")
            continue
        parts = found[0]
        if parts in seen:
            problems.append(
                f"{where}: feltet {'.'.join(map(str, parts))} har også kolonne {seen[parts]}"
            )
        else:
            seen[parts] = f"{column_letter(i)} '{header}'"
    if problems:
        body = "\n".join(f"  - {p}" for p in problems)
        raise ColumnError(
            f"{len(problems)} fejl i overskriftsrækken (felter i {spec.name}):\n{body}\n"
            f"Se felternes stier og titler med 'samarbejdsdok schema {spec.name}' eller i "
            "docs/forms.md.",
            form=spec.name,
        )
