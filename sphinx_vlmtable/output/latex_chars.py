"""Each character of a table's text as a LaTeX engine can print it.

pdflatex prints what its fonts have (``latex_chars_data``: found by experiment) as
written, Greek, arrows and relations in math mode, a letter with accents it has no
glyph for with LaTeX's accent commands; for the rest it prints a readable
substitute: Cyrillic transliterated, a look-alike, a run of another script as
``[CJK text]``, an emoji or a symbol by its Unicode name (``⚡`` as ``[high
voltage]``). XeLaTeX and LuaLaTeX print every character through the first font that
has all of a run's glyphs (``sphinxvlmtable.sty`` keeps the list), right to left
where the script is written so, and the same substitute where no font has them.

Pure: text in, pieces out; ``latex_unicode`` puts them in the document.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from sphinx.util.texescape import escape, tex_replacements, unicode_tex_replacements

from sphinx_vlmtable.output import latex_chars_data as data
from sphinx_vlmtable.view.char_names import ZWJ, clusters, is_extending, symbol_name

#: Words in the names of a script's letters (``ARABIC LETTER MEEM``, ``CJK UNIFIED
#: IDEOGRAPH-4E2D``, ``THAI CHARACTER KO KAI``, ``DEVANAGARI VOWEL SIGN AA``).
_LETTER_WORDS = (" LETTER ", " SYLLABLE ", "IDEOGRAPH", " CHARACTER ", " SIGN ")
#: First words of letters' names that are not a script's (their letters are symbols).
_NOT_SCRIPTS = frozenset(
    {"LATIN", "MODIFIER", "MATHEMATICAL", "FULLWIDTH", "HALFWIDTH", "SMALL", "COMBINING"}
)


@dataclass(frozen=True)
class Piece:
    """A part of a text as LaTeX gets it: ``latex`` written as it is (None: ``shown``,
    escaped as Sphinx escapes text); ``shown`` what a reader sees; ``plain`` the same in
    characters the engine prints as text (an index entry cannot hold commands)."""

    shown: str
    latex: str | None = None
    plain: str | None = None


@dataclass(frozen=True)
class Substitution:
    """Characters of the data the PDF shows as something else."""

    written: str
    shown: str


@dataclass(frozen=True)
class _Token:
    written: str
    shown: str
    latex: str | None = None
    plain: str | None = None
    substituted: bool = False
    #: A letter of another script, printed in a run with its neighbours.
    script: str | None = None


@cache
def base_printable() -> frozenset[int]:
    """What pdflatex prints as text with Sphinx's preamble and ours (and what Sphinx
    itself writes as a command: ``∞``, ``✓``, superscripts)."""
    points = set(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}
    for item in data.PRINTABLE_RANGES.split():
        first, _, last = item.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    points.update(ord(char) for char, _latex in (*tex_replacements, *unicode_tex_replacements))
    return frozenset(points)


@cache
def unicode_plain() -> frozenset[int]:
    """What XeLaTeX and LuaLaTeX print as written in any text font: ASCII, Latin-1 and
    Latin Extended-A, dashes, quotes and bullets (not what Sphinx writes as a math
    command for pdflatex: ``✓`` is a glyph of a font there)."""
    ranges = ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x203A))
    return frozenset(point for first, last in ranges for point in range(first, last + 1))


@cache
def math_commands() -> dict[str, str]:
    return {item[0]: item[1:] for item in data.MATH_COMMANDS.split()}


@cache
def cyrillic() -> dict[str, str]:
    return {item[0]: item[1:] for item in data.CYRILLIC.split()}


def script_of(char: str) -> str | None:
    """The script of a letter of a script pdflatex has no font for (``CJK``,
    ``Arabic``), None for anything else (a symbol, a Latin letter)."""
    point = ord(char)
    if 0x3000 <= point <= 0x303F or 0x3200 <= point <= 0x33FF:
        return "CJK"  # ideographic punctuation, enclosed and squared CJK
    name = unicodedata.name(char, "")
    first = name.split(" ")[0]
    if (
        unicodedata.category(char)[0] not in "LM"
        or first in _NOT_SCRIPTS
        or not any(word in name for word in _LETTER_WORDS)
    ):
        return None
    return data.SCRIPT_NAMES.get(first, first.title())


def pdflatex_pieces(text: str, printable: frozenset[int]) -> tuple[list[Piece], list[Substitution]]:
    """``text`` as pdflatex prints it, and what it substitutes."""
    tokens = [_pdflatex_token(cluster, printable) for cluster in clusters(text)]
    return _joined(_runs(tokens))


def _pdflatex_token(cluster: str, printable: frozenset[int]) -> _Token:
    if all(ord(char) in printable for char in cluster):
        return _Token(cluster, cluster)
    composed = unicodedata.normalize("NFC", cluster)
    if all(ord(char) in printable for char in composed):
        return _Token(cluster, composed)
    first = cluster[0]
    command = math_commands().get(first)
    if command is not None and len(cluster) == 1:
        return _Token(cluster, cluster, rf"\ensuremath{{\{command}}}", command)
    if cluster == "\u017f":  # the long s
        return _Token(cluster, cluster, data.LONG_S, "s")
    category = unicodedata.category(first)
    if category == "Zs":
        return _Token(cluster, " ")  # a space of another width: a space
    if is_silent(cluster):
        return _Token(cluster, "")  # joiners, selectors, marks of direction: nothing
    accented = _accented(cluster, printable)
    if accented is not None:
        return accented
    return _substitute(cluster, printable)


def is_silent(cluster: str) -> bool:
    """Whether a cluster is only characters that print nothing (joiners, selectors)."""
    return all(unicodedata.category(char) == "Cf" or is_extending(char) for char in cluster)


def _accented(cluster: str, printable: frozenset[int]) -> _Token | None:
    """A letter with marks as LaTeX's accent commands (``q̃``, ``ǹ``), or a Greek letter
    in math without its marks."""
    decomposed = unicodedata.normalize("NFD", cluster)
    base, marks = decomposed[0], decomposed[1:]
    if not marks:
        return None
    if ord(base) in printable and all(mark in data.ACCENTS for mark in marks):
        latex = escape(base)
        for mark in marks:
            latex = f"\\{data.ACCENTS[mark]}{{{latex}}}"
        return _Token(cluster, cluster, latex, base)
    command = math_commands().get(base)
    if command is not None:
        return _Token(cluster, base, rf"\ensuremath{{\{command}}}", command, substituted=True)
    return None


def _substitute(cluster: str, printable: frozenset[int]) -> _Token:
    first = cluster[0]
    if first.lower() in cyrillic():
        return _Token(cluster, _transliterated(cluster), substituted=True, script="Cyrillic")
    compatible = unicodedata.normalize("NFKC", cluster)
    if (
        compatible != cluster
        and compatible.strip()
        and "\ufe0f" not in cluster  # an emoji: information source is not an i
        and all(ord(char) in printable for char in compatible)
    ):
        return _Token(cluster, compatible, substituted=True)
    if first in data.GREEK_LOOKALIKES:
        return _Token(cluster, data.GREEK_LOOKALIKES[first], substituted=True)
    if 0x2500 <= ord(first) <= 0x257F:
        return _Token(cluster, data.BOX_MARKS.get(first, "+"), substituted=True)
    script = script_of(first)
    if script is not None:
        return _Token(cluster, f"[{script} text]", substituted=True, script=script)
    return _Token(cluster, symbol_name(cluster), substituted=True)


def _transliterated(cluster: str) -> str:
    letters = cyrillic()[cluster[0].lower()]
    return letters[0].upper() + letters[1:] if cluster[0].isupper() else letters


def _runs(tokens: Sequence[_Token]) -> list[_Token]:
    """Letters of one script with the spaces between them as one token: ``[CJK
    text]`` once for ``日本語 中文``; Cyrillic transliterated as a word."""
    found: list[_Token] = []
    for index, token in enumerate(tokens):
        previous = found[-1] if found else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if previous is not None and _joins(previous, token, following):
            found[-1] = _run(previous, token)
        else:
            found.append(token)
    return found


def _joins(previous: _Token, token: _Token, following: _Token | None) -> bool:
    """Whether ``token`` goes on the run of letters ``previous`` (a space does when a
    letter of the same script follows it)."""
    if previous.script is None:
        return False
    if token.written.isspace():
        return following is not None and _one_script(previous, following)
    return _one_script(previous, token)


def _one_script(first: _Token, second: _Token) -> bool:
    scripts = {first.script, second.script}
    return second.script is not None and (len(scripts) == 1 or scripts == {"CJK", "Japanese"})


def _run(previous: _Token, token: _Token) -> _Token:
    """``previous`` run of letters with ``token`` (a letter, or a space) added."""
    script = previous.script
    if token.script == "Japanese":
        script = "Japanese"  # Japanese text holds kanji too
    shown = previous.shown + token.shown if script == "Cyrillic" else f"[{script} text]"
    return _Token(previous.written + token.written, shown, substituted=True, script=script)


def _joined(tokens: Iterable[_Token]) -> tuple[list[Piece], list[Substitution]]:
    """Neighbouring text as one piece; what was substituted, each once."""
    pieces: list[Piece] = []
    substitutions: list[Substitution] = []
    for token in tokens:
        if token.substituted and token.written.strip():
            substitutions.append(Substitution(token.written, token.shown))
        if token.latex is None and pieces and pieces[-1].latex is None:
            pieces[-1] = Piece(pieces[-1].shown + token.shown)
        elif token.latex is None:
            pieces.append(Piece(token.shown))
        else:
            pieces.append(Piece(token.shown, token.latex, token.plain))
    return pieces, substitutions


def glyph_pieces(text: str, printable: frozenset[int], engine: str) -> list[Piece]:
    """For XeLaTeX and LuaLaTeX: each run of characters past ``printable`` (what every
    font has: ``unicode_plain``) through
    ``\\sphinxvlmtableglyphs`` (the first font that has them all, else the substitute),
    right to left where its script is written so."""
    pieces: list[Piece] = []
    for run, kind in _glyph_runs(text, printable):
        latex = _glyphs(run, kind, printable, engine) if kind else None
        if latex is None and pieces and pieces[-1].latex is None:
            pieces[-1] = Piece(pieces[-1].shown + run)
        else:
            pieces.append(Piece(run, latex))
    return pieces


def _glyph_kind(cluster: str, printable: frozenset[int]) -> str:
    """ "" for what every font prints; else how a run of it is set: ``rtl``, ``cjk``
    (a break allowed between characters), ``letters`` (of one script), ``symbol``."""
    if all(ord(char) in printable for char in unicodedata.normalize("NFC", cluster)):
        return ""
    script = script_of(cluster[0])
    if script is None:
        return "symbol"
    if unicodedata.bidirectional(cluster[0]) in ("R", "AL"):
        return f"rtl {script}"
    if unicodedata.east_asian_width(cluster[0]) in ("W", "F"):
        return f"cjk {script}"
    return f"letters {script}"


def _glyph_runs(text: str, printable: frozenset[int]) -> Iterator[tuple[str, str]]:
    """Runs of clusters of one kind (a symbol alone), spaces inside a run kept in it."""
    parts = [
        (cluster, _glyph_kind(cluster, printable))
        for cluster in clusters(text)
        if not is_silent(cluster)  # joiners, selectors, marks of direction
    ]
    run, kind = "", ""
    for index, (cluster, this) in enumerate(parts):
        following = parts[index + 1][1] if index + 1 < len(parts) else ""
        runs_on = kind not in ("", "symbol") and (
            this == kind or (cluster.isspace() and following == kind)
        )
        if runs_on:
            run += cluster
        else:
            if run:
                yield run, kind
            run, kind = cluster, this
    if run:
        yield run, kind


def _glyphs(run: str, kind: str, printable: frozenset[int], engine: str) -> str:
    shown = run.replace("\ufe0f", "").replace("\ufe0e", "")  # no font draws a selector
    needed = dict.fromkeys(
        f"{ord(char):X}"
        for char in shown
        if ord(char) not in printable and not char.isspace() and char != ZWJ
    )
    if kind.startswith("cjk"):
        body = "".join(
            _escaped(char, engine) + ("\\allowbreak{}" if not char.isspace() else "")
            for char in shown
        ).removesuffix("\\allowbreak{}")
    else:
        body = _escaped(shown, engine)
    pieces, _substituted = pdflatex_pieces(run, base_printable())
    substitute = _escaped("".join(piece.shown for piece in pieces), engine)
    latex = f"\\sphinxvlmtableglyphs{{{','.join(needed)}}}{{{body}}}{{{substitute}}}"
    return f"\\sphinxvlmtablertl{{{latex}}}" if kind.startswith("rtl") else latex


def _escaped(text: str, engine: str) -> str:
    """``text`` for XeLaTeX or LuaLaTeX: TeX's special characters escaped, every other
    character as it is (Sphinx would write ``✓`` as a math command)."""
    return "".join(escape(char, engine) if char.isascii() else char for char in text)
