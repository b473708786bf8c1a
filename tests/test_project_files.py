"""The files that publish the project: Read the Docs' config, the package metadata."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from sphinx.testing.util import SphinxTestApp

import sphinx_vlmtable

TOP = Path(__file__).parent.parent
RTD_SCHEMA = TOP.parent / "shared" / "rtd" / "schema.json"


def test_readthedocs_config_matches_the_published_schema() -> None:
    if not RTD_SCHEMA.exists():
        pytest.skip(f"Read the Docs' schema is not at {RTD_SCHEMA}")
    config = yaml.safe_load((TOP / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(config, json.loads(RTD_SCHEMA.read_text(encoding="utf-8")))
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert sorted(config["formats"]) == ["epub", "htmlzip", "pdf"]
    assert config["python"]["install"] == [
        {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    ]


@pytest.mark.sphinx("html", testroot="builders")
def test_setup_returns_our_version_and_parallel_safety(app: SphinxTestApp) -> None:
    extension = app.extensions["sphinx_vlmtable"]
    assert extension.version == sphinx_vlmtable.__version__
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
