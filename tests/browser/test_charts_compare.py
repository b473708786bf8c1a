"""Charts, the comparison and "Newest first" in headless Chromium: chart text in the
page's colour (light and dark), names that do not overlap, points that link to their
rows, models ticked and compared in the page.

Run with ``make browser`` (CI does).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_site import browser  # noqa: F401 (the fixture)
from test_interactive import open_page
from test_themes import ARTIFACTS, TOP, Browser

pytestmark = pytest.mark.browser

#: The fixture: one Chromium per module, started as test_interactive starts it.

ROOT = TOP / "tests" / "roots" / "test-overview"
THEMES = ["alabaster", "furo"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for theme in THEMES:
        folder = tmp_path_factory.mktemp(theme)
        srcdir = folder / "src"
        shutil.copytree(ROOT, srcdir)
        with (srcdir / "conf.py").open("a") as conf:
            conf.write(f'html_theme = "{theme}"\n')
        out = folder / "html"
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(srcdir), str(out)],
            check=True,
        )
        built[theme] = out
    return built


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_takes_the_page_colour_and_names_never_overlap(
    sites: dict[str, Path], browser: Browser, theme: str, scheme: str
) -> None:
    page, _requested = open_page(browser, sites[theme], "charts.html", scheme)
    found = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg.vlm-chart-svg'), svg => {
          const texts = Array.from(svg.querySelectorAll('text'));
          const plain = texts.filter(t => !t.closest('a'));
          const names = texts.filter(t => t.closest('a'))
            .map(t => { const r = t.getBoundingClientRect();
                        return [t.textContent, r.left, r.top, r.right, r.bottom]; });
          const figure = svg.closest('figure');
          return {plain: plain.map(t => getComputedStyle(t).fill),
                  colour: getComputedStyle(figure).color, names: names,
                  width: svg.getBoundingClientRect().width};
        })"""
    )
    assert len(found) == 2
    for chart in found:
        assert chart["width"] > 300
        assert chart["plain"] and set(chart["plain"]) == {chart["colour"]}  # ticks, labels
        names = chart["names"]
        assert len(names) >= 4
        overlapping = [
            (a[0], b[0])
            for i, a in enumerate(names)
            for b in names[i + 1 :]
            if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5
        ]
        assert overlapping == []
    page.locator("figure#release-timeline svg").screenshot(
        path=str(ARTIFACTS / f"chart-{theme}-{scheme}.png")
    )
    page.close()


def test_a_chart_name_links_to_its_row(sites: dict[str, Path], browser: Browser) -> None:
    page, _requested = open_page(browser, sites["alabaster"], "charts.html")
    page.locator("figure#size-score svg a", has_text="InternVL2").first.click()
    page.wait_for_url("**/index.html#model-internvl2")
    assert page.locator("tr#model-internvl2").is_visible()
    page.close()


def test_tick_models_and_compare_them_in_the_page(sites: dict[str, Path], browser: Browser) -> None:
    page, _requested = open_page(browser, sites["furo"], "index.html")
    ticks = page.locator("table.vlm-table input.vlm-tick")
    assert ticks.count() == 6
    button = page.locator("button.vlm-compare-button")
    assert button.is_disabled()
    ticks.nth(3).check()
    assert button.is_disabled()  # one model is no comparison
    ticks.nth(5).check()
    ticks.nth(2).check()
    assert button.is_enabled() and button.text_content() == "Compare the ticked models (3)"
    button.click()
    live = page.locator(".vlm-compare-live table.vlm-compare")
    rows = live.evaluate(
        """t => Array.from(t.rows, r => [r.className,
             Array.from(r.cells, c => c.textContent.trim())])"""
    )
    # The badge's brackets are hidden by the stylesheet; the text keeps them.
    assert rows[0][1] == ["Model", "LLaVA-1.5", "Qwen-VL", "Qwen2-VL (new)"]
    assert [cells for _class, cells in rows[1:]] == [
        ["Released", "2023.10", "2023.08", "2024.09"],
        ["Architecture / Vision Encoder", "CLIP ViT-L", "ViT-bigG", "ViT-675M"],
        ["Architecture / LLM", "Vicuna", "Qwen", "Qwen2"],
        ["Parameters", "13B", "~9.6B", "72B"],
        ["MMMU", "36.4", "35.9", "64.5"],
        ["Lab", "UW-Madison", "Alibaba", "Alibaba"],
    ]
    assert all(row_class == "vlm-differs" for row_class, _cells in rows[1:])
    assert live.locator("[id]").count() == 0 and live.locator("input").count() == 0
    page.locator(".vlm-compare-close").click()
    assert page.locator(".vlm-compare-live").count() == 0
    for index in (0, 1):
        ticks.nth(index).check()
    assert button.is_disabled()  # five is more than four
    page.close()


def test_newest_first_sorts_by_the_latest_entry_date(
    sites: dict[str, Path], browser: Browser
) -> None:
    page, _requested = open_page(browser, sites["alabaster"], "index.html")
    newest = page.locator("button.vlm-newest")
    newest.click()
    assert newest.get_attribute("aria-pressed") == "true"
    names = page.evaluate(
        """() => Array.from(document.querySelector('table.vlm-table').tBodies[0].rows,
             r => r.cells[0].querySelector('strong').textContent)"""
    )
    assert names == ["Qwen2-VL", "BLIP-2", "InternVL2", "LLaVA-1.5", "Qwen-VL", "Flamingo"]
    newest.click()
    assert newest.get_attribute("aria-pressed") == "false"
    page.close()


def test_differing_rows_of_a_comparison_are_tinted(
    sites: dict[str, Path], browser: Browser
) -> None:
    page, _requested = open_page(browser, sites["furo"], "compare_md.html", "dark")
    backgrounds = page.evaluate(
        """() => Array.from(document.querySelectorAll(
             'table.vlm-compare tbody tr:not(.vlm-compare-group-row)'),
             r => [r.classList.contains('vlm-differs'),
                   getComputedStyle(r.cells[r.cells.length - 1]).backgroundColor])"""
    )
    assert backgrounds and all(differs for differs, _colour in backgrounds)
    assert {colour for _differs, colour in backgrounds} == {"rgba(234, 179, 8, 0.16)"}
    page.close()
