"""E3 Fælles målbillede: the shared goal picture for a child with disabilities.

Source: *Sammen om familien* (seed 004; coordinated efforts for children and young people with
disabilities and their families), "Et fælles målbillede" and "Fælles målbillede ved brug af
Signs of Safety": the network agrees a shared goal that everybody knows; goals are described
concretely so that it is easier to set realistic goals when all perspectives are included, and
each partner updates their own plans to the shared goal picture. Catalogue: short- and
long-term goals for the child, described concretely (SMART), roles split between the family and
the caseworker; goals are revised over time.

Each goal says what (``hvad``), how we will see it is reached (``hvordan_ser_vi_det``), by when
(``hvornaar``, a date), and what the family and what the municipality do
(``familiens_del``, ``kommunens_del``).

Rules checked here:

* at least one goal, short- or long-term (``kortsigtede_maal``);
* every goal names a part for the family or the municipality (``..N.familiens_del``);
* no goal's date lies before the goal picture was made (``oprettet``);
* the revision date (``revideret``) is not before ``oprettet``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, model_validator

from ..formatting import dato as _dansk
from ._base import FormModel, FormSpec, Organisation, Part, example_organisation, field_error

__all__ = ["FaellesMaalbillede", "Maal", "SPEC"]


class Maal(Part):
    """One goal, described concretely (SMART)."""

    hvad: str = Field(title="Hvad er målet?", min_length=1)
    hvordan_ser_vi_det: str = Field(title="Hvordan kan vi se, at målet er nået?", min_length=1)
    hvornaar: dt.date = Field(title="Hvornår skal målet være nået?")
    familiens_del: str | None = Field(default=None, title="Hvem og hvad fra familien")
    kommunens_del: str | None = Field(
        default=None, title="Hvem og hvad fra kommunen (sagsbehandler)"
    )


class FaellesMaalbillede(FormModel):
    """Fælles målbillede."""

    form_name = "faelles_maalbillede"

    organisation: Organisation = Field(title="Afsender")
    barnets_navn: str = Field(title="Barnets navn", min_length=1)
    funktionsnedsaettelse: str | None = Field(
        default=None,
        title="Barnets funktionsnedsættelse",
        description="Kort beskrivelse, som familien kan genkende",
    )
    foraeldre: list[str] = Field(default_factory=list, title="Forældre")
    sagsbehandler: str = Field(title="Sagsbehandler", min_length=1)
    oprettet: dt.date = Field(title="Dato for målbilledet")
    revideret: dt.date | None = Field(
        default=None,
        title="Senest revideret",
        description="Målene revideres løbende; datoen for seneste fælles revision",
    )
    kortsigtede_maal: list[Maal] = Field(default_factory=list, title="Kortsigtede mål")
    langsigtede_maal: list[Maal] = Field(default_factory=list, title="Langsigtede mål")

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if not self.kortsigtede_maal and not self.langsigtede_maal:
            raise field_error("kortsigtede_maal", "no_goals", "målbilledet skal have mindst ét mål")
        if self.revideret is not None and self.revideret < self.oprettet:
            raise field_error(
                "revideret",
                "revised_before_created",
                "revisionsdatoen ({revideret}) ligger før målbilledet blev lavet ({oprettet})",
                revideret=_dansk(self.revideret),
                oprettet=_dansk(self.oprettet),
            )
        for liste in ("kortsigtede_maal", "langsigtede_maal"):
            for i, maal in enumerate(getattr(self, liste)):
                if not maal.familiens_del and not maal.kommunens_del:
                    raise field_error(
                        f"{liste}.{i}.familiens_del",
                        "goal_without_roles",
                        "skriv, hvem der gør hvad: familien, kommunen eller begge",
                    )
                if maal.hvornaar < self.oprettet:
                    raise field_error(
                        f"{liste}.{i}.hvornaar",
                        "goal_date_before_created",
                        "målets dato ({dato}) ligger før målbilledet blev lavet ({oprettet})",
                        dato=_dansk(maal.hvornaar),
                        oprettet=_dansk(self.oprettet),
                    )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "barnets_navn": "Oliver Kragh Hansen (10 år)",
        "funktionsnedsaettelse": "ADHD og sensoriske vanskeligheder",
        "foraeldre": ["Mette Kragh Hansen"],
        "sagsbehandler": "Jonas Winther, rådgiver, Familierådgivningen",
        "oprettet": "2026-06-24",
        "revideret": "2026-09-09",
        "kortsigtede_maal": [
            {
                "hvad": "Oliver kommer i skole til tiden",
                "hvordan_ser_vi_det": "Oliver er i klassen kl. 8.00 mindst fire dage om ugen",
                "hvornaar": "2026-09-25",
                "familiens_del": "Mette følger morgenplanen og vækker Oliver kl. 6.45",
                "kommunens_del": "Jonas bevilger kørsel og følger op med skolen hver 14. dag",
            },
            {
                "hvad": "Oliver kan falde til ro om aftenen",
                "hvordan_ser_vi_det": "Oliver sover senest kl. 20.30 på hverdage",
                "hvornaar": "2026-08-07",
                "familiens_del": "Fast aftenrutine med kugledyne",
            },
        ],
        "langsigtede_maal": [
            {
                "hvad": "Oliver har en fritidsaktivitet, han holder fast i",
                "hvordan_ser_vi_det": "Oliver går til håndbold hver uge i et halvt år",
                "hvornaar": "2027-06-25",
                "familiens_del": "Mette kører Oliver til håndbold om torsdagen",
                "kommunens_del": "Jonas undersøger ledsagerordning sammen med Fritidsvejledningen",
            },
        ],
    }


SPEC = FormSpec(
    name="faelles_maalbillede",
    title="Fælles målbillede",
    model=FaellesMaalbillede,
    template="faelles_maalbillede.docx",
    example=example,
    code="E3",
    description="The shared goal picture for a child with disabilities: short- and long-term "
    "SMART goals with the family's and the municipality's parts, revised over time.",
)
