"""Template of C1 Samarbejdsaftale mellem plejefamilie og døgninstitution."""

from __future__ import annotations

from samarbejdsdok.forms.plejefamilie_samarbejdsaftale import PlejefamilieSamarbejdsaftale

from .. import docxkit as k
from ._faelles import field_table, kv, person


def build(title: str):
    doc = k.new_document(title)
    k.footer(doc, "Samarbejdsaftale · {{ plejefamilie.navn }} og {{ institution.navn }}")
    k.title(doc, title)
    k.control(doc, "{%p if kommune %}")
    k.rich(doc, ("m", "{{ kommune }}"))
    k.control(doc, "{%p endif %}")
    k.heading(doc, "Parterne", 2)
    kv(
        doc,
        PlejefamilieSamarbejdsaftale,
        [
            ("plejefamilie", person("plejefamilie")),
            (
                "plejefamilie_adresse",
                "{% if plejefamilie_adresse %}{{ plejefamilie_adresse }}{% endif %}",
            ),
            "institution.navn",
            (
                "institution.adresse",
                "{% if institution.adresse %}{{ institution.adresse }}{% endif %}",
            ),
            (
                "institution.kontaktperson",
                person("institution.kontaktperson"),
            ),
            (
                "Aftalen gælder",
                "fra {{ gyldig_fra|dato }}{% if gyldig_til %} til {{ gyldig_til|dato }}"
                "{% else %}, indtil den opsiges{% endif %}",
            ),
        ],
    )
    k.para(
        doc,
        "Aftalen skal give plejefamilien adgang til støtte, rådgivning og faglig sparring hos "
        "døgninstitutionen eller opholdsstedet, også uden for normal åbningstid, som led i en "
        "helhedsorienteret indsats med udgangspunkt i plejefamiliens og det anbragte barns "
        "behov og ressourcer.",
    )
    k.heading(doc, "Aftalte støtteelementer", 2)
    field_table(
        doc,
        PlejefamilieSamarbejdsaftale,
        "e in elementer",
        [
            ("element", "{{ e.element }}{% if e.beskrivelse %}: {{ e.beskrivelse }}{% endif %}"),
            "hvem",
            "hvor_ofte",
            "kontaktvej",
        ],
        widths=(4.4, 4.2, 3.4, 4.6),
    )
    k.heading(doc, "Underskrifter", 2)
    k.signature_lines(
        doc,
        "{{ plejefamilie.navn }}",
        date=(
            "{% if plejefamilie_dato %}{{ plejefamilie_dato|dato }}"
            "{% else %}______________________{% endif %}"
        ),
    )
    k.para(doc)
    k.signature_lines(
        doc,
        "{{ institution.navn }}",
        date=(
            "{% if institution_dato %}{{ institution_dato|dato }}"
            "{% else %}______________________{% endif %}"
        ),
    )
    return doc
