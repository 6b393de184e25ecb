"""E2 Årshjul: a generated wheel of 12 months with alt text, and the same as a table."""

from __future__ import annotations

import io
import struct
import zipfile

from conftest import FormCase, docx_xml
from docx import Document

from samarbejdsdok import render

CASE = FormCase("aarshjul")


def test_wheel_is_a_picture_with_alt_text_and_a_sane_size() -> None:
    data = render(CASE.spec.example_model())
    (shape,) = Document(io.BytesIO(data)).inline_shapes
    assert round(shape.width.cm, 1) == 16.0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        (media,) = [n for n in zf.namelist() if n.startswith("word/media/")]
        png = zf.read(media)
    width, height = struct.unpack(">II", png[16:24])
    assert 800 <= width <= 2000 and 800 <= height <= 2000
    xml = docx_xml(data)
    assert 'descr="Årshjul 2027 for Familien Kragh Hansen.' in xml
    assert "Maj: Julemærkehjemmets opfølgningsdag (Oliver og Mette) og Opfølgning." in xml


def test_table_by_month_with_the_follow_ups_of_the_case_type() -> None:
    text = CASE.text()
    # every 6 weeks from 17 June 2026: 13 January, 24 February, 7 April, ... (none in March)
    assert "februar | Ophold på Julemærkehjemmet (Oliver) og Opfølgning" in text
    assert "marts | Netværksmøde (familie og netværk)\n" in text
    assert "april | Opfølgning" in text
    assert "november | Status på hjælpemidler og Opfølgning" in text


def test_without_follow_ups_only_the_activities() -> None:
    text = CASE.text(opfoelgning=None)
    assert "Opfølgning" not in text
    assert "april | " in text and "juni | Netværksmøde (familie og netværk)" in text


def test_month_by_name_or_number() -> None:
    data = CASE.data(opfoelgning=None)
    data["aktiviteter"] = [
        {"maaned": 3, "aktivitet": "Møde A"},
        {"maaned": "Maj", "aktivitet": "Møde B"},
    ]
    model = CASE.spec.model.model_validate(data)
    assert [m.aktiviteter for m in model.maaneder][2:5] == [["Møde A"], [], ["Møde B"]]
    for bad in (13, "smarch"):
        data["aktiviteter"][0]["maaned"] = bad
        assert CASE.problem(data).path == "aktiviteter.0.maaned"


def test_long_and_many_activities_draw_quickly() -> None:
    import time

    from samarbejdsdok.fields import TEXT_MAX

    data = CASE.data()
    data["aktiviteter"] = [
        {"maaned": "marts", "aktivitet": (f"{i} " + "Aktivitet " * TEXT_MAX)[:TEXT_MAX]}
        for i in range(12)
    ]
    model = CASE.spec.model.model_validate(data)
    start = time.monotonic()
    model._draw()
    # Uncut, each activity took seconds to lay out (issue 15's bound: 10 s a document).
    assert time.monotonic() - start < 10
    assert len(model.maaneder[2].aktiviteter) == 12  # the table keeps them all


def test_every_text_on_the_wheel_prints_at_nine_points_or_more() -> None:
    """The picture is placed 16 cm wide and drawn 7 inches wide: every text's size, scaled to
    print, is at least 9 pt, also with many activities in a month."""
    import copy

    from samarbejdsdok.forms import get_form

    spec = get_form("aarshjul")
    data = copy.deepcopy(spec.example())
    data["aktiviteter"] = [
        {"maaned": "marts", "aktivitet": f"Aktivitet nummer {i} med en lang tekst", "hvem": None}
        for i in range(8)
    ] + data["aktiviteter"]
    model = spec.model.model_validate(data)
    fig = model._figure()
    texts = [t for t in fig.axes[0].texts if t.get_text()]
    assert len(texts) >= 13  # the months and the centre at least
    scale = 16.0 / (fig.get_figwidth() * 2.54)
    for t in texts:
        assert t.get_fontsize() * scale >= 9.0 - 1e-6, (t.get_text(), t.get_fontsize())
    march = [t.get_text() for t in texts if "Aktivitet nummer" in t.get_text()]
    in_march = [line for line in model.maaneder if line.maaned == "marts"][0].aktiviteter
    assert march and f"+ {len(in_march) - 3} flere" in march[0]
