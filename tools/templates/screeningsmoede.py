"""Template of A6 Dialogguide og notatskema til screeningsmøde med ny familie.

The section titles and minutes come from the form's :data:`AFSNIT` constant; the clock times are
the model's computed ``afsnit``. The bullet points of each box are the source's text.
"""

from __future__ import annotations

from samarbejdsdok.forms.screeningsmoede import AFSNIT, Screeningsmoede

from .. import docxkit as k
from ._faelles import (
    bullets_or,
    guide_box,
    kv,
    label,
    notes,
    opening,
    optional_line,
    person,
    yes_no,
)

#: The points of each box of the dialogue guide, in the order of AFSNIT (source text).
PUNKTER: tuple[tuple[str, ...], ...] = (
    (
        "Hvorfor er I udvalgt?",
        "Frivilligt tilbud",
        "Tidsperioden for indsatsen",
        "Fokus på sammenhæng i indsats/familien",
        "Helhedsorienteret indsats – hvad er det?",
        "Hvad kræver det af familien at være med i indsatsen?",
    ),
    (
        "Hvad kan familien have brug for (ønsker og mål)?",
        "Hvad tænker familien selv kunne blive anderledes i deres familie?",
        "Hvordan er familiens erfaringer fra samarbejdet med kommunen?",
        "Opsamling på familiens behov",
        "Liste med fokuspunkter",
    ),
    (
        "Bedste ønske for familiens forandring med afsæt i familiens ønsker",
        "Præsentation af netværksmødeformen sammenholdt med familiens behov",
        "Præsentation af den helhedsorienterede familieplan",
        "Fritidsjob/fritidsaktiviteter",
    ),
    (
        "Sikring af familiens skriftlige samtykke til deling af oplysninger",
        (
            "»Kontrakten«: Særligt fokus på beskæftigelsesdelen, hvor der skal være noget "
            "beskæftigelsesrettet, familiens voksne ønsker at arbejde med"
        ),
        (
            "Familien skal oplyses om familiekoordinatorens notatpligt – og at et notat fra dette "
            "møde vil blive journaliseret, hvis familien ønsker at være med i indsatsen"
        ),
        "Familien skal kunne acceptere mødeformen, som er netværksmøder (2–3 møder i alt)",
        (
            "Familien skal acceptere det skriftlige redskab, som den helhedsorienterede "
            "familieplan er"
        ),
        (
            "Næste møde aftales, og behov for tolk afdækkes. Næste møde rummer også muligheden "
            "for hjemmebesøg"
        ),
    ),
)

assert len(PUNKTER) == len(AFSNIT), "one list of points per section of the guide"


def _timing(i: int) -> str:
    """``25 min., kl. 10.05-10.30`` for section ``i`` (0-based)."""
    a = f"afsnit[{i}]"
    return f"{{{{ {a}.minutter }}}} min., {{{{ {a}.start|tidsrum({a}.slut) }}}}"


def _question(doc, text: str) -> None:
    """A question in bold, kept on the page of its check boxes."""
    k.para(doc, text, bold=True).paragraph_format.keep_with_next = True


