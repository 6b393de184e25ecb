"""A8 Samtykkeerklæring (generel): consent to exchange information with named partners.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 8. The parent
consents to the programme obtaining and passing on information about the family with the internal
partners ticked on the form (each with contact details) and the external parties listed. The
consent lapses at the latest on a stated date and can be withdrawn at any time. Every young
person who has turned 15 on the signing date signs too.

The internal partners on the paper form are boxes. Their names (and contact details) come from
the municipality profile's standard partners (:data:`samarbejdsdok.profil.STANDARDPARTER` unless
the profile names its own), so a partner is ticked by its box alone: by its number (``boks``: 1
is the first), its key, or, in a spreadsheet, its position in the list (the column
``interne_parter.0.afkrydset`` is box 1). As soon as one partner is given by its box, the
document lists every standard partner in the profile's order, ticked or not. A partner given
with a name only is printed as given, as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Self

from pydantic import Field, ValidationInfo, computed_field, model_validator

from ..profil import (
    MAX_STANDARDPARTER,
    STANDARDPARTER,
    Standardpart,
    check_standardparter,
    standardparter,
)
from . import _databeskyttelse
from ._base import FormSpec, Part, example_organisation, field_error
from ._samtykke import SamtykkeBase

__all__ = [
    "SamtykkeGenerel",
    "InternPart",
    "EksternPart",
    "STANDARD_INTERNE_PARTER",
    "SPEC",
    "box_numbering",
]

#: The names of the internal partners printed on the paper form, in its order.
STANDARD_INTERNE_PARTER: tuple[str, ...] = tuple(navn for _, navn in STANDARDPARTER)


class InternPart(Part):
    """A partner inside the municipality: a box to tick and its contact details."""

    boks: int | str | None = Field(
        default=None,
        title="Boks",
        description="Standardpartens nummer (1 er den første), nøgle eller navn; uden boks og "
        "navn er det listens plads, der afgør boksen",
    )
    navn: str | None = Field(
        default=None,
        title="Samarbejdspart i kommunen",
        min_length=1,
        description="Udfyldes ikke for en standardpart, der afkrydses med sin boks: dens navn "
        "kommer fra kommuneprofilen",
    )
    afkrydset: bool = Field(default=False, title="Afkrydset")
    kontaktoplysninger: str | None = Field(
        default=None,
        title="Kontaktoplysninger",
        description="For en afkrydset standardpart: standard fra kommuneprofilen",
    )


class EksternPart(Part):
    """A party outside the municipality."""

    navn: str = Field(title="Part uden for kommunen", min_length=1)
    kontaktoplysninger: str | None = Field(default=None, title="Kontaktoplysninger")


def _standard_parter() -> list[InternPart]:
    return [InternPart(boks=i, navn=n) for i, n in enumerate(STANDARD_INTERNE_PARTER, 1)]


def box_numbering(parter: list[Standardpart] | None = None) -> list[str]:
    """One line per standard partner: its box number, name and key (``1 = Familierådgivningen
    (familieraadgivningen)``), for the field listing."""
    parter = standardparter() if parter is None else parter
    return [f"{i} = {p.navn} ({p.noegle})" for i, p in enumerate(parter, 1)]


def _box_of(boks: int | str, parter: list[Standardpart]) -> int | None:
    """The index in ``parter`` of a box given by number (from 1), key or name."""
    if isinstance(boks, str):
        text = boks.strip()
        if text.isdigit():
            boks = int(text)
        else:
            low = text.casefold()
            for i, p in enumerate(parter):
                if low in (p.noegle, p.navn.casefold()):
                    return i
            return None
    return boks - 1 if 1 <= boks <= len(parter) else None


def _positions(info: ValidationInfo, count: int) -> list[int]:
    """The list positions of ``interne_parter`` as the data wrote them: a mail merge closes up
    the gaps of blank cells and passes the positions of the sheet in the validation context
    (``{"positions": {("interne_parter",): [0, 6]}}``)."""
    context = info.context if isinstance(info.context, Mapping) else {}
    written = (context.get("positions") or {}).get(("interne_parter",))
    if isinstance(written, list) and len(written) == count:
        return [int(p) for p in written]
    return list(range(count))


class SamtykkeGenerel(SamtykkeBase):
    """Samtykkeerklæring til helhedsorienteret familieindsats – generelt."""

    form_name = "samtykke_generel"

    interne_parter: list[InternPart] = Field(
        default_factory=_standard_parter,
        title="Samarbejdsparter i kommunen",
        description="Sæt kryds ved de parter, der må udveksles oplysninger med "
        "(tilføj gerne kontaktoplysninger). En standardpart afkrydses med sin boks alene: "
        + ", ".join(box_numbering())
        + "; listens første plads (interne_parter.0) er boks 1",
    )
    standardparter: list[Standardpart] | None = Field(
        default=None,
        title="Standardparter",
        description="Kommunens samarbejdsparter med bokse på blanketten; kommer fra "
        "kommuneprofilen (standardparter), ellers de syv fra papirblanketten",
        min_length=1,
        max_length=MAX_STANDARDPARTER,
    )
    eksterne_parter: list[EksternPart] = Field(
        default_factory=list,
        title="Parter uden for kommunen",
        description="Parter uden for kommunen, der må udveksles oplysninger med",
    )
    gyldig_til: dt.date = Field(
        title="Samtykket ophører senest",
        description="Den sidste dag samtykket gælder",
    )

    @classmethod
    def field_notes(cls, profil: Mapping[str, Any] | None = None) -> list[str]:
        """What ``samarbejdsdok fields`` prints below the fields: which box is which partner
        (from ``profil``'s standard partners, if it names them)."""
        parter = standardparter()
        if profil and profil.get("standardparter"):
            parter = [Standardpart.model_validate(p) for p in profil["standardparter"]]
        width = max(len(p.noegle) for p in parter)
        return [
            "Bokse til samarbejdsparter i kommunen (interne_parter): en standardpart",
            "afkrydses med sin boks alene; navnet kommer fra kommuneprofilen. Boksen er",
            "interne_parter[].boks (nummer eller nøgle) eller listens plads:",
            "interne_parter.0 og 'Afkrydset 1' er boks 1.",
            f"  boks  {'kolonne':<28}  {'nøgle':<{width}}  samarbejdspart",
            *(
                f"  {i + 1:<4}  {column:<28}  {p.noegle:<{width}}  {p.navn}"
                for i, p in enumerate(parter)
                for column in [f"interne_parter.{i}.afkrydset"]
            ),
        ]

    @model_validator(mode="after")
    def _partners_by_box(self, info: ValidationInfo) -> Self:
        """Give each partner ticked by its box the standard partner's name and contacts."""
        parter = self.standardparter or standardparter()
        check_standardparter(parter)
        if "interne_parter" not in self.model_fields_set:  # the profile's boxes, none ticked
            self.interne_parter = [InternPart(boks=i) for i in range(1, len(parter) + 1)]
        by_box: dict[int, InternPart] = {}
        named: list[InternPart] = []
        positions = _positions(info, len(self.interne_parter))
        for i, part in enumerate(self.interne_parter):
            if part.boks is None and part.navn is not None:
                named.append(part)
                continue
            if part.boks is not None:
                box = _box_of(part.boks, parter)
                if box is None:
                    raise field_error(
                        f"interne_parter.{i}.boks",
                        "unknown_box",
                        "boksen findes ikke: angiv et nummer fra 1 til {antal} eller en nøgle "
                        "({noegler})",
                        antal=len(parter),
                        noegler=", ".join(p.noegle for p in parter),
                    )
            else:
                box = positions[i]
                if box >= len(parter):
                    raise field_error(
                        f"interne_parter.{i}.navn",
                        "partner_name_missing",
                        "angiv samarbejdspartens navn eller boks; der er {antal} standardparter "
                        "(bokse 1–{antal})",
                        antal=len(parter),
                    )
            if box in by_box:
                raise field_error(
                    f"interne_parter.{i}.boks",
                    "box_twice",
                    "boks {nr} ({navn}) er angivet mere end én gang",
                    nr=box + 1,
                    navn=parter[box].navn,
                )
            by_box[box] = part
        if not by_box:
            return self  # every partner by its name: printed as given
        extra: list[InternPart] = []
        for part in named:  # a standard partner by its name takes its box
            assert part.navn is not None
            box = _box_of(part.navn, parter)
            if box is not None and box not in by_box:
                by_box[box] = part
            else:
                extra.append(part)
        resolved = []
        for box, standard in enumerate(parter):
            given = by_box.get(box)
            ticked = given is not None and given.afkrydset
            contact = given.kontaktoplysninger if given is not None else None
            resolved.append(  # by name, as if written so: validating its dump gives the same
                InternPart(
                    navn=given.navn if given is not None and given.navn else standard.navn,
                    afkrydset=ticked,
                    kontaktoplysninger=contact or (standard.kontaktoplysninger if ticked else None),
                )
            )
        self.interne_parter = resolved + extra
        return self

    @computed_field
    @property
    def modtagere(self) -> list[str]:
        """Whom the information is exchanged with: the ticked partners in the municipality,
        then the parties outside it, by name (the recipients the GDPR's article 13 names)."""
        inside = [p.navn for p in self.interne_parter if p.afkrydset and p.navn]
        return inside + [e.navn for e in self.eksterne_parter]

    @model_validator(mode="after")
    def _a_partner(self) -> Self:
        if not any(p.afkrydset for p in self.interne_parter) and not self.eksterne_parter:
            raise field_error(
                "interne_parter",
                "no_partner",
                "sæt kryds ved mindst én samarbejdspart, eller angiv en part uden for kommunen",
            )
        return self


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "samtykkegiver": {
            "navn": "Mette Kragh Hansen",
            "cpr": "120585-2468",
        },
        "boern": [
            {
                "navn": "Sofie Kragh Hansen",
                "cpr": "100911-4122",
            },
            {
                "navn": "Oliver Kragh Hansen",
                "cpr": "020616-4567",
            },
        ],
        "underskriftsdato": "2026-05-27",
        "gyldig_fra": "2026-05-27",
        "gyldig_til": "2027-05-26",
        "status": "afgivet",
        **_databeskyttelse.example(),
        "interne_parter": [
            {
                "navn": "Familierådgivningen",
                "afkrydset": True,
                "kontaktoplysninger": (
                    "Jonas Winther, rådgiver, Familierådgivningen; Susanne Brink, "
                    "afdelingsleder, Familierådgivningen"
                ),
            },
            {
                "navn": "Sundhedsplejen",
                "afkrydset": False,
            },
            {
                "navn": "Familiehuset",
                "afkrydset": True,
                "kontaktoplysninger": "Thomas Lund, familiebehandler, Familiehuset",
            },
            {
                "navn": "Jobcentret",
                "afkrydset": True,
                "kontaktoplysninger": "Amir Haddad, jobkonsulent, Jobcentret",
            },
            {
                "navn": "Afd. for borgere med nedsat funktionsevne",
                "afkrydset": False,
            },
            {
                "navn": "Daginstitution",
                "afkrydset": False,
            },
            {
                "navn": "Folkeskole",
                "afkrydset": True,
                "kontaktoplysninger": (
                    "Karina Bech, klasselærer for Sofie (9.A), Lyngholmskolen; Morten Friis, "
                    "klasselærer for Oliver (4.B), Lyngholmskolen"
                ),
            },
            # The municipality's own units beside the paper form's boxes.
            {
                "navn": "Fritidsvejledningen",
                "afkrydset": True,
                "kontaktoplysninger": "Kasper Nørgaard, fritidsvejleder, Fritidsvejledningen",
            },
            {
                "navn": "Familiens Fremtid",
                "afkrydset": True,
                "kontaktoplysninger": "Lene Dahl, familiekoordinator, Familiens Fremtid",
            },
        ],
        "eksterne_parter": [
            {
                "navn": "Børne- og ungdomspsykiatrien",
                "kontaktoplysninger": (
                    "Dorthe Rasmussen, psykolog, Børne- og ungdomspsykiatrien, Region Hovedstaden"
                ),
            },
        ],
    }


SPEC = FormSpec(
    name="samtykke_generel",
    title="Samtykkeerklæring til helhedsorienteret familieindsats – generelt",
    model=SamtykkeGenerel,
    template="samtykke_generel.docx",
    example=example,
    code="A8",
    description="Consent to exchange information with ticked internal partners and listed "
    "external parties, lapsing on a stated date. A standard partner is ticked by its box alone "
    "(`interne_parter[].boks`, or its place: `interne_parter.0` is box 1); its name and contact "
    "details come from the municipality profile (`standardparter`); "
    "`samarbejdsdok fields samtykke_generel` lists the boxes.",
)
