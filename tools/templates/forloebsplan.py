"""Template of D1 Forløbsplan."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from samarbejdsdok.forms.forloebsplan import Forloebsplan

from .. import docxkit as k
from ._faelles import kv, opening, value_or


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Forløbsplan · {{ barn }}",
        "Forløbsplan – overblik over forløb",
    )
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    kv(
        doc,
        Forloebsplan,
        [
            "barn",
            "sagsbehandler",
            "anbringelsessted",
            (
                "start",
                "{{ start|dato_lang }}{% if akut %} (akut anbringelse){% endif %}",
            ),
            (
                "udflytning",
                value_or("udflytning", "ikke fastsat", "dato_lang"),
            ),
        ],
        widths=(6.0, 19.3),
    )
    k.heading(doc, "Uge 1–12", 2)
    k.loop_table(
        doc,
        ["Møde", *[str(n) for n in range(1, 13)], "Kommentar"],
        ["{{ r.moedetype }}", *[f"{{{{ r.uger[{i}] }}}}" for i in range(12)], "{{ r.regel }}"],
        "r in gitter",
        widths=(3.6, *([0.75] * 12), 12.7),
        size=9,
    )
    k.heading(doc, "Alle planlagte møder", 2)
    k.loop_table(
        doc,
        ["Dato", "Uge", "Møde", "Regel"],
        ["{{ m.dato|dato_lang }}", "{{ m.uge }}", "{{ m.navn }}", "{{ m.regel }}"],
        "m in moeder",
        widths=(6.5, 1.5, 7.5, 9.8),
    )
    k.control(doc, "{%p if indskrivning_uden_sagsbehandler %}")
    k.para(
        doc,
        "Sagsbehandleren var ikke med ved indskrivningen: børnesamtalen holdes inden for 24 timer.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p if afgoerelser %}")
    k.para(
        doc,
        "Afgørelser: {{ afgoerelser|map('dato')|list|liste }}. Der holdes en børnesamtale "
        "før hver afgørelse.",
    )
    k.control(doc, "{%p endif %}")
    k.para(
        doc,
        "Datoerne er arbejdsdage. En frist, der falder på en weekend, en helligdag eller en af "
        "kommunens lukkedage, flyttes til arbejdsdagen før, og det næste møde holdes højst "
        "den fastsatte tid efter det flyttede. Samtaler inden for 24 eller 48 timer efter en "
        "akut anbringelse holdes også uden for arbejdstid (Døgnvagten). Møderne holdes efter "
        "{{ lov.barnets_lov.henvisning }}.",
        muted=True,
        size=9,
    )
    return doc
