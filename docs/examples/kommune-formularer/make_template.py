"""Write src/kommune_formularer/hjemmebesoeg.docx with python-docx.

A municipality would write the template in Word instead; `samarbejdsdok fields hjemmebesoeg`
lists what it may use and `samarbejdsdok check-template hjemmebesoeg FILE.docx` checks it.
"""

from pathlib import Path

from docx import Document

doc = Document()
doc.add_heading("{{ dokument.titel }}", 1)
doc.add_paragraph("{{ familie_navn }}, {{ dato|dato_lang }}")
doc.add_paragraph("Deltagere: {{ deltagere|liste }}")
doc.add_paragraph("{%p for barn in boern %}")
doc.add_paragraph("{{ barn.navn }} (født {{ barn.cpr|cpr_maskeret }})")
doc.add_paragraph("{%p endfor %}")
doc.add_paragraph("{{ noter }}")
doc.save(Path(__file__).parent / "src" / "kommune_formularer" / "hjemmebesoeg.docx")
