"""Template of B1 Ansøgning: forældrenes stillingtagen til samarbejde med kommunen."""

from __future__ import annotations

from samarbejdsdok.forms.julemaerkehjem_stillingtagen import JulemaerkehjemStillingtagen

from .. import docxkit as k
from ._faelles import field_table, kv, label, opening, text_or, yes_no


def build(title: str):
    doc = opening(
        title,
        "{{ julemaerkehjem }} · Forældrenes stillingtagen · {{ barn_navn }}",
        sender="{{ julemaerkehjem }} · samarbejde med {{ kommune }}",
    )
    kv(
        doc,
        JulemaerkehjemStillingtagen,
        [
            "barn_navn",
            "kommune",
            ("ansoegningsdato", "{{ ansoegningsdato|dato }}"),
            (
                "foraeldre",
                "{{ foraeldre|map(attribute='navn')|liste }}",
            ),
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
        label(JulemaerkehjemStillingtagen, "accepterer_samarbejde")
        + ":      "
        + yes_no("accepterer_samarbejde"),
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
    field_table(
        doc,
        JulemaerkehjemStillingtagen,
        "f in foraeldre",
        [
            ("Forælder", "{{ f.navn }}"),
            ("dato", "{% if f.dato %}{{ f.dato|dato }}{% else %}\n\n________________{% endif %}"),
            ("Underskrift", "\n\n______________________________"),
        ],
        widths=(5.6, 4.0, 7.0),
    )
    return doc
