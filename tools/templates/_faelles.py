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
    k.control(doc, f"{{%p if {field} %}}")
    k.para(doc, f"{{{{ {field} }}}}")
    k.control(doc, "{%p else %}")
    k.para(doc, "Der er ikke skrevet noter.", italic=True, muted=True)
    k.control(doc, "{%p endif %}")


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
