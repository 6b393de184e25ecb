"""One case file for every collaboration model (issue 21): the file names its model, the
registry finds it, and a key of another model's course is refused by name. Each model's own
tests are in tests/test_sag_<model>.py."""

from __future__ import annotations

import copy
from importlib.resources import files

import pytest
import yaml

from samarbejdsdok import sag
from samarbejdsdok.cli import main
from samarbejdsdok.errors import DataError
from samarbejdsdok.sag import modeller

RAW = yaml.safe_load(files("samarbejdsdok").joinpath(sag.EXAMPLE).read_text("utf-8"))


def write(tmp_path, d: dict) -> str:
    path = tmp_path / "sag.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), "utf-8")
    return str(path)


def test_the_registry_names_the_five_models_and_toolbox_is_the_default() -> None:
    assert modeller.NAMES == (
        "toolbox",
        "julemaerkehjem",
        "bbu",
        "sammen_om_familien",
        "plejefamilie",
    )
    assert sag.example().model == "toolbox"
    d = copy.deepcopy(RAW)
    d["model"] = "toolbox"  # naming the default changes nothing
    assert sag.load(d).model_dump() == sag.example().model_dump()
    usable = [m.name for m in modeller.implemented()]
    assert usable[0] == "toolbox"
    for m in modeller.implemented():
        assert sag.example(m.name).model == m.name
        assert sag.check(sag.example(m.name)) == []
        assert set(m.sections).isdisjoint(
            {"sagsnummer", "organisation", "familie", "netvaerk", "samtykker", "profil"}
        )


def test_an_unknown_model_is_refused_with_its_line_through_the_cli(tmp_path, capsys) -> None:
    d = {"model": "julemaerkehjemmet", **RAW}
    assert main(["sag", "check", write(tmp_path, d)]) == 1
    err = capsys.readouterr().err
    assert "linje 1, model: ukendt samarbejdsmodel; vælg toolbox, julemaerkehjem, bbu" in err
    with pytest.raises(DataError) as info:
        sag.load(d)
    assert info.value.problems[0].code == "unknown_model"
    assert main(["sag", "example", "--model", "ingen"]) == 1
    assert "ukendt samarbejdsmodel" in capsys.readouterr().err


def test_a_section_of_another_model_is_refused_by_name(tmp_path, capsys) -> None:
    d = copy.deepcopy(RAW)
    d["bbu"] = {"anbringelse": "2026-06-01"}
    assert main(["sag", "check", write(tmp_path, d)]) == 1
    err = capsys.readouterr().err
    line = len(yaml.safe_dump(RAW, allow_unicode=True, sort_keys=False).splitlines()) + 1
    assert (
        f"linje {line}, bbu: afsnittet hører til samarbejdsmodellen bbu, men sagen er en "
        "toolbox-sag (model: toolbox)" in err
    ), err


def test_a_model_not_yet_usable_says_so(tmp_path, capsys) -> None:
    for name in modeller.NAMES:
        if name in {m.name for m in modeller.implemented()}:
            continue
        d = {"model": name, "sagsnummer": "1"}
        assert main(["sag", "check", write(tmp_path, d)]) == 1
        err = capsys.readouterr().err
        assert f"linje 1, model: samarbejdsmodellen {name} kan endnu ikke bruges" in err, err
