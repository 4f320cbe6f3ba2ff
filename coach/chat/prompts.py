"""Prompts live in ``prompts/`` as text files, so they can be read and changed without Python."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def prompt_text(name: str) -> str:
    """A prompt file's text. ``prompts`` is a namespace package (text only, no Python), so
    look through its path entries rather than importlib.resources, which trips on editable
    installs."""
    for base in importlib.import_module("prompts").__path__:
        candidate = Path(base) / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"prompt {name!r} not found in prompts/")


def render_prompt(name: str, **values: object) -> str:
    return prompt_text(name).format(**values).strip()


def reflection_questions() -> dict[str, str]:
    """code -> question, from ``prompts/reflection_questions.txt``."""
    questions = {}
    for line in prompt_text("reflection_questions.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, question = line.partition(":")
            questions[code.strip()] = question.strip()
    return questions
