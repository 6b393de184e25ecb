"""Parts the two consent templates (A7, A8) share.

The case's status of the consent (``status``) is never printed: the form is to be signed. The
wording fits who signs: a parent about him- or herself and one child (``mit barn``) or several
(``mine børn``), or a young person of 15 or more about him- or herself alone (``om mig``)."""

from __future__ import annotations

from docx.document import Document

from samarbejdsdok.forms._samtykke import SamtykkeBase

from .. import docxkit as k
from . import _databeskyttelse
from ._faelles import field_table, kv, label
from ._faelles import opening as form_opening

#: ``mig`` and the children the consent covers: ``mig``, ``mig og mit barn``, ``mig og mine børn``.
MIG_OG_BOERN = "mig{% if boern|length == 1 %} og mit barn{% elif boern %} og mine børn{% endif %}"
#: The same seen from the reader: ``dig``, ``dig og dit barn``, ``dig og dine børn``.
DIG_OG_BOERN = "dig{% if boern|length == 1 %} og dit barn{% elif boern %} og dine børn{% endif %}"


def opening(title: str, kind: str, heading: str, consent_text: str) -> Document:
    """The consent's first part: title, sender, what is consented to, who gives the consent
    and for which children."""
    doc = form_opening(
        title, f"{{{{ organisation.kommune }}}} · Samtykkeerklæring ({kind})", heading
    )
    k.para(doc, consent_text)
    giver_and_children(doc)
    return doc


def giver_and_children(doc: Document) -> None:
    k.heading(doc, label(SamtykkeBase, "samtykkegiver"), 2)
    kv(doc, SamtykkeBase, ["samtykkegiver.navn", "samtykkegiver.cpr"])
    # A young person's own consent about himself or herself has no children's section.
    k.control(doc, "{%p if boern or not ung_samtykkegiver %}")
    k.heading(doc, label(SamtykkeBase, "boern"), 2)
    field_table(
        doc,
        SamtykkeBase,
        "barn in boern",
        ["navn", "cpr"],
        empty="Samtykket omfatter ingen børn.",
        widths=(11.1, 5.5),
    )
    k.control(doc, "{%p endif %}")


def consent_to(doc: Document, heading: str, what: str) -> None:
    """A section of what the consent covers: ``Der gives samtykke (»siges ja«) til, at
    <indsatsen> må <what>``."""
    k.heading(doc, heading, 2)
    k.para(doc, "Der gives samtykke (»siges ja«) til, at {{ organisation.indsats }} må " + what)


def confidentiality(doc: Document, basis: str, subject: str) -> None:
    """The legal basis for obtaining the information and who keeps it confidential."""
    k.para(
        doc,
        f"Oplysningerne indhentes efter {basis}. {subject} har tavshedspligt i medfør af "
        "{{ lov.forvaltningsloven_27.henvisning }}.",
    )


def data_protection(
    doc: Document,
    *,
    purpose: str,
    recipients: str,
    retention: str,
    withdrawal_what: str,
    already_done: str,
    portability: bool,
) -> None:
    """The article 13 section of a consent declaration (:mod:`._databeskyttelse`), with how
    to withdraw the consent (article 7(3))."""
    _databeskyttelse.section(
        doc,
        heading="Sådan behandler vi dine oplysninger",
        intro="Her er de oplysninger, du har krav på efter "
        "{{ lov.gdpr_oplysningspligt.henvisning }}, når vi behandler oplysninger om "
        + DIG_OG_BOERN
        + ".",
        controller="{{ organisation.indsats }} er en del af {{ dataansvarlig.navn }}.",
        purpose=purpose,
        recipients=recipients,
        retention=retention,
        rights_of=DIG_OG_BOERN,
        portability=portability,
        withdrawal=f"Du kan til enhver tid tilbagekalde dit samtykke til {withdrawal_what}, jf. "
        "{{ lov.gdpr_tilbagekaldelse.henvisning }}. Giv besked til din kontaktperson i "
        "{{ organisation.indsats }} eller til {{ dataansvarlig.navn }} på tlf. "
        "{{ dataansvarlig.telefon|telefon }} eller e-mail {{ dataansvarlig.email }}. "
        "Tilbagekaldelsen gælder fra det tidspunkt, hvor du tilbagekalder. Den ændrer ikke "
        "ved, at behandlingen før tilbagekaldelsen var lovlig, og har ikke virkning for "
        f"oplysninger, der allerede er {already_done} på grundlag af samtykket.",
    )


def signatures(doc: Document) -> None:
    k.heading(doc, "Underskrift", 2)
    k.para(doc, "Samtykkegivers underskrift", bold=True, keep_with_next=True)
    k.signature_lines(doc, "{{ samtykkegiver.navn }}", date="{{ underskriftsdato|dato }}")
    k.para(doc)
    k.control(doc, "{%p if boern %}")
    k.para(
        doc,
        "Er der en ung i familien, som er fyldt {{ alder_eget_samtykke }} år, skal han eller hun "
        "også give samtykke (»sige ja«). Det gælder hvert barn, der er fyldt "
        "{{ alder_eget_samtykke }} år på underskriftsdatoen, {{ underskriftsdato|dato }}.",
        italic=True,
    )
    k.control(doc, "{%p for ung in unge_underskrivere %}")
    k.para(
        doc,
        "{{ ung.navn }}, {{ ung.alder }} år (fyldt {{ alder_eget_samtykke }} år den "
        "{{ ung.fyldt_15|dato }})",
        bold=True,
        keep_with_next=True,
    )
    k.signature_lines(doc, "{{ ung.navn }}", date="{{ underskriftsdato|dato }}")
    k.para(doc)
    k.control(doc, "{%p else %}")
    k.para(
        doc,
        "Ingen af børnene er fyldt {{ alder_eget_samtykke }} år på underskriftsdatoen; "
        "der skal derfor ikke underskrives af en ung.",
    )
    k.control(doc, "{%p endfor %}")
    k.control(doc, "{%p elif ung_samtykkegiver %}")
    k.para(
        doc,
        "{{ samtykkegiver.navn }} er {{ samtykkegiver_alder }} år og giver selv samtykke til "
        "oplysninger om sig selv.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")


def sources(doc: Document, keys: list[str]) -> None:
    k.heading(doc, "Lovgrundlag", 3)
    for key in keys:  # the act's name only where it says more than the reference
        k.rich(
            doc,
            ("b", f"{{{{ lov.{key}.henvisning|stort }}}}"),
            ("b", f"{{% if lov.{key}.lovnavn %}}:{{% else %}}.{{% endif %}} "),
            (
                "",
                f"{{% if lov.{key}.lovnavn %}}{{{{ lov.{key}.lovnavn }}}}. {{% endif %}}"
                f"Kilde: {{{{ lov.{key}.kilde }}}}.",
            ),
        )
