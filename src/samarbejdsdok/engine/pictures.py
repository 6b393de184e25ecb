"""Layer 4: pictures placed while a document is rendered. Imports :mod:`.xmltext` and
:mod:`.package` from the engine.

A :class:`Picture` is image bytes (PNG, JPEG or GIF) with its size on the page and an alt text;
the bytes may be given as a function that draws them, which is called at most once, and only if
the template places the picture. A template places a picture with ``{{ kort|billede }}`` or
just ``{{ kort }}``; docxtpl's ``InlineImage`` is accepted too (its ``tpl`` is not needed).
Placing prints Word's inline drawing and records the picture for the part being rendered; after
rendering, :func:`add_to_package` adds the media parts, each part's relationships and the
content types. Pictures work in the body, headers, footers and footnotes.

:func:`square_canvas` and :func:`png_bytes` are the matplotlib canvas of the generated pictures
(matplotlib is imported only when one is drawn).
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import posixpath
import re
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..errors import PictureError
from .package import CONTENT_TYPES, rels_name
from .xmltext import strip_forbidden_xml_chars

__all__ = [
    "Picture",
    "Placements",
    "collecting",
    "set_part",
    "note_markup",
    "TrustedMarkup",
    "place",
    "as_picture",
    "add_to_package",
    "square_canvas",
    "png_bytes",
    "quiet_glyphs",
    "label",
    "LABEL_LINES",
    "EMU_PER_CM",
]

EMU_PER_CM = 360_000
#: Characters of a picture's alt text in the document (Word writes it three times): enough for
#: a screen reader's summary; the full data stands in the document's own tables.
MAX_ALT_TEXT = 2_000
_REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_TYPES = {  # magic bytes -> (extension, content type)
    b"\x89PNG\r\n\x1a\n": ("png", "image/png"),
    b"\xff\xd8\xff": ("jpeg", "image/jpeg"),
    b"GIF87a": ("gif", "image/gif"),
    b"GIF89a": ("gif", "image/gif"),
}


@dataclass(eq=False)
class Picture:
    """A picture: image bytes (or a function drawing them), size in EMU, alt text.

    >>> Picture.from_cm(b"...", 4.0, 2.0, "Logo").width
    1440000
    """

    data: bytes | Callable[[], bytes] = field(repr=False)
    width: int
    height: int
    alt: str = ""
    _drawn: bytes | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_cm(
        cls, data: bytes | Callable[[], bytes], width_cm: float, height_cm: float, alt: str
    ) -> Picture:
        return cls(data, round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM), alt)

    def image(self) -> bytes:
        """The image bytes (drawn on first use)."""
        if self._drawn is None:
            self._drawn = self.data() if callable(self.data) else self.data
        return self._drawn

    def __html__(self) -> str:
        return str(place(self))


def _kind(data: bytes) -> tuple[str, str]:
    for magic, kind in _TYPES.items():
        if data.startswith(magic):
            return kind
    raise PictureError("billedet er hverken PNG, JPEG eller GIF")


def _from_inline_image(value: Any) -> Picture:
    """docxtpl's ``InlineImage``: the file or stream, and the size in EMU (or the image's own)."""
    source = value.image_descriptor
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read()
    else:
        with open(source, "rb") as fh:
            data = fh.read()
    from docx.image.image import Image

    width, height = Image.from_blob(data).scaled_dimensions(value.width, value.height)
    return Picture(data, int(width), int(height), "")


def as_picture(value: Any) -> Picture | None:
    """``value`` as a :class:`Picture` if it is one of the picture kinds we place, else None."""
    if isinstance(value, Picture):
        return value
    if type(value).__name__ == "InlineImage" and hasattr(value, "image_descriptor"):
        return _from_inline_image(value)
    if isinstance(value, Mapping) and {"png", "bredde_cm", "hoejde_cm", "alt"} <= value.keys():
        return Picture.from_cm(
            value["png"], float(value["bredde_cm"]), float(value["hoejde_cm"]), str(value["alt"])
        )
    return None


@dataclass
class _Placed:
    part: str
    number: int
    data: bytes
    extension: str
    content_type: str

    @property
    def rid(self) -> str:
        return f"rIdSdImg{self.number}"

    @property
    def media(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()[:8]
        return f"word/media/sd_img{self.number}_{digest}.{self.extension}"


class Placements:
    """What one document's rendering collects besides its XML: the pictures placed, by part."""

    def __init__(self) -> None:
        self.placed: list[_Placed] = []
        self.part = "word/document.xml"
        #: Parts where a value printed markup the engine did not make (docxtpl's RichText,
        #: Listing, ``|safe``): they get every post-processing step and the full XML check.
        self.markup_parts: set[str] = set()

    def __len__(self) -> int:
        return len(self.placed)

    def parts(self) -> set[str]:
        return {p.part for p in self.placed}


_current: contextvars.ContextVar[Placements | None] = contextvars.ContextVar(
    "samarbejdsdok_pictures", default=None
)


class collecting:
    """Context manager: collect the pictures placed while a document is rendered."""

    def __enter__(self) -> Placements:
        self.placements = Placements()
        self.token = _current.set(self.placements)
        return self.placements

    def __exit__(self, *exc: object) -> None:
        _current.reset(self.token)


