"""Work described by a word another category owns: "paired with the intern for an afternoon,
teaching him how our build works", "ran the team's hack day, 8 projects demoed".

Teaching one person while pairing is how the mentoring went, not a talk; the demos at a hack
day someone organised are the hack day's, given by the people who took part. So after that
work in the sentence, such a word names no more work. The pairs are ``colloquial.toml``'s
``[described]``; a talk named otherwise ("and gave a brown bag on tracing") is still a talk.
"""

from __future__ import annotations

from collections.abc import Collection

from .colloquial import TABLE
from .lexicon import Lexicon
from .tally import Activity
from .words import stems_of


def _table() -> dict[tuple[str, ...], frozenset[str]]:
    return {stems_of(work): frozenset(words) for work, words in TABLE["described"].items()}


_DESCRIBING = _table()


def describes_work_done(reading: Activity, done: Collection[str], lexicon: Lexicon) -> bool:
    """Whether the activity is named only by a word that describes work already done in the
    sentence (one of ``done``'s categories)."""
    if reading.explicit or not reading.work_object:
        return False
    said = {token.word for token in reading.work_object}
    for work, words in _DESCRIBING.items():
        term = lexicon.terms.get(work)
        if term is not None and term.category in done and term.category != reading.category \
                and said <= words:
            return True
    return False
