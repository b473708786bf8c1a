"""Every exit status a command declares (``Command.exit_statuses``, which the CLI
reference and ``--help`` show) is the one it returns, in a scenario for each: and every
declared status has one, so a status the code stops returning, or one it starts
returning undeclared, fails here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sphinx_vlmtable.cli import COMMANDS, exit_statuses, main

VALID = "models:\n  - {model: LLaVA, year: '2023.04'}\n"
TYPO = "models:\n  - {model: LLaVA, yeer: '2023.04'}\n"
BROKEN = "models: [\n"
PAGE = "| Model | Year |\n|---|---|\n| [LLaVA](https://llava-vl.github.io/) | 2023 |\n"
#: A row with content and no name: left out, so the receipt does not balance.
NAMELESS = PAGE + "|  | 2024 |\n"


@dataclass(frozen=True)
class Scenario:
    command: str
    status: int
    arguments: tuple[str, ...]
    #: What standard output and error together hold.
    says: str
    files: dict[str, str] = field(default_factory=dict)
    #: A file the command writes, with a text it holds.
    writes: tuple[str, str] | None = None


SCENARIOS = [
    Scenario("check", 0, ("a.yaml",), "", {"a.yaml": VALID}),
    Scenario("check", 1, ("a.yaml",), "no column has that key", {"a.yaml": TYPO}),
    Scenario("check", 1, ("gone.yaml",), "gone.yaml:1:1: cannot read the file"),
    Scenario("check", 2, ("a.yaml", "--max-problems", "0"), "is not above 0"),
    Scenario("import", 0, ("t.md", "-o", "t.yaml"), "", {"t.md": PAGE}, ("t.yaml", "LLaVA")),
    Scenario("import", 0, ("t.md", "--list"), "1: line 1: Model | Year", {"t.md": PAGE}),
    Scenario(
        "import",
        1,
        ("t.md", "-o", "t.yaml"),
        "not carried over",
        {"t.md": NAMELESS},
        ("t.yaml", "LLaVA"),
    ),
    Scenario("import", 2, ("gone.md",), "cannot read gone.md"),
    Scenario("import", 2, ("t.md", "--page", "p.md"), "--page needs -o", {"t.md": PAGE}),
    Scenario("import", 2, ("t.md", "--table", "2"), "there is no table 2", {"t.md": PAGE}),
    Scenario("import", 2, ("t.txt",), "cannot tell the format", {"t.txt": PAGE}),
    Scenario("export", 0, ("a.yaml",), "LLaVA,2023.04", {"a.yaml": VALID}),
    Scenario("export", 1, ("a.yaml",), "LLaVA,,", {"a.yaml": TYPO}),
    Scenario("export", 1, ("a.yaml",), "a.yaml:2:1: invalid YAML", {"a.yaml": BROKEN}),
    Scenario("export", 1, ("a.yaml", "--sort", "nope"), "cannot sort by 'nope'", {"a.yaml": VALID}),
    Scenario("export", 2, ("gone.yaml",), "cannot read gone.yaml"),
    Scenario("export", 2, ("a.yaml", "-o", "a.yaml/x.csv"), "cannot write", {"a.yaml": VALID}),
    Scenario("export", 2, ("a.yaml", "--format", "xls"), "invalid choice", {"a.yaml": VALID}),
    Scenario("diff", 0, ("a.yaml", "b.yaml"), "No models", {"a.yaml": VALID, "b.yaml": VALID}),
    Scenario("diff", 0, ("a.yaml", "b.yaml"), "no column", {"a.yaml": TYPO, "b.yaml": VALID}),
    Scenario(
        "diff",
        1,
        ("a.yaml", "b.yaml"),
        "a.yaml:2:1: invalid YAML",
        {"a.yaml": BROKEN, "b.yaml": VALID},
    ),
    Scenario("diff", 2, ("gone.yaml", "b.yaml"), "cannot read gone.yaml", {"b.yaml": VALID}),
    Scenario("diff", 2, ("git:v1", "b.yaml"), "cannot read git:v1", {"b.yaml": VALID}),
    Scenario(
        "diff", 2, ("a.yaml", "a.yaml", "-o", "a.yaml/x.md"), "cannot write", {"a.yaml": VALID}
    ),
    Scenario("init", 0, ("p", "--from", "t.md"), "wrote p", {"t.md": PAGE}, ("p/conf.py", "")),
    Scenario("init", 1, ("p", "--from", "t.md"), "NOT balanced", {"t.md": NAMELESS}),
    Scenario("init", 2, (".", "--from", "t.md"), "not an empty folder", {"t.md": PAGE}),
    Scenario("init", 2, ("p", "--from", "gone.md"), "gone.md"),
    Scenario("schema", 0, ("-o", "s.json"), "", writes=("s.json", '"$id"')),
    Scenario("schema", 2, ("-o", "s.json/x"), "cannot write", {"s.json": "{}"}),
    Scenario("schema", 2, ("--output",), "expected one argument"),
]


def _named(scenario: Scenario) -> str:
    return f"{scenario.command} {' '.join(scenario.arguments)} -> {scenario.status}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[_named(s) for s in SCENARIOS])
def test_each_command_exits_as_declared(
    scenario: Scenario,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, text in scenario.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    try:
        status = main([scenario.command, *scenario.arguments])
    except SystemExit as exited:  # argparse's usage error
        assert isinstance(exited.code, int)
        status = exited.code
    printed = capsys.readouterr()
    assert status == scenario.status
    assert scenario.says in printed.out + printed.err
    assert "Traceback" not in printed.err
    if scenario.writes is not None:
        written, holds = scenario.writes
        assert holds in (tmp_path / written).read_text(encoding="utf-8")


def test_every_declared_status_has_a_scenario_and_no_other_is_returned() -> None:
    for command in COMMANDS:
        declared = set(exit_statuses(command))
        run = {s.status for s in SCENARIOS if s.command == command.name}
        assert run == declared, command.name
        assert 0 in command.exit_statuses and command.exit_statuses
