"""The render engine: Word templates in, finished .docx out, in one-way layers.

Each module imports only the ones above it in this list (a test reads the imports and fails on
anything else); the engine never imports the forms. See docs/architecture.md.

1. :mod:`.xmltext` - Word XML as text: docxtpl's tag reading, escapes, control characters,
   drawing ids, forbidden characters.
2. :mod:`.package` - the .docx package: the one list of templated parts, the one
   well-formedness check, the deterministic zip writer, document properties.
3. :mod:`.controls` - stand-ins for values typed later, Word content controls written where
   they print, and read back from a filled document.
4. :mod:`.budget` - the render budget: steps, depth, value and output sizes, wall time,
   enforced while rendering.
5. :mod:`.limits` - what a template may cost before it is used: package, loops, operators.
6. :mod:`.pictures` - pictures placed while rendering, in any templated part.
7. :mod:`.environment` - the one sandboxed Jinja environment and how values print.
8. :mod:`.prepared` - a template prepared once (the one cache) and rendered many times.
9. :mod:`.introspection` - the placeholders a template uses and whether a context has them.
10. :mod:`.check` - everything wrong with a template, before it is used.
11. :mod:`.api` - :func:`render_template` (and the docxtpl reference path), :func:`write_atomic`.
"""

from __future__ import annotations

from .api import RenderedDocument, render_template, template_data, write_atomic
from .budget import RenderLimits
from .environment import environment
from .pictures import Picture
from .prepared import PreparedTemplate, prepare
from .xmltext import strip_forbidden_xml_chars

__all__ = [
    "render_template",
    "RenderedDocument",
    "RenderLimits",
    "Picture",
    "environment",
    "prepare",
    "PreparedTemplate",
    "template_data",
    "write_atomic",
    "strip_forbidden_xml_chars",
]
