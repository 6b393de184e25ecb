"""Template of A8 Samtykkeerklæring (generel)."""

from __future__ import annotations

from samarbejdsdok.forms.samtykke_generel import SamtykkeGenerel

from .. import docxkit as k
from . import _samtykke as s
from ._faelles import field_table, label

HEADING = "Samtykkeerklæring til helhedsorienteret familieindsats – generelt"
CONSENT = (
    f"Jeg giver samtykke (»siger ja«) til, at der må udveksles oplysninger om {s.MIG_OG_BOERN} "
    "mellem {{ organisation.indsats }} og relevante samarbejdsparter i "
    "{{ organisation.kommune }} og andre parter uden for kommunen, som er afkrydset eller "
    "nævnt nedenfor."
)


def build(title: str):
    doc = s.opening(title, "generel", HEADING, CONSENT)

    s.consent_to(
        doc,
        label(SamtykkeGenerel, "interne_parter"),
        "indhente og videregive oplysninger fra følgende områder i {{ organisation.kommune }}:",
    )
    field_table(
        doc,
        SamtykkeGenerel,
        "p in interne_parter",
        [
            ("Kryds", "{{ p.afkrydset|afkrydset }}"),
            ("Samarbejdspart", "{{ p.navn }}"),
            "kontaktoplysninger",
        ],
        empty="Ingen samarbejdsparter i kommunen.",
        widths=(1.9, 6.4, 8.3),
    )
    s.consent_to(
        doc,
        label(SamtykkeGenerel, "eksterne_parter"),
        "indhente og videregive oplysninger fra følgende parter uden for "
        "{{ organisation.kommune }}:",
    )
    field_table(
        doc,
        SamtykkeGenerel,
        "e in eksterne_parter",
        [("Part", "{{ e.navn }}"), "kontaktoplysninger"],
        empty="Ingen parter uden for kommunen.",
        widths=(7.0, 9.6),
    )

    k.heading(doc, "Typen af oplysninger", 2)
    k.para(
        doc,
        "Oplysninger, som er relevante i forbindelse med udarbejdelsen af din og din families "
        "familieplan. Det kan være fortrolige og personlige oplysninger samt helbredsoplysninger, "
        "der vedrører {% if boern %}dit eller dit barns{% else %}dine{% endif %} forhold. Det "
        "drejer sig om oplysninger om din {% if ung_samtykkegiver %}skole- eller "
        "{% endif %}beskæftigelsessituation og om {% if boern %}dine eller dit barns{% else %}"
        "dine{% endif %} ydelser efter {{ lov.barnets_lov.henvisning }}, "
        "{{ lov.serviceloven.henvisning }} eller {{ lov.sundhedsloven.henvisning }}. Det drejer "
        "sig også om oplysninger fra sundhedsplejen, din læge, hospitaler"
        "{% if boern or ung_samtykkegiver %}, {% else %} og {% endif %}"
        "{% if boern %}dit barns skoleforhold, dit barns trivsel i daginstitution og "
        "{% elif ung_samtykkegiver %}din skole og {% endif %}andre oplysninger, som er "
        "relevante for samarbejdet omkring den helhedsorienterede familieplan.",
    )
    k.heading(doc, "Formålet med indhentning og videregivelse af oplysninger", 2)
    k.para(
        doc,
        "I arbejdet med den helhedsorienterede familieplan har {{ organisation.indsats }} brug "
        "for løbende at kunne indhente og videregive oplysninger på tværs af ovenstående "
        "samarbejdsparter. Eksempelvis skal vi til netværksmøderne udveksle oplysninger mellem "
        "relevante parter i dit og din families netværk. Et andet eksempel kan være selve "
        "indholdet af jeres familieplan. Familieplanen vil løbende blive skriftligt opdateret "
        "med jeres status i familien omkring forhold som helbred, behandling, trivsel, "
        "arbejdsforhold og andet, der er relevant for lige netop jeres families situation.",
    )
    s.confidentiality(
        doc,
        "{{ lov.retssikkerhedsloven_11a.henvisning }}",
        "Medarbejdere i {{ organisation.indsats }}",
    )
    k.heading(doc, "Periode", 2)
    k.para(
        doc,
        "Denne samtykkeerklæring gælder fra {{ gyldig_fra|dato }} i den periode, hvor du og din "
        "familie deltager i {{ organisation.indsats }}. Dog ophører den senest "
        "{{ gyldig_til|dato }}.",
    )
    s.data_protection(
        doc,
        purpose="Oplysningerne bruges til at lave og løbende opdatere familieplanen og til "
        "netværksmøderne i {{ organisation.indsats }}. Retsgrundlaget er dit samtykke, jf. "
        "{{ lov.gdpr_samtykke.henvisning }}, og for følsomme oplysninger, fx "
        "helbredsoplysninger, {{ lov.gdpr_foelsomme_samtykke.henvisning }}.",
        recipients="Oplysningerne udveksles kun med de samarbejdsparter, der er afkrydset "
        "eller nævnt ovenfor: {{ modtagere|liste }}.",
        retention="Samtykket gælder til og med {{ gyldig_til|dato }}; derefter udveksler vi "
        "ikke flere oplysninger på grundlag af det.",
        withdrawal_what="indhentning og videregivelse af oplysninger",
        already_done="indhentet eller videregivet",
        portability=True,
    )
    s.signatures(doc)
    s.sources(
        doc,
        [
            "retssikkerhedsloven_11a",
            "forvaltningsloven_27",
            "gdpr_oplysningspligt",
            "barnets_lov",
        ],
    )
    return doc
