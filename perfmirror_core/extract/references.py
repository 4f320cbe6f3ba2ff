"""The link, PR, ticket or document a check-in sentence names, kept with its entry."""

from __future__ import annotations

import re

_REFERENCE_PATTERNS = tuple(re.compile(pattern) for pattern in (
    r"https?://\S+[^\s.,;:!?)\]'\"]",  # a link
    r"\b(?:PR|MR|pull request|merge request|issue|ticket)\s*#?\d+\b",  # "PR #412"
    r"\b[A-Z][A-Z0-9]+-\d+\b",  # a ticket key: "INC-771", "JIRA-12"
    r"(?<![\w#])#\d+\b",  # "#412"
    r"(?<![\w])[\"“'‘]([^\"”'’\n]{3,80})[\"”'’](?!\w)",  # a quoted title
    r"\b[\w-]+\.(?:md|pdf|docx?|txt|rst|adoc|pptx?|key|html)\b",  # a document file
    r"\(([\w-]*[-_][\w-]*\d[\w-]*)\)",  # a slug in brackets: "(queue-migration-v2)"
))


def find_reference(text: str) -> str | None:
    """The link, PR, ticket or document a sentence names, so an entry can point at its
    evidence: "Fixed the login bug (PR #412)" -> "PR #412"."""
    for pattern in _REFERENCE_PATTERNS:
        match = pattern.search(text)
        if match:
            return (match.group(1) if match.groups() else match.group()).strip()
    return None

