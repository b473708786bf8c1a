"""The files that publish the project: Read the Docs' config, the package metadata."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import Built

import sphinx_vlmtable

TOP = Path(__file__).parent.parent


def test_readthedocs_config_matches_the_published_schema() -> None:
    # Read the Docs' own schema, as check-jsonschema vendors and updates it.
    vendored = files("check_jsonschema.builtin_schemas.vendor") / "readthedocs.json"
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    config = yaml.safe_load((TOP / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(config, schema)
    with pytest.raises(jsonschema.ValidationError):  # the schema does check something
        jsonschema.validate({**config, "version": 1}, schema)
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert sorted(config["formats"]) == ["epub", "htmlzip", "pdf"]
    assert config["python"]["install"] == [
        {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    ]


@pytest.mark.sphinx("html", testroot="builders")
def test_setup_returns_our_version_and_parallel_safety(built: Built) -> None:
    extension = built.app.extensions["sphinx_vlmtable"]
    assert extension.version == sphinx_vlmtable.__version__
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True


def _schema() -> dict[str, Any]:
    path = TOP / "sphinx_vlmtable" / "vlmtable.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_loader_keys_and_json_schema_agree() -> None:
    from sphinx_vlmtable.data import model, validate

    definitions = _schema()["definitions"]
    leaf, group = definitions["column"]["oneOf"]
    assert set(_schema()["properties"]) == set(validate.TOP_LEVEL_KEYS)
    assert set(leaf["properties"]) | set(group["properties"]) == set(validate.COLUMN_KEYS)
    assert set(definitions["task"]["properties"]) == set(validate.TASK_KEYS)
    assert set(definitions["cell"]["oneOf"][1]["properties"]) == set(validate.CELL_KEYS)
    assert set(definitions["model"]["properties"]) == {
        model.MODEL_KEY,
        *model.RESERVED_MODEL_KEYS,
    }


def test_data_format_page_documents_every_key() -> None:
    from sphinx_vlmtable.data import model, validate

    page = (TOP / "docs" / "reference" / "data-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^`(\w+)`", page, re.MULTILINE))
    every_key = {
        *validate.TOP_LEVEL_KEYS,
        *validate.COLUMN_KEYS,
        *validate.TASK_KEYS,
        *validate.CELL_KEYS,
        model.MODEL_KEY,
        model.URL_KEY,
    }
    assert every_key - {"text"} <= documented  # `text` is shown in the cell example
    assert "`text`" in page
    # The default layout shown on the page is the one the loader uses.
    default = yaml.safe_load(
        page.split("The default layout is:", 1)[1].split("```yaml")[1].split("```")[0]
    )
    assert [c.get("key") or c["label"] for c in default["columns"]] == [
        c.key or c.label for c in model.DEFAULT_COLUMNS
    ]


def test_every_directive_option_has_help_for_the_reference() -> None:
    from sphinx_vlmtable import directives

    for name in directives.__all__[1:]:
        directive = getattr(directives, name)
        assert set(directive.option_help) == set(directive.option_spec or {}), directive
        assert all(text.strip() for text in directive.option_help.values())


def test_the_version_is_the_changelogs_newest_and_the_cli_says_it() -> None:
    changelog = (TOP / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert newest and newest.group(1) == sphinx_vlmtable.__version__
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert sphinx_vlmtable.__version__ in done.stdout + done.stderr
