"""The section every consent document (A7, A8, B1) prints with the information the GDPR's
article 13 requires, in plain Danish: the data controller, the data protection officer, purpose
and legal basis, recipients, retention, the rights, withdrawal (article 7(3)) and the complaint
to Datatilsynet. The form fills ``dataansvarlig``, ``databeskyttelsesraadgiver`` and
``opbevaring`` from the municipality profile; legal references come from the statutory table
(``lov``)."""

from __future__ import annotations

from docx.document import Document

from .. import docxkit as k

#: The supervisory authority the data subject complains to (a fact, not law).
DATATILSYNET = (
    "Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, dt@datatilsynet.dk, www.datatilsynet.dk"
)

CONTROLLER = (
    "{{ dataansvarlig.navn }}, {{ dataansvarlig.adresse }}, "
    "tlf. {{ dataansvarlig.telefon|telefon }}, e-mail {{ dataansvarlig.email }}"
)
DPO = (
    "{{ databeskyttelsesraadgiver.navn }}, e-mail {{ databeskyttelsesraadgiver.email }}"
    "{% if databeskyttelsesraadgiver.telefon %}, "
    "tlf. {{ databeskyttelsesraadgiver.telefon|telefon }}{% endif %}"
)


def item(doc: Document, name: str, text: str) -> None:
    """One item of the section: its name in bold, then the text."""
    k.rich(doc, ("b", f"{name}: "), ("", text))


def section(
    doc: Document,
    *,
    heading: str,
    intro: str,
    controller: str,
    purpose: str,
    recipients: str,
    retention: str,
    rights_of: str,
    portability: bool,
    withdrawal: str,
    you: str = "du",
) -> None:
    """The article 13 section.

    ``controller`` follows the controller's name and contacts (who is responsible for what);
    ``purpose`` holds the purposes and the legal basis; ``recipients`` who receives the
    information; ``retention`` what follows the profile's retention rule (the consent's own end
    date); ``rights_of`` whose information the rights concern (``dig``); ``portability`` adds
    the right to data portability; ``withdrawal`` says how consent is withdrawn and whom to
    contact. ``you`` is the reader: ``du`` or ``I``."""
    du = you
    k.heading(doc, heading, 2)
    k.para(doc, intro)
    item(doc, "Dataansvarlig", f"{CONTROLLER}. {controller}")
    item(
        doc,
        "Databeskyttelsesrådgiver",
        f"{DPO}. Kontakt databeskyttelsesrådgiveren, hvis {du} har spørgsmål til, hvordan "
        "oplysningerne behandles.",
    )
    item(doc, "Formål og retsgrundlag", purpose)
    item(doc, "Modtagere", recipients)
    item(doc, "Opbevaring", "{{ opbevaring }}" + (f" {retention}" if retention else ""))
    portable = (
        f" {du.capitalize()} har også ret til at få de oplysninger, {du} selv har givet, udleveret "
        "i et almindeligt, maskinlæsbart format (dataportabilitet)."
        if portability
        else ""
    )
    item(
        doc,
        "Dine rettigheder" if du == "du" else "Jeres rettigheder",
        f"{du.capitalize()} har ret til at få indsigt i de oplysninger, der behandles om "
        f"{rights_of}, og til at få forkerte oplysninger rettet. {du.capitalize()} kan også bede "
        "om at få oplysninger slettet eller om, at behandlingen begrænses, og "
        f"{du} kan gøre indsigelse mod behandlingen.{portable}",
    )
    item(doc, "Tilbagekaldelse", withdrawal)
    item(
        doc,
        "Klage",
        f"{du.capitalize()} kan klage over behandlingen af oplysningerne til {DATATILSYNET}.",
    )
