"""RFC 4287's schema for an Atom feed document, as a checker: the elements its RELAX NG
grammar (appendix B) allows in ``atom:feed``, ``atom:entry`` and their constructs, how
many of each, and the rules the RFC states beside it (sections 4.1.1 to 4.2.7): an author
for the feed or every entry, a content or an alternate link per entry, one alternate link
per type and language, RFC 3339 dates, absolute IRIs as ids, text constructs of text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

ATOM = "http://www.w3.org/2005/Atom"
#: RFC 3339 ``date-time`` (section 5.6), as ``atomDateConstruct`` takes it.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
#: Child elements by parent: (at least, at most) of each (None: unbounded).
ALLOWED: dict[str, dict[str, tuple[int, int | None]]] = {
    "feed": {
        "author": (0, None),
        "category": (0, None),
        "contributor": (0, None),
        "generator": (0, 1),
        "icon": (0, 1),
        "id": (1, 1),
        "link": (0, None),
        "logo": (0, 1),
        "rights": (0, 1),
        "subtitle": (0, 1),
        "title": (1, 1),
        "updated": (1, 1),
        "entry": (0, None),
    },
    "entry": {
        "author": (0, None),
        "category": (0, None),
        "content": (0, 1),
        "contributor": (0, None),
        "id": (1, 1),
        "link": (0, None),
        "published": (0, 1),
        "rights": (0, 1),
        "source": (0, 1),
        "summary": (0, 1),
        "title": (1, 1),
        "updated": (1, 1),
    },
    "author": {"name": (1, 1), "uri": (0, 1), "email": (0, 1)},
}
TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "rights")


def _local(element: Any) -> str:
    tag: str = element.tag
    assert tag.startswith(f"{{{ATOM}}}"), f"{tag} is not in the Atom namespace"
    return tag[len(ATOM) + 2 :]


def _counts(element: Any, where: str) -> list[str]:
    allowed = ALLOWED[_local(element)]
    counted = Counter(_local(child) for child in element)
    problems = [f"{where}: {name} is not allowed" for name in counted if name not in allowed]
    for name, (least, most) in allowed.items():
        if counted[name] < least or (most is not None and counted[name] > most):
            problems.append(f"{where}: {counted[name]} {name} elements")
    return problems


def _common(element: Any, where: str) -> list[str]:
    """The constructs feed and entry share: id, updated, text constructs, links, authors."""
    problems = _counts(element, where)
    for child in element:
        name = _local(child)
        text = child.text or ""
        if name == "id" and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:\S+$", text):
            problems.append(f"{where}: id is not an absolute IRI: {text!r}")
        if name in ("updated", "published") and not RFC3339.fullmatch(text):
            problems.append(f"{where}: {name} is not an RFC 3339 date: {text!r}")
        if name in TEXT_CONSTRUCTS:
            kind = child.get("type", "text")
            if kind not in ("text", "html", "xhtml") or (kind == "text" and len(child)):
                problems.append(f"{where}: {name} is not a text construct")
        if name == "link" and not child.get("href"):
            problems.append(f"{where}: a link without href")
        if name == "author":
            problems += _counts(child, f"{where} author")
    alternates = Counter(
        (link.get("type"), link.get("hreflang"))
        for link in element.findall(f"{{{ATOM}}}link")
        if link.get("rel", "alternate") == "alternate"
    )
    problems += [f"{where}: two alternate links of one type" for n in alternates.values() if n > 1]
    return problems


def atom_problems(root: Any) -> list[str]:
    """What RFC 4287 forbids in the document ``root`` (an ElementTree element)."""
    if root.tag != f"{{{ATOM}}}feed":
        return [f"the root is {root.tag}, not atom:feed"]
    problems = _common(root, "feed")
    entries = root.findall(f"{{{ATOM}}}entry")
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        problems += _common(entry, where)
        alternate = [
            link
            for link in entry.findall(f"{{{ATOM}}}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{{{ATOM}}}content") is None and not alternate:
            problems.append(f"{where}: neither content nor an alternate link")
    if root.find(f"{{{ATOM}}}author") is None and any(
        entry.find(f"{{{ATOM}}}author") is None for entry in entries
    ):
        problems.append("feed: no author, and an entry without one")
    ids = [entry.findtext(f"{{{ATOM}}}id") for entry in entries]
    problems += [f"entries share the id {i}" for i, n in Counter(ids).items() if n > 1]
    return problems
