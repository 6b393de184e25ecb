"""A13 Invitation til netværksmøde for professionelle: the letter inviting ONE professional of
the family's network to a network meeting.

Source: KORA/Furesø, *Helhedsorienteret indsats for udsatte familier* (2017), tool 13 (the text
after "[DENNE INVITATION SENDES SÅ VIDT MULIGT I EN OUTLOOK-INVITATION – ELLER VEDHÆFTET EN
MAIL]"). The letter greets the recipient ("Kære ..."), says that the programme
(``organisation.indsats``) facilitates a holistic family plan, invites the recipient as part of
the family's professional network to the meeting (weekday, date, time, room), lists the other
participants with contact details, explains the recipient's part at the meeting, and gives three
fixed rules: the agenda is sent one week before the meeting (printed here as a date:
:attr:`NetvaerksmoedeInvitation.dagsorden_udsendes`), the plan is updated at network meetings
every third month, and a participant who cannot come names a substitute together with his or
her manager. It is signed "Vel mødt" and the coordinator's name, followed by the programme's
description, and lists two attachments (:data:`BILAG`).

The source sends the invitation as a calendar invitation where possible. The calendar file is
made by :func:`samarbejdsdok.ics.invitation_ics` (declared in ``SPEC.attachments``, kind
``"ics"``) and carries no personal data; the letter itself (with names) goes as an attachment or
by secure mail.

Computed fields:

* ``dagsorden_udsendes``: the meeting date minus 7 days, moved to the previous working day
  (:func:`samarbejdsdok.kadence.en_uge_foer`, the municipality's closing days from
  ``lukkedage``) so the promise "one week before" is kept;
* ``slut``: ``sluttid`` if given, else the start plus two hours (the toolbox's meeting length).

Rules checked here:

* the recipient is not listed among the other participants: ``oevrige_deltagere.N``. Two
  contacts are the same person if they have the same e-mail address; when one of them has no
  e-mail address, if they have the same name (case and spacing ignored). Two namesakes with
  different e-mail addresses are different people;
* the meeting ends after it starts and on the same day (``sluttid``, or ``starttid`` for the
  default two hours);
* the family coordinator has an e-mail address (``familiekoordinator.email``): the calendar
  invitation is sent from it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, computed_field, field_validator, model_validator

from ..fields import Klokkeslaet
from ..kadence import en_uge_foer
from ._base import (
    Attachment,
    FormModel,
    FormSpec,
    HjemmelUdenSamtykke,
    Kontakt,
    Lukkedage,
    Organisation,
    check_end_after_start,
    example_organisation,
    field_error,
    kalender_af,
    lukkedage_felt,
)

__all__ = ["NetvaerksmoedeInvitation", "BILAG", "STANDARD_VARIGHED", "SPEC"]

#: The attachments named by the source, in order.
BILAG: tuple[str, ...] = ("Den helhedsorienterede familieplan – overblik", "Udkast til dagsorden")

#: The meeting's length when no end time is given (the toolbox's network meetings: two hours).
STANDARD_VARIGHED = dt.timedelta(hours=2)


def _same_person(a: Kontakt, b: Kontakt) -> bool:
    def norm(name: str) -> str:
        return " ".join(name.split()).casefold()

    if a.email and b.email:
        # Namesakes exist: two different e-mail addresses are two different people.
        return a.email.casefold() == b.email.casefold()
    return norm(a.navn) == norm(b.navn)


class NetvaerksmoedeInvitation(FormModel):
    """Invitation til netværksmøde for professionelle."""

    form_name = "netvaerksmoede_invitation"

    organisation: Organisation = Field(title="Afsender")
    deling_uden_samtykke: HjemmelUdenSamtykke = None
    modtager: Kontakt = Field(title="Modtager", description="Den professionelle, der inviteres")
    familie_navn: str = Field(
        title="Familiens navn",
        min_length=1,
        description="Navnet, som det står efter »familien« (et indledende »Familien« fjernes)",
        examples=["Kragh Hansen"],
    )
    dato: dt.date = Field(title="Dato")
    brevdato: dt.date | None = Field(
        default=None,
        title="Brevets dato",
        description="Datoen øverst i brevet; uden den står der ingen dato",
    )
    starttid: Klokkeslaet = Field(title="Klokkeslæt")
    sluttid: Klokkeslaet | None = Field(
        default=None,
        title="Sluttidspunkt",
        description="Tomt: mødet varer to timer",
    )
    lokale: str = Field(title="Lokale", min_length=1, examples=["Mødelokale 2"])
    adresse: str | None = Field(default=None, title="Adresse")
    oevrige_deltagere: list[Kontakt] = Field(
        default_factory=list,
        title="De øvrige mødedeltagere",
        description="Deltagerliste med kontaktinfo; modtageren skal ikke stå på listen",
    )
    familiekoordinator: Kontakt = Field(
        title="Familiekoordinator",
        description="Underskriver invitationen; kalenderinvitationen sendes fra e-mailadressen",
    )
    lukkedage: Lukkedage | None = lukkedage_felt()

    @field_validator("familie_navn")
    @classmethod
    def _family_name(cls, value: str) -> str:
        words = value.split()
        if len(words) > 1 and words[0].casefold() == "familien":
            return " ".join(words[1:])
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for i, p in enumerate(self.oevrige_deltagere):
            if _same_person(p, self.modtager):
                raise field_error(
                    f"oevrige_deltagere.{i}",
                    "recipient_among_others",
                    "modtageren af invitationen må ikke stå blandt de øvrige mødedeltagere",
                )
        start = dt.datetime.combine(self.dato, self.starttid)
        if self.sluttid is not None:
            check_end_after_start(self.starttid, self.sluttid)
        elif (start + STANDARD_VARIGHED).date() != self.dato:
            raise field_error(
                "starttid",
                "meeting_past_midnight",
                "mødet varer to timer og skal slutte samme dag; vælg et tidligere klokkeslæt "
                "eller angiv et sluttidspunkt",
            )
        if not self.familiekoordinator.email:
            raise field_error(
                "familiekoordinator.email",
                "coordinator_email_missing",
                "angiv familiekoordinatorens e-mailadresse; kalenderinvitationen sendes fra den",
            )
        return self

    @computed_field
    @property
    def slut(self) -> dt.time:
        """When the meeting ends: the given end time, else the start plus two hours."""
        if self.sluttid is not None:
            return self.sluttid
        return (dt.datetime.combine(self.dato, self.starttid) + STANDARD_VARIGHED).time()

    @computed_field
    @property
    def dagsorden_udsendes(self) -> dt.date:
        """When the agenda is sent: one week before, on the working day before if need be."""
        return en_uge_foer(self.dato, kalender_af(self.lukkedage))


def example() -> dict[str, Any]:
    return {
        "organisation": example_organisation(),
        "familie_navn": "Kragh Hansen",
        "dato": "2026-06-17",
        "starttid": "09:00",
        "sluttid": "11:15",
        "modtager": {
            "navn": "Karina Bech",
            "funktion": "klasselærer for Sofie (9.A), Lyngholmskolen",
            "email": "kabe@furesoe.dk",
        },
        "lokale": "Mødelokale 2, Familiens Fremtid",
        "adresse": "Palholmterrasserne 1, 3520 Farum",
        "oevrige_deltagere": [
            {
                "navn": "Hanne Kragh",
                "funktion": "Mormor",
                "telefon": "93 10 27 44",
            },
            {
                "navn": "Susanne Brink",
                "funktion": "afdelingsleder, Familierådgivningen",
                "telefon": "72 16 50 10",
            },
            {
                "navn": "Jonas Winther",
                "funktion": "rådgiver, Familierådgivningen",
                "telefon": "72 16 50 00",
                "email": "jowi@furesoe.dk",
            },
            {
                "navn": "Amir Haddad",
                "funktion": "jobkonsulent, Jobcentret",
                "telefon": "72 35 60 00",
                "email": "amha@furesoe.dk",
            },
            {
                "navn": "Thomas Lund",
                "funktion": "familiebehandler, Familiehuset",
                "telefon": "51 84 22 90",
                "email": "thlu@furesoe.dk",
            },
        ],
        "familiekoordinator": {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
        },
    }


SPEC = FormSpec(
    name="netvaerksmoede_invitation",
    title="Invitation til netværksmøde for professionelle",
    model=NetvaerksmoedeInvitation,
    template="netvaerksmoede_invitation.docx",
    example=example,
    code="A13",
    description="The letter inviting one professional to a network meeting, with the other "
    "participants, the fixed rules and the attachments; a calendar file without personal data "
    "comes from samarbejdsdok.ics.",
    attachments=(
        Attachment(
            kind="ics",
            suffix=".ics",
            title="kalenderinvitation uden personoplysninger",
            maker="samarbejdsdok.ics:invitation_ics",
        ),
    ),
)
