"""``:filter:`` patterns have one meaning on every install: without google-re2 the
automaton accepts a subset of RE2's syntax, and on it gives RE2's answer for every text
(checked against RE2 itself); it refuses the rest with a message naming RE2, and no
pattern can make it build or walk more than a bounded number of states. A build, and
``vlmtable export``, in a Python without google-re2 filter the same rows."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from conftest import write_project
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_vlmtable.cli import main as vlmtable_main
from sphinx_vlmtable.view import casefold, pattern_syntax
from sphinx_vlmtable.view.patterns import (
    CHAR,
    MAX_STATES,
    PatternError,
    _Automaton,
    compile_pattern,
    has_re2,
)

KELVIN, ANGSTROM, LONG_S, FI = "\u212a", "\u212b", "\u017f", "\ufb01"
SHARP_S, CAPITAL_SHARP_S = "\u00df", "\u1e9e"
SIGMA, FINAL_SIGMA, CAPITAL_SIGMA = "\u03c3", "\u03c2", "\u03a3"
DOTTED_I, DOTLESS_I = "\u0130", "\u0131"
CJK = "\u901a\u4e49\u5343\u95ee"  # Tongyi Qianwen
OTHER_DIGITS = "\u0663\u00b2\u2460"  # Arabic-Indic three, superscript two, circled one
SPACES = " \t\n\v\f\r\u00a0\u3000"
# Greek, Turkish and German letters, the Kelvin and Angstrom signs, long s, the fi
# ligature, CJK, digits of other scripts and spaces beyond ASCII.
LETTERS = "aAbBiIkKsSzZ09_-.{}\u00e5\u00c5" + KELVIN + ANGSTROM + LONG_S + FI + SHARP_S
ALPHABET = LETTERS + CAPITAL_SHARP_S + SIGMA + FINAL_SIGMA + CAPITAL_SIGMA + DOTTED_I
ALPHABET += DOTLESS_I + CJK + OTHER_DIGITS + SPACES


def fallback(pattern: str, ignore_case: bool = False) -> Callable[[str], bool]:
    """``compile_pattern`` as in a Python without google-re2."""
    with mock.patch.dict(sys.modules, {"re2": None}):
        return compile_pattern(pattern, ignore_case)


@pytest.fixture
def re2_search() -> Callable[[str, bool], Callable[[str], bool]]:
    """``compile_pattern`` on RE2 itself."""
    pytest.importorskip("re2")
    return compile_pattern


@pytest.fixture
def without_re2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(sys.modules, "re2", None)
    yield


# -- RE2 itself as the reference --------------------------------------------------

SUBSET = [
    *("Qwen", "^LLaVA", "VL$", "Qwen.*VL", "a|b|c", "(ab)+c", "x{2,3}", "x{2}", "x{2,}"),
    *("[a-c]+[^a-c]", r"\d+B", r"\w+-\w+", r"\s", "colou?r", "(a|ab)(c|bcd)(d*)", "(a*)*b"),
    *("(x+x+)+y", ".", "^$", "a.c", "[.]", r"\.", "(?:ab|cd)*e", "a*?b", "[A-Z][a-z]+"),
    *(r"\Aa\z", r"\x41", r"\x{3c3}", r"[\x{3a3}]", r"\012", "(?P<size>[0-9]+)B", "a{,2}"),
    *("a{01}", "[]a]", "[^]a]", "[a-]", "[a-b-c]", "[[:a]", r"[^\x00-\x{10FFFF}]", r"\W+"),
    *("^[a-z-]+$", r"^\w+$", r"\D\S", "k", "s", "[k-s]", r"[^\W\d]", r"\x{3c2}", r"\x{df}"),
]
TEXTS = [
    *("", "Qwen2.5-VL", "LLaVA-NeXT", "abc", "ababc", "xx", "xxx", "colour color"),
    *("7B and 13B", "a\nb", "a\n", "abcd", "cdcdabe", "A bc", "a{,2}", "]", "-", "[:"),
    *("xxxxxxxxxxxxxxxxxxxxxxxxy", "stra" + SHARP_S + "e", CAPITAL_SHARP_S, KELVIN + "elvin"),
    *(LONG_S + "igma", FINAL_SIGMA + CAPITAL_SIGMA, DOTTED_I + DOTLESS_I, FI + "ne"),
    *(CJK, OTHER_DIGITS, SPACES),
]


@pytest.mark.parametrize("pattern", SUBSET)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_the_subset_agrees_with_re2(
    pattern: str, ignore_case: bool, re2_search: Callable[[str, bool], Callable[[str], bool]]
) -> None:
    ours, theirs = fallback(pattern, ignore_case), re2_search(pattern, ignore_case)
    for text in TEXTS + [t.upper() for t in TEXTS]:
        assert ours(text) == theirs(text), (pattern, text)


def check_against_re2(pattern: str, ignore_case: bool, texts: list[str]) -> None:
    """Whatever the automaton accepts, RE2 accepts and answers alike on every text;
    whatever it calls invalid, RE2 refuses too."""
    import re2

    try:
        ours = _Automaton(pattern, ignore_case)
    except PatternError as error:
        if str(error).startswith("invalid"):
            with pytest.raises(PatternError, match="invalid regular expression"):
                compile_pattern(pattern, ignore_case)
        else:
            assert "google-re2" in str(error)
        return
    assert len(ours.kinds) <= pattern_syntax.size(pattern_syntax.parse(pattern, ignore_case)) + 1
    options = re2.Options()
    options.case_sensitive = not ignore_case
    theirs = re2.compile(pattern, options)  # raises if RE2 refuses what we accept
    for text in texts:
        assert ours.search(text) == (theirs.search(text) is not None), (pattern, text)


_LETTERS = st.sampled_from(list(ALPHABET.replace("{", "").replace("}", "")))
_ESCAPES = st.sampled_from(
    [
        *(r"\d", r"\w", r"\s", r"\D", r"\W", r"\S", r"\.", r"\-", r"\n", r"\v", r"\f", r"\x41"),
        *(r"\x{212a}", r"\x{3A3}", r"\0", r"\101", r"\A", r"\z", r"\b", r"\pL", r"\Z", r"\u0041"),
    ]
)
_CLASS_ITEM = st.one_of(
    _LETTERS,
    _ESCAPES,
    st.tuples(_LETTERS, _LETTERS).map(lambda pair: f"{min(pair)}-{max(pair)}"),
    st.sampled_from(["a-z", "A-Z", "0-9", "\u03b1-\u03c9", r"\x{100}-\x{17f}", "]", "-", "^"]),
)
_CLASS = st.tuples(st.sampled_from(["[", "[^"]), st.lists(_CLASS_ITEM, max_size=4)).map(
    lambda parts: parts[0] + "".join(parts[1]) + "]"
)
_ATOM = st.one_of(_LETTERS, _ESCAPES, _CLASS, st.sampled_from([".", "^", "$", "()", "(?:)"]))
_QUANTIFIER = st.sampled_from(
    ["*", "+", "?", "*?", "+?", "??", "{2}", "{0,2}", "{1,}", "{2}?", "{0}", "{,2}", "{2,1}"]
)


def _grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, min_size=2, max_size=3).map("".join),
        st.lists(inner, min_size=2, max_size=3).map("|".join),
        st.tuples(st.sampled_from(["(", "(?:", "(?P<g>"]), inner).map(lambda t: f"{t[0]}{t[1]})"),
        st.tuples(inner, _QUANTIFIER).map("".join),
    )


GRAMMAR = st.recursive(_ATOM, _grow, max_leaves=8)
PUNCTUATION = st.text(st.sampled_from(list("ab()[]{}|*+?^$\\.-,:<>=!P0129dwsxz")), max_size=12)
TEXT_LISTS = st.lists(st.text(st.sampled_from(list(ALPHABET)), max_size=8), min_size=1, max_size=8)


@settings(derandomize=True, deadline=None, database=None, max_examples=1500)
@given(pattern=GRAMMAR, ignore_case=st.booleans(), texts=TEXT_LISTS)
def test_patterns_of_the_grammar_agree_with_re2(
    pattern: str, ignore_case: bool, texts: list[str]
) -> None:
    pytest.importorskip("re2")
    check_against_re2(pattern, ignore_case, texts)


@settings(derandomize=True, deadline=None, database=None, max_examples=1500)
@given(pattern=PUNCTUATION, ignore_case=st.booleans(), texts=TEXT_LISTS)
def test_random_punctuation_agrees_with_re2_or_is_refused(
    pattern: str, ignore_case: bool, texts: list[str]
) -> None:
    pytest.importorskip("re2")
    check_against_re2(pattern, ignore_case, texts)


# -- each finding of the probe, as a class ------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("^[a-z-]+$", "stra" + SHARP_S + "e", False),  # no crash on a two-letter fold
        ("^[a-z-]+$", DOTTED_I + "zmir", False),
        ("^[a-z-]+$", FI + "nch", False),
        ("^[a-z-]+$", LONG_S + "igma", True),  # RE2 folds class ranges
        ("^[a-z-]+$", KELVIN + "elvin", True),
        ("^[^k]+$", KELVIN, False),
        (r"^\w+$", KELVIN + LONG_S, True),  # and \w, under ~*
        (r"\W", KELVIN, False),
        ("s", LONG_S, True),
        ("k", KELVIN, True),
        (SIGMA, FINAL_SIGMA, True),
        (FINAL_SIGMA, CAPITAL_SIGMA, True),
        (SHARP_S, CAPITAL_SHARP_S, True),
        (SHARP_S, "ss", False),  # simple folding only
        ("i", DOTTED_I, False),
        ("I", DOTLESS_I, False),
        (FI, "fi", False),
        ("\u00e5", ANGSTROM, True),
    ],
)
def test_case_folding_is_re2s_simple_folding(pattern: str, text: str, expected: bool) -> None:
    assert fallback(pattern, ignore_case=True)(text) is expected


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (r"^\w+$", "Stra" + SHARP_S + "e", False),  # ASCII \w \d \s, as RE2
        (r"^\w+$", CJK, False),
        (r"\d", OTHER_DIGITS, False),
        (r"\s", "\v\u00a0\u3000", False),
        (r"^\s+$", "\t\n\f\r ", True),
        (r"\D", "\n", True),
        (".", "\n", False),
        ("[^a]", "\n", True),
        ("a$", "a\n", False),  # $ is the end of the text only
        ("^b", "a\nb", False),
        ("a{,2}", "a{,2}", True),  # not a repetition in RE2
        ("a{,2}", "aa", False),
        (r"\012", "\n", True),  # octal
    ],
)
def test_classes_and_anchors_mean_what_they_mean_in_re2(
    pattern: str, text: str, expected: bool
) -> None:
    assert fallback(pattern)(text) is expected


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"a\Z", r"invalid escape sequence: \\Z"),  # Python syntax RE2 does not read
        (r"\u0041", r"invalid escape sequence: \\u"),
        (r"\e", r"invalid escape sequence: \\e"),
        (r"\8", "backreference"),
        (r"(a)\1", r"backreference \\1 \(RE2 has no backreferences either\)"),
        ("a(?=b)", r"lookaround \(\?= \(RE2 has no lookaround either\)"),
        ("(?<!a)b", "lookaround"),
        ("(?P=n)", "invalid or unsupported Perl operator"),
        ("(?x)a", "invalid or unsupported Perl operator"),
        ("a**", r"bad repetition operator: \*\*"),
        ("a{2}{3}", "bad repetition operator"),
        ("*a", "missing argument to repetition operator"),
        ("a{1001}", r"invalid repetition size: \{1001\}"),
        ("a{3,2}", "invalid repetition size"),
        ("(a{100}){100}", "nested counts multiply"),
        ("(a{30}){40}", "nested counts multiply"),
        ("[]", "missing ]"),
        ("[z-a]", "invalid character class range: z-a"),
        (r"[a-\d]", "invalid escape sequence"),
        ("[[:foo:]]", r"invalid character class range: \[:foo:\]"),
        ("(a", "missing \\)"),
        ("a)", "unexpected \\)"),
        ("(?P<>a)", "invalid named capture group"),
        ("a\\", "trailing"),
        (r"\x{110000}", "invalid escape sequence"),
        ("a\ud800", "a lone surrogate"),
    ],
)
def test_what_re2_refuses_is_invalid_with_its_reason(pattern: str, reason: str) -> None:
    with pytest.raises(PatternError, match=f"invalid regular expression .*{reason}"):
        fallback(pattern)
    if has_re2():
        with pytest.raises(PatternError, match="invalid regular expression"):
            compile_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (r"\bword", "a word boundary"),
        (r"\pL", "a Unicode class"),
        (r"[\p{Greek}]", "a Unicode class"),
        ("[[:alpha:]]", r"a POSIX class \[:alpha:\]"),
        ("(?i)a", "inline flags"),
        (r"\Qa.b\E", r"\\Q"),
        (r"\C", r"\\C"),
        ("(?<n>a)", "a named group"),
        ("(" * 51 + "a" + ")" * 51, "groups nested more than 50 deep"),
    ],
)
def test_the_rest_of_re2_is_refused_by_name(pattern: str, what: str) -> None:
    with pytest.raises(PatternError, match=f"uses {what}.*needs google-re2"):
        fallback(pattern)


# -- bounded work, counted rather than timed ----------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:(?:(){999}){999}){999}",  # 25 characters; RE2 refuses the product of counts
        "a{4990}b",  # RE2 refuses counts over 1,000
        "a{1000}b{1000}c{1000}d{1000}e{1000}f",  # RE2 takes it: too large without RE2
        "(){1000}(){1000}(){1000}(){1000}(){1000}()",  # empty groups count too
        r"(?:\W{10}){100}a",  # a class counts one per range: 5 x 1,000 + 1
    ],
)
def test_a_large_pattern_is_refused_before_any_state_is_built(
    pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(*_arguments: Any) -> int:
        raise AssertionError("a state was built")

    monkeypatch.setattr(_Automaton, "_build", build)
    with pytest.raises(PatternError, match=r"invalid repetition size|more than 5,000"):
        fallback(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        "(a+)+$",
        "(a|a)*b",
        "(x+x+)+y",
        "a*" * 20 + "b",
        "(.*){20}z",
        "(?:.?){1000}x",
        "(?:a{10}){100}",
        "[^a]{1000}[^b]{500}",
        r"(?:\w|\W|.){200}$",
    ],
)
def test_a_search_walks_at_most_states_times_characters(
    pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    automaton = _Automaton(pattern, ignore_case=True)
    assert len(automaton.kinds) <= MAX_STATES + 1
    calls = 0
    original = _Automaton._follow

    def follow(self: _Automaton, *arguments: Any) -> bool:
        nonlocal calls
        calls += 1
        return original(self, *arguments)

    monkeypatch.setattr(_Automaton, "_follow", follow)
    text = "a" * 1_000 + "!"
    automaton.search(text)
    # Each position follows from the start and from each state that read its character;
    # ``marks`` lets a position visit each state once whatever the number of follows.
    assert calls <= (len(text) + 1) * (automaton.kinds.count(CHAR) + 1)


def test_a_lone_surrogate_reads_as_a_replacement_character(
    re2_search: Callable[[str, bool], Callable[[str], bool]],
) -> None:
    for pattern in ["^a.b$", r"\x{fffd}", r"[^\x{d800}-\x{dfff}]", r"[\x{d800}-\x{dfff}]"]:
        ours, theirs = fallback(pattern), re2_search(pattern, False)
        for text in ["a\ud800b", "\udfff", "\ufffd"]:
            assert ours(text) == theirs(text), (pattern, text)
    with pytest.raises(PatternError, match="a lone surrogate"):
        re2_search("\udc80", False)


def _hex(code: int) -> str:
    return f"\\x{{{code:x}}}"


@pytest.mark.slow
def test_every_case_folding_orbit_is_re2s() -> None:
    """Each orbit of ``casefold`` is what RE2 matches for each of its characters, and
    RE2 folds no other character known to Python with another (each pair of code points
    differs in a bit: a class of the codes with that bit set finds no fold without it)."""
    re2 = pytest.importorskip("re2")
    options = re2.Options()
    options.case_sensitive = False
    known = [c for c in range(casefold.MAX_CODE + 1) if unicodedata.category(chr(c)) != "Cn"]
    known = [c for c in known if not 0xD800 <= c <= 0xDFFF]
    everything = "".join(map(chr, known))
    for orbit in set(casefold.orbits().values()):
        found = re2.compile(_hex(orbit[0]), options).findall(everything)
        assert sorted(map(ord, found)) == list(orbit)
    alone = [c for c in known if c not in casefold.orbits()]
    for bit in range(21):
        for wanted in (1, 0):
            inside = [c for c in alone if (c >> bit) & 1 == wanted]
            outside = "".join(chr(c) for c in alone if (c >> bit) & 1 != wanted)
            ranges = pattern_syntax.normalize([(c, c) for c in inside])
            if ranges:
                pattern = "[" + "".join(f"{_hex(low)}-{_hex(high)}" for low, high in ranges) + "]"
                assert re2.compile(pattern, options).findall(outside) == []


# -- a build and an export without RE2 ----------------------------------------------

NAMES = [
    "qwen-vl",
    "Stra" + SHARP_S + "e",
    DOTTED_I + "zmir",
    FI + "nch",
    LONG_S + "igma",
    KELVIN + "elvin",
    "LLaVA",
]
FOLDED_ROWS = ["qwen-vl", LONG_S + "igma", KELVIN + "elvin", "LLaVA"]  # RE2's answer
DATA = "models:\n" + "".join(f"  - {{model: {name}}}\n" for name in NAMES)


def _build_text(srcdir: Path, block_re2: bool) -> subprocess.CompletedProcess[str]:
    script = (
        f"import sys\nif {block_re2}: sys.modules['re2'] = None\n"
        "from sphinx.cmd.build import main\n"
        f"sys.exit(main(['-q', '-E', '-b', 'text', {str(srcdir)!r}, {str(srcdir / '_out')!r}]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )


def _rows(text: str) -> list[str]:
    return [name for name in NAMES if name in text]


def test_a_build_without_re2_filters_the_rows_re2_does(tmp_path: Path) -> None:
    page = (
        "P\n=\n\n.. vlm-table:: data/m.yaml\n   :filter: model ~* '^[a-z-]+$'\n\n"
        ".. vlm-table:: data/m.yaml\n   :filter: model ~ '(Q)\\1'\n\n"
        ".. vlm-table:: data/m.yaml\n   :filter: model ~ '\\bQ'\n\n"
        f".. vlm-table:: data/m.yaml\n   :filter: model ~ '{'a' * 1001}'\n"
    )
    srcdir = write_project(tmp_path / "src", {"data/m.yaml": DATA, "p.rst": page})
    done = _build_text(srcdir, block_re2=True)
    assert "Traceback" not in done.stderr
    assert r"backreference \1 (RE2 has no backreferences either)" in done.stderr, done.stderr
    assert "uses a word boundary, which needs google-re2" in done.stderr
    assert "characters long, more than 1,000 (without RE2)" in done.stderr
    assert _rows((srcdir / "_out" / "p.txt").read_text()) == FOLDED_ROWS
    if has_re2():
        done = _build_text(srcdir, block_re2=False)
        assert "Traceback" not in done.stderr
        assert _rows((srcdir / "_out" / "p.txt").read_text()) == FOLDED_ROWS


def test_export_without_re2_filters_alike_and_refuses_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], without_re2: None
) -> None:
    data = tmp_path / "m.yaml"
    data.write_text(DATA, encoding="utf-8")
    export = ["export", str(data), "--format", "csv", "--columns", "model", "--filter"]
    assert vlmtable_main([*export, "model ~* '^[a-z-]+$'"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == FOLDED_ROWS
    refused = {
        "model ~ '(a)\\1'": "RE2 has no backreferences either",
        "model ~ '[[:alpha:]]'": "uses a POSIX class [:alpha:], which needs google-re2",
        "model ~* 'a{1001}'": "invalid repetition size: {1001}",
    }
    for expression, reason in refused.items():
        assert vlmtable_main([*export, expression]) == 1
        error = capsys.readouterr().err
        assert error.startswith("vlmtable export: :filter: ") and reason in error, error
        assert "Traceback" not in error
