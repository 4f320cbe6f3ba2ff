"""The coach with no model answers each kind of question from the core, through a real pipe,
a redirected file and a pseudo-terminal, and a question never writes anything.

The persona is Sam (tests/golden/persona.txt), IC L4, as of 2026-W48. Expected answers are
read from the CLI (``recommend --json``, ``status --json``), the same core the coach quotes.
The database check compares every table except the conversation's own (chat_session and
chat_message: the transcript is saved on purpose), so "unchanged" means no entry, record,
acknowledgement or setting was written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import table_dump

from coach.chat.offline import question_kind, weeks_asked_about
from perfmirror_core.weeks import IsoWeek

DESIGN_STRUGGLE_ID = 6  # "Design reviews kept stalling on my proposals" (not private)
# What a conversation records by itself: the transcript, and the warnings its opening showed.
TRANSCRIPT_TABLES = {"chat_session", "chat_message", "warning_observation"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")

QUESTIONS = {
    "status": "where am I on track?",
    "next": "what should I focus on next week?",
    "memory": "my design reviews keep stalling on my proposals. have I been here before?",
    "entries": "what did I do this week?",
    "why": "why is my score what it is?",
}


# The last thing each answer prints, so a pseudo-terminal read can wait for it.
ANSWER_ENDS = {"status": "What matters most: .*[.]", "next": r"\n3\. [^\n]* this week\. [^\n]*\n",
               "memory": r"/sources shows them in full\)", "entries": r"\(chat\)|\(manual\)",
               "why": r"› [^\n]*\n(?!›)"}


def data_hash(home: Path) -> str:
    """Every row of every table but the transcript's and the log of warnings shown."""
    tables = {name: rows for name, rows in table_dump(home).items()
              if name not in TRANSCRIPT_TABLES}
    return hashlib.sha256(repr(sorted(tables.items())).encode()).hexdigest()


def flat(text: str) -> str:
    """Terminal output with colour codes gone and line wrapping undone."""
    return " ".join(ANSI.sub("", text).split())


@pytest.fixture
def sam(persona, monkeypatch, cli):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    recommendations = json.loads(cli("recommend", "--json").out)["recommendations"]
    status = json.loads(cli("status", "--json").out)
    return {"home": persona, "steps": [r["message"] for r in recommendations],
            "insight": status["insights"][0]["message"], "score": status["credited"],
            "expected": status["expected"]}


def chat_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, PERFMIRROR_HOME=str(home), PERFMIRROR_TODAY="2026-11-26",
               PERFMIRROR_EMBEDDER="lexical", PERFMIRROR_DISCOVER="0", COLUMNS="250",
               NO_COLOR="1", TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("PERFMIRROR_MODEL", None)
    return env


def chat_typed(home: Path, typed: str) -> subprocess.CompletedProcess:
    """``perfmirror chat`` with ``typed`` on a pipe, no model, as a person's shell runs it."""
    return subprocess.run([sys.executable, "-m", "coach", "chat"], input=typed, capture_output=True,
                          text=True, check=False, env=chat_env(home), timeout=120)


def assert_answers(kind: str, out: str, sam: dict) -> None:
    text = flat(out)
    if kind == "status":
        assert "Where you stand" in text and f"What matters most: {sam['insight']}" in text
    elif kind == "next":
        assert flat(sam["steps"][0]) in text and flat(sam["steps"][1]) in text
    elif kind == "memory":
        assert f"[#{DESIGN_STRUGGLE_ID}] struggle, 2026-08: Design reviews kept stalling" in text
        assert "Resolved: Asked for a design buddy" in text
    elif kind == "entries":
        assert "Logged this week (2026-W48):" in text
        assert "4 x Code review" in text and "PAY-352 retry storm on Mondays" in text
        assert "2026-W47" not in text
    elif kind == "why":
        assert f"{sam['score']:.1f} of {sam['expected']:.1f} expected weighted points" in text
        assert "Furthest under expectation:" in text
    assert "To log:" not in text and "Log these?" not in text


