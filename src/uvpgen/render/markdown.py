"""Render stage, Markdown: the document as the canonical text reviewers diff in git.

One method per node type, like the other writers; a node type it does not know stops the build.
The text is what uvpgen.markdown parses back into the same tree (tests/test_document_model.py
proves it for every document of the cycle): blocks apart by one blank line, the cover, colophon
and table of contents as `:::` blocks, a caption as a `{.bijschrift}` paragraph before its table
or figure, a table's id and classes in a `{#id .class}` line.
"""

from __future__ import annotations

import re

from ..document import (Block, BulletList, CodeBlock, Code, Colophon, Contents, Cover, DefinitionList, Document,
                        Emph, Figure, HardBreak, Heading, Image, Inline, Link, OrderedList, Paragraph, Quote, Rule,
                        SoftBreak, Strong, TableBlock, Text, Visitor)


def write_markdown(document: Document) -> str:
    return _MarkdownWriter().blocks(document.blocks) + "\n"


# Characters that would start emphasis, code, a link or an escape if printed as they are.
_SPECIAL = re.compile(r"([\\`*_\[\]])")


class _MarkdownWriter(Visitor):
    name = "Markdown-schrijver"

    def blocks(self, blocks: tuple[Block, ...], tight: bool = False) -> str:
        parts: list[str] = []
        for index, block in enumerate(blocks):
            written = self.block(block)
            if index and tight and isinstance(block, (BulletList, OrderedList)):
                parts[-1] += "\n" + written  # a sublist directly under its item's text
            else:
                parts.append(written)
        return "\n\n".join(parts)

    def block(self, block: Block) -> str:
        return self.visit(block)

    def visit_cover(self, node: Cover) -> str:
        return f"::: voorblad\n{self.blocks(node.blocks)}\n:::"

    def visit_colophon(self, node: Colophon) -> str:
        return f"::: colofon\n{self.blocks(node.blocks)}\n:::"

    def visit_contents(self, node: Contents) -> str:
        return "::: inhoud\n:::"

    def visit_heading(self, node: Heading) -> str:
        return "#" * node.level + " " + (f"{node.number} " if node.number else "") + self.inlines(node.title)

    def visit_paragraph(self, node: Paragraph) -> str:
        return (f"{{.{node.style}}}\n" if node.style else "") + self.inlines(node.inlines)

    def visit_bulletlist(self, node: BulletList) -> str:
        return self._list(node.items, ["- "] * len(node.items), node.tight)

    def visit_orderedlist(self, node: OrderedList) -> str:
        return self._list(node.items, [f"{node.start + index}. " for index in range(len(node.items))], node.tight)

    def _list(self, items, markers: list[str], tight: bool) -> str:
        written = [_hang(marker, self.blocks(item.blocks, tight)) for marker, item in zip(markers, items)]
        return ("\n" if tight else "\n\n").join(written)

    def visit_quote(self, node: Quote) -> str:
        return "\n".join(f"> {line}" if line else ">" for line in self.blocks(node.blocks).split("\n"))

    def visit_codeblock(self, node: CodeBlock) -> str:
        return "\n".join(f"    {line}" if line else "" for line in node.text.rstrip("\n").split("\n"))

    def visit_rule(self, node: Rule) -> str:
        return "---"

    def visit_definitionlist(self, node: DefinitionList) -> str:
        return "\n\n".join(self.inlines(item.term) + "\n" + "\n".join(_hang(":   ", self.blocks(blocks))
                                                                         for blocks in item.definitions)
                           for item in node.items)

    def visit_tableblock(self, node: TableBlock) -> str:
        lines = [] if node.caption is None else ["{.bijschrift}", f"Tabel {node.number} {self.inlines(node.caption)}", ""]
        attributes = ([f"#{node.id}"] if node.id else []) + ([".totaal"] if node.total else []) \
            + ([".breed"] if node.wide else [])
        if attributes:
            lines.append("{" + " ".join(attributes) + "}")
        lines.append("| " + " | ".join(self._cell(cell) for cell in node.header) + " |")
        lines.append("|" + "|".join("--:" if numeric else ":--" for numeric in node.numeric) + "|")
        for row in node.rows:
            lines.append("|" + "|".join(f" {text} " if (text := self._cell(cell)) else " " for cell in row.cells) + "|")
        return "\n".join(lines)

    def _cell(self, cell) -> str:
        return self.inlines(cell.inlines).replace("|", "\\|")

    def visit_figure(self, node: Figure) -> str:
        return f"{{.bijschrift}}\nFiguur {node.number} {self.inlines(node.caption)}\n\n{self.inline(node.image)}"

    # --- inlines ----------------------------------------------------------------------------

    def inlines(self, inlines: tuple[Inline, ...]) -> str:
        return "".join(self.inline(inline) for inline in inlines)

    def inline(self, inline: Inline) -> str:
        return self.visit(inline)

    def visit_text(self, node: Text) -> str:
        return _SPECIAL.sub(r"\\\1", node.text)

    def visit_code(self, node: Code) -> str:
        fence = "``" if "`" in node.text else "`"
        pad = " " if fence == "``" else ""
        return f"{fence}{pad}{node.text}{pad}{fence}"

    def visit_softbreak(self, node: SoftBreak) -> str:
        return "\n"

    def visit_hardbreak(self, node: HardBreak) -> str:
        return "\\\n"

    def visit_emph(self, node: Emph) -> str:
        return f"*{self.inlines(node.children)}*"

    def visit_strong(self, node: Strong) -> str:
        return f"**{self.inlines(node.children)}**"

    def visit_link(self, node: Link) -> str:
        return f"[{self.inlines(node.children)}]({node.href})"

    def visit_image(self, node: Image) -> str:
        return f"![{self.inlines(node.alt)}]({node.src})"


def _hang(marker: str, text: str) -> str:
    """`text` after a list marker or ':   ', its further lines indented to line up under it."""
    indent = " " * len(marker)
    lines = text.split("\n")
    return marker + lines[0] + "".join("\n" + (indent + line if line else "") for line in lines[1:])
