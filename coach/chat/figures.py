"""Did the model make up a number? Every figure in an answer should come from a tool result,
the person's own words or the records it was given; anything else is flagged to the person.

A figure is checked with its label, not only its value: "impact is 80%" passes only if a source
gives 80 for impact, not merely 80 for something (a forecast range, a count). The label is the
scoring word (input, output, outcome, impact, score, expected, points, ...) next to the number
in the same clause; in a tool result it is the key the number sits under and the names beside
it. A figure without such a word is checked by value alone; small counts (0-10) without a label
or a percent sign are plain speech and pass.

An entry in the core's own notation, "4 x Code review", is a count with its category as label:
it passes only if a source gives that count for that category, however small the count (a
model that read "4 x Code review" and wrote "5 x Code review" has invented an entry).

Small local models paraphrase numbers freely; perf-mirror cannot stop that, but it can say so
next to the answer instead of letting an invented figure pass as the core's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

_NUMBER = re.compile(r"(?<![\w#.])(\d+(?:[.,]\d+)?)(%?)")
_IGNORED = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}  # counts in plain speech
_NOISE = re.compile(r"\d{4}-W\d{2}|\d{4}-\d{2}(?:-\d{2})?|#\d+")
_CLAUSE = re.compile(r"\.(?!\d)|[;:!?()\[\]\n]|,\s|\s-\s")
_WORD = re.compile(r"[A-Za-z]+")
WORDS_BEFORE, WORDS_AFTER = 4, 2
# "4 x Code review" as the core writes entries; the name ends at " in 2026-W48", "(#1)", a
# clause mark, a quote, or a joining word before the next figure ("and 2 x Bug fix").
_ENTRY_COUNT = re.compile(r"(?<![\w.])(\d+) x ([A-Za-z][^\n(),;:.\"'\]\[]*?)"
                          r"(?=\s+in\s+\d{4}-W|\s+(?:and|or|plus|then)\b|\s+\d|\s*[\n(),;:.\"'\]\[]|$)")


# Scoring words, by their first five letters, mapped to what they measure: "points" and
# "score" are one label, as are "percent", "expected" and "ratio" (percent of expected).
_LABEL_OF = {
    "input": "input", "outpu": "output", "outco": "outcome", "impac": "impact",
    "score": "score", "point": "score", "perce": "expected", "expec": "expected",
    "ratio": "expected", "targe": "target", "band": "band", "bands": "band", "chanc": "chance",
    "range": "range", "week": "weeks", "weeks": "weeks", "level": "level",
}


def _labels(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_LABEL_OF[w.lower()[:5]] for w in words if w.lower()[:5] in _LABEL_OF)


def _normal(text: str) -> str:
    value = text.replace(",", ".")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value


def _variants(figure: str) -> set[str]:
    """The figure and the roundings a coach may quote it as (whole, one decimal, percent)."""
    found = {figure}
    try:
        value = float(figure)
    except ValueError:
        return found
    found.update({_normal(f"{value:.1f}"), _normal(f"{value:.0f}"),
                  _normal(f"{value * 100:.0f}"), _normal(f"{value * 100:.1f}")})
    return found


def _labelled(text: str) -> Iterator[tuple[str, bool, frozenset[str]]]:
    """(figure, has a percent sign, scoring words beside it) for each number in ``text``; the
    words beside a number stop at the clause's edge and at the next number."""
    for clause in _CLAUSE.split(_NOISE.sub(" ", text)):
        numbers = list(_NUMBER.finditer(clause))
        for index, match in enumerate(numbers):
            start = numbers[index - 1].end() if index else 0
            end = numbers[index + 1].start() if index + 1 < len(numbers) else len(clause)
            before = _WORD.findall(clause[start:match.start()])[-WORDS_BEFORE:]
            after = _WORD.findall(clause[match.end():end])[:WORDS_AFTER]
            yield _normal(match.group(1)), bool(match.group(2)), _labels(before + after)


def figures(text: str) -> set[str]:
    """Numbers in ``text`` (normalised: 12.50 -> 12.5), ignoring ISO weeks and years' noise."""
    return {figure for figure, _, _ in _labelled(text)}


def _from_json(value: Any, labels: frozenset[str]) -> Iterator[tuple[str, frozenset[str]]]:
    """(figure, labels) in a tool result: the key path and the short names beside a number."""
    if isinstance(value, dict):
        names = _labels(word for item in value.values()
                         if isinstance(item, str) and len(item) < 40
                         for word in _WORD.findall(item))
        for key, item in value.items():
            yield from _from_json(item, labels | names | _labels(_WORD.findall(str(key))))
    elif isinstance(value, list):
        for item in value:
            yield from _from_json(item, labels)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield _normal(repr(value)), labels
    elif isinstance(value, str):
        for figure, _, words in _labelled(value):
            yield figure, labels | words


def _source_figures(source: str) -> Iterator[tuple[str, frozenset[str]]]:
    try:
        parsed = json.loads(source)
    except ValueError:
        parsed = source
    if isinstance(parsed, (dict, list)):
        yield from _from_json(parsed, frozenset())
    else:
        for figure, _, labels in _labelled(source):
            yield figure, labels


def _entry_counts(text: str) -> set[str]:
    """Each "N x Category" in ``text``, normalised ("4 x code review")."""
    return {f"{int(count)} x {' '.join(name.lower().split())}"
            for count, name in _ENTRY_COUNT.findall(text)}


def unverified_figures(answer: str, sources: Iterable[str]) -> list[str]:
    """Figures in ``answer`` that no source gives, or gives under another label (rounding to
    whole numbers and one decimal place is allowed: the coach quotes, it does not compute)."""
    sources = list(sources)
    given = [(_variants(figure), labels) for source in sources
             for figure, labels in _source_figures(source)]
    given_counts = set().union(*(_entry_counts(source) for source in sources))
    flagged = _entry_counts(answer) - given_counts
    for figure, percent, labels in _labelled(answer):
        if figure in _IGNORED and not labels and not percent:
            continue
        matching = [source_labels for variants, source_labels in given if figure in variants]
        if not matching or (labels and not any(labels & source for source in matching)):
            flagged.add(figure)
    return sorted(flagged)
