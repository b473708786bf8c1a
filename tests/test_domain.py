"""The vlm domain: links to rows from reST and MyST pages, the index, objects.inv, an
intersphinx reader project, unknown names, two homes, incremental builds and -j."""

from __future__ import annotations

import io
import os
import posixpath
import re
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import Built, build, copy_root, write_project
from htmltable import read_tables


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_roles_link_to_rows_from_rst_and_myst(built: Built) -> None:
    for page in ("links_rst.html", "links_md.html"):
        html = built.read(page)
        assert re.search(
            r'<a class="reference internal" href="index.html#model-llava" '
            r'title="LLaVA \(model\)"><span class="xref vlm vlm-model">LLaVA</span>',
            html,
        ), page
        assert re.search(
            r'href="index.html#model-qwen2-5-vl"[^>]*><span[^>]*>the Qwen one</span>', html
        ), page
    index = built.read("index.html")
    rows = [attrs["id"] for attrs in read_tables(index)[0].row_attrs]
    assert rows == ["model-llava", "model-qwen2-5-vl", "model-blip"]


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_unknown_names_warn_at_the_link_with_a_suggestion(built: Built) -> None:
    assert re.search(
        r"links_rst.rst:6: WARNING: unknown model 'LLaVa' \(did you mean 'LLaVA'\?\)"
        r": no vlm-table with :index: shows it \[vlmtable.reference\]",
        built.warnings,
    ), built.warnings
    assert re.search(
        r"links_md.md:5: WARNING: unknown model 'Qwen'.*\[vlmtable.reference\]", built.warnings
    )
    assert len(re.findall("WARNING", built.warnings)) == 2


@pytest.mark.sphinx("html", testroot="domain", freshenv=True)
def test_models_are_in_the_general_index_and_the_inventory(built: Built) -> None:
    genindex = built.read("genindex.html")
    assert re.search(r'<a href="index.html#model-llava">LLaVA \(model\)</a>', genindex)
    raw = (built.outdir / "objects.inv").read_bytes()
    body = zlib.decompress(raw[raw.index(b"\n", raw.index(b"zlib")) + 1 :]).decode()
    assert "LLaVA vlm:model 1 index.html#model-llava -" in body
    assert "Qwen2.5-VL vlm:model 1 index.html#model-qwen2-5-vl -" in body


def test_another_project_links_in_through_intersphinx(tmp_path: Path) -> None:
    survey = build(copy_root("domain", tmp_path))
    mapping = f"{{'survey': ('https://survey.example/', {str(survey.outdir / 'objects.inv')!r})}}"
    reader = copy_root(
        "reader",
        tmp_path / "reader",
        conf=(f"extensions.append('sphinx.ext.intersphinx')\nintersphinx_mapping = {mapping}\n"),
    )
    done = build(reader)
    assert done.warnings == ""
    for page in ("index.html", "page_md.html"):
        html = done.read(page)
        assert 'href="https://survey.example/index.html#model-llava"' in html
        assert 'href="https://survey.example/index.html#model-qwen2-5-vl"' in html


def test_two_homes_for_one_model_warn_naming_both(tmp_path: Path) -> None:
    srcdir = copy_root("domain", tmp_path)
    (srcdir / "second.rst").write_text("Second\n======\n\n.. vlm-table:: data/m.yaml\n   :index:\n")
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   links_md", "   links_md\n   second"))
    done = build(srcdir)
    assert re.search(
        r"second.rst:4: WARNING: the model 'LLaVA' has two home tables \(with "
        r":index:\): here and at index.rst:\d+; links go to the first "
        r"\[vlmtable.reference\]",
        done.warnings,
    ), done.warnings


@pytest.mark.parametrize("builder", ["latex", "singlehtml", "epub", "text"])
def test_links_in_other_builders(tmp_path: Path, builder: str) -> None:
    done = build(copy_root("domain", tmp_path), builder)
    # The root's two links to unknown models, as in HTML, and nothing else of ours.
    ours = [line for line in done.warnings.splitlines() if "[vlmtable." in line]
    assert len(ours) == 2 and all("unknown model" in line for line in ours), ours
    if builder == "latex":
        tex = done.read("project.tex")
        # The row's target is in its first cell, and the link points at it.
        assert "\\label{\\detokenize{index:model-llava}}" in tex
        assert "\\hyperref[\\detokenize{index:model-llava}]" in tex
    if builder == "singlehtml":
        html = done.read("index.html")
        # As Sphinx links its own labels in one page (its "#document-..." prefix).
        assert re.search(r'href="[^"]*#model-llava"', html)
        assert html.count('id="model-llava"') == 1


def test_parallel_build_resolves_the_same_links(tmp_path: Path) -> None:
    serial = build(copy_root("domain", tmp_path / "a"))
    parallel = build(copy_root("domain", tmp_path / "b"), parallel=2)
    for page in ("links_rst.html", "links_md.html", "index.html"):
        assert serial.read(page) == parallel.read(page)


def test_editing_the_data_file_updates_pages_that_only_link(tmp_path: Path) -> None:
    srcdir = copy_root("domain", tmp_path)
    build(srcdir)
    data = srcdir / "data" / "m.yaml"
    # LLaVA moves: it now comes second, under a new name that gives it a new anchor.
    data.write_text(data.read_text().replace("model: LLaVA", "model: LLaVA"))
    text = data.read_text().replace(
        "- {model: LLaVA", "- {model: BLIP-3, year: '2024'}\n  - {model: LLaVA"
    )
    data.write_text(text)
    later = time.time() + 10
    os.utime(data, (later, later))
    done = build(srcdir)
    rows = [attrs["id"] for attrs in read_tables(done.read("index.html"))[0].row_attrs]
    assert rows[0] == "model-blip-3"
    (srcdir / "data" / "m.yaml").write_text(text.replace("- {model: LLaVA", "- {model: LLaVA-1.5"))
    os.utime(data, (later + 10, later + 10))
    done = build(srcdir)
    assert "unknown model 'LLaVA'" in done.warnings  # the linking page was read again


