"""Validators other people trust, on pages with tables, matrices and interactive tables
in five themes: the Nu Html Checker (``vnu-jar``, on Debian's Java) on the HTML as built
and as the script leaves it, axe-core in Chromium, epubcheck on the EPUB; and what the
reader meets: one id per table, phrasing content in sort buttons, a scroll box that a
keyboard reaches where it overflows.

Findings in our markup fail; the theme's and Sphinx's own are written to
``test-artifacts/browser/validators-<theme>.json`` and do not. The tools come from
``make validators`` (npm packages in ``.tools/``, Debian's ``epubcheck``); CI sets
``VLMTABLE_REQUIRE_BROWSER=1``, so there a missing tool fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_site import browser  # noqa: F401 (the fixture)
from test_interactive import open_page
from test_themes import ARTIFACTS, REQUIRED, THEMES, TOP, Browser

pytestmark = pytest.mark.browser

#: The fixture: one Chromium per module, started as test_interactive starts it.

TOOLS = Path(os.environ.get("VLMTABLE_TOOLS", TOP / ".tools")) / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
JAVA = shutil.which("java")
#: Debian's epubcheck (its /usr/bin/epubcheck is the jar itself, run through binfmt).
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def need(ok: bool, what: str) -> None:
    if not ok:
        if REQUIRED:
            pytest.fail(f"VLMTABLE_REQUIRE_BROWSER=1 but {what} is missing (make validators)")
        pytest.skip(f"{what} is missing (make validators)")


PAGES = {
    "index.md": "# Survey\n\n```{toctree}\nsummary\nmatrix\ninteractive\noverview\n```\n",
    "overview.md": "# Overview\n\n```{vlm-chart} data/leaderboard.yaml\n:x: released\n:color: "
    "open\n```\n\n```{vlm-chart} data/leaderboard.yaml\n:x: params\n:y: mmmu\n```\n\n"
    "```{vlm-compare} data/leaderboard.yaml\n:models: Qwen2-VL-72B, InternVL2-76B\n```\n\n"
    "```{vlm-table} data/leaderboard.yaml\n:index:\n:interactive:\n:new-since: 2024-08-15\n"
    ":name: board\n```\n",
    "matrix.md": "# Matrix\n\n```{vlm-matrix} data/capabilities.yaml\n:caption: What each model "
    "does\n:name: capabilities\n```\n",
    "interactive.md": "# Interactive\n\n```{vlm-table} data/vlms.yaml\n:interactive:\n:merge: "
    "llm\n:sort: llm\n```\n\n```{vlm-table} data/vlms.yaml\n:name: narrow\n:columns: model, "
    "year\n:interactive:\n:page-size: 4\n```\n",
}


def build_site(theme: str, outdir: Path, builder: str = "html") -> Path:
    srcdir = outdir / "src"
    if not srcdir.exists():
        (srcdir / "data").mkdir(parents=True)
        for name in ("vlms.yaml", "capabilities.yaml", "leaderboard.yaml"):
            shutil.copy(TOP / "docs" / "data" / name, srcdir / "data")
        shutil.copy(TOP / "docs" / "summary.md", srcdir / "summary.md")
        for name, text in PAGES.items():
            (srcdir / name).write_text(text)
        (srcdir / "conf.py").write_text(
            f'extensions = ["myst_parser", "sphinx_vlmtable"]\nhtml_theme = "{theme}"\n'
            'project = "Survey"\nauthor = "Tests"\nepub_show_urls = "no"\n'
            'epub_uid = epub_identifier = "survey-tests"\nepub_copyright = "Tests"\n'
            'language = "en"\nversion = "1"\n'
        )
    out = outdir / builder
    doctrees = outdir / f"doctrees-{builder}"  # not inside an EPUB's output
    command = ["-q", "-W", "-b", builder, "-d", str(doctrees), str(srcdir), str(out)]
    subprocess.run([sys.executable, "-m", "sphinx", *command], check=True)
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {theme: build_site(theme, tmp_path_factory.mktemp(theme)) for theme in THEMES}


def vnu(files: list[Path]) -> list[dict[str, Any]]:
    need(JAVA is not None and VNU.exists(), "the Nu Html Checker (vnu-jar) or Java")
    done = subprocess.run(
        [str(JAVA), "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]  # type: ignore[no-any-return]


#: What in an error's extract shows it is about our markup.
OURS = re.compile(r"vlm-|data-vlm|model-[a-z0-9]|id=\"(capabilities|narrow|board)\"")


def split_ours(messages: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    ours: list[str] = []
    theirs: list[str] = []
    for message in messages:
        text = (
            f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        )
        extract = message.get("extract", "")
        (ours if OURS.search(extract) or "vlm" in message["message"] else theirs).append(
            f"{text} | {extract.strip()[:160]}"
        )
    return ours, theirs


SCRIPTED = ["summary.html", "matrix.html", "interactive.html", "overview.html"]


def record(theme: str, name: str, findings: object) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"validators-{theme}.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = findings
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))


@pytest.mark.parametrize("theme", THEMES)
def test_the_built_html_has_no_error_of_ours(sites: dict[str, Path], theme: str) -> None:
    ours, theirs = split_ours(vnu([sites[theme] / name for name in SCRIPTED]))
    record(theme, "vnu-built", {"ours": ours, "theirs": theirs})
    assert ours == []


@pytest.mark.parametrize("theme", THEMES)
def test_pages_after_the_script_pass_the_checker_and_axe(
    sites: dict[str, Path], browser: Browser, theme: str, tmp_path: Path
) -> None:
    need(AXE.exists(), "axe-core")
    after, axe_ours, axe_theirs = [], [], []
    for name in SCRIPTED:
        page, _requested = open_page(browser, sites[theme], name, probes=True)
        page.set_viewport_size({"width": 700, "height": 900})  # wide tables overflow
        page.evaluate("() => window.dispatchEvent(new Event('resize'))")
        page.wait_for_timeout(100)
        html = page.content()
        (tmp_path / name).write_text(html if html.startswith("<!") else "<!DOCTYPE html>" + html)
        after.append(tmp_path / name)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async () => {
              const result = await axe.run(document, {resultTypes: ['violations']});
              const ours = el => !!el && !!el.closest(
                '.vlm-table-scroll, table.vlm-table, .vlm-table-tools, .vlm-legend, ' +
                '.vlm-filter-panel, .vlm-pager, ' +
                '.vlm-downloads, ul.vlm-tasks, [data-vlm-region], .vlm-chart, ' +
                'table.vlm-compare, .vlm-compare-live, ul.vlm-changes');
              return result.violations.flatMap(v => v.nodes.map(n => ({
                rule: v.id, impact: v.impact, target: n.target.join(' '),
                ours: ours(document.querySelector(n.target[n.target.length - 1]))})));
            }"""
        )
        axe_ours += [
            f"{name}: {f['rule']} ({f['impact']}) {f['target']}" for f in found if f["ours"]
        ]
        axe_theirs += [f"{name}: {f['rule']} {f['target']}" for f in found if not f["ours"]]
        page.close()
    ours, theirs = split_ours(vnu(after))
    record(theme, "vnu-after-script", {"ours": ours, "theirs": theirs})
    record(theme, "axe", {"ours": axe_ours, "theirs": axe_theirs})
    assert ours == []
    assert axe_ours == []


