"""Template of B4 Udtalelse og handleplan."""

from __future__ import annotations

from samarbejdsdok.forms.julemaerkehjem_udtalelse import JulemaerkehjemUdtalelse

from .. import docxkit as k
from ._faelles import bullets_or, field_table, kv, opening, person


def _plan(doc, key: str, label: str) -> None:
    """One area of the plan: a table of its goals, or one line when it has none (no table
    with only its header row)."""
    k.heading(doc, label, 3)
    k.control(doc, f"{{%p if {key} %}}")
    field_table(
        doc,
        JulemaerkehjemUdtalelse,
        f"h in {key}",
        ["maal", ("handling", "{% if h.handling %}{{ h.handling }}{% endif %}"), "hvem"],
        widths=(6.0, 6.2, 4.4),
    )
    k.control(doc, "{%p else %}")
    k.para(doc, f"Handleplanen har ingen mål for {label.lower()}.", italic=True, muted=True)
    k.control(doc, "{%p endif %}")


def build(title: str):
    doc = opening(
        title,
        "{{ julemaerkehjem }} · Udtalelse og handleplan · {{ barn_navn }}",
        sender="{{ julemaerkehjem }}",
    )
    kv(
        doc,
        JulemaerkehjemUdtalelse,
        [
            "barn_navn",
            ("Opholdet", "{{ ophold_start|dato }} til {{ ophold_slut|dato }}"),
            ("dato", "{{ dato|dato }}"),
            (
                "Kontaktpædagog",
                "{% if kontaktpaedagog %}" + person("kontaktpaedagog") + "{% else %}Ikke oplyst"
                "{% endif %}",
            ),
            ("tovholder", person("tovholder")),
        ],
    )
    k.para(
        doc,
        "Udtalelsen og handleplanen sendes hurtigt efter opholdet til tovholderen i kommunen, "
        "der videresender dem til barnets kontaktperson. Familien opfordres til at drøfte "
        "handleplanen med kontaktpersonen.",
        italic=True,
    )
    k.heading(doc, "Udtalelse", 2)
    k.heading(doc, "Julemærkehjemmets erfaringer med barnet", 3)
    k.para(doc, "{{ erfaringer }}")
    k.heading(doc, "Anbefalinger", 3)
    bullets_or(doc, "anbefalinger", "Ingen anbefalinger.")
    k.heading(doc, "Handleplan", 2)
    k.para(
        doc,
        "Handleplanen er lavet sammen med familien og handler om, hvordan familien fremover kan "
        "støtte den udvikling, barnet har haft på Julemærkehjemmet. Ud over kost og motion er "
        "der lagt stor vægt på barnets trivsel.",
    )
    _plan(doc, "trivsel", "Trivsel")
    _plan(doc, "kost", "Kost")
    _plan(doc, "motion", "Motion")
    return doc
