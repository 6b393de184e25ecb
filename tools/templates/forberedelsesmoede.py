"""Template of A10 Dialogguide og notatskema til forberedelsesmøde med familien.

The boxes come from the form's :data:`AFSNIT`; the note form follows the paper form's headings.
"""

from __future__ import annotations

from samarbejdsdok.forms.forberedelsesmoede import AFSNIT, Forberedelsesmoede

from .. import docxkit as k
from ._faelles import bullets_or, guide_box, kv, notes, opening, person, text_or, value_or, yes_no


def build(title: str):
    doc = opening(title, "{{ organisation.kommune }} · Forberedelsesmøde · {{ familie_navn }}")

    k.heading(doc, "Forberedelsesmødet", 2)
    kv(
        doc,
        Forberedelsesmoede,
        [
            "familie_navn",
            ("dato", "{{ dato|dato_lang }}"),
            ("tidspunkt", value_or("tidspunkt", "Ikke angivet", "kl")),
            ("sted", value_or("sted", "Ikke angivet")),
            ("familiekoordinator", person("familiekoordinator")),
        ],
    )

    k.heading(doc, "Dialogguide til familiekoordinatoren", 2)
    k.para(doc, "Følgende punkter gennemgås sammen med familien på forberedelsesmødet.")
    k.para(
        doc,
        "Efterfølgende renskrives indholdet i journalnotat, eller det tilhørende skema til noter "
        "scannes og dokumenttilknyttes til sagen.",
    )
    for nr, afsnit in enumerate(AFSNIT, start=1):
        guide_box(doc, f"{nr}. {afsnit.titel}", afsnit.punkter)

    k.heading(doc, "Notatskema til familiekoordinatoren", 2)
    k.para(doc, "Følgende punkter noteres – efterfølgende lagres oplysningerne på sagen.")

    k.heading(doc, f"1. {AFSNIT[0].titel}", 3)
    notes(doc, "noter_dagsorden")

    k.heading(doc, f"2. {AFSNIT[1].titel}", 3)
    k.para(
        doc,
        "Ændringer og tilføjelser til netværksmødets dagsorden:",
        bold=True,
        keep_with_next=True,
    )
    bullets_or(doc, "dagsorden_aendringer", "Familien har ingen ændringer eller tilføjelser.")

    k.heading(doc, f"3. {AFSNIT[2].titel}", 3)
    k.para(doc, "Familiens rolle på netværksmødet:", bold=True, keep_with_next=True)
    k.para(
        doc,
        "{{ familiens_rolle|afkrydset('aktiv') }} Familien er aktiv og udtaler sig selv",
    )
    k.para(
        doc,
        "{{ familiens_rolle|afkrydset('koordinator') }} Familiekoordinatoren udtaler sig på "
        "familiens vegne{% if familiens_rolle is none %}      (ikke afklaret){% endif %}",
    )
    notes(doc, "noter_deltagelse")
    k.heading(doc, "Familiens udtalelse til netværksmødet", 4)
    text_or(doc, "udtalelse", "Udtalelsen er ikke udarbejdet.")

    k.heading(doc, f"4. {AFSNIT[3].titel}", 3)
    # Who and the role only when the family wants a bisidder (no rows left empty).
    k.control(doc, "{%p if bisidder %}")
    kv(
        doc,
        Forberedelsesmoede,
        [
            ("bisidder", yes_no("bisidder")),
            ("bisidder_navn", "{{ bisidder_navn }}"),
            ("bisidder_rolle", value_or("bisidder_rolle", "Ikke aftalt")),
        ],
    )
    k.control(doc, "{%p else %}")
    kv(doc, Forberedelsesmoede, [("bisidder", yes_no("bisidder"))])
    k.control(doc, "{%p endif %}")

    k.heading(doc, f"5. {AFSNIT[4].titel}", 3)
    kv(
        doc,
        Forberedelsesmoede,
        [
            (
                "Hvornår",
                "{% if netvaerksmoede %}{{ netvaerksmoede.dato|dato_lang }}"
                "{% if netvaerksmoede.tidspunkt %}, "
                "{{ netvaerksmoede.tidspunkt|tidsrum(netvaerksmoede.sluttidspunkt) }}{% endif %}"
                "{% else %}Ikke aftalt{% endif %}",
            ),
            (
                "Hvor",
                "{% if netvaerksmoede and netvaerksmoede.sted %}{{ netvaerksmoede.sted }}"
                "{% else %}Ikke aftalt{% endif %}",
            ),
            (
                "pasning",
                value_or("pasning", "Ikke aftalt"),
            ),
        ],
    )
    notes(doc, "noter_praksis")
    return doc
