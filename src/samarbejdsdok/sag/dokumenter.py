"""From a case file to the forms' data: which documents a case produces, and each one's fields.

Every document is a :class:`Dokument`: a form, the meeting or consent it belongs to, and its
audience (``til``): ``None`` for the family's own copy, or the key of a professional in the
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
from dataclasses import dataclass
from typing import Any

from ..errors import ConsentError, DataError, Problem
from ..forms import get_form
from ..validation import validate
from .model import Moede, Moedestatus, Moedetype, Netvaerksperson, Rolle, Sag, Samtykketype
from .regler import Indeks, consent_problems, daekning, moedenavn

__all__ = ["Dokument", "dokumenter", "byg", "valider", "model_for", "overskrevne_notater"]


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
class Dokument:
    """One document of the case.

    Attributes:
        form: the form's name.
        moede: the meeting's number (from 1), for meeting documents.
        samtykke: the consent's number (from 1), for consent declarations.
        til: the recipient's key for a professional's copy; ``None`` for the family's copy.
    """

    form: str
    moede: int | None = None
    samtykke: int | None = None
    til: str | None = None

    @property
    def filnavn(self) -> str:
        """A file name without personal data: number, form, recipient key."""
        parts = []
        if self.moede is not None:
            parts.append(f"moede{self.moede:02d}")
        if self.samtykke is not None:
            parts.append(f"samtykke{self.samtykke:02d}")
        parts.append(self.form)
        if self.til:
            parts.append(self.til)
        return "-".join(parts) + ".docx"


def dokumenter(sag: Sag) -> list[Dokument]:
    """The course's documents so far, in order: the case's own, consents, then per meeting."""
    out: list[Dokument] = []
    for form in _CASE_FORMS:
        if _case_form_possible(sag, form):
            out.append(Dokument(form))
    for i, s in enumerate(sag.samtykker):
        out.append(Dokument(_CONSENT_FORMS[s.type], samtykke=i + 1))
    idx = Indeks(sag)
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
                        out.append(Dokument(form, moede=i + 1, til=key))
                continue
            out.append(Dokument(form, moede=i + 1))
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


class _Bygger:
    """Builds one document's data; records where each field comes from in the case file."""

    def __init__(self, sag: Sag, dok: Dokument) -> None:
        self.sag, self.dok = sag, dok
        self.idx = Indeks(sag)
        self.data: dict[str, Any] = {}
        self.kilde: dict[str, str] = {}
        self.moede = sag.moeder[dok.moede - 1] if dok.moede else None
        self.mpath = f"moeder.{dok.moede - 1}" if dok.moede else ""

    # -- people -------------------------------------------------------------------------
    def kontakt(self, key: str) -> dict[str, Any]:
        p = self.idx.person(key)
        if p is None:
            return {"navn": "?"}
        funktion = getattr(p, "funktion", None) or p.relation or getattr(p, "afdeling", None)
        return _drop_none(
            {"navn": p.navn, "funktion": funktion, "telefon": p.telefon, "email": p.email}
        )

    def label(self, key: str | None) -> str | None:
        if key is None:
            return None
        k = self.kontakt(key)
        return f"{k['navn']}, {k['funktion']}" if k.get("funktion") else k["navn"]

    def navn(self, key: str) -> str:
        p = self.idx.person(key)
        return p.navn if p else "?"

    def synlig(self, key: str) -> bool:
        """Whether this copy may show ``key``: the family's copy shows everyone; a
        professional's copy shows the family, the personal network and the professionals whose
        partner a valid consent covers on the document's day."""
        if self.dok.til is None:
            return True
        p = self.idx.person(key)
        if not isinstance(p, Netvaerksperson) or not p.professionel or key == self.dok.til:
            return True
        return not daekning(self.sag, p, self.dag)

    @property
    def dag(self) -> dt.date:
        if self.moede is not None:
            return self.moede.dato
        return dt.date.today()

    # -- fields -------------------------------------------------------------------------
    def put(self, name: str, value: Any, kilde: str) -> None:
        if value is not None:
            self.data[name] = value
            self.kilde[name] = kilde

    def notat(self, notes: dict[str, Any], path: str, allowed: set[str]) -> None:
        """Copy the notes this form knows; the fields the case fills are not notes."""
        for name, value in notes.items():
            if name in allowed and name not in self.data:
                self.data[name] = value
                self.kilde[name] = f"{path}.{name}"

    def faelles(self, familie_felt: str = "familie_navn", form: str = "Familien {}") -> None:
        self.put("organisation", self.sag.organisation.model_dump(), "organisation")
        self.put(familie_felt, form.format(self.sag.familie.navn), "familie.navn")


