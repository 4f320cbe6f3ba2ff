"""Work the rules must not propose: what the words name is not the speaker's work done.

Each test is one behaviour, read by the rules alone (``rule_activities``), so the learned
layer's second opinion cannot hide a rule that proposes the wrong thing.
"""

from perfmirror_core.extract import CategoryVocabulary, rule_activities
from perfmirror_core.frameworks import default_framework

VOCABULARY = [CategoryVocabulary(c.name, tuple(c.synonyms), c.description)
              for c in default_framework().categories]


def by_rules(text: str) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in rule_activities(text, VOCABULARY)]


def test_work_credited_to_someone_else_in_front_of_the_verb_is_not_logged():
    """A name opening the sentence with an object after its verb, a person or another team
    with words between it and the verb, a bare role word: their work, not the speaker's."""
    assert by_rules("Ravi fixed the flaky login bug") == []
    assert by_rules("the data team finally shipped the new export page") == []
    assert by_rules("our senior dev wrote the deploy runbook") == []
    assert by_rules("Nadia's squad launched the new onboarding flow") == []
    assert by_rules("qa found a crash in checkout, dev fixed it") == []


def test_the_speakers_own_team_and_compound_verbs_are_still_the_speakers_work():
    """"my team shipped" is the speaker's "we"; "Peer reviewed" is a verb, not a person."""
    assert by_rules("my team shipped the search filters") == [("Feature shipped", 1)]
    assert by_rules("Peer reviewed three merge requests") == [("Code review", 3)]
    assert by_rules("Interviews done for the platform role") == [("Interview", 1)]


def test_a_docs_fix_sent_to_a_project_is_a_contribution_not_documentation():
    """The document names where the change went: "a docs PR", "a patch to their docs"."""
    assert by_rules("got a docs PR merged into the tokio repo") == [("Open source", 1)]
    assert by_rules("sent a patch to the grafana docs, merged") == [("Open source", 1)]
    assert by_rules("fixed 3 bugs in the docs site") == [("Bug fix", 3)]


def test_a_change_sent_to_another_project_is_a_contribution_not_a_bug_fix():
    """"a PR to <project> fixing X" is open source; "a PR to fix X" says what it was for."""
    assert by_rules("sent a PR to the jsonschema library fixing a crash on empty arrays") == [
        ("Open source", 1)]
    assert by_rules("opened a PR to fix the session timeout bug") == [("Bug fix", 1)]
    assert by_rules("reviewed 2 PRs to the billing service") == [("Code review", 2)]


def test_a_session_in_a_sentence_about_ones_own_mentor_is_that_mentoring_received():
    assert by_rules("my mentor went through my promo packet with me, a useful session") == [
        ("Mentorship received", 1)]


def test_learned_says_what_was_found_out_not_that_a_course_was_taken():
    """"Learning" names the work as that -ing word; "learned a lot" is not a course."""
    assert by_rules("learned a lot from the outage review") == []
    assert by_rules("did a day of learning on kafka streams") == [("Learning", 1)]
