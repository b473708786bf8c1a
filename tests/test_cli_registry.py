"""The registries the CLI is built from: each command of ``COMMANDS`` is a subcommand
with its own help, and each import format of ``IMPORT_FORMATS`` is a ``--from`` choice
that its file name endings choose."""

from __future__ import annotations

import pytest

from sphinx_vlmtable.cli import COMMANDS, main
from sphinx_vlmtable.importer import IMPORT_FORMATS, SourcePage, format_of


def help_of(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*arguments, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


def test_every_command_is_a_subcommand_with_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = [command.name for command in COMMANDS]
    assert names == ["check", "import", "init", "export", "diff", "schema"]
    top = help_of([], capsys)
    assert f"{{{','.join(names)}}}" in top
    for command in COMMANDS:
        assert " ".join(command.help.split()[:3]) in " ".join(top.split())
        assert help_of([command.name], capsys).startswith(f"usage: vlmtable {command.name} ")


def test_every_import_format_is_a_from_choice_chosen_by_its_endings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert list(IMPORT_FORMATS) == ["md", "html"]
    shown = " ".join(help_of(["import"], capsys).split())
    assert f"--from {{{','.join(IMPORT_FORMATS)}}}" in shown
    for name, each in IMPORT_FORMATS.items():
        assert each.name == name
        for suffix in each.suffixes:
            assert suffix in shown
            assert format_of(f"folder.v2/page{suffix.upper()}") is each
        assert isinstance(each.read(""), SourcePage)
    assert format_of("page.txt") is None
    assert format_of("page") is None
