"""Data the rule tests of the network-meeting invitation (A13), note (A14) and family plan (A9)
work on.

These were the bundled examples before the examples were made to follow the example family
(docs/eksempelfamilie.md): the bridge from a note to a plan and the plan's rules are worked out
by hand on them (a network meeting on 23 November 2026), so they stay fixed here while the
bundled examples are the case file's documents.
"""

from __future__ import annotations

from typing import Any

NOTAT_BASE: dict[str, Any] = {
    "organisation": {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    },
    "familiens_navne": [
        "Mette Kragh Hansen",
        "Sofie Kragh Hansen",
        "Oliver Kragh Hansen",
    ],
    "dato": "2026-11-23",
    "starttid": "10:00",
    "sluttid": "12:00",
    "moedeleder": "Susanne Brink, afdelingsleder i Familierådgivningen",
    "referent": "Lene Dahl, familiekoordinator",
    "deltagere": {
        "familien": [
            "Mette Kragh Hansen",
            "Sofie Kragh Hansen",
            "Hanne Kragh (mormor, bisidder for Mette)",
        ],
        "netvaerket": [
            {
                "navn": "Lene Dahl",
                "funktion": "familiekoordinator, Familiens Fremtid",
                "telefon": "40 21 33 18",
                "email": "leda@furesoe.dk",
            },
            {
                "navn": "Jonas Winther",
                "funktion": "rådgiver, Familierådgivningen",
                "telefon": "72 16 50 00",
            },
            {
                "navn": "Amir Haddad",
                "funktion": "jobkonsulent, Jobcentret",
            },
            {
                "navn": "Karina Bech",
                "funktion": "klasselærer for Sofie, Lyngholmskolen",
            },
            {
                "navn": "Thomas Lund",
                "funktion": "familiebehandler, Familiehuset",
            },
        ],
        "afbud": [
            {
                "navn": "Kasper Nørgaard",
                "funktion": "fritidsvejleder, Fritidsvejledningen",
            },
        ],
    },
    "familiens_fortaelling": (
        "Mette fortæller, at hverdagen er blevet lidt lettere, siden Oliver kom i gang i "
        "Familiehuset. Morgenerne er stadig svære, og Sofie har meget fravær.\n"
        "Bedste håb for mødet: at alle ved, hvem der gør hvad, så Mette ikke skal fortælle det "
        "samme til fem forskellige."
    ),
    "netvaerkets_runde": [
        {
            "navn": "Jonas Winther",
            "afdeling": "Familierådgivningen",
            "hvad_virker": "Familiebehandlingen i Familiehuset; Mette møder op til aftaler.",
            "hvad_udfordrer": "Sofies fravær og manglende kontakt til faren.",
        },
        {
            "navn": "Karina Bech",
            "afdeling": "Lyngholmskolen",
            "hvad_virker": "Sofie trives i de kreative fag og har en god veninde i klassen.",
            "hvad_udfordrer": "18 % fravær i efteråret, mest om mandagen.",
        },
        {
            "navn": "Amir Haddad",
            "afdeling": "Jobcentret",
            "hvad_virker": "Mette er motiveret for praktik i en børnehave.",
            "hvad_udfordrer": "Praktikken skal passe med børnenes mødetider.",
        },
        {
            "navn": "Thomas Lund",
            "afdeling": "Familiehuset",
            "hvad_virker": "Faste aftenrutiner for Oliver; han sover bedre.",
            "hvad_udfordrer": "Konflikter mellem søskende om morgenen.",
        },
        {
            "navn": "Lene Dahl",
            "afdeling": "Familiens Fremtid",
            "hvad_virker": "Mette bruger sms til at sige til, når noget brænder på.",
            "hvad_udfordrer": "Mange møder på samme tid – de skal samles.",
        },
    ],
    "teambaseret_dialog": (
        "Netværket talte om, hvordan morgenerne kan blive lettere: vækkeur til Sofie, madpakker "
        "om aftenen og et fast morgenritual, som Familiehuset hjælper med.\n"
        "Mettes praktik planlægges, så hun kan følge Oliver i skole."
    ),
    "aftaler": [
        {
            "indhold": "Morgenplan for familien afprøves i to uger",
            "ansvarlige": [
                "Mette Kragh Hansen",
                "Thomas Lund",
            ],
            "tidsfrist": "2026-12-07",
        },
        {
            "indhold": "Samtale om Sofies fravær med Sofie, Mette og skolen",
            "ansvarlige": [
                "Karina Bech",
                "Sofie Kragh Hansen",
                "Mette Kragh Hansen",
            ],
            "tidsfrist": "2026-12-11",
        },
        {
            "indhold": "Praktikplads i en børnehave med start i januar findes",
            "ansvarlige": [
                "Amir Haddad",
                "Mette Kragh Hansen",
            ],
            "tidsfrist": "2026-12-18",
        },
        {
            "indhold": "Kontakt til Sofies og Olivers far om samvær undersøges",
            "ansvarlige": [
                "Jonas Winther",
            ],
            "tidsfrist": "2027-01-15",
        },
        {
            "indhold": "Fritidstilbud til Oliver findes sammen med Fritidsvejledningen",
            "ansvarlige": [
                "Lene Dahl",
                "Kasper Nørgaard",
                "Oliver Kragh Hansen",
            ],
            "tidsfrist": "2027-01-29",
        },
    ],
    "naeste_netvaerksmoede": "2027-02-22",
}

