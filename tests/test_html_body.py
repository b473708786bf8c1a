"""HTML writes a table's rows as strings from the compact body (``output/html_body.py``);
the page must be byte for byte what Sphinx's own HTML writer gives for the expanded rows.
Each root is built twice: as shipped, and with each body's rows made by ``build_tbody``
(the rows every other builder gets) and walked by the same translator."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, copy_root
from docutils import nodes

from sphinx_vlmtable.nodes.compact import CompactBody, build_tbody
from sphinx_vlmtable.output.html_body import WRAP_CLASS, BodyWriter

ROOTS = [
    "typed",
    "values",
    "matrix",
    "aliases",
    "downloads",
    "interactive",
    "i18n",
    "overview",
    "fail-soft",
    "crafted-names",
]


def walk_expanded_rows(writer: BodyWriter) -> None:
    """The reference: the rows as nodes (with the columns' wrap marks), walked."""
    tbody = build_tbody(writer.node, writer.translate)
    body: CompactBody = writer.node["body"]
    for row, texts in zip(tbody.children, body.rows, strict=True):
        columns = [column for column, text in enumerate(texts) if text is not None]
        entries = [child for child in row.children if isinstance(child, nodes.entry)]
        for entry, column in zip(entries, columns, strict=True):
            if column in writer.wrapping:
                entry["classes"].append(WRAP_CLASS)
    tbody.parent = writer.node.parent
    tbody.walkabout(writer.translator)


def written_pages(srcdir: Path, builder: str) -> dict[str, str]:
    done = build(srcdir, builder)
    suffix = ".xhtml" if builder == "epub" else ".html"
    return {
        str(path.relative_to(done.outdir)): path.read_text(encoding="utf-8")
        for path in sorted(done.outdir.rglob(f"*{suffix}"))
    }


@pytest.mark.parametrize("builder", ["html", "singlehtml", "epub"])
@pytest.mark.parametrize("root", ROOTS)
def test_rows_written_as_strings_equal_the_rows_walked(
    tmp_path: Path, root: str, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = written_pages(copy_root(root, tmp_path / "fast"), builder)
    monkeypatch.setattr(BodyWriter, "write", walk_expanded_rows)
    walked = written_pages(copy_root(root, tmp_path / "walked"), builder)
    assert fast.keys() == walked.keys()
    assert any("<tbody>" in text for text in fast.values())
    for page in fast:
        assert fast[page] == walked[page], page