# --- routing, one behaviour each ---------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("where am I on track?", "status"),
    ("How am I doing?", "status"),
    ("what should I focus on next week?", "next"),
    ("How do I get to Strong Performance?", "next"),
    ("how do I get better at interviewing and mentoring?", "next"),
    ("have I dealt with something like this before?", "memory"),
    ("What worked last time?", "memory"),
    ("what did I do this week?", "entries"),
    ("What did I log in May?", "entries"),
    ("why is my score 62%?", "why"),
    ("Why is my impact so low?", "why"),
    ("is it raining?", "other"),
    ("Reviewed 3 PRs and fixed a bug", None),
    ("I keep starting design docs and never finishing them", None),
    # an auxiliary opening clipped speech reports work; with a pronoun after it, it asks
    ("Did two phone screens and a code review.", None),
    ("Was on call all week, fixed the flaky deploy job", None),
    ("did I do enough interviews", "other"),
    ("were my 1:1s enough", "other"),
    ("what now", "next"),
    ("am I ready for promotion?", "promotion"),
    ("How do I get promoted to senior?", "promotion"),
    ("what is my weakest area?", "mix"),
    ("What are my strengths?", "mix"),
    ("how many PRs did I review this month?", "entries"),
    ("How often did I have 1:1s in May?", "entries"),
    ("what did I ship last month?", "entries"),
    ("what have I been working on lately?", "entries"),
    ("should I worry?", "status"),
    ("how is my week looking?", "status"),
    ("is my manager going to be happy with me?", "status"),
])
def test_questions_are_routed_by_their_words(text, kind):
    assert question_kind(text) == kind


@pytest.mark.parametrize("text", ["Did two phone screens and a code review.",
                                  "Was on call all week, fixed the flaky deploy job",
                                  "were my 1:1s enough", "Did I review enough PRs"])
def test_the_chat_and_the_extractor_agree_on_what_is_a_question(text):
    """One rule (perfmirror_core.text.asks): the chat once took every "Did ..."/"Was ..." for
    a question, so "Did two phone screens and a code review." logged nothing in a check-in while
    `perfmirror extract` read 2 interviews and a review (the chat missed 8 of 144 held-out
    utterances that way, session 4)."""
    from perfmirror_core.extract import CategoryVocabulary, extract_activities
    from perfmirror_core.frameworks import default_framework

    vocabulary = [CategoryVocabulary(c.name, tuple(c.synonyms), c.description)
                  for c in default_framework().categories]
    proposes = bool(extract_activities(text, vocabulary))
    assert proposes == (question_kind(text) is None)


def test_in_may_means_the_weeks_whose_thursday_is_in_the_latest_may():
    """1 May 2026 is a Friday: W18's Thursday is 30 April, W19..W22's are 7..28 May, W23's
    is 4 June."""
    weeks, label = weeks_asked_about("what did I do in May?", IsoWeek(2026, 48))
    assert label == "in May 2026"
    assert [str(w) for w in weeks] == ["2026-W19", "2026-W20", "2026-W21", "2026-W22"]


def test_lately_means_the_last_four_weeks():
    """31 December 2026 is a Thursday, so 2026 has a week 53."""
    weeks, label = weeks_asked_about("what have I been up to lately?", IsoWeek(2027, 2))
    assert [str(w) for w in weeks] == ["2027-W02", "2027-W01", "2026-W53", "2026-W52"]
    assert label == "in the last 4 weeks (2026-W52 to 2027-W02)"


def test_a_month_later_than_this_week_means_last_year():
    """Asked in 2026-W48 (November), December is December 2025; its first Thursday is the
    4th, in 2025-W49."""
    weeks, label = weeks_asked_about("what did I do in December", IsoWeek(2026, 48))
    assert label == "in December 2025" and str(weeks[0]) == "2025-W49"


