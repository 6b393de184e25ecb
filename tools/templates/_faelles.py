"""Template pieces several forms share."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.shared import Cm
from pydantic import BaseModel

from .. import docxkit as k

#: A contact's phone number and e-mail, one a line; nothing when neither is given.
KONTAKT = "{{ [p.telefon|telefon, p.email]|select|join('\\n') }}"


def agreements_table(doc: Document, empty: str) -> None:
    """The network meeting's agreements (indhold, ansvarlige, tidsfrister): the same table in
    the note (A14) and in the family plan (A9), which takes them over."""
    k.loop_table(
        doc,
        ["Indhold", "Ansvarlige", "Tidsfrister"],
        ["{{ a.indhold }}", "{{ a.ansvarlige|liste }}", "{{ a.tidsfrist|dato }}"],
        "a in aftaler",
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
    """The ``title`` of the field at ``path`` (``"screeningsmoede.tolk"``) of ``model``: the
    paper form's label, so a template prints the same words as the model, its schema and docs.

    Nested models and list items are walked through (``"deltagere.netvaerket.navn"``).

    Raises:
        KeyError: a name of the path is not a field, or the field has no title.
    """
    current: type[BaseModel] | None = model
    title = None
    for i, name in enumerate(path.split(".")):
        if current is None or name not in current.model_fields:
            owner = current.__name__ if current is not None else "a value that is not a model"
            raise KeyError(f"{model.__name__}: {path!r}: {name!r} is not a field of {owner}")
        info = current.model_fields[name]
        title = info.title
        if not title:
            raise KeyError(f"{model.__name__}: {path!r}: field {name!r} has no title")
        current = _model_in(info.annotation) if i < path.count(".") else None
    assert title is not None
    return title


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds: itself, or inside ``X | None``, ``list[X]``,
    ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def opening(
    title: str, footer: str, heading: str | None = None, *, sharing: bool = False
) -> Document:
    """A new document with its footer, its title (``heading``, by default the form's ``title``),
    the statement of sharing without consent when the form has one (``sharing``) and the
    sender's line."""
    doc = k.new_document(title)
    k.footer(doc, footer)
    k.title(doc, heading or title)
    if sharing:
        deling_uden_samtykke(doc)
    organisation_line(doc)
    return doc


def organisation_line(doc: Document) -> None:
    """The sender in a muted line: municipality, programme and department (when given)."""
    k.rich(
        doc,
        ("m", "{{ organisation.kommune }} · {{ organisation.indsats }}"),
        ("m", "{% if organisation.afdeling %} · {{ organisation.afdeling }}{% endif %}"),
    )


def yes_no(field: str, after_yes: str = "") -> str:
    """Two check boxes, ``☒ Ja  ☐ Nej``, for a yes/no field; ``after_yes`` follows the Ja."""
    return f"{{{{ {field}|afkrydset }}}} Ja{after_yes}      {{{{ (not {field})|afkrydset }}}} Nej"


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
    second: str = "Afdeling/Funktion",
    widths: tuple[float, float, float] = (4.6, 7.4, 4.6),
) -> None:
    """A list of contacts (``Kontakt``): name, department/function and phone and e-mail."""
    k.loop_table(
        doc,
        [head, second, "Kontaktoplysninger"],
        ["{{ p.navn }}", "{{ p.funktion }}", KONTAKT],
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
