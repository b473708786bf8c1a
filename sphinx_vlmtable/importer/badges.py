"""What a linked badge says in words: its alternative text, else a shields.io (or
badgen) badge's label, else the host and path it links to. A badge's picture cannot
be data; its link can, as a ``{text, url}`` cell with these words."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from sphinx_vlmtable.importer.source import SourceLink

#: Hosts whose badges put their label in the address.
_BADGE_HOSTS = ("img.shields.io", "shields.io", "badgen.net", "flat.badgen.net")


def badge_text(link: SourceLink) -> str:
    """The words for a linked badge (or an empty link): its first image's alt text, its
    label, or where it links to."""
    for image in link.images:
        alt = " ".join(image.alt.split())
        if alt:
            return alt
    for image in link.images:
        label = shields_label(image.src)
        if label:
            return label
    return host_and_path(link.url)


def shields_label(src: str) -> str | None:
    """The label a shields.io or badgen badge shows: its ``label=`` parameter, or the
    first part of a static ``/badge/LABEL-MESSAGE-COLOR``; None if it has none."""
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    if parts.hostname not in _BADGE_HOSTS:
        return None
    given = parse_qs(parts.query).get("label")
    if given is not None:
        label = " ".join(given[0].split())
        return label or None
    segments = parts.path.split("/")
    if len(segments) > 2 and segments[1] == "badge":
        return _static_label(unquote(segments[2])) or None
    return None


def _static_label(segment: str) -> str:
    """``GitHub-git-blue`` → ``GitHub``: the text before the first single dash (``--``
    is a dash, ``__`` an underscore and ``_`` a space, as shields.io writes them)."""
    label: list[str] = []
    index = 0
    while index < len(segment):
        pair = segment[index : index + 2]
        if pair in ("--", "__"):
            label.append(pair[0])
            index += 2
            continue
        if segment[index] == "-":
            break
        label.append(" " if segment[index] == "_" else segment[index])
        index += 1
    return " ".join("".join(label).split())


def host_and_path(url: str) -> str:
    """``https://www.github.com/a/b/`` → ``github.com/a/b``: a link's place in words."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").removeprefix("www.")
    place = f"{host}{parts.path}".rstrip("/")
    return place or url