def _moede_felter(
    b: _Bygger,
    dato_felt: str,
    tid_felt: str | None,
    slut_felt: str | None = None,
    sted_felt: str | None = "sted",
) -> None:
    m, p = b.moede, b.mpath
    assert m is not None
    b.put(dato_felt, m.dato.isoformat(), f"{p}.dato")
    if tid_felt:
        b.put(tid_felt, m.start.strftime("%H:%M") if m.start else None, f"{p}.start")
    if slut_felt:
        b.put(slut_felt, m.slut.strftime("%H:%M") if m.slut else None, f"{p}.slut")
    if sted_felt:
        b.put(sted_felt, m.sted, f"{p}.sted")


def _naeste(m: Moede | None, sluttid: str | None = None) -> dict[str, Any] | None:
    if m is None:
        return None
    out = {
        "dato": m.dato.isoformat(),
        "tidspunkt": m.start.strftime("%H:%M") if m.start else None,
        "sted": m.sted,
    }
    if sluttid:
        out[sluttid] = m.slut.strftime("%H:%M") if m.slut else None
    return _drop_none(out)


# -- the builders, one per form ---------------------------------------------------------------
def _procesplan(b: _Bygger) -> None:
    b.faelles()
    b.put("familiekoordinator", b.kontakt(b.sag.familiekoordinator), "familiekoordinator")
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


def _drejebog(b: _Bygger) -> None:
    b.faelles()
    b.put("familiekoordinator", b.kontakt(b.sag.familiekoordinator), "familiekoordinator")
    i, m = _first(b.sag, Moedetype.netvaerksmoede)  # type: ignore[misc]
    b.put("moedeleder", b.label(m.moedeleder), f"moeder.{i}.moedeleder")
    b.put("netvaerksmoede_dato", m.dato.isoformat(), f"moeder.{i}.dato")
    b.put(
        "netvaerksmoede_start", m.start.strftime("%H:%M") if m.start else None, f"moeder.{i}.start"
    )
    b.put("sted", ", ".join(x for x in (m.lokale, m.sted) if x) or None, f"moeder.{i}.sted")


def _flyer(b: _Bygger) -> None:
    b.put("profil", b.sag.profil, "profil")


def _netvaerkskort(b: _Bygger) -> None:
    b.faelles("familie")
    b.put("familiemedlemmer", [m.navn for m in b.sag.familie.medlemmer], "familie.medlemmer")
    personer = []
    for p in b.sag.netvaerk:
        sektor = str(p.sektor) if not p.professionel else "professionelle"
        personer.append(
            _drop_none(
                {
                    "navn": p.navn,
                    "relation": p.relation or p.funktion,
                    "sektor": sektor,
                    "naerhed": p.naerhed,
                }
            )
        )
    b.put("personer", personer, "netvaerk")


def _samtykke(b: _Bygger) -> None:
    i = b.dok.samtykke - 1  # type: ignore[operator]
    s = b.sag.samtykker[i]
    path = f"samtykker.{i}"
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
    if s.type == Samtykketype.statistik:
        b.put("omraader", s.omraader, f"{path}.omraader")
        return
    from ..forms.samtykke_generel import STANDARD_INTERNE_PARTER

    def contacts(part: str) -> str | None:
        people = [p for p in b.sag.netvaerk if p.part and p.part.casefold() == part.casefold()]
        return "; ".join(b.label(p.id) or "" for p in people) or None

    ticked = {p.casefold() for p in s.parter}
    interne = [
        _drop_none(
            {
                "navn": n,
                "afkrydset": n.casefold() in ticked,
                "kontaktoplysninger": contacts(n) if n.casefold() in ticked else None,
            }
        )
        for n in STANDARD_INTERNE_PARTER
    ]
    standard = {n.casefold() for n in STANDARD_INTERNE_PARTER}
    eksterne = [
        _drop_none({"navn": n, "kontaktoplysninger": contacts(n)})
        for n in s.parter
        if n.casefold() not in standard
    ]
    b.put("interne_parter", interne, f"{path}.parter")
    b.put("eksterne_parter", eksterne, f"{path}.parter")


def _telefonmoede(b: _Bygger) -> None:
    b.faelles()
    _moede_felter(b, "dato", "tidspunkt", sted_felt=None)
    b.put(
        "interviewer",
        b.kontakt(b.moede.moedeleder or b.sag.familiekoordinator),  # type: ignore[union-attr]
        f"{b.mpath}.moedeleder",
    )
    nxt = _naeste(_next_after(b.sag, b.dok.moede, Moedetype.screeningsmoede))  # type: ignore[arg-type]
    if nxt is not None:
        extra = b.moede.notat.get("screeningsmoede") or {}  # type: ignore[union-attr]
        b.put("screeningsmoede", {**extra, **nxt}, f"{b.mpath}.notat.screeningsmoede")


