"""What the two consent declarations (A7, A8) share: the consent giver, the children, the
period, the status, the rule that a young person aged 15 or more signs too, and the information
the GDPR's article 13 requires (data controller, data protection officer, retention: from the
municipality profile, see :mod:`._databeskyttelse`).

The status is the case's own record (the case file keeps it); it is never printed on the form
the family signs. A consent with no children is the giver's consent about him- or herself: a
young person of 15 or more giving his or her own consent (``ung_samtykkegiver``)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar, Self

from pydantic import Field, computed_field, model_validator

from ..fields import CPR, age_on, cpr_birth_date
from ..formatting import dato as _dansk
from ._base import FormModel, Organisation, Part, field_error
from ._databeskyttelse import (
    MISSING_HINTS,
    DataansvarligFelt,
    DatabeskyttelsesraadgiverFelt,
    OpbevaringFelt,
)

__all__ = ["Samtykkestatus", "Samtykkegiver", "Barn", "UngUnderskriver", "SamtykkeBase"]

#: The age from which a young person gives his or her own consent beside the parent's.
ALDER_EGET_SAMTYKKE = 15
#: A child is a person under this age; from it a person consents alone.
MYNDIG_ALDER = 18


class Samtykkestatus(StrEnum):
    """The status of a consent, in KL's vocabulary."""

    anmodet = "anmodet"
    afgivet = "afgivet"
    afvist = "afvist"
    tilbagetrukket = "tilbagetrukket"
    udloebet = "udløbet"


class Samtykkegiver(Part):
    navn: str = Field(title="Samtykkegivers navn", min_length=1)
    cpr: CPR = Field(title="Samtykkegivers cpr-nummer")


class Barn(Part):
    navn: str = Field(title="Barnets navn", min_length=1)
    cpr: CPR = Field(title="Barnets cpr-nummer")


class UngUnderskriver(Part):
    """A child who has turned 15 on the signing date and so signs too (derived, not input)."""

    navn: str
    alder: int
    fyldt_15: dt.date


class SamtykkeBase(FormModel):
    missing_hints: ClassVar[dict[str, str]] = MISSING_HINTS
    #: Fields the model keeps for the case but the document never prints (it is to be signed).
    unprinted_fields: ClassVar[frozenset[str]] = frozenset({"status", "status_dato"})

    organisation: Organisation = Field(title="Afsender")
    samtykkegiver: Samtykkegiver = Field(title="Samtykkegiver")
    boern: list[Barn] = Field(
        default_factory=list,
        title="Barn under 18 år",
        description="Barnets navn og cpr-nummer, et barn pr. linje",
    )
    underskriftsdato: dt.date = Field(
        title="Dato",
        description="Datoen samtykket underskrives; afgør, hvem der er fyldt 15 år",
    )
    gyldig_fra: dt.date = Field(title="Samtykket gælder fra")
    gyldig_til: dt.date | None = Field(
        default=None,
        title="Samtykket ophører senest",
        description="Den sidste dag samtykket gælder",
    )
    status: Samtykkestatus = Field(
        default=Samtykkestatus.anmodet,
        title="Status",
        description="Samtykkets status (KL): anmodet, afgivet, afvist, tilbagetrukket, udløbet; "
        "til sagen, skrives ikke på erklæringen",
    )
    status_dato: dt.date | None = Field(
        default=None,
        title="Status ændret den",
        description="Fx datoen for tilbagekaldelsen; til sagen, skrives ikke på erklæringen",
    )
    dataansvarlig: DataansvarligFelt
    databeskyttelsesraadgiver: DatabeskyttelsesraadgiverFelt
    opbevaring: OpbevaringFelt

    @model_validator(mode="after")
    def _children_and_period(self) -> Self:
        for i, barn in enumerate(self.boern):
            born = cpr_birth_date(barn.cpr)
            if born > self.underskriftsdato:
                raise field_error(
                    f"boern.{i}.cpr",
                    "child_not_born",
                    "barnet er ikke født på underskriftsdatoen",
                )
            if age_on(born, self.underskriftsdato) >= MYNDIG_ALDER:
                raise field_error(
                    f"boern.{i}.cpr",
                    "child_of_age",
                    "barnet er fyldt 18 år på underskriftsdatoen og skal give sit eget samtykke",
                )
        til = self.gyldig_til
        if til is not None and til < self.gyldig_fra:
            raise field_error(
                "gyldig_til",
                "consent_period_reversed",
                "samtykkets sidste gyldige dato ({til}) ligger før startdatoen ({fra})",
                til=_dansk(til),
                fra=_dansk(self.gyldig_fra),
            )
        if self.status in (Samtykkestatus.tilbagetrukket, Samtykkestatus.afvist) and (
            self.status_dato is None
        ):
            raise field_error(
                "status_dato",
                "status_date_missing",
                "et samtykke, der er {status}, skal have datoen for det",
                status=self.status,
            )
        return self

    @computed_field
    @property
    def unge_underskrivere(self) -> list[UngUnderskriver]:
        """The children who have turned 15 on the signing date: each signs too."""
        result = []
        for barn in self.boern:
            born = cpr_birth_date(barn.cpr)
            alder = age_on(born, self.underskriftsdato)
            if alder >= ALDER_EGET_SAMTYKKE:
                fyldt = _birthday(born, ALDER_EGET_SAMTYKKE)
                result.append(UngUnderskriver(navn=barn.navn, alder=alder, fyldt_15=fyldt))
        return result

    @computed_field
    @property
    def samtykkegiver_alder(self) -> int:
        """The consent giver's age on the signing date."""
        return age_on(cpr_birth_date(self.samtykkegiver.cpr), self.underskriftsdato)

    @computed_field
    @property
    def ung_samtykkegiver(self) -> bool:
        """A young person of 15 to 17 giving his or her own consent (about no children):
        the document speaks of "mig", not of "mit barn"."""
        return not self.boern and ALDER_EGET_SAMTYKKE <= self.samtykkegiver_alder < MYNDIG_ALDER

    @computed_field
    @property
    def alder_eget_samtykke(self) -> int:
        """The age limit printed in the document's rule."""
        return ALDER_EGET_SAMTYKKE


def _birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # born 29 February: the birthday is 1 March in a non-leap year
        return dt.date(born.year + years, 3, 1)
