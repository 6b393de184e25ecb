"""From a case file to the forms' data: which documents a case produces, and each one's fields.

Every document is a :class:`Document` of its kind: a form, the meeting or consent it belongs to,
and its audience (``til``): ``None`` for the family's own copy, or the key of a professional in the
network. The family's copy shows everything; a professional's copy lists, of the other
professionals, only those whose partner a valid consent covers, and it is refused outright when
no valid consent covers the recipient's own partner (unless sharing without consent is allowed,
with the legal basis printed in the document). Calendar files carry no personal data at all
(:mod:`samarbejdsdok.ics`).

The data flows one way: the case is read, never changed; each document's fields are built from
it, validated by the form's own model, and rendered by the ordinary engine. A problem the form's
model finds is reported at its place in the case file (``moeder.3.notat.udtalelse``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConsentError, DataError, Problem, mask_cpr_numbers
from ..forms import get_form
from ..validation import validate as validate_model
from .model import (
    Familiemedlem,
    Moede,
    Moedestatus,
    Moedetype,
    Netvaerksperson,
    Rolle,
    Sag,
    Samtykketype,
)
from .regler import PeopleIndex, consent_problems, coverage, meeting_name

__all__ = [
    "Document",
    "CaseDocument",
    "ConsentDocument",
    "MeetingDocument",
    "Invitation",
    "FORMS",
    "documents",
    "build",
    "validate",
    "model_for",
    "overridden_notes",
    "meeting_number",
    "consent_number",
]


#: The forms each meeting type produces once the meeting is held (notes, guides) ...
_HELD: dict[Moedetype, tuple[str, ...]] = {
    Moedetype.telefonmoede: ("telefonmoede",),
    Moedetype.screeningsmoede: ("screeningsmoede",),
    Moedetype.moede_1: ("moedeguide_1",),
    Moedetype.forberedelsesmoede: ("forberedelsesmoede",),
    Moedetype.netvaerksmoede: ("netvaerksmoede_notat", "familieplan"),
}
#: ... and the ones it produces as soon as it is planned (invitations, agenda).
_PLANNED: dict[Moedetype, tuple[str, ...]] = {
    Moedetype.netvaerksmoede: ("netvaerksmoede_dagsorden", "netvaerksmoede_invitation"),
}
#: The forms made from the case as a whole.
_CASE_FORMS = ("procesplan", "drejebog_tjekliste", "flyer", "netvaerkskort")
_CONSENT_FORMS = {
    Samtykketype.generel: "samtykke_generel",
    Samtykketype.statistik: "samtykke_statistik",
}
#: Documents that share the family's information with the professionals who receive them.
_SHARED = (
    "netvaerksmoede_dagsorden",
    "netvaerksmoede_invitation",
    "netvaerksmoede_notat",
    "familieplan",
)


@dataclass(frozen=True)
class Document:
    """One document of the case: a form and its audience.

    The kind of document says what else it belongs to: :class:`CaseDocument` (the case as a
    whole), :class:`ConsentDocument` (a consent), :class:`MeetingDocument` (a meeting) and
    :class:`Invitation` (a meeting and its recipient).

    Attributes:
        form: the form's name.
        til: the recipient's key for a professional's copy; ``None`` for the family's copy.
    """

    form: str
    til: str | None = field(default=None, kw_only=True)

    @property
    def filnavn(self) -> str:
        """A file name without personal data: number, form, recipient key (a CPR number used
        as the key masked)."""
        parts = [*self._numbers(), self.form]
        if self.til:
            parts.append(mask_cpr_numbers(self.til))
        return "-".join(parts) + ".docx"

    def _numbers(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class CaseDocument(Document):
    """A document made from the case as a whole (``procesplan``, ``netvaerkskort``, ...)."""


@dataclass(frozen=True)
class ConsentDocument(Document):
    """A consent declaration; ``samtykke`` is the consent's number (from 1)."""

    samtykke: int

    def _numbers(self) -> tuple[str, ...]:
        return (f"samtykke{self.samtykke:02d}",)


