"""The information a consent document gives under the GDPR's article 13: who is the data
controller and how to reach it, the data protection officer, and how long the information is
kept.

The three facts belong to the municipality and live in its profile
(:class:`samarbejdsdok.profil.Kommuneprofil`: ``dataansvarlig``, ``databeskyttelsesraadgiver``,
``opbevaring``); :func:`samarbejdsdok.profil.apply` fills a consent form's fields of the same
names from it. A consent form requires them: a consent declaration without them is not made.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Annotated, Any

from pydantic import Field

from ..fields import Email, Telefon
from ._base import Part

__all__ = [
    "Dataansvarlig",
    "Databeskyttelsesraadgiver",
    "DataansvarligFelt",
    "DatabeskyttelsesraadgiverFelt",
    "OpbevaringFelt",
    "FELTER",
    "MISSING_HINTS",
    "example",
]


class Dataansvarlig(Part):
    """The data controller (usually the municipality) and how to reach it."""

    navn: str = Field(title="Navn", min_length=1, examples=["Furesø Kommune"])
    adresse: str = Field(title="Adresse", min_length=1, examples=["Stiager 2, 3500 Værløse"])
    telefon: Telefon = Field(title="Telefon")
    email: Email = Field(title="E-mail")


class Databeskyttelsesraadgiver(Part):
    """The data protection officer (DPO): a name or a function, and how to reach him or her."""

    navn: str = Field(
        title="Navn eller funktion",
        min_length=1,
        examples=["Databeskyttelsesrådgiveren i Furesø Kommune"],
    )
    email: Email = Field(title="E-mail")
    telefon: Telefon | None = Field(default=None, title="Telefon")


DataansvarligFelt = Annotated[
    Dataansvarlig,
    Field(
        title="Dataansvarlig",
        description="Den dataansvarlige (som regel kommunen) med adresse, telefon og e-mail; "
        "kommer fra kommuneprofilen (dataansvarlig)",
    ),
]
DatabeskyttelsesraadgiverFelt = Annotated[
    Databeskyttelsesraadgiver,
    Field(
        title="Databeskyttelsesrådgiver",
        description="Kommunens databeskyttelsesrådgiver (navn eller funktion, e-mail, telefon); "
        "kommer fra kommuneprofilen (databeskyttelsesraadgiver)",
    ),
]
OpbevaringFelt = Annotated[
    str,
    Field(
        title="Opbevaring af oplysningerne",
        min_length=1,
        description="Kommunens regel for, hvor længe oplysningerne opbevares, i almindeligt "
        "dansk; kommer fra kommuneprofilen (opbevaring)",
        examples=[
            "Oplysningerne opbevares, så længe sagen er åben, og slettes eller arkiveres "
            "derefter efter arkivlovens regler."
        ],
    ),
]

#: The profile's keys, which are also the consent forms' fields.
FELTER = ("dataansvarlig", "databeskyttelsesraadgiver", "opbevaring")

#: What the problem of a missing field adds to "skal udfyldes" (see :mod:`samarbejdsdok.problems`).
MISSING_HINTS = {
    "dataansvarlig": "en samtykkeerklæring skal oplyse, hvem der er dataansvarlig; angiv "
    "dataansvarlig (navn, adresse, telefon og e-mail) i kommuneprofilen eller i data",
    "databeskyttelsesraadgiver": "en samtykkeerklæring skal oplyse, hvordan man kontakter "
    "databeskyttelsesrådgiveren; angiv databeskyttelsesraadgiver (navn eller funktion og "
    "e-mail) i kommuneprofilen eller i data",
    "opbevaring": "en samtykkeerklæring skal oplyse, hvor længe oplysningerne opbevares; angiv "
    "opbevaring i kommuneprofilen eller i data",
}


def example() -> dict[str, Any]:
    """The bundled example profile's three facts (Furesø Kommune), for the forms' examples
    (read from the profile's file: the forms do not import the profile module above them)."""
    text = files("samarbejdsdok").joinpath("data/profil_eksempel.json").read_text("utf-8")
    p = json.loads(text)
    return {key: p[key] for key in FELTER}
