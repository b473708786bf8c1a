"""The data files' schema, published where its ``$id`` says: every HTML build serves it at
``_static/vlmtable.schema.json``; a validator fetches it from the built site and checks
data files with it; ``vlmtable schema`` prints it; the docs' editor set-up names it."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build, copy_root, write_files

from sphinx_vlmtable.data.schema import SCHEMA_FILE, schema_id

TOP = Path(__file__).parent.parent
#: Read the Docs serves a version's build under /<language>/<version>/.
VERSION_PREFIX = "/en/latest/"


def path_in_build() -> str:
    path = urlsplit(schema_id()).path
    assert path.startswith(VERSION_PREFIX)
    return path[len(VERSION_PREFIX) :]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder on a loopback HTTP server (as a static host serves a built site)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_html_build_serves_the_schema_at_the_path_its_id_names(
    tmp_path: Path, builder: str
) -> None:
    done = build(copy_root("builders", tmp_path), builder)
    with (
        served(done.outdir) as site,
        urllib.request.urlopen(site + path_in_build(), timeout=30) as response,
    ):
        assert response.status == 200
        assert response.read() == SCHEMA_FILE.read_bytes()


def test_a_latex_build_gets_no_schema(tmp_path: Path) -> None:
    done = build(copy_root("builders", tmp_path), "latex")
    assert not list(done.outdir.rglob("*.schema.json"))


def test_check_jsonschema_validates_data_files_with_the_schema_from_the_built_site(
    tmp_path: Path,
) -> None:
    done = build(copy_root("builders", tmp_path), "html")
    good = tmp_path / "good.yaml"
    bad = tmp_path / "bad.yaml"
    write_files(
        tmp_path,
        {
            "good.yaml": "models:\n  - {model: A, year: '2024'}\n",
            "bad.yaml": "models:\n  - {model: A}\nmodel_typo: 1\n",
        },
    )
    with served(done.outdir) as site:
        url = site + path_in_build()
        for path, expected in ((good, 0), (bad, 1)):
            checked = subprocess.run(
                [
                    *(sys.executable, "-m", "check_jsonschema", "--no-cache"),
                    *("--schemafile", url, str(path)),
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert checked.returncode == expected, checked.stdout + checked.stderr
    assert "model_typo" in checked.stdout + checked.stderr


def test_vlmtable_schema_prints_the_shipped_schema(tmp_path: Path) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "schema"],
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert printed.stdout == SCHEMA_FILE.read_bytes()
    assert json.loads(printed.stdout)["$id"] == schema_id()


def test_the_editor_set_up_names_the_published_schema() -> None:
    page = (TOP / "docs" / "howto" / "check-data.md").read_text(encoding="utf-8")
    assert f"# yaml-language-server: $schema={schema_id()}" in page
    settings = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    assert list(settings["yaml.schemas"]) == [schema_id()]