@dataclass(frozen=True)
class MeetingDocument(Document):
    """A document of a meeting; ``moede`` is the meeting's number (from 1)."""

    moede: int

    def _numbers(self) -> tuple[str, ...]:
        return (f"moede{self.moede:02d}",)


@dataclass(frozen=True)
class Invitation(MeetingDocument):
    """An invitation to a meeting; it always has a recipient (``til``)."""

    til: str = field(kw_only=True)


def meeting_number(doc: Document) -> int | None:
    """The number of the meeting ``doc`` belongs to, if any."""
    return doc.moede if isinstance(doc, MeetingDocument) else None


def consent_number(doc: Document) -> int | None:
    """The number of the consent ``doc`` declares, if any."""
    return doc.samtykke if isinstance(doc, ConsentDocument) else None


def documents(sag: Sag) -> list[Document]:
    """The course's documents so far, in order: the case's own, consents, then per meeting."""
    out: list[Document] = []
    for form in _CASE_FORMS:
        if _case_form_possible(sag, form):
            out.append(CaseDocument(form))
    for i, s in enumerate(sag.samtykker):
        out.append(ConsentDocument(_CONSENT_FORMS[s.type], samtykke=i + 1))
    idx = PeopleIndex(sag)
    for i, m in enumerate(sag.moeder):
        if m.status == Moedestatus.aflyst:
            continue
        forms = list(_PLANNED.get(m.type, ()))
        if m.status == Moedestatus.afholdt:
            forms += _HELD[m.type]
        for form in forms:
            if form == "familieplan" and sag.familieplan is None:
                continue
            if form == "netvaerksmoede_invitation":
                for key in m.deltagere:
                    person = idx.person(key)
                    if (
                        isinstance(person, Netvaerksperson)
                        and person.professionel
                        and key != sag.familiekoordinator  # the coordinator sends them
                    ):
                        out.append(Invitation(form, moede=i + 1, til=key))
                continue
            out.append(MeetingDocument(form, moede=i + 1))
    return out


def _case_form_possible(sag: Sag, form: str) -> bool:
    if form == "flyer":
        return sag.profil is not None
    if form == "drejebog_tjekliste":
        return _first(sag, Moedetype.netvaerksmoede) is not None
    return True


def _first(sag: Sag, kind: Moedetype, after: int = -1) -> tuple[int, Moede] | None:
    for i, m in enumerate(sag.moeder):
        if i > after and m.type == kind and m.status != Moedestatus.aflyst:
            return i, m
    return None


def _next_after(sag: Sag, nr: int, kind: Moedetype) -> Moede | None:
    """The first meeting of ``kind`` after meeting ``nr`` (by date)."""
    this = sag.moeder[nr - 1]
    later = [
        m
        for i, m in enumerate(sag.moeder)
        if m.type == kind and m.status != Moedestatus.aflyst and i != nr - 1 and m.dato > this.dato
    ]
    return min(later, key=lambda m: m.dato) if later else None


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


