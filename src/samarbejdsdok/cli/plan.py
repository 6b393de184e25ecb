"""``plan``: the meeting dates a collaboration model prescribes, optionally as a calendar."""

from __future__ import annotations

import argparse
import datetime as dt

from . import EXIT_OK, _err, _UsageError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato (ÅÅÅÅ-MM-DD)") from None


def cmd_plan(args: argparse.Namespace) -> int:
    from .. import kadence
    from ..formatting import dato_kort, dato_lang
    from ..forms._base import kalender_af_profil

    profil = None
    if args.profile:
        from ..profil import load

        profil = load(args.profile)
    kalender = kalender_af_profil(profil)
    try:
        if args.model == "julemaerkehjem":
            if args.slut is None:
                raise _UsageError("julemaerkehjem kræver --slut (opholdets sidste dag)")
            meetings = kadence.julemaerkehjem(args.start, args.slut, kalender)
        elif args.model == "bbu":
            meetings = kadence.bbu(
                args.start,
                akut=args.akut,
                indskrivning_uden_sagsbehandler=args.uden_sagsbehandler,
                uger=args.uger,
                afgoerelser=tuple(args.afgoerelse),
                udflytning=args.udflytning,
                kalender=kalender,
            )
        else:
            meetings = kadence.sammen_om_familien(
                args.start, args.sagstype, args.maaneder, kalender
            )
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    print(f"{kadence.MODELLER[args.model]}: plan fra {dato_lang(args.start)}")
    width = max(len(m.navn) for m in meetings)
    for m in meetings:
        window = f" (vindue {dato_kort(m.fra)}–{dato_kort(m.til)})" if m.fra and m.til else ""
        print(f"{dato_lang(m.dato):<32}  {m.navn:<{width}}  {m.regel}{window}")
    if args.ics:
        from ..rendering import write_atomic

        write_atomic(args.ics, kadence.plan_ics(meetings, args.model))
        _err(f"Skrev {args.ics}")
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("plan", help="de datoer en samarbejdsmodel foreskriver")
    p.add_argument("model", choices=["julemaerkehjem", "bbu", "sammen_om_familien"])
    p.add_argument(
        "--start",
        required=True,
        type=_date,
        metavar="DATO",
        help="opholdets/anbringelsens/sagens start (ÅÅÅÅ-MM-DD)",
    )
    p.add_argument(
        "--slut", type=_date, metavar="DATO", help="julemaerkehjem: opholdets sidste dag"
    )
    p.add_argument("--akut", action="store_true", help="bbu: akut anbringelse")
    p.add_argument(
        "--uden-sagsbehandler",
        action="store_true",
        help="bbu: sagsbehandleren var ikke med ved indskrivningen",
    )
    p.add_argument("--uger", type=int, default=12, help="bbu: antal uger (standard 12)")
    p.add_argument(
        "--afgoerelse",
        type=_date,
        action="append",
        default=[],
        metavar="DATO",
        help="bbu: dato for en afgørelse (kan gentages)",
    )
    p.add_argument("--udflytning", type=_date, metavar="DATO", help="bbu: barnets udflytning")
    p.add_argument(
        "--sagstype",
        choices=["kompensation", "undersøgelse"],
        default="kompensation",
        help="sammen_om_familien: sagstypen, der fastlægger kadencen",
    )
    p.add_argument("--maaneder", type=int, default=12, help="sammen_om_familien: måneder")
    p.add_argument("--ics", metavar="UD.ics", help="skriv planen som kalenderbegivenheder")
    p.add_argument(
        "--profile",
        metavar="P.json",
        help="kommuneprofil: kommunens lukkedage (uden: helligdage samt 24. og 31. december)",
    )
    p.set_defaults(func=cmd_plan)
