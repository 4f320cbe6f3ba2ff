"""Every reader of a pasted note agrees on what a list item is.

The extractor's status sections, the chat's reading of a piped note and the note kept with a
check-in entry each had a pattern of their own, and they disagreed: "+ " was a bullet to two
of them, "◦ " to one.
"""

import pytest

from coach.chat.io import is_list_line
from coach.tools.activities import in_their_words
from perfmirror_core.extract import extract_activities
from perfmirror_core.listmarkers import is_list_item, without_list_marker
from test_extract import DEFAULT_VOCABULARY

MARKERS = ["- ", "* ", "+ ", "• ", "‣ ", "◦ ", "2. ", "3) ", "  - "]


@pytest.mark.parametrize("marker", MARKERS)
def test_every_reader_takes_the_same_markers_for_a_list_item(marker):
    line = f"{marker}fixed the flaky checkout test"
    assert is_list_item(line)
    assert is_list_line(line)  # the chat reads a piped note as one message
    assert without_list_marker(line) == "fixed the flaky checkout test"
    assert in_their_words(line, line.strip()) == "fixed the flaky checkout test"


@pytest.mark.parametrize("marker", MARKERS)
def test_a_next_heading_covers_its_items_whatever_their_marker(marker):
    note = f"Done:\n{marker}fixed the login bug\nNext:\n{marker}write the migration design doc"
    found = {item.category for item in extract_activities(note, DEFAULT_VOCABULARY)}
    assert found == {"Bug fix"}


@pytest.mark.parametrize("words", ["-fast path shipped", "2.5x faster builds", "+1 on the RFC"])
def test_words_that_start_like_a_marker_are_not_list_items(words):
    assert not is_list_item(words)
    assert without_list_marker(words) == words
