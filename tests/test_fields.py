"""Field types: CPR, phone, postal code, e-mail — through a model, as users meet them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from samarbejdsdok.errors import DataError
from samarbejdsdok.fields import (
    CPR,
    Email,
    Postnummer,
    Telefon,
    Timer,
    age_on,
    cpr_birth_date,
    mask_cpr,
)
from samarbejdsdok.forms._base import Part
from samarbejdsdok.validation import validate


class Person(Part):
    cpr: CPR
    telefon: Telefon | None = None
    postnummer: Postnummer | None = None
    email: Email | None = None


def errors_of(data: dict) -> list:
    with pytest.raises(ValidationError) as info:
        Person.model_validate(data)
    return info.value.errors()


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("150311-4123", "150311-4123"),
        ("1503114123", "150311-4123"),
        ("150311 4123", "150311-4123"),
        # Fails the old modulus-11 check (issued since 2007) and must still be accepted.
        ("010107-4001", "010107-4001"),
    ],
)
def test_valid_cpr_numbers_are_accepted_and_normalised(raw: str, stored: str) -> None:
    assert Person(cpr=raw).cpr == stored


def test_modulus_11_is_not_checked() -> None:
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    number = "0101074001"
    assert sum(w * int(d) for w, d in zip(weights, number, strict=False)) % 11 != 0
    assert Person(cpr=number).cpr == "010107-4001"


def test_century_comes_from_the_seventh_digit() -> None:
    assert cpr_birth_date("150311-4123") == dt.date(2011, 3, 15)
    assert cpr_birth_date("150311-2123") == dt.date(1911, 3, 15)
    assert cpr_birth_date("150361-4123") == dt.date(1961, 3, 15)
    assert cpr_birth_date("150358-5123") == dt.date(1858, 3, 15)


@pytest.mark.parametrize("raw", ["320111-4123", "150011-4123", "290223-4123"])
def test_impossible_dates_are_rejected_with_a_stable_code(raw: str) -> None:
    (err,) = errors_of({"cpr": raw})
    assert err["type"] == "cpr_invalid_date"
    assert raw[:6] + "-XXXX" in err["msg"]


@pytest.mark.parametrize("raw", ["12345", "abcdefghij", "15031141234"])
def test_malformed_numbers_are_rejected(raw: str) -> None:
    (err,) = errors_of({"cpr": raw})
    assert err["type"] == "cpr_invalid_format"


def test_integer_cpr_from_a_spreadsheet_keeps_its_leading_zero() -> None:
    assert Person(cpr=101074001).cpr == "010107-4001"


@pytest.mark.parametrize("raw", ["3201114123", "320111-4123"])
def test_full_cpr_never_appears_in_any_error_text(raw: str) -> None:
    digits = raw.replace("-", "")
    with pytest.raises(ValidationError) as info:
        Person.model_validate({"cpr": raw})
    # errors() hands back the raw input on request only; messages never carry it.
    text = str(info.value) + repr(info.value) + repr(info.value.errors(include_input=False))
    assert digits not in text.replace("-", "")
    assert "4123" not in text
    with pytest.raises(DataError) as ours:
        validate(Person, {"cpr": raw})  # type: ignore[arg-type]
    assert "4123" not in str(ours.value)
    assert ours.value.problems[0].path == "cpr"
    assert "320111-XXXX" in ours.value.problems[0].message


def test_age_counts_the_birthday_itself() -> None:
    born = dt.date(2011, 11, 23)
    assert age_on(born, dt.date(2026, 11, 22)) == 14
    assert age_on(born, dt.date(2026, 11, 23)) == 15


def test_mask_cpr() -> None:
    assert mask_cpr("150311-4123") == "150311-XXXX"


@pytest.mark.parametrize(
    "raw, stored",
    [("20 12 34 56", "+4520123456"), ("+45 20123456", "+4520123456"), (20123456, "+4520123456")],
)
def test_phone_numbers_are_stored_normalised(raw, stored) -> None:
    assert Person(cpr="150311-4123", telefon=raw).telefon == stored


@pytest.mark.parametrize("raw", ["123", "12345678", "hello"])
def test_invalid_phone_numbers_are_rejected(raw) -> None:
    (err,) = errors_of({"cpr": "150311-4123", "telefon": raw})
    assert err["type"] == "phone_invalid"


@pytest.mark.parametrize(
    "raw, ok",
    [
        ("3520", True),
        (3520, True),
        ("0800", True),
        ("352", False),
        ("0100", False),
        ("35200", False),
    ],
)
def test_postal_codes(raw, ok) -> None:
    if ok:
        assert Person(cpr="150311-4123", postnummer=raw).postnummer == f"{int(raw):04d}"
    else:
        (err,) = errors_of({"cpr": "150311-4123", "postnummer": raw})
        assert err["type"] == "postal_code_invalid"


def test_email_is_validated_and_normalised() -> None:
    assert Person(cpr="150311-4123", email="Navn@Kommune.DK").email == "Navn@kommune.dk"
    (err,) = errors_of({"cpr": "150311-4123", "email": "not-an-address"})
    assert err["type"] == "email_invalid"


class _Plain(BaseModel):
    x: int


def test_unknown_fields_are_rejected_with_a_suggestion() -> None:
    with pytest.raises(DataError) as info:
        validate(Person, {"cpr": "150311-4123", "telefonn": "20123456"})  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert problem.path == "telefonn"
    assert problem.code == "extra_forbidden"
    assert "telefon" in problem.message


class Hours(Part):
    timer: Timer


@pytest.mark.parametrize(
    "raw, value", [("7,5", "7.5"), ("7.5", "7.5"), (3, "3"), (" 2,25 ", "2.25")]
)
def test_hours_accept_the_danish_decimal_comma(raw, value) -> None:
    from decimal import Decimal

    assert Hours(timer=raw).timer == Decimal(value)


def test_negative_hours_are_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        Hours(timer="-1")
    assert info.value.errors()[0]["type"] == "greater_than_equal"
