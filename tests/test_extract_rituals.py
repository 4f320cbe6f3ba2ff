"""How many meetings, interviews, sessions and talks a sentence counts when it names rituals
and people work several ways at once. One behaviour per test, on the rules' answer alone."""

from perfmirror_core.extract import rule_activities

from test_extract import DEFAULT_VOCABULARY


def rules(text: str) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in rule_activities(text, DEFAULT_VOCABULARY)]


def test_a_meeting_whose_kind_is_a_phrase_is_another_one_not_the_same_again():
    """"sprint demo" and "refinement" are both read as a team sync; after the week's syncs,
    "the sprint demo" is another meeting, not one of the syncs named again."""
    assert rules("went to three team syncs and the sprint demo") == [("Team meeting", 4)]


def test_one_more_person_joined_on_after_a_count_of_people_is_one_more():
    """Per-person work counted by its people ("two backend candidates") and then another
    person joined by "and" is done once more for that person."""
    assert rules("interviewed two backend candidates and a data scientist") == [("Interview", 3)]


def test_a_times_sign_apart_from_its_number_counts_the_work_before_it():
    assert rules("- skip levels x 3\n- retro") == [("1:1 meeting", 3), ("Team meeting", 1)]


def test_each_after_a_number_of_people_is_the_work_done_once_per_person():
    """"each of them" stands for the people counted earlier in the sentence."""
    assert rules("paired with three interns on their setup and gave each of them feedback") == [
        ("Mentoring session", 3), ("Feedback given", 3)]


def test_a_list_typed_without_commas_counts_each_item_with_its_own_count():
    assert rules("retro x1 standup x4") == [("Team meeting", 5)]
    assert rules("planning on monday standups tue to fri") == [("Team meeting", 5)]
    assert rules("4 standups 2 retros") == [("Team meeting", 6)]


def test_the_days_a_daily_ritual_was_held_are_how_many_there_were():
    assert rules("made it to standup on four days") == [("Team meeting", 4)]
    assert rules("two days of standups, then the offsite") == [
        ("Team meeting", 2), ("Culture building", 1)]


def test_a_shared_meeting_word_after_a_counted_meeting_is_one_more():
    """"planning" is a team meeting's word among others'; as another object after "four
    standups" it is one more meeting, not the standups' object."""
    assert rules("four standups and the quarterly big-room planning") == [("Team meeting", 5)]


def test_a_shared_meeting_word_after_other_work_belongs_to_the_meeting_named_next():
    assert rules("fixed two bugs, then the usual planning and retro") == [
        ("Bug fix", 2), ("Team meeting", 2)]


def test_a_sentence_opening_with_a_noun_phrase_is_a_statement_not_one_more_object():
    """After "!" or ".", "Priya starts in March" says something about the hire just named;
    it is not another object joined onto it."""
    assert rules("Closed the hire for our SRE role! Priya starts in March") == [
        ("Hiring decision", 1)]


def test_a_meeting_named_again_with_the_in_a_later_sentence_is_the_same_one():
    assert rules("Planning on Monday, retro on Thursday. The retro ran long.") == [
        ("Team meeting", 2)]


def test_a_length_of_time_between_does_not_end_the_work_the_next_day_continues():
    """"an hour on tues" only says how long; "and thurs" after it is the work once more."""
    assert rules("coached our new grad on code review, about an hour on tues and thurs") == [
        ("Mentoring session", 2)]


def test_another_standing_for_the_work_is_one_more_of_it():
    assert rules("Tue: mentoring session with Ana. Thu: another with Ana.") == [
        ("Mentoring session", 2)]


def test_debriefs_of_interviews_already_counted_are_not_more_interviews():
    assert rules("3 interviews on Tuesday, 3 debriefs on Wednesday") == [("Interview", 3)]


def test_the_numbers_after_a_headcount_plan_are_what_it_decided_not_more_decisions():
    assert rules("headcount for next year agreed: +2 backend, +1 data") == [
        ("Hiring decision", 1)]


def test_a_talk_named_again_in_its_sentence_by_another_word_is_the_same_talk():
    assert rules("gave a short demo + talk at the frontend guild on our test runner") == [
        ("Tech talk", 1)]


def test_a_ritual_held_each_morning_is_held_every_working_day():
    assert rules("joined the standup each morning") == [("Team meeting", 5)]