class _Builder:
    """Builds one document's data; records where each field comes from in the case file."""

    def __init__(self, sag: Sag, doc: Document) -> None:
        self.sag = sag
        self.doc = doc
        self.idx = PeopleIndex(sag)
        self.data: dict[str, Any] = {}
        self.sources: dict[str, str] = {}

    # -- people -------------------------------------------------------------------------
    def contact(self, key: str) -> dict[str, Any]:
        p = self._person(key)
        funktion = getattr(p, "funktion", None) or p.relation or getattr(p, "afdeling", None)
        return _drop_none(
            {"navn": p.navn, "funktion": funktion, "telefon": p.telefon, "email": p.email}
        )

    def label(self, key: str | None) -> str | None:
        if key is None:
            return None
        k = self.contact(key)
        return f"{k['navn']}, {k['funktion']}" if k.get("funktion") else k["navn"]

    def name(self, key: str) -> str:
        return self._person(key).navn

    def _person(self, key: str) -> Familiemedlem | Netvaerksperson:
        """The person ``key`` names; a key that names no one is an error, never a "?" in a
        document (the whole-case check reports it with its path first)."""
        p = self.idx.person(key)
        if p is None:
            raise DataError(
                [
                    Problem(
                        "",
                        "",
                        "en nøgle i sagen findes ikke blandt sagens familiemedlemmer og "
                        "netværk; kør 'samarbejdsdok sag check' for at se hvor",
                        "unknown_reference",
                    )
                ],
                form="sag",
            )
        return p

    def visible(self, key: str) -> bool:
        """Whether this copy may show ``key``: the family's copy shows everyone; a
        professional's copy shows the family, the personal network and the professionals whose
        partner a valid consent covers on the document's day."""
        if self.doc.til is None:
            return True
        p = self.idx.person(key)
        if not isinstance(p, Netvaerksperson) or not p.professionel or key == self.doc.til:
            return True
        return not coverage(self.sag, p, self.day)

    @property
    def day(self) -> dt.date:
        return dt.date.today()

    # -- fields -------------------------------------------------------------------------
    def put(self, name: str, value: Any, source: str) -> None:
        if value is not None:
            self.data[name] = value
            self.sources[name] = source

    def notes(self, notes: dict[str, Any], path: str, allowed: set[str]) -> None:
        """Copy the notes this form knows; the fields the case fills are not notes."""
        for name, value in notes.items():
            if name in allowed and name not in self.data:
                self.data[name] = value
                self.sources[name] = f"{path}.{name}"

    def common(self, family_field: str = "familie_navn", form: str = "Familien {}") -> None:
        self.put("organisation", self.sag.organisation.model_dump(), "organisation")
        self.put(family_field, form.format(self.sag.familie.navn), "familie.navn")


class _ConsentBuilder(_Builder):
    """A consent declaration's builder: the consent and its path."""

    doc: ConsentDocument

    def __init__(self, sag: Sag, doc: ConsentDocument) -> None:
        super().__init__(sag, doc)
        self.doc = doc
        self.consent = sag.samtykker[doc.samtykke - 1]
        self.path = f"samtykker.{doc.samtykke - 1}"


class _MeetingBuilder(_Builder):
    """A meeting document's builder: the meeting, its number and its path."""

    doc: MeetingDocument

    def __init__(self, sag: Sag, doc: MeetingDocument) -> None:
        super().__init__(sag, doc)
        self.doc = doc
        self.nr = doc.moede
        self.meeting = sag.moeder[doc.moede - 1]
        self.path = f"moeder.{doc.moede - 1}"

    @property
    def day(self) -> dt.date:
        return self.meeting.dato

    def meeting_fields(
        self,
        date_field: str,
        time_field: str | None,
        end_field: str | None = None,
        place_field: str | None = "sted",
    ) -> None:
        m, p = self.meeting, self.path
        self.put(date_field, m.dato.isoformat(), f"{p}.dato")
        if time_field:
            self.put(time_field, m.start.strftime("%H:%M") if m.start else None, f"{p}.start")
        if end_field:
            self.put(end_field, m.slut.strftime("%H:%M") if m.slut else None, f"{p}.slut")
        if place_field:
            self.put(place_field, m.sted, f"{p}.sted")


class _InvitationBuilder(_MeetingBuilder):
    """An invitation's builder: a meeting document with a recipient."""

    doc: Invitation

    def __init__(self, sag: Sag, doc: Invitation) -> None:
        super().__init__(sag, doc)
        self.doc = doc


def _when(m: Moede | None, end_field: str | None = None) -> dict[str, Any] | None:
    """Date, time and place of meeting ``m`` (a later meeting a form books or mentions)."""
    if m is None:
        return None
    out = {
        "dato": m.dato.isoformat(),
        "tidspunkt": m.start.strftime("%H:%M") if m.start else None,
        "sted": m.sted,
    }
    if end_field:
        out[end_field] = m.slut.strftime("%H:%M") if m.slut else None
    return _drop_none(out)


# -- the builders, one per form ---------------------------------------------------------------
def _procesplan(b: _Builder) -> None:
    b.common()
    b.put("familiekoordinator", b.contact(b.sag.familiekoordinator), "familiekoordinator")
    f = b.sag.forloeb
    b.put(
        "visitation_dato",
        f.visitation_dato and f.visitation_dato.isoformat(),
        "forloeb.visitation_dato",
    )
    first = _first(b.sag, Moedetype.screeningsmoede)
    if first:
        b.put("screeningsmoede_dato", first[1].dato.isoformat(), f"moeder.{first[0]}.dato")
    b.put("fase1_start", f.fase1_start.isoformat(), "forloeb.fase1_start")


