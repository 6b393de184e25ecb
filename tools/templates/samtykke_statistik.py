"""Template of A7 Samtykkeerklæring (statistik)."""

from __future__ import annotations

from .. import docxkit as k
from . import _samtykke as s

HEADING = "Samtykkeerklæring til helhedsorienteret familieindsats"
CONSENT = (
    "Jeg giver samtykke (»siger ja«) til, at {{ organisation.indsats }} må indsamle "
    "informationer om mine børns eventuelle fravær i skole/institution samt "
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
    k.para(
        doc,
        "Oplysningerne indhentes efter {{ lov.retssikkerhedsloven_11a.henvisning }}.",
    )
    s.rights(
        doc,
        "Personerne, der arbejder med oplysningerne,",
        "indhentning af oplysninger",
        "indhentet",
    )

    k.heading(doc, "Periode", 2)
    k.para(
        doc,
        "Denne samtykkeerklæring gælder fra {{ gyldig_fra|dato }} i den periode, hvor dit "
        "barn/dine børn deltager i {{ organisation.indsats }}"
        "{% if gyldig_til %}, dog senest til og med {{ gyldig_til|dato }}{% endif %}.",
    )
    s.signatures(doc)
    s.sources(doc, ["retssikkerhedsloven_11a", "forvaltningsloven_27", "gdpr_tilbagekaldelse"])
    return doc
