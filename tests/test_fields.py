"""Field types: CPR, phone, postal code, e-mail — through a model, as users meet them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from samarbejdsdok.errors import DataError
from samarbejdsdok.fields import (
    CPR,
    Email,
    Klokkeslaet,
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


class Meeting(Part):
    start: Klokkeslaet
    dag: dt.date | None = None
    timer: Timer | None = None


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("10:00", dt.time(10, 0)),
        ("10.00", dt.time(10, 0)),
        ("7.30", dt.time(7, 30)),
        ("10:00:30", dt.time(10, 0)),
        (dt.time(23, 59), dt.time(23, 59)),
    ],
)
def test_a_time_of_day_is_text_or_a_time(raw: object, stored: dt.time) -> None:
    assert Meeting.model_validate({"start": raw}).start == stored


@pytest.mark.parametrize(
    "raw, code, phrase",
    [
        (12, "time_number", "ikke et tal"),
        (12.5, "time_number", "ikke et tal"),
        ("10:00Z", "time_with_zone", "uden tidszone"),
        ("10:00+02:00", "time_with_zone", "uden tidszone"),
        ("25:00", "time_parsing", "klokkeslæt"),
    ],
)
def test_a_time_of_day_refuses_numbers_and_zones(raw: object, code: str, phrase: str) -> None:
    with pytest.raises(DataError) as info:
        validate(Meeting, {"start": raw})
    (problem,) = info.value.problems
    assert (problem.path, problem.code) == ("start", code)
    assert phrase in problem.message


@pytest.mark.parametrize(
    "data, path, phrase",
    [
        ({"dag": "1899-12-31"}, "dag", "årene 1900-2100"),
        ({"dag": "2101-01-01"}, "dag", "årene 1900-2100"),
        ({"timer": "168,5"}, "timer", "højst være 168"),
        ({"timer": "NaN"}, "timer", "endeligt tal"),
        ({"timer": 1e308}, "timer", "højst være 168"),
    ],
)
def test_dates_and_hours_are_bounded(data: dict, path: str, phrase: str) -> None:
    with pytest.raises(DataError) as info:
        validate(Meeting, {"start": "10:00", **data})
    (problem,) = info.value.problems
    assert problem.path == path and phrase in problem.message


def test_the_bounds_hold_for_any_model_on_the_base() -> None:
    """A model of plain types (no field types of ours) gets the bounds from the base."""

    class Plain(Part):
        tid: dt.time
        dage: list[dt.date] = []
        tal: float = 0.0

    assert Plain.model_validate({"tid": "9.15", "dage": ["2100-12-31"]}).tid == dt.time(9, 15)
    for data, path in (
        ({"tid": 12}, "tid"),
        ({"tid": "10:00Z"}, "tid"),
        ({"tid": "10:00", "dage": ["2026-01-01", "2101-01-01"]}, "dage.1"),
        ({"tid": "10:00", "tal": float("inf")}, "tal"),
        ({"tid": "10:00", "tal": 1e7}, "tal"),
    ):
        with pytest.raises(DataError) as info:
            validate(Plain, data)
        assert [p.path for p in info.value.problems] == [path], data
