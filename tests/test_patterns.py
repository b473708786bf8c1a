"""``:filter:`` patterns without RE2: the linear-time automaton agrees with Python's own
engine on the subset it takes, refuses the rest with a message naming RE2, and no pattern
or text makes it slow. A build in a Python without google-re2 filters the same rows."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from conftest import write_project
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_vlmtable.view.patterns import PatternError, _Automaton

SUBSET = [
    "Qwen", "^LLaVA", "VL$", "Qwen.*VL", "a|b|c", "(ab)+c", "x{2,3}", "x{2}", "x{2,}",
    "[a-c]+[^a-c]", r"\d+B", r"\w+-\w+", r"\s", "colou?r", "(a|ab)(c|bcd)(d*)", "(a*)*b",
    "(x+x+)+y", ".", "^$", "a.c", "[.]", r"\.", "(?:ab|cd)*e", "a*?b", "[A-Z][a-z]+",
]  # fmt: skip
TEXTS = ["", "Qwen2.5-VL", "LLaVA-NeXT", "abc", "ababc", "xx", "xxx", "colour color",
         "7B and 13B", "a\nb", "xxxxxxxxxxxxxxxxxxxxxxxxy", "abcd", "cdcdabe", "A bc"]  # fmt: skip


@pytest.mark.parametrize("pattern", SUBSET)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_the_automaton_agrees_with_python(pattern: str, ignore_case: bool) -> None:
    automaton = _Automaton(pattern, ignore_case)
    flags = re.IGNORECASE if ignore_case else 0
    for text in TEXTS + [t.upper() for t in TEXTS]:
        assert automaton.search(text) == bool(re.search(pattern, text, flags)), (pattern, text)


@settings(derandomize=True, deadline=None, database=None, max_examples=300)
@given(
    pattern=st.text(st.sampled_from("ab.|*+?()[]^$"), max_size=10),
    text=st.text(st.sampled_from("abc\n"), max_size=12),
)
def test_random_patterns_agree_or_are_refused(pattern: str, text: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = bool(re.search(pattern, text))
    except re.error:
        with pytest.raises(PatternError):
            _Automaton(pattern, False)
        return
    try:
        automaton = _Automaton(pattern, False)
    except PatternError:
        return  # needs RE2
    assert automaton.search(text) == expected


@pytest.mark.parametrize(
    ("pattern", "what"),
    [(r"(a)\1", "a backreference"), ("a(?=b)", "lookahead"), (r"\bword", "a word boundary"),
     ("(?i:a)", "inline flags"), ("a{100000}", "a repetition")],
)  # fmt: skip
def test_what_needs_re2_is_refused_by_name(pattern: str, what: str) -> None:
    with pytest.raises(PatternError, match=f"{what}.*needs google-re2"):
        _Automaton(pattern, False)


def test_no_pattern_is_slow() -> None:
    started = time.monotonic()
    for pattern in ["(a+)+$", "(a|a)*b", "(x+x+)+y", "a*" * 20 + "b", "(.*){20}z"]:
        assert not _Automaton(pattern, False).search("a" * 3_000 + "x" * 3_000)
    assert time.monotonic() - started < 30  # backtracking: never ends


def test_a_build_without_re2_filters_and_refuses_with_a_message(tmp_path: Path) -> None:
    data = "models:\n  - {model: Qwen-VL}\n  - {model: LLaVA}\n  - {model: qwen2}\n"
    page = (
        "P\n=\n\n.. vlm-table:: data/m.yaml\n   :filter: model ~* '^qwen'\n\n"
        ".. vlm-table:: data/m.yaml\n   :filter: model ~ '(Q)\\1'\n\n"
        f".. vlm-table:: data/m.yaml\n   :filter: model ~ '{'a' * 1001}'\n"
    )
    srcdir = write_project(tmp_path / "src", {"data/m.yaml": data, "p.rst": page})
    script = (
        "import sys; sys.modules['re2'] = None\n"  # as if google-re2 were not installed
        "from sphinx.cmd.build import main\n"
        f"sys.exit(main(['-q', '-b', 'text', {str(srcdir)!r}, {str(srcdir / '_out')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert "Traceback" not in done.stderr
    assert "uses a backreference; it needs google-re2" in done.stderr, done.stderr
    assert "characters long, more than 1,000 (without RE2)" in done.stderr
    text = (srcdir / "_out" / "p.txt").read_text()
    assert "Qwen-VL" in text and "qwen2" in text and "LLaVA" not in text
