"""The grammar of the canonical Markdown text, shared by compose (checks) and both renderers.

CommonMark without raw HTML, plus GFM tables, `:::` containers (voorblad, inhoud, colofon),
`{.class}` block attributes (tables, captions) and definition lists (project pages).
"""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML, RendererProtocol
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

CONTAINERS = ("voorblad", "inhoud", "colofon")


def parser(renderer_cls: type[RendererProtocol] = RendererHTML) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}, renderer_cls=renderer_cls).enable("table")
    for name in CONTAINERS:
        md.use(container_plugin, name)
    # Parse every link and image, whatever its address: compose then refuses the unsafe ones with
    # a message, instead of markdown-it silently leaving them as text.
    md.validateLink = lambda url: True
    return md.use(attrs_block_plugin).use(deflist_plugin)


def heading_id(text: str) -> str:
    """A stable anchor for a heading: '4.1 Programma Vergunningen' -> 'h-4-1-programma-vergunningen'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "h-" + re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
