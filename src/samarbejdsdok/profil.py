"""The municipality profile: who sends the letters, from where, and when the office is open.

One file a municipality writes once (``samarbejdsdok render ... --profile profil.json``) and
every letter and the flyer use: the municipality, the department and the programme's name, the
address, the sender, the opening hours per weekday, and the family coordinators. A bundled
example (``samarbejdsdok.profil.example()``) is Furesø Kommune's "Familiens Fremtid" from the
toolbox.

How a profile reaches a form (:func:`anvend_profil`): a form with a ``profil`` field gets the
whole profile; a form with an ``organisation`` field gets the municipality, programme and
department; a form with a ``standardparter`` field (the general consent declaration) gets the
municipality's standard partners, the boxes on the form; a form with a ``lukkedage`` field (every
form with deadlines or proposed dates) gets the municipality's closing days; a consent form (A7,
A8, B1) gets the data controller, the data protection officer and the retention rule it prints
as the GDPR's article 13 requires (``dataansvarlig``, ``databeskyttelsesraadgiver``,
``opbevaring``). Values already in the data win.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from enum import StrEnum
from importlib.resources import files
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, Field, model_validator

from ._compat import deprecated
from .engine.pictures import Picture
from .errors import InputFormatError
from .fields import Email, Postnummer, Telefon
from .forms._base import Lukkedage, Part, field_error
from .forms._databeskyttelse import FELTER as DATABESKYTTELSE
from .forms._databeskyttelse import Dataansvarlig, Databeskyttelsesraadgiver

__all__ = [
    "Ugedag",
    "Aabningstid",
    "Koordinator",
    "Adresse",
    "Standardpart",
    "STANDARDPARTER",
    "standardparter",
    "Kommuneprofil",
    "example",
    "load",
    "apply",
    "without_consent_information",
]


#: The largest logo file a profile may name, and its largest width or height in pixels.
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 10_000


class Ugedag(StrEnum):
    mandag = "mandag"
    tirsdag = "tirsdag"
    onsdag = "onsdag"
    torsdag = "torsdag"
    fredag = "fredag"
    loerdag = "lørdag"
    soendag = "søndag"


class Aabningstid(Part):
    ugedag: Ugedag = Field(title="Ugedag")
    fra: dt.time = Field(title="Åbner")
    til: dt.time = Field(title="Lukker")

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.til <= self.fra:
            raise field_error(
                "til", "closing_not_after_opening", "lukketiden skal ligge efter åbningstiden"
            )
        return self


class Koordinator(Part):
    navn: str = Field(title="Navn", min_length=1)
    profession: str = Field(title="Profession", min_length=1, examples=["socialrådgiver"])
    mobil: Telefon = Field(title="Mobilnummer")
    email: Email | None = Field(default=None, title="E-mail")


class Adresse(Part):
    sted: str | None = Field(default=None, title="Sted", examples=["Jobcenter Furesø"])
    vej: str = Field(title="Vej og nummer", min_length=1)
    postnummer: Postnummer = Field(title="Postnummer")
    by: str = Field(title="By", min_length=1)


class Standardpart(Part):
    """A partner inside the municipality printed with a box on the general consent declaration.

    The box is ticked by its number (its place in the profile's list, from 1) or its key."""

    noegle: str = Field(
        title="Nøgle",
        min_length=1,
        max_length=40,
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Et kort navn af små bogstaver a-z, tal og _ (uden æ, ø og å)",
        examples=["familieraadgivningen"],
    )
    navn: str = Field(title="Navn", min_length=1, examples=["Familierådgivningen"])
    kontaktoplysninger: str | None = Field(
        default=None,
        title="Kontaktoplysninger",
        description="Skrives på samtykkeerklæringen, når parten er afkrydset",
    )


#: The internal partners printed on the paper form (KORA/Furesø 2017, tool 8), in its order:
#: box 1 is Familierådgivningen, box 7 Folkeskole. A profile may replace the list.
STANDARDPARTER: tuple[tuple[str, str], ...] = (
    ("familieraadgivningen", "Familierådgivningen"),
    ("sundhedsplejen", "Sundhedsplejen"),
    ("familiehuset", "Familiehuset"),
    ("jobcentret", "Jobcentret"),
    ("nedsat_funktionsevne", "Afd. for borgere med nedsat funktionsevne"),
    ("daginstitution", "Daginstitution"),
    ("folkeskole", "Folkeskole"),
)

#: The most standard partners a profile may name.
MAX_STANDARDPARTER = 30


def standardparter() -> list[Standardpart]:
    """The standard partners of the paper form, as a profile without its own list has them."""
    return [Standardpart(noegle=k, navn=n) for k, n in STANDARDPARTER]


def check_standardparter(parter: list[Standardpart], path: str = "standardparter") -> None:
    """Each standard partner's key and name appear once (a box is found by either)."""
    keys: set[str] = set()
    names: set[str] = set()
    for i, part in enumerate(parter):
        if part.noegle in keys:
            raise field_error(f"{path}.{i}.noegle", "partner_key_twice", "nøglen står der allerede")
        if part.navn.casefold() in names:
            raise field_error(f"{path}.{i}.navn", "partner_name_twice", "navnet står der allerede")
        keys.add(part.noegle)
        names.add(part.navn.casefold())


class Kommuneprofil(Part):
    """A municipality's fixed facts for letters and the flyer."""

    kommune: str = Field(title="Kommune", min_length=1)
    afdeling: str | None = Field(default=None, title="Afdeling")
    indsats: str = Field(title="Indsatsens navn", min_length=1)
    adresse: Adresse = Field(title="Adresse")
    telefon: Telefon | None = Field(default=None, title="Telefon")
    email: Email | None = Field(default=None, title="E-mail")
    afsender: str | None = Field(default=None, title="Afsender", description="Navn og titel")
    logo: str | None = Field(
        default=None, title="Logo", description="Sti til en PNG-fil med kommunens logo"
    )
    aabningstider: list[Aabningstid] = Field(default_factory=list, title="Åbningstider")
    koordinatorer: list[Koordinator] = Field(default_factory=list, title="Familiekoordinatorer")
    standardparter: list[Standardpart] | None = Field(
        default=None,
        title="Samarbejdsparter i kommunen",
        description="Boksene på samtykkeerklæringen (generel), nummereret fra 1 i denne "
        "rækkefølge; uden listen er det de syv fra papirblanketten",
        min_length=1,
        max_length=MAX_STANDARDPARTER,
    )

    dataansvarlig: Dataansvarlig | None = Field(
        default=None,
        title="Dataansvarlig",
        description="Den dataansvarlige (som regel kommunen) med adresse, telefon og e-mail; "
        "skrives på samtykkeerklæringerne (oplysningspligten)",
    )
    databeskyttelsesraadgiver: Databeskyttelsesraadgiver | None = Field(
        default=None,
        title="Databeskyttelsesrådgiver",
        description="Navn eller funktion, e-mail og telefon; skrives på samtykkeerklæringerne",
    )
    opbevaring: str | None = Field(
        default=None,
        title="Opbevaring af oplysningerne",
        min_length=1,
        description="Kommunens regel for, hvor længe oplysningerne opbevares, i almindeligt "
        "dansk; skrives på samtykkeerklæringerne",
        examples=[
            "Oplysningerne opbevares, så længe sagen er åben, og slettes eller arkiveres "
            "derefter efter arkivlovens regler."
        ],
    )

    lukkedage: Lukkedage | None = Field(
        default=None,
        title="Kommunens lukkedage",
        description="Dage ud over helligdagene, hvor kommunen holder lukket; frister og "
        "foreslåede mødedatoer undgår dem. Uden: 24. og 31. december",
    )

    @model_validator(mode="after")
    def _partners_once(self) -> Self:
        if self.standardparter is not None:
            check_standardparter(self.standardparter)
        return self

    @model_validator(mode="after")
    def _logo_is_a_png(self) -> Self:
        if self.logo is not None:
            try:
                size = Path(self.logo).stat().st_size
                with open(self.logo, "rb") as fh:
                    head = fh.read(24)
            except OSError:
                raise field_error("logo", "logo_missing", "logo-filen kan ikke læses") from None
            if not head.startswith(b"\x89PNG\r\n\x1a\n") or len(head) < 24:
                raise field_error("logo", "logo_not_png", "logoet skal være en PNG-fil")
            if size > MAX_LOGO_BYTES:
                raise field_error(
                    "logo",
                    "logo_too_large",
                    "logoet må højst fylde {mb} MB",
                    mb=MAX_LOGO_BYTES // 2**20,
                )
            width, height = struct.unpack(">II", head[16:24])
            if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
                raise field_error(
                    "logo",
                    "logo_size",
                    "logoet skal være mellem 1 og {px} punkter bredt og højt",
                    px=MAX_LOGO_PIXELS,
                )
        return self

    def logo_billede(self, bredde_cm: float = 4.0) -> Picture | None:
        """The logo as a picture ``bredde_cm`` wide (height from the PNG's proportions)."""
        if self.logo is None:
            return None
        png = Path(self.logo).read_bytes()
        width, height = struct.unpack(">II", png[16:24])
        return Picture.from_cm(
            png, bredde_cm, round(bredde_cm * height / width, 2), f"{self.kommune}s logo"
        )

    @model_validator(mode="after")
    def _one_line_per_day(self) -> Self:
        seen: set[str] = set()
        for i, tid in enumerate(self.aabningstider):
            if tid.ugedag in seen:
                raise field_error(
                    f"aabningstider.{i}.ugedag", "weekday_twice", "ugedagen står der allerede"
                )
            seen.add(tid.ugedag)
        return self


def example() -> dict[str, Any]:
    """The bundled example profile (JSON-ready)."""
    text = files("samarbejdsdok").joinpath("data/profil_eksempel.json").read_text("utf-8")
    example: dict[str, Any] = json.loads(text)
    return example


def without_consent_information(profil: dict[str, Any]) -> dict[str, Any]:
    """``profil`` without what only the consent forms print (``dataansvarlig``,
    ``databeskyttelsesraadgiver``, ``opbevaring``): the leaflet's profile."""
    return {k: v for k, v in profil.items() if k not in DATABESKYTTELSE}


def load(path: str | Path) -> dict[str, Any]:
    """Read and check a profile file; returns the profile as JSON-ready data."""
    from .sources import parse_document, read_input
    from .validation import validate

    path = Path(path)
    raw = read_input(path, "Profilen")  # within the size limit of sources
    try:
        data: dict[str, Any] = parse_document(raw, str(path))
    except InputFormatError as exc:
        raise InputFormatError(f"Profilen kan ikke læses: {exc.message}") from None
    validate(Kommuneprofil, data, form="profil")
    return data


def apply(model: type[BaseModel], data: Any, profil: dict[str, Any]) -> Any:
    """``data`` with the profile filled in where the form takes it and the data has none."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    fields = model.model_fields
    if "profil" in fields and "profil" not in data:
        data["profil"] = profil
    if "organisation" in fields:
        org = dict(data.get("organisation") or {})
        for key in ("kommune", "indsats", "afdeling"):
            if profil.get(key) and not org.get(key):
                org[key] = profil[key]
        data["organisation"] = org
    if "standardparter" in fields and "standardparter" not in data and profil.get("standardparter"):
        data["standardparter"] = profil["standardparter"]
    if "lukkedage" in fields and "lukkedage" not in data and profil.get("lukkedage") is not None:
        data["lukkedage"] = profil["lukkedage"]
    for key in DATABESKYTTELSE:  # the consent forms' article 13 information
        if key in fields and key not in data and profil.get(key):
            data[key] = profil[key]
    return data


indlaes = deprecated(__name__, "indlaes", load)
eksempel = deprecated(__name__, "eksempel", example)
anvend_profil = deprecated(__name__, "anvend_profil", apply)
