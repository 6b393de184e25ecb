"""Template of B1 Ansøgning: forældrenes stillingtagen til samarbejde med kommunen."""

from __future__ import annotations

from samarbejdsdok.forms.julemaerkehjem_stillingtagen import JulemaerkehjemStillingtagen

from .. import docxkit as k
from . import _databeskyttelse
from ._faelles import field_table, kv, label, opening, text_or, yes_no

#: What the Julemærkehjem and the municipality share when the parents accept (the source text's
#: sections "Optagelse/Indkaldelse", "Udpegelse af kontaktperson", "Afslutning på barnets
#: ophold", "Efter opholdet" and "Opfølgning").
SHARED = (
    "Siger I ja, sender {{ julemaerkehjem }} kommunens tovholder besked om, at {{ barn_navn }} "
    "er indkaldt, hvem der er barnets kontaktpædagog på hjemmet, og datoerne for forbesøg, "
    "infodag, opholdet, forældredag og opfølgningsdag, med en kopi af ansøgningen og "
    "indkaldelsen. Kommunen fortæller hjemmet, hvem der er barnets kontaktperson i kommunen, og "
    "hvilke aktiviteter kommunen tilbyder jer. Efter opholdet får kommunen hjemmets udtalelse "
    "om barnet og den handleplan, I laver sammen med hjemmet, om barnets trivsel, kost og "
    "motion, og hjemmet og kontaktpersonen kan tale sammen efter opholdet og omkring "
    "opfølgningsdagen. Siger I nej, deler hjemmet ingen oplysninger med kommunen."
)


def build(title: str):
    doc = opening(
        title,
        "{{ julemaerkehjem }} · Forældrenes stillingtagen · {{ barn_navn }}",
        sender="{{ julemaerkehjem }} · samarbejde med {{ kommune }}",
    )
    kv(
        doc,
        JulemaerkehjemStillingtagen,
        [
            "barn_navn",
            "kommune",
            ("ansoegningsdato", "{{ ansoegningsdato|dato }}"),
            (
                "foraeldre",
                "{{ foraeldre|map(attribute='navn')|liste }}",
            ),
        ],
    )
    k.para(
        doc,
        "Samarbejdet mellem kommunen og Julemærkehjemmet er også et samarbejde med familien og "
        "sker med familiens accept. Målet er, at barnet får det størst mulige udbytte af "
        "opholdet, og at indsatsen hænger sammen før, under og efter opholdet.",
    )
    k.heading(doc, "Forældrenes stillingtagen", 2)
    k.para(
        doc,
        label(JulemaerkehjemStillingtagen, "accepterer_samarbejde")
        + ":      "
        + yes_no("accepterer_samarbejde"),
        bold=True,
    )
    k.control(doc, "{%p if not accepterer_samarbejde %}")
    k.para(
        doc,
        "Forældrene har svaret nej. {{ julemaerkehjem }} følger op på familier, der ikke ønsker "
        "samarbejdet, og taler med familien om, at samarbejdet er en hjælp.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")
    k.heading(doc, "Bemærkninger", 3)
    text_or(doc, "bemaerkning", "Ingen bemærkninger.")
    k.heading(doc, "Hvad deles med kommunen", 2)
    k.para(doc, SHARED)
    _databeskyttelse.section(
        doc,
        heading="Sådan behandler kommunen jeres oplysninger",
        intro="Her er de oplysninger, I har krav på efter "
        "{{ lov.gdpr_oplysningspligt.henvisning }}, når kommunen behandler oplysninger om jer "
        "og {{ barn_navn }} i samarbejdet med {{ julemaerkehjem }}.",
        controller="Kommunen er dataansvarlig for de oplysninger, den modtager og behandler i "
        "samarbejdet.",
        purpose="Samarbejdet skal give barnet det størst mulige udbytte af opholdet og få "
        "indsatsen til at hænge sammen før, under og efter opholdet. Retsgrundlaget er jeres "
        "samtykke, jf. {{ lov.gdpr_samtykke.henvisning }}, og for oplysninger om barnets "
        "helbred, fx kost, motion og trivsel, {{ lov.gdpr_foelsomme_samtykke.henvisning }}.",
        recipients="Oplysningerne udveksles kun mellem {{ julemaerkehjem }} og kommunens "
        "tovholder og barnets kontaktperson i {{ kommune }}.",
        retention="",
        rights_of="jer og barnet",
        portability=False,
        withdrawal="I kan til enhver tid trække jeres accept af samarbejdet tilbage, jf. "
        "{{ lov.gdpr_tilbagekaldelse.henvisning }}. Giv besked til {{ julemaerkehjem }} eller "
        "til {{ dataansvarlig.navn }} på tlf. {{ dataansvarlig.telefon|telefon }} eller e-mail "
        "{{ dataansvarlig.email }}. Derefter deles der ikke flere oplysninger. Det ændrer ikke "
        "ved, at den deling, der skete før, var lovlig.",
        you="I",
    )
    k.heading(doc, "Underskrift", 2)
    field_table(
        doc,
        JulemaerkehjemStillingtagen,
        "f in foraeldre",
        [
            ("Forælder", "{{ f.navn }}"),
            ("dato", "{% if f.dato %}{{ f.dato|dato }}{% else %}\n\n________________{% endif %}"),
            ("Underskrift", "\n\n______________________________"),
        ],
        widths=(5.6, 4.0, 7.0),
    )
    return doc
