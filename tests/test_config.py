"""Config values are checked once, on config-inited, and blamed on conf.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Built, build, copy_root
from htmltable import read_tables


@pytest.mark.sphinx("html", testroot="config", freshenv=True)
def test_a_sort_key_a_data_file_lacks_is_one_warning_per_file(built: Built) -> None:
    conf_py = built.srcdir / "conf.py"
    warnings = [line for line in built.warnings.splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings
    assert re.fullmatch(
        rf"{re.escape(str(conf_py))}:4: WARNING: vlmtable_default_sort '-size' names 'size', "
        r"which the data file data/unsized.yaml has no column for; its tables keep the "
        r"file's order \[vlmtable.config\]",
        warnings[0],
    ), warnings[0]
    sized, unsized, narrow = read_tables(built.read("index.html"))
    assert [row[0].text for row in sized.body] == ["Large", "Small"]  # sorted, -size
    assert [row[0].text for row in unsized.body] == ["Beta", "Alpha"]  # the file's order
    assert [row[0].text for row in narrow.body] == ["Beta", "Alpha"]
    assert "cannot be shown" not in built.read("other.html")


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (
            'vlmtable_default_sort = "year,,model"',
            "vlmtable_default_sort is not a sort "
            "specification: empty sort key in 'year,,model'; using the default ''",
        ),
        (
            "vlmtable_max_problems = 0",
            "vlmtable_max_problems must be a positive int; using the default 100",
        ),
        (
            "vlmtable_longtable_rows = True",
            "vlmtable_longtable_rows must be a int, not bool; using the default 30",
        ),
    ],
)
def test_a_malformed_value_is_one_warning_at_its_line_in_conf_py(
    tmp_path: Path, line: str, says: str
) -> None:
    srcdir = copy_root("config", tmp_path, f"\n{line}\n")
    done = build(srcdir)
    conf_lines = (srcdir / "conf.py").read_text().splitlines()
    number = conf_lines.index(line) + 1
    config_warnings = [w for w in done.warnings.splitlines() if "vlmtable.config" in w]
    assert config_warnings[0] == (
        f"{srcdir / 'conf.py'}:{number}: WARNING: {says} [vlmtable.config]"
    ), config_warnings
    assert sum(says in w for w in config_warnings) == 1
    assert "<table" in done.read("index.html")


def test_check_and_the_loader_import_neither_sphinx_nor_docutils() -> None:
    code = (
        "import sys\n"
        "import importlib, pkgutil\n"
        "import sphinx_vlmtable.data, sphinx_vlmtable.importer, sphinx_vlmtable.view\n"
        "from sphinx_vlmtable import cli\n"
        "for package in (sphinx_vlmtable.data, sphinx_vlmtable.view, sphinx_vlmtable.importer):\n"
        "    for module in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'{package.__name__}.{module.name}')\n"
        "cli.main(['check', sys.argv[1]])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils'))\n"
        "print(loaded)\n"
    )
    data = Path(__file__).parent / "roots" / "test-config" / "data" / "sized.yaml"
    result = subprocess.run(
        [sys.executable, "-c", code, str(data)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