def _screeningsmoede(b: _Bygger) -> None:
    b.faelles()
    _moede_felter(b, "dato", "tidspunkt")
    m = b.moede
    b.put("interviewer", m.moedeleder and b.kontakt(m.moedeleder), f"{b.mpath}.moedeleder")  # type: ignore[union-attr]
    b.put("referent", m.referent and b.kontakt(m.referent), f"{b.mpath}.referent")  # type: ignore[union-attr]
    b.put(
        "naeste_moede",
        _naeste(_next_after(b.sag, b.dok.moede, Moedetype.moede_1)),  # type: ignore[arg-type]
        f"{b.mpath}.notat.naeste_moede",
    )


def _moedeguide_1(b: _Bygger) -> None:
    b.faelles()
    _moede_felter(b, "dato", "tidspunkt", "sluttidspunkt")
    b.put("familiekoordinator", b.kontakt(b.sag.familiekoordinator), "familiekoordinator")
    b.put("deltagere", [b.navn(k) for k in b.moede.deltagere], f"{b.mpath}.deltagere")  # type: ignore[union-attr]
    b.put(
        "moede_2",
        _naeste(_next_after(b.sag, b.dok.moede, Moedetype.forberedelsesmoede)),  # type: ignore[arg-type]
        f"{b.mpath}.notat.moede_2",
    )


def _forberedelsesmoede(b: _Bygger) -> None:
    b.faelles()
    _moede_felter(b, "dato", "tidspunkt")
    b.put("familiekoordinator", b.kontakt(b.sag.familiekoordinator), "familiekoordinator")
    nxt = _naeste(_next_after(b.sag, b.dok.moede, Moedetype.netvaerksmoede), "sluttidspunkt")  # type: ignore[arg-type]
    b.put("netvaerksmoede", nxt, f"{b.mpath}.notat.netvaerksmoede")


def _is_first_network_meeting(b: _Bygger) -> bool:
    first = _first(b.sag, Moedetype.netvaerksmoede)
    return first is not None and first[0] == b.dok.moede - 1  # type: ignore[operator]


def _dagsorden(b: _Bygger) -> None:
    b.faelles(form="{}")
    m = b.moede
    assert m is not None
    _moede_felter(b, "dato", "starttid", sted_felt=None)
    b.put("foerste_moede", _is_first_network_meeting(b), f"{b.mpath}.type")
    b.put("adresse", ", ".join(x for x in (m.lokale, m.sted) if x) or None, f"{b.mpath}.sted")
    grupper: dict[str, list[dict[str, Any]]] = {
        "familiens_voksne": [],
        "familiekoordinatorer": [],
        "professionelle": [],
        "bisiddere": [],
    }
    for key in m.deltagere:
        person = b.idx.person(key)
        if person is None or not b.synlig(key):
            continue
        if key == b.sag.familiekoordinator:
            grupper["familiekoordinatorer"].append(b.kontakt(key))
        elif isinstance(person, Netvaerksperson):
            group = "professionelle" if person.professionel else "bisiddere"
            grupper[group].append(b.kontakt(key))
        elif person.rolle != Rolle.barn:
            grupper["familiens_voksne"].append(b.kontakt(key))
    b.put("deltagere", grupper, f"{b.mpath}.deltagere")


def _invitation(b: _Bygger) -> None:
    b.faelles(form="{}")
    m = b.moede
    assert m is not None and b.dok.til is not None
    _moede_felter(b, "dato", "starttid", "sluttid", sted_felt=None)
    b.put("modtager", b.kontakt(b.dok.til), f"{b.mpath}.deltagere")
    b.put("lokale", m.lokale, f"{b.mpath}.lokale")
    b.put("adresse", m.sted, f"{b.mpath}.sted")
    others = [
        b.kontakt(k)
        for k in m.deltagere
        if k not in (b.dok.til, b.sag.familiekoordinator)
        and isinstance(b.idx.person(k), Netvaerksperson)
        and b.synlig(k)
    ]
    b.put("oevrige_deltagere", others, f"{b.mpath}.deltagere")
    b.put("familiekoordinator", b.kontakt(b.sag.familiekoordinator), "familiekoordinator")


