"""Template of D2 Referat af møde i mødeforløbet.

One section per meeting type (``moedetype``), each with exactly the points the source lists for
that type; the agreements, the next status meeting (not after an udskrivningssamtale; when the
child moves out before it is due, a sentence saying that no more are held), the notes and the
legal basis from the statutory table follow.
"""

from __future__ import annotations

from samarbejdsdok.forms.bbu_referat import BbuReferat, Moedetype

from .. import docxkit as k
from ._faelles import agreements_table, field_table, kv, label, notes, opening, value_or, yes_no

NOT_DISCUSSED = "Ikke drøftet på mødet."
#: In place of the next status meeting when the child moves out before it is due.
MOVING_OUT = (
    "Der holdes ikke flere statusmøder: {{ barn }} flytter fra tilbuddet "
    "{{ udflytning_planlagt|dato_lang }}."
)
LATER = "Afklares på et efterfølgende samarbejdsmøde eller statusmøde (akut anbringelse)."

#: Why each meeting is held, in the source's words (shown under the heading).
FORMAAL = {
    "visitationsmoede": "Visitationsmødet drøfter og klarlægger, hvad indsatsen skal rumme, og "
    "vurderer tilbuddets mulighed for at påtage sig opgaven.",
    "indskrivningssamtale": "Indskrivningssamtalen formidler formålet med indsatsen til alle "
    "involverede parter, så samarbejdet mellem forældre, børn, myndighed og tilbud er "
    "konstruktivt fra første færd.",
    "boernesamtale": "Børnesamtalen er en samtale mellem barnet og myndighedssagsbehandleren om "
    "indsatsen på tilbuddet, relationen til forældrene, trivslen i skolen og lignende emner.",
    "statusmoede": "På statusmødet gennemgår vi indsatsen og justerer det aktuelle "
    "arbejdsgrundlag, så det hele tiden svarer til den virkelighed, barnet, den unge og "
    "familien står i.",
    "netvaerksmoede": "Netværksmødet holder fokus på den helhedsorienterede indsats omkring "
    "barnet: det professionelle og det private netværk taler sammen om barnets og familiens "
    "trivsel.",
    "samarbejdsmoede": "Samarbejdsmødet er det professionelle netværks møde om indsatsen uden "
    "barnet eller familien. Barnet, den unge og familien skal altid informeres om mødets indhold "
    "og beslutninger.",
    "udskrivningssamtale": "Udskrivningssamtalen giver rum til refleksion: barnet, den unge og "
    "forældrene ser tilbage og giver deres mening til kende, så vi kan lære til fremtidige "
    "indsatser.",
}

BARNETS_LOV = "{{ lov.barnets_lov.henvisning }}"
FORVALTNINGSLOVEN = "{{ lov.forvaltningsloven_19.henvisning }}"
OPFOELGNING = (
    f"{BARNETS_LOV} (opfølgning og inddragelse af barnet; børnefaglig undersøgelse) og "
    f"{FORVALTNINGSLOVEN} (partshøring af oplysninger)"
)

#: The legal basis of each type: the source's topics, cited after the law in force.
LOVGRUNDLAG = {
    "visitationsmoede": f"{BARNETS_LOV} (valg af anbringelsessted)",
    "indskrivningssamtale": f"{BARNETS_LOV} (samtale med barnet i forbindelse med en indsats)",
    "boernesamtale": f"{BARNETS_LOV} (samtale med barnet, så vidt muligt uden ansatte fra "
    "anbringelsesstedet til stede)",
    "statusmoede": OPFOELGNING,
    "netvaerksmoede": OPFOELGNING,
    "samarbejdsmoede": f"{BARNETS_LOV} (barnets plan eller ungeplan, tidligere handleplan)",
    "udskrivningssamtale": f"{BARNETS_LOV} (afgørelse om ophør af indsatsen)",
}


def _by_type(texts: dict[str, str]) -> str:
    """One run choosing the text of the meeting type."""
    parts = []
    for i, (key, text) in enumerate(texts.items()):
        test = f"moedetype == '{Moedetype[key].value}'"
        parts.append(f"{{% {'if' if i == 0 else 'elif'} {test} %}}{text}")
    return "".join(parts) + "{% endif %}"


def _point(doc, field: str, *, otherwise: str | None = None) -> None:
    """A point of the minutes: the field's title as heading and what was said (or
    ``otherwise`` when empty)."""
    k.heading(doc, label(BbuReferat, field), 2)
    k.para(doc, f"{{{{ {field} }}}}" if otherwise is None else value_or(field, otherwise))


