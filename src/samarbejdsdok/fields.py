"""Field types shared by every form: CPR number, Danish phone number, postal code, e-mail,
hours, time of day; and the bounds every date, time and number of a form keeps to.

Each type is an ``Annotated`` string with a validator, in the manner of pydantic-extra-types:
a stable error type (``cpr_invalid_date``) that programs and tests check, and a Danish message.
Messages never contain a full CPR number: at most the birth date part and ``-XXXX``.

The validation itself is done by well-kept libraries: python-stdnum (CPR), phonenumbers (phone),
email-validator (e-mail).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

import phonenumbers
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError
from stdnum import exceptions as stdnum_exceptions
from stdnum.dk import cpr as stdnum_cpr

__all__ = [
    "FieldType",
    "CPR",
    "Telefon",
    "Postnummer",
    "Email",
    "Timer",
    "Klokkeslaet",
    "DATE_MIN",
    "DATE_MAX",
    "HOURS_PER_WEEK_MAX",
    "NUMBER_MAX",
    "TEXT_MAX",
    "CLOCK_PATTERN",
    "check_bounds",
    "clock_input",
    "cpr_birth_date",
    "age_on",
    "mask_cpr",
    "format_phone",
]


# --- bounds: what a document can print -----------------------------------------------------
# A value that validates must render. The form models' base (``forms._base.Part``) applies these
# to every field of every form; the field types below apply them too.

DATE_MIN = dt.date(1900, 1, 1)
"""The earliest date any form accepts (and any datetime's date). Dates derived from it (a
working day before, a weekday) stay printable, and years before it are typing errors."""

DATE_MAX = dt.date(2100, 12, 31)
"""The latest date any form accepts. Dates derived from it (months and weeks later, the next
working day) stay far from Python's year 9999, and later years are typing errors."""

HOURS_PER_WEEK_MAX = 168
"""The most hours per week a :data:`Timer` field takes: the hours a week has."""

TEXT_MAX = 50_000
"""The most characters any text field takes (about twenty pages): a document prints it, and
every list of such texts joined stays within the render budget's value length."""

NUMBER_MAX = 1_000_000
"""Any other number (a field with no bound of its own) lies within ±``NUMBER_MAX`` and is
finite: no NaN, no infinity, no ``1e308`` for a document to choke on."""


def _year_range() -> dict[str, int]:
    return {"fra": DATE_MIN.year, "til": DATE_MAX.year}


def check_bounds(value: Any) -> None:
    """Refuse a validated date, datetime, time or number a document cannot print.

    Dates and datetimes lie in :data:`DATE_MIN`..:data:`DATE_MAX`; times and datetimes carry no
    time zone; numbers are finite and within ±:data:`NUMBER_MAX`. Other values pass.
    """
    if isinstance(value, bool):
        return
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if not DATE_MIN <= day <= DATE_MAX:
            raise PydanticCustomError(
                "date_out_of_range", "datoen skal ligge i årene {fra}-{til}", _year_range()
            )
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            raise PydanticCustomError("datetime_with_zone", "angiv tidspunktet uden tidszone")
    elif isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise PydanticCustomError("time_with_zone", "angiv klokkeslættet uden tidszone")
    elif isinstance(value, (int, float, Decimal)):
        if isinstance(value, Decimal) and not value.is_finite():
            raise PydanticCustomError("finite_number", "skal være et endeligt tal")
        if isinstance(value, float) and not math.isfinite(value):
            raise PydanticCustomError("finite_number", "skal være et endeligt tal")
        if not -NUMBER_MAX <= value <= NUMBER_MAX:
            raise PydanticCustomError(
                "number_out_of_range",
                "skal ligge mellem -{max} og {max}",
                {"max": f"{NUMBER_MAX:,}".replace(",", ".")},
            )


_CLOCK_TEXT = re.compile(r"(\d{1,2})[.:](\d{2})")

CLOCK_PATTERN = r"^([01]?\d|2[0-3])[:.][0-5]\d(:[0-5]\d(\.\d+)?)?$"
"""What a time of day looks like in the JSON Schemas: ``10:00``, ``10.00``, or with seconds."""


