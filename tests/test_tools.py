"""The check-in tools as the model and the offline coach call them."""


def test_an_items_words_run_from_its_first_span_to_its_last():
    from coach.tools.activities import in_their_words

    text = "Fixed two bugs, ran planning and then the retro, and read an RFC"
    assert in_their_words(text, "ran planning; the retro") == "ran planning and then the retro"
    assert in_their_words(text, "read an RFC") == "read an RFC"
    assert in_their_words(text, "the retro; ran planning") == "the retro; ran planning"  # not in order
    pasted = "Done:\n- fix flaky checkout test\n* 2. wrote the runbook"
    assert in_their_words(pasted, "- fix flaky checkout test") == "fix flaky checkout test"
    assert in_their_words(pasted, "2. wrote the runbook") == "wrote the runbook"
    assert in_their_words("reviewed 2 PRs", "reviewed 2 PRs") == "reviewed 2 PRs"