def set_part(part: str) -> None:
    """The part being rendered from now on (its pictures get relationships there)."""
    placements = _current.get()
    if placements is not None:
        placements.part = part


class TrustedMarkup(Markup):
    """Markup the engine made itself (a line break, a tab, a picture): balanced inside the
    text of a run, so it cannot make the document's XML malformed."""

    __slots__ = ()


def note_markup() -> None:
    """Note that the part being rendered printed markup the engine did not make."""
    placements = _current.get()
    if placements is not None:
        placements.markup_parts.add(placements.part)


def place(value: Any) -> Markup:
    """Place a picture (the ``billede`` filter); prints nothing for ``None``."""
    if value is None:
        return TrustedMarkup("")
    picture = as_picture(value)
    if picture is None:
        raise PictureError("værdien er ikke et billede")
    placements = _current.get()
    if placements is None:
        raise PictureError("et billede kan kun placeres, mens et dokument udfyldes")
    data = picture.image()
    extension, content_type = _kind(data)
    n = len(placements.placed) + 1
    placed = _Placed(placements.part, n, data, extension, content_type)
    placements.placed.append(placed)
    alt = " ".join(strip_forbidden_xml_chars(picture.alt[: 4 * MAX_ALT_TEXT]).split())
    if len(alt) > MAX_ALT_TEXT:
        alt = alt[: MAX_ALT_TEXT - 1].rsplit(" ", 1)[0] + "…"
    alt = escape(alt)
    name = f"Billede {n}"
    cx, cy = picture.width, picture.height
    return TrustedMarkup(
        f'</w:t><w:drawing><wp:inline {_NS} distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{n}" name="{name}" descr="{alt}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="{name}" descr="{alt}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{placed.rid}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
        '<w:t xml:space="preserve">'
    )


_EMPTY_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "</Relationships>"
)


def add_to_package(placements: Placements, read: Callable[[str], bytes | None]) -> dict[str, bytes]:
    """The parts to add or replace for the placed pictures: media, relationships of each part
    that got pictures, and the content types. ``read(name)`` gives a part of the template
    (``None`` if it has none)."""
    changed: dict[str, bytes] = {}
    for part in sorted(placements.parts()):
        name = rels_name(part)
        rels = changed.get(name) or read(name) or _EMPTY_RELS.encode()
        folder = posixpath.dirname(part)
        added = "".join(
            f'<Relationship Id="{p.rid}" Type="{_REL_IMAGE}" '
            f'Target="{posixpath.relpath(p.media, folder)}"/>'
            for p in placements.placed
            if p.part == part
        )
        text = re.sub(
            r"<Relationships([^>]*)/>", r"<Relationships\1></Relationships>", rels.decode("utf-8")
        )
        text = text.replace("</Relationships>", added + "</Relationships>")
        changed[name] = text.encode("utf-8")
    types = (read(CONTENT_TYPES) or b"").decode("utf-8")
    for p in placements.placed:
        if f'Extension="{p.extension}"' not in types:
            types = types.replace(
                "</Types>",
                f'<Default Extension="{p.extension}" ContentType="{p.content_type}"/></Types>',
            )
    changed[CONTENT_TYPES] = types.encode("utf-8")
    for p in placements.placed:
        changed[p.media] = p.data
    return changed


LABEL_LINES = 3
"""The most lines one label of a generated picture takes (:func:`label`)."""


def label(text: str, width: int, lines: int = LABEL_LINES) -> str:
    r"""``text`` as a picture's label: wrapped to lines of at most ``width`` characters, at most
    ``lines`` of them, and cut with ``…`` when it is longer.

    Only the first ``width * lines`` characters are looked at, so a label costs the same however
    long the text is (matplotlib lays out every character it is given, and its own ``wrap``
    measures the text once per word: a 200,000-character name took minutes). The whole text is
    in the picture's alt text and in the document's table.

    >>> label("Røde Kors Familienetværk", 28)
    'Røde Kors Familienetværk'
    >>> label("Røde Kors Familienetværk", 10)
    'Røde Kors\nFamilienet\nværk'
    >>> label("a " * 100, 5, 2)
    'a a a\na a…'
    """
    cut = len(text) > width * lines
    wrapped = [line.strip() for line in textwrap.wrap(text[: width * lines], width)] or [""]
    if len(wrapped) > lines:
        wrapped, cut = wrapped[:lines], True
    if cut:
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def square_canvas(limit: float) -> tuple[Any, Any]:
    """A square matplotlib figure (7 × 7 in, 150 dpi) whose axes run from ``-limit`` to
    ``limit`` both ways, equal aspect, no axis lines: the canvas of the generated pictures."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 7), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


@contextlib.contextmanager
def quiet_glyphs() -> Iterator[None]:
    """Matplotlib's warnings about characters its font lacks, silenced: a name may hold such
    characters (emoji), drawn as boxes, not an error and not a line on the user's terminal."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        warnings.filterwarnings("ignore", message="Matplotlib currently does not support")
        yield


def png_bytes(fig: Any) -> bytes:
    """The figure as PNG bytes, with no software stamp (so equal input gives equal bytes)."""
    import io

    out = io.BytesIO()
    with quiet_glyphs():
        fig.savefig(out, format="png", dpi=150, metadata={"Software": None})
    return out.getvalue()
