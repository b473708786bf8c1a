#!/usr/bin/env bash
# A plain `pip install .` (no extras) in a fresh venv runs every command of the CLI, on
# $PYTHON and on every Python version the classifiers name (pyproject.toml; the tests
# check that they agree with PYTHONS below), so each claimed version is tested here.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHONS=(3.10 3.11 3.12 3.13)

interpreter() {  # pyenv's Python $1, else python$1 on PATH, if it runs
  local root="${PYENV_ROOT:-$HOME/.pyenv}" found
  found=$(ls -d "$root"/versions/"$1".*/bin/python"$1" 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$found" ]; then found=$(command -v "python$1") || return 1; fi
  "$found" -c 'import sys' && echo "$found"
}

plain_install() {  # $1: the Python to install with
  local venv=.venv-plain
  rm -rf "$venv" && "$1" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet .
  local out
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
  "$venv/bin/vlmtable" schema -o "$out/schema.json"
  # The project's settings from pyproject.toml (tomllib, or tomli before Python 3.11).
  mkdir "$out/project"
  printf '[tool.vlmtable]\nmissing = "n/a"\n' > "$out/project/pyproject.toml"
  printf 'columns:\n  - {key: model, label: Model}\n  - {key: size, label: Size, type: number}\nmodels:\n  - {model: A, size: n/a}\n' \
    > "$out/project/data.yaml"
  (cd "$out/project" && "$OLDPWD/$venv/bin/vlmtable" check data.yaml)
  "$venv/bin/python" -c "import sphinx_vlmtable, sphinx_vlmtable.importer; print('plain install: ok')"
  rm -rf "$out"
}

plain_install "${PYTHON:-python3}"
tested=$("${PYTHON:-python3}" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
for version in "${PYTHONS[@]}"; do
  [ "$version" = "$tested" ] && continue
  python=$(interpreter "$version") || { echo "Python $version is missing" >&2; exit 1; }
  echo "Python $version: $python"
  plain_install "$python"
done
