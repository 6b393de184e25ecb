"""Furesø Kommune's own forms for samarbejdsdok (an example plug-in)."""