def _drejebog(b: _Builder) -> None:
    b.common()
    b.put("familiekoordinator", b.contact(b.sag.familiekoordinator), "familiekoordinator")
    first = _first(b.sag, Moedetype.netvaerksmoede)
    if first is None:  # not among the case's documents then
        return
    i, m = first
    b.put("moedeleder", b.label(m.moedeleder), f"moeder.{i}.moedeleder")
    b.put("netvaerksmoede_dato", m.dato.isoformat(), f"moeder.{i}.dato")
    b.put(
        "netvaerksmoede_start", m.start.strftime("%H:%M") if m.start else None, f"moeder.{i}.start"
    )
    b.put("netvaerksmoede_slut", m.slut.strftime("%H:%M") if m.slut else None, f"moeder.{i}.slut")
    b.put("sted", ", ".join(x for x in (m.lokale, m.sted) if x) or None, f"moeder.{i}.sted")


def _flyer(b: _Builder) -> None:
    from ..profil import without_consent_information

    profil = b.sag.profil
    b.put("profil", profil and without_consent_information(profil), "profil")


def _netvaerkskort(b: _Builder) -> None:
    b.common("familie")
    b.put("familiemedlemmer", [m.navn for m in b.sag.familie.medlemmer], "familie.medlemmer")
    people = []
    for p in b.sag.netvaerk:
        sektor = str(p.sektor) if not p.professionel else "professionelle"
        people.append(
            _drop_none(
                {
                    "navn": p.navn,
                    "relation": p.relation or p.funktion,
                    "sektor": sektor,
                    "naerhed": p.naerhed,
                }
            )
        )
    b.put("personer", people, "netvaerk")


def _samtykke(b: _ConsentBuilder) -> None:
    s, path = b.consent, b.path
    members = b.idx.medlemmer
    b.put("organisation", b.sag.organisation.model_dump(), "organisation")
    giver = members.get(s.giver)
    if giver:
        b.put("samtykkegiver", {"navn": giver[1].navn, "cpr": giver[1].cpr}, f"{path}.giver")
    boern = [
        {"navn": members[k][1].navn, "cpr": members[k][1].cpr} for k in s.boern if k in members
    ]
    b.put("boern", boern, f"{path}.boern")
    for name in ("underskriftsdato", "gyldig_fra", "gyldig_til", "status_dato"):
        value = getattr(s, name)
        b.put(name, value and value.isoformat(), f"{path}.{name}")
    b.put("status", str(s.status), f"{path}.status")
    # What the GDPR's article 13 requires the declaration to say, from the case's profile (a
    # case without it is reported: the form requires it).
    from ..forms._databeskyttelse import FELTER

    for key in FELTER:
        b.put(key, (b.sag.profil or {}).get(key), f"profil.{key}")
    if s.type == Samtykketype.statistik:
        b.put("omraader", s.omraader, f"{path}.omraader")
        return
    from ..profil import STANDARDPARTER

    # The boxes: the case's municipality profile's standard partners, else the paper form's.
    # (A malformed list is passed on for the form's validation to name.)
    own = (b.sag.profil or {}).get("standardparter") or []
    boxes = [
        (p["navn"], p.get("kontaktoplysninger"))
        for p in own
        if isinstance(p, dict) and isinstance(p.get("navn"), str)
    ] or [(n, None) for _, n in STANDARDPARTER]
    if own:
        b.put("standardparter", own, "profil.standardparter")

    def contacts(part: str) -> str | None:
        people = [p for p in b.sag.netvaerk if p.part and p.part.casefold() == part.casefold()]
        return "; ".join(b.label(p.id) or "" for p in people) or None

    ticked = {p.casefold() for p in s.parter}
    internal = [
        _drop_none(
            {
                "navn": n,
                "afkrydset": n.casefold() in ticked,
                "kontaktoplysninger": (contacts(n) or kontakt) if n.casefold() in ticked else None,
            }
        )
        for n, kontakt in boxes
    ]
    standard = {n.casefold() for n, _ in boxes}
    # A partner the case's network places in the municipality (netvaerk: kommunalt) is one of
    # the municipality's own units, ticked beside the boxes; the others are outside it.
    municipal = {
        str(p.part).casefold() for p in b.sag.netvaerk if p.part and str(p.netvaerk) == "kommunalt"
    }
    others = [n for n in s.parter if n.casefold() not in standard]
    internal += [
        _drop_none({"navn": n, "afkrydset": True, "kontaktoplysninger": contacts(n)})
        for n in others
        if n.casefold() in municipal
    ]
    external = [
        _drop_none({"navn": n, "kontaktoplysninger": contacts(n)})
        for n in others
        if n.casefold() not in municipal
    ]
    b.put("interne_parter", internal, f"{path}.parter")
    b.put("eksterne_parter", external, f"{path}.parter")


