"""The public API: a complete __all__, lazy imports, doctests in the modules, the law table."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import samarbejdsdok
from samarbejdsdok import law
from samarbejdsdok.errors import (
    DataError,
    FormNotFoundError,
    OutputError,
    Problem,
    SamarbejdsdokError,
    TemplateError,
    TemplateNotFoundError,
    TemplateRenderError,
    TemplateSyntaxError,
    mask_cpr_numbers,
)

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(samarbejdsdok.__path__, "samarbejdsdok.")
    if not m.name.endswith("__main__")
)


def test_every_public_name_resolves() -> None:
    for name in samarbejdsdok.__all__:
        assert getattr(samarbejdsdok, name) is not None, name
    with pytest.raises(AttributeError):
        samarbejdsdok.no_such_thing  # noqa: B018


def test_every_form_model_is_exported() -> None:
    exported = {getattr(samarbejdsdok, n) for n in samarbejdsdok.__all__ if not n.startswith("_")}
    for spec in samarbejdsdok.all_forms():
        assert spec.model in exported, f"{spec.model.__name__} is not in samarbejdsdok.__all__"


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_exception_tree_has_one_root() -> None:
    for cls in (
        DataError,
        FormNotFoundError,
        OutputError,
        TemplateError,
        TemplateNotFoundError,
        TemplateRenderError,
        TemplateSyntaxError,
    ):
        assert issubclass(cls, SamarbejdsdokError)
    assert issubclass(FormNotFoundError, LookupError)
    assert issubclass(TemplateNotFoundError, LookupError)
    assert issubclass(DataError, ValueError)


def test_messages_mask_cpr_numbers_everywhere() -> None:
    assert mask_cpr_numbers("a 120585-2468 b 1205852468 c 12058524689") == (
        "a 120585-XXXX b 120585-XXXX c 12058524689"
    )
    err = SamarbejdsdokError("Barnet 150311-4123 mangler")
    assert "4123" not in str(err) and "150311-XXXX" in str(err)
    data_err = DataError(
        [Problem("boern.0.cpr", "Barnets cpr-nummer", "150311-4123 er forkert", "x")]
    )
    assert "4123" not in str(data_err)
    assert data_err.field == "boern.0.cpr"


def test_law_table_has_sources_and_current_law() -> None:
    refs = law.references()
    for key, ref in refs.items():
        assert ref.henvisning and ref.lov and ref.kilde.startswith("https://"), key
    assert refs["gdpr_tilbagekaldelse"].erstatter == "persondatalovens § 38"
    assert refs["barnets_lov"].gaelder_fra.isoformat() == "2024-01-01"
    assert not any("persondataloven" in r.henvisning.lower() for r in refs.values())


def test_the_old_danish_names_of_calendar_and_profile_functions_warn_and_still_work() -> None:
    import datetime as dt

    from samarbejdsdok import kalender, profil

    easter_monday = dt.date(2026, 4, 6)
    with pytest.warns(DeprecationWarning, match=r"kalender\.er_arbejdsdag is deprecated; use "):
        assert kalender.er_arbejdsdag(easter_monday) is kalender.is_working_day(easter_monday)
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.kalender\.holiday$"):
        assert kalender.helligdag(easter_monday) == "Anden påskedag"
    with pytest.warns(DeprecationWarning, match=r"previous_working_day$"):
        assert kalender.forrige_arbejdsdag(easter_monday) == dt.date(2026, 4, 1)
    with pytest.warns(DeprecationWarning, match=r"next_working_day$"):
        assert kalender.naeste_arbejdsdag(easter_monday) == dt.date(2026, 4, 7)
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.profil\.example$"):
        assert profil.eksempel() == profil.example()
    with pytest.warns(DeprecationWarning, match=r"use samarbejdsdok\.profil\.apply$"):
        assert profil.anvend_profil(profil.Kommuneprofil, [], {}) == []
