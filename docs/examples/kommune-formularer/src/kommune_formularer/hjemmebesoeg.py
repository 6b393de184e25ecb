"""Notat fra hjemmebesøg: a municipality's own form, added to samarbejdsdok as a plug-in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from samarbejdsdok.fields import CPR
from samarbejdsdok.forms import FormModel, FormSpec, Part


class Barn(Part):
    """A child in the home."""

    navn: str = Field(title="Barnets navn", min_length=1)
    cpr: CPR = Field(title="Barnets cpr-nummer")


class Hjemmebesoeg(FormModel):
    """Notat fra et hjemmebesøg hos familien."""

    form_name = "hjemmebesoeg"

    familie_navn: str = Field(title="Familiens navn", min_length=1)
    dato: dt.date = Field(title="Dato for besøget")
    boern: list[Barn] = Field(default_factory=list, title="Børn i hjemmet")
    deltagere: list[str] = Field(default_factory=list, title="Deltagere")
    noter: str | None = Field(default=None, title="Noter fra besøget")


def example() -> dict[str, Any]:
    return {
        "familie_navn": "Familien Jensen",
        "dato": "2026-11-23",
        "boern": [{"navn": "Emma Jensen", "cpr": "150311-4123"}],
        "deltagere": ["Lene Dahl", "Mette Jensen"],
        "noter": "Hjemmet er ryddeligt; Emma viste sit værelse frem.",
    }


SPEC = FormSpec(
    name="hjemmebesoeg",
    title="Notat fra hjemmebesøg",
    model=Hjemmebesoeg,
    template="hjemmebesoeg.docx",
    template_package="kommune_formularer",
    example=example,
    code="K1",
    description="A home visit's note (Furesø Kommune's own form).",
)
