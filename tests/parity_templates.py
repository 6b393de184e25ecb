"""Small Word templates, one per docxtpl feature, built with python-docx for the parity tests
(tests/test_engine_parity.py).

Each builder returns the bytes of a .docx. A placeholder is written inside one run unless the
template is about tags that Word split across runs. The contexts live with the tests; only the
one the determinism test's subprocess needs is here (:func:`determinism_case`).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# --- building blocks ------------------------------------------------------------------------


def png(width: int = 4, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A tiny valid PNG (one colour), made here so the tests need no picture files."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def to_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build(*steps: Callable[[object], None]) -> bytes:
    """A new document with each step applied to it, as .docx bytes."""
    doc = Document()
    for step in steps:
        step(doc)
    return to_bytes(doc)


def run(text: str, rpr: str = ""):
    """One ``w:r`` element (text escaped, spaces kept); ``rpr`` is the inside of ``w:rPr``."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return parse_xml(
        f'<w:r {nsdecls("w")}>{props}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'
    )


def add_runs(paragraph, runs: Sequence[tuple[str, str]]) -> None:
    """Append runs ``(text, inside of rPr)`` to a python-docx paragraph."""
    for text, rpr in runs:
        paragraph._p.append(run(text, rpr))


def table(doc, rows: Sequence[Sequence[str | None]], widths: Sequence[int] | None = None):
    """A table with one run of text per cell; ``None`` leaves the cell out of that row (so a
    row can have fewer cells than the grid has columns). ``widths`` sets the grid in twips."""
    ncols = max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=ncols)
    if widths is not None:
        assert len(widths) == ncols
        for col, width in zip(t._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths, strict=False):
            col.set(qn("w:w"), str(width))
    for row, texts in zip(t.rows, rows, strict=False):
        tcs = list(row._tr.iterchildren(qn("w:tc")))
        for i, (tc, text) in enumerate(
            zip(tcs, list(texts) + [None] * (ncols - len(texts)), strict=False)
        ):
            if text is None:
                row._tr.remove(tc)
                continue
            if widths is not None:
                tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), str(widths[i]))
            if text:
                tc.find(qn("w:p")).append(run(text))
    return t


def paragraphs(*texts: str) -> Callable[[object], None]:
    def step(doc) -> None:
        for text in texts:
            doc.add_paragraph(text)

    return step


def split_paragraph(*runs: tuple[str, str]) -> Callable[[object], None]:
    def step(doc) -> None:
        add_runs(doc.add_paragraph(), runs)

    return step


# --- one template per feature ---------------------------------------------------------------


def p_if_and_for() -> bytes:
    return build(
        paragraphs(
            "Før",
            "{%p if vis %}",
            "Synlig: {{ navn }}",
            "{%p endif %}",
            "{%p if skjul %}",
            "Usynlig",
            "{%p endif %}",
            "{%p for x in liste %}",
            "Punkt {{ x }}",
            "{%p endfor %}",
            "Efter",
        )
    )


def r_if() -> bytes:
    # The run tags share a run with text; docxtpl cuts that run itself.
    return build(
        paragraphs(
            "Før {%r if vis %}med{%r endif %} efter",
            "Før {%r if skjul %}uden{%r endif %} efter",
        ),
        # ...and the same with each tag in its own run, as Word may save it.
        split_paragraph(
            ("A ", ""), ("{%r if vis %}", ""), ("fed", "<w:b/>"), ("{%r endif %}", ""), (" B", "")
        ),
    )


def tr_for() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("Tabel:")
        table(
            doc,
            [
                ["Navn", "Alder"],
                ["{%tr for r in rader %}", ""],
                ["{{ r.navn }}", "{{ r.alder }}"],
                ["{%tr endfor %}", ""],
                ["I alt", "{{ rader|length }}"],
            ],
            widths=[3000, 2000],
        )

    return build(step)


def tc_for(widths: Sequence[int] = (1500, 1000, 2500, 1000)) -> bytes:
    """A table whose middle columns are made by ``{%tc for %}``: the template's grid has four
    columns, the document one plus the number of items."""

    def step(doc) -> None:
        table(
            doc,
            [
                ["Navn", "{%tc for k in kolonner %}", "{{ k }}", "{%tc endfor %}"],
                ["Værdi", "{%tc for k in kolonner %}", "{{ k|upper }}", "{%tc endfor %}"],
            ],
            widths=widths,
        )

    return build(step)


def vm_in_tr_for() -> bytes:
    def step(doc) -> None:
        table(
            doc,
            [
                ["Gruppe", "Medlem"],
                ["{%tr for m in medlemmer %}", ""],
                ["{% vm %}{{ gruppe }}", "{{ m }}"],
                ["{%tr endfor %}", ""],
            ],
            widths=[2500, 3500],
        )

    return build(step)


