"""Template of A7 Samtykkeerklæring (statistik)."""

from __future__ import annotations

from .. import docxkit as k
from . import _samtykke as s

HEADING = "Samtykkeerklæring til helhedsorienteret familieindsats"
#: ``mit barns`` or ``mine børns``: the statistics consent always covers at least one child.
MINE_BOERNS = "{% if boern|length == 1 %}mit barns{% else %}mine børns{% endif %}"
DINE_BOERN = "{% if boern|length == 1 %}dit barn{% else %}dine børn{% endif %}"
BOERNENES = "{% if boern|length == 1 %}barnets{% else %}børnenes{% endif %}"
AREAS = "{{ [omraader.skole and 'skole', omraader.institution and 'institution']|select|liste }}"
CONSENT = (
    "Jeg giver samtykke (»siger ja«) til, at {{ organisation.indsats }} må indsamle "
    f"informationer om {MINE_BOERNS} eventuelle fravær i skole/institution samt "
    "standpunktskarakterer for elever i 8.-9.-10. klasse og nationale test."
)


def build(title: str):
    doc = s.opening(title, "statistik", HEADING, CONSENT)

    s.consent_to(doc, "Områder", "indhente oplysninger fra følgende områder:")
    k.para(doc, "{{ omraader.skole|afkrydset }}  Skole")
    k.para(doc, "{{ omraader.institution|afkrydset }}  Institution")

    k.heading(doc, "Typen af oplysninger", 2)
    k.para(doc, "Oplysningerne er udelukkende omkring fravær og standpunktskarakterer.")
    k.heading(doc, "Formålet med indhentning af oplysninger", 2)
    k.para(
        doc,
        "{{ organisation.indsats }} har brug for at kunne indhente disse data udelukkende til "
        "brug for statistiske målinger.",
    )
    s.confidentiality(
        doc,
        "{{ lov.retssikkerhedsloven_11a.henvisning }}",
        "Personerne, der arbejder med oplysningerne,",
    )

    k.heading(doc, "Periode", 2)
    k.para(
        doc,
        "Denne samtykkeerklæring gælder fra {{ gyldig_fra|dato }} i den periode, hvor "
        f"{DINE_BOERN} deltager i {{{{ organisation.indsats }}}}"
        "{% if gyldig_til %}, dog senest til og med {{ gyldig_til|dato }}{% endif %}.",
    )
    s.data_protection(
        doc,
        purpose="Oplysningerne bruges kun til statistiske målinger af "
        "{{ organisation.indsats }}. Retsgrundlaget er dit samtykke, jf. "
        "{{ lov.gdpr_samtykke.henvisning }}.",
        recipients=f"Oplysningerne indhentes fra {BOERNENES} {AREAS} og bruges kun af "
        "{{ organisation.indsats }} i {{ organisation.kommune }}.",
        retention="{% if gyldig_til %}Samtykket gælder til og med {{ gyldig_til|dato }}; "
        "derefter indhenter vi ikke flere oplysninger på grundlag af det."
        f"{{% else %}}Samtykket gælder, så længe {DINE_BOERN} deltager i "
        "{{ organisation.indsats }}.{% endif %}",
        withdrawal_what="indhentning af oplysninger",
        already_done="indhentet",
        portability=False,
    )
    s.signatures(doc)
    s.sources(doc, ["retssikkerhedsloven_11a", "forvaltningsloven_27", "gdpr_oplysningspligt"])
    return doc
