"""Template of A5 Dialogguide og notatskema: telefonmøde med ny familie.

The boxes come from the form's :data:`AFSNIT`; the call-back time is the model's computed
``tilbageringning``.
"""

from __future__ import annotations

from samarbejdsdok.forms.telefonmoede import AFSNIT, Telefonmoede

from .. import docxkit as k
from ._faelles import guide_box, kv, notes, opening, person, value_or, yes_no


def build(title: str):
    doc = opening(title, "{{ organisation.kommune }} · Telefonmøde · {{ familie_navn }}")

    k.heading(doc, "Telefonmødet", 2)
    kv(
        doc,
        Telefonmoede,
        [
            "familie_navn",
            ("dato", "{{ dato|dato_lang }}"),
            ("tidspunkt", value_or("tidspunkt", "Ikke angivet", "kl")),
            ("interviewer", person("interviewer")),
            ("planlagt", yes_no("planlagt")),
            ("dansk", yes_no("dansk")),
            ("Beregnet tid", "{{ minutter }} minutter"),
            (
                "familien_ringede",
                yes_no("familien_ringede"),
            ),
            (
                "Familiekoordinatoren ringer tilbage",
                "{% if familien_ringede %}Efter 5 minutter"
                "{% if tilbageringning %}, {{ tilbageringning|kl }}{% endif %}"
                "{% else %}Ikke relevant{% endif %}",
            ),
        ],
    )

    k.heading(doc, "Dialogguide til telefonmøde/første kontakt med ny familie", 2)
    k.para(
        doc,
        "Punkterne i boksene nedenunder gennemgås ved den første mundtlige kontakt med ny "
        "familie. Intervieweren gemmer selv relevante noter fra samtalen, som skal bruges på det "
        "efterfølgende screeningsmøde med familien.",
    )
    k.para(
        doc,
        "Beregn 10 minutter til telefonmødet ved planlagt telefonmøde. Beregn længere tid, hvis "
        "ikke mødet er planlagt, eller hvis borgeren ikke kommunikerer på dansk. Til dette "
        "telefonmøde er der beregnet {{ minutter }} minutter.",
    )
    k.para(
        doc,
        "Hvis familien allerede ved første kontakt har behov for afklaring af, hvorvidt den "
        "helhedsorienterede familieplan er relevant for deres familie, kan man inddrage indhold "
        "af dialogguiden til screeningsmødet.",
    )
    k.para(
        doc,
        "Hvis familien har spørgsmål under mødet, kan der med fordel inddrages "
        "erfaringseksempler i besvarelsen.",
    )
    for nr, afsnit in enumerate(AFSNIT, start=1):
        points = list(afsnit.punkter)
        if nr == 1:
            points.append(
                "I de tilfælde hvor familien har taget initiativ til første kontakt med "
                "familiekoordinatoren, laver man en aftale om at ringe tilbage til familien efter "
                "5 minutter, så der bliver mulighed for en kort forberedelse inden selve "
                "telefonmødet."
            )
        guide_box(doc, f"{nr}. {afsnit.titel}", points)

    k.heading(doc, "Notatskema til telefonmøde med ny familie", 2)
    k.para(doc, "Efterfølgende renskrives indholdet i et journalnotat.")
    k.heading(doc, "Generelle noter", 3)
    notes(doc, "generelle_noter")

    k.heading(doc, "Praktiske oplysninger omkring screeningsmødet", 3)
    k.control(doc, "{%p if screeningsmoede %}")
    kv(
        doc,
        Telefonmoede,
        [
            ("screeningsmoede.dato", "{{ screeningsmoede.dato|dato_lang }}"),
            (
                "screeningsmoede.tidspunkt",
                "{% if screeningsmoede.tidspunkt %}{{ screeningsmoede.tidspunkt|kl }}"
                "{% else %}Ikke aftalt{% endif %}",
            ),
            (
                "screeningsmoede.sted",
                "{% if screeningsmoede.sted %}{{ screeningsmoede.sted }}"
                "{% else %}Ikke aftalt{% endif %}",
            ),
            (
                "screeningsmoede.tolk",
                yes_no(
                    "screeningsmoede.tolk",
                    "{% if screeningsmoede.tolk %} – sprog: {{ screeningsmoede.tolk_sprog }}"
                    "{% endif %}",
                ),
            ),
            (
                "screeningsmoede.koerselsvejledning",
                yes_no("screeningsmoede.koerselsvejledning"),
            ),
        ],
    )
    k.control(doc, "{%p else %}")
    k.para(doc, "Screeningsmødet er ikke aftalt.", italic=True, muted=True)
    k.control(doc, "{%p endif %}")
    return doc
