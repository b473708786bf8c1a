"""GitHub emoji short codes (``:heavy_check_mark:``) to the emoji a reader of the README
sees (✔️), for the common ones READMEs write in tables: marks, circles, hearts, stars and
platform icons. An unknown short code (``:octocat:``, GitHub's own pictures; a time
such as ``12:30:45``) is left as written. Code spans and ``<code>`` keep theirs, as
GitHub shows them. Pure; no Sphinx."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

#: Each short code (without its colons) and its emoji, as GitHub renders it (with the
#: emoji variation selector U+FE0F where GitHub writes one).
SHORTCODES: Mapping[str, str] = MappingProxyType(
    {
        # Marks: yes, no, partial or a caveat (``data/marks.py`` reads them).
        "white_check_mark": "\u2705",
        "heavy_check_mark": "\u2714\ufe0f",
        "ballot_box_with_check": "\u2611\ufe0f",
        "x": "\u274c",
        "negative_squared_cross_mark": "\u274e",
        "heavy_multiplication_x": "\u2716\ufe0f",
        "no_entry": "\u26d4",
        "no_entry_sign": "\U0001f6ab",
        "heavy_minus_sign": "\u2796",
        "heavy_plus_sign": "\u2795",
        "warning": "\u26a0\ufe0f",
        "question": "\u2753",
        "grey_question": "\u2754",
        "exclamation": "\u2757",
        "grey_exclamation": "\u2755",
        "construction": "\U0001f6a7",
        "hourglass": "\u231b",
        "hourglass_flowing_sand": "\u23f3",
        # Circles.
        "green_circle": "\U0001f7e2",
        "yellow_circle": "\U0001f7e1",
        "orange_circle": "\U0001f7e0",
        "red_circle": "\U0001f534",
        "large_blue_circle": "\U0001f535",
        "blue_circle": "\U0001f535",
        "white_circle": "\u26aa",
        "black_circle": "\u26ab",
        # Hearts.
        "heart": "\u2764\ufe0f",
        "green_heart": "\U0001f49a",
        "yellow_heart": "\U0001f49b",
        "blue_heart": "\U0001f499",
        "purple_heart": "\U0001f49c",
        "orange_heart": "\U0001f9e1",
        "broken_heart": "\U0001f494",
        # Ratings and news.
        "star": "\u2b50",
        "star2": "\U0001f31f",
        "sparkles": "\u2728",
        "fire": "\U0001f525",
        "zap": "\u26a1",
        "rocket": "\U0001f680",
        "tada": "\U0001f389",
        "new": "\U0001f195",
        "+1": "\U0001f44d",
        "thumbsup": "\U0001f44d",
        "-1": "\U0001f44e",
        "thumbsdown": "\U0001f44e",
        # Platforms and things.
        "computer": "\U0001f4bb",
        "iphone": "\U0001f4f1",
        "penguin": "\U0001f427",
        "apple": "\U0001f34e",
        "robot": "\U0001f916",
        "globe_with_meridians": "\U0001f310",
        "floppy_disk": "\U0001f4be",
        "package": "\U0001f4e6",
        "book": "\U0001f4d6",
        "books": "\U0001f4da",
        "memo": "\U0001f4dd",
        "link": "\U0001f517",
        "lock": "\U0001f512",
        "unlock": "\U0001f513",
        "wrench": "\U0001f527",
        "gear": "\u2699\ufe0f",
        "bulb": "\U0001f4a1",
        "snake": "\U0001f40d",
        "crab": "\U0001f980",
    }
)

#: A short code: a word of letters, digits, ``_``, ``+`` or ``-`` between colons.
_SHORTCODE = re.compile(r":([a-z0-9_+\-]{1,40}):")
#: A run of backticks: a code span opens with one and closes with the next of its length.
_BACKTICKS = re.compile(r"`+")


def with_emoji(text: str) -> str:
    """The text with each known short code as its emoji, the others as written."""
    if ":" not in text:
        return text
    return _SHORTCODE.sub(lambda found: SHORTCODES.get(found.group(1), found.group(0)), text)


def markdown_with_emoji(source: str) -> str:
    """Markdown with each known short code as its emoji, outside code spans."""
    if ":" not in source:
        return source
    parts, position = [], 0
    for start, end in _code_spans(source):
        parts += [with_emoji(source[position:start]), source[start:end]]
        position = end
    return "".join([*parts, with_emoji(source[position:])])


def _code_spans(source: str) -> list[tuple[int, int]]:
    """Where the Markdown code spans are, as CommonMark finds them: a run of backticks
    opens one, closed by the next run of the same length (a run without one is text).
    Linear: each run's next of its length is found in one pass from the end."""
    runs = [(found.start(), found.end()) for found in _BACKTICKS.finditer(source)]
    closing: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closing[index] = last.get(length)
        last[length] = index
    spans, index = [], 0
    while index < len(runs):
        close = closing[index]
        if close is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[close][1]))
        index = close + 1
    return spans
