"""The JSON Schema of data files, as the package ships it: published at its ``$id`` (every
HTML build copies it into ``_static``) and printed by ``vlmtable schema``."""

from __future__ import annotations

import json
from pathlib import Path

#: The schema file in the package.
SCHEMA_FILE = Path(__file__).parent.parent / "vlmtable.schema.json"
#: Where an HTML build puts it, relative to its output folder: the path its ``$id`` names.
SCHEMA_IN_BUILD = ("_static", SCHEMA_FILE.name)


def schema_text() -> str:
    """The schema as the package ships it (UTF-8 JSON)."""
    return SCHEMA_FILE.read_text(encoding="utf-8")


def schema_id() -> str:
    """The URL the schema names itself by (``$id``): where the docs publish it."""
    identifier: str = json.loads(schema_text())["$id"]
    return identifier
