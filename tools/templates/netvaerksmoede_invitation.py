"""Template of A13 Invitation til netværksmøde for professionelle.

The attachments come from the form's :data:`BILAG`; the date the agenda is sent is the model's
computed ``dagsorden_udsendes``.
"""

from __future__ import annotations

from samarbejdsdok.forms.netvaerksmoede_invitation import BILAG

from .. import docxkit as k
from ._faelles import contacts_table, opening, person


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · {{ organisation.indsats }} · Invitation til netværksmøde "
        "{{ dato|dato }}",
        sharing=True,
    )
    k.control(doc, "{%p if brevdato %}")
    k.right(k.para(doc, "{{ brevdato|dato }}"))
    k.control(doc, "{%p endif %}")
    k.rich(doc, ("b", "Til: "), ("", person("modtager")))
    k.para(
        doc,
        "Invitation til netværksmøde om familien {{ familie_navn }} {{ dato|dato_lang }}",
        bold=True,
    )
    k.para(doc, "Kære {{ modtager.navn }}")
    k.para(
        doc,
        "I {{ organisation.indsats }} laver vi sammen med familien en helhedsorienteret "
        "familieplan. Formålet med familieplanen er at "
        "koordinere og sætte fokus på de indsatser, der er i gang som støtte til, at familiens "
        "voksne og børn når deres mål ud fra et helhedsperspektiv på familiens ressourcer.",
    )
    k.para(
        doc,
        "Som en del af det professionelle netværk omkring familien {{ familie_navn }} "
        "inviteres du derfor til netværksmøde {{ dato|dato_lang }} "
        "{{ starttid|tidsrum(slut) }} i {{ lokale }}"
        "{% if adresse %}, {{ adresse }}{% endif %}.",
    )
    k.para(doc, "De øvrige mødedeltagere vil være:", keep_with_next=True)
    contacts_table(
        doc,
        "oevrige_deltagere",
        "Navn",
        "Der er endnu ikke andre professionelle på deltagerlisten.",
        widths=(4.6, 7.0, 5.0),
    )
    k.para(
        doc,
        "På mødet deltager også familiens voksne, og målet med mødet er at belyse familiens "
        "samlede ønsker, udfordringer, indsatser og handleplaner og med afsæt heri at udarbejde "
        "den helhedsorienterede familieplan.",
    )
    k.para(
        doc,
        "Din funktion på mødet vil være kort at fortælle om dit samarbejde med familien og "
        "orientere om, hvilke planer og aktiviteter I har i gangsat for nuværende. På mødet skal "
        "vi desuden belyse, hvilke indsatser der fungerer, og hvad der udfordrer, så vi får en "
        "fælles forståelse af familiens situation.",
    )
    k.para(
        doc,
        "Dagsorden vil blive sendt til dig en uge inden mødet, senest "
        "{{ dagsorden_udsendes|dato_lang }}.",
    )
    k.para(doc, "Familieplanen vil fremover blive opdateret på netværksmøder hver tredje måned.")
    k.para(
        doc,
        "Skulle du blive forhindret i at komme, bedes du i samspil med din leder pege på en "
        "afløser for dig.",
    )
    k.para(doc, "Vel mødt", keep_with_next=True)
    k.para(doc, "{{ familiekoordinator.navn }}", bold=True, keep_with_next=True)
    k.para(
        doc,
        "{{ [familiekoordinator.funktion, familiekoordinator.telefon|telefon and "
        "'tlf. ' ~ familiekoordinator.telefon|telefon, familiekoordinator.email]"
        "|select|join(', ') }}",
    )
    k.para(
        doc,
        "{{ organisation.indsats }} arbejder på at støtte op om børnefamiliers trivsel "
        "ud fra et helhedssyn på sundhed, sociale og økonomiske forhold, uddannelse og arbejde. "
        "Målet er, at familierne får hverdagen, familielivet og økonomien til at hænge bedre "
        "sammen og på sigt nærmer sig arbejdsmarkedet eller uddannelsessystemet.",
        italic=True,
        muted=True,
    )
    k.heading(doc, "Bilag", 2)
    for b in BILAG:
        k.bullet(doc, b)
    return doc
