"""One conversation turn: the person speaks, the model answers, calling tools as it needs.

The loop streams the model's text as it comes, dispatches tool calls to ``coach/tools`` (where
every argument is checked and every write confirmed), feeds the results back, and stops after
``max_rounds`` model calls. Provider failures (no server, timeout, rate limit, missing key) and
empty replies end the turn with one clear line; the conversation itself goes on. A failure of
perf-mirror's own (showing the answer, say) is not dressed up as a model error: it is raised.
Every message, model call and tool call is saved to the transcript as it happens
(``coach/chat/transcript.py``), so nothing typed is lost and ``perfmirror logs`` can answer
"which tool calls failed".
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from coach.chat import context_window
from coach.chat.answers import clean_answer
from coach.config import ModelSettings
from coach.chat.figures import unverified_figures
from coach.chat.transcript import Transcript, milliseconds_since
from coach.tools.registry import Tool, ToolOutcome, dispatch

MAX_ROUNDS = 6

Completion = Callable[..., Any]


@dataclass
class TurnResult:
    text: str
    tool_outcomes: list[ToolOutcome] = field(default_factory=list)
    problem: str | None = None  # one line for the person when the turn did not finish normally
    unverified: list[str] = field(default_factory=list)  # figures no tool or record gave
    # The part of ``text`` a model wrote, when the rest is perf-mirror's own words (a small
    # model's summary after "Logged 2 entries."); None when a model wrote all of it or none.
    model_written: str | None = None


class DisplayFailed(Exception):
    """Showing a reply failed: perf-mirror's bug, which must not be reported as the model's."""


def request_options(settings: ModelSettings) -> dict[str, Any]:
    """What every request to ``settings``' model carries, whatever it asks: the model, the
    timeout, the temperature if set, the server, and a key for local OpenAI-compatible servers
    (they want one, any one)."""
    options: dict[str, Any] = {"model": settings.model, "timeout": settings.timeout}
    if settings.temperature is not None:
        options["temperature"] = settings.temperature
    if settings.api_base:
        options["api_base"] = settings.api_base
    if settings.is_openai_compatible_local:
        options["api_key"] = "sk-local"
    return options


def _get(obj: Any, name: str, default: Any = None) -> Any:
    """Read a field from litellm's objects or plain dicts alike."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def provider_problem(error: Exception, settings: ModelSettings) -> str:
    """One line a person can act on, for any error a provider call raised."""
    kind = type(error).__name__
    if context_window.is_overflow(error):
        kind = "ContextWindowExceededError"
    text = " ".join(str(error).split())
    if len(text) > 160:
        text = text[:157] + "..."
    hints = {
        "AuthenticationError": "check the API key in your environment",
        "RateLimitError": "the provider is rate-limiting; wait a moment and try again",
        "Timeout": f"no answer within {settings.timeout:g} s; is the model server busy?",
        "APIConnectionError": "cannot reach the model; is the server running"
                              + (f" at {settings.api_base}?" if settings.api_base else "?"),
        "ServiceUnavailableError": "the model service is unavailable; try again later",
        "NotFoundError": f"the model {settings.model!r} was not found; check its name",
        "BadRequestError": "the model rejected the request",
        "ContextWindowExceededError": "this message does not fit the model's context window "
                                      "even with older turns left out; say it in fewer words, "
                                      "or use a model with a larger window",
    }
    hint = hints.get(kind, "the model call failed")
    return f"model error ({kind}): {hint}. [{text}]"