def _telefonmoede(b: _MeetingBuilder) -> None:
    b.common()
    b.meeting_fields("dato", "tidspunkt", place_field=None)
    b.put(
        "interviewer",
        b.contact(b.meeting.moedeleder or b.sag.familiekoordinator),
        f"{b.path}.moedeleder",
    )
    nxt = _when(_next_after(b.sag, b.nr, Moedetype.screeningsmoede))
    if nxt is not None:
        extra = b.meeting.notat.get("screeningsmoede") or {}
        b.put("screeningsmoede", {**extra, **nxt}, f"{b.path}.notat.screeningsmoede")


def _screeningsmoede(b: _MeetingBuilder) -> None:
    b.common()
    b.meeting_fields("dato", "tidspunkt")
    m = b.meeting
    b.put("interviewer", m.moedeleder and b.contact(m.moedeleder), f"{b.path}.moedeleder")
    b.put("referent", m.referent and b.contact(m.referent), f"{b.path}.referent")
    b.put(
        "naeste_moede",
        _when(_next_after(b.sag, b.nr, Moedetype.moede_1)),
        f"{b.path}.notat.naeste_moede",
    )


def _moedeguide_1(b: _MeetingBuilder) -> None:
    b.common()
    b.meeting_fields("dato", "tidspunkt", "sluttidspunkt")
    b.put("familiekoordinator", b.contact(b.sag.familiekoordinator), "familiekoordinator")
    # the family's participants; the coordinator has a field of her own
    family = [k for k in b.meeting.deltagere if k != b.sag.familiekoordinator]
    b.put("deltagere", [b.name(k) for k in family], f"{b.path}.deltagere")
    b.put(
        "moede_2",
        _when(_next_after(b.sag, b.nr, Moedetype.forberedelsesmoede)),
        f"{b.path}.notat.moede_2",
    )


def _forberedelsesmoede(b: _MeetingBuilder) -> None:
    b.common()
    b.meeting_fields("dato", "tidspunkt")
    b.put("familiekoordinator", b.contact(b.sag.familiekoordinator), "familiekoordinator")
    nxt = _when(_next_after(b.sag, b.nr, Moedetype.netvaerksmoede), "sluttidspunkt")
    b.put("netvaerksmoede", nxt, f"{b.path}.notat.netvaerksmoede")


def _is_first_network_meeting(b: _MeetingBuilder) -> bool:
    first = _first(b.sag, Moedetype.netvaerksmoede)
    return first is not None and first[0] == b.nr - 1


