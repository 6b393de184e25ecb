"""The form contract and the building blocks every form shares.

A form is a module in :mod:`samarbejdsdok.forms` that defines ``SPEC``, a :class:`FormSpec`:
its name, its Danish title, its Pydantic model, its default Word template and a valid example.
The registry in :mod:`samarbejdsdok.forms` lists the modules; the CLI, the tests and the docs loop
over it.

Models use Danish field names folded to ASCII (``boern``, ``maal``, ``tidsfrist``); each field's
``title`` is the label printed on the paper form, so the JSON Schema speaks the form's words.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import import_module
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ..engine.pictures import Picture
from ..fields import (
    CLOCK_PATTERN,
    DATE_MAX,
    DATE_MIN,
    NUMBER_MAX,
    TEXT_MAX,
    Email,
    Telefon,
    check_bounds,
    clock_input,
)
from ..formatting import dato as _dansk
from ..introspect import unwrap
from ..kalender import STANDARD, STANDARD_LUKKEDAGE, Kalender
from ..problems import data_error

__all__ = [
    "FormSpec",
    "Attachment",
    "FormModel",
    "Part",
    "picture",
    "field_error",
    "Organisation",
    "example_organisation",
    "Lukkedage",
    "lukkedage_felt",
    "kalender_af",
    "kalender_af_profil",
    "Kontakt",
    "Aftale",
    "check_end_after_start",
    "check_deadlines_not_before",
]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type holds (``Frist``, ``list[Frist]``, ``Frist | None``)."""
    t, _, _ = unwrap(annotation)
    if typing.get_origin(t) in (list, tuple, set, frozenset):
        return [m for a in typing.get_args(t) for m in _models_in(a)]
    return [t] if isinstance(t, type) and issubclass(t, BaseModel) else []


#: Models a form computes from its input (the return types of computed fields), and models of
#: input. A computed model is built from input already checked, and may hold a derived date a
#: little past :data:`~samarbejdsdok.fields.DATE_MAX` (a deadline a week after a meeting on
#: 31 December 2100): the bounds are not applied to it (see :meth:`Part._within_bounds`).
_COMPUTED_MODELS: set[type[BaseModel]] = set()
_INPUT_MODELS: set[type[BaseModel]] = set()


@cache
def _time_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names of ``model``'s fields that hold a time of day (or a list of them)."""
    names = set()
    for name, info in model.model_fields.items():
        t, _, _ = unwrap(info.annotation)
        if typing.get_origin(t) in (list, tuple, set, frozenset):
            args = typing.get_args(t)
            t = unwrap(args[0])[0] if args else None
        if isinstance(t, type) and issubclass(t, dt.time):
            names.add(name)
    return frozenset(names)


def _bounded(value: Any) -> None:
    """:func:`~samarbejdsdok.fields.check_bounds` on a value or on each item of a list; an
    item's error names its position."""
    if isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(value):
            try:
                check_bounds(item)
            except PydanticCustomError as exc:
                context = exc.context or {}
                raise field_error(str(i), exc.type, exc.message_template, **context) from None
    else:
        check_bounds(value)


def _schema_bounds(schema: dict[str, Any], model: type[Any]) -> None:
    """Show the bounds :class:`Part` keeps to in a model's JSON Schema: dates and datetimes
    get ``formatMinimum``/``formatMaximum``, times the pattern ``TT:MM`` (not ``format: time``,
    which would demand a time zone), numbers without bounds of their own ``±NUMBER_MAX``."""

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        fmt = node.get("format")
        if fmt == "date":
            node.setdefault("formatMinimum", DATE_MIN.isoformat())
            node.setdefault("formatMaximum", DATE_MAX.isoformat())
        elif fmt == "date-time":
            node.setdefault("formatMinimum", f"{DATE_MIN.isoformat()}T00:00:00")
            node.setdefault("formatMaximum", f"{DATE_MAX.isoformat()}T23:59:59")
        elif fmt == "time":
            del node["format"]
            node.setdefault("pattern", CLOCK_PATTERN)
        if node.get("type") in ("integer", "number"):
            if "minimum" not in node and "exclusiveMinimum" not in node:
                node["minimum"] = -NUMBER_MAX
            if "maximum" not in node and "exclusiveMaximum" not in node:
                node["maximum"] = NUMBER_MAX
        for key, item in node.items():
            if key not in ("examples", "default", "const", "enum"):
                walk(item)

    walk(schema.get("properties", {}))


