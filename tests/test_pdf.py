"""Archival, accessible PDFs (docs/pdf.md): every form's example converted by LibreOffice with
the package's export options is PDF/A-2b as its XMP metadata declares, has an output intent,
embeds every font, is tagged (headings, tables), says da-DK and the form's title, shows the
title as the window title, is not encrypted, and holds the example's values. The slow tests
need LibreOffice; the fast ones check the errors without it."""

from __future__ import annotations

import io
import itertools
import json
import os
import stat
import subprocess
import time

import pytest
from conftest import printed_values, require_soffice, shown

import samarbejdsdok
from samarbejdsdok import pdf as pdfmod
from samarbejdsdok.cli import main
from samarbejdsdok.forms import all_forms, get_form

pikepdf = pytest.importorskip("pikepdf")

#: Forms whose documents have no heading: the flyer is one page laid out in a table.
WITHOUT_HEADINGS = {"flyer"}
HEADINGS = {f"/H{n}" for n in range(1, 7)}


@pytest.fixture(scope="module", params=["convert-to", "resident"])
def pdfs(request, tmp_path_factory) -> dict[str, tuple[bytes, str]]:
    """Every form's example as (PDF, its text), all converted in one LibreOffice start: with
    ``soffice --convert-to`` (render --pdf, sag render --pdf) or by a LibreOffice kept running
    and driven over UNO (the merge's converter, when a Python with ``uno`` is there)."""
    exe = require_soffice()
    out = tmp_path_factory.mktemp("pdfa")
    specs = all_forms()
    docs = [(f"{spec.name}.docx", samarbejdsdok.render(spec.example_model())) for spec in specs]
    started = time.perf_counter()
    if request.param == "resident":
        from samarbejdsdok.mailmerge.pdf import PdfConverter

        python = pdfmod.find_uno_python(exe)
        if python is None:
            if os.environ.get("SAMARBEJDSDOK_REQUIRE_LIBREOFFICE") == "1":
                pytest.fail("no Python with LibreOffice's uno module (python3-uno)")
            pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
        converter = PdfConverter(exe, 1, python=python)
        try:
            made = converter.convert_bytes(docs)
            assert converter.starts == 1
        finally:
            converter.close()
    else:
        made = pdfmod.convert_documents(docs, exe)
    print(f"\n{len(docs)} PDF'er på {time.perf_counter() - started:.1f} s ({request.param})")
    result = {}
    for spec, pdf in zip(specs, made, strict=True):
        assert pdf is not None, f"LibreOffice made no complete PDF of {spec.name}"
        path = out / f"{spec.name}.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
        result[spec.name] = (pdf, text.replace("\u00a0", " ").replace("\u2011", "-"))
    return result


