"""The CLI reference is generated from the parser ``vlmtable`` runs (the docs-only
directive ``vlmtable-cli-command`` in docs/_ext/vlmtable_docs.py): every command has its
section, every argument is listed with its help and default, every exit status with when,
and the page's synopsis and statuses are what ``vlmtable COMMAND --help`` prints."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest
from conftest import DOCS, build, write_files
from docutils import nodes

from sphinx_vlmtable.cli import COMMANDS, arguments_of, command_parsers, exit_statuses

CLI_PAGE = DOCS / "reference" / "cli.md"
DIRECTIVE = re.compile(r"^```\{vlmtable-cli-command\} (\S+)$", re.MULTILINE)


def test_every_command_has_its_generated_section_once() -> None:
    documented = DIRECTIVE.findall(CLI_PAGE.read_text(encoding="utf-8"))
    assert documented == [command.name for command in COMMANDS]


def test_every_argument_has_help() -> None:
    for name, parser in command_parsers().items():
        for action in arguments_of(parser):
            assert action.help, f"{name} {action.dest}"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> nodes.document:
    """A page of every command's generated reference, built as the docs build it."""
    srcdir = tmp_path_factory.mktemp("cli-reference")
    page = "".join(f"```{{vlmtable-cli-command}} {c.name}\n```\n\n" for c in COMMANDS)
    write_files(
        srcdir,
        {
            "conf.py": f"import sys\nsys.path.insert(0, {str(DOCS / '_ext')!r})\n"
            'extensions = ["myst_parser", "vlmtable_docs"]\n',
            "index.md": f"# The vlmtable command\n\n{page}",
        },
    )
    done = build(srcdir, "html")
    assert done.warnings == ""
    return done.doctree("index")


def _help_of(name: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", name, "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "88"},
    )
    return done.stdout


def test_the_synopses_are_the_usage_help_prints(reference: nodes.document) -> None:
    synopses = [block.astext() for block in reference.findall(nodes.literal_block)]
    assert len(synopses) == len(COMMANDS)
    for command, synopsis in zip(COMMANDS, synopses, strict=True):
        usage = _help_of(command.name).split("\n\n")[0]
        assert usage.split() == f"usage: {synopsis}".split()  # wrapped at other widths


def _lists(reference: nodes.document) -> list[dict[str, str]]:
    return [
        {
            item[0].astext(): " ".join(item[1].astext().split())
            for item in listed.findall(nodes.definition_list_item)
        }
        for listed in reference.findall(nodes.definition_list)
    ]


def _described(listed: dict[str, str], action: argparse.Action) -> str:
    """What the reference says of an argument: the entry whose term names it."""
    for term, text in listed.items():
        words = re.split(r"[ ,]+", term)
        if action.option_strings and action.option_strings[0] in words:
            return text
        if not action.option_strings and words[0] == (action.metavar or action.dest.upper()):
            return text
    raise AssertionError(f"{action.dest} is not listed")


def test_each_argument_is_listed_with_its_help_and_default(reference: nodes.document) -> None:
    arguments = _lists(reference)[0::2]
    for command, listed in zip(COMMANDS, arguments, strict=True):
        parser = command_parsers()[command.name]
        shown = " ".join(_help_of(command.name).split())
        assert len(listed) == len(arguments_of(parser))
        for action in arguments_of(parser):
            described = _described(listed, action)
            assert described.split(" (default:")[0] in shown
            if action.nargs != 0 and action.default is not None:
                assert re.search(rf"default: {re.escape(str(action.default))}\b", described)


def test_each_exit_status_is_listed_as_help_prints_it(reference: nodes.document) -> None:
    statuses = _lists(reference)[1::2]
    for command, listed in zip(COMMANDS, statuses, strict=True):
        declared = {str(status): text for status, text in exit_statuses(command).items()}
        assert listed == {status: text.replace("``", "") for status, text in declared.items()}
        epilog = " ".join(_help_of(command.name).split("exit status:")[1].split())
        for status, text in listed.items():
            assert f"{status} {text}" in epilog


def test_export_and_a_missing_file_exit_as_the_reference_says(reference: nodes.document) -> None:
    statuses = dict(zip([c.name for c in COMMANDS], _lists(reference)[1::2], strict=True))
    assert statuses["export"]["1"].startswith("the file has problems")
    assert "it is missing" in statuses["export"]["2"]
    assert "a missing file" in statuses["diff"]["2"]
    assert "a file that is missing or cannot be read is one" in statuses["check"]["1"]
