"""Template pieces several forms share."""

from __future__ import annotations

from docx.document import Document

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
