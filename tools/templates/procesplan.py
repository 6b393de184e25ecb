"""Template of A1 Procesplan.

The table's rows are the model's computed ``faser`` (the source's bullets come from
:data:`samarbejdsdok.forms.procesplan.FASER`); the network meetings of Fase 2 are
``opfoelgninger``.
"""

from __future__ import annotations

from samarbejdsdok.forms.procesplan import Procesplan

from .. import docxkit as k
from ._faelles import kv, opening, optional_section, person


def build(title: str):
    doc = opening(
        title, "{{ organisation.kommune }} · Procesplan · {{ familie_navn }}", "Procesplan"
    )
    kv(
        doc,
        Procesplan,
        [
            "familie_navn",
            ("familiekoordinator", person("familiekoordinator")),
            ("visitation_dato", "{{ visitation_dato|dato or 'Ikke angivet' }}"),
            (
                "screeningsmoede_dato",
                "{{ screeningsmoede_dato|dato or 'Ikke angivet' }}",
            ),
            ("fase1_start", "{{ fase1_start|dato_lang }}"),
            ("Første netværksmøde senest", "{{ foerste_netvaerksmoede|dato_lang }}"),
            ("Forløbet slutter senest", "{{ afslutning|dato_lang }}"),
        ],
    )

    k.heading(doc, "Familiens forløb", 2)
    k.loop_table(
        doc,
        ["Fase", "Indhold", "Fra", "Til", "Varighed"],
        [
            "{{ f.navn }}",
            "{{ f.indhold|join('\\n') }}",
            "{{ f.fra|dato_kort or '–' }}",
            "{{ f.til|dato_kort or '–' }}",
            "{{ f.varighed or '–' }}{% if f.afviger %}\nAfviger fra drejebogen{% endif %}",
        ],
        "f in faser",
        widths=(3.2, 7.4, 2.0, 2.0, 2.4),
        size=9,
    )
    k.control(doc, "{%p if tilpasset %}")
    k.para(
        doc,
        "En varighed, der er tilpasset familien, står med drejebogens ramme i parentes."
        "{% if afvigelser %} {{ afvigelser|liste }} afviger fra drejebogens ramme.{% endif %}",
        italic=True,
    )
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Netværksmøder i fase 2", 2)
    k.para(
        doc,
        "Første netværksmøde (Familiens Plan 2.0) holdes senest, når fase 1 er slut. Derefter "
        "følges der op på planen ca. hver tredje måned, så længe fase 2 varer.",
    )
    k.loop_table(
        doc,
        ["Plan", "Netværksmøde senest"],
        ["{{ m.plan }}", "{{ m.senest|dato_lang }}"],
        "m in opfoelgninger",
        widths=(6.0, 10.6),
    )

    k.heading(doc, "Sådan er datoerne regnet ud", 3)
    for line in (
        "Varigheder regnes i kalendermåneder: en måned efter den 31. januar er den 28. (eller "
        "29.) februar.",
        "Uden en tilpasset varighed bruges den længste varighed i drejebogen: 1 måned for fase 1 "
        "(op til 1 måned), 8 måneder for fase 2 (6–8 måneder) og 2 måneder for fase 3 "
        "(1–2 måneder).",
        "Netværksmøderne og forløbets slutdato er frister: falder de på en lørdag, søndag, "
        "helligdag eller en af kommunens lukkedage, flyttes de til arbejdsdagen før.",
    ):
        k.bullet(doc, line)

    optional_section(doc, "bemaerkninger", "Bemærkninger")
    return doc
