"""Small models do what they do well: a short summary in the person's words, one question.

Measured on SmolLM2-135M (issue #12): its own tool calls scored F1 0.00 against 0.87 for the
deterministic extractor, its answers invented figures and leaked tool syntax. So a model below
``SMALL_PARAMETERS`` (from its name, e.g. ``smollm2:135m``, ``qwen2.5:0.5b``, or the packaged
``local/smollm2``), or one configured with ``quirks = "small-model"``, never runs the tool
loop: the offline coach proposes entries and answers from the core, and the model only writes
text that is checked before it is shown (no figure the person did not give, a question that is
a question) and left out when it fails the check. ``quirks = "full-tools"`` keeps the loop.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from .answers import clean_answer
from ..config import FULL_TOOLS, SMALL_MODEL, ModelSettings
from .figures import unverified_figures
from .loop import TurnResult, provider_problem, request_options
from .prompts import render_prompt
from .transcript import Transcript, milliseconds_since

SMALL_PARAMETERS = 2e9  # below this, a model writes text only
KNOWN_PARAMETERS = {"local/smollm2": 135e6}
SUMMARY_TOKENS = 60
_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*([mb])(?![a-z])", re.IGNORECASE)
MAX_CHARACTERS = 280


def parameter_count(settings: ModelSettings) -> float | None:
    """The model's size when its name says it (``llama3.2:1b``, ``SmolLM2-360M``)."""
    if settings.model in KNOWN_PARAMETERS:
        return KNOWN_PARAMETERS[settings.model]
    name = settings.model.rsplit("/", 1)[-1]
    found = [float(value) * (1e6 if unit.lower() == "m" else 1e9)
             for value, unit in _SIZE.findall(re.sub(r"[:_\-]", " ", name))]
    return max(found) if found else None


def is_small(settings: ModelSettings) -> bool:
    if settings.has_quirk(FULL_TOOLS):
        return False
    if settings.has_quirk(SMALL_MODEL):
        return True
    size = parameter_count(settings)
    return size is not None and size < SMALL_PARAMETERS


def write(settings: ModelSettings, prompt: str, completion: Callable[..., Any] | None,
          transcript: Transcript | None = None) -> str:
    """One text-only request (no tools), cleaned; "" when the model fails (the log says why)."""
    if completion is None:
        from .llm import loaded

        completion = loaded(settings).completion
    log = transcript or Transcript(None, settings.model)
    started = time.perf_counter()
    try:
        response = completion(**request_options(settings), max_tokens=SUMMARY_TOKENS,
                              messages=[{"role": "user", "content": prompt}], stream=False)
        message = response["choices"][0]["message"]
        text = message["content"] if isinstance(message, dict) else message.content
    except KeyboardInterrupt:
        raise
    except Exception as error:  # noqa: BLE001 (any provider failure: the core's answer stands alone)
        log.model_call(settings.model, None, milliseconds_since(started),
                       provider_problem(error, settings))
        return ""
    usage = response.get("usage") if isinstance(response, dict) else getattr(response, "usage",
                                                                             None)
    log.model_call(settings.model, usage, milliseconds_since(started))
    return clean_answer(text or "")


def checked(text: str, person_said: str, question: bool = False) -> str:
    """The first line of ``text`` if it passes: no figure the person did not give, short, and
    a question when one was asked for; otherwise ""."""
    line = text.strip().splitlines()[0].strip() if text.strip() else ""
    if not line or len(line) > MAX_CHARACTERS or unverified_figures(line, [person_said]):
        return ""
    if question and not line.endswith("?"):
        return ""
    return line


class SmallModelCoach:
    """The offline coach, with a small model's short summary after entries are logged."""

    def __init__(self, offline: Any, settings: ModelSettings,
                 completion: Callable[..., Any] | None, transcript: Transcript) -> None:
        self.offline = offline
        self.settings = settings
        self._completion = completion
        self.transcript = transcript

    def turn(self, user_text: str, required_tool: str | None = None,
             grounding: str | None = None) -> TurnResult:
        result: TurnResult = self.offline.turn(user_text, required_tool, grounding)
        logged = any(outcome.name == "propose_activities" and outcome.ok
                     and outcome.content.get("logged") for outcome in result.tool_outcomes)
        if not logged or result.problem:
            return result
        summary = checked(write(self.settings, render_prompt("small_summary.md", text=user_text),
                                self._completion, self.transcript), user_text)
        if summary:
            self.transcript.message("assistant", summary)
            result.text = f"{result.text}\n{summary}" if result.text else summary
            result.model_written = summary
        return result

    def question(self, question: str, person_said: str) -> str:
        """This week's reflection question in the person's words, or as written if the model's
        version fails the check."""
        prompt = render_prompt("small_question.md", question=question, text=person_said)
        return checked(write(self.settings, prompt, self._completion, self.transcript), person_said,
                       question=True) or question
