"""Marks: the check marks, crosses and words that surveys write for yes, partial and no.

One vocabulary for a ``type: mark`` column (what its cells may say), the matrix built
from such columns, and ``vlmtable import`` (which columns hold marks). A blank cell is
*not stated*: it is never read as "no". Pure; no docutils.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: What a model may state about a task or a mark column, in the order marks sort.
MARK_STATES = ("no", "partial", "yes")

#: What a blank mark cell (or a task a model's ``tasks`` mapping leaves out) says.
NOT_STATED = "not stated"

#: Each mark (lower case, without its emoji variation selector) and the state it says:
#: symbols, words, and the GitHub emoji short codes that READMEs write for them.
MARKS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            (
                *("✅", "✔", "✓", "☑", "🟢", "🗸", "yes", "y"),
                *(":white_check_mark:", ":heavy_check_mark:", ":ballot_box_with_check:"),
            ),
            "yes",
        ),
        **dict.fromkeys(("❌", "✗", "✘", "✖", "🔴", "⛔", "no", "n", ":x:", ":no_entry:"), "no"),
        # A warning sign (a caveat) and a minus sign (neither) are partial too.
        **dict.fromkeys(
            (
                *("🟡", "🟠", "🔶", "⚠", "\u2796", "partial", "partly", "~", "◐"),
                *(":yellow_circle:", ":warning:", ":heavy_minus_sign:"),
            ),
            "partial",
        ),
    }
)


def mark_states(text: str) -> list[str] | None:
    """The states a cell's marks say, in order (``✅ 🔴``: two); None if it holds
    anything else, or nothing."""
    words = text.replace("\ufe0f", "").replace("/", " ").replace(",", " ").split()
    states = [MARKS.get(word.lower()) for word in words]
    if not states or None in states:
        return None
    return [state for state in states if state is not None]


def mark_state(text: str) -> str | None:
    """The state of a cell holding one mark (``✅``, ``no``, ``:x:``); None otherwise."""
    states = mark_states(text)
    return states[0] if states is not None and len(states) == 1 else None