class Part(BaseModel):
    """Base of every model and sub-model: unknown fields are errors, and input values never
    appear in pydantic's own error text (they may hold CPR numbers).

    Every field keeps to what a document can print, whatever its type
    (:mod:`samarbejdsdok.fields`): dates in the years 1900-2100, times without a time zone
    and never a bare number, numbers finite and within bounds. The JSON Schemas show these
    bounds. Text is at most :data:`~samarbejdsdok.fields.TEXT_MAX` characters a field (the
    pictures cut their labels shorter, :func:`~samarbejdsdok.engine.pictures.label`).

    The constructor and ``model_validate`` (``_json``, ``_strings``) raise
    :class:`~samarbejdsdok.validation.ModelDataError`: a
    :class:`~samarbejdsdok.errors.DataError` with Danish problems naming each field by its title,
    that is also pydantic's ``ValidationError``.
    """

    model_config = ConfigDict(
        extra="forbid",
        hide_input_in_errors=True,
        str_strip_whitespace=True,
        str_max_length=TEXT_MAX,
        use_enum_values=True,
        validate_default=True,
        json_schema_extra=_schema_bounds,
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise data_error(exc, type(self)) from None

    # Not a custom __init__ to pydantic: a model inside another is still built by pydantic's
    # core (fast, and its errors are located in the outer model's).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise data_error(exc, cls) from None

    @classmethod
    def model_validate_json(
        cls, json_data: str | bytes | bytearray, *args: Any, **kwargs: Any
    ) -> Self:
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as exc:
            raise data_error(exc, cls) from None

    @classmethod
    def model_validate_strings(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate_strings(obj, *args, **kwargs)
        except ValidationError as exc:
            raise data_error(exc, cls) from None

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        for computed in cls.model_computed_fields.values():
            _COMPUTED_MODELS.update(_models_in(computed.return_type))
        for field in cls.model_fields.values():
            _INPUT_MODELS.update(_models_in(field.annotation))

    @field_validator("*", mode="wrap")
    @classmethod
    def _within_bounds(
        cls, value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        if cls in _COMPUTED_MODELS and cls not in _INPUT_MODELS:
            return handler(value)  # derived from checked input, not input itself
        if info.field_name is not None and info.field_name in _time_fields(cls):
            if isinstance(value, list):
                value = [clock_input(v) for v in value]
            else:
                value = clock_input(value)
        result = handler(value)
        _bounded(result)
        return result


def picture(
    title: str,
) -> Callable[[Callable[[Any], Picture | None]], Callable[[Any], Picture | None]]:
    """Mark a form model's method as a picture the template can place (``{{ kort|billede }}``).

    The method returns a :class:`~samarbejdsdok.engine.Picture` (or ``None``) whose image is
    drawn only if the template places it, once per document. The model itself stays plain data
    (``model_dump_json()`` works); the picture is made from it at render time. ``title`` is the
    picture's name in ``samarbejdsdok fields``.
    """

    def mark(method: Callable[[Any], Picture | None]) -> Callable[[Any], Picture | None]:
        method.__picture_title__ = title  # type: ignore[attr-defined]
        return method

    return mark


class FormModel(Part):
    """Base of a form's top-level model."""

    form_name: ClassVar[str] = ""
    #: Fields no document prints (they steer what is computed, or are kept for the case file).
    #: A form's ``lukkedage`` (:func:`lukkedage_felt`) is always one.
    unprinted_fields: ClassVar[frozenset[str]] = frozenset()
    #: The fields a caseworker fills in during or right after the meeting, when the form is a
    #: note form (top-level field names): ``render --fillable`` makes them Word content
    #: controls and ``read`` reads them back (docs/notatskemaer.md). Empty: not a note form.
    fillable_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "lukkedage" in cls.model_fields:
            cls.unprinted_fields = cls.unprinted_fields | {"lukkedage"}

    @classmethod
    def pictures(cls) -> dict[str, str]:
        """The pictures the form offers its template (:func:`picture`): name -> title."""
        found: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                title = getattr(value, "__picture_title__", None)
                if title is not None:
                    found[name] = title
        return found

    def advarsler(self) -> list[str]:
        """Danish sentences about valid data the caseworker should look at before the document
        is sent (an agenda that runs past the booked time); rendering passes them on as the
        document's ``warnings`` (the command line prints them as ``advarsel: …``). None by
        default."""
        return []

    def to_context(self) -> dict[str, Any]:
        """The template context: every field (and computed field) as plain Python values, and
        the form's pictures (drawn when placed).

        Dates stay dates and times stay times, so the templates' Danish filters format them.
        """
        context = self.model_dump(mode="python")
        for name in self.pictures():
            context[name] = getattr(self, name)()
        return context


#: Set by the case file's renderer when information is shared without consent where the law
#: permits it: the legal basis, printed in the document.
HjemmelUdenSamtykke = Annotated[
    str | None,
    Field(
        title="Hjemmel for videregivelse uden samtykke",
        description="Udfyldes kun, når oplysninger deles uden samtykke, hvor loven tillader det",
        min_length=1,
    ),
]


def key_or_wording(enum: type[Enum]) -> Callable[[Any], Any]:
    """A before-validator for a choice whose value is the document's wording: it accepts the
    member's ASCII key (``ikke_paabegyndt``) as well as its wording (``ikke påbegyndt``), in
    any case.

    Use: ``status: Annotated[Status, BeforeValidator(key_or_wording(Status))]``.
    """
    known = {m.name.lower(): m.value for m in enum}
    known.update({str(m.value).lower(): m.value for m in enum})

    def parse(value: Any) -> Any:
        if isinstance(value, str):
            return known.get(value.strip().lower(), value)
        return value

    return parse


def field_error(path: str, code: str, message: str, **context: Any) -> PydanticCustomError:
    """An error raised by a model validator that belongs to one field.

    The field's dotted path (relative to the model raising it) travels in the error's context,
    so the error report names the field rather than the whole form.
    """
    return PydanticCustomError(code, message, {"felt": path, **context})


def check_end_after_start(start: dt.time, end: dt.time, path: str = "sluttid") -> None:
    """A meeting ends after it begins; the error names ``path``."""
    if end <= start:
        raise field_error(
            path,
            "meeting_end_not_after_start",
            "mødet skal slutte efter det begynder (kl. {start})",
            start=start.strftime("%H.%M"),
        )


def check_deadlines_not_before(
    aftaler: list[Aftale], meeting: dt.date, meeting_name: str = "mødet"
) -> None:
    """No agreement's deadline lies before the meeting that made it."""
    for i, aftale in enumerate(aftaler):
        if aftale.tidsfrist is not None and aftale.tidsfrist < meeting:
            raise field_error(
                f"aftaler.{i}.tidsfrist",
                "deadline_before_meeting",
                "tidsfristen ({frist}) ligger før {navn} ({moede})",
                frist=_dansk(aftale.tidsfrist),
                navn=meeting_name,
                moede=_dansk(meeting),
            )


@dataclass(frozen=True)
class Attachment:
    """A file made from a form's data alongside its document (a calendar invitation).

    Attributes:
        kind: what the file is, and the CLI option that writes it (``"ics"``: ``--ics``).
        suffix: the file's suffix (``".ics"``).
        title: what the file is, in Danish, for the user.
        maker: ``"module:function"``, the function that makes the file's bytes from the form's
            validated model. A name, not the function: it is imported only when a file is made,
            so importing the form imports neither the maker nor its libraries (icalendar), and
            the form does not import the module that imports it (``samarbejdsdok.ics``).
    """

    kind: str
    suffix: str
    title: str
    maker: str

    def make(self, model: FormModel) -> bytes:
        """The file's bytes for ``model`` (personal data as the maker decides: see its docs)."""
        module, _, name = self.maker.partition(":")
        function: Callable[[FormModel], bytes] = getattr(import_module(module), name)
        return function(model)


@dataclass(frozen=True)
class FormSpec:
    """What every form module exposes as ``SPEC``.

    Attributes:
        name: the form's name in the CLI and the registry (``"samtykke_generel"``).
        title: the Danish title, as on the paper form.
        model: the Pydantic model of the form's data.
        template: the file name of the default template: in ``templates_docx`` for the forms
            shipped here, in ``template_package`` for a plug-in's.
        example: returns a valid example as JSON-ready data (dates as ISO strings).
        code: the form's number in the catalogue (``"A8"``).
        description: one sentence, in English, for the docs.
        attachments: the files made alongside the document from the same data
            (:class:`Attachment`), e.g. the invitation's calendar file.
        template_package: for a plug-in's form, the package whose files hold its template
            (read with :mod:`importlib.resources`); None for the forms shipped here.
    """

    name: str
    title: str
    model: type[FormModel]
    template: str
    example: Callable[[], dict[str, Any]]
    code: str = ""
    description: str = ""
    attachments: tuple[Attachment, ...] = ()
    template_package: str | None = None

    def example_model(self) -> FormModel:
        """The example, validated."""
        return self.model.model_validate(self.example())

    def attachment(self, kind: str) -> Attachment | None:
        """The form's attachment of this kind (``"ics"``), or ``None`` if it has none."""
        return next((a for a in self.attachments if a.kind == kind), None)


# --- building blocks shared by several forms ------------------------------------------------


class Lukkedage(Part):
    """The municipality's own closing days, beside the public holidays (from its profile).

    Every deadline and proposed meeting date of a form with a ``lukkedage`` field avoids them
    (:class:`samarbejdsdok.kalender.Kalender`)."""

    hvert_aar: list[str] = Field(
        default_factory=lambda: [f"{d:02d}-{m:02d}" for m, d in STANDARD_LUKKEDAGE],
        title="Lukket hvert år",
        description="Dag og måned (DD-MM), fx 05-06 for grundlovsdag; uden listen 24-12 og "
        "31-12 (juleaftensdag og nytårsaftensdag); en tom liste: kun helligdagene",
        max_length=366,
        examples=[["24-12", "31-12", "05-06"]],
    )
    datoer: list[dt.date] = Field(
        default_factory=list,
        title="Enkelte lukkedage",
        description="Fx en sommerlukning",
        max_length=366,
    )

    @field_validator("hvert_aar")
    @classmethod
    def _day_and_month(cls, value: list[str]) -> list[str]:
        for i, text in enumerate(value):
            if _month_day(text) is None:
                raise PydanticCustomError(
                    "closing_day_format",
                    "'{tekst}' (nr. {nr}) er ikke en dag og måned som DD-MM, fx 05-06",
                    {"tekst": text[:20], "nr": i + 1},
                )
        return value

    def kalender(self) -> Kalender:
        """The working-day calendar with these closing days."""
        return Kalender.of(
            [md for text in self.hvert_aar if (md := _month_day(text)) is not None], self.datoer
        )


def _month_day(text: str) -> tuple[int, int] | None:
    """``"05-06"`` (DD-MM) as (6, 5); None unless it is a day of some year."""
    try:
        day, month = (int(x) for x in text.split("-"))
        dt.date(2024, month, day)  # a leap year: 29-02 is a day
    except ValueError:
        return None
    return (month, day) if len(text) == 5 else None


def lukkedage_felt() -> Any:
    """The ``lukkedage`` field of a form whose dates follow the working-day calendar: filled
    from the municipality profile (:func:`samarbejdsdok.profil.apply`)."""
    return Field(
        default=None,
        title="Kommunens lukkedage",
        description="Fra kommuneprofilen; uden: helligdagene samt 24. og 31. december",
    )


def kalender_af(lukkedage: Lukkedage | None) -> Kalender:
    """The calendar of a form's ``lukkedage`` (the standard calendar without them)."""
    return STANDARD if lukkedage is None else lukkedage.kalender()


def kalender_af_profil(profil: Mapping[str, Any] | None) -> Kalender:
    """The calendar of a municipality profile (JSON-ready data): its ``lukkedage``, if any."""
    closing = (profil or {}).get("lukkedage")
    return kalender_af(None if closing is None else Lukkedage.model_validate(closing))


class Organisation(Part):
    """Who sends the document: the municipality and its programme (the form's "XXX")."""

    kommune: str = Field(title="Kommune", min_length=1, examples=["Furesø Kommune"])
    indsats: str = Field(
        title="Indsatsens navn",
        min_length=1,
        description="Navnet på tilbuddet, som familien kender det",
        examples=["Familiens Fremtid"],
    )
    afdeling: str | None = Field(default=None, title="Afdeling")


def example_organisation() -> dict[str, str]:
    """The fictional sender every bundled example shares (the toolbox's own municipality)."""
    return {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    }


class Kontakt(Part):
    """A person in the network with how to reach them."""

    navn: str = Field(title="Navn", min_length=1)
    funktion: str | None = Field(default=None, title="Afdeling/funktion")
    telefon: Telefon | None = Field(default=None, title="Telefon")
    email: Email | None = Field(default=None, title="E-mail")


class Aftale(Part):
    """An agreement made at a network meeting."""

    indhold: str = Field(title="Indhold", min_length=1)
    ansvarlige: list[str] = Field(default_factory=list, title="Ansvarlige")
    tidsfrist: dt.date | None = Field(default=None, title="Tidsfrister")
