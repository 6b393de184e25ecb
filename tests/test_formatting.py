"""Danish formatting: the filters templates use, and how bare values print."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from samarbejdsdok import formatting as f


def test_dates_in_danish_with_lower_case_month_and_weekday() -> None:
    day = dt.date(2026, 11, 23)
    assert f.dato(day) == "23. november 2026"
    assert f.dato_lang(day) == "mandag den 23. november 2026"
    assert f.dato_kort(day) == "23.11.2026"
    assert f.dato_lang(dt.date(2027, 1, 3)) == "søndag den 3. januar 2027"


def test_times_with_a_full_stop() -> None:
    # A non-breaking space after "kl.": the time never starts a line on its own.
    assert f.kl(dt.time(10, 0)) == "kl.\u00a010.00"
    assert f.kl(dt.time(9, 5)) == "kl.\u00a009.05"
    assert f.tidsrum(dt.time(10, 0), dt.time(12, 30)) == "kl.\u00a010.00–\u206012.30"
    assert f.tidsrum(dt.time(10, 0), None) == "kl.\u00a010.00"
    assert (
        f.dato_kl(dt.datetime(2026, 11, 23, 14, 15))
        == "mandag den 23. november 2026 kl.\u00a014.15"
    )


@pytest.mark.parametrize(
    "items, text",
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a og b"),
        (["a", "b", "c"], "a, b og c"),
        (["a", None, "", "b"], "a og b"),
    ],
)
def test_lists_join_with_og(items, text) -> None:
    assert f.liste(items) == text


def test_amounts_and_numbers() -> None:
    assert f.kroner(1234.5) == "1.234,50\xa0kr."  # no-break space keeps it together
    assert f.kroner(Decimal("0")) == "0,00\xa0kr."
    assert f.tal(Decimal("7.5")) == "7,5"


def test_phone_and_cpr() -> None:
    # Non-breaking: a phone number's groups and a CPR number's hyphen never part over two lines.
    assert f.telefon("+4520123456") == "20\u00a012\u00a034\u00a056"
    assert f.cpr_maskeret("150311-4123") == "150311\u2011XXXX"


def test_check_boxes_never_print_true_or_false() -> None:
    assert f.afkrydset(True) == "☒"
    assert f.afkrydset(False) == "☐"
    assert f.afkrydset(None) == "☐"


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, ""),
        (True, "ja"),
        (False, "nej"),
        (dt.date(2026, 11, 23), "23. november 2026"),
        (dt.time(8, 30), "08.30"),
        (Decimal("2.5"), "2,5"),
        ("tekst", "tekst"),
    ],
)
def test_bare_values_print_the_danish_way(value, shown) -> None:
    assert f.display(value) == shown


@pytest.mark.parametrize("name", sorted(f.FILTERS))
def test_every_filter_prints_nothing_for_a_missing_value(name) -> None:
    if name == "afkrydset":
        assert f.FILTERS[name](None) == "☐"
    elif name == "tidsrum":
        assert f.FILTERS[name](None, None) == ""
    else:
        assert f.FILTERS[name](None) == ""
