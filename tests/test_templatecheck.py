"""check-template and fields, through the CLI; and templates re-saved by a real office suite."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import docx_text, require_soffice
from docx import Document

from samarbejdsdok import render
from samarbejdsdok.forms import all_forms
from samarbejdsdok.rendering import default_template_bytes
from samarbejdsdok.templatecheck import check_template


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samarbejdsdok", *args], capture_output=True, text=True, timeout=120
    )


def make(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


@pytest.mark.parametrize("spec", all_forms(), ids=lambda s: s.name)
def test_every_shipped_template_is_sound(spec) -> None:
    assert check_template(spec, default_template_bytes(spec.template), spec.template) == []


def test_sound_template_exits_0(tmp_path: Path) -> None:
    tpl = tmp_path / "shipped.docx"
    tpl.write_bytes(default_template_bytes("familieplan.docx"))
    result = run("check-template", "familieplan", str(tpl))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "i orden" in result.stderr and result.stdout == ""


def test_every_problem_is_listed_with_where_it_stands(tmp_path: Path) -> None:
    tpl = make(
        tmp_path / "egen.docx",
        "Kære {{ samtykkegiver.navnn }}",
        "{% for b in boern %}{{ b.navn }}{% endfor %} og {{ boernn }}",
        "{% for i in range(10**6) %}x{% endfor %}",
    )
    result = run("check-template", "samtykke_generel", str(tpl))
    assert result.returncode == 1
    out = result.stdout
    assert 'ved "Kære {{ samtykkegiver.navnn }}"' in out
    assert "Mente du: samtykkegiver.navn" in out
    assert "'boernn'" in out and "Mente du: boern" in out
    assert "range" in out and "løkke" in out
    assert "3 problemer i skabelonen" in result.stderr


def test_unclosed_loop_points_at_its_opening(tmp_path: Path) -> None:
    tpl = make(tmp_path / "t.docx", "Først", "{% for b in boern %}{{ b.navn }}", "Sidst")
    result = run("check-template", "samtykke_generel", str(tpl))
    assert result.returncode == 1
    assert 'ved "{% for b in boern %}{{ b.navn }}"' in result.stdout
    assert "mangler {% endfor %}" in result.stdout


def test_tag_split_across_paragraphs(tmp_path: Path) -> None:
    tpl = make(tmp_path / "t.docx", "Navn: {{ samtykkegiver.", "navn }}")
    result = run("check-template", "samtykke_generel", str(tpl))
    assert result.returncode == 1
    assert "ikke afsluttet i samme afsnit" in result.stdout


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_text("hello")
    result = run("check-template", "samtykke_generel", str(bad))
    assert result.returncode == 1
    assert "ikke et Word-dokument" in result.stdout


def test_fields_lists_paths_types_and_titles() -> None:
    result = run("fields", "samtykke_generel")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("boern[].cpr "))
    assert "CPR-nummer" in row and "Barnets cpr-nummer" in row
    assert any(line.startswith("unge_underskrivere ") and "afledt" in line for line in lines)
    assert any(line.startswith("lov.<nøgle>.henvisning") for line in lines)


@pytest.mark.libreoffice
def test_templates_resaved_by_libreoffice_still_render(tmp_path: Path) -> None:
    exe = require_soffice()
    sources = tmp_path / "src"
    sources.mkdir()
    for spec in all_forms():
        (sources / spec.template).write_bytes(default_template_bytes(spec.template))
    out = tmp_path / "resaved"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            *map(str, sorted(sources.iterdir())),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for spec in all_forms():
        resaved = (out / spec.template).read_bytes()
        assert resaved != default_template_bytes(spec.template)
        assert check_template(spec, resaved, spec.template) == []
        model = spec.example_model()
        text = docx_text(render(model, template=resaved))
        reference = docx_text(render(model))
        assert "{{" not in text and "{%" not in text

        # The same words come out. LibreOffice stores the footer's page-number fields with
        # their last computed value ("Side 2 af 2"), which Word recomputes when it opens.
        def words(t: str) -> list[str]:
            return sorted(re.sub(r"Side\s*\d*\s*af\s*\d*", "Side af", t).split())

        assert words(text) == words(reference), spec.name
    shutil.rmtree(out)