def hm_in_tc_for() -> bytes:
    def step(doc) -> None:
        table(
            doc,
            [
                ["{%tc for k in kolonner %}", "{% hm %}Overskrift {{ titel }}", "{%tc endfor %}"],
                ["{%tc for k in kolonner %}", "{{ k }}", "{%tc endfor %}"],
            ],
            widths=[1000, 3000, 1000],
        )

    return build(step)


def cellbg() -> bytes:
    def step(doc) -> None:
        table(
            doc,
            [
                ["Navn", "Status"],
                ["{%tr for r in rader %}", ""],
                ["{{ r.navn }}", "{% cellbg r.farve %}{{ r.status }}"],
                ["{%tr endfor %}", ""],
            ],
            widths=[3000, 3000],
        )

    return build(step)


def colspan() -> bytes:
    def step(doc) -> None:
        table(
            doc,
            [
                ["a", "b", "c"],
                ["{% colspan spand %}{{ tekst }}", None, None],
                ["{% colspan 2 %}to", "tre", None],
            ],
            widths=[2000, 2000, 2000],
        )

    return build(step)


def comments() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("Før{# en kommentar #} efter")
        doc.add_paragraph("{#p hele afsnittet er en kommentar #}")
        doc.add_paragraph("Mellem")
        table(
            doc,
            [
                ["a", "b"],
                ["{#tr hele rækken er en kommentar #}", "x"],
                ["c", "d"],
            ],
            widths=[2500, 2500],
        )
        table(
            doc,
            [
                ["a", "{#tc kolonnen er en kommentar #}", "c"],
                ["{{ navn }}", "{#tc også her #}", "f"],
            ],
            widths=[2000, 1000, 3000],
        )

    return build(step)


def escapes() -> bytes:
    return build(paragraphs("Skriv {_{ x }_} og {_% y %_} her", "{{ navn }} {_{ navn }_}"))


def richtext() -> bytes:
    return build(paragraphs("Før {{r rt }} efter", "Intet: {{r tom }}slut"))


def richtext_paragraph() -> bytes:
    return build(paragraphs("Før", "{{p rtp }}", "Efter"))


def listing() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("Start")
        p = doc.add_paragraph(style="Quote")
        add_runs(p, [("Liste: ", ""), ("{{ lst }}", "<w:b/>"), (" slut", "")])
        doc.add_paragraph("Ende")

    return build(step)


def inline_image_body() -> bytes:
    return build(paragraphs("Billede: {{ billede }}", "{{ billede }}", "Efter"))


def header_footer_pictures() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("Brødtekst {{ navn }}")
        section = doc.sections[0]
        section.header.paragraphs[0].text = "Logo {{ logo }}"
        section.footer.paragraphs[0].text = "{{ logo }} fod"

    return build(step)


def headers_footers_two_sections() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("Afsnit 1: {{ navn }}")
        first = doc.sections[0]
        first.header.paragraphs[0].text = "Hoved 1: {{ navn }}"
        first.footer.paragraphs[0].text = "Fod 1: {{ by }}"
        second = doc.add_section(WD_SECTION.NEW_PAGE)
        doc.add_paragraph("Afsnit 2: {{ by }}")
        second.header.is_linked_to_previous = False
        second.footer.is_linked_to_previous = False
        second.header.paragraphs[0].text = "Hoved 2: {{ navn|upper }}"
        second.footer.paragraphs[0].text = "Fod 2: {{ tekst }}"
        second.footer.add_paragraph("{%p if vis %}")
        second.footer.add_paragraph("Betinget fod")
        second.footer.add_paragraph("{%p endif %}")

    return build(step)


FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    '<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Note: {{ navn }}</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def footnotes() -> bytes:
    """A footnote holding a placeholder; the footnotes part is added by hand (python-docx
    writes its content-type override and the relationship from document.xml.rels)."""

    def step(doc) -> None:
        p = doc.add_paragraph("Tekst med fodnote")
        p._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                '<w:footnoteReference w:id="1"/></w:r>'
            )
        )
        part = Part(
            PackURI("/word/footnotes.xml"),
            CT.WML_FOOTNOTES,
            FOOTNOTES_XML.encode("utf-8"),
            doc.part.package,
        )
        doc.part.relate_to(part, RT.FOOTNOTES)

    return build(step)


def core_properties() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("{{ navn }}")
        props = doc.core_properties
        props.title = "{{ navn }}"
        props.author = "{{ forfatter }}"
        props.subject = "Emne: {{ emne }}"

    return build(step)


