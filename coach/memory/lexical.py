"""The words of a note as lexical search counts them: lowercase, no stopwords, crudely stemmed.

Crude on purpose: the terms only propose candidates (a name or a rare word the embedding blurs),
and the rerank by meaning decides; "delegating" meeting "delegate" is all the stemmer must do.
"""

from __future__ import annotations

import re

from .embedding import STOPWORDS

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ies", "ied", "ers", "er", "ed",
             "es", "ly", "s")


def terms(text: str) -> list[str]:
    """Every counted word of ``text``, in order, repeats kept (BM25 counts them)."""
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in STOPWORDS]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word
