"""The statutory-reference table: every law the documents cite, as data, with its source.

The table lives in ``data/lovhenvisninger.toml`` inside the package. Templates receive it as the
context variable ``lov`` and print ``{{ lov.gdpr_tilbagekaldelse.henvisning }}``, so a reference
that changes is corrected in one place, never in a template.

>>> references()["forvaltningsloven_27"].henvisning  # no-break space after the §
'forvaltningslovens §\xa027'

A list of sources prints a reference with the act's name (``lovnavn``) only where the name says
more than the reference itself: ``Forvaltningslovens § 27``, not ``Forvaltningslovens § 27:
Forvaltningsloven``.

>>> references()["forvaltningsloven_27"].lovnavn
''
>>> references()["barnets_lov"].lovnavn
'LBK nr. 282 af 17. marts 2025 (bekendtgørelse af barnets lov)'
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import asdict, dataclass, fields
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["REFERENCE_ATTRIBUTES", "Reference", "references", "template_context"]


@dataclass(frozen=True)
class Reference:
    """One statutory reference.

    Attributes:
        noegle: the key templates use.
        henvisning: the reference as cited in running Danish text.
        lov: the full name of the act.
        kilde: where the text can be read.
        gaelder_fra: the date it has been in force since.
        erstatter: the older reference this one replaces, if any.
    """

    noegle: str
    henvisning: str
    lov: str
    kilde: str
    gaelder_fra: dt.date
    erstatter: str | None = None

    @property
    def lovnavn(self) -> str:
        """The act's name where it adds to the reference, else ``""``: ``lov`` repeats the
        reference when the reference begins with it (``forvaltningslovens § 27`` and
        ``Forvaltningsloven``; ``sundhedsloven`` and ``Sundhedsloven``)."""
        name = " ".join(self.lov.casefold().rstrip(".").split())
        cited = " ".join(self.henvisning.casefold().split())
        return "" if cited.startswith(name) else self.lov


#: What a template may print of a reference: ``{{ lov.<noegle>.<attribute> }}``.
REFERENCE_ATTRIBUTES = (*(f.name for f in fields(Reference)), "lovnavn")


@cache
def references() -> dict[str, Reference]:
    """The whole table, read once from the package data."""
    raw = tomllib.loads(
        files("samarbejdsdok").joinpath("data/lovhenvisninger.toml").read_text("utf-8")
    )
    return {key: Reference(noegle=key, **entry) for key, entry in raw.items()}


def template_context() -> dict[str, dict[str, Any]]:
    """The table as plain dictionaries, for the ``lov`` template variable."""
    return {key: {**asdict(ref), "lovnavn": ref.lovnavn} for key, ref in references().items()}
