"""The extractor on REAL weekly updates, not on lines written to imitate them.

Every other extractor set was written by helpers imitating engineers. These 196 texts are what
engineers wrote about their own weeks in public team-sync notes (ipfs/team-mgmt, testground,
fury-gl/fury: "Done / Blocked / Next" blocks, merged pull requests as links, GSoC weekly posts),
labelled blind by three annotators (tests/data/extract_real_SOURCES.md: sources, licences, how
they were labelled and split). They are printed beside the helper-written figures so that nobody
mistakes those for what a pasted stand-up note gets.
"""

from pathlib import Path

from test_extract import DEFAULT_VOCABULARY, at_least, exactly, load_cases, report

DATA = Path(__file__).resolve().parent / "data"
REAL_DEV = DATA / "extract_real_dev.jsonl"
REAL_HELD_OUT = DATA / "extract_real_heldout.jsonl"


def test_every_real_text_names_its_source_and_licence():
    """A copied text without its attribution and licence may not be redistributed."""
    cases = load_cases(REAL_DEV) + load_cases(REAL_HELD_OUT)
    exactly(len(cases), 196)
    assert all(case["source"].count(":") == 1 and "@" in case["source"] for case in cases)
    assert {case["licence"] for case in cases} <= {"CC-BY-SA-3.0", "MIT OR Apache-2.0",
                                                  "BSD-3-Clause"}


def test_no_real_held_out_text_is_in_a_set_tuned_on():
    """The held-out half stays out of everything tuned or trained on."""
    held_out = {case["text"].strip().lower() for case in load_cases(REAL_HELD_OUT)}
    for path in (DATA / "extract_dev_defaults.jsonl", REAL_DEV):
        shared = held_out & {case["text"].strip().lower() for case in load_cases(path)}
        assert not shared, f"{len(shared)} held-out texts are in {path.name}"  # not the texts


def test_real_weekly_updates_readable_half(capsys):
    """72 updates from ipfs/team-mgmt's 2018 notes, which whoever tunes the extractor may read.
    Session 8 found them at F1 0.330 (P 0.381, R 0.291) with that session's starting extractor;
    the three annotators agreed with each other at 0.85-0.90. Most misses: a "Done" item that
    is the person's own merged change (Feature shipped), and plans under "Next:" read as work
    done. Session 9 read these (and only these) to build status-heading grammar (`sections`) and
    listed changes (`changes`): 0.718 with its rules alone, 0.686 with all of session 9's rules
    and the layer. The floor guards against regression only."""
    cases = load_cases(REAL_DEV)
    exactly(len(cases), 72)
    at_least(report("real weekly updates, readable half", cases, capsys,
                  DEFAULT_VOCABULARY), 0.60)


def test_real_weekly_updates_held_out(capsys):
    """The other 124 (ipfs/team-mgmt 2019-2020, testground, fury-gl/fury), never read by anyone
    tuning: F1 0.378 (P 0.413, R 0.349) with session 8's starting extractor. Far under the
    helper-written held-out sets (0.877 pooled then): text in the genre of a team's stand-up
    notes is not yet read well. After session 9's status headings and listed changes (tuned on
    the readable half only): 0.438 (0.450 with that helper's rules alone, printed once at its
    end). The floor guards against regression only."""
    cases = load_cases(REAL_HELD_OUT)
    exactly(len(cases), 124)
    at_least(report("real weekly updates, held out", cases, capsys, DEFAULT_VOCABULARY), 0.40)
