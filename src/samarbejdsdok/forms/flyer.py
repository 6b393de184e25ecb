"""A4 Flyer "Få en familiekoordinator": the invitation leaflet for a family.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 4. The text is
fixed per municipality, so everything comes from the municipality profile
(:mod:`samarbejdsdok.profil`): the programme's name, the municipality, the address, the opening
hours per weekday and each family coordinator's name, profession and mobile number. Weekdays
in a row with the same opening hours are written together ("Mandag, tirsdag og onsdag
kl. 10.00–14.00"), as the paper flyer does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, computed_field

from .. import profil
from ..engine.pictures import Picture
from ..formatting import liste, tidsrum
from ..profil import Kommuneprofil, Ugedag
from ._base import FormModel, FormSpec, Part, picture

__all__ = ["Flyer", "SPEC"]

_ORDER = list(Ugedag)


class Aabningslinje(Part):
    """One line of the opening hours (derived): the days and the hours."""

    dage: str
    tid: str


class Flyer(FormModel):
    """Flyer: Få en familiekoordinator."""

    form_name = "flyer"
    #: The profile's closing days steer dates; the flyer prints none.
    unprinted_fields: ClassVar[frozenset[str]] = frozenset({"profil.lukkedage"})

    profil: Kommuneprofil = Field(title="Kommuneprofil")
    moedeaftale_tekst: str = Field(
        default="Mødeaftaler med jeres familiekoordinator kan efter aftale planlægges på andre "
        "tidspunkter.",
        title="Tekst om mødeaftaler",
    )

    @picture("Kommunens logo (billede)")
    def logo(self) -> Picture | None:
        """The municipality's logo from the profile, if it has one."""
        return self.profil.logo_billede()

    @computed_field
    @property
    def aabningstider_linjer(self) -> list[Aabningslinje]:
        """Opening hours, weekdays in a row with the same hours together: "Mandag, tirsdag og
        onsdag kl. 10.00–14.00"."""
        days = sorted(self.profil.aabningstider, key=lambda t: _ORDER.index(Ugedag(t.ugedag)))
        groups: list[list[Any]] = []
        for tid in days:
            last = groups[-1] if groups else None
            if (
                last
                and (last[-1].fra, last[-1].til) == (tid.fra, tid.til)
                and _ORDER.index(Ugedag(tid.ugedag)) == _ORDER.index(Ugedag(last[-1].ugedag)) + 1
            ):
                last.append(tid)
            else:
                groups.append([tid])
        return [
            Aabningslinje(dage=liste([str(t.ugedag) for t in g]), tid=tidsrum(g[0].fra, g[0].til))
            for g in groups
        ]


def example() -> dict[str, Any]:
    # The leaflet prints no data protection information (that is for the consent forms).
    return {"profil": profil.without_consent_information(profil.example())}


SPEC = FormSpec(
    name="flyer",
    title="Få en familiekoordinator",
    model=Flyer,
    template="flyer.docx",
    example=example,
    code="A4",
    description="The leaflet inviting a family to the programme, filled from the municipality "
    "profile: programme, address, opening hours and the coordinators.",
)
