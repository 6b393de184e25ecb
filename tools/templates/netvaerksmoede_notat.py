"""Template of A14 Notat fra netværksmøde."""

from __future__ import annotations

from docx.shared import Cm, Pt

from samarbejdsdok.forms.netvaerksmoede_notat import NetvaerksmoedeNotat

from .. import docxkit as k
from ._faelles import agreements_table, contacts_table, field_table, kv, opening, text_or


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Notat fra netværksmøde den {{ dato|dato }}",
        "Notat fra netværksmøde",
        sharing=True,
    )
    kv(
        doc,
        NetvaerksmoedeNotat,
        [
            ("familiens_navne", "{{ familiens_navne|liste }}"),
            (
                "Dato og tidspunkt for mødet",
                "{{ dato|dato_lang }}, {{ starttid|tidsrum(sluttid) }}",
            ),
        ],
    )
    k.control(doc, "{%p if moedeleder or referent %}")
    k.rich(
        doc,
        ("b", "{% if moedeleder %}Mødeleder: {% endif %}"),
        ("", "{{ moedeleder }}"),
        ("", "{% if moedeleder and referent %}{{ '\\n' }}{% endif %}"),
        ("b", "{% if referent %}Referent: {% endif %}"),
        ("", "{{ referent }}"),
    )
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Mødedeltagere", 2)
    kv(
        doc,
        NetvaerksmoedeNotat,
        [
            (
                "deltagere.familien",
                "{{ deltagere.familien|liste or 'Ingen fra familien deltog.' }}",
            )
        ],
    )
    contacts_table(doc, "deltagere.netvaerket", "Netværket", "Ingen fra netværket deltog.")
    contacts_table(doc, "deltagere.afbud", "Afbud", "Ingen afbud.")

    k.heading(doc, "Dagsorden", 2)
    # A numbered list, as the agenda was sent out (a table headed "Punkt" read like a form).
    k.control(doc, "{%p for punkt in dagsorden %}")
    item = k.para(doc, "{{ loop.index }}.\t{{ punkt }}")
    item.paragraph_format.left_indent = Cm(0.7)
    item.paragraph_format.first_line_indent = Cm(-0.7)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(0.7))
    item.paragraph_format.space_after = Pt(2)
    k.control(doc, "{%p else %}")
    k.para(doc, "Ingen dagsorden noteret.", italic=True, muted=True)
    k.control(doc, "{%p endfor %}")

    k.heading(doc, "Familiens fortælling og bedste håb for mødet", 2)
    text_or(doc, "familiens_fortaelling", "Ikke noteret.")

    k.heading(doc, "Netværkets præsentationsrunde", 2)
    intro = k.para(doc, "Fokusområder: hvad virker, og hvad udfordrer?", italic=True)
    intro.paragraph_format.keep_with_next = True
    field_table(
        doc,
        NetvaerksmoedeNotat,
        "r in netvaerkets_runde",
        [
            (
                "Navn og afdeling",
                "{{ r.navn }}{% if r.afdeling %}{{ '\\n' }}{{ r.afdeling }}{% endif %}",
            ),
            "hvad_virker",
            "hvad_udfordrer",
        ],
        empty="Netværkets runde er ikke noteret.",
        widths=(4.4, 6.1, 6.1),
    )

    k.heading(doc, "Teambaseret dialog", 2)
    text_or(doc, "teambaseret_dialog", "Ikke noteret.")

    k.heading(doc, "Aftaler fra netværksmødet", 2)
    intro = k.para(doc, "Aftalerne indsættes i familieplanen.", italic=True)
    intro.paragraph_format.keep_with_next = True
    agreements_table(doc, NetvaerksmoedeNotat, "Der blev ikke indgået aftaler.")

    k.heading(doc, "Næste netværksmøde", 2)
    k.control(doc, "{%p if naeste_netvaerksmoede %}")
    k.para(doc, "Næste netværksmøde holdes {{ naeste_netvaerksmoede|dato_lang }}.")
    k.control(doc, "{%p else %}")
    k.para(doc, "Dato for næste netværksmøde er ikke aftalt endnu.")
    k.control(doc, "{%p endif %}")
    return doc
