"""The grammar of the canonical Markdown text, shared by content (checks) and both renderers.

CommonMark without raw HTML, plus GFM tables, `:::` containers (voorblad, inhoud, colofon),
`{.class}` block attributes (tables, captions) and definition lists (project pages). The
constructs are declared below as markdown-it syntax-tree node types: both renderers have a
handler for every one (tests/test_grammar.py), and the content check refuses anything else.
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

# Blocks a text may consist of. Lists and quotes nest at most MAX_NESTING deep: far below
# markdown-it's own maxNesting, past which it silently drops the rest of the document.
BLOCKS = ("paragraph", "heading", "blockquote", "bullet_list", "ordered_list", "code_block", "fence", "hr",
          "table", "dl", "dt", "dd", *(f"container_{name}" for name in CONTAINERS))
# Parts that only occur inside their block and are rendered by its handler.
PARTS = ("list_item", "thead", "tbody", "tr", "th", "td")
INLINES = ("text", "softbreak", "hardbreak", "code_inline", "em", "strong", "link", "image")
NESTING = ("blockquote", "bullet_list", "ordered_list")
MAX_NESTING = 3
TEMPLATE_ONLY = tuple(f"container_{name}" for name in CONTAINERS)  # the template places these, not writers
# Control characters (form feed, NUL, escape, ...) have no meaning in a text and cannot be stored in DOCX.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