FAMILIEPLAN_BASE: dict[str, Any] = {
    "organisation": {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    },
    "familie": "Familien Kragh Hansen",
    "gyldig_fra": "2026-11-23",
    "gyldig_til": "2027-05-31",
    "opdateret": "2026-11-27",
    "netvaerksmoede_dato": "2026-11-23",
    "aftaler": [
        {
            "indhold": "Morgenplan for familien afprøves i to uger",
            "ansvarlige": [
                "Mette Kragh Hansen",
                "Thomas Lund",
            ],
            "tidsfrist": "2026-12-07",
        },
        {
            "indhold": "Samtale om Sofies fravær med Sofie, Mette og skolen",
            "ansvarlige": [
                "Karina Bech",
                "Sofie Kragh Hansen",
                "Mette Kragh Hansen",
            ],
            "tidsfrist": "2026-12-11",
        },
        {
            "indhold": "Praktikplads i en børnehave med start i januar findes",
            "ansvarlige": [
                "Amir Haddad",
                "Mette Kragh Hansen",
            ],
            "tidsfrist": "2026-12-18",
        },
        {
            "indhold": "Kontakt til Sofies og Olivers far om samvær undersøges",
            "ansvarlige": [
                "Jonas Winther",
            ],
            "tidsfrist": "2027-01-15",
        },
        {
            "indhold": "Fritidstilbud til Oliver findes sammen med Fritidsvejledningen",
            "ansvarlige": [
                "Lene Dahl",
                "Kasper Nørgaard",
                "Oliver Kragh Hansen",
            ],
            "tidsfrist": "2027-01-29",
        },
    ],
    "kommunalt_netvaerk": {
        "sagsbehandlere": [
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
            },
        ],
        "familiehuset": [
            {
                "navn": "Thomas Lund",
                "funktion": "Familiebehandler",
                "telefon": "51 84 22 90",
            },
        ],
        "skolen": [
            {
                "navn": "Karina Bech",
                "funktion": "klasselærer for Sofie (9.A), Lyngholmskolen",
                "email": "kabe@furesoe.dk",
            },
            {
                "navn": "Morten Friis",
                "funktion": "klasselærer for Oliver (4.B), Lyngholmskolen",
                "telefon": "44 91 22 00",
            },
        ],
        "familiekoordinator": [
            {
                "navn": "Lene Dahl",
                "funktion": "familiekoordinator, Familiens Fremtid",
                "telefon": "40 21 33 18",
                "email": "leda@furesoe.dk",
            },
        ],
        "fritidsvejledningen": [
            {
                "navn": "Kasper Nørgaard",
                "funktion": "Fritidsvejleder",
                "telefon": "61 27 45 03",
            },
        ],
    },
    "eksternt_netvaerk": [
        {
            "navn": "Dorthe Rasmussen",
            "funktion": "psykolog, Børne- og Ungdomspsykiatrien, Region Hovedstaden",
            "telefon": "30 64 11 72",
        },
        {
            "navn": "Lægehuset Farum Midtpunkt",
            "funktion": "familiens egen læge",
        },
        {
            "navn": "Røde Kors Familienetværk",
            "funktion": "frivillig familieven",
            "telefon": "26 18 40 55",
        },
    ],
    "personligt_netvaerk": [
        {
            "navn": "Hanne Kragh",
            "relation": "Mormor",
            "telefon": "93 10 27 44",
        },
        {
            "navn": "Brian Hansen",
            "relation": "Far til Sofie og Oliver",
        },
        {
            "navn": "Camilla Juul",
            "relation": "Veninde til Mette",
            "telefon": "22 47 81 36",
        },
    ],
    "aktuelle_indsatser": [
        {
            "navn": "Mette Kragh Hansen",
            "cpr": "120585-2468",
            "plan": "Jobplan",
            "tilbud": "Virksomhedspraktik",
            "tilbud_timer_uge": 15,
            "opfoelgning": "Hver 4. uge",
            "start": "2027-01-04",
            "slut": "2027-03-26",
        },
        {
            "navn": "Mette Kragh Hansen",
            "cpr": "120585-2468",
            "plan": "Helhedsorienteret indsats",
            "tilbud": "Familiekoordinator",
            "tilbud_timer_uge": 1.5,
            "opfoelgning": "Netværksmøde hver 3. måned",
            "start": "2026-09-14",
        },
        {
            "navn": "Sofie Kragh Hansen",
            "cpr": "150311-4123",
            "plan": "Barnets plan",
            "tilbud": "Fast kontaktperson",
            "tilbud_timer_uge": 3,
            "opfoelgning": "Hver 3. måned",
            "start": "2026-08-17",
            "slut": "2027-06-30",
        },
        {
            "navn": "Oliver Kragh Hansen",
            "cpr": "020616-4567",
            "plan": "Barnets plan",
            "tilbud": "Familiebehandling i Familiehuset",
            "tilbud_timer_uge": 2.5,
            "opfoelgning": "Hver 3. måned",
            "start": "2026-10-05",
            "slut": "2027-04-30",
        },
    ],
    "familiestatus": [
        {
            "navn": "Mette Kragh Hansen",
            "aktuel_situation": (
                "Modtager kontanthjælp og er jobparat. Motiveret for praktik i en børnehave.\n"
                "Sover dårligt og er træt om morgenen."
            ),
        },
        {
            "navn": "Sofie Kragh Hansen",
            "aktuel_situation": (
                "Går i 9. klasse. 18 % fravær i efteråret; trives i de kreative fag. Drømmer om "
                "efterskole."
            ),
        },
        {
            "navn": "Oliver Kragh Hansen",
            "aktuel_situation": (
                "Går i 4. klasse. Sover bedre efter faste aftenrutiner; savner en fritidsaktivitet."
            ),
        },
    ],
    "egne_maal": [
        {
            "maal": "Rolige morgener, hvor alle kommer af sted til tiden",
            "hvornaar": "Inden juleferien",
            "hvem": "Hele familien",
        },
        {
            "maal": "Mette i praktik i en børnehave",
            "hvornaar": "Januar 2027",
            "hvem": "Mette med støtte fra Amir",
        },
        {
            "maal": "Sofie på efterskole efter 9. klasse",
            "hvornaar": "August 2027",
            "hvem": "Sofie og Mette",
        },
        {
            "maal": "Oliver går til en fritidsaktivitet hver uge",
            "hvornaar": "Februar 2027",
            "hvem": "Oliver med hjælp fra Kasper",
        },
    ],
    "handleplaner": [
        {
            "navn": "Mette Kragh Hansen",
            "indsatser": [
                {
                    "indsats": "Virksomhedspraktik",
                    "formaal": "Afprøve arbejdet i en børnehave",
                    "maal": "Ordinære timer eller uddannelse som pædagogisk assistent",
                    "ansvarlig": "Amir Haddad, jobkonsulent i Jobcentret",
                    "hvem_goer_hvad": "Amir finder praktikplads; Mette besøger stedet",
                },
                {
                    "indsats": "Familiekoordinator",
                    "formaal": "Overblik over familiens aftaler",
                    "maal": "Mette ved, hvem der gør hvad",
                    "ansvarlig": "Lene Dahl",
                    "hvem_goer_hvad": "Lene samler møderne; Mette siger til ved behov",
                },
            ],
        },
        {
            "navn": "Sofie Kragh Hansen",
            "indsatser": [
                {
                    "indsats": "Fast kontaktperson",
                    "formaal": "En voksen at tale med uden for familien",
                    "maal": "Fravær under 10 %",
                    "ansvarlig": "Jonas Winther, Familierådgivningen",
                    "hvem_goer_hvad": "Kontaktpersonen ringer mandag morgen",
                },
                {
                    "indsats": "Fraværsplan i skolen",
                    "formaal": "At Sofie kommer i skole hver dag",
                    "maal": "Bestå 9. klasses afgangsprøve",
                    "ansvarlig": "Karina Bech, Lyngholmskolen",
                    "hvem_goer_hvad": "Karina følger op hver fredag",
                },
            ],
        },
        {
            "navn": "Oliver Kragh Hansen",
            "indsatser": [
                {
                    "indsats": "Familiebehandling",
                    "formaal": "Faste rutiner morgen og aften",
                    "maal": "Færre konflikter om morgenen",
                    "ansvarlig": "Thomas Lund, Familiehuset",
                    "hvem_goer_hvad": "Thomas kommer hjem til familien hver tirsdag",
                },
                {
                    "indsats": "Fritidsvejledning",
                    "formaal": "Et fællesskab uden for skolen",
                    "maal": "Oliver går til fodbold eller spejder",
                    "ansvarlig": "Kasper Nørgaard, Fritidsvejledningen",
                    "hvem_goer_hvad": "Kasper og Oliver besøger to klubber",
                },
            ],
        },
    ],
}

