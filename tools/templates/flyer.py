"""Template of A4 Flyer: Få en familiekoordinator."""

from __future__ import annotations

from docx.shared import Cm, Pt, RGBColor

from .. import docxkit as k

BLUE = RGBColor(0x1F, 0x3A, 0x68)
PANEL = "EAF0F8"


def build(title: str):
    """One A4 page that reads as a flyer: a coloured band with the offer, the text in a wide
    column, and a side panel with where to find us, opening hours and the coordinators."""
    doc = k.new_document(title)
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Cm(1.5)
    k.footer(doc, "{{ profil.kommune }} · {{ profil.indsats }}")
    k.control(doc, "{%p if logo %}")
    k.right(k.para(doc, "{{ logo|billede }}"))
    k.control(doc, "{%p endif %}")
    k.banner(
        doc,
        "Få en familiekoordinator",
        "{{ profil.indsats }} · et tilbud til udvalgte familier i {{ profil.kommune }}",
    )
    k.para(doc, "", size=4)
    text, panel = k.layout_columns(doc, (10.6, 6.0), fills=(None, PANEL))

    def heading(cell, words: str, size: float = 15) -> None:
        par = k.cell_para(cell, words, bold=True, size=size, colour=BLUE, space_after=3)
        par.paragraph_format.space_before = Pt(10)
        # No "keep with next" inside the columns: LibreOffice then keeps the whole row (the
        # page's text) off a page it does not fit, leaving the first page blank.

    body = 12.5  # a flyer is read at arm's length

    heading(text, "Hvad er {{ profil.indsats }}?")
    k.cell_para(
        text,
        "{{ profil.indsats }} er et tilbud til udvalgte børnefamilier i {{ profil.kommune }}. "
        "Vi støtter familiens trivsel ud fra et helhedssyn på sundhed, sociale og økonomiske "
        "forhold, uddannelse og arbejde. Målet er, at familiens voksne og unge kommer nærmere "
        "uddannelse eller arbejde, og at børnene får et mere aktivt skole- og fritidsliv.",
        size=body,
        space_after=6,
    )
    heading(text, "Hvad gør en familiekoordinator?")
    k.cell_para(
        text,
        "I får én fast familiekoordinator, som gør kontakten til kommunen nemmere og mere "
        "overskuelig. I dialog med jer vil familiekoordinatoren:",
        size=body,
    )
    for line in (
        "skabe overblik over hele familiens situation med fokus på jeres styrker",
        "lave én samlet plan for de mål, der er for jeres familie",
        "skabe sammenhæng i jeres aftaler med {{ profil.kommune }}",
        "introducere jer til foreninger og fritidsaktiviteter",
        "vejlede jer i, hvordan I kan styrke jeres familieliv",
        "tage med jer til aftaler med fx kommunen eller sundhedsvæsenet",
    ):
        k.cell_para(text, line, style="List Bullet", size=body, space_after=2)
    heading(text, "Vil I møde os?")
    k.cell_para(
        text,
        "Vi vil gerne invitere jeres familie til en kort samtale, hvor I kan høre, hvad en "
        "familiekoordinator kan hjælpe med, og fortælle, hvad I har brug for. Vi mødes, hvor "
        "det passer jer bedst: hjemme hos jer eller hos os.",
        size=body,
    )

    heading(panel, "Her finder I os", 13)
    k.cell_para(panel, "{%p if profil.afdeling %}")
    k.cell_para(panel, "{{ profil.kommune }}, {{ profil.afdeling }}", size=10, space_after=2)
    k.cell_para(panel, "{%p endif %}")
    k.cell_para(panel, "{%p if profil.adresse.sted %}")
    k.cell_para(panel, "{{ profil.adresse.sted }}", bold=True, space_after=0)
    k.cell_para(panel, "{%p endif %}")
    k.cell_para(
        panel,
        "{{ profil.adresse.vej }}{{ '\\n' }}{{ profil.adresse.postnummer }} "
        "{{ profil.adresse.by }}",
    )
    k.cell_para(panel, "{%p if profil.telefon %}")
    k.cell_para(panel, "Telefon {{ profil.telefon|telefon }}", space_after=0)
    k.cell_para(panel, "{%p endif %}")
    k.cell_para(panel, "{%p if profil.email %}")
    k.cell_para(panel, "{{ profil.email }}", space_after=0)
    k.cell_para(panel, "{%p endif %}")
    k.cell_para(panel, "{%p if profil.afsender %}")
    k.cell_para(panel, "Kontakt: {{ profil.afsender }}", space_after=0)
    k.cell_para(panel, "{%p endif %}")

    heading(panel, "Åbningstider", 13)
    k.cell_para(panel, "{%p for a in aabningstider_linjer %}")
    k.cell_para(panel, "{{ a.dage|stort }}{{ '\\n' }}{{ a.tid }}", space_after=2)
    k.cell_para(panel, "{%p else %}")
    k.cell_para(panel, "Ring og aftal et tidspunkt.", italic=True)
    k.cell_para(panel, "{%p endfor %}")
    k.cell_para(panel, "{{ moedeaftale_tekst }}", italic=True, size=9.5)

    heading(panel, "Familiekoordinatorer", 13)
    k.cell_para(panel, "{%p for f in profil.koordinatorer %}")
    k.cell_para(panel, "{{ f.navn }}", bold=True, space_after=0)
    k.cell_para(
        panel,
        "{% if f.profession %}{{ f.profession|stort }}{{ '\\n' }}{% endif %}"
        "Mobil {{ f.mobil|telefon }}{% if f.email %}{{ '\\n' }}{{ f.email }}{% endif %}",
        size=10,
    )
    k.cell_para(panel, "{%p else %}")
    k.cell_para(
        panel, "Kontakt kommunen for at få navnet på jeres familiekoordinator.", italic=True
    )
    k.cell_para(panel, "{%p endfor %}")
    return doc
