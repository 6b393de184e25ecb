"""The public API: a complete __all__, lazy imports, doctests in the modules, the law table."""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import re
from pathlib import Path

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

#: Programs in the package, not modules: ``_soffice_uno`` runs under a Python that has
#: LibreOffice's ``uno`` (samarbejdsdok.pdf starts it), which this one need not have.
PROGRAMS = ("__main__", "_soffice_uno")

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(samarbejdsdok.__path__, "samarbejdsdok.")
    if not m.name.endswith(PROGRAMS)
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
    # barnets lov as its consolidated act, with its ELI address
    assert refs["barnets_lov"].lov.startswith("LBK nr. 282 af 17. marts 2025")
    assert refs["barnets_lov"].kilde == "https://www.retsinformation.dk/eli/lta/2025/282"
    assert "721" not in refs["barnets_lov"].lov + refs["barnets_lov"].kilde
    # the act's name is printed only where it adds to the reference
    assert refs["forvaltningsloven_27"].lovnavn == ""
    assert refs["barnets_lov"].lovnavn == refs["barnets_lov"].lov
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


# --- one API shape (issue 18) --------------------------------------------------------------------


def test_every_function_that_takes_a_form_takes_its_name_its_model_or_an_instance() -> None:
    spec = samarbejdsdok.get_form("samtykke_generel")
    data = spec.example()
    model = spec.example_model()
    for form in ("samtykke_generel", samarbejdsdok.SamtykkeGenerel, spec, model):
        assert samarbejdsdok.get_form(form) is spec
        assert samarbejdsdok.validate(form, data) == model
    from samarbejdsdok.rendering import default_template_bytes
    from samarbejdsdok.schemas import form_schema
    from samarbejdsdok.templatecheck import check_template

    schema = form_schema(spec)
    template = default_template_bytes(spec.template)
    for form in ("samtykke_generel", samarbejdsdok.SamtykkeGenerel, model):
        assert form_schema(form) == schema
    assert check_template(samarbejdsdok.SamtykkeGenerel, template) == []
    from samarbejdsdok.fieldinfo import field_rows
    from samarbejdsdok.placeholders import unknown_placeholders

    rows = field_rows(samarbejdsdok.SamtykkeGenerel)
    assert field_rows("samtykke_generel") == field_rows(model) == rows
    assert unknown_placeholders(template, "samtykke_generel") == []
    for form in ("samtykke_generel", samarbejdsdok.SamtykkeGenerel):
        (result,) = samarbejdsdok.merge(form, [data])
        assert result.problems == [] and (result.data or b"")[:2] == b"PK"


def test_an_unknown_form_name_is_our_error_with_close_names_in_danish() -> None:
    with pytest.raises(FormNotFoundError, match="Mente du: samtykke_generel"):
        samarbejdsdok.validate("samtykke_genrel", {})
    with pytest.raises(FormNotFoundError) as info:
        samarbejdsdok.get_form("julemaerkehjem")
    assert " eller julemaerkehjem_" in info.value.message  # babel's "a, b eller c"
    with pytest.raises(FormNotFoundError, match="dict er ikke en formular"):
        samarbejdsdok.validate(dict, {})


def test_a_models_own_constructor_raises_data_error_in_danish() -> None:
    import pickle

    import pydantic

    with pytest.raises(DataError) as info:
        samarbejdsdok.SamtykkeGenerel(**{})
    err = info.value
    assert err.form == "samtykke_generel"
    assert "samtykkegiver (Samtykkegiver): skal udfyldes" in str(err)
    assert "samtykkegiver (Samtykkegiver): skal udfyldes" in repr(err)
    for english in ("Field required", "pydantic", "http"):
        assert english not in str(err) and english not in repr(err)
    assert all(p.code == "missing" for p in err.problems)

    # model_validate too, with a CPR number that is never shown; still pydantic's error type
    data = samarbejdsdok.get_form("samtykke_generel").example()
    data["boern"][0]["cpr"] = "3201852468"
    with pytest.raises(pydantic.ValidationError) as caught:
        samarbejdsdok.SamtykkeGenerel.model_validate(data)
    err = caught.value
    assert isinstance(err, samarbejdsdok.DataError)
    assert "boern.0.cpr (Barnets cpr-nummer)" in str(err)
    assert [e["loc"] for e in err.errors()] == [("boern", 0, "cpr")]
    copy = pickle.loads(pickle.dumps(err))
    assert copy.problems == err.problems and str(copy) == str(err)
    for text in (str(err), repr(err), pickle.dumps(err), repr(err.errors())):
        assert "2468" not in str(text)

    # a part of a form (Part) behaves the same, without a form's name
    from samarbejdsdok.forms.samtykke_generel import EksternPart

    with pytest.raises(DataError) as info:
        EksternPart()
    assert info.value.form is None
    assert str(info.value.problems[0]) == "navn (Part uden for kommunen): skal udfyldes"
    with pytest.raises(DataError):
        samarbejdsdok.SamtykkeGenerel.model_validate_json("{}")


