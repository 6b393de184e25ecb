"""Template of E4 Mødenotat efter Signs of Safety eller LØFT.

The section headings follow the method (``metode``); the scale belongs to Signs of Safety and
the agreements to LØFT.
"""

from __future__ import annotations

from samarbejdsdok.forms.moedenotat_sos_loeft import MoedenotatSosLoeft

from .. import docxkit as k
from ._faelles import agreements_table, kv, opening

LOEFT = "metode == 'LØFT'"


def _section(doc, sos: str, loeft: str, field: str, empty: str) -> None:
    h = k.heading(doc, f"{{% if {LOEFT} %}}{loeft}{{% else %}}{sos}{{% endif %}}", 2)
    h.paragraph_format.keep_with_next = True
    # The points as a bulleted list (a one-column table headed "Punkt" read like a form).
    k.control(doc, f"{{%p for p in {field} %}}")
    k.bullet(doc, "{{ p }}")
    k.control(doc, "{%p else %}")
    k.para(doc, empty, italic=True)
    k.control(doc, "{%p endfor %}")


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Mødenotat ({{ metode }}) den {{ dato|dato }}",
        "Mødenotat efter {{ metode }}",
    )
    kv(
        doc,
        MoedenotatSosLoeft,
        [
            "familie",
            "metode",
            ("Dato og tidspunkt", "{{ dato|dato_lang }}, {{ starttid|tidsrum(sluttid) }}"),
            ("deltagere", "{{ deltagere|join('\\n') }}"),
        ],
    )
    _section(doc, "Hvad bekymrer os?", "Bekymringer", "bekymringer", "Ingen bekymringer noteret.")
    _section(doc, "Hvad fungerer godt?", "Fungerer", "fungerer", "Intet noteret.")
    _section(doc, "Hvad skal der ske?", "Se ske", "skal_ske", "Intet noteret.")

    k.control(doc, f"{{%p if {LOEFT} %}}")
    k.heading(doc, "Aftaler", 2)
    agreements_table(doc, MoedenotatSosLoeft, "Der blev ikke indgået aftaler.")
    k.control(doc, "{%p else %}")
    k.heading(doc, "Skala", 2)
    k.para(
        doc,
        "På en skala fra 0 til 10, hvor 0 er den værst tænkelige situation, og 10 er, at "
        "situationen er god nok:",
        italic=True,
        keep_with_next=True,
    )
    kv(
        doc,
        MoedenotatSosLoeft,
        [
            # Own labels: the sentence above explains the scale, so no "(0-10)" after each.
            (
                "Familiens placering",
                "{% if skala_familien is not none %}{{ skala_familien }}{% else %}"
                "Ikke angivet{% endif %}",
            ),
            (
                "De professionelles placering",
                "{% if skala_professionelle is not none %}{{ skala_professionelle }}"
                "{% else %}Ikke angivet{% endif %}",
            ),
        ],
    )
    k.control(doc, "{%p endif %}")
    return doc