def _notat(b: _Bygger) -> None:
    m = b.moede
    assert m is not None
    b.put("organisation", b.sag.organisation.model_dump(), "organisation")
    b.put("familiens_navne", [x.navn for x in b.sag.familie.medlemmer], "familie.medlemmer")
    _moede_felter(b, "dato", "starttid", "sluttid", sted_felt=None)
    b.put("moedeleder", b.label(m.moedeleder), f"{b.mpath}.moedeleder")
    b.put("referent", b.label(m.referent), f"{b.mpath}.referent")
    familien = [b.navn(k) for k in m.deltagere if k in b.idx.medlemmer]
    netvaerket = [b.kontakt(k) for k in m.deltagere if k in b.idx.netvaerk and b.synlig(k)]
    afbud = [b.kontakt(k) for k in m.afbud if b.synlig(k)]
    b.put(
        "deltagere",
        {"familien": familien, "netvaerket": netvaerket, "afbud": afbud},
        f"{b.mpath}.deltagere",
    )
    runde = []
    for r in m.runde:
        if r.person in b.idx.netvaerk and b.synlig(r.person):
            p = b.idx.netvaerk[r.person][1]
            runde.append(
                _drop_none(
                    {
                        "navn": p.navn,
                        "afdeling": p.afdeling or p.part,
                        "hvad_virker": r.hvad_virker,
                        "hvad_udfordrer": r.hvad_udfordrer,
                    }
                )
            )
    b.put("netvaerkets_runde", runde, f"{b.mpath}.runde")
    b.put("aftaler", _aftaler(b, [(b.dok.moede - 1, m)]), f"{b.mpath}.aftaler")  # type: ignore[operator]
    nxt = _next_after(b.sag, b.dok.moede, Moedetype.netvaerksmoede)  # type: ignore[arg-type]
    b.put(
        "naeste_netvaerksmoede",
        nxt and nxt.dato.isoformat(),
        f"{b.mpath}.notat.naeste_netvaerksmoede",
    )


def _aftaler(b: _Bygger, moeder: list[tuple[int, Moede]]) -> list[dict[str, Any]]:
    return [
        _drop_none(
            {
                "indhold": a.indhold,
                "ansvarlige": [b.navn(k) for k in a.ansvarlige],
                "tidsfrist": a.tidsfrist and a.tidsfrist.isoformat(),
            }
        )
        for _, m in moeder
        for a in m.aftaler
    ]


def _familieplan(b: _Bygger) -> None:
    plan = b.sag.familieplan
    assert plan is not None and b.moede is not None
    b.faelles("familie")
    b.put("gyldig_fra", plan.gyldig_fra.isoformat(), "familieplan.gyldig_fra")
    b.put("gyldig_til", plan.gyldig_til.isoformat(), "familieplan.gyldig_til")
    b.put("opdateret", b.moede.dato.isoformat(), f"{b.mpath}.dato")
    b.put("netvaerksmoede_dato", b.moede.dato.isoformat(), f"{b.mpath}.dato")
    held = [
        (i, m)
        for i, m in enumerate(b.sag.moeder)
        if m.type == Moedetype.netvaerksmoede
        and m.status == Moedestatus.afholdt
        and m.dato <= b.moede.dato
    ]
    # this meeting's agreements, and the earlier ones still running (deadline not yet passed):
    # the ones whose deadline passed were followed up at this meeting
    running = []
    for i, m in held:
        keep = [
            a
            for a in m.aftaler
            if m is b.moede or a.tidsfrist is None or a.tidsfrist >= b.moede.dato
        ]
        if keep:
            running.append((i, m.model_copy(update={"aftaler": keep})))
    b.put("aftaler", _aftaler(b, running), f"{b.mpath}.aftaler")
    kommunalt: dict[str, list[dict[str, Any]]] = {}
    eksternt, personligt = [], []
    for p in b.sag.netvaerk:
        if not b.synlig(p.id):
            continue
        if str(p.netvaerk) == "kommunalt":
            kommunalt.setdefault(str(p.gruppe), []).append(b.kontakt(p.id))
        elif str(p.netvaerk) == "eksternt":
            eksternt.append(b.kontakt(p.id))
        else:
            personligt.append(
                _drop_none(
                    {"navn": p.navn, "relation": p.relation, "telefon": p.telefon, "email": p.email}
                )
            )
    b.put("kommunalt_netvaerk", kommunalt, "netvaerk")
    b.put("eksternt_netvaerk", eksternt, "netvaerk")
    b.put("personligt_netvaerk", personligt, "netvaerk")


