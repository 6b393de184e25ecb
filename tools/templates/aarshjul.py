"""Template of E2 Årshjul."""

from __future__ import annotations

from .. import docxkit as k
from ._faelles import opening


def build(title: str):
    doc = opening(
        title, "{{ organisation.kommune }} · Årshjul {{ aar }} · {{ familie }}", "Årshjul {{ aar }}"
    )
    k.para(doc, "{{ familie }}", bold=True, size=13)
    k.para(
        doc,
        "Årshjulet viser årets faste møder og aktiviteter måned for måned. De præcise datoer "
        "aftaler sagsbehandleren med jer.",
        italic=True,
    )
    k.para(doc, "{{ hjul|billede }}")
    k.heading(doc, "Måned for måned", 2)
    k.loop_table(
        doc,
        ["Måned", "Aktiviteter"],
        ["{{ m.maaned }}", "{{ m.aktiviteter|liste }}"],
        "m in maaneder",
        widths=(3.5, 13.1),
    )
    k.control(doc, "{%p if opfoelgning %}")
    k.para(
        doc,
        "Opfølgningerne følger sagens type ({% if opfoelgning.sagstype == 'kompensation' %}"
        "kompensations- og støttesag{% else %}sag med børnefaglig undersøgelse eller "
        "foranstaltninger{% endif %}) og regnes fra "
        "{{ opfoelgning.start|dato }}.",
        muted=True,
        size=9,
    )
    k.control(doc, "{%p endif %}")
    return doc
