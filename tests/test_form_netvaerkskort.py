"""A11 Familiens netværkskort: a generated picture in the document, with alt text and a sane
size."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from conftest import docx_text, docx_xml
from docx import Document

from samarbejdsdok import render
from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import get_form
from samarbejdsdok.validation import validate

SPEC = get_form("netvaerkskort")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("use_docxtpl", [False, True], ids=["engine", "docxtpl"])
def test_the_map_is_a_picture_in_the_document_with_alt_text(use_docxtpl: bool) -> None:
    model = SPEC.example_model()
    data = render(model, use_docxtpl=use_docxtpl)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        assert len(media) == 1
        png = zf.read(media[0])
        assert 'Extension="png"' in zf.read("[Content_Types].xml").decode()
        assert media[0][5:] in zf.read("word/_rels/document.xml.rels").decode()
    width, height = png_size(png)
    assert 800 <= width <= 2000 and 800 <= height <= 2000
    assert 20_000 < len(png) < 2_000_000
    doc = Document(io.BytesIO(data))
    (shape,) = doc.inline_shapes
    assert round(shape.width.cm, 1) == 16.0 and round(shape.height.cm, 1) == 16.0
    xml = docx_xml(data)
    assert 'descr="Netværkskort for Familien Kragh Hansen den 3. juni 2026.' in xml
    assert "Hanne Kragh (tæt på)" in xml and "Kasper Nørgaard (længere væk)" in xml


def test_the_picture_is_drawn_from_the_data() -> None:
    data = SPEC.example()
    one = SPEC.model.model_validate(data).kort().image()
    data["personer"].append({"navn": "Ny Person", "sektor": "andre", "naerhed": 1})
    two = SPEC.model.model_validate(data).kort().image()
    assert one != two
    assert SPEC.model.model_validate(SPEC.example()).kort().image() == one  # deterministic


def test_the_model_is_plain_data_and_draws_once_per_document(monkeypatch) -> None:
    model = SPEC.example_model()
    assert SPEC.model.model_validate_json(model.model_dump_json()) == model
    calls = []
    draw = SPEC.model._draw
    monkeypatch.setattr(SPEC.model, "_draw", lambda self: calls.append(1) or draw(self))
    render(model)
    assert len(calls) == 1


def test_the_people_are_also_a_table() -> None:
    text = docx_text(render(SPEC.example_model()))
    assert "Hanne Kragh | Mormor | familie | 1" in text
    assert "Røde Kors Familienetværk | frivillig familieven | professionelle | 2" in text
    assert "I midten: Mette Kragh Hansen, Sofie Kragh Hansen og Oliver Kragh Hansen." in text


def test_closeness_and_sector_are_checked() -> None:
    data = SPEC.example()
    data["personer"][0]["naerhed"] = 4
    data["personer"][1]["sektor"] = "naboer"
    with pytest.raises(DataError) as info:
        validate(SPEC.model, data)
    assert {p.path for p in info.value.problems} == {"personer.0.naerhed", "personer.1.sektor"}


def test_an_empty_network_still_draws_the_family() -> None:
    data = SPEC.example()
    data["personer"] = []
    text = docx_text(render(SPEC.model.model_validate(data)))
    assert "Der er ingen personer på kortet endnu." in text


# --- bounded: any name draws quickly (issue 15: a 200,000-character name took 96 s) ---------


def _write(data: dict, path) -> str:
    import json

    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.slow  # cross-process: CI runs the slow group
def test_a_long_name_renders_within_bounds_through_the_cli(tmp_path) -> None:
    import copy

    from conftest import BOUNDED_SECONDS, assert_refused, run_bounded

    from samarbejdsdok.fields import TEXT_MAX

    data = copy.deepcopy(SPEC.example())
    long_name = ("Navn " * TEXT_MAX)[: TEXT_MAX - 1]  # as long as a text may be
    data["personer"][0]["navn"] = long_name
    data["personer"][1]["relation"] = "r" * TEXT_MAX
    data["familiemedlemmer"][0] = long_name
    out = tmp_path / "kort.docx"
    args = ["render", "netvaerkskort", _write(data, tmp_path / "k.json"), "-o", str(out)]
    run = run_bounded(args)
    assert run.returncode == 0, run
    assert "Traceback" not in run.stderr, run
    assert run.seconds < BOUNDED_SECONDS, run
    # The table keeps the whole name; the picture and its alt text show its start.
    assert " ".join(long_name.split()) in " ".join(docx_text(out.read_bytes()).split())
    # One character more is refused, naming the field.
    data["personer"][1]["relation"] = "r" * (TEXT_MAX + 1)
    out.unlink()
    run = run_bounded(
        ["render", "netvaerkskort", _write(data, tmp_path / "k.json"), "-o", str(out)]
    )
    assert_refused(run, "personer.1.relation", f"højst {TEXT_MAX} tegn")
    assert not out.exists()


@pytest.mark.slow  # cross-process: CI runs the slow group
def test_a_full_network_map_renders_within_bounds_through_the_cli(tmp_path) -> None:
    import copy

    from conftest import BOUNDED_SECONDS, run_bounded

    from samarbejdsdok.forms.netvaerkskort import MAX_PERSONS

    data = copy.deepcopy(SPEC.example())
    person = data["personer"][0]
    data["personer"] = [
        dict(person, navn=f"{i} " + "N" * 20_000, relation="R" * 20_000) for i in range(MAX_PERSONS)
    ]
    data["familiemedlemmer"] = ["M" * 20_000] * 50
    out = tmp_path / "kort.docx"
    args = ["render", "netvaerkskort", _write(data, tmp_path / "k.json"), "-o", str(out)]
    run = run_bounded(args)
    assert run.returncode == 0, run
    assert run.seconds < BOUNDED_SECONDS, run


def test_a_network_map_holds_at_most_max_persons() -> None:
    import copy

    from samarbejdsdok.forms.netvaerkskort import MAX_PERSONS

    data = copy.deepcopy(SPEC.example())
    data["personer"] = [data["personer"][0]] * (MAX_PERSONS + 1)
    with pytest.raises(DataError) as info:
        validate(SPEC.model, data)
    (problem,) = info.value.problems
    assert (problem.path, problem.message) == ("personer", f"må højst have {MAX_PERSONS} elementer")


def test_picture_labels_are_cut_cheaply() -> None:
    from samarbejdsdok.engine.pictures import label

    assert label("Hanne Kragh", 28) == "Hanne Kragh"
    cut = label("x" * 1_000_000, 28, 2)
    assert cut.count("\n") == 1 and cut.endswith("…") and len(cut) == 57


_FIRST = ["Hanne", "Bjørn", "Mette", "Lars", "Amir", "Susanne", "Ole", "Fatima", "Jens", "Karen"]
_LAST = ["Kragh", "Christoffersen", "Haddad", "Brink", "Dahl", "Nielsen", "Østergaard"]
_RELATIONS = ["mormor", "lærer", "fritidsvejleder", "sundhedsplejerske", "nabo", "ven af familien"]
_SECTORS = ["familie", "venner", "professionelle", "andre"]


def _network(n: int, sector_of) -> object:
    import copy

    data = copy.deepcopy(SPEC.example())
    data["personer"] = [
        {
            "navn": f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 3) % len(_LAST)]}",
            "relation": _RELATIONS[i % len(_RELATIONS)],
            "sektor": sector_of(i),
            "naerhed": 1 + (i * 5) % 3,
        }
        for i in range(n)
    ]
    return SPEC.model.model_validate(data)


def _assert_no_overlap(placed) -> None:
    import itertools

    boxes = [p.box for p in placed if p.box is not None]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    for p in placed:
        if p.box is None:
            continue
        # Inside the picture, clear of the centre circle and of every other person's dot.
        assert -4 < p.box.x0 < p.box.x1 < 4 and -4 < p.box.y0 < p.box.y1 < 4
        assert not (p.box.x0 < 0.75 and p.box.x1 > -0.75 and p.box.y0 < 0.75 and p.box.y1 > -0.75)
        for other in placed:
            if other is not p:
                inside = p.box.x0 < other.x < p.box.x1 and p.box.y0 < other.y < p.box.y1
                assert not inside, (p.navn, other.navn)


@pytest.mark.parametrize(
    "sector_of",
    [lambda i: _SECTORS[i % 4], lambda i: "familie" if i < 20 else _SECTORS[1 + i % 3]],
    ids=["spread over the sectors", "half of them family"],
)
def test_forty_people_are_all_named_and_no_two_labels_overlap(sector_of) -> None:
    from samarbejdsdok.forms.netvaerkskort import MAX_NAMED

    model = _network(MAX_NAMED, sector_of)
    fig, placed = model._figure()
    assert len(placed) == 40
    assert all(p.box is not None for p in placed), [p.navn for p in placed if p.box is None]
    _assert_no_overlap(placed)
    notes = [t.get_text() for t in fig.axes[0].texts if "uden navn" in t.get_text()]
    assert notes == []


def test_a_map_too_full_for_every_name_says_so_and_still_overlaps_nothing() -> None:
    from samarbejdsdok.forms.netvaerkskort import MAX_NAMED

    # Forty in one sector do not fit by name, and more than MAX_NAMED are never named.
    crowded = _network(40, lambda i: "professionelle")
    fig, placed = crowded._figure()
    _assert_no_overlap(placed)
    unnamed = sum(p.box is None for p in placed)
    assert unnamed > 0
    (note,) = [t.get_text() for t in fig.axes[0].texts if "uden navn" in t.get_text()]
    assert note.startswith(f"{unnamed} personer er vist uden navn")
    assert "tabellen" in note

    many = _network(MAX_NAMED + 5, lambda i: _SECTORS[i % 4])
    fig, placed = many._figure()
    assert len(placed) == MAX_NAMED  # the rest are dots only
    _assert_no_overlap(placed)
    (note,) = [t.get_text() for t in fig.axes[0].texts if "uden navn" in t.get_text()]
    assert int(note.split()[0]) >= 5


def test_a_name_the_font_lacks_draws_without_a_warning() -> None:
    # A name with characters DejaVu Sans lacks is drawn with boxes, and matplotlib's warning
    # does not reach the user's terminal (it did, from the label layout).
    import warnings

    data = SPEC.example()
    data["personer"][0]["navn"] = "Zhang 张 \U00040638 🙂"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = docx_text(render(validate(SPEC.model, data)))
    assert "Zhang 张" in text  # the table under the map has the name as written
    assert not [w for w in caught if "missing from" in str(w.message)]
