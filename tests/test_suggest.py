"""The closest categories to a statement the extractor read nothing from (coach/chat/suggest.py).

The ranking is checked with a hand-made embedder whose vectors are worked out below, and once
with the real MiniLM model on sentences the extractor misses."""

from __future__ import annotations

import pytest

from coach.chat.suggest import closest_categories
from perfmirror_core.extract import CategoryVocabulary

CATEGORIES = [CategoryVocabulary("1:1 meeting", (), "A one-on-one with a report"),
              CategoryVocabulary("Bug fix", (), "A defect fixed"),
              CategoryVocabulary("Tech talk", (), "A talk given")]


class AxesEmbedder:
    """Each text is a vector over three axes: how often it says 'report', 'defect', 'talk'."""

    name = "axes"

    def embed(self, texts):
        return [[t.count("report") + t.count("directs"), t.count("defect") + t.count("crash"),
                 t.count("talk")] for t in texts]


def test_the_categories_own_words_rank_when_there_is_no_history():
    """'caught up with my directs' lies on the report axis only: 1:1 meeting (cosine 1), then
    the two others at cosine 0, by name."""
    assert closest_categories("caught up with my directs", CATEGORIES, [], AxesEmbedder()) == [
        "1:1 meeting", "Bug fix", "Tech talk"]


def test_past_notes_vote_for_the_category_the_person_logged_them_as():
    """'a talk about the crash' is (0, 1, 1): own words give Bug fix and Tech talk .707 each
    (x 2 = 1.414). One past note 'the crash' (0, 1, 0), logged by this person as Tech talk,
    adds its cosine .707 to Tech talk: 2.121 against Bug fix 1.414."""
    text = "a talk about the crash"
    assert closest_categories(text, CATEGORIES, [], AxesEmbedder())[:2] == [
        "Bug fix", "Tech talk"]  # a tie broken by name
    assert closest_categories(text, CATEGORIES, [("the crash", "Tech talk")],
                              AxesEmbedder())[:2] == ["Tech talk", "Bug fix"]


def test_notes_of_a_category_no_longer_kept_do_not_vote():
    text = "a talk about the crash"
    assert closest_categories(text, CATEGORIES, [("the crash", "Retired category")],
                              AxesEmbedder())[:2] == ["Bug fix", "Tech talk"]


def test_no_text_or_no_categories_suggest_nothing():
    assert closest_categories("   ", CATEGORIES, [], AxesEmbedder()) == []
    assert closest_categories("fixed it", [], [], AxesEmbedder()) == []


@pytest.mark.parametrize("text, first", [
    ("Caught up individually with all seven of my directs this week", "1:1 meeting"),
    ("Sat with our most junior dev while she did her first migration, talking her through "
     "each step", "Mentoring session"),
])
def test_minilm_names_the_right_category_first_for_sentences_the_extractor_misses(
        monkeypatch, text, first):
    """Two dev-set sentences the extractor read nothing from in session 6, with the default
    categories and no history: MiniLM, offline, puts the labelled category first."""
    from coach.memory.embedding import MiniLMEmbedder, minilm_missing
    from perfmirror_core.frameworks import default_framework

    if minilm_missing() is not None:
        pytest.skip("MiniLM is not installed")
    categories = [CategoryVocabulary(c.name, tuple(c.synonyms), c.description)
                  for c in default_framework().categories]
    assert closest_categories(text, categories, [], MiniLMEmbedder())[0] == first
