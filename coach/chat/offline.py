"""The coach with no model: each message is routed by its words, never guessed at.

A question is answered from the core, with the same functions the CLI uses (``status``,
``recommend``, ``history search``, ``entries``), so every figure is the core's. Only a statement
of work done goes to the extractor and can propose entries; a question never does. What each
kind of question looks like is written down in ``QUESTION_KINDS``, so a miss is easy to see
and mend.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from perfmirror_core.errors import PerfMirrorError
from perfmirror_core.scoring import StatusReport
from perfmirror_core.text import asks, plural
from perfmirror_core.weeks import IsoWeek, parse_week, week_of

from .loop import TurnResult
from .report_answers import next_level_evidence, score_evidence, strengths_and_gaps
from ..tools import all_tools
from ..tools.context import ToolContext
from ..tools.registry import dispatch

MEMORY_RESULTS = 3
RECENT_WEEKS = 4  # what "lately" means
NEXT_STEPS = 3
ALL_STEPS = 50
NOTHING_LOGGED = "I did not log anything from that; try naming a category, or /log."
ALREADY_LOGGED = "Nothing new to log: all of that is already logged for this week."

# Checked in this order: the first kind whose pattern matches the (lowercased) message wins.
QUESTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("memory", (r"\b(been here before|dealt with|like this before|something like this|"
                    r"last time|what (worked|helped)|in the past|happened before|ever (had|been|"
                    r"faced|done|dealt)|have i (ever|faced|had)|did i ever|remind me|"
                    r"career memory|my history)\b")),
        ("why", r"(^|\b)why\b"),
        ("entries", (r"\b(what (did|have) i (do|done|log|logged|work on|worked on|get done|"
                     r"got done)|what i (did|logged)|my entries|show (me )?(my )?(entries|log)|"
                     r"what's logged|what is logged|how (many|often)\b.*\b(did|have) i|"
                     r"what (did|have) i (been )?(ship|fix|review|writ|wrote|deliver|work|"
                     r"read|present|interview|mentor|launch|finish|build|built)\w*)\b")),
        ("promotion", (r"\b(promot\w*|next level|ready for (l\d|senior|staff|principal|"
                       r"the next)|level up)\b")),
        ("mix", (r"\b(strengths?|strongest|weakest|weakness(es)?|(best|worst|good|bad) at|"
                 r"where am i (strong|weak))\b")),
        ("status", (r"\b(where am i|where do i stand|how am i doing|how'?s it going|"
                    r"how is it going|on track|should i (be )?(worr|concern)\w*|"
                    r"am i (ok|okay|fine|in trouble|at risk)|how('s| is) (my|the) (week|month|"
                    r"quarter|period|half|year)|(manager|boss|lead)\b.*\b(happy|pleased|"
                    r"satisfied|think))\b")),
        ("next", (r"\b(next|focus|should i|how (do|can|could) i|get better|improve|get to|"
                  r"promot\w*|reach|recommend\w*|priorit\w*|what now|work on more)\b")),
        ("status", r"\b(status|standing|my score|my band|am i (doing|meeting|behind|ahead))\b"),
    ))

# Openings that ask even without an auxiliary after them ("what now", "any tips", "help me
# prioritise"). Auxiliaries alone are not here: "Did four interviews", "Was on call all week"
# report work; text.asks knows "did I ..." from "did four ...".
_ASKING_STARTS = frozenset("how what why should could can when where who which any help "
                           "would".split())

OFFLINE_HELP = ("Without a model I answer these from your data: where am I? · what should I "
                "focus on next? · have I dealt with something like this before? · what did I "
                "do this week (or in May)? · why is my score low? Tell me what you did and I "
                "propose entries; /help lists the commands.")


def is_question(text: str) -> bool:
    """A question asks; it never proposes entries, whatever categories it names."""
    words = text.strip().lower().split()
    return asks(text.strip()) or bool(words and words[0] in _ASKING_STARTS)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def statements_before_asking(text: str) -> str:
    """The sentences of a message that report work, when the message also asks something:
    "Shipped the billing feature. Where am I now?" -> "Shipped the billing feature." ("" when
    every sentence asks, or when the message is one sentence)."""
    sentences = [part for part in _SENTENCE_END.split(text.strip()) if part]
    if len(sentences) < 2:
        return ""
    told = [sentence for sentence in sentences if question_kind(sentence) is None]
    return " ".join(told) if len(told) < len(sentences) else ""


def question_kind(text: str) -> str | None:
    """Which kind of question this is (``QUESTION_KINDS``), or None for a statement.

    A question of no known kind is ``"other"``, answered with what the offline coach can do.
    """
    lowered = " ".join(text.lower().split())
    for kind, pattern in QUESTION_KINDS:
        if pattern.search(lowered) and (is_question(text) or kind != "next"):
            return kind
    return "other" if is_question(text) else None


class OfflineCoach:
    """The coach with no model: the extractor proposes, the person confirms, the core answers."""

    def __init__(self, context: ToolContext, record: Callable[[str, str], int | None]) -> None:
        self.context = context
        self.tools = all_tools()
        self.record = record
        self.previous_user_text = ""

    def turn(self, user_text: str, required_tool: str | None = None,
             grounding: str | None = None) -> TurnResult:
        previous, self.previous_user_text = self.previous_user_text, user_text
        self.context.last_user_text = user_text
        self.context.last_user_message_id = self.record("user", user_text)
        if required_tool == "get_status":
            return self._status()
        kind = question_kind(user_text)  # a question is answered, even where a check-in
        # expected "what did you do": it must never become entries
        # "I shipped X. Where am I now?": X is proposed first, then the answer. Not before a
        # memory question: there the statement is what to search for, not work to log.
        told = statements_before_asking(user_text) if kind not in (None, "memory") else ""
        if told:
            self.context.last_user_text = told
            logged = self._propose(show_status=False, quiet_if_nothing=True)
            self.context.last_user_text = user_text
            answer = self._route(kind, user_text, previous)
            return TurnResult("\n".join(t for t in (logged.text, answer.text) if t),
                              logged.tool_outcomes + answer.tool_outcomes,
                              logged.problem or answer.problem)
        if kind is None:  # a check-in shows the card once, after its follow-up question
            return self._propose(show_status=required_tool != "propose_activities")
        return self._route(kind, user_text, previous)

    def _route(self, kind: str, user_text: str, previous: str) -> TurnResult:
        """The answer to a question of ``kind``, from the core."""
        try:
            if kind == "memory":
                return self._answer(self._memory(user_text, previous))
            if kind == "entries":
                return self._answer(self._entries(user_text))
            if kind == "why":
                return self._answer(self._why(user_text))
            if kind == "promotion":
                return self._answer(next_level_evidence(self._report(), self._next_steps("")))
            if kind == "mix":
                return self._answer(strengths_and_gaps(self._report()))
            if kind == "next":
                return self._answer(self._next_steps(user_text))
            if kind == "status":
                return self._status()
        except PerfMirrorError as error:
            return TurnResult("", [], str(error))
        return self._answer(OFFLINE_HELP)

    def _answer(self, text: str) -> TurnResult:
        self.record("assistant", text)
        return TurnResult(text)

    # -- a statement: propose entries -------------------------------------------------------

    def _propose(self, show_status: bool = True, quiet_if_nothing: bool = False) -> TurnResult:
        proposed = dispatch(self.tools, "propose_activities", {}, self.context)
        if not proposed.ok:
            return TurnResult("", [proposed], proposed.content["error"])
        logged = proposed.content.get("logged") or []
        if not logged and quiet_if_nothing and "declined_by_person" not in proposed.content:
            return TurnResult("", [proposed])  # nothing recognised: the question still answers
        if logged:
            text = f"Logged {plural(len(logged), 'entry', 'entries')}."
        elif proposed.content.get("already_logged"):
            text = ALREADY_LOGGED
        elif "declined_by_person" in proposed.content:
            text = NOTHING_LOGGED
        else:
            text = self._nothing_recognised()
        self.record("assistant", text)
        if not show_status:
            return TurnResult(text, [proposed])
        shown = dispatch(self.tools, "get_status", {}, self.context)
        return TurnResult(text, [proposed, shown])

    def _nothing_recognised(self) -> str:
        """What to say when the extractor read no work: the closest categories by meaning (the
        categories' own words and this person's past notes), as a question to answer with a
        name, never as entries."""
        from ..tools.activities import vocabulary
        from .suggest import closest_categories

        past = [(entry.note or "", entry.category)
                for entry in reversed(self.context.store.entries(limit=500))]
        closest = closest_categories(self.context.last_user_text, vocabulary(self.context), past)
        if not closest:
            return NOTHING_LOGGED
        named = ", ".join(closest[:-1]) + f" or {closest[-1]}" if len(closest) > 1 \
            else closest[0]
        return (f"I did not log anything from that. If it was work, the closest categories are "
                f"{named}: say it again naming one of them, or /log CATEGORY COUNT.")

    # -- where am I ---------------------------------------------------------------------------

    def _status(self) -> TurnResult:
        shown = dispatch(self.tools, "get_status", {}, self.context)
        if not shown.ok:
            return TurnResult("", [shown], shown.content["error"])
        insights = shown.content["insights"]
        text = f"What matters most: {insights[0]}" if insights else ""
        if text:
            self.record("assistant", text)
        return TurnResult(text, [shown])

    # -- what next ----------------------------------------------------------------------------

    def _next_steps(self, text: str) -> str:
        """The core's ranked steps; a question naming categories ("how do I get better at
        interviewing?") gets the steps for those, in the core's order and words."""
        from perfmirror_core.extract import categories_named

        from ..tools.activities import vocabulary
        from ..tools.indicators import next_steps

        steps = next_steps(self.context.store, self.context.week, limit=ALL_STEPS)
        if not steps:
            return ("No next steps yet: nothing logged in this period, or nothing under "
                    "expectation. Tell me what you did this week.")
        named = categories_named(text, vocabulary(self.context))
        chosen = [step for step in steps if step.category in named][:NEXT_STEPS]
        lines = self._how_far(band_asked_about(text))
        if named and not chosen:
            lines += self._no_step_for(named)
        shown = chosen or steps[:NEXT_STEPS]
        lines.append(f"Your next steps for {' and '.join(named)} (numbered as ranked among all "
                     "your steps):" if chosen else "Your next steps, best first:")
        lines += [f"{step.rank}. {step.message}" for step in shown]
        self._cite([step.grounding.record_id for step in shown if step.grounding])
        return "\n".join(lines)

    def _how_far(self, band: str | None) -> list[str]:
        """How far a band the person named is ("how do I get to Strong Performance?"): the
        steps lead to the next band, which may not be the one asked about."""
        from perfmirror_core.scoring import BANDS_BEST_FIRST, percent, points_to_band
        from perfmirror_core.steps import last_weeks

        if band is None:
            return []
        report = self._report()
        missing = points_to_band(report, band)
        if missing is None:
            return []
        now = f"{report.band} ({percent(report.ratio)} of expected)"
        if missing == 0:
            where = "at" if band == report.band else "above"
            return [f"You are already {where} {band}: {now} in {last_weeks(report)}."]
        line = (f"{band} needs {percent(report.thresholds.minimum_ratio(band))} of expected; "
                f"you are at {now}: {missing:.1f} more weighted points in {last_weeks(report)}.")
        if report.next_band != band and report.next_band in BANDS_BEST_FIRST:
            line += (f" The steps below lead to {report.next_band} first "
                     f"({report.points_to_next_band:.1f} more).")
        return [line]

    def _no_step_for(self, named: list[str]) -> list[str]:
        """Why a category the person asked about has no step: it is met, or not due yet in
        this window (a design doc every four weeks is not behind in week one)."""
        from perfmirror_core.steps import MIN_EXPECTED_COUNT

        report = {c.name: c for c in self._report().categories}
        lines = []
        for name in named:
            result = report.get(name)
            if result is None or result.expected_count == 0:
                lines.append(f"{name}: your level does not expect it; no step needed there.")
            elif result.performance in ("met", "over"):
                lines.append(f"{name}: {result.actual_count} of {result.expected_count:g} "
                             "expected, already where your level expects; no step needed.")
            elif result.expected_count < MIN_EXPECTED_COUNT:
                lines.append(f"{name}: {result.expected_count:g} expected in this window so "
                             "far, less than one, so no step yet.")
            else:
                lines.append(f"{name}: no step for it now ({result.actual_count} of "
                             f"{result.expected_count:g} expected).")
        return lines

    def _cite(self, record_ids: list[int]) -> None:
        """Keep cited records for /sources, and note them in the transcript."""
        for record_id in record_ids:
            if record_id not in self.context.cited_record_ids:
                self.context.cited_record_ids.append(record_id)
        if record_ids:
            self.record("sources", ", ".join(f"#{record_id}" for record_id in record_ids))

    # -- have I been here before ----------------------------------------------------------------

    def _memory(self, text: str, previous: str) -> str:
        """Search the career memory; a question about "this" searches what was said before."""
        memory = self.context.memory()
        if not memory.records.all():
            return ("Your career memory is empty. Add what you remember with `perfmirror "
                    "history add --kind struggle \"...\"` (or accomplishment, job, reflection).")
        refers_back = re.search(r"\b(this|that|it|these|those)\b", text.lower())
        query = f"{previous} {text}" if refers_back and previous else text
        found = memory.search(query, k=MEMORY_RESULTS)
        if not found:
            return "Nothing in your career memory matches that."
        records = [recollection.record for recollection in found]
        self._cite([record.id for record in records])
        lines = ["From your career memory, closest first:"]
        for record in records:
            resolution = f" Resolved: {record.resolution}" if record.resolution else ""
            when = f", {record.when}" if record.when else ""
            lines.append(f"[#{record.id}] {record.kind}{when}: {record.text}{resolution}")
        lines.append("(/sources shows them in full)")
        return "\n".join(lines)

    # -- what did I do --------------------------------------------------------------------------

    def _entries(self, text: str) -> str:
        from ..render import entry_line

        from perfmirror_core.extract import categories_named

        from ..tools.activities import vocabulary

        weeks, label = weeks_asked_about(text, self.context.week)
        wanted = {str(week) for week in weeks}
        named = categories_named(text, vocabulary(self.context))
        entries = sorted((e for e in self.context.store.entries() if e.week in wanted
                          and (not named or e.category in named)),
                         key=lambda e: (e.week, e.id), reverse=True)
        if not entries:
            return f"Nothing logged {label}" + (f" for {' or '.join(named)}." if named else ".")
        sums: dict[str, int] = {}
        for entry in entries:
            sums[entry.category] = sums.get(entry.category, 0) + entry.count
        if named:  # "how many reviews?" is answered by the sum
            totals = "; ".join(f"{name}: {sums.get(name, 0)}" for name in named)
            head = [f"{totals} {label}, from these entries:"]
        else:
            head = [f"Logged {label}:"]
            if len(weeks) > 1:  # several weeks: the sums first, then where they come from
                head.append("In all: " + ", ".join(
                    f"{count} x {name}" for name, count in
                    sorted(sums.items(), key=lambda item: (-item[1], item[0]))))
        return "\n".join([*head, *(entry_line(entry) for entry in entries)])

    # -- why ----------------------------------------------------------------------------------

    def _why(self, text: str) -> str:
        return score_evidence(self._report(), text)

    def _report(self) -> StatusReport:
        from ..tools.status import compute_report

        return compute_report(self.context)


