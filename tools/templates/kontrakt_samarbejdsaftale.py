"""Template of E5 Kontraktbaseret samarbejdsaftale.

The agreement is handed to the family: it opens with a short text for the parents in plain
Danish, says in two sentences whom the family and whom the caseworker keeps in touch with, and
then lists each outside party with who coordinates and how. The party's type is shown after its
name unless the name already says it ("Skovlyskolen", "PPR Furesø").
"""

from __future__ import annotations

from samarbejdsdok.forms.kontrakt_samarbejdsaftale import KontraktSamarbejdsaftale

from .. import docxkit as k
from ._faelles import field_table, kv, opening, person

#: A no-break space keeps a two-word contact form ("digital post") on one line.
NBSP = "\u00a0"
#: The parties the family, and the parties the caseworker, coordinates with.
FAMILIEN = (
    "koordineringer|selectattr('koordinerer', 'equalto', 'familien')|map(attribute='part')|list"
)
SAGSBEHANDLEREN = (
    "koordineringer|selectattr('koordinerer', 'equalto', 'sagsbehandleren')"
    "|map(attribute='part')|list"
)


def build(title: str):
    doc = opening(title, "{{ organisation.kommune }} · Samarbejdsaftale med {{ familie }}")
    k.heading(doc, "Til jer som forældre", 2)
    k.para(
        doc,
        "Der er mange, der arbejder med {{ barn_navn }}: skolen, dagtilbuddet, PPR, terapeuter "
        "og andre. I denne aftale har vi sammen skrevet ned, hvem der holder kontakten til hvert "
        "sted: jer selv som familie eller jeres sagsbehandler. Så ved alle, hvem der gør hvad.",
    )
    k.para(
        doc,
        "Det er jer, der bestemmer, hvor meget I selv vil stå for. Hvis aftalen ikke længere "
        "passer til jeres hverdag, så sig det til {{ sagsbehandler.navn }}. Så laver vi den om "
        "sammen.",
    )
    kv(
        doc,
        KontraktSamarbejdsaftale,
        [
            "familie",
            "barn_navn",
            ("foraeldre", "{{ foraeldre|liste }}"),
            ("sagsbehandler", person("sagsbehandler")),
            ("aftaledato", "{{ aftaledato|dato }}"),
            ("Aftalen gælder", "fra {{ periode_fra|dato }} til {{ periode_til|dato }}"),
            (
                "Kontakt med sagsbehandleren",
                "{% if kontakt_familie_sagsbehandler %}"
                "{{ kontakt_familie_sagsbehandler|liste|stort }}"
                "{% else %}Ikke aftalt{% endif %}",
            ),
        ],
    )

    k.heading(doc, "Kort fortalt", 2)
    k.control(doc, f"{{%p if {FAMILIEN} %}}")
    k.rich(doc, ("b", "I holder selv kontakten til: "), ("", f"{{{{ {FAMILIEN}|liste }}}}."))
    k.control(doc, "{%p endif %}")
    k.control(doc, f"{{%p if {SAGSBEHANDLEREN} %}}")
    k.rich(
        doc,
        ("b", "{{ sagsbehandler.navn }} holder kontakten til: "),
        ("", f"{{{{ {SAGSBEHANDLEREN}|liste }}}}."),
    )
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Hvem koordinerer med hvem", 2)
    # every cell begins with a capital, as the party's name does ("Sms og møde" over
    # "Hver 14. dag", not "sms og møde")
    field_table(
        doc,
        KontraktSamarbejdsaftale,
        "ko in koordineringer",
        [
            (
                "part",
                "{{ ko.part }}{% if (ko.type|lower) not in (ko.part|lower) %} ({{ ko.type }})"
                "{% endif %}{% if ko.kontaktperson %}\n{{ ko.kontaktperson }}{% endif %}",
            ),
            (
                "koordinerer",
                "{% if ko.koordinerer == 'familien' %}Familien"
                "{% else %}Sagsbehandleren ({{ sagsbehandler.navn }}){% endif %}",
            ),
            (
                "Kontaktform og hvor ofte",
                f"{{{{ ko.kontaktformer|map('replace', ' ', '{NBSP}')|liste|stort }}}}"
                "{% if ko.hvor_ofte %}\n{{ ko.hvor_ofte }}{% endif %}",
            ),
            ("noter", "{% if ko.noter %}{{ ko.noter }}{% endif %}"),
        ],
        widths=(4.4, 3.4, 4.2, 4.6),
        size=9.5,
    )

    k.heading(doc, "Underskrifter", 2)
    k.para(doc, "Vi er enige om aftalen.", keep_with_next=True)
    k.control(doc, "{%p for f in foraeldre %}")
    k.signature_lines(doc, "{{ f }}")
    k.control(doc, "{%p endfor %}")
    k.signature_lines(doc, "{{ sagsbehandler.navn }}, sagsbehandler")
    return doc
