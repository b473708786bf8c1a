"""A model named with spaces (and ``.``, ``-``, ``/``) links from another project by its
name as shown: two real projects, the reader's intersphinx reading the survey's
``objects.inv`` from a file, as ``roots/test-reader`` does."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Built, build, write_project

SURVEY_DATA = """\
columns:
  - {key: model, label: Model}
  - {key: year, label: Year}
models:
  - {model: Llama 3.2 Vision, year: "2024"}
  - {model: GPT-4o / mini, year: "2024"}
  - {model: Pixtral 12B, year: "2024"}
  - {model: Qwen2.5-VL, year: "2025"}
"""
READER_RST = """\
Reader
======

We use :vlm:model:`Llama 3.2 Vision`, :vlm:model:`the small one <GPT-4o / mini>` and
:external+survey:vlm:model:`Pixtral 12B`.

.. toctree::

   page_md
"""
READER_MD = """\
# Reader in MyST

We use {vlm:model}`Pixtral 12B` and {vlm:model}`Qwen2.5-VL`.
"""


def survey(tmp_path: Path) -> Built:
    page = (
        "Survey\n======\n\n.. vlm-table:: data/m.yaml\n   :index:\n\n"
        "Here: :vlm:model:`Llama 3.2 Vision`.\n"
    )
    srcdir = write_project(tmp_path / "survey", {"index.rst": page, "data/m.yaml": SURVEY_DATA})
    return build(srcdir)


def test_names_with_spaces_link_in_from_another_project(tmp_path: Path) -> None:
    built = survey(tmp_path)
    assert built.warnings == ""
    inventory = str(built.outdir / "objects.inv")
    conf = (
        "extensions.append('sphinx.ext.intersphinx')\n"
        f"intersphinx_mapping = {{'survey': ('https://survey.example/', {inventory!r})}}\n"
    )
    reader = write_project(
        tmp_path / "reader", {"index.rst": READER_RST, "page_md.md": READER_MD}, conf
    )
    done = build(reader)
    assert done.warnings == ""
    index, page = done.read("index.html"), done.read("page_md.html")
    for shown, anchor, html in [
        ("Llama 3.2 Vision", "model-llama-3-2-vision", index),
        ("the small one", "model-gpt-4o-mini", index),
        ("Pixtral 12B", "model-pixtral-12b", index),
        ("Pixtral 12B", "model-pixtral-12b", page),
        ("Qwen2.5-VL", "model-qwen2-5-vl", page),
    ]:
        link = rf'<a class="reference external" href="https://survey.example/index.html#{anchor}"'
        assert re.search(link + r"[^>]*>(<[^>]+>)*" + re.escape(shown) + "<", html), shown


def test_the_same_names_resolve_at_home_and_warn_as_written(tmp_path: Path) -> None:
    built = survey(tmp_path)
    html = built.read("index.html")
    assert re.search(
        r'href="#model-llama-3-2-vision" title="Llama 3.2 Vision \(model\)">'
        r'<span class="xref vlm vlm-model">Llama 3.2 Vision</span>',
        html,
    )
    srcdir = write_project(
        tmp_path / "unknown",
        {
            "index.rst": "Survey\n======\n\n.. vlm-table:: data/m.yaml\n   :index:\n\n"
            "Not here: :vlm:model:`Llama 3.2 Visio`.\n",
            "data/m.yaml": SURVEY_DATA,
        },
    )
    warnings = build(srcdir).warnings
    assert "unknown model 'Llama 3.2 Visio' (did you mean 'Llama 3.2 Vision'?)" in warnings


def test_a_local_build_directory_as_the_inventory(tmp_path: Path) -> None:
    """The mapping names the survey's output folder (``objects.inv`` in it): the links
    go to the survey's page anchors in that folder."""
    built = survey(tmp_path)
    outdir = str(built.outdir)
    conf = (
        "extensions.append('sphinx.ext.intersphinx')\n"
        f"intersphinx_mapping = {{'survey': ({outdir!r}, None)}}\n"
    )
    reader = write_project(
        tmp_path / "reader", {"index.rst": READER_RST, "page_md.md": READER_MD}, conf
    )
    done = build(reader)
    assert done.warnings == ""
    index, page = done.read("index.html"), done.read("page_md.html")
    for shown, anchor, html in [
        ("Llama 3.2 Vision", "model-llama-3-2-vision", index),
        ("the small one", "model-gpt-4o-mini", index),
        ("Pixtral 12B", "model-pixtral-12b", page),
        ("Qwen2.5-VL", "model-qwen2-5-vl", page),
    ]:
        link = r'<a class="reference external" href="([^"]*)"[^>]*>(<[^>]+>)*'
        found = re.search(link + re.escape(shown) + "<", html)
        assert found is not None, shown
        assert found.group(1) == f"{outdir}/index.html#{anchor}", found.group(1)
