from coach.chat.figures import unverified_figures


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


STATUS = ('{"band": "Underperforming", "percent_of_expected": 2, "score": 10.8, '
          '"dimensions": {"input": "6.0 of 243.0", "impact": "0.0 of 19.8"}, '
          '"insights": ["Far below what your level expects in: outcome 0%, impact 0%."], '
          '"forecast": "Underperforming, 26% of expected (80% range 2%-87%); 11% chance of '
          'Meeting Expectations or better."}')


def test_a_figure_is_checked_against_its_label_not_only_its_value():
    """80 is in the status (the forecast's 80% range) and 9 is a small number, but nothing
    gives impact 80% or outcome 9%: both are flagged (issue #12's SmolLM2 answer)."""
    assert unverified_figures("Your impact is 80%, outcome is 9%.", [STATUS]) == ["80", "9"]


def test_figures_under_their_own_labels_pass():
    assert unverified_figures("Impact is 0% and input 6 points; 10.8 points in all, 2% of "
                              "expected, with an 11% chance of Meeting.", [STATUS]) == []
    assert unverified_figures("The range is 2% to 87%.", [STATUS]) == []


LOGGED = '{"logged": ["4 x Code review in 2026-W48 (#1)", "2 x Bug fix in 2026-W48 (#2)"]}'


def test_an_entry_count_is_checked_against_its_category_however_small():
    """SmolLM2, re-recorded in session 4, answered "['5 x Code review in 2026-W48 (#1)',
    '7 x Bug fix in 2026-W48 (#2)']" after the core logged 4 and 2: small counts pass as plain
    speech, but a count in the core's entry notation names its category and must match it."""
    assert unverified_figures("'5 x Code review in 2026-W48 (#1)', '7 x Bug fix'", [LOGGED]) \
        == ["5 x code review", "7 x bug fix"]
    assert unverified_figures("Logged 4 x Code review and 2 x bug fix.", [LOGGED]) == []
    assert unverified_figures("Logged 2 x Code review.", [LOGGED]) == ["2 x code review"]
