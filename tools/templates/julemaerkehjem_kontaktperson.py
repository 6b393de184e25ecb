"""Template of B3 Udpegelse af kontaktperson."""

from __future__ import annotations

from samarbejdsdok.forms.julemaerkehjem_kontaktperson import JulemaerkehjemKontaktperson

from .. import docxkit as k
from ._faelles import field_table, kv, opening, person, yes_no


def build(title: str):
    doc = opening(
        title, "{{ organisation.kommune }} · Udpegelse af kontaktperson · {{ barn_navn }}"
    )
    k.para(
        doc,
        "Tovholderen i kommunen udfylder dette returdokument og sender det til "
        "{{ julemaerkehjem }} via sikker mail.",
        italic=True,
    )
    kv(
        doc,
        JulemaerkehjemKontaktperson,
        [
            "barn_navn",
            "julemaerkehjem",
            ("dato", "{{ dato|dato }}"),
            ("tovholder", person("tovholder")),
            ("kontaktperson", person("kontaktperson")),
        ],
    )
    k.para(
        doc,
        "Kontaktpersonen arbejder videre med barnet og familien og er velkommen til at besøge "
        "barnet under opholdet og deltage i slutsamtalen.",
    )
    k.heading(doc, "Aktiviteter, kommunen tilbyder familien og barnet", 2)
    field_table(
        doc,
        JulemaerkehjemKontaktperson,
        "a in aktiviteter",
        ["aktivitet", "for_hvem", ("kontakt", "{% if a.kontakt %}{{ a.kontakt }}{% endif %}")],
        empty="Kommunen tilbyder ikke aktiviteter i forbindelse med forløbet.",
        widths=(8.0, 4.0, 4.6),
    )
    k.heading(doc, "Udsættelse af opholdet", 2)
    k.para(
        doc,
        "Kommunen ønsker opholdet udsat:      " + yes_no("udsaettelse"),
    )
    k.control(doc, "{%p if udsaettelse %}")
    k.rich(doc, ("b", "Begrundelse: "), ("", "{{ udsaettelse_begrundelse }}"))
    k.para(
        doc,
        "En udsættelse af opholdet sker i samarbejde mellem familien, Julemærkehjemmet og "
        "kommunen.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")
    return doc
