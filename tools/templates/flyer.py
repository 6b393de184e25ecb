"""Template of A4 Flyer: Få en familiekoordinator."""

from __future__ import annotations

from samarbejdsdok.forms.flyer import Flyer

from .. import docxkit as k
from ._faelles import field_table


def build(title: str):
    doc = k.new_document(title)
    k.footer(doc, "{{ profil.kommune }} · {{ profil.indsats }}")
    k.control(doc, "{%p if logo %}")
    k.right(k.para(doc, "{{ logo|billede }}"))
    k.control(doc, "{%p endif %}")
    k.title(doc, "Få en familiekoordinator fra {{ profil.indsats }}")
    k.para(doc, "Et nyt tilbud til udvalgte familier i {{ profil.kommune }}", size=14, muted=True)
    k.control(doc, "{%p if profil.afdeling %}")
    k.para(doc, "{{ profil.kommune }} · {{ profil.afdeling }}", muted=True)
    k.control(doc, "{%p endif %}")

    k.heading(doc, "{{ profil.indsats }} – hvad er det?", 2)
    k.para(
        doc,
        "{{ profil.indsats }} er et tilbud til udvalgte børnefamilier i {{ profil.kommune }}. "
        "{{ profil.indsats }} arbejder på at støtte op om familiens trivsel ud fra et helhedssyn "
        "på sundhed, sociale og økonomiske forhold, uddannelse og arbejde. Målet er, at familiens "
        "voksne og unge kommer nærmere uddannelse eller arbejde, og at familiens børn får et "
        "mere aktivt skole- og fritidsliv.",
    )
    k.heading(doc, "En familiekoordinator – hvad tilbyder vi?", 2)
    k.para(
        doc,
        "I {{ profil.indsats }} får I tilbudt en fast familiekoordinator, som gør kontakten til "
        "kommunen nemmere og mere overskuelig for jeres familie.",
    )
    k.para(doc, "Familiekoordinatoren vil – i dialog med jer:")
    for line in (
        "Sikre et overblik over hele familiens situation med fokus på jeres styrker",
        "Udarbejde en samlet plan for de forskellige mål, der er for jeres familie",
        "Skabe sammenhæng i jeres aftaler med {{ profil.kommune }}",
    ):
        k.bullet(doc, line)
    k.para(doc, "Familiekoordinatoren tilbyder også at:")
    for line in (
        "Introducere jer til kommunens mange foreninger og fritidsaktiviteter",
        "Vejlede jer i, hvordan I kan styrke jeres familieliv",
        "Tage med jer til nogle af jeres aftaler med fx kommunen eller sundhedsvæsenet",
    ):
        k.bullet(doc, line)
    k.heading(doc, "{{ profil.indsats }} – vil I møde os?", 2)
    k.para(
        doc,
        "{{ profil.indsats }} vil gerne invitere jeres familie til en kort samtale. Her får I "
        "mulighed for at møde os og høre, hvad en familiekoordinator kan hjælpe jeres familie "
        "med. Vi er interesseret i, hvilke behov I har for at få mere overblik og sammenhæng i "
        "jeres familieliv. Vi vil gerne mødes, hvor det passer jer bedst: hjemme hos jer eller "
        "hos os i vores lokaler.",
    )

    k.heading(doc, "Her finder I os", 2)
    k.control(doc, "{%p if profil.adresse.sted %}")
    k.para(doc, "{{ profil.adresse.sted }}", bold=True)
    k.control(doc, "{%p endif %}")
    k.para(doc, "{{ profil.adresse.vej }}, {{ profil.adresse.postnummer }} {{ profil.adresse.by }}")
    k.control(doc, "{%p if profil.telefon or profil.email %}")
    k.para(
        doc,
        "{% if profil.telefon %}Telefon {{ profil.telefon|telefon }}{% endif %}"
        "{% if profil.telefon and profil.email %} · {% endif %}"
        "{% if profil.email %}{{ profil.email }}{% endif %}",
    )
    k.control(doc, "{%p endif %}")
    k.control(doc, "{%p if profil.afsender %}")
    k.para(doc, "Kontakt: {{ profil.afsender }}")
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Åbningstider i {{ profil.indsats }}", 3)
    k.loop_table(
        doc,
        ["Dage", "Åbent"],
        ["{{ a.dage }}", "{{ a.tid }}"],
        "a in aabningstider_linjer",
        empty="Ring og aftal et tidspunkt.",
        widths=(8.0, 8.6),
    )
    k.para(doc, "{{ moedeaftale_tekst }}", italic=True)

    k.heading(doc, "Familiekoordinatorer i {{ profil.indsats }}", 3)
    field_table(
        doc,
        Flyer,
        "f in profil.koordinatorer",
        [
            "navn",
            "profession",
            ("Mobil", "{{ f.mobil|telefon }}{% if f.email %}{{ '\\n' }}{{ f.email }}{% endif %}"),
        ],
        empty="Kontakt kommunen for at få navnet på jeres familiekoordinator.",
        widths=(6.0, 5.0, 5.6),
    )
    return doc