def structure_tags(node, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.add(str(node.S))
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                structure_tags(kid, found)
        elif isinstance(kids, pikepdf.Dictionary):
            structure_tags(kids, found)
    return found


#: Forms whose example has a picture (a drawn network map, an annual wheel).
PICTURES = {"netvaerkskort", "aarshjul"}


def figure_alts(node, found: list[str] | None = None) -> list[str]:
    """The alternate text (``/Alt``) of every ``/Figure`` in the structure tree."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Array):
        for kid in node:
            figure_alts(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        if "/K" in node:
            figure_alts(node.K, found)
    return found


def heading_order(node, found: list[str] | None = None) -> list[str]:
    """The structure tree's heading tags (``/H1``...), in document order."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Array):
        for kid in node:
            heading_order(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        tag = str(node.get("/S", ""))
        if tag in HEADINGS:
            found.append(tag)
        if "/K" in node:
            heading_order(node.K, found)
    return found


def count_tag(node, tag: str) -> int:
    """How many structure elements of type ``tag`` the tree holds."""
    if not isinstance(node, pikepdf.Dictionary):
        return 0
    n = int("/S" in node and str(node.S) == tag)
    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        n += sum(count_tag(kid, tag) for kid in kids)
    elif isinstance(kids, pikepdf.Dictionary):
        n += count_tag(kids, tag)
    return n


def fonts(resources, seen: set[tuple[int, int]] | None = None):
    """Every font of a resource dictionary and the forms (XObjects) it draws, with the
    descendant fonts of composite (Type0) fonts."""
    seen = set() if seen is None else seen
    for font in resources.get("/Font", {}).values():
        yield font
        yield from font.get("/DescendantFonts", [])
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            yield from fonts(xobject.Resources, seen)


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_every_forms_pdf_is_archival_and_accessible(pdfs, spec) -> None:
    data, text = pdfs[spec.name]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        meta = pdf.open_metadata()
        # PDF/A identification as declared in docs/pdf.md and samarbejdsdok.pdf
        assert meta.get("pdfaid:part") == str(pdfmod.PDFA_PART)
        assert meta.get("pdfaid:conformance") == pdfmod.PDFA_CONFORMANCE
        intents = root.get("/OutputIntents")
        assert intents is not None and len(intents) >= 1
        assert all("/DestOutputProfile" in i and i.S == "/GTS_PDFA1" for i in intents)
        # every font embedded (a Type3 font's glyphs are drawn in the file itself)
        found = 0
        for page in pdf.pages:
            for font in fonts(page.Resources):
                found += 1
                if font.Subtype in ("/Type0", "/Type3"):
                    continue  # the descendant is checked, a Type3 font is its own glyphs
                descriptor = font.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    f"{font.get('/BaseFont')} is not embedded"
                )
        assert found
        # tagged: a structure tree with tables, headings and bookmarks from them
        assert root.MarkInfo.Marked is True
        tags = structure_tags(root.StructTreeRoot)
        assert {"/Table", "/TR", "/TD"} <= tags
        if spec.name not in WITHOUT_HEADINGS:
            assert tags & HEADINGS, f"no heading in the structure tree: {sorted(tags)}"
            assert root.Outlines.Count != 0
            # The document's title is its one level-1 heading and its first bookmark (a
            # screen reader's outline starts with it); sections are level 2 and below.
            assert count_tag(root.StructTreeRoot, "/H1") == 1
            # headings in document order never skip a level (H2 after H1, not H3: PDF/UA's
            # Matterhorn checkpoint 14-003)
            levels = [int(tag[2:]) for tag in heading_order(root.StructTreeRoot)]
            assert levels[0] == 1, levels
            skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
            assert not skips, f"a heading skips a level: {skips} in {levels}"
            first = " ".join(str(root.Outlines.First.Title).split())
            assert first and " ".join(text.split()).startswith(first), first
        # pictures with their alt text, once (LibreOffice joins a title and a description)
        for alt in figure_alts(root.StructTreeRoot):
            assert alt and len(alt) > 20, alt
            half = (len(alt) - 3) // 2
            assert alt != f"{alt[:half]} - {alt[:half]}", "the alt text twice"
        if spec.name in PICTURES:
            assert figure_alts(root.StructTreeRoot), "the picture has no /Figure"
        # language, title shown as the window title, no encryption
        assert str(root.Lang) == "da-DK"
        assert str(pdf.docinfo.Title) == spec.title
        assert meta.get("dc:title") == spec.title
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert "/Encrypt" not in pdf.trailer
        assert not pdf.is_encrypted
    flat = " ".join(text.split())
    values = [v for v in printed_values(spec.example_model()) if len(v) <= 24 and "\n" not in v]
    assert values
    missing = [v for v in values if not shown(v, flat)]
    assert not missing, f"not in the PDF of {spec.name}: {missing}"


@pytest.mark.slow
@pytest.mark.libreoffice
def test_render_pdf_writes_the_pdf_atomically(tmp_path) -> None:
    require_soffice()
    target = tmp_path / "plan.pdf"
    result = samarbejdsdok.render_pdf(get_form("familieplan").example_model(), target)
    assert result.path == target and target.read_bytes() == bytes(result)
    assert pdfmod.is_complete_pdf(target)
    assert bytes(result.document[:2]) == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


@pytest.mark.slow
@pytest.mark.libreoffice
def test_render_and_sag_render_write_the_pdf_beside_the_document(tmp_path, capsys) -> None:
    require_soffice()
    data = tmp_path / "data.json"
    data.write_text(json.dumps(get_form("flyer").example()), "utf-8")
    assert main(["render", "flyer", str(data), "-o", str(tmp_path / "flyer.docx"), "--pdf"]) == 0
    assert pdfmod.is_complete_pdf(tmp_path / "flyer.pdf")
    case = tmp_path / "sag.yaml"
    assert main(["sag", "example"]) == 0
    case.write_text(capsys.readouterr().out, "utf-8")
    out = tmp_path / "sag"
    assert main(["sag", "render", str(case), "--all", "--out-dir", str(out), "--pdf"]) == 0
    docx = sorted(p.stem for p in out.glob("*.docx"))
    assert docx and docx == sorted(p.stem for p in out.glob("*.pdf"))
    assert all(pdfmod.is_complete_pdf(p) for p in out.glob("*.pdf"))


# --- without LibreOffice (fast) ------------------------------------------------------------------


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: None)