class Coach:
    """A conversation with a model that can call perf-mirror's tools."""

    def __init__(self, settings: ModelSettings, tools: dict[str, Tool], context: Any,
                 system_prompt: str, *, completion: Completion | None = None,
                 on_text: Callable[[str], None] = lambda text: None,
                 transcript: Transcript | None = None, max_rounds: int = MAX_ROUNDS) -> None:
        self.settings = settings
        self.tools = tools
        self.context = context
        self.messages: list[dict[str, Any]] = [{"role": "system", "content": system_prompt}]
        self._completion = completion
        self.on_text = on_text
        self.transcript = transcript or Transcript(None, settings.model)
        self.record = self.transcript.message
        self.max_rounds = max_rounds
        self.context_tokens = settings.context_tokens  # learned from the model when unset
        self._count: context_window.Counter = context_window.estimate_tokens
        self._measured = False

    def _call_model(self, tool_choice: Any) -> Any:
        completion = self._completion
        if completion is None:
            from coach.chat.llm import loaded

            completion = loaded(self.settings).completion
        self._measure()
        tools = [tool.schema() for tool in self.tools.values()
                 if not isinstance(tool_choice, dict)
                 or tool.name == tool_choice["function"]["name"]]  # forced: only that schema
        return completion(**request_options(self.settings),
                          messages=self._window(tools), max_tokens=self.settings.max_tokens,
                          tools=tools,
                          # explicit: llama.cpp's format ignores tools without it
                          tool_choice=tool_choice, stream=self.settings.stream)

    def _forced(self, round_number: int, required_tool: str | None,
                outcomes: list[ToolOutcome]) -> bool:
        """Was this round forced to a step that has not run yet and that needs no arguments?"""
        tool = self.tools.get(required_tool or "")
        return (tool is not None and round_number <= 1 and not tool.parameters["required"]
                and not any(o.name == required_tool and o.ok for o in outcomes))

    def _fitted_call(self, tool_choice: Any) -> Any:
        """One model call; when it overflows a window the server names, learn the size, trim
        the history to it and try once more."""
        try:
            return self._call_model(tool_choice)
        except Exception as error:
            measured = context_window.window_from_error(error)
            if not context_window.is_overflow(error) or measured is None \
                    or measured == self.context_tokens:
                raise
            self.context_tokens = measured
            return self._call_model(tool_choice)

    def _show(self, text: str) -> None:
        try:
            self.on_text(text)
        except Exception as error:
            raise DisplayFailed(type(error).__name__) from error

    def _read(self, response: Any, show: bool = True
              ) -> tuple[str, list[dict[str, Any]], Any]:
        """Text, tool calls and token usage from a full response or a stream of chunks (text
        is shown as it arrives; a stream's usage, if the server sends it, is in a chunk)."""
        choices = _get(response, "choices")
        if choices is not None and not hasattr(response, "__next__"):
            message = _get(choices[0], "message")
            text = _get(message, "content") or ""
            shown = clean_answer(text)  # whole replies are cleaned before anyone sees them
            if shown and show:
                self._show(shown)
            calls = [{"id": _get(call, "id") or f"call_{index}",
                      "name": _get(_get(call, "function"), "name"),
                      "arguments": _get(_get(call, "function"), "arguments") or ""}
                     for index, call in enumerate(_get(message, "tool_calls") or [])]
            return text, calls, _get(response, "usage")
        text_parts: list[str] = []
        calls_by_index: dict[int, dict[str, Any]] = {}
        usage = None
        for chunk in response:
            usage = _get(chunk, "usage") or usage
            chunk_choices = _get(chunk, "choices") or []
            if not chunk_choices:
                continue
            delta = _get(chunk_choices[0], "delta")
            if delta is None:
                continue
            piece = _get(delta, "content")
            if piece:
                text_parts.append(piece)
                if show:
                    self._show(piece)
            for call in _get(delta, "tool_calls") or []:
                index = _get(call, "index", 0) or 0
                slot = calls_by_index.setdefault(index, {"id": None, "name": "", "arguments": ""})
                slot["id"] = _get(call, "id") or slot["id"]
                function = _get(call, "function")
                if function is not None:
                    slot["name"] += _get(function, "name") or ""
                    slot["arguments"] += _get(function, "arguments") or ""
        calls = [dict(slot, id=slot["id"] or f"call_{index}")
                 for index, slot in sorted(calls_by_index.items())]
        return "".join(text_parts), calls, usage

    def _measure(self) -> None:
        """The in-process model knows its window and has its tokenizer: use both."""
        if self._measured:
            return
        self._measured = True
        from coach.chat import local_model

        if local_model.is_local(self.settings):
            model = local_model.load(self.settings)
            self.context_tokens = self.context_tokens or model.n_ctx()
            self._count = lambda text: len(model.tokenize(text.encode("utf-8"), add_bos=False))

    def _history(self) -> list[dict[str, Any]]:
        """What is sent of the conversation. llama-cpp-chatml's template drops tool messages,
        and shows earlier calls as "functions.NAME:" text that small models then imitate; the
        results are in the "Tool results" message already, so neither is sent (each result
        once, not twice)."""
        if not self.settings.llama_cpp_chatml:
            return self.messages[1:]
        return [m for m in self.messages[1:]
                if m["role"] != "tool" and not (m["role"] == "assistant" and m.get("tool_calls"))]

    def _window(self, tools: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The system prompt and the latest turns that fit the context window (when it is
        known), leaving room for the tool schemas and the answer."""
        budget = None
        if self.context_tokens:
            budget = (self.context_tokens - self.settings.max_tokens
                      - self._count(json.dumps(tools)) - context_window.SAFETY_TOKENS)
        return context_window.fit(self.messages[0], self._history(), budget, self._count)

    def _tool_choice(self, round_number: int, required_tool: str | None,
                     previous_failed: bool) -> Any:
        """Round 0 may be forced to one tool (a guided check-in step), and forced once more if
        that call was refused, so the model can correct itself from the error; later rounds
        are free, except that llama-cpp-chatml servers can only answer in text with tools off."""
        if required_tool and (round_number == 0 or (round_number == 1 and previous_failed)):
            return {"type": "function", "function": {"name": required_tool}}
        if round_number > 0 and self.settings.llama_cpp_chatml:
            return "none"
        return "auto"

    def turn(self, user_text: str, required_tool: str | None = None,
             grounding: str | None = None) -> TurnResult:
        """Answer one message from the person; ``required_tool`` forces the first call and
        ``grounding`` (records from their career memory) is appended to what the model sees."""
        message_id = self.record("user", user_text)
        self.context.last_user_text = user_text
        self.context.last_user_message_id = message_id
        content = f"{user_text}\n\n{grounding}" if grounding else user_text
        self.messages.append({"role": "user", "content": content})
        outcomes: list[ToolOutcome] = []
        previous_failed = False
        for round_number in range(self.max_rounds):
            started = time.perf_counter()
            try:
                choice = self._tool_choice(round_number, required_tool, previous_failed)
                # A round forced to a call shows no words: they are not the answer asked for.
                text, calls, usage = self._read(self._fitted_call(choice),
                                                show=not isinstance(choice, dict))
            except KeyboardInterrupt:
                raise
            except DisplayFailed as failure:
                raise failure.__cause__ or failure from None  # ours, not the provider's
            except Exception as error:  # provider errors come in many classes; all end the turn
                problem = provider_problem(error, self.settings)
                self.transcript.model_call(self.settings.model, None,
                                           milliseconds_since(started), problem)
                self.record("error", problem)
                return TurnResult("", outcomes, problem)
            model_call_id = self.transcript.model_call(self.settings.model, usage,
                                                       milliseconds_since(started))
            if not calls and self._forced(round_number, required_tool, outcomes):
                # Asked for a step and answered in words: perf-mirror runs the step itself.
                calls, text = [{"id": f"perfmirror_{round_number}", "name": required_tool,
                                "arguments": "{}"}], ""
            if not calls:
                text = clean_answer(text)
                if not text.strip() and outcomes:
                    problem = ("The model answered with no words, only tool syntax; what "
                               "perf-mirror did is shown above.")
                    self.record("error", problem)
                    return TurnResult("", outcomes, problem)
                if not text.strip():
                    problem = "The model sent an empty reply; try rephrasing, or /status."
                    self.record("error", problem)
                    return TurnResult("", outcomes, problem)
                self.messages.append({"role": "assistant", "content": text})
                self.record("assistant", text)
                sources = [user_text, grounding or ""] + [json.dumps(o.content) for o in outcomes]
                return TurnResult(text, outcomes, unverified=unverified_figures(text, sources))
            self.messages.append({
                "role": "assistant", "content": text or "",  # "" not None: llama.cpp needs it
                "tool_calls": [{"id": call["id"], "type": "function",
                                "function": {"name": call["name"],
                                             "arguments": call["arguments"] or "{}"}}
                               for call in calls]})
            previous_failed = False
            for call in calls:
                started = time.perf_counter()
                outcome = dispatch(self.tools, call["name"], call["arguments"], self.context)
                if (not outcome.ok and call["name"] == required_tool and round_number > 0
                        and self._forced(round_number, required_tool, outcomes)):
                    # The model failed a step twice: perf-mirror runs it with no arguments
                    # (for the propose step, the extractor proposes alone).
                    call = {**call, "arguments": "{}"}
                    outcome = dispatch(self.tools, call["name"], {}, self.context)
                outcomes.append(outcome)
                previous_failed = previous_failed or not outcome.ok
                content = json.dumps(outcome.content, ensure_ascii=False)
                self.transcript.tool_call(model_call_id, call["name"], call["arguments"],
                                          outcome.content, outcome.ok,
                                          milliseconds_since(started))
                self.messages.append({"role": "tool", "tool_call_id": call["id"],
                                      "name": call["name"], "content": content})
            if self.settings.llama_cpp_chatml:  # its template drops tool messages
                results = "\n".join(m["content"] for m in self.messages[-len(calls):])
                self.messages.append({"role": "user", "content": f"Tool results:\n{results}\n"
                                      "Answer me using only these figures."})
        problem = (f"Stopped after {self.max_rounds} model calls in one turn (a tool loop). "
                   "Your entries so far are saved; ask again or use /status.")
        self.record("error", problem)
        return TurnResult("", outcomes, problem)
