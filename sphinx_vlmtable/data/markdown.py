"""Text as literal Markdown, and links that read back as written: shared by the
importer (pages and markup cells it writes) and the Markdown export. Pure strings."""

from __future__ import annotations

import re

#: The punctuation that starts markup in a MyST line: code, emphasis, links and images,
#: roles and attributes, HTML and autolinks, entities, math, strike-through, a heading's
#: closing ``#``. (CommonMark lets a backslash escape any ASCII punctuation.)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>!&#~$|^])")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown_target(url: str) -> str:
    """A link target that reads back as ``url`` (angle brackets around spaces, parens)."""
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def markdown_link(text: str, url: str) -> str:
    """A Markdown link that reads back as this text and url."""
    return f"[{markdown_text(text)}]({markdown_target(url)})"
