"""The closest categories to a statement the extractor could not read, so that a miss costs
the person one short answer instead of a guess at the right name.

The extractor is rules over words: fresh wording ("caught up individually with all seven of my
directs") can match nothing. Then the coach names the categories closest in meaning, scored from
two sources with the same embedder as career memory (MiniLM offline, or its lexical fallback):

- each category's own words (name, description, synonyms): the cold start;
- the person's own past entries' notes (the words they used when they confirmed an entry): the
  nearest notes vote for their category, so the coach learns how this person says things.

On the dev set's 100 lines with work the extractor read nothing from, the categories' own words
alone put a right category first for 39 % and in the top three for 64 % (MiniLM); with 300
labelled dev lines standing in for a person's past notes, 61 % and 79 %. The similarity does not
separate work from lines with nothing to log (their best scores overlap), so the suggestion is
worded as a question, never proposed as an entry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from perfmirror_core.extract import CategoryVocabulary

SUGGESTED = 3
NEAREST_NOTES = 10
RECENT_NOTES = 300  # the newest notes are enough, and embedding them stays under a second
OWN_WORDS_WEIGHT = 2.0  # one category's own words against up to ten votes of past notes


@lru_cache(maxsize=1)
def _embedder():  # the same choice as career memory's: MiniLM, or the lexical fallback
    from ..memory.embedding import load_embedder

    return load_embedder()[0]


_seen: dict[tuple[str, str], list[float]] = {}  # (embedder, text) -> vector, for this process


def _embedded(texts: list[str], embedder) -> list[list[float]]:
    """Vectors of ``texts``; a person's past notes are embedded once per session, not per miss."""
    new = list(dict.fromkeys(t for t in texts if (embedder.name, t) not in _seen))
    for text, vector in zip(new, embedder.embed(new) if new else []):
        _seen[(embedder.name, text)] = vector
    return [_seen[(embedder.name, text)] for text in texts]


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def own_words(category: CategoryVocabulary) -> str:
    """What a category says about itself, as one text to embed."""
    synonyms = f" ({', '.join(category.synonyms)})" if category.synonyms else ""
    return f"{category.name}{synonyms}: {category.description}".strip()


def closest_categories(text: str, categories: Sequence[CategoryVocabulary],
                       past_notes: Sequence[tuple[str, str]], embedder=None,
                       limit: int = SUGGESTED) -> list[str]:
    """The ``limit`` category names closest in meaning to ``text``, best first; ties by name.

    ``past_notes`` are (note, category name) pairs from the person's entries, newest last;
    notes of categories no longer in ``categories`` are ignored."""
    if not categories or not text.strip():
        return []
    names = {category.name for category in categories}
    notes = [(note, name) for note, name in past_notes if note and name in names]
    notes = notes[-RECENT_NOTES:]
    vectors = _embedded([text, *(own_words(c) for c in categories),
                         *(note for note, _ in notes)], embedder or _embedder())
    query, described, noted = vectors[0], vectors[1:1 + len(categories)], \
        vectors[1 + len(categories):]
    score = {category.name: OWN_WORDS_WEIGHT * _cosine(query, vector)
             for category, vector in zip(categories, described)}
    nearness = sorted(((_cosine(query, vector), name)
                       for vector, (_, name) in zip(noted, notes)), reverse=True)
    for similarity, name in nearness[:NEAREST_NOTES]:
        score[name] += max(similarity, 0.0)
    ranked = sorted(score.items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _ in ranked[:limit]]
