"""Template of A3 Mødeguide 1, der også er referatskabelon.

The guide points come from the form's :data:`GUIDEPUNKTER`; the minutes print a note per point.
"""

from __future__ import annotations

from samarbejdsdok.forms.moedeguide_1 import GUIDEPUNKTER, STANDARD_FORBEREDELSE, Moedeguide1

from .. import docxkit as k
from ._faelles import guide_box, kv, notes, opening, person, value_or


def build(title: str):
    # The source names the paper form "Mødeguide 1, der også er referatskabelon"; a filled-in
    # document is the guide and the minutes, not a template.
    doc = opening(
        title,
        "{{ organisation.kommune }} · Møde 1 · {{ familie_navn }}",
        "Mødeguide 1 – referat af første møde med familien",
    )

    k.heading(
        doc, "Møde 1 – Introduktion til den helhedsorienterede familieplan og netværksmødet", 2
    )
    k.rich(doc, ("b", "Deltagere: "), ("", "Familien og familiekoordinatoren."))
    k.para(
        doc,
        "Formålet er at informere familien om den helhedsorienterede familieplan, netværksmødets "
        "form og indhold, samt hvem der er mødeleder, hvad familiens rolle er, og evt. udfylde "
        "skemaer.",
    )
    guide_box(doc, "Guide Møde 1", [g.tekst for g in GUIDEPUNKTER])

    k.heading(doc, "Referat af Møde 1", 2)
    kv(
        doc,
        Moedeguide1,
        [
            "familie_navn",
            ("dato", "{{ dato|dato_lang }}"),
            ("tidspunkt", "{{ tidspunkt|tidsrum(sluttidspunkt) }}"),
            "sted",
            ("familiekoordinator", person("familiekoordinator")),
            ("deltagere", "{{ deltagere|liste }}"),
        ],
    )
    for nr, g in enumerate(GUIDEPUNKTER, start=1):
        if g.notat is None:
            continue
        k.heading(doc, f"{nr}. {Moedeguide1.model_fields[g.notat].title}", 3)
        notes(doc, g.notat)

    k.heading(doc, "Familien forbereder sig til Møde 2", 4)
    k.control(doc, "{%p for f in forberedelse %}")
    k.bullet(doc, "{{ f }}")
    k.control(doc, "{%p else %}")
    k.bullet(doc, STANDARD_FORBEREDELSE)
    k.control(doc, "{%p endfor %}")

    k.heading(doc, f"{len(GUIDEPUNKTER)}. Møde 2", 3)
    k.control(doc, "{%p if moede_2 %}")
    kv(
        doc,
        Moedeguide1,
        [
            ("moede_2.dato", "{{ moede_2.dato|dato_lang }}"),
            ("moede_2.tidspunkt", value_or("moede_2.tidspunkt", "Ikke aftalt", "kl")),
            ("moede_2.sted", value_or("moede_2.sted", "Ikke aftalt")),
        ],
    )
    k.control(doc, "{%p else %}")
    k.para(doc, "Møde 2 er ikke aftalt endnu.", italic=True, muted=True)
    k.control(doc, "{%p endif %}")
    return doc
