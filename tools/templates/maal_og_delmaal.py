"""Template of D3 Mål og delmål.

One section per goal: its heading, the goal in the child's or the family's own words (when
given), and a table of its sub-goals with who is responsible, the deadline and the status.
"""

from __future__ import annotations

from samarbejdsdok.forms.maal_og_delmaal import MaalOgDelmaal

from .. import docxkit as k
from ._faelles import field_table, kv, opening


def build(title: str):
    doc = opening(title, "{{ organisation.kommune }} · Mål og delmål for {{ barn_navn }}")
    # the next revision is said once, in the closing section (not in this table as well)
    kv(doc, MaalOgDelmaal, ["barn_navn", ("dato", "{{ dato|dato }}")])
    k.para(
        doc,
        "Målene er skrevet sammen med barnet/den unge og familien og delt op i konkrete "
        "delmål, så alle kan se, hvad vi arbejder hen imod, og hvornår vi er i mål. På vores "
        "møder følger vi op på delmålene, og vi justerer målene sammen, når der er brug for det.",
        italic=True,
    )

    k.heading(doc, "Deltagere", 2)
    field_table(
        doc,
        MaalOgDelmaal,
        "d in deltagere",
        ["navn", ("rolle", "{{ d.rolle|stort }}{% if d.funktion %} ({{ d.funktion }}){% endif %}")],
        widths=(6.0, 10.6),
    )

    k.control(doc, "{%p for m in maal %}")
    k.heading(doc, "Mål {{ loop.index }}: {{ m.maal }}", 2)
    k.control(doc, "{%p if m.egne_ord %}")
    p = k.rich(doc, ("b", "Med egne ord: "), ("i", "»{{ m.egne_ord }}«"))
    p.paragraph_format.keep_with_next = True
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p if m.revideret %}")
    p = k.rich(doc, ("m", "Senest revideret {{ m.revideret|dato }}"))
    p.paragraph_format.keep_with_next = True
    k.control(doc, "{%p endif %}")
    field_table(
        doc,
        MaalOgDelmaal,
        "s in m.delmaal",
        [
            "delmaal",
            "ansvarlig",
            ("tidsfrist", "{{ s.tidsfrist|dato }}"),
            ("status", "{{ s.status|stort }}"),
        ],
        of="maal[].delmaal",
        widths=(6.4, 3.8, 3.4, 3.0),
    )
    k.control(doc, "{%p endfor %}")

    k.heading(doc, "Næste revision", 2)
    k.para(
        doc,
        "Vi ser på målene og delmålene sammen igen {{ naeste_revision|dato_lang }}.",
    )
    return doc