def _is(key: str) -> str:
    """The test that the meeting is of the type with ASCII key ``key``."""
    return f"moedetype == '{Moedetype[key].value}'"


def _section(doc, key: str) -> None:
    k.control(doc, f"{{%p if {_is(key)} %}}")


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Referat af {{ moedetype }} den {{ dato|dato }}",
        "Referat af {{ moedetype }}",
    )
    k.para(doc, _by_type(FORMAAL), italic=True)
    kv(
        doc,
        BbuReferat,
        [
            ("moedetype", "{{ moedetype|stort }}"),
            "barn",
            "tilbud",
            (
                "anbringelsens_start",
                "{% if anbringelsens_start %}{{ anbringelsens_start|dato }}"
                "{% if " + _is("indskrivningssamtale") + " and indskrivningssamtale.akut %}"
                " (akut anbringelse){% endif %}{% else %}ikke angivet{% endif %}",
            ),
            ("Dato og tidspunkt", "{{ dato|dato_lang }}, {{ starttid|tidsrum(sluttid) }}"),
            ("sted", value_or("sted", "ikke angivet")),
            ("referent", value_or("referent", "ikke angivet")),
        ],
    )
    k.heading(doc, "Deltagere", 2)
    field_table(doc, BbuReferat, "d in deltagere", ["navn", "rolle"], widths=(8.3, 8.3))

    # 1 Visitationsmødet
    _section(doc, "visitationsmoede")
    _point(doc, "visitationsmoede.anbringelsesgrundlag")
    _point(doc, "visitationsmoede.situation")
    _point(doc, "visitationsmoede.stoettebehov")
    _point(doc, "visitationsmoede.tidsperspektiv")
    _point(doc, "visitationsmoede.vurdering")
    k.para(
        doc,
        "Der er indgået en aftale:      " + yes_no("visitationsmoede.aftale_indgaaet"),
    )
    k.control(doc, "{%p if visitationsmoede.naeste_skridt %}")
    _point(doc, "visitationsmoede.naeste_skridt")
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p endif %}")

    # 2 Indskrivningssamtalen
    _section(doc, "indskrivningssamtale")
    k.control(doc, "{%p if indskrivningssamtale.akut %}")
    k.para(
        doc,
        "Akut anbringelse: samtalen holdes inden for 48 timer, og der er kun fokus på "
        "arbejdsgrundlaget og barnets eller familiens basale behov. Resten afklares på et "
        "efterfølgende samarbejdsmøde eller statusmøde, som planlægges hurtigst muligt.",
        italic=True,
    )
    k.control(doc, "{%p endif %}")
    _point(doc, "indskrivningssamtale.anbringelsesgrundlag", otherwise=LATER)
    _point(doc, "indskrivningssamtale.arbejdsgrundlag")
    k.control(doc, "{%p if indskrivningssamtale.akut or indskrivningssamtale.basale_behov %}")
    _point(doc, "indskrivningssamtale.basale_behov")
    k.control(doc, "{%p endif %}")
    _point(doc, "indskrivningssamtale.samvaersaftaler", otherwise=LATER)
    _point(
        doc,
        "indskrivningssamtale.professionelt_netvaerk",
        otherwise=LATER,
    )
    _point(doc, "indskrivningssamtale.oekonomi", otherwise=LATER)
    k.control(doc, "{%p endif %}")

    # 3 Børnesamtalen
    _section(doc, "boernesamtale")
    _point(doc, "boernesamtale.indsatsen")
    _point(doc, "boernesamtale.foraeldrerelation")
    _point(doc, "boernesamtale.skoletrivsel")
    k.control(doc, "{%p if boernesamtale.andre_emner %}")
    _point(doc, "boernesamtale.andre_emner")
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p endif %}")

    # 4 Statusmødet
    _section(doc, "statusmoede")
    _point(doc, "statusmoede.information_barn")
    _point(doc, "statusmoede.information_familie")
    _point(doc, "statusmoede.information_sagsbehandler")
    _point(doc, "statusmoede.information_tilbud")
    _point(doc, "statusmoede.samvaersaftale")
    k.heading(doc, "Målsætning med opholdet", 2)
    k.para(
        doc,
        "Målsætningen er ændret:      " + yes_no("statusmoede.maalsaetning_aendret"),
    )
    k.para(doc, "{{ statusmoede.maalsaetning }}")
    k.para(doc, "Hvem der har ansvar for hvad, står under aftalerne.", italic=True, muted=True)
    k.control(doc, "{%p endif %}")

    # 5 Netværksmødet
    _section(doc, "netvaerksmoede")
    _point(doc, "netvaerksmoede.trivsel")
    _point(
        doc,
        "netvaerksmoede.effekt",
    )
    k.control(doc, "{%p endif %}")

    # 6 Samarbejdsmødet
    _section(doc, "samarbejdsmoede")
    _point(doc, "samarbejdsmoede.anledning")
    _point(doc, "samarbejdsmoede.anbringelsesgrundlag", otherwise=NOT_DISCUSSED)
    _point(
        doc,
        "samarbejdsmoede.oensket_forandring",
        otherwise=NOT_DISCUSSED,
    )
    _point(doc, "samarbejdsmoede.samarbejdsaftaler")
    _point(
        doc,
        "samarbejdsmoede.information_til_familien",
    )
    k.control(doc, "{%p endif %}")

    # 7 Udskrivningssamtalen
    _section(doc, "udskrivningssamtale")
    k.rich(
        doc,
        ("b", "Udflytning fra tilbuddet: "),
        ("", "{{ udskrivningssamtale.udflytning|dato_lang }}"),
    )
    _point(doc, "udskrivningssamtale.tilbageblik")
    _point(
        doc,
        "udskrivningssamtale.oplevelse_af_samarbejdet",
    )
    _point(doc, "udskrivningssamtale.laering")
    k.control(doc, "{%p if udskrivningssamtale.videreanbringelse %}")
    k.heading(doc, "Videreanbringelse", 2)
    k.para(
        doc,
        "Barnet/den unge/familien videreanbringes. {% if udskrivningssamtale.overdragelsesmoede %}"
        "Overdragelsesmøde med begge tilbud: "
        "{{ udskrivningssamtale.overdragelsesmoede|dato_lang }}.{% else %}Det anbefales at holde "
        "et overdragelsesmøde, hvor begge tilbud deltager.{% endif %}",
    )
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p endif %}")

    k.heading(
        doc,
        "{% if " + _is("statusmoede") + " %}Aftaler: hvem har ansvar for hvad"
        "{% else %}Aftaler{% endif %}",
        2,
    )
    agreements_table(doc, BbuReferat, "Der blev ikke indgået aftaler.")

    k.control(doc, "{%p if not " + _is("udskrivningssamtale") + " %}")
    k.heading(doc, "Næste statusmøde", 2)
    k.para(
        doc,
        "{% if naeste_statusmoede %}{{ naeste_statusmoede|dato_lang|stort }}"
        "{% if naeste_statusmoede_kl %}, {{ naeste_statusmoede_kl|kl }}{% endif %}"
        "{% elif flytter_foer_naeste_statusmoede %}" + MOVING_OUT + "{% else %}Ikke aftalt."
        "{% endif %}",
        bold=True,
    )
    # The child moves out before the next status meeting is due: no proposal, and when a last
    # one is agreed all the same, that it is the last.
    k.control(doc, "{%p if flytter_foer_naeste_statusmoede %}")
    k.control(doc, "{%p if naeste_statusmoede %}")
    k.para(
        doc,
        "Det bliver det sidste statusmøde: {{ barn }} flytter fra tilbuddet "
        "{{ udflytning_planlagt|dato_lang }}.",
        italic=True,
        muted=True,
        size=9,
    )
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p else %}")
    k.para(
        doc,
        "Aftal altid næste statusmøde – og gerne flere – inden mødet afsluttes. "
        "{% if foreslaaet_statusmoede %}Statusmøder holdes {{ foreslaaet_statusmoede.regel }}, "
        "så det næste holdes senest {{ foreslaaet_statusmoede.dato|dato_lang }}."
        "{% else %}Statusmøder holdes ugentligt de første fire uger og derefter mindst hver "
        "anden uge.{% endif %}",
        italic=True,
        muted=True,
        size=9,
    )
    # A planned move-out after the next status meeting's last day: said, changing nothing.
    k.control(doc, "{%p if udflytning_planlagt %}")
    k.para(
        doc,
        "{{ barn }} flytter efter planen fra tilbuddet {{ udflytning_planlagt|dato_lang }}.",
        italic=True,
        muted=True,
        size=9,
    )
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Øvrige bemærkninger", 2)
    notes(doc, "noter")
    k.para(doc, "Lovgrundlag: " + _by_type(LOVGRUNDLAG) + ".", muted=True, size=9)
    return doc
