#!/usr/bin/env bash
# A plain `pip install .` (no extras) in a fresh venv runs every command of the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-plain
rm -rf "$venv" && "${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet .
out=$(mktemp -d)
"$venv/bin/vlmtable" --version
"$venv/bin/vlmtable" check docs/data/*.yaml
"$venv/bin/vlmtable" export docs/data/vlms.yaml --format csv -o "$out/vlms.csv"
"$venv/bin/vlmtable" export docs/data/vlms.yaml --format md -o "$out/vlms.md"
"$venv/bin/vlmtable" import "$out/vlms.md" -o "$out/from-md.yaml"
printf '<table><tr><th>Model</th><th>Year</th></tr><tr><td>A</td><td>2024</td></tr></table>\n' \
  > "$out/t.html"
"$venv/bin/vlmtable" import "$out/t.html" -o "$out/from-html.yaml"
"$venv/bin/vlmtable" check "$out/from-md.yaml" "$out/from-html.yaml"
"$venv/bin/python" -c "import sphinx_vlmtable, sphinx_vlmtable.importer; print('plain install: ok')"
rm -rf "$out"
