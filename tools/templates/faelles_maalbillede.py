"""Template of E3 Fælles målbillede."""

from __future__ import annotations

from samarbejdsdok.forms.faelles_maalbillede import FaellesMaalbillede

from .. import docxkit as k
from ._faelles import kv, opening, value_or


def _goals(doc, field: str, heading: str, empty: str) -> None:
    h = k.heading(doc, heading, 2)
    h.paragraph_format.keep_with_next = True
    k.loop_table(
        doc,
        ["Hvad er målet?", "Sådan kan vi se det", "Hvornår", "Familien", "Kommunen"],
        [
            "{{ m.hvad }}",
            "{{ m.hvordan_ser_vi_det }}",
            "{{ m.hvornaar|dato }}",
            "{{ m.familiens_del }}",
            "{{ m.kommunens_del }}",
        ],
        f"m in {field}",
        empty=empty,
        widths=(3.2, 3.0, 3.4, 3.2, 3.8),  # "Fritidsvejledningen" fits whole
    )


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Fælles målbillede for {{ barnets_navn }}",
        "Fælles målbillede",
    )
    kv(
        doc,
        FaellesMaalbillede,
        [
            "barnets_navn",
            (
                "funktionsnedsaettelse",
                "{{ funktionsnedsaettelse or 'Ikke beskrevet' }}",
            ),
            ("foraeldre", "{{ foraeldre|liste or 'Ikke angivet' }}"),
            "sagsbehandler",
            ("oprettet", "{{ oprettet|dato }}"),
            (
                "revideret",
                value_or("revideret", "Ikke revideret endnu", "dato"),
            ),
        ],
    )
    k.para(
        doc,
        "Målene er beskrevet konkret: hvad vi vil nå, hvordan vi kan se det, hvornår, og hvem "
        "der gør hvad i familien og i kommunen. Målene revideres løbende sammen med familien.",
        italic=True,
    )
    _goals(doc, "kortsigtede_maal", "Kortsigtede mål", "Ingen kortsigtede mål.")
    _goals(doc, "langsigtede_maal", "Langsigtede mål", "Ingen langsigtede mål.")
    return doc