#: The invitation of the rule tests and the calendar file's tests (7 December 2026).
INVITATION_BASE: dict[str, Any] = {
    "organisation": {
        "kommune": "Furesø Kommune",
        "indsats": "Familiens Fremtid",
        "afdeling": "Familierådgivningen",
    },
    "modtager": {
        "navn": "Karina Bech",
        "funktion": "klasselærer for Sofie, Lyngholmskolen",
        "telefon": "72 35 61 00",
        "email": "kabe@furesoe.dk",
    },
    "familie_navn": "Kragh Hansen",
    "dato": "2026-12-07",
    "starttid": "09:00",
    "lokale": "Mødelokale 2, Familiens Fremtid",
    "adresse": "Palholmterrasserne 1, 3520 Farum",
    "oevrige_deltagere": [
        {
            "navn": "Lene Dahl",
            "funktion": "familiekoordinator, Familiens Fremtid",
            "telefon": "40 21 33 18",
            "email": "leda@furesoe.dk",
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
            "email": "amha@furesoe.dk",
        },
        {
            "navn": "Thomas Lund",
            "funktion": "familiebehandler, Familiehuset",
            "telefon": "72 16 52 40",
            "email": "thlu@furesoe.dk",
        },
    ],
    "familiekoordinator": {
        "navn": "Lene Dahl",
        "funktion": "Familiekoordinator",
        "telefon": "40 21 33 18",
        "email": "leda@furesoe.dk",
    },
}
