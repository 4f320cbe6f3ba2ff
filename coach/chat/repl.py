"""The chat REPL: ``perfmirror chat`` and ``perfmirror checkin``.

Slash commands are the ``cmd_*`` methods of ``ChatRepl``; each docstring is its ``/help`` line.
Everything else the person types goes to the coach: the model-backed ``Coach`` when a model is
configured, otherwise the ``OfflineCoach`` (``coach/chat/offline.py``), which answers questions from
the core and proposes entries from statements with the deterministic extractor.
"""

from __future__ import annotations

import inspect
import threading
from typing import TYPE_CHECKING, Callable

from perfmirror_core.errors import PerfMirrorError
from perfmirror_core.routine import HABIT_WEEKS, RoutineGap, routine_not_logged
from perfmirror_core.scoring import ProfileChange
from perfmirror_core.weeks import parse_week

from .. import privacy
from .admission import choose_model
from ..config import ModelSettings, resolve_model
from .llm import load_in_background
from .io import TerminalIO
from .loop import Coach
from .offline import OfflineCoach, is_question
from .small_model import SmallModelCoach, is_small
from .transcript import Transcript
from .prompts import reflection_questions, render_prompt
from ..tools import all_tools
from ..tools.context import ToolContext

if TYPE_CHECKING:
    from perfmirror_core.store.repository import Store

SMALL_MODEL_HINT = ("A small model: perf-mirror proposes your entries and answers from your data; "
                    "the model writes a short summary and this week's question. "
                    "(quirks = \"full-tools\" in config.toml gives it the whole tool loop.)")
NO_MODEL_HINT = ("No model configured: working offline (extractor + core). To connect one: "
                 "perfmirror chat --model ollama_chat/llama3.2 (or set PERFMIRROR_MODEL).")


GROUNDING_RECORDS = 3


def describe_gaps(gaps: list[RoutineGap], profile: ProfileChange) -> str:
    """One line per routine gap, saying why it is routine: the level's figure or the habit."""
    lines = []
    for gap in gaps:
        if gap.expected_weekly:
            why = f"usual at {profile.role} L{profile.level}: {gap.expected_weekly:g} a week"
        else:
            why = f"you logged it in {gap.weeks_logged} of your last {HABIT_WEEKS} weeks"
        lines.append(f"  {gap.category} ({why})")
    return "\n".join(lines)


def _month(week) -> str:
    """The YYYY-MM a check-in week belongs to (its Thursday decides, as ISO weeks do)."""
    from datetime import timedelta

    return (week.monday + timedelta(days=3)).strftime("%Y-%m")


def choose_question(codes: list[str], weakest_dimension: str | None) -> str:
    """The reflection question that matters this week: a warning first, else the weakest
    dimension, else the default."""
    questions = reflection_questions()
    for code in ("declining", "logging-gap"):
        if code in codes:
            return questions[code]
    if weakest_dimension and weakest_dimension in questions:
        return questions[weakest_dimension]
    return questions["default"]


def reflection_question(context: ToolContext) -> str:
    """This week's question, chosen from the core's status (no model involved)."""
    from ..tools.status import compute_report

    report = compute_report(context)
    weakest = (min(report.dimensions, key=lambda d: d.weighted / d.expected
                   if d.expected else float("inf")).name if report.expected else None)
    return choose_question([insight.code for insight in report.insights], weakest)


