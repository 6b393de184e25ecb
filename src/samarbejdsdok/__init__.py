"""samarbejdsdok: Danish collaboration-model forms as validated data, rendered into Word.

>>> import samarbejdsdok
>>> plan = samarbejdsdok.get_form("samtykke_generel").example_model()
>>> docx_bytes = samarbejdsdok.render(plan)
>>> docx_bytes[:2]
b'PK'

The names below are imported lazily, so ``samarbejdsdok --help`` starts without loading the
rendering stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

__all__ = [
    "__version__",
    # rendering and validation
    "render",
    "render_template",
    "RenderedDocument",
    "Picture",
    "validate",
    "merge",
    "get_form",
    "all_forms",
    "FormSpec",
    "FormModel",
    # exceptions
    "SamarbejdsdokError",
    "FormNotFoundError",
    "FormPluginError",
    "DataError",
    "ConsentError",
    "InputFormatError",
    "Problem",
    "TemplateError",
    "TemplateNotFoundError",
    "TemplateSyntaxError",
    "TemplateRenderError",
    "OutputError",
    # form models, in catalogue order
    "Procesplan",
    "DrejebogTjekliste",
    "Moedeguide1",
    "Flyer",
    "Telefonmoede",
    "Screeningsmoede",
    "SamtykkeStatistik",
    "SamtykkeGenerel",
    "Familieplan",
    "Forberedelsesmoede",
    "Netvaerkskort",
    "NetvaerksmoedeDagsorden",
    "NetvaerksmoedeInvitation",
    "NetvaerksmoedeNotat",
    "MoedenotatSosLoeft",
    "FaellesMaalbillede",
    "JulemaerkehjemStillingtagen",
    "JulemaerkehjemKontaktperson",
    "JulemaerkehjemUdtalelse",
    "PlejefamilieSamarbejdsaftale",
    "Aarshjul",
    "Opfoelgningsplan",
    "Forloebsplan",
    "MaalOgDelmaal",
    "KontraktSamarbejdsaftale",
    "BbuReferat",
    "JulemaerkehjemIndkaldelse",
    "JulemaerkehjemOpfoelgning",
]

_LAZY: dict[str, str] = {
    "Procesplan": "forms.procesplan",
    "DrejebogTjekliste": "forms.drejebog_tjekliste",
    "Moedeguide1": "forms.moedeguide_1",
    "Flyer": "forms.flyer",
    "Telefonmoede": "forms.telefonmoede",
    "Screeningsmoede": "forms.screeningsmoede",
    "SamtykkeStatistik": "forms.samtykke_statistik",
    "SamtykkeGenerel": "forms.samtykke_generel",
    "Familieplan": "forms.familieplan",
    "Forberedelsesmoede": "forms.forberedelsesmoede",
    "Netvaerkskort": "forms.netvaerkskort",
    "NetvaerksmoedeDagsorden": "forms.netvaerksmoede_dagsorden",
    "NetvaerksmoedeInvitation": "forms.netvaerksmoede_invitation",
    "NetvaerksmoedeNotat": "forms.netvaerksmoede_notat",
    "MoedenotatSosLoeft": "forms.moedenotat_sos_loeft",
    "FaellesMaalbillede": "forms.faelles_maalbillede",
    "JulemaerkehjemStillingtagen": "forms.julemaerkehjem_stillingtagen",
    "JulemaerkehjemKontaktperson": "forms.julemaerkehjem_kontaktperson",
    "JulemaerkehjemUdtalelse": "forms.julemaerkehjem_udtalelse",
    "PlejefamilieSamarbejdsaftale": "forms.plejefamilie_samarbejdsaftale",
    "Aarshjul": "forms.aarshjul",
    "Opfoelgningsplan": "forms.opfoelgningsplan",
    "Forloebsplan": "forms.forloebsplan",
    "MaalOgDelmaal": "forms.maal_og_delmaal",
    "KontraktSamarbejdsaftale": "forms.kontrakt_samarbejdsaftale",
    "BbuReferat": "forms.bbu_referat",
    "JulemaerkehjemIndkaldelse": "forms.julemaerkehjem_indkaldelse",
    "JulemaerkehjemOpfoelgning": "forms.julemaerkehjem_opfoelgning",
    "render": "rendering",
    "render_template": "engine",
    "RenderedDocument": "engine",
    "Picture": "engine",
    "merge": "mailmerge",
    "validate": "validation",
    "get_form": "forms",
    "all_forms": "forms",
    "FormSpec": "forms",
    "FormModel": "forms",
    "SamarbejdsdokError": "errors",
    "FormNotFoundError": "errors",
    "FormPluginError": "errors",
    "DataError": "errors",
    "ConsentError": "errors",
    "InputFormatError": "errors",
    "Problem": "errors",
    "TemplateError": "errors",
    "TemplateNotFoundError": "errors",
    "TemplateSyntaxError": "errors",
    "TemplateRenderError": "errors",
    "OutputError": "errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'samarbejdsdok' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from .engine import Picture, RenderedDocument, render_template
    from .errors import (
        ConsentError,
        DataError,
        FormNotFoundError,
        FormPluginError,
        InputFormatError,
        OutputError,
        Problem,
        SamarbejdsdokError,
        TemplateError,
        TemplateNotFoundError,
        TemplateRenderError,
        TemplateSyntaxError,
    )
    from .forms import FormModel, FormSpec, all_forms, get_form
    from .forms.aarshjul import Aarshjul
    from .forms.bbu_referat import BbuReferat
    from .forms.drejebog_tjekliste import DrejebogTjekliste
    from .forms.faelles_maalbillede import FaellesMaalbillede
    from .forms.familieplan import Familieplan
    from .forms.flyer import Flyer
    from .forms.forberedelsesmoede import Forberedelsesmoede
    from .forms.forloebsplan import Forloebsplan
    from .forms.julemaerkehjem_indkaldelse import JulemaerkehjemIndkaldelse
    from .forms.julemaerkehjem_kontaktperson import JulemaerkehjemKontaktperson
    from .forms.julemaerkehjem_opfoelgning import JulemaerkehjemOpfoelgning
    from .forms.julemaerkehjem_stillingtagen import JulemaerkehjemStillingtagen
    from .forms.julemaerkehjem_udtalelse import JulemaerkehjemUdtalelse
    from .forms.kontrakt_samarbejdsaftale import KontraktSamarbejdsaftale
    from .forms.maal_og_delmaal import MaalOgDelmaal
    from .forms.moedeguide_1 import Moedeguide1
    from .forms.moedenotat_sos_loeft import MoedenotatSosLoeft
    from .forms.netvaerkskort import Netvaerkskort
    from .forms.netvaerksmoede_dagsorden import NetvaerksmoedeDagsorden
    from .forms.netvaerksmoede_invitation import NetvaerksmoedeInvitation
    from .forms.netvaerksmoede_notat import NetvaerksmoedeNotat
    from .forms.opfoelgningsplan import Opfoelgningsplan
    from .forms.plejefamilie_samarbejdsaftale import PlejefamilieSamarbejdsaftale
    from .forms.procesplan import Procesplan
    from .forms.samtykke_generel import SamtykkeGenerel
    from .forms.samtykke_statistik import SamtykkeStatistik
    from .forms.screeningsmoede import Screeningsmoede
    from .forms.telefonmoede import Telefonmoede
    from .mailmerge import merge
    from .rendering import render
    from .validation import validate