_BUILDERS: dict[str, Callable[[_Bygger], None]] = {
    "procesplan": _procesplan,
    "drejebog_tjekliste": _drejebog,
    "flyer": _flyer,
    "netvaerkskort": _netvaerkskort,
    "samtykke_generel": _samtykke,
    "samtykke_statistik": _samtykke,
    "telefonmoede": _telefonmoede,
    "screeningsmoede": _screeningsmoede,
    "moedeguide_1": _moedeguide_1,
    "forberedelsesmoede": _forberedelsesmoede,
    "netvaerksmoede_dagsorden": _dagsorden,
    "netvaerksmoede_invitation": _invitation,
    "netvaerksmoede_notat": _notat,
    "familieplan": _familieplan,
}


def _notes_for(sag: Sag, dok: Dokument) -> tuple[dict[str, Any], str]:
    if dok.form == "familieplan":
        notes = sag.familieplan.notat if sag.familieplan else {}
    elif dok.moede is not None:
        notes = sag.moeder[dok.moede - 1].notat
    else:
        notes = sag.dokumenter.get(dok.form, {})
    return notes, _notes_path(dok)


def byg(
    sag: Sag, dok: Dokument, *, hjemmel: str | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The form data of ``dok`` and, for each top-level field, its path in the case file."""
    builder = _BUILDERS.get(dok.form)
    if builder is None:
        raise DataError(
            [
                Problem(
                    "", "", f"formularen {dok.form} kan ikke laves fra en sag", "form_not_in_case"
                )
            ]
        )
    b = _Bygger(sag, dok)
    builder(b)
    notes, path = _notes_for(sag, dok)
    model = get_form(dok.form).model
    b.notat(notes, path, set(model.model_fields))
    if hjemmel and dok.form in _SHARED:
        b.put("deling_uden_samtykke", hjemmel, "--hjemmel")
    return b.data, b.kilde


def overskrevne_notater(sag: Sag, dok: Dokument, kilde: dict[str, str]) -> list[Problem]:
    """Notes that name a field the case itself fills for ``dok`` (``kilde`` from :func:`byg`):
    they would be ignored, so they are reported (``filled_from_case``) with where the value
    comes from."""
    notes, path = _notes_for(sag, dok)
    out = []
    for name in notes:
        source = kilde.get(name)
        if source is not None and not source.startswith(f"{path}."):
            out.append(
                Problem(
                    f"{path}.{name}",
                    "",
                    f"feltet udfyldes fra sagen ({source}) i {dok.form}; ret det dér",
                    "filled_from_case",
                )
            )
    return out


def _consent_for(sag: Sag, dok: Dokument) -> list[Problem]:
    """Consent problems of a professional's copy (the family's own copy needs none)."""
    if dok.til is None or dok.form not in _SHARED or dok.moede is None:
        return []
    m = sag.moeder[dok.moede - 1]
    return consent_problems(
        sag,
        Indeks(sag),
        dok.til,
        m.dato,
        f"moeder.{dok.moede - 1}.deltagere",
        f"{get_form(dok.form).title} til {dok.til}, {moedenavn(sag, dok.moede)},",
    )


def model_for(sag: Sag, dok: Dokument, *, hjemmel: str | None = None) -> Any:
    """The validated form model of ``dok``.

    Raises:
        ConsentError: a professional's copy that no valid consent covers, without ``hjemmel``.
        DataError: the form's own rules, with paths in the case file.
    """
    if hjemmel is None:
        problems = _consent_for(sag, dok)
        if problems:
            raise ConsentError(problems, form=dok.form)
    data, kilde = byg(sag, dok, hjemmel=hjemmel)
    return valider(dok, data, kilde)


def valider(dok: Dokument, data: dict[str, Any], kilde: dict[str, str]) -> Any:
    """Validate the data :func:`byg` made; a problem is reported at its place in the case."""
    spec = get_form(dok.form)
    try:
        return validate(spec.model, data, form=spec.name)
    except DataError as exc:
        raise DataError([_repath(p, kilde, dok) for p in exc.problems], form=spec.name) from None


def _repath(p: Problem, kilde: dict[str, str], dok: Dokument) -> Problem:
    head, _, rest = p.path.partition(".")
    where = kilde.get(head)
    if where is None:
        where = _notes_path(dok) + f".{head}" if head else _notes_path(dok)
    elif where.endswith(f".{head}") and rest:
        where = f"{where}.{rest}"
    message = f"{p.message} ({dok.form}: {p.path})" if p.path else p.message
    return Problem(where, p.title, message, p.code)


def _notes_path(dok: Dokument) -> str:
    if dok.form == "familieplan":
        return "familieplan.notat"
    if dok.moede is not None:
        return f"moeder.{dok.moede - 1}.notat"
    return f"dokumenter.{dok.form}"
