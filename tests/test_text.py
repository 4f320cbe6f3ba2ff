"""perfmirror_core.text: the one way words are read, so every matcher agrees."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfmirror_core.text import (STOPWORDS, keywords, normalise, one_slip_away, stem,
                                  stem_and_inflection, tokens, unescape_entities, words)


@pytest.mark.parametrize("inflections, expected", [
    (("mentor", "mentors", "mentored", "mentoring"), "mentor"),
    (("review", "reviews", "reviewed", "reviewing"), "review"),
    (("resolve", "resolves", "resolved", "resolving"), "resolv"),
    (("ship", "ships", "shipped", "shipping"), "ship"),
    (("bug", "bugs"), "bug"),
    (("study", "studies", "studied"), "study"),
    (("fix", "fixes", "fixed", "fixing"), "fix"),
])
def test_inflections_of_a_word_share_one_stem(inflections, expected):
    assert {stem(word) for word in inflections} == {expected}


def test_derived_words_keep_their_own_stem():
    """Only inflections fold: a document and its documentation are different things."""
    assert stem("documentation") != stem("document")


def test_short_words_numbers_and_possessives():
    assert stem("pr") == "pr"
    assert stem("1on1") == "1on1"
    assert stem("priya's") == "priya"
    assert stem("class") == "class"  # -ss is not a plural


def test_verb_forms_are_told_from_bare_words():
    assert stem_and_inflection("released") == ("releas", True)
    assert stem_and_inflection("release") == ("releas", False)
    assert stem_and_inflection("planning") == ("plan", True)


def test_tokens_keep_offsets_into_the_original_text():
    text = "Didn’t ship v2.3, fixed 11 bugs!"
    found = tokens(text)
    assert [t.word for t in found] == ["didn't", "ship", "v2.3", ",", "fixed", "11", "bugs", "!"]
    assert all(text[t.start:t.end].replace("’", "'").lower() == t.word for t in found)


def test_a_character_whose_lowercase_is_longer_does_not_shift_offsets():
    text = "İstanbul: wrote 2 docs"
    assert [text[t.start:t.end] for t in tokens(text)][-2:] == ["2", "docs"]


def test_words_leave_out_punctuation():
    assert words("Fixed 3 bugs (PR #12).") == ["fixed", "3", "bugs", "pr", "12"]


def test_normalise_folds_case_and_typographic_apostrophes():
    assert normalise("I DIDN’T") == "i didn't"


def test_keywords_are_stems_without_function_words_or_ignored_words():
    assert keywords("Mentors the engineers on their team", ignore={"team"}) == {"mentor", "engineer"}
    assert "the" in STOPWORDS and "mentor" not in STOPWORDS


@given(st.text())
def test_any_text_tokenises_within_its_bounds(text):
    for token in tokens(text):
        assert 0 <= token.start < token.end <= len(text)
        assert token.word


def test_entities_are_decoded_even_when_escaped_twice():
    assert unescape_entities("You said &amp;#34;ship it&amp;#34; &amp; it shipped.") == (
        'You said "ship it" & it shipped.')
    assert unescape_entities("no entities here") == "no entities here"


KNOWN = frozenset({"review", "design", "mentor", "launch", "retro"})


def test_one_slip_mends_a_dropped_doubled_or_swapped_letter():
    assert one_slip_away("reviwed", KNOWN) == "reviewed"
    assert one_slip_away("dessign", KNOWN) == "design"
    assert one_slip_away("desgin", KNOWN) == "design"
    assert one_slip_away("mentord", KNOWN) == "mentored"  # the verb form wins


def test_one_slip_leaves_real_words_short_words_and_ambiguity_alone():
    assert one_slip_away("review", KNOWN) is None  # already known
    assert one_slip_away("reviewer", KNOWN) is None  # a word made from a known one
    assert one_slip_away("lunch", KNOWN) is None  # the second letter is never touched
    assert one_slip_away("retry", KNOWN) is None  # a replaced letter is not mended
    assert one_slip_away("resign", KNOWN) is None  # nor a first letter
    assert one_slip_away("drive", frozenset({"driver", "drivel"})) is None  # two candidates
