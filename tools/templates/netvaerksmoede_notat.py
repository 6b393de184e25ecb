"""Template of A14 Notat fra netværksmøde."""

from __future__ import annotations

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
    k.loop_table(
        doc,
        ["Punkt", "Emne"],
        ["{{ loop.index }}", "{{ punkt }}"],
        "punkt in dagsorden",
        empty="Ingen dagsorden noteret.",
        widths=(1.6, 15.0),
    )

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
