"""For template authors: ``fields`` (the placeholders a form's template may use) and
``check-template`` (everything wrong with an edited template)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_FAILED, EXIT_OK, _err, _form, _mask


def cmd_fields(args: argparse.Namespace) -> int:
    from ..fieldinfo import field_notes, field_rows

    spec = _form(args.form)
    profile = None
    if args.profile:
        from .. import profil

        profile = profil.load(args.profile)
    rows = field_rows(spec.model)
    width = max(len(r.path) for r in rows)
    print(f"Pladsholdere i {spec.name} ({spec.title}); skriv dem som {{{{ sti }}}} i Word.")
    print("Lister gennemløbes med {%tr for x in liste %} ... {%tr endfor %}; [] er et element.")
    for r in rows:
        label = r.title or ("afledt" if r.computed else "")
        extra = " (afledt, ikke input)" if r.computed else ""
        print(f"{r.path:<{width}}  {r.type:<28}  {label}{extra}")
    print(f"{'lov.<nøgle>.henvisning':<{width}}  {'tekst':<28}  lovhenvisning (se lovtabellen)")
    print(f"{'dokument.titel':<{width}}  {'tekst':<28}  formularens titel")
    notes = field_notes(spec.model, profile)
    if notes:
        print()
        print("\n".join(notes))
    return EXIT_OK


def cmd_check_template(args: argparse.Namespace) -> int:
    from ..templatecheck import check_template

    spec = _form(args.form)
    path = Path(args.template)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from ..errors import TemplateNotFoundError

        raise TemplateNotFoundError(
            f"Skabelonen {path} kan ikke læses: {exc.strerror}", form=spec.name, template=str(path)
        ) from None
    findings = check_template(spec, data, str(path))
    for finding in findings:
        print(_mask(f"- {finding}"))
    if findings:
        noun = "problem" if len(findings) == 1 else "problemer"
        _err(f"{len(findings)} {noun} i skabelonen {path} til {spec.name}.")
        return EXIT_FAILED
    _err(f"Skabelonen {path} er i orden til {spec.name}.")
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "fields", help="pladsholderne en skabelon må bruge (sti, type, titel)"
    )
    p.add_argument("form", metavar="FORM")
    p.add_argument(
        "--profile",
        metavar="P.json",
        help="kommuneprofil: vis kommunens egne standardparter (bokse)",
    )
    p.set_defaults(func=cmd_fields)

    p = subparsers.add_parser(
        "check-template",
        help="kontrollér en redigeret skabelon; afslutningskode 0 kun hvis den er i orden",
    )
    p.add_argument("form", metavar="FORM")
    p.add_argument("template", metavar="T.docx")
    p.set_defaults(func=cmd_check_template)