class ChatRepl:
    def __init__(self, store: Store, io_factory: Callable[..., TerminalIO], settings: ModelSettings | None,
                 current_week, *, completion=None, checkin: bool = False,
                 private: bool | None = None) -> None:
        self.store = store
        self.private = privacy.private_mode() if private is None else private
        self.checkin = checkin
        self.io = io_factory(commands=self.command_names(),
                             categories=[c.name for c in store.list_categories()])
        self.context = ToolContext(store=store, person=self.io, week=current_week,
                                   current_week=current_week)
        self._completion = completion
        self.transcript = Transcript(store, "offline")
        self._use_model(settings)  # the same gate as /model: private mode, consent, sharing
        self.running = True
        self.checkin_pending = checkin  # the next message answers "what did you do?"
        self.checkin_text = ""
        self._warming: threading.Thread | None = None  # loading the write path, see _prompt_shown
        self.pending_question: str | None = None
        self.asking_routine = False  # the next message answers "anything routine left out?"
        self.asking_for_memory = False

    # -- set-up -------------------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        """This conversation's id in the log (None until something was said)."""
        return self.transcript.session_id

    def _record(self, role: str, content: str) -> int | None:
        return self.transcript.message(role, content)

    def _use_model(self, settings: ModelSettings | None) -> None:
        """Switch to ``settings`` through the one admission gate; on refusal nothing changes
        (the refusal is raised before anything is sent to the new model)."""
        admitted = choose_model(settings, self.private, ask=self._ask_consent)
        self.settings = admitted.settings
        self.transcript.model = self.settings.model if self.settings else "offline"
        self.context.sharing = admitted.sharing
        self._coach: OfflineCoach | SmallModelCoach | Coach | None = None  # made when needed
        if getattr(self, "running", False):  # a /model switch: the person is already typing
            self._load_model()

    def _ask_consent(self, question: str) -> bool:
        """A consent question is long: printed whole, then answered on a short prompt."""
        self.io.plain(question)
        return self.io.confirm("Agree?")

    @property
    def coach(self) -> OfflineCoach | SmallModelCoach | Coach:
        """The coach for the admitted model, made on first use: its tools import the
        extractor, importers and more, which the prompt should not wait for."""
        if self._coach is None:
            self._coach = self._make_coach()
        return self._coach

    def _make_coach(self) -> OfflineCoach | SmallModelCoach | Coach:
        if self.settings is None:
            return OfflineCoach(self.context, self._record)
        if is_small(self.settings):  # it writes a summary and a question; the core does the rest
            return SmallModelCoach(OfflineCoach(self.context, self._record), self.settings,
                                   self._completion, self.transcript)
        profile = self.store.profile_in(self.context.week)
        system = render_prompt("system.md", week=self.context.week, role=profile.role,
                               level=profile.level)
        return Coach(self.settings, all_tools(), self.context, system,
                     completion=self._completion, on_text=self.io.stream,
                     transcript=self.transcript)

    @classmethod
    def command_names(cls) -> list[str]:
        return sorted(name[4:] for name, _ in inspect.getmembers(cls, inspect.isfunction)
                      if name.startswith("cmd_"))

    # -- the loop -----------------------------------------------------------------------------

    def opening(self) -> None:
        """The banner, this week's indicators and (checking in) the first question; what it
        says is written once the person has the prompt (``run``)."""
        self.transcript.hold()
        model = self.settings.model if self.settings else None
        self.io.say(f"[bold]perf-mirror[/] · week {self.context.week} · "
                    f"{'model ' + model if model else 'offline'} · /help for commands, "
                    "Ctrl-D to leave")
        if self.settings is None:
            self.io.say(f"[dim]{NO_MODEL_HINT}[/]")
        elif is_small(self.settings):
            self.io.say(f"[dim]{SMALL_MODEL_HINT}[/]")
        self._raise_indicators()
        if self.checkin:
            text = render_prompt("checkin.md", week=self.context.week)
            self._record("assistant", text)
            self.io.say(text)

    def _raise_indicators(self) -> None:
        """Open with whether this week's check-in is done and any active early warnings: the
        sooner the person sees a problem, the shorter their time to awareness."""
        from perfmirror_core.warnings import active_warnings

        from ..clock import week_left

        due = self.store.checkin_due(self.context.current_week)
        warnings = active_warnings(self.store.scoring_data(last=self.context.week),
                                   self.context.week, week_left=week_left(self.context.week))
        if self.context.week == self.context.current_week:
            self.store.observe(self.context.week, [w.code for w in warnings])
        if due.due:
            self.io.say(f"This week's check-in ({due.week}) is not done yet.")
        for warning in warnings:
            self.io.plain(f"! {warning.message}  (/ack {warning.code} once you are on it)")
            self._record("warning", f"{warning.code}: {warning.message}")

    def _load_model(self) -> None:
        """litellm costs seconds to import: load it in the background while the person types
        (the first model call waits for it if they are quicker)."""
        if self.settings is not None and self._completion is None:
            load_in_background(self.settings)

    def _prompt_shown(self) -> None:
        """The person is reading and typing: load what the first reply needs in the background,
        the store's write path (SQLModel, the opening and every message are written through
        it) and the model."""
        self._warming = threading.Thread(target=self._warm_writes, daemon=True,
                                         name="perfmirror-prepare-writes")
        self._warming.start()
        self._load_model()

    def _writes_ready(self) -> None:
        """Wait for the warm-up before this thread writes: two threads importing SQLModel at
        once can meet a half-initialised sqlalchemy module ("cannot import name ... from
        partially initialized module"), which killed a check-in left at once under load."""
        if self._warming is not None:
            self._warming.join()
            self._warming = None

    def _warm_writes(self) -> None:
        try:
            self.store.prepare_writes()
        except Exception:  # noqa: BLE001 - a warm-up only: the first real write reports it
            pass

    def run(self) -> int:
        self.opening()
        when_shown: Callable[[], None] | None = self._prompt_shown
        try:
            while self.running:
                try:
                    line = self.io.read(when_shown=when_shown)
                    when_shown = None
                except KeyboardInterrupt:
                    continue  # Ctrl-C at the prompt clears the line
                except EOFError:
                    break
                self._writes_ready()
                self.transcript.release()  # the opening, before the person's first words
                try:
                    self.handle(line)
                except EOFError:  # Ctrl-D at a confirmation question also leaves
                    break
        finally:
            self._writes_ready()
            self.transcript.release()  # left at once: the opening is still saved
        self.io.say("Bye. Your entries and this conversation are saved.")
        return 0

    def handle(self, line: str) -> None:
        text = line.strip()
        if not text:
            self.handle_empty_in_checkin()
            return
        if text.startswith("/"):
            self._slash(text)
        elif self.asking_routine:
            self._routine_answered(text)
        elif self.pending_question:
            self._file_reflection(self.pending_question, text)
        elif self.asking_for_memory:
            self._file_win_or_struggle(text)
        elif self.checkin_pending:
            self._checkin(text)
        else:
            self._turn(text)

    def _grounding(self, text: str) -> tuple[str | None, list[int]]:
        """For a question, the most relevant career records, to ground the answer in."""
        if self.settings is None or not is_question(text):
            return None, []
        try:
            memory = self.context.memory()
            if not memory.records.all():
                return None, []
            found = self.context.shared_recollections(text, GROUNDING_RECORDS)
        except PerfMirrorError as error:
            self.io.problem(str(error))
            return None, []
        if not found:
            return None, []
        records = [r.record for r in found]
        lines = "\n".join(f"[#{record.id}] {text}"
                          for record, text in zip(records, memory.describe_each(records)))
        return render_prompt("memory_context.md", records=lines), [r.record.id for r in found]

    def _turn(self, text: str, required_tool: str | None = None) -> bool:
        """One coach turn; False when it failed or was cancelled."""
        grounding, sources = (None, []) if required_tool else self._grounding(text)
        try:
            result = self.coach.turn(text, required_tool, grounding)
        except KeyboardInterrupt:
            self.io.problem("(turn cancelled)")
            return False
        except EOFError:  # Ctrl-D (or the end of piped input) at a confirmation: leave
            raise
        except PerfMirrorError as error:
            self.io.problem(str(error))
            return False
        except Exception as error:  # noqa: BLE001 - our bug; the conversation outlives it
            problem = (f"perf-mirror failed while answering ({type(error).__name__}: "
                       f"{str(error)[:120]}); this is perf-mirror's fault, not the model's. "
                       "What you confirmed is saved.")
            self._record("error", problem)
            self.io.problem(problem)
            return False
        if isinstance(self.coach, Coach):
            self.io.say("")  # end the streamed line
        elif result.text:
            self.io.plain(result.text)
        if result.problem:
            self.io.problem(result.problem)
        if getattr(result, "unverified", None):
            self.io.problem("Not from perf-mirror's numbers, check before trusting: "
                            + ", ".join(result.unverified))
        if sources and result.problem is None:
            for record_id in sources:
                if record_id not in self.context.cited_record_ids:
                    self.context.cited_record_ids.append(record_id)
            cited = ", ".join(f"#{i}" for i in sources)
            self.io.say(f"[dim]Sources from your career memory: {cited} (/sources shows them)[/]")
            self._record("sources", cited)
        return result.problem is None

    def handle_empty_in_checkin(self) -> bool:
        """Enter on the routine question or the wins-and-struggles question skips it."""
        if self.asking_routine:
            self.io.say("Skipped.")
            self._routine_answered("")
            return True
        if self.asking_for_memory:
            self.asking_for_memory = False
            self.io.say("Skipped. Anything else? (/help for commands)")
            return True
        return False

    def _remember(self, kind: str, text: str) -> None:
        try:
            record = self.context.memory().add(kind, text, when=_month(self.context.week))
        except PerfMirrorError as error:
            self.io.problem(str(error))
            return
        self.io.say(f"Saved to your career memory as #{record.id}.")

    def _file_reflection(self, question: str, answer: str) -> None:
        self._record("reflection", f"{question}\n{answer}")
        self.pending_question = None
        if self.io.confirm("Keep this reflection in your career memory?"):
            self._remember("reflection", f"{question} {answer}")
        self.io.plain(render_prompt("wins_and_struggles.md"))
        self.asking_for_memory = True

    def _file_win_or_struggle(self, text: str) -> None:
        self.asking_for_memory = False
        answer = self.io.ask("Is that a [w]in or a [s]truggle? (anything else: don't save)")
        kind = {"w": "accomplishment", "win": "accomplishment", "s": "struggle",
                "struggle": "struggle"}.get(answer.strip().lower())
        if kind is None:
            self.io.say("Not saved.")
            return
        self._remember(kind, text)

    def _checkin(self, text: str) -> None:
        """The guided steps: entries from what they said, the routine work not heard yet, where
        they stand, one question."""
        self.checkin_pending = False
        self.checkin_text = text
        self._turn(text, "propose_activities")
        question = self._routine_question()
        if question:
            self._record("assistant", question)
            self.io.plain(question)
            self.asking_routine = True
            return
        self._after_routine()

    def _routine_question(self) -> str | None:
        """The "anything routine you left out?" question naming the gaps; None when there are
        none. One read of the store serves both the gaps and the level they are judged at."""
        week = self.context.week
        try:
            data = self.context.scoring_data(week)
        except PerfMirrorError as error:
            self.io.problem(str(error))
            return None
        gaps = routine_not_logged(data, week)
        if not gaps:
            return None
        return render_prompt("routine_followup.md",
                             gaps=describe_gaps(gaps, data.profile_in(week)))

    def _routine_answered(self, text: str) -> None:
        """What they added (if anything) goes through the same proposal and confirmation."""
        self.asking_routine = False
        if text:
            self._turn(text, "propose_activities")
        self._after_routine()

    def _after_routine(self) -> None:
        """Where they stand, once every entry of the check-in is in; then this week's question."""
        self._turn("Where am I on track this week?", "get_status")
        try:
            question = reflection_question(self.context)
        except PerfMirrorError as error:
            self.io.problem(str(error))
            return
        if isinstance(self.coach, SmallModelCoach):
            question = self.coach.question(question, self.checkin_text)
        self._record("assistant", question)
        self.io.plain(question)
        self.pending_question = question

    def _slash(self, text: str) -> None:
        name, _, argument = text[1:].partition(" ")
        method = getattr(self, f"cmd_{name.lower()}", None)
        if method is None:
            self.io.problem(f"unknown command /{name}; /help lists them")
            return
        try:
            method(argument.strip())
        except PerfMirrorError as error:
            self.io.problem(str(error))

    # -- slash commands -----------------------------------------------------------------------

    def cmd_help(self, argument: str) -> None:
        """List the commands."""
        for name in self.command_names():
            doc = (getattr(self, f"cmd_{name}").__doc__ or "").strip().splitlines()[0]
            self.io.plain(f"/{name:<10} {doc}")

    def cmd_status(self, argument: str) -> None:
        """Show where you stand (the core's status card) [YYYY-Www]."""
        from ..tools.status import compute_report_and_forecast

        self.io.show_status(*compute_report_and_forecast(self.context, argument or None))

    def cmd_log(self, argument: str) -> None:
        """Log directly: /log CATEGORY COUNT (this check-in's week)."""
        category, _, count = argument.rpartition(" ")
        if not category:
            self.io.problem("usage: /log CATEGORY COUNT, e.g. /log code review 3")
            return
        entry = self.store.log_activity(category, count, self.context.week,
                                        self.context.current_week, source="chat")
        self.io.say(f"Logged {entry.count} x {entry.category} in {entry.week} [#{entry.id}].")

    def cmd_undo(self, argument: str) -> None:
        """Remove the last entry logged."""
        entry = self.store.undo_last()
        self.io.say("Nothing to undo." if entry is None else
                    f"Removed #{entry.id}: {entry.count} x {entry.category} in {entry.week}.")

    def cmd_week(self, argument: str) -> None:
        """Check in for another week: /week YYYY-Www."""
        from perfmirror_core import validation

        if not argument:
            self.io.say(f"Checking in for {self.context.week}.")
            return
        self.context.week = validation.not_in_future(parse_week(argument),
                                                     self.context.current_week)
        self.io.say(f"Now checking in for {self.context.week}.")

    def cmd_model(self, argument: str) -> None:
        """Show or switch the model: /model [NAME [API_BASE] | none].

        The new model passes the same gate as at start-up (private mode, consent)."""
        if argument:
            name, _, api_base = argument.partition(" ")
            self._use_model(resolve_model(name, api_base.strip() or None))
        where = (privacy.destination(self.settings).describe(self.settings.model)
                 if self.settings else "none (offline)")
        self.io.say(f"Model: {where}")

    def cmd_history(self, argument: str) -> None:
        """Show this conversation's transcript (saved in your database)."""
        for role, content in (self.store.chat_messages(self.session_id)
                              if self.session_id is not None else []):
            self.io.plain(f"{role}: {content}")

    def cmd_sources(self, argument: str) -> None:
        """Show, in full, the career records the coach cited ([#id]) in this conversation."""
        if not self.context.cited_record_ids:
            self.io.say("No records cited yet.")
            return
        memory = self.context.memory()
        for record_id in self.context.cited_record_ids:
            try:
                record = memory.records.get(record_id)
            except PerfMirrorError:
                self.io.plain(f"#{record_id}: (since removed)")
                continue
            self.io.plain(f"#{record.id} {memory.describe(record)}")

    def cmd_ack(self, argument: str) -> None:
        """Acknowledge an early warning: /ack CODE [what you will do]."""
        code, _, note = argument.partition(" ")
        self.store.acknowledge(code, self.context.week, self.context.current_week,
                               note or None)
        self.io.plain(f"Acknowledged {code} in {self.context.week}; `perfmirror loops` shows "
                      "how long it takes to resolve.")

    def cmd_categories(self, argument: str) -> None:
        """List your categories."""
        for view in self.store.list_categories():
            self.io.say(f"{view.name} ({view.dimension}, {view.points:g} points)")

    def cmd_quit(self, argument: str) -> None:
        """Leave (Ctrl-D works too)."""
        self.running = False