@pytest.mark.parametrize("theme", THEMES)
def test_one_id_per_table_buttons_and_focusable_scroll_regions(
    sites: dict[str, Path], browser: Browser, theme: str
) -> None:
    page, _requested = open_page(browser, sites[theme], "interactive.html")
    page.set_viewport_size({"width": 700, "height": 900})
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    page.wait_for_timeout(100)
    facts = page.evaluate(
        """() => {
          const ids = Array.from(document.querySelectorAll('[id]'), el => el.id);
          const tables = Array.from(document.querySelectorAll('table.vlm-table'));
          const regions = tables.map(table => {
            const box = table.closest('.vlm-table-scroll');
            const region = box.querySelector('[data-vlm-region]') ||
              (box.matches('[data-vlm-region]') ? box : null);
            const scrollers = [box, ...box.querySelectorAll('div')].filter(el =>
              /auto|scroll/.test(getComputedStyle(el).overflowX) &&
              el.scrollWidth > el.clientWidth + 1);
            return {id: table.id, overflows: scrollers.length > 0,
                    region: region && {tabindex: region.getAttribute('tabindex'),
                      role: region.getAttribute('role'), label: region.getAttribute('aria-label'),
                      isScroller: scrollers.includes(region)}};
          });
          const buttons = Array.from(document.querySelectorAll('button.vlm-sort-button'));
          return {
            duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
            tableIds: tables.map(t => t.id),
            regions,
            blockInButtons: buttons.filter(b => b.querySelector('p, div')).length,
            names: buttons.map(b => b.getAttribute('aria-label')),
          };
        }"""
    )
    assert facts["duplicates"] == [], facts["duplicates"]
    assert all(facts["tableIds"])
    assert facts["blockInButtons"] == 0 and all(facts["names"])
    wide, narrow = facts["regions"]
    assert wide["overflows"], wide
    assert wide["region"] == {
        "tabindex": "0",
        "role": "region",
        "label": "Table",
        "isScroller": True,
    }
    assert not narrow["overflows"] and narrow["region"] is None, narrow
    # The keyboard reaches it (Tab, as a reader would) and the focus shows.
    reached = None
    for _ in range(300):
        page.keyboard.press("Tab")
        reached = page.evaluate(
            "() => document.activeElement.hasAttribute('data-vlm-region') && "
            "getComputedStyle(document.activeElement).outlineStyle"
        )
        if reached:
            break
    page.screenshot(path=str(ARTIFACTS / f"focus-{theme}.png"))
    page.close()
    assert reached and reached != "none", reached


def test_the_epub_passes_epubcheck(tmp_path: Path) -> None:
    need(JAVA is not None and EPUBCHECK.exists(), "epubcheck")
    out = build_site("alabaster", tmp_path, "epub")
    (epub,) = out.glob("*.epub")
    done = subprocess.run(
        [str(JAVA), "-jar", str(EPUBCHECK), str(epub)], capture_output=True, text=True, timeout=300
    )
    record("epub", "epubcheck", (done.stdout + done.stderr).splitlines()[-20:])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors or warnings detected" in done.stdout + done.stderr


@pytest.fixture(scope="module")
def checker_ready() -> None:
    need(JAVA is not None and VNU.exists(), "the Nu Html Checker (vnu-jar) or Java")


@pytest.mark.parametrize("theme", THEMES)
def test_the_docs_pages_with_tables_have_no_error_of_ours(
    checker_ready: None, theme: str, tmp_path: Path
) -> None:
    """The project's own docs, built in each theme: every page that shows a table."""
    out = tmp_path / "html"
    command = [
        "-q",
        "-b",
        "html",
        "-D",
        f"html_theme={theme}",
        "-d",
        str(tmp_path / "d"),
        str(TOP / "docs"),
        str(out),
    ]
    subprocess.run([sys.executable, "-m", "sphinx", *command], check=True, timeout=600)
    pages = [page for page in out.rglob("*.html") if "vlm-table" in page.read_text()]
    assert len(pages) >= 8
    ours, theirs = split_ours(vnu(pages))
    record(theme, "vnu-docs", {"pages": len(pages), "ours": ours, "theirs": len(theirs)})
    assert ours == []
