"""Template of E1 Opfølgningsplan."""

from __future__ import annotations

from samarbejdsdok.forms.opfoelgningsplan import Opfoelgningsplan

from .. import docxkit as k
from ._faelles import kv, opening, person

#: The case type in words (the model holds its key).
SAGSTYPE = (
    "{% if sagstype == 'kompensation' %}kompensations- og støttesag{% else %}sag med "
    "børnefaglig undersøgelse eller foranstaltninger{% endif %}"
)


def build(title: str):
    doc = opening(
        title, "{{ organisation.kommune }} · Opfølgningsplan · {{ barn }}", "Opfølgningsplan"
    )
    kv(
        doc,
        Opfoelgningsplan,
        [
            "barn",
            ("sagsbehandler", person("sagsbehandler")),
            ("start", "{{ start|dato }} ({{ maaneder }} måneder)"),
            (
                "sagstype",
                SAGSTYPE.replace("}kompensations", "}Kompensations").replace("}sag ", "}Sag "),
            ),
            ("Opfølgning", "{{ kadence_tekst }}"),
        ],
    )
    k.para(
        doc,
        "Vi følger op {{ kadence_tekst }}. Hyppigheden er fastlagt efter sagens type ("
        + SAGSTYPE
        + ") og kan ikke ændres lokalt. "
        "Opfølgningen sker efter {{ lov.barnets_lov.henvisning }}.",
    )
    k.heading(doc, "Datoer for opfølgning", 2)
    # The rule is the same for every date (one cadence per case type, said above the table).
    k.loop_table(
        doc,
        ["Nr.", "Dato", "Uge"],
        ["{{ o.nr }}", "{{ o.dato|dato_lang|stort }}", "{{ o.dato.isocalendar().week }}"],
        "o in opfoelgninger",
        empty="Planen er for kort til en opfølgning.",
        widths=(1.5, 11.1, 4.0),
    )
    k.para(
        doc,
        "Datoerne er arbejdsdage; en dato, der falder på en weekend, en helligdag eller en af "
        "kommunens lukkedage, flyttes til arbejdsdagen før.",
        muted=True,
        size=9,
    )
    k.control(doc, "{%p if fokus %}")
    k.heading(doc, "Det følger vi op på", 2)
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p for f in fokus %}")
    k.bullet(doc, "{{ f }}")
    k.control(doc, "{%p endfor %}")
    return doc
