"""What an entry of a survey (a row: a model, a framework, a paper) is called in the
words the extension writes: ``vlmtable_entry_label`` and its plural. Pure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntryWords:
    """An entry's name, one and many (``model``, ``models``)."""

    one: str = "model"
    many: str = "models"

    def count(self, number: int) -> str:
        """``1 model``, ``6 models``."""
        return f"{number} {self.one if number == 1 else self.many}"

    @property
    def title(self) -> str:
        """``Model``: as a column's label."""
        return self.one[:1].upper() + self.one[1:]


#: As 0.3 wrote them, and the default.
DEFAULT_WORDS = EntryWords()


def entry_words(label: str, plural: str = "") -> EntryWords:
    """The words for ``label`` (its plural: ``plural``, or the label and an ``s``)."""
    label = label.strip() or DEFAULT_WORDS.one
    return EntryWords(label, plural.strip() or f"{label}s")