# --- through the real command ------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(QUESTIONS))
@pytest.mark.parametrize("stdin", ["pipe", "file"])
def test_each_question_through_a_pipe_and_a_redirected_file(kind, stdin, sam, tmp_path):
    before = data_hash(sam["home"])
    typed = f"{QUESTIONS[kind]}\n\n/sources\n"  # the question, an empty Enter, then /sources
    command = [sys.executable, "-m", "coach", "chat"]
    if stdin == "pipe":
        done = subprocess.run(command, input=typed, capture_output=True, text=True, check=False,
                              env=chat_env(sam["home"]), timeout=120)
    else:
        script = tmp_path / "typed.txt"
        script.write_text(typed)
        with script.open() as handle:
            done = subprocess.run(command, stdin=handle, capture_output=True, text=True, check=False,
                                  env=chat_env(sam["home"]), timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"you> {QUESTIONS[kind]}" in done.stdout  # the line was read, not skipped
    assert_answers(kind, done.stdout, sam)
    if kind == "memory":
        sources_answer = flat(done.stdout.rsplit("you> /sources", 1)[1])
        assert f"#{DESIGN_STRUGGLE_ID} Struggle (2026-08): Design reviews" in sources_answer
    assert data_hash(sam["home"]) == before


def test_every_question_kind_through_a_pseudo_terminal(sam):
    """One session, typed as a person would; Enter after each question logs nothing."""
    pexpect = pytest.importorskip("pexpect")
    before = data_hash(sam["home"])
    child = pexpect.spawn(sys.executable, ["-m", "coach", "chat"], env=chat_env(sam["home"]),
                          encoding="utf-8", timeout=60, dimensions=(50, 250))
    answers = {}
    try:
        child.expect("you>")
        for kind, question in QUESTIONS.items():
            child.sendline(question)
            child.expect(ANSWER_ENDS[kind])  # the prompt is redrawn as it is typed
            answers[kind] = child.before + child.after
            child.expect("you>")
            answers[kind] += child.before
            child.sendline("")  # Enter alone: nothing is waiting for a yes, nothing happens
            child.expect("you>")
            child.sendline("/categories")
            child.expect(r"Tech talk \(impact")
            assert "Log these" not in child.before
            child.expect("you>")
        child.sendline("/sources")
        child.expect("Asked for a design buddy")
        sources = child.before + child.after
        child.expect("you>")
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    for kind, out in answers.items():
        assert_answers(kind, out, sam)
    assert f"#{DESIGN_STRUGGLE_ID} Struggle (2026-08): Design reviews" in flat(sources)
    assert data_hash(sam["home"]) == before


def test_a_question_naming_categories_gets_their_steps_and_logs_nothing(sam):
    """The issue's case: "how do I get better at interviewing and mentoring?" once proposed
    1 Interview + 1 Mentoring session, and Enter confirmed them."""
    before = data_hash(sam["home"])
    done = chat_typed(sam["home"], "how do I get better at interviewing and mentoring?\n\n\n")
    text = flat(done.stdout)
    assert "Your next steps for Interview and Mentoring session" in text
    assert "interview" in text and "mentoring session" in text and "this week." in text
    assert "Log these?" not in text
    assert data_hash(sam["home"]) == before


def test_enter_alone_never_confirms_a_write(sam):
    """A statement proposes entries; Enter three times shows the choices and logs nothing."""
    before = data_hash(sam["home"])
    done = chat_typed(sam["home"], "Fixed 2 bugs in the payout job\n\n\n\n")
    text = flat(done.stdout)
    assert "2 x Bug fix in 2026-W48" in text
    assert text.count("Please answer y (log them), e (edit the counts) or n (log nothing).") == 3
    assert "Nothing logged." in text
    assert data_hash(sam["home"]) == before


def test_checkin_entries_keep_the_persons_words_and_reference(sam):
    done = chat_typed(sam["home"], "Fixed the retry bug (PR #412) and handled the INC-771 outage\ny\n")
    assert done.returncode == 0, done.stderr
    rows = sqlite3.connect(sam["home"] / "perfmirror.db").execute(
        "SELECT c.name, e.count, e.reference, e.note FROM activity_entry e JOIN category c "
        "ON c.id = e.category_id WHERE e.source = 'chat' ORDER BY e.id").fetchall()
    assert rows == [("Bug fix", 1, "PR #412", "Fixed the retry bug (PR #412)"),
                    ("Incident resolved", 1, "INC-771", "handled the INC-771 outage")]


def test_a_question_at_the_checkin_prompt_is_answered_and_logs_nothing(sam):
    before = data_hash(sam["home"])
    done = subprocess.run([sys.executable, "-m", "coach", "checkin"],
                          input="how do I get better at interviewing?\n\n\n",
                          capture_output=True, text=True, check=False, env=chat_env(sam["home"]),
                          timeout=120)
    text = flat(done.stdout)
    assert "Your next steps for Interview" in text and "Log these?" not in text
    assert data_hash(sam["home"]) == before


# --- "why": the same ranking and the same verdicts as the card ----------------------------------

def why_report():
    """IC L4 for one week (history starts then, so one week is scored). Expected: 16 Code
    reviews (input, 1 point, weight 0.3) and 2 Documentation (output, 6 points, weight 0.4) and
    0.25 Tech talk (impact, 10 points, weight 0.1). Logged: 2 reviews and 1 talk. Short: reviews
    14 points raw, 14 x 0.3 = 4.2 weighted; docs 12 raw, 12 x 0.4 = 4.8 weighted. Raw points
    put reviews first, role-weighted points put docs first. Impact: 10 of 2.5 points = 400%."""
    from perfmirror_core.scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange,
                                         ScoringData, Weights)
    from perfmirror_core.status import where_am_i

    week = IsoWeek(2026, 20)
    categories = {1: CategoryInfo(1, "Code review", "input", 1),
                  2: CategoryInfo(2, "Documentation", "output", 6),
                  3: CategoryInfo(3, "Tech talk", "impact", 10)}
    level = LevelFramework("IC", 4, Weights(0.3, 0.4, 0.2, 0.1), {1: 16, 2: 2, 3: 0.25})
    data = ScoringData(categories, [Entry(1, week, 2), Entry(3, week, 1)],
                       [ProfileChange(week, "IC", 4)], {("IC", 4): level})
    return where_am_i(data, week)