def _dagsorden(b: _MeetingBuilder) -> None:
    b.common(form="{}")
    m = b.meeting
    b.meeting_fields("dato", "starttid", place_field=None)
    b.put("foerste_moede", _is_first_network_meeting(b), f"{b.path}.type")
    if m.slut is not None:  # the booked end: the case file checks the agenda against it
        b.put("slut_senest", m.slut, f"{b.path}.slut")
    b.put("adresse", ", ".join(x for x in (m.lokale, m.sted) if x) or None, f"{b.path}.sted")
    groups: dict[str, list[dict[str, Any]]] = {
        "familiens_voksne": [],
        "familiens_boern": [],
        "familiekoordinatorer": [],
        "professionelle": [],
        "bisiddere": [],
    }
    presenting = 0  # every professional presents, also those this copy may not show
    for key in m.deltagere:
        person = b.idx.person(key)
        if person is None:
            continue
        if (
            key != b.sag.familiekoordinator
            and isinstance(person, Netvaerksperson)
            and person.professionel
        ):
            presenting += 1
        if not b.visible(key):
            continue
        if key == b.sag.familiekoordinator:
            groups["familiekoordinatorer"].append(b.contact(key))
        elif isinstance(person, Netvaerksperson):
            group = "professionelle" if person.professionel else "bisiddere"
            groups[group].append(b.contact(key))
        elif person.rolle == Rolle.barn:
            groups["familiens_boern"].append(b.contact(key))
        else:
            groups["familiens_voksne"].append(b.contact(key))
    b.put("deltagere", groups, f"{b.path}.deltagere")
    if presenting != len(groups["professionelle"]):
        b.put("fremlaeggelser", presenting, f"{b.path}.deltagere")


def _invitation(b: _InvitationBuilder) -> None:
    b.common(form="{}")
    m, recipient = b.meeting, b.doc.til
    b.meeting_fields("dato", "starttid", "sluttid", place_field=None)
    b.put("modtager", b.contact(recipient), f"{b.path}.deltagere")
    b.put("lokale", m.lokale, f"{b.path}.lokale")
    b.put("adresse", m.sted, f"{b.path}.sted")
    others = [
        b.contact(k)
        for k in m.deltagere
        if k not in (recipient, b.sag.familiekoordinator)
        and isinstance(b.idx.person(k), Netvaerksperson)
        and b.visible(k)
    ]
    b.put("oevrige_deltagere", others, f"{b.path}.deltagere")
    b.put("familiekoordinator", b.contact(b.sag.familiekoordinator), "familiekoordinator")


def _notat(b: _MeetingBuilder) -> None:
    m = b.meeting
    b.put("organisation", b.sag.organisation.model_dump(), "organisation")
    b.put("familiens_navne", [x.navn for x in b.sag.familie.medlemmer], "familie.medlemmer")
    b.meeting_fields("dato", "starttid", "sluttid", place_field=None)
    b.put("moedeleder", b.label(m.moedeleder), f"{b.path}.moedeleder")
    b.put("referent", b.label(m.referent), f"{b.path}.referent")
    family = [b.name(k) for k in m.deltagere if k in b.idx.medlemmer]
    network = [b.contact(k) for k in m.deltagere if k in b.idx.netvaerk and b.visible(k)]
    absent = [b.contact(k) for k in m.afbud if b.visible(k)]
    b.put(
        "deltagere",
        {"familien": family, "netvaerket": network, "afbud": absent},
        f"{b.path}.deltagere",
    )
    round_ = []
    for r in m.runde:
        if r.person in b.idx.netvaerk and b.visible(r.person):
            p = b.idx.netvaerk[r.person][1]
            round_.append(
                _drop_none(
                    {
                        "navn": p.navn,
                        "afdeling": p.afdeling or p.part,
                        "hvad_virker": r.hvad_virker,
                        "hvad_udfordrer": r.hvad_udfordrer,
                    }
                )
            )
    b.put("netvaerkets_runde", round_, f"{b.path}.runde")
    b.put("aftaler", _agreements(b, [(b.nr - 1, m)]), f"{b.path}.aftaler")
    nxt = _next_after(b.sag, b.nr, Moedetype.netvaerksmoede)
    b.put(
        "naeste_netvaerksmoede",
        nxt and nxt.dato.isoformat(),
        f"{b.path}.notat.naeste_netvaerksmoede",
    )


def _agreements(b: _Builder, meetings: list[tuple[int, Moede]]) -> list[dict[str, Any]]:
    return [
        _drop_none(
            {
                "indhold": a.indhold,
                "ansvarlige": [b.name(k) for k in a.ansvarlige],
                "tidsfrist": a.tidsfrist and a.tidsfrist.isoformat(),
            }
        )
        for _, m in meetings
        for a in m.aftaler
    ]