def clock_input(value: Any) -> Any:
    """A time of day as given, before it is parsed: text ``TT:MM`` or (as Danes write it)
    ``TT.MM``, or a time object. A bare number is refused: pydantic would read ``12`` as twelve
    seconds past midnight (and in UTC)."""
    if isinstance(value, (bool, int, float, Decimal)):
        raise PydanticCustomError("time_number", "skal være et klokkeslæt (TT:MM), ikke et tal")
    if isinstance(value, str):
        m = _CLOCK_TEXT.fullmatch(value.strip())
        if m:
            return f"{int(m.group(1)):02d}:{m.group(2)}"
    return value


def mask_cpr(value: str) -> str:
    """Show a CPR number with its last four digits hidden.

    For one value known to be a CPR number (a CPR field, the ``cpr_maskeret`` filter): it masks
    whatever it is given. To mask CPR numbers inside a text, use
    :func:`samarbejdsdok.errors.mask_cpr_numbers`, which finds every shape and only valid numbers.

    >>> mask_cpr("010203-1234")
    '010203-XXXX'
    >>> mask_cpr("0102031234")
    '010203-XXXX'
    """
    digits = re.sub(r"\D", "", value)
    return f"{digits[:6]}-XXXX" if len(digits) >= 6 else "XXXXXX-XXXX"


@dataclass(frozen=True)
class FieldType:
    """Marks an ``Annotated`` type as one of ours, so the rest of the package can tell a CPR
    number from other text without guessing (see :mod:`samarbejdsdok.introspect`).

    Attributes:
        name: ``cpr``, ``telefon``, ``postnummer``, ``email``, ``timer``, ``klokkeslaet``.
        title: the type's Danish name, as ``samarbejdsdok fields`` shows it.
        accepts_numbers: the validator takes a number (a spreadsheet turns CPR numbers, phone
            numbers and postal codes into numbers).
    """

    name: str
    title: str
    accepts_numbers: bool = False


def _validate_cpr(value: Any) -> str:
    if not isinstance(value, str):
        if isinstance(value, int) and not isinstance(value, bool):
            # Spreadsheets turn CPR numbers into integers and drop a leading zero.
            value = f"{value:010d}"
        else:
            raise PydanticCustomError("cpr_type", "CPR-nummeret skal skrives som tekst")
    compact = stdnum_cpr.compact(value)
    if not re.fullmatch(r"\d{10}", compact):
        raise PydanticCustomError(
            "cpr_invalid_format",
            "CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX)",
        )
    masked = mask_cpr(compact)
    try:
        stdnum_cpr.validate(compact)
    except stdnum_exceptions.InvalidComponent:
        # stdnum raises InvalidComponent for impossible dates and for dates in the future.
        raise PydanticCustomError(
            "cpr_invalid_date",
            "CPR-nummeret {masked} indeholder ikke en gyldig fødselsdato",
            {"masked": masked},
        ) from None
    except stdnum_exceptions.ValidationError:
        raise PydanticCustomError(
            "cpr_invalid", "CPR-nummeret {masked} er ugyldigt", {"masked": masked}
        ) from None
    # No modulus-11 check: numbers without it have been issued since 2007.
    return stdnum_cpr.format(compact)


CPR = Annotated[
    str,
    BeforeValidator(_validate_cpr),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{6}-?\d{4}$",
            "description": "CPR-nummer, DDMMÅÅ-XXXX (uden modulus 11-kontrol)",
            "examples": ["150311-4123"],
        }
    ),
    FieldType("cpr", "CPR-nummer", accepts_numbers=True),
]
"""A Danish CPR number, stored as ``DDMMYY-SSSS``.

The date part must be a real date, and the 7th digit decides the century (python-stdnum).
There is no modulus-11 check.
"""


