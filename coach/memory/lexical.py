"""The words of a note as lexical search counts them: the project's one reading of text.

``perfmirror_core.text`` tokenises, drops function words and folds inflections ("mentors",
"mentored", "mentoring" meet at `mentor`) the same way the extractor, coverage and
recommendations do, so a word that matches in one place matches in the others.

The sidecar stores these terms; if how text is read ever changes, raise ``sidecar.LAYOUT`` so
every index rebuilds its postings (a record's hash covers its text, not how it was read).
"""

from __future__ import annotations

from perfmirror_core.text import STOPWORDS, stem, words


def terms(text: str) -> list[str]:
    """Every counted word of ``text``, in order, repeats kept (BM25 counts them)."""
    return [stem(word) for word in words(text) if word not in STOPWORDS]
