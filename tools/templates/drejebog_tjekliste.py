"""Template of A2 Arbejdsproces for den helhedsorienterede familieplan – tjekliste.

The checklist's rows are the model's computed ``tjekliste`` (the 13 steps of
:data:`samarbejdsdok.forms.drejebog_tjekliste.TRIN` with what was done and the deadlines);
the deadlines table is ``frister``.
"""

from __future__ import annotations

from samarbejdsdok.forms.drejebog_tjekliste import DrejebogTjekliste

from .. import docxkit as k
from ._faelles import kv, opening, person


def build(title: str):
    doc = opening(
        title,
        "{{ organisation.kommune }} · Tjekliste til netværksmøde · {{ familie_navn }}",
        "Arbejdsproces for den helhedsorienterede familieplan",
    )
    kv(
        doc,
        DrejebogTjekliste,
        [
            "familie_navn",
            ("familiekoordinator", person("familiekoordinator")),
            ("moedeleder", "{{ moedeleder or 'Ikke aftalt' }}"),
            (
                "Netværksmøde",
                "{{ netvaerksmoede_dato|dato_lang }}, "
                "{{ netvaerksmoede_start|tidsrum(moede_slut) }}",
            ),
            (
                "sted",
                "{% if sted %}{{ sted }}, {% endif %}booket {{ lokale_fra|tidsrum(lokale_til) }}",
            ),
            (
                "status_dato",
                "{{ status_dato|dato or 'Ikke angivet (fristerne er ikke kontrolleret)' }}",
            ),
        ],
    )

    k.heading(doc, "Tjekliste", 2)
    k.loop_table(
        doc,
        ["Nr.", "Tjekliste", "Frist", "Dato/udført af"],
        [
            "{{ t.nr }}",
            "{{ t.tekst }}",
            "{{ t.frist|dato or '–' }}",
            "{% if t.dato %}{{ t.dato|dato }}{% if t.udfoert_af %}\n{{ t.udfoert_af }}"
            "{% endif %}{% elif t.overskredet %}Frist overskredet{% endif %}",
        ],
        "t in tjekliste",
        widths=(1.0, 8.4, 3.0, 4.2),
        size=9,
    )
    k.control(doc, "{%p if overskredne %}")
    k.para(
        doc,
        "Fristen er overskredet pr. {{ status_dato|dato }} for "
        "{% if overskredne|length == 1 %}trin{% else %}trinene{% endif %} "
        "{{ overskredne|liste }}, som ikke er markeret som udført.",
        bold=True,
    )
    k.control(doc, "{%p elif status_dato %}")
    k.para(doc, "Ingen frister er overskredet pr. {{ status_dato|dato }}.")
    k.control(doc, "{%p endif %}")

    k.heading(doc, "Frister", 2)
    k.loop_table(
        doc,
        ["Trin", "Hvad", "Regel", "Frist"],
        [
            "{{ f.trin }}",
            "{{ f.tekst }}",
            "{{ f.regel }}{% if f.flyttet %} (flyttet til arbejdsdagen før){% endif %}",
            "{{ f.frist|dato_lang }}",
        ],
        "f in frister",
        widths=(1.2, 6.4, 4.4, 4.6),
        size=9,
    )
    dates = k.kv_table(
        doc,
        [
            (
                "Lokale til netværksmødet",
                "{{ lokale_fra|tidsrum(lokale_til) }}: mødet "
                "({{ netvaerksmoede_start|tidsrum(moede_slut) }}) og 30 minutter til forberedelse "
                "og oprydning, 15 minutter før og 15 minutter efter",
            ),
            (
                "Næste netværksmøde senest",
                "{{ naeste_netvaerksmoeder[0]|dato_lang }}",
            ),
            (
                "Derefter ca. hver tredje måned",
                "{{ naeste_netvaerksmoeder[1:]|map('dato')|liste }}",
            ),
        ],
    )
    # The three rows and the note under them stay together on one page.
    for row in dates.rows:
        for cell in row.cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True
    k.para(
        doc,
        "Fristerne regnes ud fra netværksmødets dato. Falder en frist på en lørdag, søndag, "
        "helligdag eller en af kommunens lukkedage, flyttes den til arbejdsdagen før. Måneder "
        "regnes i kalendermåneder: tre måneder efter den 30. november er den 28. februar (den "
        "29. i et skudår), og hvert netværksmøde ligger inden for tre måneder efter det forrige.",
        italic=True,
    )
    return doc
