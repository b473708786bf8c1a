# Two commands on a fresh machine with Python 3 and make: `make docs` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SPHINXOPTS ?=
DOCS_OUT := docs/_build

.PHONY: pdf-layout quick plain-install docs-commands docs test lint typecheck pytest docs-check clean bench test-oldest pdf rtd browser validators

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the declared dependencies change.
$(VENV)/.docs-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs,test]"
	touch $@ $(VENV)/.docs-installed

docs: $(VENV)/.docs-installed
	$(BIN)/sphinx-build -W --keep-going -b html $(SPHINXOPTS) docs $(DOCS_OUT)/html
	@echo "The docs are in $(DOCS_OUT)/html/index.html; the seed page is $(DOCS_OUT)/html/summary.html"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check sphinx_vlmtable tests docs benchmarks
	$(BIN)/ruff format --check sphinx_vlmtable tests docs benchmarks

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

pytest: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q

# While working: every test but the few slow ones (make test runs them all).
quick: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -m "not browser and not slow and not pdf and not docs_commands"

# The docs must build clean from scratch with warnings as errors.
docs-check: $(VENV)/.test-installed
	rm -rf $(DOCS_OUT)/check
	$(BIN)/sphinx-build -W --keep-going -q -E -b html docs $(DOCS_OUT)/check/html

test: lint typecheck pytest docs-check

# The PDF, as Read the Docs makes it: LaTeX, then latexmk (needs TeX: see .ci/run).
pdf: $(VENV)/.docs-installed
	rm -rf $(DOCS_OUT)/latex
	$(BIN)/sphinx-build -W --keep-going -q -b latex docs $(DOCS_OUT)/latex
	cd $(DOCS_OUT)/latex && latexmk -pdf -interaction=nonstopmode -halt-on-error -quiet sphinx-vlmtable.tex
	@echo "The PDF is $(DOCS_OUT)/latex/sphinx-vlmtable.pdf"

# Real-sized tables to PDF, read back from pdftotext's word boxes (needs TeX, poppler).
pdf-layout: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -m pdf tests/pdf

# The commands Read the Docs runs for .readthedocs.yaml, from a clean build directory.
RTD_OUT := $(DOCS_OUT)/rtd
RTD_SPHINX := $(BIN)/python -m sphinx -T -W --keep-going -d $(RTD_OUT)/doctrees -D language=en
rtd: $(VENV)/.docs-installed
	rm -rf $(RTD_OUT)
	$(RTD_SPHINX) -b html docs $(RTD_OUT)/html
	$(RTD_SPHINX) -b singlehtml docs $(RTD_OUT)/htmlzip
	cd $(RTD_OUT) && $(abspath $(BIN))/python -m zipfile -c sphinx-vlmtable.zip htmlzip
	$(RTD_SPHINX) -b epub docs $(RTD_OUT)/epub
	$(RTD_SPHINX) -b latex docs $(RTD_OUT)/pdf
	cd $(RTD_OUT)/pdf && latexmk -r latexmkrc -pdf -f -dvi- -ps- -jobname=sphinx-vlmtable -interaction=nonstopmode -quiet
	test -s $(RTD_OUT)/pdf/sphinx-vlmtable.pdf
	$(BIN)/python ci/check_pdf.py $(RTD_OUT)/pdf/sphinx-vlmtable.pdf docs/data/vlms.yaml

# The seed page in five themes in headless Chromium (Debian's chromium; see .ci/run).
$(VENV)/.browser-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[docs,test,browser]"
	touch $@ $(VENV)/.test-installed $(VENV)/.docs-installed

# The validators the browser tests run: the Nu Html Checker and axe-core from npm (Java
# and epubcheck from Debian: see .ci/run). Pinned, in .tools/, never global.
TOOLS := .tools
$(TOOLS)/.installed: Makefile
	mkdir -p $(TOOLS)
	npm install --no-save --no-audit --no-fund --ignore-scripts --prefix $(TOOLS) \
		vnu-jar@26.9.27 axe-core@4.14.1
	touch $@

browser: $(VENV)/.browser-installed $(TOOLS)/.installed
	$(BIN)/mypy tests/browser/*.py
	$(BIN)/python -m pytest -q -m browser tests/browser
	@echo "Screenshots and validator findings are in test-artifacts/browser/"

validators: $(VENV)/.browser-installed $(TOOLS)/.installed
	$(BIN)/python -m pytest -q -m browser tests/browser/test_validators.py

# The tests again with the oldest versions pyproject.toml claims (ci/oldest-constraints.txt).
OLDEST := .venv-oldest
$(OLDEST)/.installed: pyproject.toml ci/oldest-constraints.txt
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python -m pip install --quiet -c ci/oldest-constraints.txt -e ".[test]"
	touch $@

test-oldest: $(OLDEST)/.installed
	$(OLDEST)/bin/python -m pip list 2>/dev/null | grep -iE "^(sphinx|docutils|myst-parser|pyyaml) "
	$(OLDEST)/bin/python -m pytest -q

# The tutorial and the README followed as written: each in an empty folder with a fresh
# venv that installs this checkout from the package index pip is set up with.
docs-commands: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -m docs_commands tests/test_docs_first_hour.py

# A plain `pip install .` in a fresh venv (no extras) runs every CLI command.
plain-install:
	PYTHON=$(PYTHON) bash ci/plain_install.sh

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(DOCS_OUT) .mypy_cache .ruff_cache .pytest_cache
