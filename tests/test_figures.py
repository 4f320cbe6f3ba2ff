from coach.figures import unverified_figures


def test_figures_from_tool_results_pass_and_invented_ones_are_flagged():
    tool = '{"band": "Meeting Expectations", "percent_of_expected": 93, "score": 412.5}'
    assert unverified_figures("You are at 93% with 412.5 points.", [tool]) == []
    assert unverified_figures("You are at 97% with 412.5 points.", [tool]) == ["97"]


def test_rounding_and_ratios_as_percentages_are_allowed():
    assert unverified_figures("About 413 points, 93%.", ['{"score": 412.54, "ratio": 0.9312}']) \
        == []


def test_weeks_ids_and_small_counts_are_not_figures_to_check():
    assert unverified_figures("In 2026-W48 you logged 3 reviews, see #12.", ["{}"]) == []


def test_the_persons_own_numbers_count_as_sources():
    assert unverified_figures("You said 14 reviews.", ["I did 14 reviews"]) == []
