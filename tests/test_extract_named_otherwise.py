"""Work the vocabulary names one way and people name another: a hire by its offer, culture
work by its gathering, one's own document by its approval. One behaviour per test."""

from perfmirror_core.extract import extract_activities, rule_activities

from test_extract import DEFAULT_VOCABULARY


def rules(text: str) -> list[tuple[str, int]]:
    """The rules' answer alone: the behaviours below are the rules', whatever the learned
    layer would add."""
    return [(item.category, item.count) for item in rule_activities(text, DEFAULT_VOCABULARY)]


def full(text: str) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in extract_activities(text, DEFAULT_VOCABULARY)]


def test_ones_own_document_approved_by_others_is_written_not_read():
    assert rules("my tech design for the rate limiter got approved") == [("Design doc", 1)]


def test_an_offer_is_a_hiring_decision_whatever_its_verb():
    assert rules("the offer for the data role went out today") == [("Hiring decision", 1)]


def test_an_offer_said_after_its_hire_is_that_hire():
    assert rules("decided to hire the backend candidate, offer out on Tuesday") == [
        ("Hiring decision", 1)]


def test_an_offer_turned_down_decided_nothing():
    assert rules("the candidate declined our offer") == []


def test_offer_as_a_verb_is_no_hire():
    assert rules("I offered to help with the migration") == []


def test_a_seat_is_a_hire_only_once_won():
    assert rules("got the backfill for the on-call seat approved") == [("Hiring decision", 1)]
    assert rules("ran the backfill for the clicks table") == []


def test_the_call_to_hire_is_a_hiring_decision_not_an_architecture_one():
    assert rules("made the call to hire the contractor as a full-timer") == [
        ("Hiring decision", 1)]


def test_a_meal_a_group_word_makes_the_teams_is_culture_work():
    assert rules("a squad dinner on thursday to mark the launch") == [("Culture building", 1)]
    assert rules("dinner with my manager") == []


def test_a_newcomers_welcome_event_is_onboarding():
    assert rules("hosted the induction day for four new analysts") == [("Culture building", 1)]


def test_people_recognised_are_one_piece_of_culture_work():
    assert rules("nominated three teammates for the quarterly award") == [
        ("Culture building", 1)]
    assert rules("thanks to Sam the deploy went fine") == []


def test_an_outing_the_speaker_organised_is_culture_work_though_the_team_went():
    assert rules("the whole team went go-karting on friday, I organised it") == [
        ("Culture building", 1)]
    assert full("the whole team went go-karting on friday, I organised it") == [
        ("Culture building", 1)]


def test_a_change_to_the_machinery_told_by_its_lasting_effect_is_a_process_improvement():
    assert rules("wired a secrets scanner into the pre-commit hooks, leaked keys can't sneak "
                 "in anymore") == [("Process improvement", 1)]


def test_an_effect_needs_its_own_words_not_a_word_that_starts_like_them():
    assert rules("tweaked the rotation, then handed off the pager by handing it to Sam") == []
    assert rules("got stuck on the queue config for a day, nobody has told us why") == []


def test_a_project_closed_or_handed_over_beside_its_name_is_delivered():
    assert rules("the billing migration: every tenant moved across, project formally "
                 "closed") == [("Project delivered", 1)]


def test_sprints_and_a_whole_quarter_say_the_work_took_weeks():
    assert rules("launched the loyalty scheme to all markets after 8 sprints") == [
        ("Project delivered", 1)]
    assert rules("the new checkout went live for everyone, that was our whole quarter") == [
        ("Project delivered", 1)]


def test_a_hire_closed_is_no_project_whenever_the_person_starts():
    assert rules("closed the hire for the SRE role, she starts in March") == [
        ("Hiring decision", 1)]


def test_a_candid_conversation_with_a_person_is_feedback_given():
    assert rules("had a blunt conversation with one of my engineers about his missed on-call "
                 "handoffs") == [("Feedback given", 1)]
    assert rules("had a long conversation with Sam about the outage") == []


def test_360s_and_perf_write_ups_are_reviews_of_people_one_per_person():
    assert rules("wrote 360s for four teammates") == [("Feedback given", 4)]
    assert rules("perf write-ups done for my three reports") == [("Feedback given", 3)]


def test_an_effort_led_across_groups_is_cross_team_work():
    assert rules("steering the logging cleanup effort across billing, search and ads") == [
        ("Cross-team initiative", 1)]
    assert rules("led the migration work with my manager") == []


def test_ones_own_design_through_review_is_a_design_doc():
    assert rules("my design for the retry layer passed review on thursday") == [
        ("Design doc", 1)]
    assert rules("reviewed two PRs, and my spec for the billing export got through review") == [
        ("Code review", 2), ("Design doc", 1)]


def test_a_reworked_rotation_that_is_sticking_is_a_process_improvement():
    assert rules("reworked the on-call rotation so weekends are shared, and it's sticking") == [
        ("Process improvement", 1)]


def test_a_change_only_proposed_is_the_proposal_not_an_improvement():
    assert rules("put a proposal out to the mobile teams about linting every repo, comments "
                 "close monday") == [("RFC", 1)]


def test_onboarding_a_new_hire_settles_a_person_in_and_hires_no_one():
    assert rules("onboarded our new data hire, she's pairing with me this week") == [
        ("Culture building", 1)]


def test_a_hack_day_is_a_team_event():
    assert rules("ran a hack day for the payments squad") == [("Culture building", 1)]
