"""The blocks of a docs page that tests run: each marked by an HTML comment on the line
before it, which neither GitHub, PyPI nor the built docs show:

- ``<!-- test: run -->``: shell commands, run in order in the page's folder;
- ``<!-- test: file PATH -->``: the whole content of the file PATH (relative to that folder);
- ``<!-- test: output -->``: a console session, ``$ command`` lines each followed by
  what it prints (standard output and error, as a terminal shows them).

Options follow commas: ``exit N`` (each command of an ``output`` block exits N; default 0),
``only VARIANT`` (the block belongs to one of the page's variants, such as ``rst`` or
``md``: a test runs the page once per variant) and ``tag NAME`` (the folder is a git
repository whose commit, tagged NAME, holds its files as they are before the block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

MARKER = re.compile(r"<!--\s*test:\s*(?P<kind>run|file|output)(?P<rest>[^>]*?)\s*-->")
KINDS = ("run", "file", "output")


@dataclass(frozen=True)
class Block:
    """A marked block of a page."""

    kind: str
    content: str
    #: The page and the block's first line in it, for messages.
    where: str
    path: str = ""
    exit: int = 0
    only: str | None = None
    tag: str | None = None

    def commands(self) -> list[tuple[str, list[str]]]:
        """An ``output`` block's commands, each with the lines it prints."""
        found: list[tuple[str, list[str]]] = []
        for line in self.content.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            else:
                assert found, f"{self.where}: output before the first $ command"
                found[-1][1].append(line)
        return found


def _block(kind: str, rest: str, content: str, where: str) -> Block:
    path, *options = (part.strip() for part in rest.split(","))
    settings: dict[str, str] = {}
    for option in options:
        name, _, value = option.partition(" ")
        assert name in ("exit", "only", "tag") and value, f"{where}: unknown option {option!r}"
        settings[name] = value.strip()
    assert bool(path) == (kind == "file"), f"{where}: a path belongs to file blocks only"
    return Block(
        kind,
        content,
        where,
        path,
        int(settings.get("exit", "0")),
        settings.get("only"),
        settings.get("tag"),
    )


def marked_blocks(page: Path) -> list[Block]:
    """The page's marked blocks, in order; a marker not right before a block fails."""
    tokens = MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8"))
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        found = MARKER.search(token.content) if token.type == "html_block" else None
        if found is None:
            continue
        line = (token.map or [0])[0] + 1
        where = f"{page.name}:{line}"
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        assert after is not None and after.type == "fence", f"{where}: no block after the marker"
        assert (after.map or [0])[0] == (token.map or [0])[1], f"{where}: a line between"
        blocks.append(_block(found["kind"], found["rest"], after.content, where))
    return blocks


def fenced_blocks(page: Path) -> list[tuple[str, str, int]]:
    """Every fenced block of a page: its info string, content and first line."""
    tokens = MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8"))
    return [
        (token.info, token.content, (token.map or [0])[0] + 1)
        for token in tokens
        if token.type == "fence"
    ]


def shell_script(blocks: list[Block], variant: str | None = None) -> str:
    """The page's ``run`` and ``file`` blocks as one bash script, in the page's order (a
    ``cd`` in one block holds for the next): a file is written where the commands are."""
    lines = ["set -euo pipefail"]
    for block in blocks:
        if block.only not in (None, variant):
            continue
        if block.kind == "run":
            lines.append(block.content)
        elif block.kind == "file":
            assert "VLMTABLE_EOF" not in block.content
            lines.append(f'mkdir -p "$(dirname {block.path})"')
            lines.append(f"cat > {block.path} <<'VLMTABLE_EOF'\n{block.content}VLMTABLE_EOF")
        else:
            lines += [command for command, _printed in block.commands()]
    return "\n".join(lines) + "\n"
