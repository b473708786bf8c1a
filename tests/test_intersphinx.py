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


#: Each link the reader's pages make: the name shown, the survey's anchor, the page.
LINKS = [
    ("Llama 3.2 Vision", "model-llama-3-2-vision", "index.html"),
    ("the small one", "model-gpt-4o-mini", "index.html"),
    ("Pixtral 12B", "model-pixtral-12b", "index.html"),
    ("Pixtral 12B", "model-pixtral-12b", "page_md.html"),
    ("Qwen2.5-VL", "model-qwen2-5-vl", "page_md.html"),
]


def reader_links(tmp_path: Path, inventory_place: str, inventory: str | None) -> list[str]:
    """Build the reader with the survey at ``inventory_place`` (its objects.inv at
    ``inventory``, or in that place); each of ``LINKS``' hrefs, in order."""
    conf = (
        "extensions.append('sphinx.ext.intersphinx')\n"
        f"intersphinx_mapping = {{'survey': ({inventory_place!r}, {inventory!r})}}\n"
    )
    reader = write_project(
        tmp_path / "reader", {"index.rst": READER_RST, "page_md.md": READER_MD}, conf
    )
    done = build(reader)
    assert done.warnings == ""
    hrefs = []
    for shown, _anchor, page in LINKS:
        link = r'<a class="reference external" href="([^"]*)"[^>]*>(<[^>]+>)*'
        found = re.search(link + re.escape(shown) + "<", done.read(page))
        assert found is not None, shown
        hrefs.append(found.group(1))
    return hrefs


def test_names_with_spaces_link_in_from_another_project(tmp_path: Path) -> None:
    built = survey(tmp_path)
    assert built.warnings == ""
    hrefs = reader_links(tmp_path, "https://survey.example/", str(built.outdir / "objects.inv"))
    assert hrefs == [f"https://survey.example/index.html#{anchor}" for _s, anchor, _p in LINKS]


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
    outdir = str(survey(tmp_path).outdir)
    hrefs = reader_links(tmp_path, outdir, None)
    assert hrefs == [f"{outdir}/index.html#{anchor}" for _s, anchor, _p in LINKS]
