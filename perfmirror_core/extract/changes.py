"""A change of one's own, listed the way a commit or pull request is titled: "Add custom
codecs to the parser", "reduce bundle size on the CLI", "retry queue merged", a pull-request
link.

In a list of updates people name the work they finished by the change itself, with no word
for shipping it: the list is the report, so its items are work done (a heading of plans has
already blanked its own: ``sections``). Such an item is a change released, unless the rules
read other work in it (a fix, tests, docs: ``rule_activities`` found those by their words).
Only in a list (bullets, or several short lines): a one-sentence check-in "add dark mode to
settings" may be an intention, and a paragraph of prose says what it did in words the rules
read. The learned layer leaves these items to the rules: the layout tells that the work was
done, which the words it weighs do not.

An item is a line of the list with the lines indented under it: "Integrated the map
bundle" with "- added locations" and "- added flags" under it is one change, told in parts.
An item marked unfinished ("WIP", "draft", "90%", "PR soon") is not a change released.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ..listmarkers import LIST_MARKER
from ..text import stem
from .links import without_links
from .sections import heading
from .words import Token, past_form, tokenize

# Verbs that title a change to a product ("Add", "Added"; not "Adding": still under way).
_CHANGING = frozenset(stem(word) for word in (
    "add implement support introduce enable integrate reduce port extract expose allow "
    "publish merge land improve optimise optimize speed rewrite refactor remove replace "
    "upgrade migrate convert move switch update wire pull drop".split()))
# Verbs of finishing, which title a change only in the past: "Finished up the config rework".
_FINISHING = frozenset(stem(word) for word in "finish complete wrap".split())
_IRREGULAR = {"rewrote": stem("rewrite")}
# What says an item is not finished: "(WIP)", "a draft", "90%", "PR soon", "almost ready",
# "most of the API", an intent ("will need to get fixed"), an opening -ing verb ("Continuing
# with the listing PRs").
_UNFINISHED = re.compile(r"\b(wip|draft|in[- ]progress|almost|mostly|most of|soon|started|"
                         r"starting|ongoing|not yet)\b|\d+\s?%|^\W*\w+ing\b", re.IGNORECASE)
# An intent, said of the item itself (not in brackets: "breaking changes (will help the
# bundle size)" tells what the change is for).
_INTENT = re.compile(r"\b(will|going to|need to|needs to)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^()]*\)")
_PULL_REQUEST = re.compile(r"/pull/\d+|\bPRs?\b")
_MARKUP = frozenset("[ ( * ` _ ~ \" '".split())


@dataclass
class _Line:
    begin: int  # offset of the line in the check-in
    start: int  # offset of its text (after indent and bullet)
    end: int
    bulleted: bool
    indent: int
    heading: bool  # a status label ("Done:"), whose lines are items of their own
    root: int  # index of the first line of the item it belongs to
    parent: int | None  # index of the line it is indented under


def changes_listed(text: str, worked: Collection[int]) -> list[str]:
    """The items of a list of updates that describe a change released and in which the rules
    found no work (``worked``: offsets where they found some), each as its first line's text.
    An empty list when the text is one line without a bullet: no list."""
    lines = _lines(text)
    said_at = {line.begin: _words(text[line.start : line.end]) for line in lines}
    if not any(line.bulleted for line in lines) and (
            len(lines) < 2 or any(len(words) > _TITLE_WORDS for words in said_at.values())):
        return []  # one sentence, or paragraphs of prose
    items: dict[int, list[_Line]] = {}
    for line in lines:
        if not line.heading or line.end > line.start:
            items.setdefault(line.root, []).append(line)
    found: list[str] = []
    for parts in items.values():
        said = [text[line.start : line.end] for line in parts]
        if any(any(line.begin <= at < line.end for at in worked) for line in parts) or any(
                _UNFINISHED.search(part) or _INTENT.search(_BRACKETED.sub("", part))
                for part in said):
            continue
        if any(len(said_at[line.begin]) <= _TITLE_WORDS and (
                _describes_a_change(tokenize(text[line.start : line.end]))
                or _PULL_REQUEST.search(text[line.start : line.end])) for line in parts):
            found.append(said[0].strip())
    return found


def items_under(text: str, worked: Collection[int]) -> dict[int, int]:
    """Per line ending in a colon that is no status heading (by where the line begins), how
    many lines sit directly under it when none of them names work of its own: "- review the
    web PRs:" over "- status page" and "- settings page" lists two reviews."""
    lines = _lines(text)
    under: dict[int, list[_Line]] = {}
    for line in lines:
        if line.parent is not None:
            under.setdefault(line.parent, []).append(line)
    return {lines[parent].begin: len(children) for parent, children in under.items()
            if not lines[parent].heading and text[: lines[parent].end].endswith(":")
            and not any(child.begin <= at < child.end for child in children for at in worked)}


# A title is short: a line of more words is a sentence of prose ("This week I looked into why
# the loader was slow and added ..."), which the rules read by its words.
_TITLE_WORDS = 20


def _words(line: str) -> list[str]:
    return [token.word for token in tokenize(without_links(line)) if token.word[0].isalnum()]


def _describes_a_change(words: list[Token]) -> bool:
    """"Add X", "Added X", "X merged": a verb of change opening the item in its base form or
    the past, with something after it; or in the past after what it changed."""
    words = [token for token in words if token.word not in _MARKUP]
    if not words or (words[0].inflected and words[0].word.endswith("ing")):
        return False  # "Continuing with the listing PRs", "Updating the client": under way
    first = words[0]
    verb = _IRREGULAR.get(first.word, first.stem)
    if any(token.word[0].isalnum() for token in words[1:]) and (
            (verb in _CHANGING and (not first.inflected or past_form(first)))
            or (verb in _FINISHING and past_form(first))):
        return True
    return any(past_form(token) and token.stem in _CHANGING for token in words[1:])


def _lines(text: str) -> list[_Line]:
    """The non-blank lines, each with the line it is indented under (the nearest above it
    indented less, or a line ending in a colon without a bullet above it, at its indent) and
    the item it belongs to (its own, under a heading)."""
    lines: list[_Line] = []
    # (indent, whether bullets as far out are its lines, index) of the lines open above
    parents: list[tuple[int, bool, int]] = []
    offset = 0
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        if not raw.strip():
            continue
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        bullet = LIST_MARKER.match(raw)
        opening = heading(raw)
        body = (opening.end if opening is not None
                else bullet.end() if bullet else len(raw) - len(raw.lstrip()))
        is_heading = opening is not None
        while parents and (parents[-1][0] > indent or (
                parents[-1][0] == indent and not (parents[-1][1] and bullet))):
            parents.pop()
        parent = lines[parents[-1][2]] if parents else None
        index = len(lines)
        # under a heading, or a label over a flat list ("This week:\n- Add X\n- Add Y"),
        # each line is an item of its own
        root = index if parent is None or parent.heading or (
            parents[-1][1] and parent.indent == indent) else parent.root
        lines.append(_Line(start, min(start + body, start + len(raw.rstrip())),
                           start + len(raw.rstrip()), bullet is not None, indent, is_heading,
                           root, parents[-1][2] if parents else None))
        # "Done:" or "docs:" without a bullet: the bullets as far out below are its lines
        parents.append((indent, (is_heading or raw.rstrip().endswith(":")) and not bullet,
                        index))
    return lines