def cpr_birth_date(value: str) -> dt.date:
    """The birth date a CPR number encodes (century from the 7th digit).

    >>> cpr_birth_date("150311-4123")
    datetime.date(2011, 3, 15)
    """
    return stdnum_cpr.get_birth_date(stdnum_cpr.compact(value))


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Whole years of age on a given day (a birthday counts on the day itself).

    >>> age_on(dt.date(2011, 11, 23), dt.date(2026, 11, 23))
    15
    >>> age_on(dt.date(2011, 11, 24), dt.date(2026, 11, 23))
    14
    """
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _validate_phone(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise PydanticCustomError("phone_type", "Telefonnummeret skal skrives som tekst")
    try:
        number = phonenumbers.parse(value, "DK")
    except phonenumbers.NumberParseException:
        raise PydanticCustomError(
            "phone_invalid", "Telefonnummeret kan ikke læses som et telefonnummer"
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("phone_invalid", "Telefonnummeret findes ikke")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    """Print a stored phone number the Danish way: ``20 12 34 56``; foreign numbers with their
    country code.

    >>> format_phone("+4520123456")
    '20 12 34 56'
    >>> format_phone("+46701234567")
    '+46 70 123 45 67'
    """
    try:
        number = phonenumbers.parse(value, "DK")
    except phonenumbers.NumberParseException:
        return value
    if number.country_code == 45:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


Telefon = Annotated[
    str,
    BeforeValidator(_validate_phone),
    WithJsonSchema(
        {
            "type": "string",
            "description": "Telefonnummer; danske numre med 8 cifre, udenlandske med landekode",
            "examples": ["20 12 34 56"],
        }
    ),
    FieldType("telefon", "Telefonnummer", accepts_numbers=True),
]
"""A phone number, stored normalised as E.164 (``+4520123456``), printed ``20 12 34 56``."""


def _validate_postal_code(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}", value.strip()):
        raise PydanticCustomError("postal_code_invalid", "Postnummeret skal have 4 cifre")
    code = value.strip()
    # Danish postal codes run from 0800 (Høje Taastrup, business) to 9990 (Skagen).
    if not 800 <= int(code) <= 9990:
        raise PydanticCustomError(
            "postal_code_invalid", "Postnummeret {code} findes ikke i Danmark", {"code": code}
        )
    return code


Postnummer = Annotated[
    str,
    BeforeValidator(_validate_postal_code),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}$", "examples": ["3520"]}),
    FieldType("postnummer", "Postnummer", accepts_numbers=True),
]
"""A Danish postal code, four digits."""


def _validate_email(value: Any) -> str:
    # Imported here: email_validator is only needed when an e-mail address is validated.
    import email_validator

    if not isinstance(value, str):
        raise PydanticCustomError("email_type", "E-mailadressen skal skrives som tekst")
    try:
        result = email_validator.validate_email(value.strip(), check_deliverability=False)
    except email_validator.EmailNotValidError:
        raise PydanticCustomError(
            "email_invalid", "E-mailadressen er ikke en gyldig adresse"
        ) from None
    return result.normalized


Email = Annotated[
    str,
    BeforeValidator(_validate_email),
    WithJsonSchema({"type": "string", "format": "email", "examples": ["navn@kommune.dk"]}),
    FieldType("email", "E-mailadresse"),
]
"""An e-mail address, checked by email-validator (syntax only, no DNS look-up)."""


def _validate_hours(value: Any) -> Any:
    # Danish spreadsheets and people write "7,5"; Decimal wants "7.5".
    if isinstance(value, str):
        return value.strip().replace(",", ".")
    return value


Timer = Annotated[
    Decimal,
    BeforeValidator(_validate_hours),
    Field(ge=0, le=HOURS_PER_WEEK_MAX, allow_inf_nan=False),
    WithJsonSchema(
        {
            "type": "number",
            "minimum": 0,
            "maximum": HOURS_PER_WEEK_MAX,
            "description": "Antal timer; decimaltal, fx 7,5",
            "examples": [7.5],
        }
    ),
    FieldType("timer", "Antal timer"),
]
"""A number of hours per week, 0 to :data:`HOURS_PER_WEEK_MAX` (``7,5`` and ``7.5`` both
accepted); finite."""


def _clock_time(value: dt.time) -> dt.time:
    """A wall-clock time of day: no time zone; seconds are dropped (the documents show minutes)."""
    check_bounds(value)
    return value.replace(second=0, microsecond=0)


Klokkeslaet = Annotated[
    dt.time,
    BeforeValidator(clock_input),
    AfterValidator(_clock_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CLOCK_PATTERN,
            "description": "Klokkeslæt, TT:MM (fx 10:00 eller 10.00), uden tidszone",
            "examples": ["10:00"],
        }
    ),
    FieldType("klokkeslaet", "klokkeslæt"),
]
"""A time of day as the documents print it (``kl. 10.00``): given as ``10:00``, ``10.00`` or
a time object, never a bare number; no time zone; whole minutes."""
