import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfmirror_core.extract import (
    CategoryVocabulary,
    ExtractedActivity,
    categories_named,
    extract_activities,
    find_reference,
    rule_activities,
)
from perfmirror_core.frameworks import default_framework

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HELD_OUT = Path(__file__).resolve().parent / "data" / "extract_cases.jsonl"


def load_vocabulary() -> list[CategoryVocabulary]:
    fixture = json.loads((SHARED_DATA / "categories-fixture.json").read_text())
    return [
        CategoryVocabulary(
            name=category["name"],
            synonyms=tuple(category.get("synonyms", ())),
            description=category.get("description", ""),
        )
        for category in fixture["categories"]
    ]


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


VOCABULARY = load_vocabulary()


_READ: dict[tuple[tuple[CategoryVocabulary, ...], str], list[tuple[str, int]]] = {}


def pairs(text: str, categories=None) -> list[tuple[str, int]]:
    """What the extractor proposes for ``text``, read once per vocabulary and text: the dev set
    (6473 lines) is scored whole and by writer, and reading it twice took a minute."""
    categories = VOCABULARY if categories is None else categories
    key = (tuple(categories), text)  # the vocabulary itself, not its id: ids are reused
    if key not in _READ:
        _READ[key] = [(item.category, item.count)
                      for item in extract_activities(text, categories)]
    return list(_READ[key])


