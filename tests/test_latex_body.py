"""LaTeX writes a table's rows from the compact body (``output/latex_body.py``); the
``.tex`` must be byte for byte what Sphinx's LaTeX writer gives for the expanded rows
with the survey's touches on their nodes (the path the other tables of ours take).
Each root is built twice: as shipped, and with the bodies expanded before the LaTeX
steps, as every builder but HTML's gets them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, copy_root

from sphinx_vlmtable.output import expand
from sphinx_vlmtable.output.latex_body import LatexBodyWriter

ROOTS = [
    "builders",
    "typed",
    "values",
    "matrix",
    "aliases",
    "i18n",
    "overview",
    "fail-soft",
    "crafted-names",
    "latex",
    "options",
    "pdf-chars",
    "latex-rows",
]
#: Roots built again with a Unicode engine (each run of another script in its font).
UNICODE_ROOTS = ["pdf-chars", "values", "crafted-names", "latex-rows"]


def written_tex(srcdir: Path) -> dict[str, str]:
    done = build(srcdir, "latex")
    return {
        path.name: path.read_text(encoding="utf-8") for path in sorted(done.outdir.glob("*.tex"))
    }


def assert_same_as_expanded(
    tmp_path: Path, root: str, conf: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[int] = []
    real_write = LatexBodyWriter.write

    def counted(writer: LatexBodyWriter) -> None:
        written.append(len(writer.node["body"].rows))
        real_write(writer)

    with monkeypatch.context() as patch:
        patch.setattr(LatexBodyWriter, "write", counted)
        fast = written_tex(copy_root(root, tmp_path / "fast", conf))
    assert written, "no body was written from its compact form"
    monkeypatch.setattr(expand, "WRITTEN_FROM_COMPACT", ("html",))
    monkeypatch.setattr(expand, "LATE_FORMATS", ("latex", *expand.LATE_FORMATS))
    walked = written_tex(copy_root(root, tmp_path / "walked", conf))
    assert fast.keys() == walked.keys()
    # Tables were written (Sphinx's table and long table start with these).
    assert any(
        r"\sphinxattablestart" in t or r"\sphinxatlongtablestart" in t for t in fast.values()
    )
    for name in fast:
        assert fast[name] == walked[name], name


@pytest.mark.parametrize("root", ROOTS)
def test_rows_written_from_the_compact_body_equal_the_rows_walked(
    tmp_path: Path, root: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same_as_expanded(tmp_path, root, "", monkeypatch)


@pytest.mark.parametrize("root", UNICODE_ROOTS)
def test_the_same_with_xelatex(tmp_path: Path, root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_as_expanded(tmp_path, root, '\nlatex_engine = "xelatex"\n', monkeypatch)