def test_why_ranks_what_is_short_as_the_card_s_biggest_shortfall_does():
    from coach.chat.report_answers import score_evidence

    report = why_report()
    text = score_evidence(report, "why is my score low?")
    biggest = next(i for i in report.insights if i.code == "biggest-gap")
    first, second = text.split("Furthest under expectation:\n")[1].splitlines()[:2]
    assert "Documentation" in biggest.message and "(4.8 weighted points short)" in biggest.message
    assert first == "- Documentation (output): 0 of 2 expected (4.8 weighted points short)"
    assert second == "- Code review (input): 2 of 16 expected (4.2 weighted points short)"


def test_why_is_a_dimension_low_says_so_when_it_is_not():
    from coach.chat.report_answers import score_evidence

    text = score_evidence(why_report(), "why is my impact so low?")
    assert ("Your impact is not low: 400% of what your level expects (Meeting Expectations "
            "needs 85%).") in text
    assert "What holds your score down:" in text
    assert "- input: 0.6 of 4.8 weighted points (12%)" in text  # 2 x 0.3 of 16 x 0.3
    assert "- Documentation (output)" in text  # what does hold it down, in every dimension


def test_why_is_a_dimension_low_when_it_is_narrows_the_answer_to_it():
    from coach.chat.report_answers import score_evidence

    text = score_evidence(why_report(), "why is my input low?")
    assert "not low" not in text and "- output:" not in text
    assert "- input: 0.6 of 4.8 weighted points (12%)" in text
    assert "- Code review (input)" in text and "- Documentation" not in text


def test_strengths_and_gaps_rank_dimensions_and_name_both_ends():
    """why_report: impact 400%, input 2 of 16 reviews = 12%, output 0 of 2 docs = 0%."""
    from coach.chat.report_answers import strengths_and_gaps

    text = strengths_and_gaps(why_report())
    assert "- by dimension, strongest first: impact 400%, input 12%, output 0%" in text
    assert "- past expectation:" not in text  # the talk was expected 0.25 times: no strength
    assert ("- furthest under, by role-weighted points: Documentation (0 of 2 expected, 4.8 "
            "points short), Code review (2 of 16 expected, 4.2 points short)") in text


def test_the_promotion_answer_is_the_evidence_not_a_verdict(sam, cli):
    """Sam's card lists the next level's expectations as emerging or missing; the answer counts
    the same ones and ends with the core's next steps."""
    status = json.loads(cli("status", "--json").out)
    upcoming = [e for e in status["expectations"] if e["level_kind"] == "next"]
    emerging = sum(e["status"] == "emerging" for e in upcoming)
    done = chat_typed(sam["home"], "am I ready for promotion?\n")
    text = flat(done.stdout)
    assert f"{emerging} of {len(upcoming)} expectations show emerging evidence" in text
    assert f"you are at {status['band']}" in text and "your manager's call" in text
    assert flat(sam["steps"][0]) in text


def test_how_many_sums_the_named_category_in_the_weeks_asked(sam):
    """Sam logged 4 code reviews in 2026-W48 (the persona script) and nothing else under that
    category that week."""
    before = data_hash(sam["home"])
    done = chat_typed(sam["home"], "how many code reviews did I do this week?\n")
    text = flat(done.stdout)
    assert "Code review: 4 this week (2026-W48), from these entries:" in text
    assert "Bug fix" not in text.split("from these entries:")[1]
    assert data_hash(sam["home"]) == before


