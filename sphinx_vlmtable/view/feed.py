"""An Atom feed (RFC 4287) of the models a changelog lists as added or updated.

Pure; no docutils. Each entry's id is a ``urn:uuid`` made from what it announces (the
data file, the model, added or updated, and its date, or its changes when it has no
date), so a reader sees the same entry as the same entry build after build, and a new
update as new. Every text is the data's text, carried as XML text (``type="text"``):
escaped by the XML writer, never markup, and without the characters XML cannot hold.
"""

from __future__ import annotations

import hashlib
import re
import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date

from sphinx_vlmtable import __version__
from sphinx_vlmtable.data.model import MODEL_KEY, Model, SurveyData, iter_leaves
from sphinx_vlmtable.data.values import parse_date
from sphinx_vlmtable.view.change_values import shortened
from sphinx_vlmtable.view.changes import Changes, UpdatedModel
from sphinx_vlmtable.view.changes_text import details

ATOM = "http://www.w3.org/2005/Atom"
#: The namespace of the entries' ids (a fixed UUID: the same input, the same ids).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sphinx-vlmtable.readthedocs.io/feed")
#: What XML 1.0 cannot hold (control characters, surrogates, U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Cells an added model's summary names, at most.
_SUMMARY_CELLS = 8


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    summary: str
    #: RFC 3339, at midnight UTC of the entry's date.
    updated: str


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    updated: str
    entries: tuple[FeedEntry, ...]


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _day_of(written: str | None) -> date | None:
    value = parse_date(written) if written else None
    return date(value.year, value.month or 1, value.day or 1) if value is not None else None


def _entry_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, chr(10).join(parts))}"


def feed_of(changes: Changes, title: str, key: str, data: SurveyData, today: date) -> Feed:
    """The feed of ``changes`` (``key``: the data file, as the project names it); an entry
    without a date, and the feed when no entry has one, is dated ``today``."""
    labels = {leaf.key: leaf.label for leaf in iter_leaves(data.columns) if leaf.key}
    entries: list[tuple[date, FeedEntry]] = []
    for model in changes.added:
        day = _day_of(model.added)
        summary = _added_summary(model, labels)
        entry_id = _entry_id(key, "added", model.identity, model.added or "")
        entries.append((day or today, FeedEntry(entry_id, f"Added: {model.name}", summary, "")))
    for update in changes.updated:
        day = _day_of(update.model.updated)
        summary = _updated_summary(update)
        dated = update.model.updated or hashlib.sha256(summary.encode()).hexdigest()
        entry_id = _entry_id(key, "updated", update.model.identity, dated)
        title_text = f"Updated: {update.model.name}"
        entries.append((day or today, FeedEntry(entry_id, title_text, summary, "")))
    entries.sort(key=lambda pair: pair[0], reverse=True)  # stable: the list's order within a day
    newest = entries[0][0] if entries else today
    return Feed(
        _entry_id(key, "feed"),
        title,
        _timestamp(newest),
        tuple(
            FeedEntry(entry.id, entry.title, entry.summary, _timestamp(day))
            for day, entry in entries
        ),
    )


def _added_summary(model: Model, labels: dict[str, str]) -> str:
    cells = [
        f"{labels.get(key, key)}: {shortened(value)}"
        for key, value in model.values.items()
        if key != MODEL_KEY and value
    ]
    return "; ".join(cells[:_SUMMARY_CELLS]) or "Added to the survey."


def _updated_summary(update: UpdatedModel) -> str:
    return "; ".join(details(update)) or "Updated."


def _text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _add(parent: ElementTree.Element, tag: str, text: str, **attributes: str) -> None:
    element = ElementTree.SubElement(parent, tag, attributes)
    element.text = _text(text)


def atom_xml(feed: Feed, page_url: str, feed_url: str, author: str) -> str:
    """The feed as an Atom document; ``page_url`` is the changelog page's (the entries'
    link), ``feed_url`` the feed's own, ``author`` the project's author or name."""
    root = ElementTree.Element("feed", {"xmlns": ATOM})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    _add(root, "updated", feed.updated)
    ElementTree.SubElement(ElementTree.SubElement(root, "author"), "name").text = _text(author)
    ElementTree.SubElement(
        root, "link", {"rel": "alternate", "type": "text/html", "href": _text(page_url)}
    )
    ElementTree.SubElement(
        root, "link", {"rel": "self", "type": "application/atom+xml", "href": _text(feed_url)}
    )
    generator = {"uri": "https://sphinx-vlmtable.readthedocs.io/", "version": __version__}
    _add(root, "generator", "sphinx-vlmtable", **generator)
    for entry in feed.entries:
        element = ElementTree.SubElement(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title, type="text")
        _add(element, "updated", entry.updated)
        ElementTree.SubElement(
            element, "link", {"rel": "alternate", "type": "text/html", "href": _text(page_url)}
        )
        _add(element, "summary", entry.summary, type="text")
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'