def item_scores(cases: list[dict], categories=None) -> tuple[float, float, float]:
    """Precision, recall and F1 over (category, count) items; both must equal to match."""
    true_positives = proposed = expected = 0
    for case in cases:
        want = {(a["category"], a["count"]) for a in case["activities"]}
        got = set(pairs(case["text"], categories))
        true_positives += len(want & got)
        proposed += len(got)
        expected += len(want)
    precision = true_positives / proposed if proposed else 1.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(label: str, cases: list[dict], capsys, categories=None) -> float:
    precision, recall, f1 = item_scores(cases, categories)
    with capsys.disabled():
        print(f"\nextractor {label} ({len(cases)} utterances): "
              f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    return f1


def at_least(figure: float, floor: float) -> None:
    """A data set's figure against its floor. Asserted here, not at the call, so a failure
    shows the two numbers only: pytest's message for ``assert report(..., cases) >= floor``
    printed the held-out texts, which nobody tuning the extractor may read."""
    assert figure >= floor, f"{figure:.3f} is below its floor {floor}"


def exactly(figure: int, expected: int) -> None:
    """A data set's size, asserted without printing its lines (``at_least``)."""
    assert figure == expected, f"{figure} lines, expected {expected}"


# --- quality over data sets ------------------------------------------------------------


def test_dev_set_f1_is_at_least_0_95(capsys):
    cases = load_cases(SHARED_DATA / "checkin-utterances.jsonl")
    at_least(report("dev set", cases, capsys), 0.95)


def test_held_out_set_f1_is_at_least_0_90(capsys):
    """The fixture's own held-out set: 0.918 at the start of session 4 and after it, 0.924 after
    session 5's second slice, 0.918 after its third and fourth, 0.904 after session 6 and
    session 7 (its lines not read to find out why; the learned layer leaves it alone, since the
    fixture's categories are not the defaults it was trained on). Session 10 (this session's
    rules, the category layer retrained on them and the new count layer, ``learned_counts``):
    0.910."""
    cases = load_cases(HELD_OUT)
    at_least(len(cases), 40)
    at_least(report("held-out set", cases, capsys), 0.90)


# The product's own vocabulary (perfmirror_core/defaults.toml): what a person gets after init.
DEFAULT_VOCABULARY = [CategoryVocabulary(c.name, tuple(c.synonyms), c.description)
                      for c in default_framework().categories]
DEV_DEFAULTS = Path(__file__).resolve().parent / "data" / "extract_dev_defaults.jsonl"
HELD_OUT_DEFAULTS = Path(__file__).resolve().parent / "data" / "extract_heldout_defaults.jsonl"
HELD_OUT_DEFAULTS_2 = Path(__file__).resolve().parent / "data" / "extract_heldout2_defaults.jsonl"
HELD_OUT_DEFAULTS_3 = Path(__file__).resolve().parent / "data" / "extract_heldout3_defaults.jsonl"
HELD_OUT_DEFAULTS_4 = Path(__file__).resolve().parent / "data" / "extract_heldout4_defaults.jsonl"
HELD_OUT_DEFAULTS_5 = Path(__file__).resolve().parent / "data" / "extract_heldout5_defaults.jsonl"
HELD_OUT_DEFAULTS_6 = Path(__file__).resolve().parent / "data" / "extract_heldout6_defaults.jsonl"
HELD_OUT_DEFAULTS_7 = Path(__file__).resolve().parent / "data" / "extract_heldout7_defaults.jsonl"
HELD_OUT_DEFAULTS_8 = Path(__file__).resolve().parent / "data" / "extract_heldout8_defaults.jsonl"
HELD_OUT_DEFAULTS_9 = Path(__file__).resolve().parent / "data" / "extract_heldout9_defaults.jsonl"
HELD_OUT_DEFAULTS_10 = Path(__file__).resolve().parent / "data" / "extract_heldout10_defaults.jsonl"
HELD_OUT_DEFAULTS_11 = Path(__file__).resolve().parent / "data" / "extract_heldout11_defaults.jsonl"
EVERY_HELD_OUT_SET = (HELD_OUT_DEFAULTS, HELD_OUT_DEFAULTS_2, HELD_OUT_DEFAULTS_3, HELD_OUT_DEFAULTS_4,
                      HELD_OUT_DEFAULTS_5, HELD_OUT_DEFAULTS_6, HELD_OUT_DEFAULTS_7, HELD_OUT_DEFAULTS_8,
                      HELD_OUT_DEFAULTS_9, HELD_OUT_DEFAULTS_10, HELD_OUT_DEFAULTS_11)


def test_dev_set_over_the_default_categories_does_not_regress(capsys):
    """Tuned on: reading vs authoring, talks, 1:1s, colloquial verbs, spread counts,
    questions and lamented habits. Baseline before tuning: F1 0.317 (48 utterances). Grown to
    217 in session 3 with new voices (bullet lists, "x6", finished objects, wishes, dates
    ahead, passives): 0.797 on its first 187 before that session's tuning; 0.941 on all 217
    after. Grown to 245 in session 4 (typos, compounds said the other way round, objects
    spread over a sentence, "wrote one", work named by its effect, talks named by their
    audience, cross-team reach, questions without their mark): 0.872 before that session's
    tuning; then to 387 in batches, the whole set scored as each batch came in, before the
    rules for it were written (+39 managers' and ICs' lines: 0.918; +34: 0.965; +30 terse
    colloquial lines with shorthand: 0.955; +22: 0.962; +9: 0.972; +5: 0.968; +5: 0.980;
    +16 fragments, emoji and non-native phrasing: 0.980): 0.984 on all 405 after. Grown to
    1685 in session 5 with 1280 lines written blind (see the next test): 0.845 on the first
    1045 after that session's first slice, 0.837 on all 1685 after its second, 0.857 after
    its third, 0.878 after its fourth. Grown to 2325 at the start of session 6 with the 640
    W6/W7 blind lines (see the next test): 0.839 on all 2325 before that session's tuning; then
    to 2963 with 638 lines written blind in session 6 (W12: managers, directors and leads; W13:
    ICs), which came in at 0.752; 0.878 on all 2963 after session 6's category-choice and
    count slices, 0.882 after its last. Grown to 4241 at the start of session 7 with 1278 lines
    written blind (W16-W19, see the next test but one), which came in at 0.798: 0.858 on all
    4241 before that session's tuning; then to 5196 with 955 more (W21-W23, arrival 0.758):
    0.841 on all 5196; then to 6473 with 1277 more (W24-W27, arrival 0.789): 0.830 on all
    6473 before session 7's tuning; then to 8386 with 1913 more (W28-W33, arrival 0.771;
    0.777 with session 7's first count slice): 0.823 on all 8386 with that slice, 0.834 after
    session 7's rules, 0.865 with its learned category layer (trained on these lines but W7's,
    so in-sample: the writer cross-validation in benchmarks/train_category_model.py is the
    honest figure for it, 0.829 -> 0.846). Grown to 10935 at the start of session 8 with 2555
    lines written blind (W36-W43, arrival 0.836 with session 7's rules and layer): 0.861 on
    all 10935 with the layer retrained on them (writer cross-validation 0.827 -> 0.844)."""
    cases = load_cases(DEV_DEFAULTS)
    at_least(report("dev set, default categories", cases, capsys, DEFAULT_VOCABULARY), 0.81)


def test_no_held_out_text_is_in_the_dev_set():
    """The dev set is tuned and trained on, so a held-out text in it is no longer held out.
    Six short lines had crept in with earlier batches (the same "no interviews this week,
    hiring freeze" written by two writers); session 7 dropped them from the dev set."""
    dev = {case["text"].strip().lower() for case in load_cases(DEV_DEFAULTS)}
    for path in (*EVERY_HELD_OUT_SET, HELD_OUT):
        shared = dev & {case["text"].strip().lower() for case in load_cases(path)}
        assert not shared, (path.name, len(shared))


def test_dev_sets_earlier_lines_do_not_regress(capsys):
    """The lines written before session 5 (no "source" field; 405 until session 7 dropped
    three whose text is also in a held-out set): 0.984 then, 0.992 after
    session 5. Two were relabelled in session 5 to tests/data/extract_labelling.md, each in
    the commit that says why: a hiring committee for two candidates is two decisions; a design
    doc presented at its review is one design doc."""
    cases = [case for case in load_cases(DEV_DEFAULTS) if "source" not in case]
    exactly(len(cases), 402)
    at_least(report("dev set, lines before session 5", cases, capsys, DEFAULT_VOCABULARY), 0.97)


def test_dev_sets_blind_written_lines(capsys):
    """Session 5's blind dev batches (each line's "source" names its writer and batch), written
    by people who saw only the categories and tests/data/extract_labelling.md. Each batch was
    scored as it arrived, before any rule saw it: W2 and W3 batches 1-4 F1 0.48-0.68 at
    b413ff9. Batches 3-4 were then kept unread while the rules were tuned on batches 1-2, and
    scored again: 0.676 pooled (from 0.59), while batches 1-2 went to 0.84; all eight 0.765
    after the first slice. W4 and W5 (eight more batches) came in at 0.670 pooled at main and
    0.725 with the first slice's rules; W5-3 and W5-4, kept unread while the second slice was
    tuned on the other fourteen batches, scored 0.753 and 0.805 before anyone read them (0.689
    and 0.667 at main). All 1280 lines: 0.796 after the second slice, 0.823 after the third,
    0.848 after the fourth.
    W6 and W7 (640 lines: messy notes, non-native phrasing, bullet lists, indirect counts) were
    kept unread all through session 5: 0.639 with its starting extractor, 0.704 after its first
    slice, 0.731 at its end; committed then as "blind batches not yet tuned on" and moved into
    the dev set at the start of session 6 at that same 0.731. All 1920 blind lines: 0.812 then.
    Session 6's W12 (managers, directors, tech leads) and W13 (ICs) batches, 638 lines, came in
    at 0.752 (0.71-0.81 per batch) with the extractor session 5 left; all 2558 blind lines 0.798.
    Session 6 tuned on all of them but W7's four batches, kept unread as its validation (only
    their pooled figure printed after each change): W7 0.706 at the start, 0.769 after the
    category-choice slices; all 2558 blind lines 0.863, and 0.867 after the last count slice
    (W7 unchanged by it).
    Session 7's W16-W19 batches (1278 lines: juniors, product, SRE and second-language ICs;
    new, large-company, startup and note-pasting managers; staff, QA/embedded, ML and
    open-source engineers; tech leads, phone typing, rambling reflections, terse lists) came in
    at 0.798 (0.67-0.91 per batch) with the extractor session 6 left; all 3836 blind lines
    0.845 then. W21-W23 (955 lines: games/embedded, compliance, agency and returning ICs; new,
    senior, hard-week and second-language leaders; lines mostly about others' work or plans,
    lines full of unrelated numbers, work told only by its effect, two-to-eight-word lines)
    came in at 0.758 (0.35 for work told by its effect, 0.68-0.88 for the rest); all 4791 blind
    lines 0.829 then. W24-W27 (1277 lines: frontend, migration, mobile and day-by-day ICs;
    platform, hiring, architecture-board and VP-update leaders; reasons and feelings first,
    category words in passing, the same work said twice, one-line answers to a coach; data,
    security, tooling and crisis weeks) came in at 0.789 (0.60-0.89 per batch); all 6068
    blind lines 0.821 then. W28-W33 (1913 lines: review-season, on-call, research and
    long-message ICs; remote, review-season, non-tech and shorthand managers; unusual counts,
    contrast and negation, passives, weeks mixed with plans; world Englishes, markdown,
    tracker pastes, "we"; startup CTOs, ML leads, programme leads, returning managers; new
    grads, principals, stories, abbreviations) came in at 0.771 (0.53-0.93 per batch) with
    session 6's rules, 0.777 with session 7's first count slice (which never saw them); all
    7981 blind lines 0.815 then. After session 7's rules: 0.827; with its learned layer 0.859
    (in-sample, see above). W7, still unread and never trained on: 0.769 at the start of
    session 7, 0.777 after its rules, 0.795 with the learned layer.
    Session 8's W36-W43 (2555 lines: ML, platform, QA and mobile ICs; staff-plus, senior
    managers, directors' notes and new tech leads; weeks mixed with others, counts of people
    beside work, long lists, self-corrections; open-source maintainers, startup founders,
    enterprise change boards, run-ons; on-call, hiring, people-development and process weeks;
    key: value tallies, dictation, hedged counts, second-language English; rituals by day,
    learning weeks, architecture weeks, status one-liners; work told by its effect, sarcasm,
    low weeks, very full weeks) came in at 0.836 (0.74-0.92 per batch) with session 7's rules
    and learned layer; all 10533 blind lines 0.857 with the layer retrained on them.
    Session 9 added no dev lines; its rules (counts, missed and extra categories, status
    headings) and the retrained layer: all 10533 blind lines 0.888 (in-sample), W7 0.818.
    The gap between the
    figures on batches tuned on and on unread ones is the honest measure of how far rules
    tuned on some writers carry to others."""
    cases = [case for case in load_cases(DEV_DEFAULTS) if case.get("source", "").startswith(
        "blind-")]
    at_least(len(cases), 10533)
    at_least(report("dev set, blind-written lines", cases, capsys, DEFAULT_VOCABULARY), 0.80)


def test_held_out_set_over_the_default_categories_does_not_regress(capsys):
    """Written and committed before any tuning (commit "Extractor held-out set over the default
    categories"), never tuned on: F1 0.545 before, 0.891 after session 2's tuning, 0.913 after
    session 3's, 0.989 after session 4's, 1.000 after session 5's first slice and its second,
    1.000 after session 6 and session 7. The floor guards against regression. Session 10 (this
    session's rules, the category layer retrained on them and the new count layer,
    ``learned_counts``): 1.000."""
    cases = load_cases(HELD_OUT_DEFAULTS)
    at_least(len(cases), 40)
    at_least(report("held-out set, default categories", cases, capsys, DEFAULT_VOCABULARY), 0.98)


def test_second_held_out_set_over_the_default_categories_does_not_regress(capsys):
    """A fresh held-out set in new voices, committed before session 3 changed the extractor
    (commit "Extractor second held-out set ..."), never tuned on: F1 0.743 before, 0.838 after
    session 3, 0.881 after session 4, 0.932 after session 5's first slice, 0.949 after its
    second and after sessions 6 and 7. The floor guards against regression. Session 10 (this
    session's rules, the category layer retrained on them and the new count layer,
    ``learned_counts``): 0.949."""
    cases = load_cases(HELD_OUT_DEFAULTS_2)
    at_least(len(cases), 60)
    at_least(report("second held-out set, default categories", cases, capsys,
                  DEFAULT_VOCABULARY), 0.93)


def test_third_held_out_set_over_the_default_categories_does_not_regress(capsys):
    """Written in session 4 and committed alone before that session changed the extractor (commit
    "Extractor third held-out set ..."): ICs and managers from L1 to L8, typos, counts in
    words, questions and non-work lines. Never tuned on and its misses never read: F1 0.701
    before, 0.835 after session 4, 0.873 after session 5's first slice, 0.887 after its second
    and third, 0.895 after its fourth, 0.909 after session 6, 0.924 after session 7 (0.909 with
    its rules alone, 0.924 with the learned layer). Session 10 (this session's rules, the
    category layer retrained on them and the new count layer, ``learned_counts``): 0.952."""
    cases = load_cases(HELD_OUT_DEFAULTS_3)
    at_least(len(cases), 60)
    at_least(report("third held-out set, default categories", cases, capsys,
                  DEFAULT_VOCABULARY), 0.93)


def test_fourth_held_out_set_written_blind_does_not_regress(capsys):
    """Written at the end of session 4 by someone who had not read the extractor's rules or any of
    its data (labels from the categories' definitions in defaults.toml alone), and committed
    before anyone tuned against it: 103 utterances, F1 0.872 at that commit. Kept out of the
    pooled figure below so that figure stays comparable across sessions; the next session tunes
    on dev only and reports this set blind: 0.900 after session 5's first slice, 0.927 after
    its second, 0.945 after its third, 0.936 after its fourth, 0.945 after session 6, 0.950
    after session 7 (rules alone 0.945). The floor guards against regression. Session 10 (this
    session's rules, the category layer retrained on them and the new count layer,
    ``learned_counts``): 0.968."""
    cases = load_cases(HELD_OUT_DEFAULTS_4)
    at_least(len(cases), 100)
    at_least(report("fourth held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.95)


def test_fifth_held_out_set_written_blind_does_not_regress(capsys):
    """Written at the start of session 5 by a writer who saw only the categories' definitions and
    the labelling conventions given to every writer (log only the speaker's own finished work;
    reading is not authoring; counts as said), told to use their own words rather than the
    category names (about a fifth of its entries name them): 100 utterances, 17 with nothing to
    log. Committed alone before session 5 changed the extractor: F1 0.681 (P 0.703, R 0.660) at
    that commit; 0.827 after session 5's first slice, 0.839 after its second, 0.843 after its
    third, 0.838 after its fourth, 0.869 after session 6, 0.894 after session 7 (rules alone
    0.879; not the 0.92 the issue asks for). Never tuned on, its misses never read. The floor
    guards against regression. Session 10 (this session's rules, the category layer retrained
    on them and the new count layer, ``learned_counts``): 0.944."""
    cases = load_cases(HELD_OUT_DEFAULTS_5)
    at_least(len(cases), 100)
    at_least(report("fifth held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.92)


def test_sixth_held_out_set_written_blind_and_scored_once(capsys):
    """Written near the end of session 5 by a writer who saw only the categories' definitions and
    tests/data/extract_labelling.md (ICs at every level; managers, directors and a mix), never
    read by anyone tuning and scored once, with the session's final extractor: F1 0.831 (0.647
    with the extractor of the session's start); 0.864 after session 6, whose tuners never read
    it either, 0.887 after session 7 (rules alone 0.873; not the 0.92 the issue asks for). The
    floor guards against regression. Session 10 (this session's rules, the category layer
    retrained on them and the new count layer, ``learned_counts``): 0.919."""
    cases = load_cases(HELD_OUT_DEFAULTS_6)
    at_least(len(cases), 160)
    at_least(report("sixth held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.90)


def test_seventh_held_out_set_written_blind_before_session_6(capsys):
    """Written at the start of session 6 by two writers who saw only the categories' definitions
    and tests/data/extract_labelling.md: 100 ICs at every level and speciality (`"source":
    "w9-ics"`), 100 managers, directors, tech leads and staff engineers (`"w10-managers"`); 34
    lines with nothing to log. Committed alone, before session 6 changed the extractor: F1
    0.750 (P 0.780, R 0.722) at that commit, 0.784 on the ICs' half and 0.717 on the managers';
    0.802 after session 6, 0.848 after session 7 (rules alone 0.811; not the 0.92 the issue
    asks for). Never tuned on, its misses never read. The floor guards against regression.
    Session 10 (this session's rules, the category layer retrained on them and the new count
    layer, ``learned_counts``): 0.897."""
    cases = load_cases(HELD_OUT_DEFAULTS_7)
    at_least(len(cases), 200)
    at_least(report("seventh held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.87)


def test_eighth_held_out_set_written_blind_and_scored_once(capsys):
    """Written at the start of session 6 by a writer who saw only the categories' definitions and
    tests/data/extract_labelling.md: 78 ICs at every level and speciality (some in a second
    language, some in a hurry; `"source": "w11-ics"`) and 80 managers, directors, tech leads
    and staff engineers (`"w11-managers"`); two more lines were dropped because their text was
    already in another set. Nobody opened it until the end of session 6; scored once, with that
    session's final extractor: F1 0.806 (0.785 on the ICs, 0.828 on the managers), and 0.769
    with the extractor of the session's start; 0.855 after session 7, whose tuners never read
    it (rules alone 0.838). Not the 0.92 the issue asks for; the floor guards against
    regression. Session 10 (this session's rules, the category layer retrained on them and the
    new count layer, ``learned_counts``): 0.937."""
    cases = load_cases(HELD_OUT_DEFAULTS_8)
    at_least(len(cases), 158)
    at_least(report("eighth held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.91)


def test_ninth_held_out_set_written_blind_before_session_7(capsys):
    """Written at the start of session 7, before any of its tuning, by two writers who saw only
    the categories' definitions and the labelling convention: 100 ICs at every level and
    speciality (`"source": "w14-ics"`) and 100 managers, directors, tech leads and staff
    engineers at every kind of company (`"w15-managers"`). Scored on arrival with the extractor
    of the session's start (dbfda4f): F1 0.802 (0.842 ICs, 0.765 managers); 0.840 after session
    7 (rules alone 0.816). Never read by anyone tuning the extractor; the floor guards against
    regression. Session 10 (this session's rules, the category layer retrained on them and the
    new count layer, ``learned_counts``): 0.884."""
    cases = load_cases(HELD_OUT_DEFAULTS_9)
    exactly(len(cases), 200)
    at_least(report("ninth held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.86)


def test_tenth_held_out_set_written_blind_and_scored_once(capsys):
    """Written at the start of session 7 by a writer who saw only the categories' definitions and
    the labelling convention: 97 ICs at every level and speciality (`"source": "w20-ics"`) and
    100 managers, directors, tech leads and staff engineers (`"w20-managers"`); three more
    lines were dropped because their text was already in another set. Nobody opened it until
    the end of session 7; scored once, with that session's final extractor (rules and learned
    layer): F1 0.892 (0.940 ICs, 0.844 managers), and 0.852 with the extractor of the session's
    start. Not the 0.92 the issue asks for; the floor guards against regression. Session 10
    (this session's rules, the category layer retrained on them and the new count layer,
    ``learned_counts``): 0.945."""
    cases = load_cases(HELD_OUT_DEFAULTS_10)
    exactly(len(cases), 197)
    at_least(report("tenth held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.92)


def test_eleventh_held_out_set_written_blind_before_session_8(capsys):
    """Written at the start of session 8, before any of its tuning, by two writers who saw only
    the categories' definitions and the labelling convention: 197 ICs at every level and
    speciality (`"source": "w34-ics"`) and 197 managers, directors, tech leads and staff
    engineers (`"w35-managers"`); six more lines were dropped because their text was already in
    another set. Committed unread, with the arrival figure of the session's starting extractor
    (644b0d0): F1 0.852 (0.870 ICs, 0.834 managers); 0.867 after session 8's rules, 0.880 with
    its second learned layer. Nobody tuning reads it; the floor guards against regression.
    Session 10 (this session's rules, the category layer retrained on them and the new count
    layer, ``learned_counts``): 0.908."""
    cases = load_cases(HELD_OUT_DEFAULTS_11)
    exactly(len(cases), 394)
    at_least(report("eleventh held-out set, written blind", cases, capsys,
                  DEFAULT_VOCABULARY), 0.88)


def test_blind_held_out_sets_together(capsys):
    """The honest generalisation figure: the two sets written by people who never saw the
    extractor (fourth and fifth), pooled: 0.783 at the start of session 5, 0.866 after its
    first slice, 0.886 after its second, 0.897 after its third, 0.890 after its fourth (the
    fourth slice raised the dev set's blind lines from 0.823 to 0.848 and lowered this: the
    rules fit the dev writers a little more than strangers); 0.909 after session 6, 0.924 after
    session 7. Session 10 (this session's rules, the category layer retrained on them and the
    new count layer, ``learned_counts``): 0.957."""
    cases = [case for path in (HELD_OUT_DEFAULTS_4, HELD_OUT_DEFAULTS_5)
             for case in load_cases(path)]
    at_least(report("blind held-out sets (4 and 5) pooled", cases, capsys,
                  DEFAULT_VOCABULARY), 0.93)


def test_all_held_out_sets_over_the_default_categories_together(capsys):
    """The first three held-out sets pooled, the figure sessions 4 and 5 compared: 0.805 at
    the start of session 4, 0.891 after it, 0.926 after session 5's first slice, 0.938 after
    its second and third, 0.941 after its fourth, 0.946 after session 6, 0.952 after session
    7. It is not the issue's figure any more: the sets written blind since (4-10) are harder, and the issue's
    0.92 is judged on every held-out set (the next test). Guarded against regression."""
    cases = [case for path in (HELD_OUT_DEFAULTS, HELD_OUT_DEFAULTS_2, HELD_OUT_DEFAULTS_3)
             for case in load_cases(path)]
    at_least(report("held-out sets 1-3 pooled, default categories", cases, capsys,
                  DEFAULT_VOCABULARY), 0.93)


def test_every_held_out_set_pooled(capsys):
    """The figure the issue's acceptance asks about (at least 0.92): every held-out utterance over
    the default categories, pooled. Sets 1-8 (913 utterances): 0.836 at the start of session 6,
    0.866 after it, 0.893 after session 7. Set 9 (200 utterances, written blind before session
    7's tuning) joined at 0.802 and set 10 (197, scored once at its end) at 0.852: sets 1-10
    (1310 utterances) stood at 0.854 at the start of session 7 and 0.885 after it (its rules
    0.865 on sets 1-9, the learned layer 0.883). Set 11 (394 utterances, written blind before
    session 8's tuning) joined at 0.852: sets 1-11 (1704 utterances) stood at 0.877 at the
    start of session 8, 0.886 after its rules and 0.897 with its second learned layer (set 11:
    0.880); 0.904 after session 9's rules and the layer retrained on them (set 11: 0.889; sets
    1-5 and 10 at 0.92 or more). Not met; printed, and guarded against regression. Session 10:
    0.923, the first figure at 0.92 or more, after its rules (counts, extras, misses), the
    category layer retrained on them and a learned count layer (``learned_counts``); printed
    once, after everything was chosen by the dev set and its writers' cross-validation."""
    cases = [case for path in EVERY_HELD_OUT_SET for case in load_cases(path)]
    at_least(len(cases), 1700)
    at_least(report("every held-out set (1-11) pooled, default categories", cases, capsys,
                  DEFAULT_VOCABULARY), 0.91)


# --- one behaviour each ----------------------------------------------------------------


def test_number_words_are_counts():
    assert pairs("Interviewed seven candidates.") == [("Interview", 7)]


def test_digits_are_counts():
    assert pairs("Fixed 11 bugs.") == [("Bug fix", 11)]


def test_a_dozen_is_twelve():
    assert pairs("Reviewed a dozen PRs.") == [("Code review", 12)]


def test_a_couple_is_two():
    assert pairs("Did a couple of code reviews.") == [("Code review", 2)]


def test_twice_is_two():
    assert pairs("Mentored Sam twice.") == [("Mentoring session", 2)]


def test_no_number_means_one():
    assert pairs("Wrote the runbook.") == [("Documentation", 1)]


def test_every_day_is_a_working_week():
    assert pairs("Went to standup every day.") == [("Team meeting", 5)]


def test_durations_are_not_counts():
    assert pairs("Spent 3 hours on an outage.") == [("Incident resolved", 1)]


def test_negation_suppresses_the_category():
    assert pairs("Didn't write any docs.") == []
    assert pairs("Not a single incident.") == []


def test_negation_does_not_reach_the_next_clause():
    assert pairs("No design work, but reviewed 2 PRs.") == [("Code review", 2)]


def test_intent_is_not_an_activity():
    assert pairs("Will review the migration PRs next week.") == []


def test_same_category_mentioned_twice_sums():
    text = "Fixed 2 bugs on Monday. Later fixed 3 bugs in the API."
    assert pairs(text) == [("Bug fix", 5)]


def test_a_bare_number_continues_the_previous_clause():
    assert pairs("Reviewed 3 PRs on Monday and 2 more on Friday.") == [("Code review", 5)]


def test_zero_counts_are_dropped():
    assert pairs("Zero bugs fixed. 0 interviews.") == []


def test_description_word_alone_is_not_enough():
    # "candidate" appears only in the Interview description.
    assert pairs("Chatted with a candidate.") == []


def test_synonym_beats_description_word_for_the_same_span():
    assert pairs("Wrote 2 docs.") == [("Documentation", 2)]
    assert pairs("Wrote 2 design docs.") == [("Design doc", 2)]


def test_topic_after_a_preposition_is_not_an_activity():
    assert pairs("Gave a talk on incident response.") == [("Tech talk", 1)]


def test_items_come_in_order_of_first_mention():
    text = "Interviewed a candidate, fixed a bug, interviewed another."
    assert pairs(text) == [("Interview", 2), ("Bug fix", 1)]


def test_category_name_is_returned_exactly_as_given():
    vocabulary = [CategoryVocabulary("CODE Review ✓", ("PR review",), "Reviewing PRs")]
    assert pairs("Reviewed 4 PRs.", vocabulary) == [("CODE Review ✓", 4)]


def test_phrase_shows_where_the_item_came_from():
    [item] = extract_activities("Mostly meetings: 7 of them.", VOCABULARY)
    assert item == ExtractedActivity("Team meeting", 7, "Mostly meetings: 7 of them")


def test_empty_text_gives_nothing():
    assert extract_activities("", VOCABULARY) == []


def test_empty_vocabulary_gives_nothing():
    assert extract_activities("Reviewed 4 PRs.", []) == []


def test_extraction_is_deterministic():
    text = "Shipped 2 features, fixed 4 bugs, and attended standup every day (5)."
    assert extract_activities(text, VOCABULARY) == extract_activities(text, VOCABULARY)


@pytest.mark.parametrize("seed", range(5))
def test_category_order_does_not_change_the_result(seed):
    shuffled = VOCABULARY[:]
    random.Random(seed).shuffle(shuffled)
    for case in load_cases(HELD_OUT):
        assert set(pairs(case["text"], shuffled)) == set(pairs(case["text"]))


# --- properties ------------------------------------------------------------------------

VOCABULARY_WORDS = sorted(
    {word for c in VOCABULARY for part in (c.name, *c.synonyms, c.description)
     for word in part.split()}
    | set("no not didn't will a dozen couple of twice every day each and , . : ( ) 3 0 "
          "seven more them hours for on planning to".split())
)
NAMES = {c.name for c in VOCABULARY}


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(VOCABULARY_WORDS)).map(" ".join)))
def test_any_text_gives_valid_items(text):
    items = extract_activities(text, VOCABULARY)
    categories = [item.category for item in items]
    assert all(item.count >= 1 for item in items)
    assert set(categories) <= NAMES
    assert len(categories) == len(set(categories))


# --- generalising: what people say, in the product's own categories ----------------------


def in_defaults(text: str) -> list[tuple[str, int]]:
    return pairs(text, DEFAULT_VOCABULARY)


def test_reading_is_not_authoring():
    assert in_defaults("Read two RFCs from the storage team.") == [("Reading docs", 2)]
    assert in_defaults("Reviewed 2 design docs.") == [("Reading docs", 2)]
    assert in_defaults("Wrote 2 design docs.") == [("Design doc", 2)]


def test_reading_carries_to_a_clause_with_no_verb_of_its_own():
    assert in_defaults("Read the caching RFC and two design docs.") == [("Reading docs", 3)]


def test_reading_code_is_a_review():
    assert in_defaults("Looked over two PRs from the interns.") == [("Code review", 2)]


def test_without_a_reading_category_a_read_document_is_not_written():
    """The fixture's vocabulary has no "Reading docs"; its Learning says "reading ... RFCs"."""
    assert pairs("Read two RFCs.") == [("Learning", 2)]


def test_presenting_teaching_and_speaking_are_talks():
    assert in_defaults("Presented at the platform guild.") == [("Tech talk", 1)]
    assert in_defaults("Spoke at the frontend meetup.") == [("Tech talk", 1)]


def test_one_on_ones_are_counted_not_read_as_numbers():
    assert in_defaults("Had two 1:1s and a skip-level.") == [("1:1 meeting", 3)]


def test_a_lamented_habit_is_no_entry():
    assert in_defaults("I keep starting design docs and never finishing them.") == []


def test_a_question_is_no_entry():
    assert in_defaults("How do I get better at interviewing and mentoring?") == []
    assert in_defaults("Should I write an RFC? Fixed 2 bugs.") == [("Bug fix", 2)]


def test_colloquial_verbs_name_the_same_work():
    assert in_defaults("Squashed three bugs in the importer.") == [("Bug fix", 3)]
    assert in_defaults("Rolled out the new search page.") == [("Feature shipped", 1)]


def test_a_colloquial_verb_used_as_a_noun_is_not_work():
    assert in_defaults("Tidied the release checklist.") == []


def test_counts_spread_over_a_sentence_add_up():
    assert in_defaults("Fixed one bug Monday, two Wednesday and one Friday.") == [("Bug fix", 4)]
    assert in_defaults("Interviewed one candidate Tuesday and another Thursday.") == [
        ("Interview", 2)]


def test_a_hyphenated_duration_is_not_a_count():
    assert in_defaults("Attended a three-day workshop.") == [("Learning", 1)]


def test_categories_named_in_a_question():
    assert categories_named("how do I get better at interviewing and mentoring?",
                            DEFAULT_VOCABULARY) == ["Interview", "Mentoring session"]


@pytest.mark.parametrize("text, reference", [
    ("Fixed the login bug (PR #412)", "PR #412"),
    ("Wrote up the postmortem for INC-771", "INC-771"),
    ('Wrote the design doc "Queue migration v2"', "Queue migration v2"),
    ("Merged https://github.com/a/b/pull/3.", "https://github.com/a/b/pull/3"),
    ("Updated retries.md", "retries.md"),
    ("Priya's doc and Bob's talk", None),
    ("I mentored Priya twice", None),
])
def test_a_sentence_keeps_its_reference(text, reference):
    assert find_reference(text) == reference


def test_finishing_an_object_names_the_work():
    assert in_defaults("Nailed two bugs in the export code.") == [("Bug fix", 2)]
    assert in_defaults("Wrapped up the migration project.") == [("Project delivered", 1)]


def test_filing_a_bug_is_not_fixing_it():
    assert in_defaults("Filed two bugs against the SDK.") == []


def test_a_modifier_says_what_a_session_was():
    assert in_defaults("Ran an onboarding session.") == [("Culture building", 1)]


def test_a_head_word_two_categories_share_names_neither():
    """"meeting" heads both "Team meeting" and "1:1 meeting"; before, the alphabetically first
    (1:1) won."""
    assert in_defaults("Attended two meetings.") == []
    assert in_defaults("Attended two team meetings.") == [("Team meeting", 2)]


def test_meeting_to_talk_about_something_is_no_talk():
    assert in_defaults("My mentor and I met to talk about promotion.") == [
        ("Mentorship received", 1)]


def test_one_more_with_someone_else_adds():
    assert in_defaults("Two one-on-ones with my reports and one with my manager.") == [
        ("1:1 meeting", 3)]
    assert in_defaults("Mentored Alex twice and Jo once.") == [("Mentoring session", 3)]


def test_a_breakdown_after_a_count_does_not_add():
    assert in_defaults("Gave 2 talks, 1 internal.") == [("Tech talk", 2)]


def test_one_each_restates_the_count():
    assert in_defaults("Did three interviews, one each on Monday, Tuesday and Thursday.") == [
        ("Interview", 3)]


def test_more_lamented_habits_and_wishes_are_no_entry():
    assert in_defaults("I keep skipping our retros.") == []
    assert in_defaults("I always say I'll write tests and then I don't.") == []
    assert in_defaults("Would like to give more talks.") == []
    assert in_defaults("Thinking about writing an RFC on retries.") == []


def test_feedback_on_a_document_and_signing_off_code_are_reading():
    assert in_defaults("Gave feedback on two RFCs from the API guild.") == [("Reading docs", 2)]
    assert in_defaults("Signed off on a PR from Tom.") == [("Code review", 1)]
    assert in_defaults("Checked over three merge requests.") == [("Code review", 3)]


def test_a_new_hire_is_a_person_and_documenting_is_not_the_object():
    assert in_defaults("Paired with the new hire on the billing bug.") == [
        ("Mentoring session", 1)]
    assert in_defaults("Documented an architecture decision about caching.") == [
        ("Architecture decision", 1)]
    assert in_defaults("Documented the on-call process.") == [("Documentation", 1)]


def test_a_review_named_as_a_noun_is_not_reading_what_follows():
    assert in_defaults("PR reviews x6, one design doc.") == [("Code review", 6), ("Design doc", 1)]


def test_reading_up_on_a_topic_is_reading():
    assert in_defaults("Read up on CRDTs for the sync project.") == [("Reading docs", 1)]


def test_a_date_ahead_with_no_work_done_is_no_entry():
    assert in_defaults("The incident review is next Tuesday.") == []
    assert in_defaults("Put together the roadmap for next quarter.") == [("Roadmap", 1)]


def test_a_wish_is_no_entry():
    assert in_defaults("I wish I had time to mentor people.") == []


def test_helping_a_junior_is_mentoring_and_knowledge_sharing_is_a_talk():
    assert in_defaults("Helped a junior colleague debug her first service, twice.") == [
        ("Mentoring session", 2)]
    assert in_defaults("Organised a knowledge-sharing session on profiling.") == [
        ("Tech talk", 1)]


def test_both_and_a_handful_are_counts():
    assert in_defaults("Fixed both of the bugs QA found.") == [("Bug fix", 2)]
    assert in_defaults("Did a handful of code reviews.") == [("Code review", 3)]


def test_each_day_named_is_one_more_unless_a_count_was_given():
    assert in_defaults("Interviewed on Monday and Wednesday.") == [("Interview", 2)]
    assert in_defaults("Fixed 2 bugs on Monday and Friday.") == [("Bug fix", 2)]


def test_work_done_to_the_person_is_not_theirs():
    assert in_defaults("My PR got reviewed by two people.") == []
    assert in_defaults("I was interviewed for an internal transfer.") == []
    assert in_defaults("Was mentored by our principal engineer.") == [("Mentorship received", 1)]


def test_teaching_one_person_is_mentoring_and_a_class_is_a_talk():
    assert in_defaults("Taught Sam how to use the profiler.") == [("Mentoring session", 1)]
    assert in_defaults("Taught a class on SQL to the support team.") == [("Tech talk", 1)]


def test_more_everyday_names_for_the_work():
    assert in_defaults("Held office hours for the juniors.") == [("Mentoring session", 1)]
    assert in_defaults("Gave a demo of the new search to sales.") == [("Tech talk", 1)]
    assert in_defaults("Caught up with my manager on Tuesday.") == [("1:1 meeting", 1)]


def test_a_slipped_key_is_mended():
    assert in_defaults("Reveiwed three merge requests.") == [("Code review", 3)]
    assert in_defaults("Wrote the desgin doc for search.") == [("Design doc", 1)]


def test_a_replaced_letter_or_a_word_made_from_a_word_is_not_a_typo():
    """"lunch" is one letter from "launch" and "retry" from "retro": real words, left alone."""
    assert in_defaults("Had lunch with the platform team.") == []
    assert in_defaults("Added a retry to the uploader.") == []
    assert in_defaults("My reviewer approved it.") == []


def test_a_compound_said_the_other_way_round():
    assert in_defaults("Had a sync with the team on Monday.") == [("Team meeting", 1)]


def test_another_object_is_another_piece_of_the_same_work():
    assert in_defaults("Wrote tests for the parser and the linter.") == [("Tests written", 2)]
    assert in_defaults("Reviewed Kim's PR and Lou's.") == [("Code review", 2)]
    assert in_defaults("Gave a talk on caching and the new queue.") == [("Tech talk", 1)]
    assert in_defaults("Shipped it. The new editor is live.") == [("Feature shipped", 1)]


def test_a_word_two_categories_share_continues_the_one_before():
    assert in_defaults("Went to the retro and two planning meetings.") == [("Team meeting", 3)]


def test_one_after_a_verb_of_making_is_the_thing_just_named():
    assert in_defaults("Read four RFCs and wrote one.") == [("Reading docs", 4), ("RFC", 1)]
    assert in_defaults("Interviewed a candidate, fixed a bug, interviewed another.") == [
        ("Interview", 2), ("Bug fix", 1)]


def test_a_question_without_its_mark_is_no_entry():
    assert in_defaults("what should I do to get promoted") == []
    assert in_defaults("Did my weekly 1:1 with Dana.") == [("1:1 meeting", 1)]


def test_work_named_by_its_effect_on_the_team_machinery_is_a_process_improvement():
    assert in_defaults("Halved the time our build takes.") == [("Process improvement", 1)]
    assert in_defaults("Got the deploy from 30 minutes to 5.") == [("Process improvement", 1)]
    assert in_defaults("Automated the weekly dependency bumps.") == [("Process improvement", 1)]
    assert in_defaults("Cut a release for the mobile app.") == []


def test_showing_work_to_a_group_is_a_talk_and_walking_one_person_through_is_mentoring():
    assert in_defaults("Showed the migration plan at the company all-hands.") == [
        ("Tech talk", 1)]
    assert in_defaults("Walked the QA team through the release tooling.") == [("Tech talk", 1)]
    assert in_defaults("Walked Ravi through the billing code.") == [("Mentoring session", 1)]


def test_led_work_across_teams_is_cross_team():
    assert in_defaults("Led the logging cleanup across four teams.") == [
        ("Cross-team initiative", 1)]


def test_an_event_given_is_a_talk_and_one_attended_is_learning():
    assert in_defaults("Ran a workshop on incident writing.") == [("Tech talk", 1)]
    assert in_defaults("Attended a workshop on incident writing.") == [("Learning", 1)]


def test_a_review_written_for_people_is_feedback_one_each():
    assert in_defaults("Wrote year-end reviews for three engineers.") == [("Feedback given", 3)]
    assert in_defaults("Did a code review for Priya.") == [("Code review", 1)]


def test_pages_handled_are_incidents_and_someone_elses_work_is_not_yours():
    """Being paged is not yet resolving anything: "got paged" alone is no entry."""
    assert in_defaults("Handled two pages on Saturday.") == [("Incident resolved", 2)]
    assert in_defaults("Got paged twice on Saturday.") == []
    assert in_defaults("My lead fixed the flaky build.") == []


def test_others_after_a_count_stand_for_the_thing_just_named():
    assert in_defaults("Wrote a runbook and read two others.") == [
        ("Documentation", 1), ("Reading docs", 2)]


def test_a_plain_doc_is_whatever_its_modifier_names():
    assert in_defaults("Wrote the quarterly planning doc for infra.") == [("Roadmap", 1)]


def test_finishing_an_issue_a_plan_or_a_migration_names_the_work():
    assert in_defaults("Resolved three issues in the scheduler.") == [("Bug fix", 3)]
    assert in_defaults("Finalised the H2 plan with design.") == [("Roadmap", 1)]
    assert in_defaults("Delivered the storage migration.") == [("Project delivered", 1)]


def test_a_count_of_other_things_adds_unless_the_clause_before_was_counted():
    assert in_defaults("Fixed a race in the cache and two leaks.") == [("Bug fix", 3)]
    assert in_defaults("Gave 2 talks, 1 internal.") == [("Tech talk", 2)]


def test_a_write_up_or_it_is_the_same_work_not_more():
    assert in_defaults("Handled an outage and wrote the postmortem.") == [
        ("Incident resolved", 1)]
    assert in_defaults("Built the export feature and shipped it.") == [("Feature shipped", 1)]
    assert in_defaults("Wrote 2 runbooks and wrote the README.") == [("Documentation", 3)]


def test_shorthand_is_read():
    assert in_defaults("LGTM'd three PRs.") == [("Code review", 3)]
    assert in_defaults("caught up w/ my skip on tuesday") == [("1:1 meeting", 1)]
    assert in_defaults("reviewed a pile of PRs, maybe 7") == [("Code review", 7)]


def test_learning_taken_part_in_and_an_onboarding_noun():
    assert in_defaults("Did a course on Rust ownership.") == [("Learning", 1)]
    assert in_defaults("Onboarded three contractors.") == [("Culture building", 3)]
    assert in_defaults("Read the onboarding guide.") == [("Reading docs", 1)]


def test_a_name_of_work_used_as_a_verb_is_doing_it_but_everyday_verbs_are_not():
    assert in_defaults("Spec'd the new quota service.") == [("Design doc", 1)]
    assert in_defaults("Retro'd the outage week with the team.") == [("Team meeting", 1)]
    assert in_defaults("Talked to sales about pricing.") == []
    assert in_defaults("Tested the upgrade on staging.") == []


def test_training_people_is_teaching_and_a_training_is_learning():
    assert in_defaults("Trained the ops team on the new dashboards.") == [("Tech talk", 1)]
    assert in_defaults("Sat through a compliance training.") == [("Learning", 1)]


def test_names_mid_sentence_are_more_objects_and_company_is_not():
    assert in_defaults("Reviewed RFCs from Omar, Li and Kate.") == [("Reading docs", 3)]
    assert in_defaults("Interviewed a candidate alongside Sam and Jo.") == [("Interview", 1)]


def test_more_ways_to_write_a_count():
    assert in_defaults("Mentored 2x this week.") == [("Mentoring session", 2)]
    assert in_defaults("Fixed thirty-one bugs in the bug bash.") == [("Bug fix", 31)]


def test_a_role_filled_is_a_hiring_decision():
    assert in_defaults("Filled three open SRE positions.") == [("Hiring decision", 3)]


def test_a_term_is_found_with_or_without_its_hyphen():
    assert in_defaults("Two skip levels on Monday.") == [("1:1 meeting", 2)]
    assert in_defaults("Ran a brown-bag on profiling.") == [("Tech talk", 1)]


def test_a_groups_own_meeting_is_a_team_meeting_and_a_fire_put_out_an_incident():
    assert in_defaults("Ran the weekly squad meeting.") == [("Team meeting", 1)]
    assert in_defaults("Put out a fire in the payments queue.") == [("Incident resolved", 1)]


def test_marks_that_start_list_items_split_clauses():
    assert in_defaults("✅ released the new export ✅ fixed 2 bugs") == [
        ("Feature shipped", 1), ("Bug fix", 2)]


def test_progressive_is_not_passive_and_a_past_tense_noun_verb_only_in_the_past():
    assert in_defaults("I was helping a junior with her first on-call shift.") == [
        ("Mentoring session", 1)]
    assert in_defaults("Spec'd the new quota service.") == [("Design doc", 1)]


# --- session 5: how people who never saw the extractor said their work ----------------------


def test_a_change_merged_into_an_outside_project_is_open_source_and_includes_its_fix():
    assert in_defaults("Got a small patch merged into terraform-provider-aws.") == [
        ("Open source", 1)]
    assert in_defaults("Fixed a parser bug in ruff, the PR got merged upstream.") == [
        ("Open source", 1)]
    assert in_defaults("Merged 2 bug fixes into main.") == [("Bug fix", 2)]


def test_leading_work_that_names_several_teams_is_cross_team():
    assert in_defaults("Drove the API cleanup with the web and mobile teams.") == [
        ("Cross-team initiative", 1)]
    assert in_defaults("Ran the retro for my team.") == [("Team meeting", 1)]


def test_a_finish_after_weeks_of_work_is_a_project_delivered():
    assert in_defaults("The billing rewrite went live after four months.") == [
        ("Project delivered", 1)]
    assert in_defaults("Launched the new search page.") == [("Feature shipped", 1)]


def test_one_piece_of_work_includes_its_record_said_in_the_same_sentence():
    assert in_defaults("Mitigated the cache outage, RCA doc is up.") == [
        ("Incident resolved", 1)]
    assert in_defaults("Picked Postgres over Mongo for the ledger, decision doc in the wiki.") == [
        ("Architecture decision", 1)]


def test_work_named_again_by_a_noun_in_the_same_sentence_is_more_work():
    assert in_defaults("Ran a retro, then a planning session.") == [("Team meeting", 2)]


def test_machinery_set_up_is_a_process_improvement_but_a_post_about_it_is_docs():
    assert in_defaults("Set up a bot that pings stale PRs.") == [("Process improvement", 1)]
    assert in_defaults("Wrote a blog post about our deploy pipeline.") == [("Documentation", 1)]
    assert in_defaults("Cut a release of the CLI.") == []


def test_a_number_with_its_own_verb_counts_people_not_work():
    assert in_defaults("Gave a brown bag on tracing, 25 people came.") == [("Tech talk", 1)]


def test_a_range_of_days_counts_each_day():
    assert in_defaults("Standups tue-fri.") == [("Team meeting", 4)]


def test_a_total_restates_the_count():
    assert in_defaults("Fixed bugs all week, nine in total.") == [("Bug fix", 9)]


def test_another_persons_work_mid_sentence_is_theirs():
    assert in_defaults("Reviewed Kim's PR, then Kim reviewed mine.") == [("Code review", 1)]
    assert in_defaults("My design got reviewed by two leads.") == []


def test_a_bare_review_without_code_is_no_code_review():
    assert in_defaults("The review went fine.") == []
    assert in_defaults("Did a review of Tom's PR.") == [("Code review", 1)]


def test_an_attempt_that_failed_and_a_booking_are_no_work():
    assert in_defaults("Tried to fix the flaky test but didn't get anywhere.") == []
    assert in_defaults("Booked a session with my mentor for next Tuesday.") == []


def test_time_with_ones_own_mentor_is_mentorship_received():
    assert in_defaults("Pairing session with my mentor on Go generics.") == [
        ("Mentorship received", 1)]


def test_a_review_written_for_a_person_is_feedback():
    assert in_defaults("Wrote the annual review for my analyst.") == [("Feedback given", 1)]


def test_a_participle_or_gerund_name_word_alone_names_nothing():
    """"Tests written" and "Culture building": "written up" and "builds" are other words."""
    assert in_defaults("Written up and shared.") == []
    assert in_defaults("Builds are faster now.") == []


def test_the_everyday_lexicon_names_its_allowed_strengths():
    from perfmirror_core.extract.colloquial import parse

    table = {"aliases": {}, "colloquial": {"squash": ["fix", "strong"]}, "nouns": {},
             "same_work": {}, "needs_object": {}, "finished": {"verbs": [], "objects": {}}}
    with pytest.raises(ValueError, match="settles, name, head, word"):
        parse(table)


def test_a_number_of_other_things_is_not_a_count_of_the_work():
    assert in_defaults("Drove the Python 3.8 deprecation, 11 services across 6 teams.") == [
        ("Cross-team initiative", 1)]
    assert in_defaults("Put out an RFC on API versioning; 40+ comments so far.") == [("RFC", 1)]
    assert in_defaults("Reviewed four PRs.") == [("Code review", 4)]


def test_people_count_work_done_per_person():
    assert in_defaults("1:1s with my 6 directs.") == [("1:1 meeting", 6)]
    assert in_defaults("Extended offers to two candidates.") == [("Hiring decision", 2)]
    assert in_defaults("Ran a brown bag on caching, 30 people came.") == [("Tech talk", 1)]


def test_occurrences_count_the_work_they_follow():
    assert in_defaults("Coached a new lead on delegation, 2 sessions.") == [
        ("Mentoring session", 2)]
    assert in_defaults("Did the quarterly skip-levels: 9 conversations.") == [("1:1 meeting", 9)]


def test_an_incident_named_is_not_an_incident_resolved():
    assert in_defaults("After the outage we agreed on the H2 roadmap.") == [("Roadmap", 1)]
    assert in_defaults("Outage on Tuesday, mitigated in 20 minutes.") == [("Incident resolved", 1)]
    assert in_defaults("The incident wasn't mine, I just watched the channel.") == []


def test_a_lament_blanks_only_its_own_list_item():
    assert in_defaults("- fixed 2 bugs - started (not finished) the ADR") == [("Bug fix", 2)]


def test_a_verb_alone_after_other_work_is_done_to_it_but_a_fix_with_its_own_object_is_not():
    assert in_defaults("1 real outage (certs), fixed + wrote it up.") == [
        ("Incident resolved", 1)]
    assert in_defaults("Fixed the retry bug and handled the INC-771 outage.") == [
        ("Bug fix", 1), ("Incident resolved", 1)]


def test_a_finish_after_a_quarter_of_work_settles_a_project_over_a_launch():
    assert in_defaults("The isolation project I've led since Q2 went live for all customers.") == [
        ("Project delivered", 1)]


def test_other_peoples_fixes_are_theirs():
    assert in_defaults("The platform team fixed it and wrote the postmortem.") == []
    assert in_defaults("My colleague has fixed the bug which I reported.") == []


def test_presenting_ones_own_design_is_part_of_it():
    assert in_defaults("Wrote the design for sharding and presented it at arch review.") == [
        ("Design doc", 1)]


def test_machinery_rolled_out_is_an_improvement_and_a_feature_flag_is_no_feature():
    assert in_defaults("Rolled out a new PR template for the team.") == [
        ("Process improvement", 1)]
    assert in_defaults("Cleaned up three feature flags.") == []


def test_someone_elses_coaching_of_me_is_mentorship_received():
    assert in_defaults("My manager coached me on giving hard feedback.") == [
        ("Mentorship received", 1)]


def test_a_shared_word_alone_in_a_list_continues_the_rituals_before_it():
    assert in_defaults("Ran retro + planning.") == [("Team meeting", 2)]


def test_our_team_is_we_and_the_platform_team_is_others():
    assert in_defaults("Our team finished the data residency project after 3 months.") == [
        ("Project delivered", 1)]


def test_a_quoted_title_holds_no_negation():
    assert in_defaults("Took the 'leading without authority' course.") == [("Learning", 1)]


def test_documents_read_may_be_named_before_the_verb():
    assert in_defaults("2 design docs read, 1 RFC commented on.") == [("Reading docs", 3)]


def test_a_talk_given_with_its_length_is_a_talk():
    assert in_defaults("Gave a 45 min session at KubeCon on our autoscaler.") == [("Tech talk", 1)]


def test_ones_own_mentor_or_someone_senior_means_mentorship_received():
    assert in_defaults("Weekly call with my principal-eng mentor about the promo case.") == [
        ("Mentorship received", 1)]
    assert in_defaults("Coaching hour with a director from the data org.") == [
        ("Mentorship received", 1)]
    assert in_defaults("Our CTO gave me some coaching on exec updates.") == [
        ("Mentorship received", 1)]
    assert in_defaults("Mentoring session with a junior on SQL.") == [("Mentoring session", 1)]
    assert in_defaults("Was mentored by a staff engineer on system design.") == [
        ("Mentorship received", 1)]


def test_a_change_merged_into_another_project_is_open_source_whatever_it_fixed():
    assert in_defaults("Got three small fixes merged into ripgrep.") == [("Open source", 3)]
    assert in_defaults("Sent a PR against the upstream grpc-go repo.") == [("Open source", 1)]
    assert in_defaults("Patched a crash in the zstd bindings and the maintainers merged it.") == [
        ("Open source", 1)]
    assert in_defaults("Merged 2 PRs into main.") == []


def test_the_fix_that_ends_an_incident_is_part_of_it_unless_it_names_its_own_defect():
    assert in_defaults("Paged for the queue backlog, found the cause and fixed it, "
                       "postmortem done.") == [("Incident resolved", 1)]
    assert in_defaults("Fixed the flaky login bug and handled a DNS outage.") == [
        ("Bug fix", 1), ("Incident resolved", 1)]


def test_the_effect_of_a_ci_change_is_not_another_change_nor_tests_written():
    assert in_defaults("Made the test jobs run in parallel, build time from 30 to 12 min.") == [
        ("Process improvement", 1)]


def test_not_mine_says_whose_the_document_is_and_cancels_nothing():
    assert in_defaults("2 design docs reviewed (not mine), 1 hotfix") == [
        ("Reading docs", 2), ("Bug fix", 1)]


def test_numbers_in_names_are_not_counts():
    """A digit after one thing numbers it: milestone 2 is one delivery, "3 of 3" a third."""
    assert in_defaults("We delivered milestone 2 of the mobile app rewrite to beta users.") == [
        ("Project delivered", 1)]
    assert in_defaults("Wrapped up the SSO project (milestone 3 of 3).") == [
        ("Project delivered", 1)]
    assert in_defaults("Read 4 RFCs from the infra team.") == [("Reading docs", 4)]


def test_a_numbered_list_is_items_not_counts():
    assert in_defaults("Update: (1) gave feedback to both juniors (2) 1 interview "
                       "(3) Q3 OKRs agreed with my director") == [
        ("Feedback given", 2), ("Interview", 1), ("Roadmap", 1)]
    assert in_defaults("PR reviews (4), 1:1 (1)") == [("Code review", 4), ("1:1 meeting", 1)]


def test_steps_of_one_undertaking_count_once():
    """Passing the exam is part of the course; the ADR is the decision's; but "an onboarding
    session" after planning the offsite is another piece of culture work (1 + 1 = 2)."""
    assert in_defaults("Completed the cloud architect prep course and passed the exam.") == [
        ("Learning", 1)]
    assert in_defaults("We picked postgres over dynamo for the orders store, ADR merged.") == [
        ("Architecture decision", 1)]
    assert in_defaults("Planned the team offsite and ran an onboarding session.") == [
        ("Culture building", 2)]


def test_both_refers_back_to_what_was_counted():
    assert in_defaults("oncall: 2 incidents, both mitigated + postmortems written") == [
        ("Incident resolved", 2)]
    assert in_defaults("1on1 with my lead + skip level with the director, both chill") == [
        ("1:1 meeting", 2)]


def test_rituals_all_week_are_each_working_day():
    """5 standups + 1 planning = 6; but reviewing all week says how long, not how often."""
    assert in_defaults("standups all week plus my first sprint planning") == [
        ("Team meeting", 6)]
    assert in_defaults("daily scrum all week plus the planning session on monday") == [
        ("Team meeting", 6)]
    assert in_defaults("standup everyday") == [("Team meeting", 5)]
    assert in_defaults("was at the offsite all week") == [("Culture building", 1)]


def test_a_count_joined_by_and_adds_to_the_one_before():
    """2 candidates and one more = 3; but a breakdown of a count joined by "and" is still it."""
    assert in_defaults("Interviewed 2 EM candidates and one staff eng") == [("Interview", 3)]
    assert in_defaults("Fixed 3 bugs, two in webhooks and one in billing") == [("Bug fix", 3)]


def test_documents_one_after_another_count_each_but_a_write_up_is_part_of_the_work():
    assert in_defaults("Read the ADR on moving to gRPC + the k8s docs on pod disruption "
                       "budgets") == [("Reading docs", 2)]
    assert in_defaults("Updated the README and wrote a runbook for failover") == [
        ("Documentation", 2)]
    assert in_defaults("Handled an outage and wrote the postmortem") == [
        ("Incident resolved", 1)]


def test_what_a_count_counts_may_be_named_around_the_work():
    """The number counts the work when the work names what is counted ("interview loops"),
    the things a verb of the work was done to ("fixed 3 crashers"), its occasions ("in two
    calls") or its objects after a preposition ("for 2 PRs"); not what came before it
    ("after three rounds") nor what a one-off undertaking touched ("migrated 11 services")."""
    assert in_defaults("two interview loops for the SRE role") == [("Interview", 2)]
    assert in_defaults("fixed 3 crashers") == [("Bug fix", 3)]
    assert in_defaults("taught Ravi SQL in two 30-min calls") == [("Mentoring session", 2)]
    assert in_defaults("i did code review for 2 PRs") == [("Code review", 2)]
    assert in_defaults("I LGTM'd a couple of Jamal's PRs") == [("Code review", 2)]
    assert in_defaults("LGTM'd Kai's PR after three rounds") == [("Code review", 1)]
    assert in_defaults("migrated 11 services to the new CI") == [("Process improvement", 1)]


def test_the_same_work_named_again_with_the_is_not_more_of_it():
    """Retro 1 + planning 1 = 2: "in the retro" is the one already said; but "the Redis
    docs" after "the design doc" is another document (1 + 1 = 2)."""
    assert in_defaults("sprint planning and retro, in the retro we agreed to try "
                       "no-meeting wednesdays") == [("Team meeting", 2)]
    assert in_defaults("Debugged and fixed the memory leak, shipped the fix Tuesday") == [
        ("Bug fix", 1)]
    assert in_defaults("read the platform team's design doc for the rate limiter, and the "
                       "Redis docs on Lua scripting") == [("Reading docs", 2)]


def test_days_listed_and_daily_rituals_all_week_count_each_day():
    """Weekly staff meeting 1 + standup on three days 3 = 4; standup all week 5 + planning 1."""
    assert in_defaults("weekly staff meeting with my managers, plus the leadership standup "
                       "Mon/Wed/Fri") == [("Team meeting", 4)]
    assert in_defaults("I ran standup all week and did planning on Monday.") == [
        ("Team meeting", 6)]
    assert in_defaults("standups as usual") == [("Team meeting", 5)]
    assert in_defaults("reviewed PRs all week") == [("Code review", 1)]


def test_the_ends_of_a_change_are_not_counts():
    assert in_defaults("added unit tests to billing svc cov 40->70") == [("Tests written", 1)]
    assert in_defaults("the android 12 -> 14 upgrade project wrapped up") == [
        ("Project delivered", 1)]


def test_the_committee_is_where_the_decisions_were_made():
    """On the committee, 2 offers approved: 2 decisions, not 3; the committee alone is one."""
    assert in_defaults("sat on the hiring committee, we approved 2 offers") == [
        ("Hiring decision", 2)]
    assert in_defaults("sat on the hiring committee") == [("Hiring decision", 1)]


def test_a_count_of_someones_people_counts_per_person_work():
    assert in_defaults("QBR with my VP, plus skip-levels with three of Leo's reports") == [
        ("1:1 meeting", 3)]
    assert in_defaults("added contract tests between the api gateway and the user service") == [
        ("Tests written", 1)]
    assert in_defaults("Fixed 2 bugs and added jest cases covering both") == [
        ("Bug fix", 2), ("Tests written", 1)]


def test_work_not_finished_yet_is_not_logged():
    assert in_defaults("Drafted the H2 OKRs with my leads, nothing signed off yet.") == []
    assert in_defaults("Wrote a proposal for a shared cache but haven't circulated it yet.") == []
    assert in_defaults("The ADR for the queue is still a draft.") == []


def test_a_design_taken_through_review_with_people_is_no_feedback_to_them():
    assert in_defaults("Wrote the design doc for rate limits and took it through review "
                       "with the SRE leads.") == [("Design doc", 1)]


def test_an_interviewers_verdict_is_part_of_the_interview():
    assert in_defaults("Interviewed two backend candidates, one strong hire, one no hire.") == [
        ("Interview", 2)]


def test_training_people_is_a_talk_and_training_a_model_is_nothing():
    assert in_defaults("Trained the support engineers on the pager tool.") == [("Tech talk", 1)]
    assert in_defaults("Trained two variants of the fraud model.") == []


def test_shorthand_for_tomorrow_and_will_is_intent():
    assert in_defaults("3 intvws tmrw") == []
    assert in_defaults("wil write the runbook") == []


def test_time_booked_with_ones_own_mentor_is_received():
    assert in_defaults("Monthly session with my staff-eng mentor on influence.") == [
        ("Mentorship received", 1)]
    assert in_defaults("Executive coaching session on delegation.") == [
        ("Mentorship received", 1)]


def test_a_plan_with_its_approval_anywhere_in_the_sentence_is_a_roadmap():
    assert in_defaults("Wrote the platform strategy for next year and the CTO signed off on "
                       "it.") == [("Roadmap", 1)]
    assert in_defaults("Presented our H1 plan to the directors and it got approved.") == [
        ("Roadmap", 1)]
    assert in_defaults("Ran the test plan for the release, approved by QA.") != [("Roadmap", 1)]


def test_a_change_the_team_adopted_is_a_process_improvement():
    assert in_defaults("Moved the team from Trello to Jira and it's sticking.") == [
        ("Process improvement", 1)]
    assert in_defaults("Made a release checklist bot, three teams already using it.") == [
        ("Process improvement", 1)]
    assert in_defaults("Shared a doc proposing we standardise on Bazel.") != [
        ("Process improvement", 1)]


def test_telling_a_person_how_they_are_doing_is_feedback():
    assert in_defaults("Told my report she's ready to lead the migration.") == [
        ("Feedback given", 1)]
    assert in_defaults("Gave Priya her quarterly review.") == [("Feedback given", 1)]


def test_settling_a_newcomer_in_is_onboarding_and_a_guide_for_them_is_a_doc():
    assert in_defaults("Helped the new hire set up her laptop and accounts.") == [
        ("Culture building", 1)]
    assert in_defaults("Showed our new joiner around the codebase.") == [("Culture building", 1)]
    assert in_defaults("Wrote an onboarding guide for new starters.") == [("Documentation", 1)]


def test_a_proposal_put_out_for_comment_is_not_also_documentation():
    assert in_defaults("Circulated a doc proposing we retire the v1 API, asked for comments "
                       "by Friday.") == [("RFC", 1)]


def test_a_recurring_sync_is_a_team_meeting():
    assert in_defaults("weekly infra sync") == [("Team meeting", 1)]
    assert in_defaults("the eng leads sync, as usual") == [("Team meeting", 1)]


def test_false_alarms_worries_and_talks_called_off_are_not_work():
    assert in_defaults("paged twice overnight, nothing real") == []
    assert in_defaults("I'm worried we're reviewing too slowly") == []
    assert in_defaults("Made slides for a brown bag but it was cancelled") == []
    assert in_defaults("got asked to give a talk at the summit") == []


def test_catching_up_with_each_direct_is_a_one_on_one_and_a_plan_signed_off_a_roadmap():
    assert in_defaults("Caught up with all five of my directs.") == [("1:1 meeting", 5)]
    assert in_defaults("Walked the CTO through our H2 plan and got sign-off.") == [("Roadmap", 1)]


def test_feedback_to_a_named_person_is_feedback_and_on_their_rfc_is_reading():
    assert in_defaults("Gave Ana feedback on how her demo went.") == [("Feedback given", 1)]
    assert in_defaults("Gave my report feedback on her promo packet.") == [("Feedback given", 1)]
    assert in_defaults("Gave Ravi feedback on his RFC.") == [("Reading docs", 1)]


def test_what_settles_a_clause_outlasts_a_document_read_in_it():
    assert in_defaults("My mentor went through my promo doc with me.") == [
        ("Mentorship received", 1)]


def test_a_plans_sign_off_is_no_reading_of_it():
    assert in_defaults("Wrote the H1 roadmap and got sign-off from the directors.") == [
        ("Roadmap", 1)]


def test_two_verbs_share_one_object_and_a_count_typed_without_its_space():
    assert in_defaults("reviewed and merged 7 PRs from analysts") == [("Code review", 7)]
    assert in_defaults("fixed 4bugs in the checkout flow, all merged") == [("Bug fix", 4)]
    assert in_defaults("Reviewed the PRs implementing my design - 3 of them") == [
        ("Code review", 3)]


def test_another_person_met_is_another_one_of_work_done_per_person():
    """1:1 with the manager + a skip with the VP = 2; the apposition "seven PRs" restates
    the count of the code review it follows (7, not 1 + 7)."""
    assert in_defaults("1:1 with my manager and a skip with the VP") == [("1:1 meeting", 2)]
    assert in_defaults("the rest of the week was code review, seven PRs") == [
        ("Code review", 7)]


def test_one_undertaking_named_again_in_a_later_sentence_is_the_same_one():
    assert in_defaults("Tues: sev1 on auth, mitigated by 11pm. Wed: postmortem.") == [
        ("Incident resolved", 1)]
    assert in_defaults("organised a team lunch to welcome our two new joiners") == [
        ("Culture building", 1)]
    assert in_defaults("onboarded two new joiners") == [("Culture building", 2)]


def test_the_rest_of_work_called_off_is_what_happened():
    """Two standups cancelled, the other three held = 3; skipped 2, went to 3 = 3."""
    assert in_defaults("Two standups got cancelled, went to the other three.") == [
        ("Team meeting", 3)]
    assert in_defaults("skipped 2 standups, went to 3") == [("Team meeting", 3)]
    assert in_defaults("Three 1:1s got moved to next week, the other four happened") == [
        ("1:1 meeting", 4)]


def test_a_list_word_opening_a_list_and_a_daily_ritual_less_the_days_skipped():
    """planning + retro = 2; retro 1 + planning 1 + standups 5 less Wednesday's = 6; daily
    standups said to be 4 this week = 4 (the number said, not the habit)."""
    assert in_defaults("planning + retro with my leadership team") == [("Team meeting", 2)]
    assert in_defaults("retro, planning, standups (skipped wed's)") == [("Team meeting", 6)]
    assert in_defaults("daily standups (4 this week, friday was a holiday)") == [
        ("Team meeting", 4)]


def test_one_undertaking_is_not_counted_by_a_bare_number_near_it():
    assert in_defaults("led the 3 team effort to move everyone off jenkins") == [
        ("Cross-team initiative", 1)]
    assert in_defaults("Chaired the architecture review board twice.") == [
        ("Architecture decision", 2)]


def test_finding_a_bug_is_not_fixing_it():
    assert in_defaults("Bug bash with the team, found 14 bugs, fixed 3 of them myself") == [
        ("Bug fix", 3)]
    assert in_defaults("found and fixed a timezone bug in the payroll export") == [
        ("Bug fix", 1)]


def test_another_person_named_alone_after_work_done_per_person():
    """1:1s with my 3 EMs and my boss = 4."""
    assert in_defaults("1on1s w/ my 3 EMs and my boss") == [("1:1 meeting", 4)]
    assert in_defaults("did my 1 on 1 with my manager") == [("1:1 meeting", 1)]


def test_work_named_again_by_its_outcome_or_its_setting_adds_nothing():
    assert in_defaults("Hunted down the deadlock in the order service, fix merged") == [
        ("Bug fix", 1)]
    assert in_defaults("documented how our SCD tables work, with examples, on the wiki") == [
        ("Documentation", 1)]


def test_items_typed_as_key_and_count():
    """Spaced slashes separate items; a count after "work:" or "work ->" is that work's;
    an arrow between two numbers is a change, not a count."""
    assert in_defaults("reviews 4 / hotfix 1 / talk 1 (frontend guild)") == [
        ("Code review", 4), ("Bug fix", 1), ("Tech talk", 1)]
    assert in_defaults("1:1s -> 5, skip-level -> 1") == [("1:1 meeting", 6)]
    assert in_defaults("postmortems: 2 (DNS, bad deploy)") == [("Incident resolved", 2)]
    assert in_defaults("shipped → dark mode (web) / fixed → 2 a11y bugs") == [
        ("Feature shipped", 1), ("Bug fix", 2)]


def test_pages_are_alerts_and_the_real_ones_the_incidents():
    """9 pages of which 2 real incidents = 2; paged 3x, 1 real outage = 1."""
    assert in_defaults("on-call week: 9 pages, 2 real incidents, both mitigated + "
                       "postmortems drafted") == [("Incident resolved", 2)]
    assert in_defaults("on call wk paged 2x, 1 real incident - mitigated + pm written") == [
        ("Incident resolved", 1)]


def test_parts_of_one_piece_of_work_do_not_count_it():
    """45 unit tests are one set written; 2 suites are two; a 60 page spec is one read."""
    assert in_defaults("tests: +45 unit tests on orders svc") == [("Tests written", 1)]
    assert in_defaults("wrote 2 suites of contract tests for the billing APIs") == [
        ("Tests written", 2)]
    assert in_defaults("read the client's 60 page API spec") == [("Reading docs", 1)]


def test_a_report_typed_with_a_question_mark_is_still_a_report():
    assert in_defaults("3 interviews this week?? as a junior??") == [("Interview", 3)]
    assert in_defaults("I'd like to give a talk at KubeCon next year, should I?") == []


def test_a_headcount_plan_is_one_plan_whatever_its_numbers():
    assert in_defaults("headcount plan for H1 approved: 3 backend, 1 SRE") == [
        ("Hiring decision", 1)]
    assert in_defaults("approved offers for two senior backend engineers") == [
        ("Hiring decision", 2)]


def test_numbered_lines_and_a_compound_modifier_are_not_counts_or_verbs():
    assert in_defaults("1. Q4 roadmap agreed w/ product\n2. headcount: got 2 reqs approved") == [
        ("Roadmap", 1), ("Hiring decision", 1)]
    assert in_defaults("wrote the README and a getting-started guide for the SDK") == [
        ("Documentation", 2)]


def test_a_groups_sync_and_a_list_word_with_its_count():
    assert in_defaults("Attended the frontend guild sync and our weekly team sync") == [
        ("Team meeting", 2)]
    assert in_defaults("two team syncs, one planning") == [("Team meeting", 3)]


def test_how_often_work_with_someone_happened():
    """Mentored once, "we met three times" = 3; pairing every afternoon = 5, whatever aside
    sits between; a day's own "daily sync" is that day's one (Mon..Wed = 3)."""
    assert in_defaults("Mentored an intern through his first driver, we met three times") == [
        ("Mentoring session", 3)]
    assert in_defaults("Pairing sessions with Leo (he just joined from a bootcamp) every "
                       "afternoon mon-fri") == [("Mentoring session", 5)]
    assert in_defaults("Mon: daily sync. Tue: daily sync. Wed: daily sync.") == [
        ("Team meeting", 3)]


def test_a_list_item_named_by_a_shared_word_with_its_kind_or_count():
    """standups 5 + retro 1 + planning 1 = 7; standups 5 + release planning + retro = 7."""
    assert in_defaults("standups x5 + retro x1 + planning x1") == [("Team meeting", 7)]
    assert in_defaults("Standups x5, release planning tuesday, retro friday") == [
        ("Team meeting", 7)]
    assert in_defaults("standup every morning, plus the weekly planning") == [
        ("Team meeting", 6)]


def test_people_named_after_a_one_on_one_and_a_count_said_again():
    """1:1s with Ken and Aisha + one with my manager = 3 (but "alongside Sam and Priya" is
    company, 1); "so two skip-level 1:1s" restates the two."""
    assert in_defaults("my 1:1s with Ken and Aisha, plus one with my own manager") == [
        ("1:1 meeting", 3)]
    assert in_defaults("Interviewed a candidate alongside Sam and Priya.") == [("Interview", 1)]
    assert in_defaults("Did two skip-levels this week, both good, so two skip-level 1:1s.") == [
        ("1:1 meeting", 2)]


def test_showing_work_just_named_is_part_of_it_and_a_mentor_call_is_time_with_ones_mentor():
    assert in_defaults("drafted the spec for tokenising account numbers and walked security "
                       "through it, they signed off") == [("Design doc", 1)]
    assert in_defaults("skip-level with CTO, then mentor call") == [
        ("1:1 meeting", 1), ("Mentorship received", 1)]


def test_shorthand_for_reviews_and_fixes_and_a_spaced_dash_after_people():
    """cr = code review, bf = bug fix; "both new hires - laptops" counts the hires (2)."""
    assert in_defaults("cr x5, bf x1, 1:1 x2") == [
        ("Code review", 5), ("Bug fix", 1), ("1:1 meeting", 2)]
    assert in_defaults("onboarded both new hires - laptops, accounts, lunch") == [
        ("Culture building", 2)]
    assert in_defaults("paged half a dozen times but only one was a real incident, which I "
                       "resolved and wrote up") == [("Incident resolved", 1)]


def test_after_a_semicolon_the_list_is_the_speaker_s_again():
    """'They signed off' is someone else's doing, and a verb joined to it by 'and' shares its
    subject; a check-in's semicolon starts the speaker's next item. Before: the whole
    sentence after 'they' was theirs, and this check-in proposed nothing."""
    text = ("Walked the payments team through our retry design and they signed off; "
            "reviewed 5 PRs, squashed the flaky login bug and paired with our intern twice.")
    assert in_defaults(text) == [("Code review", 5), ("Bug fix", 1), ("Mentoring session", 2)]
    assert in_defaults("The platform team fixed it and wrote the postmortem.") == []


def test_the_first_day_named_is_when_the_work_happened_and_a_day_joined_on_is_once_more():
    """"paired with Ines, tue + thu" = 2 (the comma's day is the pairing's own day, the one
    joined by + another); "we met wed and fri" after mentoring = 2; before, the first was one
    more (3) and "we met wed" a stated count of 1 that the next day could not add to."""
    assert in_defaults("pairing sessions with our new grad, tue + thu") == [
        ("Mentoring session", 2)]
    assert in_defaults("mentored Ines through her first release, we met wed and fri") == [
        ("Mentoring session", 2)]
    assert in_defaults("Interviewed on Monday, Wednesday and Friday") == [("Interview", 3)]


def test_another_person_joined_on_is_one_more_of_work_done_per_person():
    """Interviews are per person: a backend candidate and an intern = 2. A headcount plan's
    people are what it decided: one plan."""
    assert in_defaults("interviewed a backend candidate and a summer intern") == [
        ("Interview", 2)]
    assert in_defaults("planned headcount for the platform team: 2 engineers and a manager") == [
        ("Hiring decision", 1)]


def test_each_review_outcome_is_its_own_set_of_reviews():
    """5 approved + 2 with changes requested = 7; 3 approved + "left comments on two more" = 5;
    said after the PRs ("4 PRs approved, 1 sent back") = 5. After a plain "went through 6",
    "approved 5" is five of the six."""
    assert in_defaults("LGTM'd 5 PRs, requested changes on 2") == [("Code review", 7)]
    assert in_defaults("approved 3 PRs from the infra team, left comments on two more") == [
        ("Code review", 5)]
    assert in_defaults("4 PRs approved, 1 sent back") == [("Code review", 5)]
    assert in_defaults("reviewed 6 PRs, approved 5") == [("Code review", 6)]


def test_a_count_set_apart_or_a_description_after_the_work_says_what_it_was():
    """"reviewed code for the mobile team, 5 pull requests" = 5 (not 1 + 5); "reviewed 4 PRs,
    mostly dependency changes" = 4 (not 4 + 1)."""
    assert in_defaults("reviewed code for the mobile team, 5 pull requests") == [
        ("Code review", 5)]
    assert in_defaults("reviewed 4 PRs, mostly dependency changes") == [("Code review", 4)]


def test_objects_joined_on_are_more_of_the_work_their_verb_names():
    """"shipped bulk edit and audit export" = 2 features; "a README and a setup guide" = 2
    documents (each with its own article); but an effort across three teams is one."""
    assert in_defaults("shipped audit export and team invites") == [("Feature shipped", 2)]
    assert in_defaults("wrote a README for the CLI and a troubleshooting guide") == [
        ("Documentation", 2)]
    assert in_defaults("leading the logging effort across payments, search and ads") == [
        ("Cross-team initiative", 1)]


def test_a_number_in_a_name_is_not_a_count_and_a_colon_lists_what_a_count_counted():
    """"the Kafka 4 upgrade guide" is one guide; "3 talks: a keynote, a demo and a lightning
    talk" is three, not 3 + 1; "met twice, once Monday and once Thursday" is two."""
    assert in_defaults("read the Kafka 4 upgrade guide") == [("Reading docs", 1)]
    assert in_defaults("gave 3 talks: a keynote at the guild, a demo and a lightning talk") == [
        ("Tech talk", 3)]
    assert in_defaults("met my mentor twice, once on Monday and once on Thursday") == [
        ("Mentorship received", 2)]


def test_time_spent_doing_something_is_that_thing():
    """"spent the afternoon going through the Redis docs" is reading them (the time spent, and
    a time word such as "morning", is not a verb of its own), not writing docs."""
    assert in_defaults("spent thursday afternoon going through the Redis docs") == [
        ("Reading docs", 1)]
    assert in_defaults("Spent Monday morning reading the Terraform docs") == [
        ("Reading docs", 1)]


def test_both_and_a_write_up_in_a_later_sentence_are_the_work_already_counted():
    """"Two outages. Both mitigated, postmortems written." is two incidents (not 2 + 2 + 1):
    "both" is the two just counted, and the write-up records them."""
    assert in_defaults("Two outages this week. Both mitigated, postmortems written.") == [
        ("Incident resolved", 2)]
    assert in_defaults("Two incidents on Tuesday. Mitigated both and wrote up both "
                       "postmortems.") == [("Incident resolved", 2)]


def test_a_daily_ritual_over_a_range_of_days_is_held_each_day():
    """"the usual standups, mon-fri" = 5 (a range said after the ritual); "the daily meeting
    every day" = 5 standups; pairing "mon-wed" stays one pairing."""
    assert in_defaults("Did the usual standups, mon-fri.") == [("Team meeting", 5)]
    assert in_defaults("went to the daily meeting every day") == [("Team meeting", 5)]
    assert in_defaults("paired with Jin on the parser, mon-wed") == [("Mentoring session", 1)]


def test_documents_joined_on_after_reading_are_read_whatever_describes_them():
    """"Read the billing RFC and the three ADRs linked from it" = 4 documents read; "the new
    caching proposal" after "read" is read too (an -ing word describing it is no verb), while
    "the roadmap doc agreed with my director" is agreeing, not reading."""
    assert in_defaults("Read the billing RFC and the three ADRs linked from it") == [
        ("Reading docs", 4)]
    assert in_defaults("Read the Rust 2024 edition notes and the new caching proposal from "
                       "the infra team") == [("Reading docs", 2)]


def test_afternoons_of_work_with_someone_are_sittings_and_of_other_work_a_length():
    """Pairing "for two afternoons" = 2 sessions; a workshop "2 afternoons" long is one."""
    assert in_defaults("paired with our intern on the billing bug for two afternoons") == [
        ("Mentoring session", 2)]
    assert in_defaults("took the internal workshop on observability, 2 afternoons") == [
        ("Learning", 1)]
    assert in_defaults("paired with our new grad on the parser for two afternoons, walking "
                       "her through the grammar") == [("Mentoring session", 2)]


def test_a_count_taken_back_is_the_count_said_last():
    """"fixed 3 bugs, sorry 4" = 4; "did 4 interviews (actually 3, one no-showed)" = 3;
    "5 MRs, correction, 4" = 4, and what explains the correction adds nothing."""
    assert in_defaults("fixed 3 bugs, sorry 4, forgot the flaky one") == [("Bug fix", 4)]
    assert in_defaults("did 4 interviews (actually 3, one candidate no-showed)") == [
        ("Interview", 3)]
    assert in_defaults("reviewed 5 MRs, correction, 4") == [("Code review", 4)]


def test_people_and_pages_say_who_was_there_and_how_long_not_how_many():
    """A talk "to ~40 people" is one talk; "our team of 6 did retro" one retro (but perf
    reviews "for my team of 5" are five, work done per person); "the design doc, 12 pages"
    one doc."""
    assert in_defaults("gave a talk on tracing to ~40 people") == [("Tech talk", 1)]
    assert in_defaults("our team of 6 did the retro") == [("Team meeting", 1)]
    assert in_defaults("perf reviews done for my team of 5") == [("Feedback given", 5)]
    assert in_defaults("wrote the design doc for the sync engine, 12 pages") == [
        ("Design doc", 1)]


def test_a_pasted_link_names_no_work_by_the_words_in_its_address():
    """A repository called "docs" or "unit-tests" in a link is an address: "reviewed the caching
    PR (github.com/acme/docs/pull/41)" is one review, not 41 documents read."""
    assert in_defaults("reviewed the caching PR (github.com/acme/docs/pull/41)") == [
        ("Code review", 1)]
    assert in_defaults("paired with Ana on the importer, see "
                       "https://gitlab.com/acme/unit-tests/-/issues/7") == [
        ("Mentoring session", 1)]


def test_learning_something_on_the_job_is_no_structured_learning():
    """"Learned a lot about the query planner" tells what the work taught, not a course or
    workshop taken; learning with what it was done on ("on an online course", an e-learning)
    still is."""
    assert in_defaults("learned a lot about the query planner while chasing the slow "
                       "report") == []
    assert in_defaults("learned Go basics on an online course") == [("Learning", 1)]
    assert in_defaults("finished the security e-learning") == [("Learning", 1)]


def test_a_hack_week_is_a_hackathon():
    """"helped run the platform hack week" is the same team event as running a hackathon."""
    assert in_defaults("helped run the platform hack week, sorted prizes and judging") == [
        ("Culture building", 1)]


def test_reviews_told_again_by_their_outcomes_are_the_same_reviews():
    """"reviewed 5 PRs ...; three pull requests approved, two sent back" = 5: the later clause
    splits the five by what each review decided, even past a semicolon or a full stop.
    Reviews said to be more ("approved 3 more PRs") still add."""
    assert in_defaults("reviewed 5 PRs, fixed the flaky login bug and paired with our intern "
                       "twice; three pull requests approved, two sent back") == [
        ("Code review", 5), ("Bug fix", 1), ("Mentoring session", 2)]
    assert in_defaults("Looked at 4 merge requests. Two MRs approved, two bounced.") == [
        ("Code review", 4)]
    assert in_defaults("reviewed 5 PRs; later approved 3 more PRs") == [("Code review", 8)]


def test_some_of_the_things_named_before_count_the_work_done_to_them():
    """"wrote tests for two of them" after three bugs = 2 sets of tests, even after "for"; of
    work already counted ("3 incidents, postmortems for two of them") they add nothing; "the
    three of them" is all of them, a setting."""
    assert in_defaults("fixed 4 bugs in the parser and wrote regression tests for three of "
                       "them") == [("Bug fix", 4), ("Tests written", 3)]
    assert in_defaults("handled 3 incidents, wrote postmortems for two of them") == [
        ("Incident resolved", 3)]
    assert in_defaults("I'm driving the logging cleanup across the three of them") == [
        ("Cross-team initiative", 1)]


def test_how_often_said_after_a_long_object_is_how_often_the_work_was_done():
    """"paired with our intern on the slow checkout query twice" = 2 sessions, however long the
    object between; not when "twice" belongs to a clause of its own ("after it broke twice")."""
    assert in_defaults("paired with our new intern on the slow checkout query twice") == [
        ("Mentoring session", 2)]
    assert in_defaults("added e2e tests for the login page after it broke in prod twice") == [
        ("Tests written", 1)]


def test_objects_joined_after_one_verb_are_each_one_more_piece_of_work():
    """"shipped scheduled reports and dark mode" = 2 ("scheduled" describes the reports, it is
    not another verb); after a colon the list is the verb's objects ("shipped: X + Y" = 2); a
    hyphened person is still one person ("a front-end engineer")."""
    assert in_defaults("shipped scheduled reports and dark mode") == [("Feature shipped", 2)]
    assert in_defaults("shipped: bulk delete + audit trail") == [("Feature shipped", 2)]
    assert in_defaults("interviewed a data scientist candidate and a front-end engineer") == [
        ("Interview", 2)]


def test_a_count_restated_or_given_as_a_total_is_the_count_of_all_of_it():
    """"yeah four code reviews" after "Reviewed 4 PRs" = 4, not 8, even in the next sentence;
    "..., making it 3 reviews total" is the total whatever the clauses before added up to."""
    assert in_defaults("Reviewed 4 PRs. Yeah four code reviews, mostly backend.") == [
        ("Code review", 4)]
    assert in_defaults("planning, retro, and the demo, so 4 team meetings in total") == [
        ("Team meeting", 4)]


def test_how_many_groups_or_onlookers_took_part_is_not_how_much_work():
    """"aligned 4 orgs on one retention policy" is one initiative; "my talk drew 50 people" is
    one talk; people the work was done to still count ("onboarded three new joiners")."""
    assert in_defaults("got 4 orgs aligned on one logging standard, I'm leading it") == [
        ("Cross-team initiative", 1)]
    assert in_defaults("my brown bag on tracing got 50 people") == [("Tech talk", 1)]
    assert in_defaults("onboarded three new joiners") == [("Culture building", 3)]


def test_work_done_for_both_of_two_things_is_done_twice():
    """"regression tests for both crashes" = 2 sets, "1:1s with both my reports" = 2; not
    where the work was ("fixed the bug in both apps" = 1) nor "both" ending a clause of its
    own ("tests for both so it stays fixed")."""
    assert in_defaults("wrote regression tests for both checkout crashes") == [
        ("Tests written", 2)]
    assert in_defaults("one-to-ones with both my reports") == [("1:1 meeting", 2)]
    assert in_defaults("fixed the login bug in both apps") == [("Bug fix", 1)]


def test_a_number_before_of_the_things_counts_some_of_them_not_a_name():
    """"read 4 of the platform team's RFCs" = 4 (after a bare verb, a number is read as a
    name only when nothing it counts follows: "sprint 4"); "version 2 of the app" is a name."""
    assert in_defaults("read 4 of the platform team's older RFCs") == [("Reading docs", 4)]
    assert in_defaults("released version 2 of the mobile app") == [("Feature shipped", 1)]


def test_a_number_before_a_two_word_name_of_the_work_counts_it():
    """"went through 4 merge requests" = 4: the number counts the merge requests (a name of
    two words), it does not name "through"."""
    assert in_defaults("went through 4 merge requests") == [("Code review", 4)]


def test_work_done_per_person_with_a_number_of_people_counts_each():
    """Per-person work: "1:1s with 6" and "paired with two L5s" are six and two, the people
    named by a bare number or a word the lexicon knows ("reportees", "trainees")."""
    assert in_defaults("1:1s with 6 this week") == [("1:1 meeting", 6)]
    assert in_defaults("paired with two L5s on the migration") == [("Mentoring session", 2)]
    assert in_defaults("wrote the annual review for my 3 reportees") == [("Feedback given", 3)]


def test_how_often_two_people_met_after_the_work_is_how_often_it_was_done():
    """"coached Ravi through his first release, sat down with him three times" = 3 sessions;
    "sat with one of them" says whom, not how often."""
    assert in_defaults("coached Ravi through his first release, sat down with him three "
                       "times") == [("Mentoring session", 3)]


def test_each_item_of_a_comma_series_closed_by_and_is_another_object_of_the_verb():
    """"released: the audit trail, dark mode, and the new sharing dialog" = three
    features: the commas run on to the "and" that closes the list, so each item is joined on
    as the last one is."""
    assert in_defaults("released: the audit trail, dark mode, and the new sharing "
                       "dialog") == [("Feature shipped", 3)]


def test_work_in_the_plural_for_a_number_of_things_is_one_piece_for_each():
    """"put together playbooks for the four queues we own" = four playbooks: one for each
    queue, so the queues' number counts the work (not "a kickoff for our 3 squads")."""
    assert in_defaults("put together playbooks for the four queues we own") == [
        ("Documentation", 4)]


def test_work_done_in_each_of_a_number_of_places_is_done_that_many_times():
    """"patched the same null check bug in each of our two apps" = two fixes."""
    assert in_defaults("patched the same null check bug in each of our two apps") == [
        ("Bug fix", 2)]


def test_pages_about_one_thing_are_one_incident_however_often_it_paged():
    """"paged three times overnight for the same full disk" = one incident: the pages were
    all about one thing."""
    assert in_defaults("paged three times overnight for the same full disk") == [
        ("Incident resolved", 1)]


def test_culture_work_of_another_kind_with_its_own_verb_is_another_initiative():
    """"organised the team picnic and did shout-outs at the all-hands" = two initiatives,
    time together and recognition, each with its own verb and object."""
    assert in_defaults("organised the team picnic and did shout-outs at the "
                       "all-hands") == [("Culture building", 2)]


def test_the_fix_named_after_the_work_is_the_change_just_made_not_another():
    """"chased down a deadlock in the job queue and got the fix merged" = one fix: "the
    fix" is the change that work made, on its way out."""
    assert in_defaults("chased down a deadlock in the job queue and got the fix "
                       "merged") == [("Bug fix", 1)]


def test_a_noun_phrase_after_a_comma_alone_says_what_the_work_was_not_more_of_it():
    """"upstreamed a small fix to the requests library, a one-line change in the retry
    logic" = one contribution: with no "and" to close a list, the phrase after the comma is
    the same thing said again."""
    assert in_defaults("upstreamed a small fix to the requests library, a one-line change "
                       "in the retry logic") == [("Open source", 1)]


def test_a_number_of_ones_joined_on_is_more_of_the_thing_just_named():
    """"reviewed Lena's schema migration PR and two smaller ones" = three reviews:
    "ones" stands for more of what was just reviewed."""
    assert in_defaults("reviewed Lena's schema migration PR and two smaller ones") == [
        ("Code review", 3)]


def test_a_past_form_alone_after_the_work_is_its_status_not_a_name():
    """"Wrote the on-call runbook for the search cluster — Done" = one runbook: "Done",
    capitalised as a status column is, says how the work stands, not someone or something
    else it was done for."""
    assert in_defaults("Wrote the on-call runbook for the search cluster — Done") == [
        ("Documentation", 1)]
def test_writing_up_a_record_of_ones_own_work_is_not_documentation():
    """Documentation is written for others; writing down what one just did ("wrote it up",
    "my notes", "the rationale", "filed in the HR tool") is part of that work. A document
    others use ("the steps in the runbook") is still documentation."""
    assert in_defaults("interviewed a data engineer on tuesday and wrote up my notes for the "
                       "panel") == [("Interview", 1)]
    assert in_defaults("gave Ola feedback on her missed deadlines, documented it in Workday"
                       ) == [("Feedback given", 1)]
    assert in_defaults("documented the failover steps in the runbook") == [("Documentation", 1)]


def test_fixing_named_as_the_aim_of_a_group_started_is_not_a_bug_fix():
    """"formed a working group ... to fix X": the group is the work, the fix its aim. After
    other verbs the infinitive is work done ("managed to fix a bug")."""
    assert in_defaults("formed a working group with finance and legal to fix how we approve "
                       "vendors") == [("Cross-team initiative", 1)]
    assert in_defaults("Between meetings I managed to fix a bug in the invoice export"
                       ) == [("Bug fix", 1)]


def rules_in_defaults(text: str) -> list[tuple[str, int]]:
    """What the rules alone propose (no learned layer), for behaviour the layer may hide."""
    return [(item.category, item.count) for item in rule_activities(text, DEFAULT_VOCABULARY)]


def test_teaching_while_pairing_is_the_mentoring_not_a_talk():
    """"paired with X, teaching her Y" says how the pairing went; the projects demoed at a
    hack day one ran are its demos. A demo the speaker gives is still a talk."""
    assert rules_in_defaults("paired with our new hire for a morning, mostly teaching her the deploy "
                       "tooling") == [("Mentoring session", 1)]
    assert rules_in_defaults("ran the platform hack day, 6 projects demoed") == [
        ("Culture building", 1)]
    assert ("Tech talk", 1) in rules_in_defaults("organised a team lunch and did a short demo of "
                                           "the new tracing setup at the guild")


def test_a_review_ones_own_work_went_through_is_not_a_code_review():
    """"merged after two review rounds", "it's in review": a bare "review" after "in",
    "through" or "after", or before "rounds", is the reviewers' part of one's own work.
    Reviews one did are still counted."""
    assert in_defaults("sent a patch to the upstream csv library, merged after two review "
                       "rounds") == [("Open source", 1)]
    assert in_defaults("got through 9 code reviews before lunch") == [("Code review", 9)]


def test_a_wish_for_work_not_yet_done_logs_nothing():
    """Another's wish for the speaker ("wants me to"), the speaker's own ("I'd love to",
    "planning on ...ing"): no work done. A meeting "on Monday" is still a meeting."""
    assert in_defaults("my lead wants me to write the onboarding runbook, no idea when") == []
    assert in_defaults("I'd love to run a workshop for the new grads at some point") == []
    assert in_defaults("planning on submitting a proposal to the platform guild") == []
    assert in_defaults("sprint planning on monday, retro on friday") == [("Team meeting", 2)]


def test_test_naming_another_thing_is_not_tests_written():
    """"the test rack", "the test plan", "an A/B test": "test" naming another thing, or a
    test that is not code, is not a set of tests written; "integration tests" are."""
    assert in_defaults("moved the firmware onto the new test rack in the lab") == []
    assert rules_in_defaults("ran an A/B test on the checkout button colour") == []
    assert in_defaults("wrote integration tests for the billing webhooks") == [
        ("Tests written", 1)]


def test_a_work_word_naming_another_thing_names_no_work():
    """"the training runs", "the docs site", "feature branches": the word names a machine's
    job, a site or a branch, not a course taken, docs written or a feature shipped; "a
    training run by HR" is still a course."""
    assert in_defaults("the training runs for the ranker kept crashing all week") == []
    assert rules_in_defaults("shipped a dark theme for the docs site") == [
        ("Feature shipped", 1)]
    assert in_defaults("went to a one-day security training run by the platform team") == [
        ("Learning", 1)]
    assert in_defaults("dropped our long-lived feature branches in favour of trunk-based "
                       "development") == []


def test_building_something_is_not_culture_building():
    """"building" with an object ("building the new billing engine") or after "we're" is
    making something; "a team building afternoon" is culture building."""
    assert in_defaults("the squad building the new billing engine asked me for a sketch") == []
    assert in_defaults("ran a team building afternoon at the bowling alley") == [
        ("Culture building", 1)]


def test_a_gathering_named_as_where_other_work_happened_is_not_culture_building():
    """"while the team was at the offsite", "during the hackathon": the gathering is the
    place; being at it oneself, or organising it, is still culture building."""
    assert in_defaults("merged a quick fix for the login page while everyone was at the "
                       "offsite") == [("Bug fix", 1)]
    assert in_defaults("was at the team offsite all week, lots of bonding") == [
        ("Culture building", 1)]


def test_a_recent_hire_or_a_hiring_freeze_is_no_hiring_decision():
    """"the newest data hire" is a person who joined; "we paused hiring" is no hiring. A
    decision to hire still is one."""
    assert in_defaults("got the newest data hire set up with laptop and accounts") == []
    assert in_defaults("recruiting went quiet, we paused hiring until the budget lands") == []
    assert in_defaults("we decided to hire the contractor full time") == [("Hiring decision", 1)]


def test_correcting_defects_is_fixing_them() -> None:
    assert rules_in_defaults("Corrected four defects in the billing export") == [("Bug fix", 4)]


def test_fixd_typed_in_a_hurry_reads_as_fixed() -> None:
    assert rules_in_defaults("fixd the broken logout button") == [("Bug fix", 1)]


def test_a_datasheet_read_is_reading_docs() -> None:
    assert rules_in_defaults("read the sensor datasheet over lunch") == [("Reading docs", 1)]


def test_rewriting_a_guide_is_writing_documentation() -> None:
    assert rules_in_defaults("rewrote the deployment guide for the new cluster") == [
        ("Documentation", 1)]


def test_a_glossary_written_for_others_is_documentation() -> None:
    assert rules_in_defaults("wrote a glossary of our billing terms") == [("Documentation", 1)]


def test_a_brownbag_written_as_one_word_is_a_talk() -> None:
    assert rules_in_defaults("gave a brownbag on load shedding") == [("Tech talk", 1)]


def test_a_webinar_given_is_a_talk() -> None:
    assert rules_in_defaults("did a webinar on the export API") == [("Tech talk", 1)]


def test_tutoring_a_junior_is_mentoring() -> None:
    assert rules_in_defaults("tutored our junior on query plans") == [("Mentoring session", 1)]


def test_delivering_a_phase_is_delivering_the_project() -> None:
    assert rules_in_defaults("delivered phase 3 of the CRM rebuild to sales") == [
        ("Project delivered", 1)]
def test_a_second_numbered_batch_of_unknown_nouns_adds_to_the_count() -> None:
    """"and one <noun>" after "V 2 <nouns>": a parallel count of the same work, even when the
    vocabulary does not know the second noun."""
    items = {i.category: i.count for i in rule_activities(
        "interviewed 3 frontend candidates and two ML folk", DEFAULT_VOCABULARY)}
    assert items.get("Interview") == 5


def test_a_daily_ritual_followed_by_days_written_with_spaces_counts_each_day() -> None:
    """"standups tue thu fri" and the timetable letters "M W F": one meeting per day named."""
    spaced = {i.category: i.count for i in rule_activities("standups tue thu fri", DEFAULT_VOCABULARY)}
    letters = {i.category: i.count for i in rule_activities("daily standup M W F", DEFAULT_VOCABULARY)}
    assert spaced.get("Team meeting") == 3
    assert letters.get("Team meeting") == 3


def test_an_en_dash_between_two_weekdays_is_a_range_of_days() -> None:
    """"standups tue\u2013fri": the en dash joins the days as a hyphen would (four days)."""
    items = {i.category: i.count for i in rule_activities("standups tue\u2013fri", DEFAULT_VOCABULARY)}
    assert items.get("Team meeting") == 4


def test_a_meeting_with_my_relation_after_a_one_to_one_is_another_one() -> None:
    """"and a skip with my grandboss": "my" marks a person even when the noun is unknown."""
    items = {i.category: i.count for i in rule_activities(
        "1:1 with my manager, and a catch-up with my grandboss", DEFAULT_VOCABULARY)}
    assert items.get("1:1 meeting") == 2


def test_a_number_after_this_week_counts_the_work_not_names_the_week() -> None:
    """"this week 6 code reviews": "week 6" is not a name after "this"; six reviews."""
    items = {i.category: i.count for i in rule_activities(
        "quiet sprint; this week 6 code reviews", DEFAULT_VOCABULARY)}
    assert items.get("Code review") == 6


def test_another_thing_with_its_own_article_after_a_verb_and_a_thing_adds_one() -> None:
    """"wrote a runbook and a troubleshooting checklist for on-call": the second noun is not
    known to the vocabulary, but "and a <noun>" continues the list of things written."""
    items = {i.category: i.count for i in rule_activities(
        "wrote a runbook and a troubleshooting checklist for on-call", DEFAULT_VOCABULARY)}
    assert items.get("Documentation") == 2

def test_a_name_ending_in_ed_is_the_subject_not_a_verb():
    """"Mohammed gave a talk": a capitalised name right before a past verb is someone else
    doing the work, though the name ends in -ed like a verb. "Bisected and fixed" is still
    the speaker's own report."""
    assert rules_in_defaults("Mohammed gave a talk on caching, I learned a lot") == []
    assert rules_in_defaults("Khaled fixed the flaky login bug") == []
    assert rules_in_defaults("Traced and fixed the flaky login bug") == [("Bug fix", 1)]


def test_a_person_named_by_their_role_did_their_own_work():
    """"My reportee Kofi fixed it": a role then a name is another person, even after "my"."""
    assert rules_in_defaults("My reportee Kofi fixed the flaky login bug, I was really "
                             "pleased") == []


def test_a_bare_session_without_anyone_to_mentor_is_no_mentoring():
    """"two working sessions with the infra group", "sessions at the conference": the word
    alone names a meeting or part of an event; with a person ("two sessions with her") or a
    mentoring word nearby it is still mentoring."""
    assert rules_in_defaults("ran two working sessions with the infra and data groups") == []
    assert rules_in_defaults("sat in three sessions at the conference, all on observability") == []
    assert rules_in_defaults("two sessions with her on writing SQL") == [("Mentoring session", 2)]


def test_a_doc_put_out_for_comment_is_an_rfc():
    """Asking others to weigh in makes a write-up a request for comments: "the doc is out
    for comment", "sent the doc to the leads for comments" are an RFC, not documentation."""
    assert rules_in_defaults("my caching doc is now out for comment") == [("RFC", 1)]
    assert rules_in_defaults("sent the doc to every tech lead for comments") == [("RFC", 1)]


def test_a_talk_dated_next_week_or_next_month_is_not_given_yet():
    """"rehearsing the talk I'm giving next month": the talk lies ahead; once given it is
    logged then. A talk given with another one planned next month is still a talk."""
    assert rules_in_defaults("rehearsed the talk I'm giving at the Go meetup next month") == []
    assert rules_in_defaults("gave a talk on caching at the guild") == [("Tech talk", 1)]
