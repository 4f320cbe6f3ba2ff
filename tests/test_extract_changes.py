"""An item of a list of updates titled like a commit ("Add X", "X merged") is a change shipped.

People listing their week name a finished change by the change itself; only in a list (bullets
or several lines) is that a report: a lone sentence "add dark mode" may be a plan.
"""

from perfmirror_core.extract import extract_activities, rule_activities

from test_extract import DEFAULT_VOCABULARY


def in_defaults(text: str) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in extract_activities(text, DEFAULT_VOCABULARY)]


def test_a_bulleted_item_in_the_imperative_is_a_change_shipped():
    assert in_defaults("- Add CSV export to the reports page") == [("Feature shipped", 1)]


def test_a_listed_change_in_the_past_is_a_change_shipped():
    assert in_defaults("- Done:\n  - added retries to the webhook sender") == [
        ("Feature shipped", 1)]


def test_a_listed_change_told_as_merged_is_a_change_shipped():
    assert in_defaults("- Done:\n  - the retry queue merged\n  - out Friday") == [
        ("Feature shipped", 1)]


def test_a_listed_pull_request_link_is_a_change_shipped():
    assert in_defaults("- Done:\n  - github.com/acme/api/pull/12") == [("Feature shipped", 1)]


def test_lines_indented_under_a_change_are_its_parts_not_more_changes():
    assert in_defaults("- Integrated the map bundle\n  - added pins to the map\n"
                       "  - added flags to the table") == [("Feature shipped", 1)]


def test_a_lone_sentence_in_the_imperative_is_not_read_as_done():
    assert in_defaults("add dark mode to the settings page") == []


def test_a_listed_change_marked_unfinished_or_under_way_is_not_shipped():
    assert in_defaults("- Done:\n  - add CSV export (WIP)\n  - Adding bulk edit") == []


def test_a_listed_item_whose_words_name_other_work_stays_that_work():
    assert rule_activities("- Done:\n  - fix the race in the uploader\n  - add tests for it",
                           DEFAULT_VOCABULARY)[0].category == "Bug fix"
    assert ("Feature shipped", 1) not in in_defaults(
        "- Done:\n  - fix the race in the uploader\n  - add tests for it")


def test_paragraphs_of_prose_are_not_a_list_of_titles():
    assert in_defaults("This week I kept going with the particle renderer and spent a long time "
                       "on instancing in the engine.\nAfter that I finally added a small options "
                       "panel to the viewer so that it is easier to tweak the colours and "
                       "sizes.") == []


def test_the_learned_layer_leaves_a_listed_change_to_the_rules():
    """The layer weighs words, and "Add custom codecs" has none for shipping: the list's layout
    is what says the change was made, so the rules' item stands."""
    text = "- Done:\n  - Flow typing\n  - Add custom codecs to the schema lib"
    assert rule_activities(text, DEFAULT_VOCABULARY)[0].category == "Feature shipped"
    assert in_defaults(text) == [("Feature shipped", 1)]


def test_lines_listed_under_work_ending_in_a_colon_are_how_many_of_it():
    """"- reviewed the web PRs:" over two lines naming no work of their own: two reviews."""
    assert in_defaults("- reviewed the web PRs:\n  - status page\n  - settings page") == [
        ("Code review", 2)]
    assert in_defaults("docs:\n- API reference\n- the tutorial") == [("Documentation", 2)]


def test_under_a_label_over_a_flat_list_each_line_is_an_item():
    assert in_defaults("This week:\n- Add CSV export to reports\n- Add bulk edit to the "
                       "admin") == [("Feature shipped", 2)]
