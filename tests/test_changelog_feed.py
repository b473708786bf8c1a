"""A changelog that says what changed (roots/test-changelog: a weekly leaderboard): old →
new values with the numbers' differences, noisy columns left out, a rename found without
``aliases:``, entries grouped by date; and its Atom feed, read by a feed reader and
checked against RFC 4287's schema."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from atom_schema import ATOM, atom_problems
from conftest import ROOTS, build, copy_root, write_files
from docutils import nodes

FEED = "changes.xml"


def changes_block(doctree: nodes.document) -> nodes.container:
    return next(
        node for node in doctree.findall(nodes.container) if "vlm-changes" in node["classes"]
    )


def test_a_weekly_leaderboards_changelog_says_what_changed(tmp_path: Path) -> None:
    done = build(copy_root("changelog", tmp_path))
    assert done.warnings == ""
    block = changes_block(done.doctree("changes"))
    texts = [item.astext() for item in block.findall(nodes.list_item)]
    # Stars and forks (:ignore:) changed everywhere: gin, with nothing else, is not listed.
    assert texts == [
        "fiber",
        "chi: ns/op 301.0 → 287.3 (-13.7)",
        "echo: License MIT → Apache-2.0",
        "gorilla/mux: renamed from mux (found by its cells: add aliases: [mux] to its entry)",
        "martini",
    ]
    dates = [
        paragraph.astext()
        for paragraph in block.findall(nodes.paragraph)
        if "vlm-changes-date" in paragraph["classes"]
    ]
    assert dates == ["2024-09-20", "2024-09-24", "2024-09-17", "Undated"]
    (hint,) = block.findall(nodes.literal)
    assert hint.astext() == "aliases: [mux]"
    # The same data without :ignore: lists every refreshed number, with its difference.
    every = changes_block(done.doctree("changes_md"))
    texts = [item.astext() for item in every.findall(nodes.list_item)]
    assert "gin: Stars 77,000 → 77,900 (+900); Forks 7900 → 7950 (+50)" in texts
    assert (
        "chi: Stars 17,000 → 17,450 (+450); Forks 900 → 950 (+50); ns/op 301.0 → 287.3 (-13.7)"
        in texts
    )


def test_columns_and_an_unknown_key_in_ignore(tmp_path: Path) -> None:
    page = (
        "Changes\n=======\n\n.. vlm-changes:: data/board.yaml\n"
        "   :since: data/board-last-week.yaml\n   :columns: license\n\n"
        ".. vlm-changes:: data/board.yaml\n   :since: data/board-last-week.yaml\n"
        "   :ignore: stras\n"
    )
    srcdir = copy_root("changelog", tmp_path, files={"changes.rst": page})
    done = build(srcdir)
    assert done.warnings.strip() == (
        f"{srcdir / 'changes.rst'}:8: WARNING: vlm-changes: no column has the key(s) 'stras' "
        "(in :columns: or :ignore:) [vlmtable.option]"
    )
    first = changes_block(done.doctree("changes"))
    updated = [item.astext() for item in first.findall(nodes.list_item)]
    assert updated == [
        "fiber",
        "echo: License MIT → Apache-2.0",
        "gorilla/mux: renamed from mux (found by its cells: add aliases: [mux] to its entry)",
        "martini",
    ]


def test_vlmtable_diff_ignores_and_chooses_columns() -> None:
    data = ROOTS / "test-changelog" / "data"
    command = [sys.executable, "-m", "sphinx_vlmtable", "diff"]
    files = [str(data / "board-last-week.yaml"), str(data / "board.yaml")]
    done = subprocess.run(
        [*command, *files, "--ignore", "stars,forks", "--title", "This week"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == (
        "## This week\n\n### Added (1)\n\n#### 2024-09-20\n\n- **fiber**\n\n"
        "### Updated (3)\n\n#### 2024-09-24\n\n- **chi**: ns/op 301.0 → 287.3 (-13.7)\n\n"
        "#### 2024-09-17\n\n- **echo**: License MIT → Apache-2.0\n\n#### Undated\n\n"
        "- **gorilla/mux**: renamed from mux (found by its cells: add `aliases: [mux]` to "
        "its entry)\n\n### Removed (1)\n\n- **martini**\n"
    )
    only = subprocess.run(
        [*command, *files, "--columns", "ns"], capture_output=True, text=True, check=True
    )
    assert "License" not in only.stdout and "ns/op 301.0 → 287.3" in only.stdout


# -- the feed -----------------------------------------------------------------------------


def built_feed(tmp_path: Path, conf: str = "", **files: str) -> tuple[Path, bytes]:
    srcdir = copy_root("changelog", tmp_path, conf=conf, files=files)
    done = build(srcdir)
    assert done.warnings == ""
    return done.outdir, (done.outdir / FEED).read_bytes()


def test_the_feed_reads_in_a_feed_reader_with_stable_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727740800")  # 2024-10-01
    _, feed = built_feed(tmp_path / "one")
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Changes since data/board-last-week.yaml"
    assert parsed.feed.author == "The Router Survey"
    titles = [entry.title for entry in parsed.entries]
    # Newest first; the rename has no date: the build's day.
    assert titles == ["Updated: gorilla/mux", "Updated: chi", "Added: fiber", "Updated: echo"]
    assert [entry.updated for entry in parsed.entries] == [
        "2024-10-01T00:00:00Z",
        "2024-09-24T00:00:00Z",
        "2024-09-20T00:00:00Z",
        "2024-09-17T00:00:00Z",
    ]
    assert parsed.entries[1].summary == "ns/op 301.0 → 287.3 (-13.7)"
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == 4 and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids)
    # Built again elsewhere: the same feed, byte for byte.
    assert built_feed(tmp_path / "two")[1] == feed
    # A new update of chi is a new entry; the others keep their ids.
    board = (ROOTS / "test-changelog" / "data" / "board.yaml").read_text()
    newer = board.replace("updated: 2024-09-24", "updated: 2024-09-30")
    again = feedparser.parse(built_feed(tmp_path / "three", **{"data/board.yaml": newer})[1])
    assert [entry.id for entry in again.entries] != ids
    assert {entry.id for entry in again.entries} & set(ids) == {ids[0], ids[2], ids[3]}


def test_the_feed_is_valid_atom(tmp_path: Path) -> None:
    _, feed = built_feed(tmp_path, conf='html_baseurl = "https://survey.example.org/en/latest/"\n')
    root = ElementTree.fromstring(feed)
    assert atom_problems(root) == []
    own = root.find(f"{{{ATOM}}}link[@rel='self']")
    assert own is not None
    assert own.get("href") == "https://survey.example.org/en/latest/changes.xml"
    parsed = feedparser.parse(feed)
    assert {entry.link for entry in parsed.entries} == {
        "https://survey.example.org/en/latest/changes.html"
    }
    # The checker does find what RFC 4287 forbids.
    broken = ElementTree.fromstring(
        feed.replace(b"<updated>2024-09-24T00:00:00Z", b"<updated>24 Sept")
    )
    assert atom_problems(broken) == ["entry 2: updated is not an RFC 3339 date: '24 Sept'"]


def test_names_and_cells_from_a_data_file_are_text_in_the_feed(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & ]]> <b>"
    board = (ROOTS / "test-changelog" / "data" / "board.yaml").read_text()
    board += (
        f"  - {{model: '{hostile}', license: '<img src=x onerror=alert(1)>', added: 2024-09-21}}\n"
    )
    _, feed = built_feed(tmp_path, **{"data/board.yaml": board})
    root = ElementTree.fromstring(feed)
    assert atom_problems(root) == []
    assert not [element for element in root.iter() if not element.tag.startswith(f"{{{ATOM}}}")]
    assert b"<script>" not in feed and b"<img" not in feed
    parsed = feedparser.parse(feed)
    (entry,) = [entry for entry in parsed.entries if hostile in entry.title]
    assert entry.title == f"Added: {hostile}"
    assert entry.title_detail.type == "text/plain"
    assert entry.summary_detail.type == "text/plain"


def test_the_page_links_its_feed_and_other_builders_drop_it(tmp_path: Path) -> None:
    srcdir = copy_root("changelog", tmp_path)
    html = build(srcdir)
    page = html.read("changes.html")
    head = page.split("</head>", 1)[0]
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Changes since '
        'data/board-last-week.yaml" href="changes.xml" />'
    ) in head
    links = [
        reference
        for reference in html.doctree("changes").findall(nodes.reference)
        if "vlm-feed" in reference["classes"]
    ]
    assert [link["refuri"] for link in links] == ["changes.xml"]
    dirhtml = build(copy_root("changelog", tmp_path / "dir"), "dirhtml")
    assert 'href="../changes.xml"' in dirhtml.read("changes/index.html")
    assert (dirhtml.outdir / FEED).is_file()
    latex = build(copy_root("changelog", tmp_path / "latex"), "latex")
    assert not list(latex.outdir.rglob("*.xml"))
    assert (
        "Atom feed" not in latex.read("project.tex")
        if (latex.outdir / "project.tex").exists()
        else True
    )


def test_a_feed_name_with_a_folder_is_refused(tmp_path: Path) -> None:
    page = (
        "Changes\n=======\n\n.. vlm-changes:: data/board.yaml\n"
        "   :since: data/board-last-week.yaml\n   :feed: ../escape.xml\n"
    )
    srcdir = copy_root("changelog", tmp_path, files={"changes.rst": page})
    done = build(srcdir)
    assert "expected a file name ending in .xml or .atom" in done.warnings
    assert not (done.outdir.parent / "escape.xml").exists()
    write_files(srcdir, {})
