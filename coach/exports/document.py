"""A small document model, written once and rendered as Markdown or as one HTML file.

The brag document and the packet are built as blocks (headings, paragraphs, bullet lists,
tables, figures); ``to_markdown`` and ``to_html`` render them. A figure is an inline SVG chart
in HTML and its table of numbers in Markdown. The HTML needs nothing but itself: the CSS is
inline, charts are SVG, there is no script, and its Content-Security-Policy forbids loading
anything, so opening it offline shows exactly what was exported.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Union


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Strong:
    text: str


Inline = Union[str, Link, Strong]


@dataclass(frozen=True)
class Item:
    parts: tuple[Inline, ...]
    children: tuple["Item", ...] = ()


@dataclass(frozen=True)
class Heading:
    level: int  # 2 or 3; the document title is level 1
    text: str


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]
    muted: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A chart: ``svg`` in HTML, ``table`` (the same numbers) in Markdown."""

    caption: str
    svg: str
    table: Table


Block = Union[Heading, Paragraph, Bullets, Table, Figure]


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    blocks: tuple[Block, ...] = field(default=())


_URL = re.compile(r"https?://[^\s<>\"'`]+")


def reference_parts(reference: str) -> tuple[Inline, ...]:
    """A reference as written, with anything that looks like a web address made a link."""
    parts: list[Inline] = []
    position = 0
    for match in _URL.finditer(reference):
        url = match.group(0).rstrip(".,;:)")
        if match.start() > position:
            parts.append(reference[position:match.start()])
        parts.append(Link(url, url))
        position = match.start() + len(url)
    if position < len(reference):
        parts.append(reference[position:])
    return tuple(parts)


# -- Markdown --------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _md_inline(parts: tuple[Inline, ...]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Link) and part.text == part.url:
            out.append(f"<{part.url}>")
        elif isinstance(part, Link):
            target = f"<{part.url}>" if re.search(r"[\s()]", part.url) else part.url
            out.append(f"[{_md_text(part.text)}]({target})")
        elif isinstance(part, Strong):
            out.append(f"**{_md_text(part.text)}**")
        else:
            out.append(_md_text(part))
    return "".join(out)


def _md_items(items: tuple[Item, ...], depth: int = 0) -> list[str]:
    lines = []
    for item in items:
        lines.append(f"{'  ' * depth}- {_md_inline(item.parts)}")
        lines.extend(_md_items(item.children, depth + 1))
    return lines


def _md_table(table: Table) -> list[str]:
    return ["| " + " | ".join(_md_text(cell) for cell in table.header) + " |",
            "|" + "|".join("---" for _ in table.header) + "|",
            *("| " + " | ".join(_md_text(cell) for cell in row) + " |" for row in table.rows)]


def to_markdown(document: Document) -> str:
    chunks = [f"# {_md_text(document.title)}", _md_text(document.subtitle)]
    for block in document.blocks:
        if isinstance(block, Heading):
            chunks.append(f"{'#' * block.level} {_md_text(block.text)}")
        elif isinstance(block, Paragraph):
            text = _md_inline(block.parts)
            chunks.append(f"_{text}_" if block.muted else text)
        elif isinstance(block, Bullets):
            chunks.append("\n".join(_md_items(block.items)))
        elif isinstance(block, Table):
            chunks.append("\n".join(_md_table(block)))
        elif isinstance(block, Figure):
            chunks.append(f"{_md_text(block.caption)}\n\n" + "\n".join(_md_table(block.table)))
    return "\n\n".join(chunks) + "\n"


# -- HTML ------------------------------------------------------------------------------------

_CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _html_inline(parts: tuple[Inline, ...]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Link):
            out.append(f'<a href="{html.escape(part.url)}">{html.escape(part.text)}</a>')
        elif isinstance(part, Strong):
            out.append(f"<strong>{html.escape(part.text)}</strong>")
        else:
            out.append(html.escape(part))
    return "".join(out)


def _html_items(items: tuple[Item, ...]) -> str:
    rows = []
    for item in items:
        children = _html_items(item.children) if item.children else ""
        rows.append(f"<li>{_html_inline(item.parts)}{children}</li>")
    return "<ul>\n" + "\n".join(rows) + "\n</ul>"


def _html_table(table: Table) -> str:
    head = "".join(f"<th>{html.escape(cell)}</th>" for cell in table.header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row)
                     + "</tr>" for row in table.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _stylesheet() -> str:
    return (resources.files("coach.exports") / "style.css").read_text(encoding="utf-8")


def to_html(document: Document) -> str:
    body = []
    for block in document.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            muted = ' class="muted"' if block.muted else ""
            body.append(f"<p{muted}>{_html_inline(block.parts)}</p>")
        elif isinstance(block, Bullets):
            body.append(_html_items(block.items))
        elif isinstance(block, Table):
            body.append(_html_table(block))
        elif isinstance(block, Figure):
            body.append(f"<figure>\n{block.svg}\n<figcaption>{html.escape(block.caption)}"
                        "</figcaption>\n</figure>")
    title = html.escape(document.title)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CONTENT_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{_stylesheet()}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<header><h1>{title}</h1><p class=\"subtitle\">{html.escape(document.subtitle)}</p>"
        "</header>",
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])
