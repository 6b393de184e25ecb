"""Template of B2 Indkaldelse til ophold på Julemærkehjem (mail til tovholderen)."""

from __future__ import annotations

from samarbejdsdok.forms.julemaerkehjem_indkaldelse import JulemaerkehjemIndkaldelse

from .. import docxkit as k
from ._faelles import kv, opening, optional_section, person

LATER = "{% else %}Følger senere{% endif %}"


def _planned(key: str, window: bool = False) -> str:
    """A date from the plan; the planner's proposal is marked provisional with its rule."""
    text = f"{{{{ {key}.dato|dato_lang }}}}{{% if {key}.foreloebig %}} (foreløbig dato: "
    if window:
        text += (
            f"{{{{ {key}.regel }}}}, dvs. mellem {{{{ {key}.fra|dato }}}} "
            f"og {{{{ {key}.til|dato }}}}"
        )
    else:
        text += f"{{{{ {key}.regel }}}}"
    return text + "){% endif %}"


def build(title: str):
    doc = opening(
        title,
        "{{ julemaerkehjem }} · Indkaldelse til ophold · {{ barn_navn }}",
        sender="{{ julemaerkehjem }} · {{ dato|dato }}",
    )
    k.kv_table(
        doc,
        [
            ("Til tovholderen i {{ kommune }}", person("tovholder")),
            ("Fra", "{{ julemaerkehjem }}"),
        ],
    )
    k.para(
        doc,
        "{{ barn_navn }} er indkaldt til forbesøg på {{ julemaerkehjem }}. Nedenfor kan du se, "
        "hvem der er barnets kontaktpædagog hos os, og datoerne for barnets forløb.",
    )
    k.heading(doc, "Barnet", 2)
    kv(
        doc,
        JulemaerkehjemIndkaldelse,
        [
            (
                "barn_navn",
                "{{ barn_navn }}{% if barn_foedselsdato %}, født "
                "{{ barn_foedselsdato|dato }}{% endif %}",
            ),
            ("kontaktpaedagog", person("kontaktpaedagog")),
        ],
    )
    k.heading(doc, "Datoer for forløbet", 2)
    kv(
        doc,
        JulemaerkehjemIndkaldelse,
        [
            ("Forbesøg", _planned("forbesoeg_plan")),
            (
                "infodag",
                "{% if infodag %}{{ infodag|dato_lang }}" + LATER,
            ),
            ("ophold_start", "{{ ophold_start|dato_lang }}"),
            (
                "foraeldredag",
                "{% if foraeldredag %}{{ foraeldredag|dato_lang }}" + LATER,
            ),
            (
                "slutsamtale",
                "{% if slutsamtale %}{{ slutsamtale|dato_lang }}"
                "{% if slutsamtale_tid %} {{ slutsamtale_tid|kl }}{% endif %}" + LATER,
            ),
            ("ophold_slut", "{{ ophold_slut|dato_lang }}"),
            ("Opfølgningsdag", _planned("opfoelgningsdag_plan", window=True)),
        ],
    )
    k.control(doc, "{%p if forbesoeg_plan.foreloebig or opfoelgningsdag_plan.foreloebig %}")
    k.para(
        doc,
        "Foreløbige datoer er sat ud fra samarbejdsmodellen mellem kommunerne og "
        "Julemærkehjemmene. Vi sender de endelige datoer, så snart de ligger fast.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")
    k.para(
        doc,
        "Barnets kontaktperson i kommunen er meget velkommen til at besøge barnet under "
        "opholdet og til at deltage i slutsamtalen eller andre relevante samtaler i løbet af "
        "opholdet.",
    )
    k.heading(doc, "Bilag", 2)
    k.para(doc, "{{ bilag_ansoegning|afkrydset }} Kopi af ansøgningsskemaet")
    k.para(doc, "{{ bilag_indkaldelse_foraeldre|afkrydset }} Indkaldelsen til forældrene")
    k.para(
        doc,
        "{{ bilag_returdokument|afkrydset }} Returdokumentet »Udpegelse af kontaktperson«",
    )
    k.rich(
        doc,
        ("b", "Husk: "),
        (
            "",
            "Tovholderen udpeger barnets kontaktperson og sender det udfyldte returdokument "
            "»Udpegelse af kontaktperson« til {{ julemaerkehjem }} via sikker mail.",
        ),
    )
    optional_section(doc, "bemaerkninger", "Bemærkninger")
    k.para(doc)
    # the sign-off stays on the page of the sender's name
    k.para(doc, "Med venlig hilsen", keep_with_next=True)
    k.para(doc, "{{ julemaerkehjem }}")
    return doc
