"""Template of A12 Dagsorden til netværksmøde for familien.

The preparation questions come from the form's :data:`FORBEREDELSE`; the agenda rows are the
model's computed ``punkter`` (time frame and clock times).
"""

from __future__ import annotations

from docx.shared import Cm

from samarbejdsdok.forms.netvaerksmoede_dagsorden import FORBEREDELSE, NetvaerksmoedeDagsorden

from .. import docxkit as k
from ._faelles import contacts_table, kv, label, opening, optional_line

#: The four participant groups (fields of ``deltagere``).
GRUPPER = ("familiens_voksne", "familiekoordinatorer", "professionelle", "bisiddere")


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · {{ organisation.indsats }} · Dagsorden til netværksmøde "
        "{{ dato|dato }}",
        "Dagsorden til netværksmøde for familien {{ familie_navn }}",
        sharing=True,
    )
    k.para(
        doc,
        "Hermed fremsendes information og dagsorden for "
        "{% if foerste_moede %}det første netværksmøde{% else %}netværksmødet{% endif %} "
        "for familien {{ familie_navn }}.",
    )
    kv(
        doc,
        NetvaerksmoedeDagsorden,
        [
            ("Mødet afholdes", "{{ dato|dato_lang }}, {{ starttid|tidsrum(sluttid) }}"),
            "adresse",
        ],
    )
    k.para(
        doc,
        "Formålet med mødet er at skabe et tværfagligt overblik over familiens samlede "
        "situation samt indgå aftaler om fremtidige indsatser og aktiviteter.",
    )

    k.heading(doc, "Deltagere", 2)
    for field in GRUPPER:
        group = f"deltagere.{field}"
        head = label(NetvaerksmoedeDagsorden, group)
        contacts_table(doc, group, head, "Ingen.", widths=(5.2, 6.4, 5.0))
        if field == "familiens_voksne":  # the children who attend, when any do
            group = "deltagere.familiens_boern"
            k.control(doc, "{%p if " + group + " %}")
            head = label(NetvaerksmoedeDagsorden, group)
            contacts_table(doc, group, head, "Ingen.", widths=(5.2, 6.4, 5.0))
            k.control(doc, "{%p endif %}")

    k.heading(doc, "Din forberedelse til netværksmødet", 2)
    k.para(doc, "Overvej følgende punkter til en kort fremlæggelse på mødet:")
    nr = 0
    for heading_text, questions in FORBEREDELSE:
        k.para(doc, heading_text, bold=True, keep_with_next=True)
        for q in questions:
            nr += 1
            par = k.para(doc, f"{nr}. {q}")
            par.paragraph_format.left_indent = Cm(0.6)

    k.heading(doc, "Dagsorden til netværksmøde", 2)
    agenda = k.loop_table(
        doc,
        ["Punkt", "Emne", "Forventet tidsramme", "Klokkeslæt"],
        [
            "{{ p.nr }}",
            "{{ p.emne }}",
            "{{ p.tidsramme }}",
            "{{ p.start|tidsrum(p.slut) }}",
        ],
        "p in punkter",
        widths=(1.5, 7.6, 4.3, 3.2),
    )
    # The nine items stay together on one page.
    for row in agenda.rows:
        for cell in row.cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True

    k.control(doc, "{%p if over_tiden and slut_senest %}")
    k.para(
        doc,
        "Dagsordenen er længere end den tid, mødet er booket til (til {{ slut_senest|kl }}).",
        muted=True,
    )
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Find vej", 2)
    k.para(doc, "{{ adresse }}")
    optional_line(doc, "koerselsvejledning", "Kørselsvejledning")
    optional_line(doc, "parkering", "Parkering")
    k.control(doc, "{%p if kort %}")
    k.para(doc, "{{ kort }}")  # a note such as "Kort over mødested er vedlagt."
    k.control(doc, "{%p endif %}")
    return doc
