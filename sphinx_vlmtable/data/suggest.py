"""Did-you-mean: the likeliest meant name among many, in bounded time."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Did-you-mean suggestions made for one file at most (each compares a word with
#: every candidate, so their number is bounded, not the input's).
MAX_SUGGESTIONS = 20


#: Candidates one did-you-mean compares by spelling, at most (10,000 models: a few ms).
MAX_CLOSE_CANDIDATES = 500


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """The likeliest meant candidate: the same but for case, then one that begins with
    the word (or it with one), then one that contains it, then the closest spelling."""
    candidates = list(candidates)
    lower = word.lower()
    ranked: list[tuple[int, int, str]] = []
    for candidate in candidates:
        other = candidate.lower()
        if other == lower:
            rank = 0
        elif min(len(lower), len(other)) >= 3 and (
            other.startswith(lower) or lower.startswith(other)
        ):
            rank = 1
        elif len(lower) >= 3 and lower in other:
            rank = 2
        else:
            continue
        ranked.append((rank, abs(len(candidate) - len(word)), candidate))
    if ranked:
        return f" (did you mean {min(ranked)[2]!r}?)"
    # Only candidates of about the same length can be close; comparing with the rest
    # is most of difflib's work, so at most the MAX_CLOSE_CANDIDATES nearest in length.
    slack = max(2, len(word) // 3)
    near = [c for c in candidates if abs(len(c) - len(word)) <= slack]
    if len(near) > MAX_CLOSE_CANDIDATES:
        near.sort(key=lambda c: abs(len(c) - len(word)))
        near = near[:MAX_CLOSE_CANDIDATES]
    close = difflib.get_close_matches(word, near, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
