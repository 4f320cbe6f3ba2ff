"""A weekly update's status headings decide whether the lines under them were done.

Stand-up notes are headed lists ("Done:", "Next:", "Blocked:"); a line under "Next:" is a plan
however it is worded, and one under "Done:" is done work.
"""

from perfmirror_core.extract import extract_activities
from perfmirror_core.extract.sections import Status, done_sections_only, status_of

from test_extract import DEFAULT_VOCABULARY


def in_defaults(text: str) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in extract_activities(text, DEFAULT_VOCABULARY)]


def test_a_label_naming_done_work_anywhere_files_its_lines_as_done():
    assert status_of("Done") is Status.DONE
    assert status_of("Done/In progress") is Status.DONE
    assert status_of("Next week") is Status.NOT_DONE
    assert status_of("TODO next week") is Status.NOT_DONE
    assert status_of("Blockers") is Status.NOT_DONE
    assert status_of("Update") is None
    assert status_of("Reviews") is None


def test_lines_indented_under_a_plan_heading_are_blanked_with_their_offsets_kept():
    text = ("- Done:\n  - wrote the parser tests\n- Next:\n  - write the exporter tests\n"
            "- Blocked: no")
    blanked = done_sections_only(text)
    assert len(blanked) == len(text)
    assert blanked.splitlines()[:2] == ["- Done:", "  - wrote the parser tests"]
    assert not "".join(blanked.splitlines()[2:]).strip(" -")


def test_work_listed_under_next_is_a_plan_not_work_done():
    assert in_defaults("- Next:\n    - Integration tests for the billing exporter") == []


def test_work_in_an_unfinished_section_is_not_counted():
    assert in_defaults("- In progress:\n  - slides for my talk at the platform meetup") == []


def test_a_blocked_section_names_no_work_done():
    assert in_defaults("- Done:\n  - fixed the retry bug in the uploader\n"
                       "- Blocked:\n  - need test data for the cache tests") == [("Bug fix", 1)]


def test_an_inline_next_runs_to_the_end_of_its_line():
    assert in_defaults("- on leave most of the week\n"
                       "- Next: fix the flaky upload bug and review the queue PRs") == []


def test_a_heading_without_a_bullet_covers_the_bulleted_lines_below_it():
    assert in_defaults("Plans:\n- write the runbook for the sync job\n- 1:1 with Ana") == []


def test_a_plan_label_after_a_sentence_runs_to_the_end_of_the_line():
    assert in_defaults("Reviewed 3 PRs. Next week: the cache runbook and a demo at the "
                       "all-hands.") == [("Code review", 3)]


def test_a_plan_section_ends_where_a_done_label_opens_on_the_same_line():
    assert in_defaults("Next: the cache runbook. Done: reviewed 3 PRs") == [("Code review", 3)]


def test_a_label_is_read_by_its_status_words_whatever_says_when_or_adds_in_brackets():
    assert status_of("Done this week") is Status.DONE
    assert status_of("Got done") is Status.DONE
    assert status_of("Didn’t get done (and had promised it last week)") is Status.NOT_DONE
    assert status_of("Plans for next week") is Status.NOT_DONE
    assert status_of("This week") is None


def test_a_bold_heading_covers_its_lines_like_a_plain_one():
    assert in_defaults("**Next:**\n- write the runbook for the sync job") == []


def test_a_flat_list_under_an_empty_bulleted_heading_is_its_items():
    assert in_defaults("- Next:\n- write the runbook for the sync job\n- Done:\n"
                       "- fixed the retry bug") == [("Bug fix", 1)]


def test_goals_and_a_weeks_plan_are_plans():
    assert status_of("Goals for this week") is Status.NOT_DONE
    assert status_of("Next week's plan") is Status.NOT_DONE
