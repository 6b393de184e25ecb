"""Parts the two consent templates (A7, A8) share."""

from __future__ import annotations

from docx.document import Document

from samarbejdsdok.forms._samtykke import SamtykkeBase

from .. import docxkit as k
from ._faelles import field_table, kv, label
from ._faelles import opening as form_opening


def opening(title: str, kind: str, heading: str, consent_text: str) -> Document:
    """The consent's first part: title, sender, status, what is consented to, who gives the
    consent and for which children."""
    doc = form_opening(
        title, f"{{{{ organisation.kommune }}}} · Samtykkeerklæring ({kind})", heading
    )
    k.rich(
        doc,
        ("b", "Status: "),
        ("", "{{ status }}{% if status_dato %} (den {{ status_dato|dato }}){% endif %}"),
    )
    k.para(doc, consent_text)
    giver_and_children(doc)
    return doc


def giver_and_children(doc: Document) -> None:
    k.heading(doc, label(SamtykkeBase, "samtykkegiver"), 2)
    kv(doc, SamtykkeBase, ["samtykkegiver.navn", "samtykkegiver.cpr"])
    k.heading(doc, label(SamtykkeBase, "boern"), 2)
    field_table(
        doc,
        SamtykkeBase,
        "barn in boern",
        ["navn", "cpr"],
        empty="Samtykket omfatter ingen børn.",
        widths=(11.1, 5.5),
    )


def consent_to(doc: Document, heading: str, what: str) -> None:
    """A section of what the consent covers: ``Der gives samtykke (»siges ja«) til, at
    <indsatsen> må <what>``."""
    k.heading(doc, heading, 2)
    k.para(doc, "Der gives samtykke (»siges ja«) til, at {{ organisation.indsats }} må " + what)


def rights(
    doc: Document, confidentiality_subject: str, withdrawal_what: str, already_done: str
) -> None:
    k.heading(doc, "Tavshedspligt og tilbagekaldelse", 2)
    k.para(
        doc,
        f"{confidentiality_subject} har tavshedspligt i medfør af "
        "{{ lov.forvaltningsloven_27.henvisning }}.",
    )
    k.para(
        doc,
        f"Du kan til enhver tid tilbagekalde et samtykke til {withdrawal_what}, jf. "
        "{{ lov.gdpr_tilbagekaldelse.henvisning }}. Tilbagekaldelsen gælder fra det "
        "tidspunkt, hvor du tilbagekalder, og har ikke virkning for oplysninger, der allerede "
        f"er {already_done} på grundlag af samtykket.",
    )


def signatures(doc: Document) -> None:
    k.heading(doc, "Underskrift", 2)
    k.para(doc, "Samtykkegivers underskrift", bold=True, keep_with_next=True)
    k.signature_lines(doc, "{{ samtykkegiver.navn }}", date="{{ underskriftsdato|dato }}")
    k.para(doc)
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


def sources(doc: Document, keys: list[str]) -> None:
    k.heading(doc, "Lovgrundlag", 3)
    for key in keys:
        k.rich(
            doc,
            ("b", f"{{{{ lov.{key}.henvisning|stort }}}}: "),
            ("", f"{{{{ lov.{key}.lov }}}}. Kilde: {{{{ lov.{key}.kilde }}}}."),
        )