def split_runs() -> bytes:
    """Tags cut into runs the way Word does after an edit or a spell check."""
    return build(
        split_paragraph(("Hej ", ""), ("{{", ""), (" navn ", "<w:b/>"), ("}}", ""), ("!", "")),
        split_paragraph(("{", '<w:color w:val="FF0000"/>'), ("{ by }", "<w:i/>"), ("}", "")),
        split_paragraph(("{%", ""), (" if vis ", "<w:b/>"), ("%}ja{% en", ""), ("dif %}", "")),
    )


def split_tr_tags() -> bytes:
    def step(doc) -> None:
        t = table(
            doc,
            [
                ["Navn", "Alder"],
                ["", ""],
                ["{{ r.navn }}", "{{ r.alder }}"],
                ["", ""],
            ],
            widths=[3000, 2000],
        )
        # The row tags, each cut into three runs with different formatting.
        add_runs(
            t.cell(1, 0).paragraphs[0],
            [("{%", ""), ("tr for r in ", "<w:b/>"), ("rader %}", "<w:i/>")],
        )
        add_runs(t.cell(3, 0).paragraphs[0], [("{", ""), ("%tr end", "<w:b/>"), ("for %}", "")])

    return build(step)


def variable_named_p() -> bytes:
    # {{ p }} and {{ r }} are plain variables; {{p x }} and {{r x }} would be the tags.
    return build(paragraphs("Værdi: {{ p }}", "{{ p }}", "Og {{ r }} også"))


def special_values() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("Tekst: {{ tekst }}")
        doc.add_paragraph("{{ tekst }}")
        table(doc, [["Celle", "{{ tekst }}"]], widths=[2000, 4000])
        doc.sections[0].header.paragraphs[0].text = "Hoved {{ tekst }}"
        doc.sections[0].footer.paragraphs[0].text = "{{ tal }} og {{ dato }}"

    return build(step)


def tag_syntax_as_word_writes_it() -> bytes:
    """Comparison operators (stored as ``&gt;``/``&lt;``) and Word's typographic quotes inside
    tags, which docxtpl turns back into Jinja syntax."""
    return build(
        paragraphs(
            "{% if alder > 3 %}stor{% endif %}{% if alder < 3 %}lille{% endif %}",
            "{% if navn == \u201cAnna\u201d %}Hej Anna{% endif %}",
            "{{ navn ~ \u2018!\u2019 }}",
        )
    )


def images_in_loop_and_header() -> bytes:
    def step(doc) -> None:
        doc.add_paragraph("{%p for i in liste %}")
        doc.add_paragraph("Billede {{ i }}: {{ billede }}")
        doc.add_paragraph("{%p endfor %}")
        doc.sections[0].header.paragraphs[0].text = "{{ logo }}"

    return build(step)


# --- determinism ----------------------------------------------------------------------------


def determinism_template() -> bytes:
    """Many features at once: loops in paragraphs, rows and columns, pictures in the body and a
    header, rich text, a footnote, templated properties."""

    def step(doc) -> None:
        doc.core_properties.title = "{{ navn }}"
        doc.add_paragraph("{%p for i in liste %}")
        doc.add_paragraph("Punkt {{ i }} {{ billede }}")
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("Rig: {{r rt }}")
        table(
            doc,
            [
                ["Navn", "{%tc for k in liste %}", "{{ k }}", "{%tc endfor %}"],
                ["{%tr for r in liste %}", "", "", ""],
                [
                    "{% vm %}{{ navn }}",
                    "{%tc for k in liste %}",
                    "{{ r }}{{ k }}",
                    "{%tc endfor %}",
                ],
                ["{%tr endfor %}", "", "", ""],
            ],
            widths=[2000, 1000, 3000, 1000],
        )
        doc.sections[0].header.paragraphs[0].text = "{{ navn }} {{ logo }}"

    return build(step)


def determinism_context(tpl=None) -> dict:
    from docx.shared import Mm
    from docxtpl import InlineImage, RichText

    rt = RichText("fed", bold=True)
    rt.add(" rød", color="FF0000")
    return {
        "navn": "Anna & Bo",
        "liste": ["a", "b", "c"],
        "billede": InlineImage(tpl, io.BytesIO(png()), width=Mm(20)),
        "logo": InlineImage(tpl, io.BytesIO(png(3, 3, (0, 90, 200))), width=Mm(10)),
        "rt": rt,
    }


def determinism_case() -> tuple[bytes, dict]:
    """The template and the context (pictures without a docxtpl template) for the engine."""
    return determinism_template(), determinism_context(None)
