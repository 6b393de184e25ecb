"""The family coordinator's toolbox (KORA/Furesø, issue 8) as a case file's model: its
meetings, agreements, family plan and the case's own documents (``model: toolbox``, the default).

The course and its documents are :mod:`samarbejdsdok.sag.model`,
:mod:`samarbejdsdok.sag.dokumenter` and :mod:`samarbejdsdok.sag.regler`; this module adds the
whole-case check (references, consent, dates, and every document's own rules) and :func:`find`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..._wording import and_list
from ...errors import DataError, Problem
from ..dokumenter import (
    FORMS,
    MeetingDocument,
    build,
    consent_number,
    documents,
    meeting_number,
    model_for,
    overridden_notes,
)
from ..dokumenter import validate as validate_document
from ..model import MOEDENAVNE, Sag
from ..regler import rule_problems
from . import CaseModel, fail
from .felles import consent_in_range, dedupe, meeting_in_range, missing_document, under

if TYPE_CHECKING:
    from ...forms import FormRef
    from ..dokumenter import Document

__all__ = ["MODEL", "check", "find"]


def _unknown_notes(sag: Sag) -> list[Problem]:
    from ...forms import get_form
    from ..dokumenter import _CASE_FORMS, _HELD, _PLANNED

    out = []
    for i, m in enumerate(sag.moeder):
        known: set[str] = set()
        for form in _HELD[m.type] + _PLANNED.get(m.type, ()):
            if form != "familieplan":
                known |= set(get_form(form).model.model_fields)
        for name in m.notat:
            if name not in known:
                out.append(
                    Problem(
                        f"moeder.{i}.notat.{name}",
                        "",
                        f"ukendt felt for et {MOEDENAVNE[m.type].lower()}",
                        "extra_forbidden",
                    )
                )
    for form, notes in sag.dokumenter.items():
        if form not in _CASE_FORMS:
            out.append(
                Problem(
                    f"dokumenter.{form}",
                    "",
                    "ukendt dokument; sagens egne dokumenter er " + and_list(_CASE_FORMS),
                    "extra_forbidden",
                )
            )
            continue
        fields = set(get_form(form).model.model_fields)
        out += [
            Problem(f"dokumenter.{form}.{n}", "", "ukendt felt i formularen", "extra_forbidden")
            for n in notes
            if n not in fields
        ]
    if sag.familieplan is not None:
        fields = set(get_form("familieplan").model.model_fields)
        out += [
            Problem(f"familieplan.notat.{n}", "", "ukendt felt i familieplanen", "extra_forbidden")
            for n in sag.familieplan.notat
            if n not in fields
        ]
    return out


def check(sag: Sag) -> list[Problem]:
    """Every problem of the case, in the order of the file: references, consent, dates, and each
    document's own rules. An empty list means every document can be made."""
    problems = rule_problems(sag) + _unknown_notes(sag)
    if any(
        p.code == "unknown_reference" or p.code == "participant_not_in_network" for p in problems
    ):
        return dedupe(problems)  # documents would only repeat these
    known = {p.path for p in problems}  # a form repeating a case rule adds nothing
    for dok in documents(sag):
        data, sources = build(sag, dok)  # consent is checked above, per meeting
        problems += overridden_notes(sag, dok, sources)
        try:
            model = validate_document(dok, data, sources)
        except DataError as exc:
            problems += [p for p in exc.problems if not under(p.path, known)]
            continue
        if dok.form == "netvaerksmoede_dagsorden" and isinstance(dok, MeetingDocument):
            problems += _agenda_fits(sag, dok.moede, model)
    return dedupe(problems)


def _agenda_fits(sag: Sag, nr: int, agenda: Any) -> list[Problem]:
    """The agenda's times (5 minutes per professional) end when the invitation says."""
    from ...formatting import kl

    moede = sag.moeder[nr - 1]
    if moede.slut is None or agenda.sluttid <= moede.slut:
        return []
    return [
        Problem(
            f"moeder.{nr - 1}.slut",
            "",
            f"dagsordenen varer {agenda.varighed} minutter og slutter {kl(agenda.sluttid)}, men "
            f"mødet er booket til {kl(moede.slut)}: forlæng mødet, eller inviter færre "
            "professionelle (hver har 5 minutter til sin fremlæggelse)",
            "agenda_longer_than_meeting",
        )
    ]


def find(
    sag: Sag,
    form: FormRef,
    *,
    moede: int | None = None,
    samtykke: int | None = None,
    til: str | None = None,
) -> Document:
    """The document ``form`` (its name, model class or ``FormSpec``) of meeting ``moede`` /
    consent ``samtykke``, for recipient ``til``.

    Without ``moede``, the family plan is the current one (after the latest network meeting
    held); other documents must be unambiguous.

    Raises:
        FormNotFoundError: no form has that name.
        DataError: no such document in the case, with what there is instead.
    """
    from ...forms import get_form

    form = get_form(form).name
    if form not in FORMS:
        raise fail(
            "",
            f"{form} hører til en anden samarbejdsmodel end sagens (værktøjskassen); lav den "
            "med en sag for dens model, eller uden sagen ud fra formularens egne data",
            "form_not_in_case",
        )
    meeting_in_range(moede, len(sag.moeder), "moeder")
    consent_in_range(sag, samtykke)
    if til is not None:
        person = next((p for p in sag.netvaerk if p.id == til), None)
        if person is None or not person.professionel:
            raise fail(
                "netvaerk",
                "modtageren skal være nøglen på en professionel i sagens netværk",
                "no_such_recipient",
                "til",
            )
    docs = documents(sag)
    matches = [
        d
        for d in docs
        if d.form == form
        and (moede is None or meeting_number(d) == moede)
        and (samtykke is None or consent_number(d) == samtykke)
    ]
    if form == "netvaerksmoede_invitation":
        if til is None:
            raise fail(
                "",
                "en invitation har en modtager: angiv modtagerens nøgle",
                "recipient_missing",
                "til",
            )
        if matches and not any(d.til == til for d in matches):
            raise fail(
                "", "modtageren er ikke inviteret til mødet (ikke blandt deltagerne)", "not_invited"
            )
        matches = [d for d in matches if d.til == til]
    elif til is not None:
        matches = [replace(d, til=til) for d in matches]
    if form == "familieplan" and moede is None:
        matches = matches[-1:]  # the current plan: after the latest network meeting held
    if len(matches) > 1 and moede is None and samtykke is None:
        which = and_list(str(meeting_number(d) or consent_number(d)) for d in matches)
        raise fail(
            "",
            f"sagen har flere af dette dokument (nr. {which}); angiv mødet eller samtykket",
            "ambiguous",
            "moede",
            "samtykke",
        )
    if not matches:
        where = f" for møde {moede}" if moede else ""
        there = (d.form for d in docs if moede is None or meeting_number(d) == moede)
        raise missing_document(where, there)
    return matches[-1]


MODEL = CaseModel(
    name="toolbox",
    title="Værktøjskassen til familiekoordinatorer",
    case=Sag,
    sections=("familiekoordinator", "forloeb", "moeder", "familieplan", "dokumenter"),
    example="data/sag_eksempel.yaml",
    forms=FORMS,
    documents=documents,
    check=check,
    model_for=model_for,
    find=find,
    build=build,
)
