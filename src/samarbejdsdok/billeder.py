"""Pictures in documents: generated PNGs (the network map, the annual wheel) placed by a filter.

A form offers a picture as a field of type :class:`Billede` (PNG bytes, size, alt text); the
template places it with ``{{ netvaerkskort|billede }}``. The filter prints Word's inline drawing
(with the alt text as its description) and records the PNG for the renderer, which adds the
media part, its relationship and the ``png`` content type to the package. Pictures are supported
in the document body.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape
from pydantic import Field

from .forms._base import Part

__all__ = [
    "Billede",
    "billede",
    "collecting",
    "ImageParts",
    "package_additions",
    "kvadratisk_tegning",
    "png_bytes",
]

_EMU_PER_CM = 360_000
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


class Billede(Part):
    """A PNG picture with its size on the page and its alt text."""

    png: bytes = Field(title="Billede (PNG)", repr=False)
    bredde_cm: float = Field(title="Bredde (cm)", gt=0, le=30)
    hoejde_cm: float = Field(title="Højde (cm)", gt=0, le=30)
    alt: str = Field(title="Alternativ tekst", min_length=1)


_collected: contextvars.ContextVar[list[bytes] | None] = contextvars.ContextVar(
    "samarbejdsdok_images", default=None
)


class collecting:
    """Context manager: collect the pictures placed while a document is rendered."""

    def __enter__(self) -> list[bytes]:
        self.images: list[bytes] = []
        self.token = _collected.set(self.images)
        return self.images

    def __exit__(self, *exc: object) -> None:
        _collected.reset(self.token)


def _rid(n: int) -> str:
    return f"rIdSdImg{n}"


def billede(value: Mapping[str, Any] | Billede | None) -> Markup | str:
    """Place a picture (the ``billede`` filter). Prints nothing for a missing picture."""
    if value is None:
        return ""
    data = value.model_dump() if isinstance(value, Billede) else dict(value)
    images = _collected.get()
    if images is None:
        raise RuntimeError("billede-filteret kan kun bruges, når et dokument udfyldes")
    images.append(data["png"])
    n = len(images)
    cx = int(float(data["bredde_cm"]) * _EMU_PER_CM)
    cy = int(float(data["hoejde_cm"]) * _EMU_PER_CM)
    from .rendering import strip_forbidden_xml_chars

    alt = escape(" ".join(strip_forbidden_xml_chars(str(data["alt"])).split()))
    name = f"Billede {n}"
    drawing = (
        '</w:t><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{9000 + n}" name="{name}" descr="{alt}" title="{alt}"/>'
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks "
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
        "</wp:cNvGraphicFramePr>"
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{9000 + n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/>'
        "</pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{_rid(n)}"/><a:stretch><a:fillRect/></a:stretch>'
        "</pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
        '<w:t xml:space="preserve">'
    )
    return Markup(drawing)


class ImageParts:
    """What a package needs for the collected pictures."""

    def __init__(self, images: list[bytes]) -> None:
        self.media = {
            f"word/media/sd_img{n}_{hashlib.sha256(png).hexdigest()[:8]}.png": png
            for n, png in enumerate(images, start=1)
        }
        self.relationships = "".join(
            f'<Relationship Id="{_rid(n)}" Type="{_REL_TYPE}" Target="{name[5:]}"/>'
            for n, name in enumerate(self.media, start=1)
        )


def package_additions(
    images: list[bytes], rels_xml: str, content_types_xml: str
) -> tuple[dict[str, bytes], str, str]:
    """The media parts, and the document's relationships and content types with the pictures
    added."""
    parts = ImageParts(images)
    rels = rels_xml.replace("</Relationships>", parts.relationships + "</Relationships>")
    if 'Extension="png"' not in content_types_xml:
        content_types_xml = content_types_xml.replace(
            "</Types>", '<Default Extension="png" ContentType="image/png"/></Types>'
        )
    return parts.media, rels, content_types_xml


def kvadratisk_tegning(graense: float) -> tuple[Any, Any]:
    """A square matplotlib figure (7 × 7 in, 150 dpi) whose axes run from ``-graense`` to
    ``graense`` both ways, equal aspect, no axis lines: the canvas of the generated pictures."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 7), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-graense, graense)
    ax.set_ylim(-graense, graense)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def png_bytes(fig: Any) -> bytes:
    """The figure as PNG bytes, with no software stamp (so equal input gives equal bytes)."""
    import io
    import warnings

    out = io.BytesIO()
    with warnings.catch_warnings():
        # A name may hold characters the font lacks (emoji): drawn as boxes, not an error.
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        warnings.filterwarnings("ignore", message="Matplotlib currently does not support")
        fig.savefig(out, format="png", dpi=150, metadata={"Software": None})
    return out.getvalue()
