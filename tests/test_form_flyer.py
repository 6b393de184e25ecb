"""A4 Flyer and the municipality profile: the flyer is filled from the profile, and --profile
fills any form's sender."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import docx_text

from samarbejdsdok import profil, render
from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import get_form
from samarbejdsdok.profil import Kommuneprofil
from samarbejdsdok.validation import validate

SPEC = get_form("flyer")


def test_flyer_shows_the_profile() -> None:
    text = docx_text(render(SPEC.example_model()))
    assert text.startswith("Få en familiekoordinator\n")
    assert "Familiens Fremtid · et tilbud til udvalgte familier i Furesø Kommune" in text
    assert "Jobcenter Furesø (den tidligere Bybækskole)\nPalholmterrasserne 1\n3520 Farum" in text
    assert "Mandag, tirsdag og onsdag\nkl. 10.00–14.00" in text
    assert "Torsdag\nkl. 10.00–18.00" in text
    assert "Fredag\nkl. 10.00–14.00" in text
    assert "Lene Dahl\nSocialrådgiver\nMobil 40 21 33 18\nleda@furesoe.dk" in text
    assert "Camilla Nørgaard\nPædagog\nMobil 41 18 52 63" in text


def test_a_flyer_without_opening_hours_or_coordinators_says_what_to_do() -> None:
    profile = profil.example()
    profile["aabningstider"] = []
    profile["koordinatorer"] = []
    text = docx_text(render(validate(SPEC.model, {"profil": profile})))
    assert "Ring og aftal et tidspunkt." in text
    assert "Kontakt kommunen for at få navnet på jeres familiekoordinator." in text


def test_days_are_grouped_only_when_they_follow_each_other() -> None:
    profile = profil.example()
    profile["aabningstider"] = [
        {"ugedag": "fredag", "fra": "09:00", "til": "12:00"},
        {"ugedag": "mandag", "fra": "09:00", "til": "12:00"},
        {"ugedag": "onsdag", "fra": "09:00", "til": "12:00"},
        {"ugedag": "tirsdag", "fra": "09:00", "til": "12:00"},
    ]
    flyer = validate(SPEC.model, {"profil": profile})
    assert [(line.dage, line.tid) for line in flyer.aabningstider_linjer] == [
        ("mandag, tirsdag og onsdag", "kl.\u00a009.00–\u206012.00"),
        ("fredag", "kl.\u00a009.00–\u206012.00"),
    ]


def test_profile_is_checked() -> None:
    profile = profil.example()
    profile["aabningstider"][0]["til"] = "09:00"
    profile["koordinatorer"][0]["mobil"] = "123"
    profile["adresse"]["postnummer"] = "99"
    with pytest.raises(DataError) as info:
        validate(Kommuneprofil, profile)
    assert {p.path for p in info.value.problems} == {
        "aabningstider.0.til",
        "koordinatorer.0.mobil",
        "adresse.postnummer",
    }


def test_profile_fills_the_sender_of_other_forms_without_overriding() -> None:
    notat = get_form("netvaerksmoede_notat")
    data = notat.example()
    del data["organisation"]
    filled = profil.apply(notat.model, data, profil.example())
    assert filled["organisation"] == {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    }
    data["organisation"] = {"kommune": "Egen Kommune"}
    assert (
        profil.apply(notat.model, data, profil.example())["organisation"]["kommune"]
        == "Egen Kommune"
    )


def test_cli_profile_option(tmp_path: Path) -> None:
    profile = tmp_path / "profil.json"
    profile.write_text(json.dumps(profil.example(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "flyer.docx"
    cmd = [sys.executable, "-m", "samarbejdsdok", "render", "flyer", "-", "-o", str(out)]
    without = subprocess.run(cmd, input="{}", capture_output=True, text=True)
    assert without.returncode == 1 and "profil (Kommuneprofil): skal udfyldes" in without.stderr
    result = subprocess.run(
        [*cmd, "--profile", str(profile)], input="{}", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Familiens Fremtid" in docx_text(out.read_bytes())
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    bad = subprocess.run(
        [*cmd, "--profile", str(broken)], input="{}", capture_output=True, text=True
    )
    assert bad.returncode == 1 and "kan ikke læses" in bad.stderr


def test_logo_from_the_profile_is_placed_on_the_flyer(tmp_path: Path) -> None:
    import io
    import zipfile

    from docx import Document
    from matplotlib.figure import Figure

    logo = tmp_path / "logo.png"
    fig = Figure(figsize=(2, 1), dpi=100)
    fig.text(0.5, 0.5, "Furesø", ha="center")
    fig.savefig(logo, format="png")
    profile = profil.example()
    profile["logo"] = str(logo)
    data = render(validate(SPEC.model, {"profil": profile}))
    (shape,) = Document(io.BytesIO(data)).inline_shapes
    assert round(shape.width.cm, 1) == 4.0 and round(shape.height.cm, 1) == 2.0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert any(n.startswith("word/media/") for n in zf.namelist())
    assert (
        "Furesø Kommunes logo"
        in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    )
    profile["logo"] = str(tmp_path / "missing.png")
    with pytest.raises(DataError) as info:
        validate(SPEC.model, {"profil": profile})
    assert info.value.problems[0].path == "profil.logo"


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8) + (0).to_bytes(4, "big") * 2),
            "mellem 1 og 10000 punkter",
        ),
        (lambda p: p.write_bytes(b"GIF89a" + bytes(30)), "PNG-fil"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(6 * 2**20)), "højst fylde 5 MB"),
    ],
    ids=["zero-size", "not-png", "too-large"],
)
def test_a_bad_logo_is_refused_naming_the_field(tmp_path: Path, make, message: str) -> None:
    logo = tmp_path / "logo.png"
    make(logo)
    profile = profil.example()
    profile["logo"] = str(logo)
    with pytest.raises(DataError) as info:
        validate(SPEC.model, {"profil": profile})
    (problem,) = info.value.problems
    assert problem.path == "profil.logo"
    assert message in problem.message
