"""The rules that tie a case file together: references, consent and dates.

:func:`rule_problems` lists every problem of a case's references, consents and dates at once,
each with the path in the case file, in Danish (:func:`samarbejdsdok.sag.check` adds the forms'
own rules). Messages name paths, partners (organisations) and consents, never a person's name,
CPR number or birth date: the problems are printed and logged.

Consent (:func:`coverage`): information about the family is shared with a professional only when,
on the day, every member of the family is covered by a valid consent that names the
professional's partner:

* an adult (18 or over) by a consent he or she gave;
* a young person of 15–17 by his or her own consent: given by the young person, or a consent in
  which the young person was 15 on the signing day and so signed too. A young person who turns 15
  during the course needs this from the birthday on; the parent's earlier consent no longer covers
  him or her;
* a child under 15 by a consent that names the child.

A consent is valid on a day when its status is *afgivet* (or it was withdrawn later than that
day), and the day lies within its period.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import NamedTuple

from .._wording import and_list
from ..errors import Problem
from ..fields import age_on, cpr_birth_date
from ..formatting import dato
from ..forms._base import kalender_af_profil
from ..forms._samtykke import ALDER_EGET_SAMTYKKE, MYNDIG_ALDER, Samtykkestatus
from ..kadence import naeste_netvaerksmoede
from ..kalender import Kalender
from .model import (
    MOEDENAVNE,
    Familiemedlem,
    Moede,
    Moedestatus,
    Moedetype,
    Netvaerksperson,
    Rolle,
    Sag,
    SagBase,
    Samtykke,
    Samtykketype,
)

__all__ = [
    "PeopleIndex",
    "coverage",
    "rule_problems",
    "consent_problems",
    "meeting_name",
    "case_calendar",
    "consent_references",
]


def case_calendar(sag: SagBase) -> Kalender:
    """The working days of the case's municipality: its profile's closing days, if any."""
    return kalender_af_profil(sag.profil)


class PeopleIndex:
    """Who is who in a case: each key to its position and person, built once per case."""

    def __init__(self, sag: SagBase) -> None:
        self.medlemmer: dict[str, tuple[int, Familiemedlem]] = {
            m.id: (i, m) for i, m in enumerate(sag.familie.medlemmer)
        }
        self.netvaerk: dict[str, tuple[int, Netvaerksperson]] = {
            p.id: (i, p) for i, p in enumerate(sag.netvaerk)
        }

    def person(self, key: str) -> Familiemedlem | Netvaerksperson | None:
        found = self.medlemmer.get(key) or self.netvaerk.get(key)
        return found[1] if found else None


def _age(member: Familiemedlem, day: dt.date) -> int:
    return age_on(cpr_birth_date(member.cpr), day)


def _invalid_because(samtykke: Samtykke, dag: dt.date) -> str | None:
    """None if the consent is valid on ``dag``, else why not (Danish)."""
    status = samtykke.status
    withdrawn = status in (Samtykkestatus.tilbagetrukket, Samtykkestatus.afvist)
    if withdrawn and samtykke.status_dato is not None and samtykke.status_dato <= dag:
        verb = "tilbagetrukket" if status == Samtykkestatus.tilbagetrukket else "afvist"
        return f"er {verb} den {dato(samtykke.status_dato)}"
    if status in (Samtykkestatus.anmodet, Samtykkestatus.udloebet):
        return f"har status {status!s}"
    if dag < samtykke.gyldig_fra:
        return f"gælder først fra den {dato(samtykke.gyldig_fra)}"
    if dag > samtykke.gyldig_til:
        return f"gælder kun til og med den {dato(samtykke.gyldig_til)}"
    return None


def _not_covered_because(samtykke: Samtykke, medlem: Familiemedlem, dag: dt.date) -> str | None:
    """None if the consent covers ``medlem`` on ``dag`` (who signed it), else why not."""
    age = _age(medlem, dag)
    if medlem.rolle != Rolle.barn or age >= MYNDIG_ALDER:
        return None if samtykke.giver == medlem.id else "er ikke givet af den voksne selv"
    if age >= ALDER_EGET_SAMTYKKE:
        if samtykke.giver == medlem.id:
            return None
        signed_at_15 = (
            medlem.id in samtykke.boern
            and _age(medlem, samtykke.underskriftsdato) >= ALDER_EGET_SAMTYKKE
        )
        if signed_at_15:
            return None
        return (
            f"er givet, før den unge fyldte {ALDER_EGET_SAMTYKKE} år; fra den dag skal den unge "
            "give sit eget samtykke"
        )
    return None if medlem.id in samtykke.boern else "nævner ikke barnet"


def coverage(sag: SagBase, person: Netvaerksperson, dag: dt.date) -> list[str]:
    """Why sharing with ``person``'s partner on ``dag`` is not covered; empty if it is.

    One reason when no consent names the partner; else one per family member not covered,
    naming the member and the consents as people count them (``familiemedlem 1``,
    ``samtykke 3``).
    """
    if not person.professionel or person.id == getattr(sag, "familiekoordinator", None):
        return []  # the personal network comes because the family invites it; the coordinator sends
    part = (person.part or "").casefold()
    reasons = []
    general = [(i, s) for i, s in enumerate(sag.samtykker) if s.type == Samtykketype.generel]
    naming = [(i, s) for i, s in general if part in {p.casefold() for p in s.parter}]
    if not naming:
        return [f"intet samtykke nævner {person.part}"]
    for mi, medlem in enumerate(sag.familie.medlemmer):
        where = f"familiemedlem {mi + 1} ({medlem.rolle!s})"
        why: list[str] = []
        for si, samtykke in naming:
            bad = _invalid_because(samtykke, dag) or _not_covered_because(samtykke, medlem, dag)
            if bad is None:
                why = []
                break
            why.append(f"samtykke {si + 1} {bad}")
        if why:
            reasons.append(f"for {where}: " + "; ".join(why))
    return reasons


def consent_problems(
    sag: Sag, idx: PeopleIndex, person_key: str, dag: dt.date, path: str, what: str
) -> list[Problem]:
    """Problems if sharing ``what`` with ``person_key`` on ``dag`` is not covered by consent."""
    person = idx.netvaerk.get(person_key)
    if person is None:
        return []
    reasons = coverage(sag, person[1], dag)
    if not reasons:
        return []
    message = (
        f"{what} deler oplysninger med {person[1].part} ({person[1].netvaerk!s} netværk), "
        "som intet gyldigt samtykke dækker: " + "; ".join(reasons)
    )
    return [Problem(path, "", message, "consent_missing")]


def meeting_name(sag: Sag, nr: int) -> str:
    """ "Netværksmøde (møde 4, 14. januar 2027)" for meeting number ``nr`` (from 1)."""
    moede = sag.moeder[nr - 1]
    return f"{MOEDENAVNE[moede.type]} (møde {nr}, {dato(moede.dato)})"


def rule_problems(sag: Sag) -> list[Problem]:
    """Every problem in the case's references, consents and dates (not the forms' own rules:
    :func:`samarbejdsdok.sag.check` lists those too)."""
    problems: list[Problem] = []
    idx = PeopleIndex(sag)
    problems += _references(sag, idx)
    problems += _consents(sag, idx)
    problems += _dates(sag)
    return problems


def _ref_problem(path: str, kind: str) -> Problem:
    return Problem(path, "", f"nøglen findes ikke blandt sagens {kind}", "unknown_reference")


def _references(sag: Sag, idx: PeopleIndex) -> list[Problem]:
    out: list[Problem] = []
    netvaerk = idx.netvaerk
    alle = "familiemedlemmer og netværk"
    if sag.familiekoordinator not in netvaerk:
        out.append(_ref_problem("familiekoordinator", "netværk"))
    out += consent_references(sag, idx)
    for i, m in enumerate(sag.moeder):
        base = f"moeder.{i}"
        for field in ("deltagere", "afbud"):
            for j, key in enumerate(getattr(m, field)):
                if idx.person(key) is None:
                    out.append(
                        Problem(
                            f"{base}.{field}.{j}",
                            "",
                            f"deltageren er ikke i sagen: nøglen findes ikke blandt sagens {alle}",
                            "participant_not_in_network",
                        )
                    )
        for field in ("moedeleder", "referent"):
            key = getattr(m, field)
            if key is not None and idx.person(key) is None:
                out.append(_ref_problem(f"{base}.{field}", alle))
        for j, a in enumerate(m.aftaler):
            for k, key in enumerate(a.ansvarlige):
                if idx.person(key) is None:
                    out.append(_ref_problem(f"{base}.aftaler.{j}.ansvarlige.{k}", alle))
        for j, r in enumerate(m.runde):
            if r.person not in netvaerk:
                out.append(_ref_problem(f"{base}.runde.{j}.person", "netværk"))
            elif r.person not in m.deltagere:
                out.append(
                    Problem(
                        f"{base}.runde.{j}.person",
                        "",
                        "personen er ikke blandt mødets deltagere",
                        "not_a_participant",
                    )
                )
        both = set(m.deltagere) & set(m.afbud)
        for j, key in enumerate(m.afbud):
            if key in both:
                out.append(
                    Problem(
                        f"{base}.afbud.{j}",
                        "",
                        "personen står både som deltager og med afbud",
                        "participant_and_absent",
                    )
                )
    return out


def consent_references(sag: SagBase, idx: PeopleIndex) -> list[Problem]:
    """A consent is given by a family member and names children under 18 of the family (every
    model's case has the same consents)."""
    out: list[Problem] = []
    medlemmer = idx.medlemmer
    for i, s in enumerate(sag.samtykker):
        if s.giver not in medlemmer:
            out.append(_ref_problem(f"samtykker.{i}.giver", "familiemedlemmer"))
        for j, b in enumerate(s.boern):
            if b not in medlemmer:
                out.append(_ref_problem(f"samtykker.{i}.boern.{j}", "familiemedlemmer"))
            elif medlemmer[b][1].rolle != Rolle.barn:
                out.append(
                    Problem(
                        f"samtykker.{i}.boern.{j}",
                        "",
                        "familiemedlemmet er ikke et barn (rolle)",
                        "not_a_child",
                    )
                )
            elif _age(medlemmer[b][1], s.underskriftsdato) >= MYNDIG_ALDER:
                out.append(
                    Problem(
                        f"samtykker.{i}.boern.{j}",
                        "",
                        "barnet er fyldt 18 år på underskriftsdatoen og giver sit eget samtykke",
                        "child_of_age",
                    )
                )
    return out


def _consents(sag: Sag, idx: PeopleIndex) -> list[Problem]:
    """Every professional who takes part in (or is invited to) a network meeting receives the
    family's information on the meeting's day: a valid consent must cover the partner.

    One problem per cause: the places where the same reasons leave sharing uncovered (a
    withdrawn consent, every professional of two meetings) are one problem at the first place,
    with the partners and meetings in its message and the other places in ``also``."""
    uncovered = []
    for i, m in enumerate(sag.moeder):
        if m.type != Moedetype.netvaerksmoede or m.status == Moedestatus.aflyst:
            continue
        for field in ("deltagere", "afbud"):
            for j, key in enumerate(getattr(m, field)):
                person = idx.netvaerk.get(key)
                if person is None:
                    continue
                reasons = coverage(sag, person[1], m.dato)
                if reasons:
                    where = f"moeder.{i}.{field}.{j}"
                    uncovered.append(Uncovered(reasons, where, i + 1, m.dato, str(person[1].part)))
    return grouped_consent_problems(uncovered, "netværksmøde")


class Uncovered(NamedTuple):
    """One place where a professional gets the family's information without a valid consent:
    why (:func:`coverage`), the path, the meeting's number (from 1) and day, the partner."""

    reasons: list[str]
    path: str
    meeting: int
    day: dt.date
    partner: str


def grouped_consent_problems(uncovered: list[Uncovered], meeting_noun: str) -> list[Problem]:
    """One problem per cause: the places where the same reasons leave sharing uncovered (a
    withdrawn consent, every professional of two meetings) are one problem at the first place,
    with the partners and meetings (``meeting_noun``: "møde", "netværksmøde") in its message and
    the other places in ``also``."""
    groups: dict[tuple[str, ...], list[Uncovered]] = {}
    for u in uncovered:
        groups.setdefault(tuple(u.reasons), []).append(u)
    out = []
    for why, places in groups.items():
        partners = list(dict.fromkeys(u.partner for u in places))
        meetings = list(dict.fromkeys((u.meeting, u.day) for u in places))
        held = and_list(f"{dato(day)} (møde {nr})" for nr, day in meetings)
        message = (
            f"intet gyldigt samtykke dækker, at {and_list(partners)} får familiens oplysninger "
            f"på {meeting_noun}{'rne' if len(meetings) > 1 else 't'} {held}: " + "; ".join(why)
        )
        paths = [u.path for u in places]
        out.append(Problem(paths[0], "", message, "consent_missing", also=tuple(paths[1:])))
    return out


def _dates(sag: Sag) -> list[Problem]:
    out: list[Problem] = []
    plan = sag.familieplan
    if plan is not None and plan.gyldig_til < plan.gyldig_fra:
        out.append(
            Problem(
                "familieplan.gyldig_til", "", "slutdatoen ligger før startdatoen", "period_reversed"
            )
        )
    for i, m in enumerate(sag.moeder):
        for j, a in enumerate(m.aftaler):
            path = f"moeder.{i}.aftaler.{j}.tidsfrist"
            if a.tidsfrist is None:
                continue
            if a.tidsfrist < m.dato:
                out.append(
                    Problem(
                        path,
                        "",
                        f"tidsfristen ({dato(a.tidsfrist)}) ligger før mødet, der lavede aftalen "
                        f"({dato(m.dato)})",
                        "deadline_before_meeting",
                    )
                )
            elif (
                plan is not None
                and m.type == Moedetype.netvaerksmoede
                and not plan.gyldig_fra <= a.tidsfrist <= plan.gyldig_til
            ):
                out.append(
                    Problem(
                        path,
                        "",
                        f"tidsfristen ({dato(a.tidsfrist)}) ligger uden for familieplanens periode "
                        f"({dato(plan.gyldig_fra)} – {dato(plan.gyldig_til)})",
                        "deadline_outside_plan",
                    )
                )
    kalender = case_calendar(sag)
    held = [(i, m) for i, m in enumerate(sag.moeder) if m.status != Moedestatus.aflyst]
    for i, m in held:
        closed = kalender.closed(m.dato)
        if closed is not None:
            out.append(
                Problem(
                    f"moeder.{i}.dato",
                    "",
                    f"{MOEDENAVNE[m.type].lower()} ligger på en dag, hvor kommunen holder lukket "
                    f"({closed} {dato(m.dato)}); vælg en arbejdsdag",
                    "meeting_on_closed_day",
                )
            )
    out += _order(held)
    network = [(i, m) for i, m in held if m.type == Moedetype.netvaerksmoede]
    network.sort(key=lambda im: im[1].dato)
    for (i, m), (k, nxt) in pairwise(network):
        latest = naeste_netvaerksmoede(m.dato, kalender)
        if nxt.dato > latest:
            out.append(
                Problem(
                    f"moeder.{k}.dato",
                    "",
                    f"næste netværksmøde skal holdes inden for tre måneder efter mødet den "
                    f"{dato(m.dato)} (moeder.{i}), dvs. senest den {dato(latest)}",
                    "network_meeting_too_late",
                )
            )
    if network:
        i, last = network[-1]
        latest = naeste_netvaerksmoede(last.dato, kalender)
        ended = sag.forloeb.afsluttet
        if last.status == Moedestatus.afholdt and (ended is None or ended > latest):
            out.append(
                Problem(
                    f"moeder.{i}",
                    "",
                    f"der er ikke planlagt et nyt netværksmøde; det skal holdes senest den "
                    f"{dato(latest)}, medmindre forløbet afsluttes før",
                    "next_network_meeting_missing",
                )
            )
    return out


#: The toolbox's meetings in the order a family meets them (the drejebog's steps).
_ORDER = (
    Moedetype.telefonmoede,
    Moedetype.screeningsmoede,
    Moedetype.moede_1,
    Moedetype.forberedelsesmoede,
    Moedetype.netvaerksmoede,
)


def _order(held: list[tuple[int, Moede]]) -> list[Problem]:
    """A meeting held before the first meeting of a type that comes before it in the course:
    a network meeting before the screening meeting, a first meeting before the telephone call."""
    first: dict[Moedetype, tuple[int, Moede]] = {}
    for i, m in sorted(held, key=lambda im: im[1].dato):
        first.setdefault(m.type, (i, m))
    out = []
    for i, m in held:
        rank = _ORDER.index(m.type)
        for earlier_type in _ORDER[:rank]:
            if earlier_type not in first:
                continue
            k, earlier = first[earlier_type]
            if m.dato < earlier.dato:
                out.append(
                    Problem(
                        f"moeder.{i}.dato",
                        "",
                        f"{MOEDENAVNE[m.type].lower()} ({dato(m.dato)}) ligger før "
                        f"{MOEDENAVNE[earlier_type].lower()} ({dato(earlier.dato)}, "
                        f"møde {k + 1}); forløbet går fra {MOEDENAVNE[earlier_type].lower()} til "
                        f"{MOEDENAVNE[m.type].lower()}",
                        "meeting_out_of_order",
                    )
                )
                break
    return out