def test_the_export_options_ask_for_pdfa2_tagged_with_bookmarks() -> None:
    kind, _, options = pdfmod.convert_filter().partition(":writer_pdf_Export:")
    assert kind == "pdf"
    values = {k: v["value"] for k, v in json.loads(options).items()}
    assert values["SelectPdfVersion"] == "2"
    for option in ("UseTaggedPDF", "ExportBookmarks", "DisplayPDFDocumentTitle"):
        assert values[option] == "true"
    assert values["EncryptFile"] == "false"


@pytest.mark.parametrize("command", ["render", "sag", "sag-all"])
def test_pdf_without_libreoffice_is_a_danish_error_and_writes_nothing(
    tmp_path, capsys, no_soffice, command
) -> None:
    out = tmp_path / "ud"
    out.mkdir()
    if command == "render":
        data = tmp_path / "data.json"
        data.write_text(json.dumps(get_form("flyer").example()), "utf-8")
        argv = ["render", "flyer", str(data), "-o", str(out / "flyer.docx"), "--pdf"]
    else:
        case = tmp_path / "sag.yaml"
        assert main(["sag", "example"]) == 0
        case.write_text(capsys.readouterr().out, "utf-8")
        if command == "sag":
            argv = ["sag", "render", str(case), "--form", "flyer", "-o", str(out / "f.docx")]
        else:
            argv = ["sag", "render", str(case), "--all", "--out-dir", str(out / "alle")]
        argv.append("--pdf")
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "LibreOffice (soffice) er ikke installeret, så der kan ikke laves PDF'er" in err
    assert "uden --pdf" in err
    assert list(out.iterdir()) == []


def test_render_pdf_without_libreoffice_raises(no_soffice, tmp_path) -> None:
    target = tmp_path / "x.pdf"
    with pytest.raises(samarbejdsdok.PdfUnavailableError, match="ikke installeret"):
        samarbejdsdok.render_pdf(get_form("flyer").example_model(), target)
    assert not target.exists()
    with pytest.raises(samarbejdsdok.ArgumentError, match="render_pdf"):
        samarbejdsdok.render_pdf("flyer")  # type: ignore[arg-type]


def test_output_named_pdf_is_a_usage_error(tmp_path, capsys) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps(get_form("flyer").example()), "utf-8")
    assert main(["render", "flyer", str(data), "-o", str(tmp_path / "flyer.pdf")]) == 2
    assert "brug -o UD.docx --pdf" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [data]


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_truncated_pdf_is_an_error_and_never_written(tmp_path, monkeypatch, capsys) -> None:
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'mkdir -p "$2"; for doc in "$@"; do :; done\n'
        'name=$(basename "$doc" .docx)\n'
        'printf "%%PDF-1.6 afbrudt" > "$2/$name.pdf"\n',
        "utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: str(fake))
    target = tmp_path / "x.pdf"
    with pytest.raises(samarbejdsdok.PdfConversionError, match="ingen PDF er skrevet"):
        samarbejdsdok.render_pdf(get_form("flyer").example_model(), target)
    assert not target.exists()
    data = tmp_path / "data.json"
    data.write_text(json.dumps(get_form("flyer").example()), "utf-8")
    out = tmp_path / "ud"
    out.mkdir()
    assert main(["render", "flyer", str(data), "-o", str(out / "flyer.docx"), "--pdf"]) == 1
    assert "LibreOffice kunne ikke lave en hel PDF" in capsys.readouterr().err
    assert list(out.iterdir()) == []


@pytest.mark.slow
@pytest.mark.libreoffice
def test_the_merge_pdfs_get_the_same_export(tmp_path) -> None:
    require_soffice()
    example = get_form("flyer").example()
    results = list(samarbejdsdok.merge("flyer", [example], out_dir=tmp_path, pdf=True))
    with pikepdf.open(results[0].pdf) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == str(pdfmod.PDFA_PART)
        assert meta.get("pdfaid:conformance") == pdfmod.PDFA_CONFORMANCE
        assert "/StructTreeRoot" in pdf.Root
