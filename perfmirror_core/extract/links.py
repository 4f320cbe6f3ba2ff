"""Links are addresses, not words: "github.com/acme/docs/issues/133" names no documentation,
"github.com/acme/test-utils/pull/9" no tests.

Pasted updates cite their pull requests and issues by link, and a repository's name is often a
word of the vocabulary ("docs", "tests", "bugfix"). The rules read the text with its links
blanked (offsets kept); what a link says about the work (that it is a pull request) is read
where it matters (``changes``).
"""

from __future__ import annotations

import re

# An address: a dotted host ending in a name ("github.com", "youtu.be") and a path, or the
# "<link>" a shortened address leaves. ("0.0.0.0/0" and "4.7/5" are numbers.)
_LINK = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s)\]>]*|<link>",
                   re.IGNORECASE)


def without_links(text: str) -> str:
    """The text with every link blanked, offsets kept."""
    return _LINK.sub(lambda link: " " * len(link.group()), text)
