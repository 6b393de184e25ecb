"""Template of B5 Opfølgning efter ophold på Julemærkehjem."""

from __future__ import annotations

from samarbejdsdok.forms.julemaerkehjem_opfoelgning import JulemaerkehjemOpfoelgning

from .. import docxkit as k
from ._faelles import agreements_table, field_table, kv, notes, opening, person

NOT_DISCUSSED = "{% else %}Ikke drøftet.{% endif %}"


def build(title: str):
    doc = opening(
        title,
        "{{ julemaerkehjem }} · Opfølgning efter ophold · {{ barn_navn }}",
        sender="Dialog mellem barnets kontaktperson og {{ julemaerkehjem }}",
    )
    kv(
        doc,
        JulemaerkehjemOpfoelgning,
        [
            "barn_navn",
            ("Opholdet", "{{ ophold_start|dato }} til {{ ophold_slut|dato }}"),
            (
                "opfoelgningsdag",
                "{{ opfoelgningsdag|dato_lang }}",
            ),
            ("dato", "{{ dato|dato_lang }}"),
            ("kontaktperson", person("kontaktperson")),
            ("kontakt_hjemmet", person("kontakt_hjemmet")),
        ],
    )
    k.para(doc, "Initiativet til dialogen blev taget af {{ initiativ }}.")
    k.para(
        doc,
        "Opfølgningsdagen ligger {{ opfoelgningsdag_plan.regel }}, dvs. mellem "
        "{{ opfoelgningsdag_plan.fra|dato }} og {{ opfoelgningsdag_plan.til|dato }}. "
        "Har kontaktpersonen eller Julemærkehjemmet brug for det, taler de sammen i "
        "forbindelse med opfølgningsdagen. Kontakten tages {{ dialog_plan.regel }}, dvs. "
        "senest {{ dialog_plan.dato|dato_lang }}, og både kontaktpersonen og Julemærkehjemmet "
        "kan tage initiativet.",
        italic=True,
    )
    # the heading says "siden opholdet": the rows are the three themes alone, so that the
    # labels fit their narrow column on one line
    k.heading(doc, "Hvordan er det gået siden opholdet?", 2)
    kv(
        doc,
        JulemaerkehjemOpfoelgning,
        [
            ("Trivsel", "{{ trivsel }}"),
            ("Kost", "{% if kost %}{{ kost }}" + NOT_DISCUSSED),
            ("Motion", "{% if motion %}{{ motion }}" + NOT_DISCUSSED),
        ],
        widths=(3.6, 13.0),
    )
    k.heading(doc, "Status på Julemærkehjemmets anbefalinger og handleplanen", 2)
    field_table(
        doc,
        JulemaerkehjemOpfoelgning,
        "a in anbefalinger",
        [
            "anbefaling",
            "status",
            ("bemaerkning", "{% if a.bemaerkning %}{{ a.bemaerkning }}{% endif %}"),
        ],
        empty="Der er ikke noteret status på anbefalingerne.",
        widths=(7.6, 3.0, 6.0),
    )
    k.heading(doc, "Aftaler fremover", 2)
    agreements_table(doc, JulemaerkehjemOpfoelgning, "Der blev ikke indgået aftaler.")
    k.heading(doc, "Noter", 2)
    notes(doc, "noter")
    return doc
