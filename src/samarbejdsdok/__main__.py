"""``python -m samarbejdsdok`` runs the CLI."""

from .cli import main

raise SystemExit(main())