def test_several_weeks_are_summed_before_their_entries(sam, cli):
    """The sums are the entries' own: checked against `entries --json` for the same weeks."""
    rows = json.loads(cli("entries", "--json", "--limit", "1000").out)
    recent = {str(IsoWeek(2026, 48).shifted(-back)) for back in range(4)}
    reviews = sum(r["count"] for r in rows if r["week"] in recent and r["category"] == "Code review")
    done = chat_typed(sam["home"], "what have I been working on lately?\n")
    text = flat(done.stdout)
    assert "Logged in the last 4 weeks (2026-W45 to 2026-W48): In all: " in text
    assert f"{reviews} x Code review" in text.split("In all: ")[1].split("#")[0]


def test_a_one_week_window_is_said_in_the_singular():
    from coach.chat.report_answers import next_level_evidence, score_evidence, strengths_and_gaps

    report = why_report()  # one week scored: the history starts in it
    for text in (score_evidence(report), strengths_and_gaps(report),
                 next_level_evidence(report, "")):
        assert "the 1 week ending 2026-W20" in text and "1 weeks" not in text


def test_a_statement_nothing_matched_gets_the_closest_categories_and_logs_nothing(sam):
    """Work in words no category has: the coach names three of the person's categories, closest
    first, as a question to answer with a name; nothing is proposed or written."""
    before = data_hash(sam["home"])
    done = chat_typed(sam["home"], "Wrangled the florbs with Zed all afternoon\n\n")
    text = flat(done.stdout)
    found = re.search(r"If it was work, the closest categories are (.+?), (.+?) or (.+?): say it "
                      r"again naming one of them, or /log CATEGORY COUNT\.", text)
    assert found, text
    names = {row[0] for row in sqlite3.connect(sam["home"] / "perfmirror.db").execute(
        "SELECT name FROM category")}
    assert set(found.groups()) <= names and len(set(found.groups())) == 3
    assert "Log these?" not in text
    assert data_hash(sam["home"]) == before


def test_an_entry_said_in_two_places_keeps_the_words_between_them(sam):
    """The extractor reads "sprint planning" and "the retro" as two spans of one item; the note
    is the person's sentence from the first to the last, not the spans joined with ';'."""
    done = chat_typed(sam["home"], "Ran sprint planning and the retro\ny\n")
    assert done.returncode == 0, done.stderr
    rows = sqlite3.connect(sam["home"] / "perfmirror.db").execute(
        "SELECT c.name, e.count, e.note FROM activity_entry e JOIN category c "
        "ON c.id = e.category_id WHERE e.source = 'chat' ORDER BY e.id").fetchall()
    assert rows == [("Team meeting", 2, "Ran sprint planning and the retro")]


def test_why_gives_the_credited_score_the_card_gives_and_what_the_cap_took_off():
    """why_report's impact is 400% of expected: its 1.0 weighted points are credited at 150%
    of the 0.25 expected, 0.375. Raw score 0.6 + 1.0 = 1.6; credited 0.6 + 0.375 = 0.975 of
    9.85 expected, 9.9%: the answer once said "1.6 of 9.8 ... (10%)", a figure and a ratio
    that disagree, beside the card's 1.0."""
    from coach.chat.report_answers import score_evidence

    report = why_report()
    first = score_evidence(report, "why is my score low?").splitlines()[0]
    assert f"{report.credited:.1f} of {report.expected:.1f} expected weighted points (10%; " \
           "1.6 before each dimension's credit is capped at 150% of its expected points)" in first
    assert round(report.credited, 3) == 0.975 and round(report.score, 3) == 1.6


def test_the_card_says_what_the_cap_took_off_in_the_why_answer_s_words():
    """One line, one condition on every surface: the card gave the cap as a ratio with its
    own threshold (0.5 percentage points), the text surfaces in points (0.05); a cap worth
    0.03 points showed "83% ... 83% before capping" on the card only. why_report's cap takes
    1.6 - 0.975 = 0.625 points off: the card and the answer give the same line."""
    from dataclasses import replace

    from rich.console import Console

    from coach.chat.report_answers import score_evidence
    from coach.render import status_renderable
    from perfmirror_core.status import capped_note

    def card(report) -> str:
        console = Console(width=200, record=True, color_system=None)
        console.print(status_renderable(report))
        return console.export_text()

    report = why_report()
    line = capped_note(report)
    assert line == "1.6 before each dimension's credit is capped at 150% of its expected points"
    assert line in card(report) and line in score_evidence(report, "why is my score low?")
    barely = replace(report, score=report.credited + 0.03)
    assert capped_note(barely) == ""
    assert "before each dimension's credit" not in card(barely)
    assert "before each dimension's credit" not in score_evidence(barely, "why is it low?")