def _familieplan(b: _MeetingBuilder) -> None:
    plan = b.sag.familieplan
    assert plan is not None  # the plan is among the case's documents only when there is one
    this = b.meeting
    b.common("familie")
    b.put("gyldig_fra", plan.gyldig_fra.isoformat(), "familieplan.gyldig_fra")
    b.put("gyldig_til", plan.gyldig_til.isoformat(), "familieplan.gyldig_til")
    b.put("opdateret", this.dato.isoformat(), f"{b.path}.dato")
    b.put("netvaerksmoede_dato", this.dato.isoformat(), f"{b.path}.dato")
    held = [
        (i, m)
        for i, m in enumerate(b.sag.moeder)
        if m.type == Moedetype.netvaerksmoede
        and m.status == Moedestatus.afholdt
        and m.dato <= this.dato
    ]
    # this meeting's agreements, and the earlier ones still running (deadline not yet passed):
    # the ones whose deadline passed were followed up at this meeting
    running = []
    for i, m in held:
        keep = [
            a for a in m.aftaler if m is this or a.tidsfrist is None or a.tidsfrist >= this.dato
        ]
        if keep:
            running.append((i, m.model_copy(update={"aftaler": keep})))
    b.put("aftaler", _agreements(b, running), f"{b.path}.aftaler")
    municipal: dict[str, list[dict[str, Any]]] = {}
    external, personal = [], []
    for p in b.sag.netvaerk:
        if not b.visible(p.id):
            continue
        if str(p.netvaerk) == "kommunalt":
            municipal.setdefault(str(p.gruppe), []).append(b.contact(p.id))
        elif str(p.netvaerk) == "eksternt":
            external.append(b.contact(p.id))
        else:
            personal.append(
                _drop_none(
                    {"navn": p.navn, "relation": p.relation, "telefon": p.telefon, "email": p.email}
                )
            )
    b.put("kommunalt_netvaerk", municipal, "netvaerk")
    b.put("eksternt_netvaerk", external, "netvaerk")
    b.put("personligt_netvaerk", personal, "netvaerk")


#: The builders by kind of document, each by form.
_CASE_BUILDERS: dict[str, Callable[[_Builder], None]] = {
    "procesplan": _procesplan,
    "drejebog_tjekliste": _drejebog,
    "flyer": _flyer,
    "netvaerkskort": _netvaerkskort,
}
_CONSENT_BUILDERS: dict[str, Callable[[_ConsentBuilder], None]] = {
    "samtykke_generel": _samtykke,
    "samtykke_statistik": _samtykke,
}
_MEETING_BUILDERS: dict[str, Callable[[_MeetingBuilder], None]] = {
    "telefonmoede": _telefonmoede,
    "screeningsmoede": _screeningsmoede,
    "moedeguide_1": _moedeguide_1,
    "forberedelsesmoede": _forberedelsesmoede,
    "netvaerksmoede_dagsorden": _dagsorden,
    "netvaerksmoede_notat": _notat,
    "familieplan": _familieplan,
}
_INVITATION_BUILDERS: dict[str, Callable[[_InvitationBuilder], None]] = {
    "netvaerksmoede_invitation": _invitation,
}
#: Every form a case makes.
FORMS = frozenset({*_CASE_BUILDERS, *_CONSENT_BUILDERS, *_MEETING_BUILDERS, *_INVITATION_BUILDERS})


def _built(sag: Sag, doc: Document) -> _Builder | None:
    """The builder of ``doc`` with its fields put; ``None`` if the case cannot make it."""
    if isinstance(doc, Invitation):
        invitation = _INVITATION_BUILDERS.get(doc.form)
        if invitation is None:
            return None
        ib = _InvitationBuilder(sag, doc)
        invitation(ib)
        return ib
    if isinstance(doc, MeetingDocument):
        meeting = _MEETING_BUILDERS.get(doc.form)
        if meeting is None:
            return None
        mb = _MeetingBuilder(sag, doc)
        meeting(mb)
        return mb
    if isinstance(doc, ConsentDocument):
        consent = _CONSENT_BUILDERS.get(doc.form)
        if consent is None:
            return None
        cb = _ConsentBuilder(sag, doc)
        consent(cb)
        return cb
    case = _CASE_BUILDERS.get(doc.form)
    if case is None:
        return None
    b = _Builder(sag, doc)
    case(b)
    return b