def test_a_model_inside_a_form_reports_its_problems_at_their_place() -> None:
    data = samarbejdsdok.get_form("samtykke_generel").example()
    del data["samtykkegiver"]["navn"]
    with pytest.raises(DataError) as info:
        samarbejdsdok.SamtykkeGenerel(**data)
    assert [p.path for p in info.value.problems] == ["samtykkegiver.navn"]


def test_render_says_bytes_that_are_no_docx_are_no_word_document() -> None:
    model = samarbejdsdok.get_form("samtykke_generel").example_model()
    for template in (b"hello", bytearray(b"hello"), memoryview(b"hello")):
        with pytest.raises(samarbejdsdok.TemplateFormatError) as info:
            samarbejdsdok.render(model, template=template)
        assert "er ikke et Word-dokument (.docx)" in info.value.message
        assert "findes ikke" not in info.value.message
        assert isinstance(info.value, TemplateNotFoundError)  # what code before it caught


def test_render_of_a_form_name_says_what_it_takes() -> None:
    with pytest.raises(samarbejdsdok.ArgumentError, match="skal have en udfyldt formular") as info:
        samarbejdsdok.render("samtykke_generel")  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)


def test_every_error_class_of_the_library_is_exported() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, SamarbejdsdokError)
                and not attr.startswith("_")
                and value.__module__ == name
            ):
                assert getattr(samarbejdsdok, value.__name__, None) is value, value.__name__
                assert value.__name__ in samarbejdsdok.__all__


def test_plain_python_errors_raised_on_purpose_are_ours() -> None:
    import datetime as dt

    from samarbejdsdok import kadence

    day = dt.date(2026, 3, 2)
    with pytest.raises(samarbejdsdok.ArgumentError, match="slutter før det begynder") as info:
        kadence.julemaerkehjem(day, day - dt.timedelta(days=1))
    assert isinstance(info.value, ValueError)
    with pytest.raises(samarbejdsdok.ArgumentError, match="mindst én uge"):
        kadence.bbu(day, uger=0)
    with pytest.raises(samarbejdsdok.ArgumentError, match="grænsen steps"):
        samarbejdsdok.RenderLimits(steps=0)
    plan = samarbejdsdok.get_form("familieplan").example_model()
    notat = samarbejdsdok.get_form("netvaerksmoede_notat").example_model()
    with pytest.raises(samarbejdsdok.ArgumentError, match="aftaler kommer fra notatet") as info:
        plan.med_aftaler_fra(notat, aftaler=[])  # type: ignore[attr-defined]
    assert isinstance(info.value, TypeError)


def _raises_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            if isinstance(func, ast.Name) and func.id in (
                "ValueError",
                "TypeError",
                "RuntimeError",
            ):
                found.append((node.lineno, func.id))
    return found


#: Modules allowed plain errors: engine.package's well-formedness check raises ValueError to its
#: callers in the engine, which turn it into a TemplateError.
PLAIN_ERRORS_ALLOWED = {"engine/package.py"}


def test_the_library_raises_no_plain_python_errors_on_purpose() -> None:
    root = Path(samarbejdsdok.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("cli/") or rel in PLAIN_ERRORS_ALLOWED:
            continue
        found += [f"{rel}:{line} {name}" for line, name in _raises_of(path)]
    assert found == []


_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _strings_of(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_library_messages_name_no_command_line_options() -> None:
    root = Path(samarbejdsdok.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("cli/") or path.stem in PROGRAMS:  # a program's arguments to soffice
            continue
        found += [
            f"{rel}:{n} {s!r}"
            for n, s in _strings_of(path)
            if _FLAG.search(s) and not _FLAG.fullmatch(s)  # a program's own argument: no message
        ]
    assert found == []


def test_an_error_names_the_arguments_that_put_it_right_not_cli_options(tmp_path: Path) -> None:
    from samarbejdsdok import sag
    from samarbejdsdok.sources import open_source

    case = sag.example()
    assert sag.find(case, samarbejdsdok.Familieplan) == sag.find(case, "familieplan")
    with pytest.raises(DataError) as info:
        sag.find(case, "netvaerksmoede_dagsorden")
    assert info.value.arguments == ("moede", "samtykke")
    assert "angiv mødet eller samtykket" in info.value.message and "--" not in info.value.message

    sheet = tmp_path / "ark.csv"
    sheet.write_bytes("navn;by\nÆrø;Ærøskøbing\n".encode("cp1252"))
    with pytest.raises(samarbejdsdok.InputFormatError) as caught:
        list(open_source(sheet, encoding="utf-8").rows())
    assert caught.value.arguments == ("encoding",)
    assert "--" not in caught.value.message