def inventory_lines(done: Built) -> list[str]:
    raw = (done.outdir / "objects.inv").read_bytes()
    return zlib.decompress(raw[raw.index(b"\n", raw.index(b"zlib")) + 1 :]).decode().splitlines()


def test_names_cannot_shape_the_index_or_the_inventory(tmp_path: Path) -> None:
    done = build(copy_root("crafted-names", tmp_path))
    assert re.search(
        r"data/m.yaml:2: WARNING: the model 'A; B' has no index entry: ';' "
        r"separates sub-entries",
        done.warnings,
    ), done.warnings
    genindex = done.read("genindex.html")
    assert "A; B (model)" not in genindex and ">B (model)<" not in genindex
    lines = [line for line in inventory_lines(done) if "vlm:model" in line]
    assert "LLaVA_NeXT vlm:model 1 p.html#model-llava-next LLaVA NeXT" in lines
    # Read back as intersphinx reads it: every name is ours, none a Python function.
    from sphinx.util.inventory import InventoryFile

    raw = (done.outdir / "objects.inv").read_bytes()
    if hasattr(InventoryFile, "loads"):  # Sphinx 8.2 and later
        inventory: Any = InventoryFile.loads(raw, uri="u/")
    else:
        inventory = InventoryFile.load(io.BytesIO(raw), "u/", posixpath.join)
    items = inventory.data if hasattr(inventory, "data") else inventory
    assert "py:function" not in items
    assert "A;_B" in items["vlm:model"]
    assert 'href="#model-llava-next"' in done.read("p.html")  # the inventory name links too
    assert 'href="p.html#model-llava-next"' in done.read("q_md.html")
    assert "unknown model" not in done.warnings


def test_removing_the_first_home_makes_the_second_the_home(tmp_path: Path) -> None:
    srcdir = copy_root("domain", tmp_path)
    (srcdir / "second.rst").write_text("Second\n======\n\n.. vlm-table:: data/m.yaml\n   :index:\n")
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   links_md", "   links_md\n   second"))
    build(srcdir)
    index.write_text(index.read_text().replace(":index:", ""))
    later = time.time() + 10
    os.utime(index, (later, later))
    done = build(srcdir)
    assert "unknown model 'LLaVA'" not in done.warnings, done.warnings
    assert 'href="second.html#model-llava"' in done.read("links_rst.html")
    assert "LLaVA vlm:model 1 second.html#model-llava -" in inventory_lines(done)


@pytest.mark.slow
def test_did_you_mean_prefers_case_prefix_and_substring_and_is_bounded(tmp_path: Path) -> None:
    models = "".join(f"  - {{model: 'Model {number:05}'}}\n" for number in range(10_000))
    data = f"models:\n  - {{model: HuBERT Large}}\n  - {{model: NBEATSModel}}\n{models}"
    links = "".join(f":vlm:model:`Unknown {number}`\n\n" for number in range(200))
    page = (
        "P\n=\n\n.. vlm-table:: data/m.yaml\n   :index:\n\n:vlm:model:`HuBERT` "
        f":vlm:model:`nbeatsmodel`\n\n{links}"
    )
    srcdir = write_project(tmp_path / "src", {"data/m.yaml": data, "p.rst": page})
    started = time.monotonic()
    done = build(srcdir)
    assert time.monotonic() - started < 120
    assert "unknown model 'HuBERT' (did you mean 'HuBERT Large'?)" in done.warnings
    assert "unknown model 'nbeatsmodel' (did you mean 'NBEATSModel'?)" in done.warnings
    assert len(re.findall("did you mean", done.warnings)) <= 20
    assert len(re.findall("unknown model", done.warnings)) == 202


def test_renamed_models_keep_their_links_and_anchors_through_aliases(tmp_path: Path) -> None:
    srcdir = copy_root("aliases", tmp_path)
    done = build(srcdir)
    assert re.search(
        r"data/m.yaml:5: WARNING: the alias 'HuBERT' of 'Other' already names a "
        r"model \(line 4\); it is left out",
        done.warnings,
    ), done.warnings
    assert "unknown model" not in done.warnings
    table = read_tables(done.read("p.html"))[0]
    assert [row[0].text for row in table.body] == ["N-BEATS", "HuBERT Large", "Other"]
    html = done.read("p.html")
    ids = [attrs["id"] for attrs in table.row_attrs]
    assert ids == ["model-n-beats", "model-hubert-large", "model-other"]
    # The former anchors stay on the same row (HTML writes extra ids as empty spans).
    row = html[html.index('id="model-n-beats"') : html.index('id="model-hubert-large"')]
    assert 'id="model-nbeatsmodel"' in row and 'id="model-n-beats-model"' in row
    for page in ("links.html", "links_md.html"):
        linked = done.read(page)
        assert 'href="p.html#model-nbeatsmodel"' in linked
        assert 'href="p.html#model-hubert"' in linked
        assert 'href="p.html#model-n-beats"' in linked
    inventory = inventory_lines(done)
    assert "NBEATSModel vlm:model 1 p.html#model-nbeatsmodel -" in inventory
    assert "HuBERT vlm:model 1 p.html#model-hubert -" in inventory
    latex = build(srcdir, "latex").read("project.tex")
    assert "\\label{\\detokenize{p:model-nbeatsmodel}}" in latex