def _notes_for(sag: Sag, doc: Document) -> tuple[dict[str, Any], str]:
    if doc.form == "familieplan":
        notes = sag.familieplan.notat if sag.familieplan else {}
    elif isinstance(doc, MeetingDocument):
        notes = sag.moeder[doc.moede - 1].notat
    else:
        notes = sag.dokumenter.get(doc.form, {})
    return notes, _notes_path(doc)


def build(
    sag: Sag, doc: Document, *, hjemmel: str | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The form data of ``doc`` and, for each top-level field, its path in the case file."""
    b = _built(sag, doc)
    if b is None:
        raise DataError(
            [
                Problem(
                    "", "", f"formularen {doc.form} kan ikke laves fra en sag", "form_not_in_case"
                )
            ]
        )
    notes, path = _notes_for(sag, doc)
    model = get_form(doc.form).model
    b.notes(notes, path, set(model.model_fields))
    if hjemmel and doc.form in _SHARED:
        b.put("deling_uden_samtykke", hjemmel, "hjemmel")
    return b.data, b.sources


def overridden_notes(sag: Sag, doc: Document, sources: dict[str, str]) -> list[Problem]:
    """Notes that name a field the case itself fills for ``doc`` (``sources`` from
    :func:`build`): they would be ignored, so they are reported (``filled_from_case``) with
    where the value comes from."""
    notes, path = _notes_for(sag, doc)
    out = []
    for name in notes:
        source = sources.get(name)
        if source is not None and not source.startswith(f"{path}."):
            out.append(
                Problem(
                    f"{path}.{name}",
                    "",
                    f"feltet udfyldes fra sagen ({source}) i {doc.form}; ret det dér",
                    "filled_from_case",
                )
            )
    return out


def _consent_for(sag: Sag, doc: Document) -> list[Problem]:
    """Consent problems of a professional's copy (the family's own copy needs none)."""
    if doc.til is None or doc.form not in _SHARED or not isinstance(doc, MeetingDocument):
        return []
    m = sag.moeder[doc.moede - 1]
    return consent_problems(
        sag,
        PeopleIndex(sag),
        doc.til,
        m.dato,
        f"moeder.{doc.moede - 1}.deltagere",
        f"{get_form(doc.form).title} til {doc.til}, {meeting_name(sag, doc.moede)},",
    )


def model_for(sag: Sag, doc: Document, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``doc``.

    Raises:
        ConsentError: a professional's copy that no valid consent covers, without ``hjemmel``.
        DataError: the form's own rules, with paths in the case file.
    """
    if hjemmel is None:
        problems = _consent_for(sag, doc)
        if problems:
            raise ConsentError(problems, form=doc.form)
    data, sources = build(sag, doc, hjemmel=hjemmel)
    return validate(doc, data, sources)


def validate(doc: Document, data: dict[str, Any], sources: dict[str, str]) -> Any:
    """Validate the data :func:`build` made; a problem is reported at its place in the case."""
    spec = get_form(doc.form)
    try:
        return validate_model(spec.model, data, form=spec.name)
    except DataError as exc:
        raise DataError([_repath(p, sources, doc) for p in exc.problems], form=spec.name) from None


def _repath(p: Problem, sources: dict[str, str], doc: Document) -> Problem:
    head, _, rest = p.path.partition(".")
    where = sources.get(head)
    if where is None:
        where = _notes_path(doc) + f".{head}" if head else _notes_path(doc)
    elif where.endswith(f".{head}") and rest:
        where = f"{where}.{rest}"
    message = f"{p.message} ({doc.form}: {p.path})" if p.path else p.message
    return Problem(where, p.title, message, p.code)


def _notes_path(doc: Document) -> str:
    if doc.form == "familieplan":
        return "familieplan.notat"
    if isinstance(doc, MeetingDocument):
        return f"moeder.{doc.moede - 1}.notat"
    return f"dokumenter.{doc.form}"
