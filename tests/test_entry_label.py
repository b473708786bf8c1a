"""What an entry is called (``vlmtable_entry_label``): a survey of frameworks says
"framework" in every word the extension writes (index entries, link titles, the
compare button and legend, chart captions, the changelog, warnings), translated where
the project's ``sphinx_vlmtable`` catalog has the words; the default stays "model"."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import Built, build, copy_root, write_files
from docutils import nodes

EXTRA_PAGES = {
    # A link to no entry, a comparison without the name column, and no changes.
    "words.rst": (
        "Words\n=====\n\nSee :vlm:model:`Nope` and :vlm:model:`Qwen-VL`.\n\n"
        ".. vlm-compare:: data/survey.yaml\n   :models: Qwen-VL, Qwen2-VL\n   :columns: year\n\n"
        ".. vlm-changes:: data/survey.yaml\n   :since: data/survey.yaml\n"
    ),
}


def framework_survey(
    tmp_path: Path, conf: str, files: dict[str, str] | None = None, builder: str = "html"
) -> Built:
    srcdir = copy_root("overview", tmp_path, conf=conf, files={**EXTRA_PAGES, **(files or {})})
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   compare_md\n", "   compare_md\n   words\n"))
    compile_catalogs(srcdir)
    return build(srcdir, builder)


def compile_catalogs(srcdir: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in srcdir.glob("locale/*/LC_MESSAGES/*.po"):
        with po.open("rb") as source:
            catalog = read_po(source)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalog)


def script_labels(page: str) -> dict[str, str]:
    found = re.search(r'data-labels="([^"]*)"', page)
    assert found is not None
    words: dict[str, str] = json.loads(html.unescape(found.group(1)))
    return words


def test_every_word_we_write_says_what_the_entries_are(tmp_path: Path) -> None:
    done = framework_survey(tmp_path, 'vlmtable_entry_label = "framework"\n')
    assert re.search(
        r'<a href="index.html#[^"]*">LLaVA-1.5 \(framework\)</a>', done.read("genindex.html")
    )
    assert script_labels(done.read("index.html"))["compare"] == "Compare the ticked frameworks"
    words = done.doctree("words")
    texts = [paragraph.astext() for paragraph in words.findall(nodes.paragraph)]
    assert "Rows in italics differ between the frameworks." in texts
    assert "No frameworks were added, updated or removed." in texts
    corner = next(words.findall(nodes.thead)).astext()
    assert corner.startswith("Framework")  # the name column is not shown
    captions = [caption.astext() for caption in done.doctree("charts").findall(nodes.caption)]
    assert captions[0].startswith("Timeline of 6 frameworks by Released")
    assert "(1 framework without a value for Parameters or MMMU left out.)" in captions[1]
    assert re.search(
        r"words.rst:4: WARNING: unknown framework 'Nope': no vlm-table with :index: shows it "
        r"\[vlmtable.reference\]",
        done.warnings,
    ), done.warnings
    assert 'title="Qwen-VL (framework)"' in done.read("words.html")
    assert '"Survey framework"' in done.read("searchindex.js")


def test_a_plural_of_its_own_and_a_catalog_that_translates_them(tmp_path: Path) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "analysis"\nmsgstr "Analyse"\n\n'
        'msgid "analyses"\nmsgstr "Analysen"\n\n'
        'msgid "Compare the ticked {entries}"\nmsgstr "Die markierten {entries} vergleichen"\n'
    )
    conf = (
        'vlmtable_entry_label = "analysis"\nvlmtable_entry_label_plural = "analyses"\n'
        'language = "de"\nlocale_dirs = ["locale"]\n'
    )
    path = "locale/de/LC_MESSAGES/sphinx_vlmtable.po"
    done = framework_survey(tmp_path, conf, files={path: po})
    assert re.search(r">LLaVA-1.5 \(Analyse\)</a>", done.read("genindex.html"))
    assert (
        script_labels(done.read("index.html"))["compare"] == "Die markierten Analysen vergleichen"
    )
    captions = [caption.astext() for caption in done.doctree("charts").findall(nodes.caption)]
    assert captions[0].startswith("Timeline of 6 Analysen by Released")
    assert "unknown Analyse 'Nope'" in done.warnings


def test_the_default_is_model(tmp_path: Path) -> None:
    done = framework_survey(tmp_path, "")
    assert re.search(r">LLaVA-1.5 \(model\)</a>", done.read("genindex.html"))
    assert script_labels(done.read("index.html"))["compare"] == "Compare the ticked models"
    assert "unknown model 'Nope'" in done.warnings
    assert '"Model survey model"' in done.read("searchindex.js")


FRAMEWORK = 'vlmtable_entry_label = "framework"\n'


def test_text_output_says_framework(tmp_path: Path) -> None:
    done = framework_survey(tmp_path, FRAMEWORK, builder="text")
    # The text writer wraps its lines.
    words, charts = (" ".join(done.read(name).split()) for name in ("words.txt", "charts.txt"))
    assert "Rows in italics differ between the frameworks." in words
    assert "No frameworks were added, updated or removed." in words
    assert "Timeline of 6 frameworks by Released" in charts
    assert "1 framework without a value for Parameters or MMMU left out." in charts
    for text in (words, charts):
        assert not re.search(r"\bmodels?\b", text), text
    assert "unknown framework 'Nope'" in done.warnings


def test_latex_output_says_framework(tmp_path: Path) -> None:
    done = framework_survey(tmp_path, FRAMEWORK, builder="latex")
    tex = done.read("project.tex")
    assert r"\index{LLaVA\sphinxhyphen{}1.5 (framework)@" in tex
    assert "Rows in italics differ between the frameworks." in tex
    assert "No frameworks were added, updated or removed." in tex
    assert "Timeline of 6 frameworks by Released" in tex
    assert "(model)" not in tex
    assert not re.search(r"\b(\d+ models|the models|No models)\b", tex)


def test_the_command_line_diff_says_framework(tmp_path: Path) -> None:
    data = "columns:\n  - {key: model, label: Model}\nmodels:\n  - {model: Alpha}\n"
    write_files(
        tmp_path,
        {"pyproject.toml": "[tool.vlmtable]\nentry-label = 'framework'\n", "a.yaml": data},
    )
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "diff", "a.yaml", "a.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "No frameworks were added, updated or removed." in done.stdout


def test_the_words_one_and_many() -> None:
    from sphinx_vlmtable.view.words import DEFAULT_WORDS, entry_words

    assert entry_words("model") == DEFAULT_WORDS
    assert entry_words(" framework ").count(1) == "1 framework"
    assert entry_words("framework").count(6) == "6 frameworks"
    assert entry_words("analysis", "analyses").count(0) == "0 analyses"
    assert entry_words("").title == "Model"
    assert entry_words("paper").title == "Paper"
