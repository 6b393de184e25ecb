"""Template pieces several forms share."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.shared import Cm
from docx.table import Table
from pydantic import BaseModel

from samarbejdsdok.fieldinfo import field_rows

from .. import docxkit as k

#: A contact's phone number and e-mail, one a line; nothing when neither is given.
KONTAKT = "{{ [p.telefon|telefon, p.email]|select|join('\\n') }}"


def agreements_table(doc: Document, model: type[BaseModel], empty: str) -> None:
    """The meeting's agreements (indhold, ansvarlige, tidsfrister): the same table in the
    network meeting's note (A14), the family plan (A9), which takes them over, and the other
    meeting notes."""
    field_table(
        doc,
        model,
        "a in aftaler",
        [
            "indhold",
            ("ansvarlige", "{{ a.ansvarlige|liste }}"),
            ("tidsfrist", "{{ a.tidsfrist|dato }}"),
        ],
        empty=empty,
        widths=(7.6, 5.4, 3.6),
    )


def person(key: str) -> str:
    """A contact on one line: name, function, phone and e-mail, each only when given."""
    return (
        f"{{{{ {key}.navn }}}}"
        f"{{% if {key}.funktion %}}, {{{{ {key}.funktion }}}}{{% endif %}}"
        f"{{% if {key}.telefon %}}, tlf. {{{{ {key}.telefon|telefon }}}}{{% endif %}}"
        f"{{% if {key}.email %}}, {{{{ {key}.email }}}}{{% endif %}}"
    )


def notes(doc: Document, field: str) -> None:
    """A free-text note, or a muted line saying there is none."""
    text_or(doc, field, "Der er ikke skrevet noter.")


def deling_uden_samtykke(doc: Document) -> None:
    """The statement a document carries when it is shared without consent, with the basis."""
    k.control(doc, "{%p if deling_uden_samtykke %}")
    k.rich(
        doc,
        ("b", "Deles uden samtykke. "),
        (
            "",
            "Oplysningerne i dette dokument videregives uden samtykke fra familien med hjemmel i "
            "{{ deling_uden_samtykke }}.",
        ),
    )
    k.control(doc, "{%p endif %}")


def label(model: type[BaseModel], path: str) -> str:
    """The ``title`` of the field at ``path`` of ``model``: the paper form's label, so a template
    prints the same words as the model, its schema and docs.

    Paths are written as everywhere in the package (``samarbejdsdok fields``):
    ``screeningsmoede.tolk``, and ``personer[].navn`` for a field of each item of a list.

    Raises:
        KeyError: the path is not a field of the model, or the field has no title.
    """
    titles = _titles(model)
    if path not in titles:
        raise KeyError(f"{model.__name__}: {path!r} is not a field")
    if not titles[path]:
        raise KeyError(f"{model.__name__}: {path!r} has no title")
    return titles[path]


@functools.cache
def _titles(model: type[BaseModel]) -> dict[str, str]:
    return {row.path: row.title for row in field_rows(model, computed=False)}


#: A row or column named by a field path (``"barn"``, ``"naeste_moede.sted"``), as opposed to
#: one given its own words (``"Dato og tidspunkt"``): field names are lower-case ASCII.
_PATH = re.compile(r"[a-z_][a-z0-9_]*(\[\])?(\.[a-z_][a-z0-9_]*(\[\])?)*")

#: A row of :func:`kv` or a column of :func:`field_table`: a field path alone (its title and its
#: value as it is), or ``(path or own words, value)``.
Row = str | tuple[str, str]


def _title_or_words(model: type[BaseModel], key: str) -> str:
    return label(model, key) if _PATH.fullmatch(key) else key


def kv(
    doc: Document,
    model: type[BaseModel],
    rows: Sequence[Row],
    *,
    widths: tuple[float, float] | None = None,
) -> Table:
    """A label/value table whose labels are the model's titles.

    A row is a field path (``"barn"``: its title and ``{{ barn }}``), ``(path, value)`` for
    a field shown another way, or ``("Own words", value)`` for a row that is no one field.
    """
    pairs = []
    for row in rows:
        key, value = (row, f"{{{{ {row} }}}}") if isinstance(row, str) else row
        pairs.append((_title_or_words(model, key), value))
    return k.kv_table(doc, pairs) if widths is None else k.kv_table(doc, pairs, widths=widths)


def field_table(
    doc: Document,
    model: type[BaseModel],
    loop: str,
    columns: Sequence[Row],
    *,
    of: str | None = None,
    **options: Any,
) -> Table:
    """A table with a row per item of a list field (``loop``: ``"p in personer"``), its column
    headers the titles of the item's fields.

    A column is a field of the item (``"navn"``: the title of ``personer[].navn`` and
    ``{{ p.navn }}``), ``(field, cell)`` for a field shown another way, or
    ``("Own words", cell)`` for a column that is no one field. ``of`` is the list's path when
    the loop runs over an item's list (``"handleplaner[].indsatser"`` for
    ``"h in person.indsatser"``). ``options`` go to :func:`docxkit.loop_table` (``empty``,
    ``widths``, ``size``).
    """
    var, _, items = loop.partition(" in ")
    items = of or items
    headers, cells = [], []
    for column in columns:
        key, cell = (column, f"{{{{ {var}.{column} }}}}") if isinstance(column, str) else column
        headers.append(label(model, f"{items}[].{key}") if _PATH.fullmatch(key) else key)
        cells.append(cell)
    return k.loop_table(doc, headers, cells, loop, **options)


def opening(
    title: str,
    footer: str,
    heading: str | None = None,
    *,
    sharing: bool = False,
    sender: str | None = None,
) -> Document:
    """A new document with its footer, its title (``heading``, by default the form's ``title``),
    the statement of sharing without consent when the form has one (``sharing``) and the
    sender's line: the organisation's, or ``sender`` in a muted line (the Julemærkehjem's
    letters)."""
    doc = k.new_document(title)
    k.footer(doc, footer)
    k.title(doc, heading or title)
    if sharing:
        deling_uden_samtykke(doc)
    if sender is None:
        organisation_line(doc)
    else:
        k.rich(doc, ("m", sender))
    return doc


def organisation_line(doc: Document) -> None:
    """The sender in a muted line: municipality, programme and department (when given)."""
    k.rich(
        doc,
        ("m", "{{ organisation.kommune }} · {{ organisation.indsats }}"),
        ("m", "{% if organisation.afdeling %} · {{ organisation.afdeling }}{% endif %}"),
    )


def yes_no(field: str, after_yes: str = "", *, unsettled: bool = False) -> str:
    """Two check boxes, ``☒ Ja  ☐ Nej``, for a yes/no field; ``after_yes`` follows the Ja.

    With ``unsettled`` the field may be unanswered (``None``): then neither box is ticked and
    ``(ikke afklaret)`` follows. Each box is the field through ``afkrydset`` with its answer,
    so a fillable note form makes each a check box of the field (docs/notatskemaer.md).
    """
    after = f"{{% if {field} is none %}}      (ikke afklaret){{% endif %}}" if unsettled else ""
    return (
        f"{{{{ {field}|afkrydset(true) }}}} Ja{after_yes}      "
        f"{{{{ {field}|afkrydset(false) }}}} Nej{after}"
    )


def value_or(field: str, empty: str, fmt: str = "") -> str:
    """A field's value (through the filter ``fmt``, e.g. ``"kl"``), or ``empty`` when it is not
    given."""
    shown = f"{field}|{fmt}" if fmt else field
    return f"{{% if {field} %}}{{{{ {shown} }}}}{{% else %}}{empty}{{% endif %}}"


def text_or(doc: Document, field: str, empty: str) -> None:
    """A free-text field as a paragraph, or ``empty`` in a muted line when it is not given."""
    k.control(doc, f"{{%p if {field} %}}")
    k.para(doc, f"{{{{ {field} }}}}")
    k.control(doc, "{%p else %}")
    k.para(doc, empty, italic=True, muted=True)
    k.control(doc, "{%p endif %}")


def bullets_or(doc: Document, field: str, empty: str) -> None:
    """A list field as bullets, or ``empty`` in a muted line when the list is empty."""
    k.control(doc, f"{{%p for x in {field} %}}")
    k.bullet(doc, "{{ x }}")
    k.control(doc, "{%p else %}")
    k.para(doc, empty, italic=True, muted=True)
    k.control(doc, "{%p endfor %}")


def optional_section(doc: Document, field: str, heading: str, level: int = 2) -> None:
    """A heading and a free-text field, both left out when the field is not given."""
    k.control(doc, f"{{%p if {field} %}}")
    k.heading(doc, heading, level)
    k.para(doc, f"{{{{ {field} }}}}")
    k.control(doc, "{%p endif %}")


def optional_line(doc: Document, field: str, lead: str) -> None:
    """``lead: value`` with the lead in bold, left out when the field is not given."""
    k.control(doc, f"{{%p if {field} %}}")
    k.rich(doc, ("b", f"{lead}: "), ("", f"{{{{ {field} }}}}"))
    k.control(doc, "{%p endif %}")


def contacts_table(
    doc: Document,
    items: str,
    head: str,
    empty: str,
    *,
    second: str = "Afdeling/funktion",
    widths: tuple[float, float, float] = (4.6, 7.4, 4.6),
) -> None:
    """A list of contacts (``Kontakt``): name, department/function and phone and e-mail."""
    k.loop_table(
        doc,
        [head, second, "Kontaktoplysninger"],
        ["{{ p.navn }}", "{{ p.funktion|stort }}", KONTAKT],
        f"p in {items}",
        empty=empty,
        widths=widths,
    )


def guide_box(doc: Document, heading: str, points: Sequence[str], *, minutes: str = "") -> None:
    """A box of the dialogue guides: a heading and bullet points whose wrapped lines align."""
    box = k.box(doc, heading, [f"•\t{p}" for p in points], minutes=minutes)
    for par in box.rows[1].cells[0].paragraphs:
        par.paragraph_format.left_indent = Cm(0.5)
        par.paragraph_format.first_line_indent = Cm(-0.5)
