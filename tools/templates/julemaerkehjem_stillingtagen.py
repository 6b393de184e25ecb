"""Template of B1 Ansøgning: forældrenes stillingtagen til samarbejde med kommunen."""

from __future__ import annotations

from .. import docxkit as k
from ._faelles import text_or


def build(title: str):
    doc = k.new_document(title)
    k.footer(doc, "{{ julemaerkehjem }} · Forældrenes stillingtagen · {{ barn_navn }}")
    k.title(doc, title)
    k.rich(doc, ("m", "{{ julemaerkehjem }} · samarbejde med {{ kommune }}"))
    k.kv_table(
        doc,
        [
            ("Barnets navn", "{{ barn_navn }}"),
            ("Kommune", "{{ kommune }}"),
            ("Ansøgningsdato", "{{ ansoegningsdato|dato }}"),
            ("Forældre", "{{ foraeldre|map(attribute='navn')|liste }}"),
        ],
    )
    k.para(
        doc,
        "Samarbejdet mellem kommunen og Julemærkehjemmet er også et samarbejde med familien og "
        "sker med familiens accept. Målet er, at barnet får det størst mulige udbytte af "
        "opholdet, og at indsatsen hænger sammen før, under og efter opholdet.",
    )
    k.heading(doc, "Forældrenes stillingtagen", 2)
    k.para(
        doc,
        "Vi accepterer samarbejde med kommunen:      {{ accepterer_samarbejde|afkrydset }} Ja"
        "      {{ (not accepterer_samarbejde)|afkrydset }} Nej",
        bold=True,
    )
    k.control(doc, "{%p if not accepterer_samarbejde %}")
    k.para(
        doc,
        "Forældrene har svaret nej. {{ julemaerkehjem }} følger op på familier, der ikke ønsker "
        "samarbejdet, og taler med familien om, at samarbejdet er en hjælp.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")
    k.heading(doc, "Bemærkninger", 3)
    text_or(doc, "bemaerkning", "Ingen bemærkninger.")
    k.heading(doc, "Underskrift", 2)
    k.loop_table(
        doc,
        ["Forælder", "Dato", "Underskrift"],
        [
            "{{ f.navn }}",
            "{% if f.dato %}{{ f.dato|dato }}{% else %}\n\n________________{% endif %}",
            "\n\n______________________________",
        ],
        "f in foraeldre",
        widths=(5.6, 4.0, 7.0),
    )
    return doc