def test_the_same_check_in_sent_twice_logs_once_and_says_so(sam):
    """A person unsure the first check-in saved sends the same words again: the second time
    nothing is proposed, they are told which entries already hold those words, and no count
    doubles. Other words for more of the same work still log ("two more 1:1s")."""
    from coach.chat.offline import ALREADY_LOGGED

    said = "Had 1:1s with all six of my reports and ran two interviews"
    done = chat_typed(sam["home"], f"{said}\ny\n{said}\nHad two more 1:1s with the new hires\ny\n")
    assert done.returncode == 0, done.stderr
    text = flat(done.stdout)
    assert text.count("Log these?") == 2
    assert ALREADY_LOGGED in text
    assert re.search(r"Already logged in 2026-W48 from these same words: .*6 x 1:1 meeting", text)
    rows = sqlite3.connect(sam["home"] / "perfmirror.db").execute(
        "SELECT c.name, e.count FROM activity_entry e JOIN category c "
        "ON c.id = e.category_id WHERE e.source = 'chat' ORDER BY e.id").fetchall()
    assert rows == [("1:1 meeting", 6), ("Interview", 2), ("1:1 meeting", 2)]


def test_a_status_note_through_a_pipe_is_one_check_in(sam):
    """A "Done: / Next:" note piped in is one message, as a paste into the terminal is: read
    line by line, "Done:" alone logged nothing and the bullets after it answered the questions
    that followed. The line after the note ("y") is still the answer to the confirmation."""
    note = ("Done:\n- Add retry budget to the payments client\n- fixed 2 bugs in the payout job\n"
            "Next:\n- write the migration RFC\n")
    done = chat_typed(sam["home"], f"{note}y\n")
    assert done.returncode == 0, done.stderr
    text = flat(done.stdout)
    assert text.count("Log these?") == 1 and "Please answer" not in text
    rows = sqlite3.connect(sam["home"] / "perfmirror.db").execute(
        "SELECT c.name, e.count, e.note FROM activity_entry e JOIN category c "
        "ON c.id = e.category_id WHERE e.source = 'chat' ORDER BY e.id").fetchall()
    assert sorted(rows) == [("Bug fix", 2, "fixed 2 bugs in the payout job"),
                            ("Feature shipped", 1, "Add retry budget to the payments client")]


# --- "how do I get to <band>?": the band asked about, not only the next one ---------------------

def test_points_to_a_band_agree_with_the_card_s_next_band_and_grow_with_the_band():
    from perfmirror_core.scoring import BANDS_BEST_FIRST, points_to_band

    report = why_report()
    assert points_to_band(report, report.next_band) == pytest.approx(report.points_to_next_band)
    assert points_to_band(report, report.band) == 0.0
    above = BANDS_BEST_FIRST[:BANDS_BEST_FIRST.index(report.band)]
    missing = [points_to_band(report, band) for band in above]  # best first
    assert missing == sorted(missing, reverse=True) and missing[0] > missing[-1] > 0


def test_how_do_i_get_to_a_band_two_above_says_how_far_it_is_and_where_the_steps_lead(sam, cli):
    """The demo's "how do I get to Strong Performance?" answered with the steps to Meeting
    Expectations and nothing about Strong Performance itself."""
    status = json.loads(cli("status", "--json").out)
    before = data_hash(sam["home"])
    text = flat(chat_typed(sam["home"], "How do I get to Outstanding?\n").stdout)
    assert status["band"] != "Outstanding" and status["next_band"] != "Outstanding"
    assert "Outstanding needs 150% of expected; you are at " + status["band"] in text
    assert (f"The steps below lead to {status['next_band']} first "
            f"({status['points_to_next_band']:.1f} more)") in text
    assert flat(sam["steps"][0]) in text
    assert data_hash(sam["home"]) == before


@pytest.mark.parametrize("question, band", [
    ("how do I get to strong performance?", "Strong Performance"),
    ("what would it take to reach Strong?", "Strong Performance"),
    ("how do I get back to meeting expectations", "Meeting Expectations"),
    ("how do I stop partially meeting expectations", "Partially Meeting Expectations"),
    ("how do I get a strong signal from interviews?", None),
    ("what should I focus on next week?", None),
])
def test_the_band_a_question_names(question, band):
    from coach.chat.offline import band_asked_about

    assert band_asked_about(question) == band
