"""Template of A9 Helhedsorienteret familieplan."""

from __future__ import annotations

from samarbejdsdok.forms.familieplan import Familieplan

from .. import docxkit as k
from ._faelles import KONTAKT, agreements_table, contacts_table, field_table, kv, opening

#: The five groups of the municipal network: (field, column heading, second column heading,
#: text when the group is empty). The paper form heads the school's, the coordinator's and the
#: leisure counsellors' second column "Funktion", the others "Afdeling/funktion".
KOMMUNALT = (
    ("sagsbehandlere", "Sagsbehandlere", "Afdeling/funktion", "Ingen sagsbehandlere noteret."),
    ("familiehuset", "Familiehuset", "Afdeling/funktion", "Ingen fra Familiehuset noteret."),
    ("skolen", "Skolen", "Funktion", "Ingen fra skolen noteret."),
    ("familiekoordinator", "Familiekoordinator", "Funktion", "Ingen familiekoordinator noteret."),
    (
        "fritidsvejledningen",
        "Fritidsvejledningen",
        "Funktion",
        "Ingen fra Fritidsvejledningen noteret.",
    ),
)

NETWORK_WIDTHS = (4.6, 7.4, 4.6)


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Helhedsorienteret familieplan · {{ familie }} · "
        "opdateret {{ opdateret|dato }}",
        "Helhedsorienteret familieplan",
        sharing=True,
    )
    kv(
        doc,
        Familieplan,
        [
            "familie",
            ("Gældende i perioden", "{{ gyldig_fra|dato }} – {{ gyldig_til|dato }}"),
            ("opdateret", "{{ opdateret|dato }}"),
        ],
    )
    k.para(
        doc,
        "Den helhedsorienterede familieplan samler de planer, kommunen har lagt for familien "
        "(handleplaner, jobplaner, uddannelsesplaner mv.), og familiens egne planer i ét "
        "overblik: hvem der er ansvarlig for målene, og hvem der gør hvad, hvornår og med "
        "hvilken hjælp. Planen erstatter ikke de lovpligtige planer; den er en læsehjælp ved "
        "siden af dem, som skal gøre helheden mere overskuelig for familien. Gælder der noget "
        "andet i en lovpligtig plan, er det den, der gælder.",
        italic=True,
        muted=True,
    )

    k.heading(
        doc,
        "Aftaler fra netværksmødet"
        "{% if netvaerksmoede_dato %} den {{ netvaerksmoede_dato|dato }}{% endif %}",
        2,
    )
    agreements_table(doc, Familieplan, "Der er ingen aftaler fra netværksmødet.")

    k.heading(doc, "Netværk", 2)
    k.heading(doc, "Kommunalt netværk", 3)
    for field, head, second, empty in KOMMUNALT:
        contacts_table(doc, f"kommunalt_netvaerk.{field}", head, empty, second=second)
    k.heading(doc, "Eksternt netværk", 3)
    contacts_table(doc, "eksternt_netvaerk", "Navn", "Intet eksternt netværk noteret.")
    k.heading(doc, "Personligt netværk", 3)
    field_table(
        doc,
        Familieplan,
        "p in personligt_netvaerk",
        ["navn", "relation", ("Kontaktoplysninger", KONTAKT)],
        empty="Intet personligt netværk noteret.",
        widths=NETWORK_WIDTHS,
    )

    k.heading(doc, "Familiens planer og indsatser (overblik)", 2)
    # The paper form's "Navn" and "Cpr. nr." share a column, so that the dates can be written
    # out in full ("14. september 2026") without breaking over two lines. The plan is sent to
    # the whole network, personal network included, so CPR numbers are masked (150311-XXXX).
    field_table(
        doc,
        Familieplan,
        "i in aktuelle_indsatser",
        [
            (
                "Navn og cpr. nr.",
                "{{ i.navn }}{% if i.cpr %}{{ '\\n' }}{{ i.cpr|cpr_maskeret }}{% endif %}",
            ),
            ("plan", "{{ i.plan }}{% if i.tilbud %}{{ '\\n' }}{{ i.tilbud }}{% endif %}"),
            ("tilbud_timer_uge", "{{ i.tilbud_timer_uge|tal }}"),
            "opfoelgning",
            ("start", "{{ i.start|dato }}"),
            ("slut", "{{ i.slut|dato }}"),
        ],
        empty="Der er ingen aktuelle indsatser.",
        widths=(3.2, 3.0, 1.9, 2.5, 3.0, 3.0),
        size=9,
    )

    k.heading(doc, "Aktuel familiestatus", 2)
    field_table(
        doc,
        Familieplan,
        "s in familiestatus",
        ["navn", "aktuel_situation"],
        empty="Familiens status er ikke noteret.",
        widths=(4.6, 12.0),
    )

    k.heading(doc, "Familiens egne mål", 2)
    field_table(
        doc,
        Familieplan,
        "m in egne_maal",
        ["maal", "hvornaar", "hvem"],
        empty="Familien har ikke noteret egne mål.",
        widths=(8.6, 3.6, 4.4),
    )

    k.heading(doc, "Familiens planer/handleplaner i kommunen", 2)
    k.control(doc, "{%p for person in handleplaner %}")
    k.heading(doc, "{{ person.navn }}", 3)
    field_table(
        doc,
        Familieplan,
        "h in person.indsatser",
        ["indsats", "formaal", "maal", "ansvarlig", "hvem_goer_hvad"],
        of="handleplaner[].indsatser",
        empty="Der er ingen indsatser noteret for personen.",
        widths=(3.4, 3.0, 3.0, 3.5, 3.7),
        size=9.5,
    )
    k.control(doc, "{%p else %}")
    k.para(doc, "Der er ikke noteret handleplaner.", italic=True, muted=True)
    k.control(doc, "{%p endfor %}")
    return doc
