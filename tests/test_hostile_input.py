"""Property-based hostile input for every form (hypothesis): arbitrary Unicode in every
free-text field renders a document that opens and shows the text (minus what XML forbids);
invalid values of typed fields are rejected with an error naming the field."""

from __future__ import annotations

import copy

import pytest
from conftest import docx_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samarbejdsdok import render
from samarbejdsdok.errors import DataError
from samarbejdsdok.forms import all_forms
from samarbejdsdok.rendering import strip_forbidden_xml_chars
from samarbejdsdok.validation import validate
from tools.examples import leaves, put

SPECS = all_forms()


SPECIAL = st.sampled_from(
    [
        "Hansen & Søn <w:p> \"citat\" 'enkelt'",
        "{{ samtykkegiver.cpr }} {% for x in y %}{# c #}",
        "første\nanden\r\ntredje\tfane",
        "\u202eعربي\u202c עברית",
        "👨‍👩‍👧‍👦 familie 🧒🏽",
        "\x00\x01\x0b\x0c\ud800\udfff\ufffe kontrol",
        "a" * 3000,
    ]
)
TEXT = st.one_of(
    SPECIAL,
    st.text(st.characters(exclude_categories=()), min_size=1, max_size=200),
).filter(lambda s: strip_forbidden_xml_chars(s).strip())


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_arbitrary_text_in_every_free_text_field(spec) -> None:
    example = spec.example()
    paths = [p for p, kind in leaves(spec.model, example) if kind == "text"]
    assert paths, f"{spec.name} has no free-text fields?"

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(TEXT, min_size=len(paths), max_size=len(paths)))
    def check(values: list[str]) -> None:
        data = copy.deepcopy(example)
        for path, value in zip(paths, values, strict=False):
            put(data, path, value)
        try:
            model = validate(spec.model, data, form=spec.name)
        except DataError as exc:
            # Free text is accepted unless it is blank once stripped, or the same name twice in
            # a list of participants (or the recipient among them); nothing else may fail.
            allowed = ("string_too_short", "duplicate_participant", "recipient_among_others")
            assert all(p.code in allowed for p in exc.problems), exc.problems
            return
        text = _normal(docx_text(render(model)))
        for value in values:
            shown = _normal(strip_forbidden_xml_chars(value))
            # A value that starts a line may be written with a capital (the |stort filter).
            assert shown in text or shown[:1].upper() + shown[1:] in text, (value, shown)

    check()


JUNK = {
    "cpr": ["320185-1234", "12", "abcdefghij"],
    "phone": ["123", "hello"],
    "email": ["not-an-address", "a@"],
    "date": ["2026-02-30", "i morgen"],
    "time": ["25:00", "kl. ti"],
}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_invalid_typed_values_are_rejected_naming_the_field(spec) -> None:
    example = spec.example()
    typed = [(p, k) for p, k in leaves(spec.model, example) if k in JUNK]
    assert typed, f"{spec.name} has no typed fields?"
    for path, kind in typed:
        for junk in JUNK[kind]:
            data = copy.deepcopy(example)
            put(data, path, junk)
            with pytest.raises(DataError) as info:
                validate(spec.model, data, form=spec.name)
            dotted = ".".join(map(str, path))
            assert dotted in [p.path for p in info.value.problems], (dotted, junk)
            assert "1234" not in str(info.value)