def build(title: str):
    doc = opening(title, "{{ organisation.kommune }} · Screeningsmøde · {{ familie_navn }}")

    k.heading(doc, "Mødet", 2)
    kv(
        doc,
        Screeningsmoede,
        [
            "familie_navn",
            ("dato", "{{ dato|dato_lang }}"),
            (
                "tidspunkt",
                "{{ tidspunkt|tidsrum(sluttidspunkt) }} ({{ varighed }} minutter)",
            ),
            "sted",
            ("interviewer", person("interviewer")),
            ("referent", person("referent")),
        ],
    )

    k.heading(doc, "Dialogguide", 2)
    k.para(doc, "Punkterne i boksene nedenunder gennemgås sammen med familien på screeningsmødet.")
    k.para(
        doc,
        "Har familien spørgsmål under mødet, kan der i besvarelsen med fordel inddrages "
        "praksiseksempler fra lignende situationer/opgaver.",
    )
    k.para(
        doc,
        "Ved interviewet deltager to medarbejdere. {{ interviewer.navn }} interviewer familien, "
        "mens {{ referent.navn }} opsummerer familiens behov samt oplister familiens "
        "fokuspunkter og vurderer, om familiens ønsker og behov kan matches med tilbuddet fra "
        "{{ organisation.indsats }}.",
    )
    for i, (afsnit, punkter) in enumerate(zip(AFSNIT, PUNKTER, strict=False)):
        guide_box(doc, f"{i + 1}. {afsnit.titel}", punkter, minutes=_timing(i))

    k.heading(doc, "Notatskema til screeningsmøde med ny familie", 2)
    k.para(
        doc,
        "Følgende punkter nedskrives – ønsker familien fremadrettet at være med i den "
        "helhedsorienterede indsats, renskrives noter i et journalnotat.",
    )

    interview, sammenkaedning, formalia = (i for i, a in enumerate(AFSNIT) if a.notat_titel)

    k.heading(doc, f"{AFSNIT[interview].notat_titel} ({_timing(interview)})", 3)
    notes(doc, "noter_interview")
    k.heading(doc, "Familiens fokuspunkter", 4)
    bullets_or(doc, "fokuspunkter", "Der er ikke noteret fokuspunkter.")

    k.heading(doc, f"{AFSNIT[sammenkaedning].notat_titel} ({_timing(sammenkaedning)})", 3)
    notes(doc, "noter_sammenkaedning")
    _question(
        doc, "Kan familiens ønsker og behov matches med tilbuddet fra {{ organisation.indsats }}?"
    )
    k.para(doc, yes_no("oensker_matcher_tilbud", unsettled=True))
    optional_line(doc, "match_begrundelse", "Begrundelse")

    k.heading(doc, f"{AFSNIT[formalia].notat_titel} ({_timing(formalia)})", 3)
    notes(doc, "noter_formalia")
    _question(doc, label(Screeningsmoede, "deltager"))
    k.para(doc, yes_no("deltager", unsettled=True))
    k.heading(doc, "Næste møde", 4)
    kv(
        doc,
        Screeningsmoede,
        [
            (
                "Dato",
                (
                    "{% if naeste_moede %}{{ naeste_moede.dato|dato_lang }}"
                    "{% else %}Ikke aftalt{% endif %}"
                ),
            ),
            (
                "Tidspunkt",
                (
                    "{% if naeste_moede and naeste_moede.tidspunkt %}"
                    "{{ naeste_moede.tidspunkt|kl }}{% endif %}"
                ),
            ),
            (
                "naeste_moede.sted",
                "{% if naeste_moede and naeste_moede.sted %}{{ naeste_moede.sted }}{% endif %}",
            ),
            ("hjemmebesoeg", yes_no("hjemmebesoeg")),
            ("tolk", yes_no("tolk", "{% if tolk %} – sprog: {{ tolk_sprog }}{% endif %}")),
        ],
    )

    k.heading(doc, "Journalnotat", 3)
    k.para(
        doc,
        "Screeningsmødet er et uforpligtende møde uden notatpligt. Noterne renskrives kun i et "
        "journalnotat, hvis familien ønsker at være med i den helhedsorienterede indsats.",
    )
    k.control(doc, "{%p if journalnotat %}")
    k.para(
        doc,
        "{{ familie_navn }} ønsker at være med i {{ organisation.indsats }}. Noterne renskrives "
        "derfor i et journalnotat.",
        bold=True,
    )
    k.control(doc, "{%p elif deltager == false %}")
    k.para(
        doc,
        "{{ familie_navn }} ønsker ikke at være med i {{ organisation.indsats }}. Noterne "
        "renskrives ikke i et journalnotat.",
        bold=True,
    )
    k.control(doc, "{%p else %}")
    k.para(
        doc,
        "{{ familie_navn }} har endnu ikke besluttet, om den vil være med. Noterne "
        "renskrives først i et journalnotat, hvis familien siger ja.",
        bold=True,
    )
    k.control(doc, "{%p endif %}")
    return doc
