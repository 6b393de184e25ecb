"""The case file of the collaboration model ``sammen_om_familien``: not yet usable in a case file.

This module gives the model's :class:`~samarbejdsdok.sag.modeller.CaseModel` as ``MODEL``
once the model's course, documents, rules and worked example are written.
"""

from __future__ import annotations

from . import CaseModel

MODEL: CaseModel | None = None
