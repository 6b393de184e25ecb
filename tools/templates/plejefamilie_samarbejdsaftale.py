"""Template of C1 Samarbejdsaftale mellem plejefamilie og døgninstitution.

An agreement between three parties about one child: the municipality (its department, the
foster-care consultant and the child's caseworker), the foster family and the institution. It
says what the agreement is for in the source's terms, lists the agreed support elements with
who, how often and how to reach them, and ends with a signature for each party.
"""

from __future__ import annotations

from samarbejdsdok.forms.plejefamilie_samarbejdsaftale import PlejefamilieSamarbejdsaftale

from .. import docxkit as k
from ._faelles import field_table, kv, opening, person

#: The municipality as a party: its name and, when given, its department.
KOMMUNEN = (
    "{{ organisation.kommune }}"
    "{% if organisation.afdeling %}, {{ organisation.afdeling }}{% endif %}"
)
#: A support element's name, and what it holds on the line below when given.
ELEMENT = "{{ e.element }}"
INDHOLD = "{% if e.beskrivelse %}\n{{ e.beskrivelse }}{% endif %}"
#: No date yet: a line to write it on.
LINE = "______________________"


def _date(field: str) -> str:
    return f"{{% if {field} %}}{{{{ {field}|dato }}}}{{% else %}}{LINE}{{% endif %}}"


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Samarbejdsaftale om {{ barn_navn }} · "
        "{{ plejefamilie.navn }} og {{ institution.navn }}",
    )
    k.para(
        doc,
        "Aftalen er indgået mellem {{ organisation.kommune }}, {{ plejefamilie.navn }} og "
        "{{ institution.navn }} om samarbejdet omkring {{ barn_navn }}.",
    )
    kv(
        doc,
        PlejefamilieSamarbejdsaftale,
        [
            (
                "barn_navn",
                "{{ barn_navn }}{% if barn_foedselsdato %}, født "
                "{{ barn_foedselsdato|dato }}{% endif %}",
            ),
            (
                "Aftalen gælder",
                "fra {{ gyldig_fra|dato }}{% if gyldig_til %} til {{ gyldig_til|dato }}"
                "{% else %}, indtil den opsiges{% endif %}",
            ),
        ],
    )
    k.heading(doc, "Parterne", 2)
    kv(
        doc,
        PlejefamilieSamarbejdsaftale,
        [
            ("organisation", KOMMUNEN),
            ("familieplejekonsulent", person("familieplejekonsulent")),
            ("sagsbehandler", person("sagsbehandler")),
            (
                "plejefamilie",
                person("plejefamilie")
                + "{% if plejefamilie_adresse %}\n{{ plejefamilie_adresse }}{% endif %}",
            ),
            (
                "institution",
                "{{ institution.navn }}"
                "{% if institution.adresse %}, {{ institution.adresse }}{% endif %}",
            ),
            ("institution.kontaktperson", person("institution.kontaktperson")),
        ],
    )
    k.para(
        doc,
        "Aftalen giver plejefamilien adgang til støtte, rådgivning og faglig sparring hos "
        "{{ institution.navn }}, også uden for normale åbningstider. Familieplejekonsulenten og "
        "sagsbehandleren kan trække på institutionens viden om plejefamilien og barnet. "
        "Samarbejdet er en del af en helhedsorienteret indsats, der tager udgangspunkt i "
        "plejefamiliens og barnets behov og ressourcer.",
    )
    k.heading(doc, "Aftalte støtteelementer", 2)
    table = field_table(
        doc,
        PlejefamilieSamarbejdsaftale,
        "e in elementer",
        [
            ("element", ELEMENT + INDHOLD),
            "hvem",
            "hvor_ofte",
            "kontaktvej",
        ],
        widths=(5.2, 4.0, 3.4, 4.0),
        size=9.5,
    )
    # the element in bold, what it holds below it in plain text (row 0 is the header, row 1
    # the loop's control row)
    cell = table.rows[2].cells[0].paragraphs[0]
    [run] = cell.runs
    run.text, run.bold = ELEMENT, True
    cell.add_run(INDHOLD).font.size = run.font.size
    k.heading(doc, "Underskrifter", 2)
    k.para(doc, "Vi er enige om aftalen.", keep_with_next=True)
    k.signature_lines(doc, KOMMUNEN, date=_date("kommune_dato"))
    k.signature_lines(doc, "{{ plejefamilie.navn }}", date=_date("plejefamilie_dato"))
    k.signature_lines(doc, "{{ institution.navn }}", date=_date("institution_dato"))
    return doc