# A band named in a question, best first; "partially" before "meeting expectations", which
# it contains. "strong" alone is a band only after a word of arriving ("get to strong"): "a
# strong signal" is not one.
_BANDS_ASKED = (
    ("Outstanding", re.compile(r"\boutstanding\b", re.IGNORECASE)),
    ("Strong Performance", re.compile(r"\bstrong performance\b|\b(to|reach|hit|make|at) strong\b",
                                      re.IGNORECASE)),
    ("Partially Meeting Expectations", re.compile(r"\bpartially\b", re.IGNORECASE)),
    ("Meeting Expectations", re.compile(r"\bmeet(ing|s)? (my |the )?expectations\b",
                                        re.IGNORECASE)),
)


def band_asked_about(text: str) -> str | None:
    """The band a question names, if any ("how do I get to Strong Performance?")."""
    return next((band for band, pattern in _BANDS_ASKED if pattern.search(text)), None)


_MONTHS = ("january february march april may june july august september october november "
           "december").split()


def weeks_asked_about(text: str, this_week: IsoWeek) -> tuple[list[IsoWeek], str]:
    """The weeks a "what did I do ..." question means, and how to say them back.

    "this week" (the default), "last week", "lately" (the last ``RECENT_WEEKS``),
    "this/last month", a month name ("in May": the latest May not after this week) or a week
    "2026-W40". A week belongs to the month of its Thursday, as check-ins do.
    """
    lowered = text.lower()
    found = re.search(r"\b(\d{4}-w\d{1,2})\b", lowered)
    if found:
        week = parse_week(found.group(1).upper())
        return [week], f"in {week}"
    if "last week" in lowered:
        week = this_week.shifted(-1)
        return [week], f"last week ({week})"
    if re.search(r"\b(lately|recently|past few weeks|last few weeks)\b", lowered):
        weeks = [this_week.shifted(-back) for back in range(RECENT_WEEKS)]
        return weeks, f"in the last {RECENT_WEEKS} weeks ({weeks[-1]} to {this_week})"
    thursday = this_week.monday + timedelta(days=3)
    month = next((number for number, name in enumerate(_MONTHS, 1)
                  if re.search(rf"\b({name}|{name[:3]})\b", lowered)), None)
    if month is not None:
        year = thursday.year if month <= thursday.month else thursday.year - 1
    elif "last month" in lowered:
        year, month = ((thursday.year, thursday.month - 1) if thursday.month > 1
                       else (thursday.year - 1, 12))
    elif "this month" in lowered:
        year, month = thursday.year, thursday.month
    else:
        return [this_week], f"this week ({this_week})"
    weeks = _weeks_of_month(year, month, this_week)
    return weeks, f"in {_MONTHS[month - 1].title()} {year}"


def _weeks_of_month(year: int, month: int, last: IsoWeek) -> list[IsoWeek]:
    day = date(year, month, 1)
    weeks: list[IsoWeek] = []
    while day.month == month:
        week = week_of(day)
        thursday = week.monday + timedelta(days=3)
        if thursday.month == month and week not in weeks and week <= last:
            weeks.append(week)
        day += timedelta(days=1)
    return weeks
