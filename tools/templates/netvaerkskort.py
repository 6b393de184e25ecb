"""Template of A11 Familiens netværkskort."""

from __future__ import annotations

from samarbejdsdok.forms.netvaerkskort import Netvaerkskort

from .. import docxkit as k
from ._faelles import field_table, kv, opening, optional_section


def build(title: str):
    doc = opening(
        title, "{{ organisation.kommune }} · Netværkskort · {{ familie }}", "Familiens netværkskort"
    )
    kv(
        doc,
        Netvaerkskort,
        [
            "familie",
            ("dato", "{{ dato|dato }}"),
        ],
    )
    k.para(
        doc,
        "Familien står i midten. Jo tættere på midten en person står, jo tættere er personen på "
        "familien. Kortet er delt i fire: familie, venner, professionelle og andre.",
        italic=True,
    )
    k.para(doc, "{{ kort|billede }}")
    k.heading(doc, "Netværket", 2)
    k.para(doc, "I midten: {{ familiemedlemmer|liste }}.")
    field_table(
        doc,
        Netvaerkskort,
        "p in personer",
        ["navn", "relation", "sektor", "naerhed"],
        empty="Der er ingen personer på kortet endnu.",
        widths=(5.2, 5.6, 3.4, 2.4),
    )
    k.para(doc, "Nærhed: 1 = tættest på familien, 3 = fjernest.", muted=True, size=9)
    optional_section(doc, "noter", "Noter")
    return doc
