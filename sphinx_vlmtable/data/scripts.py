"""Letters of other scripts spelled in Latin ones: a table the PDF (``output/latex_chars``,
pdflatex has no Cyrillic) and the importer (keys from labels) share. Pure data."""

# ruff: noqa: RUF001 (look-alike characters are what this table is about)

from __future__ import annotations

#: Cyrillic letters in the scientific transliteration (lowercase; capitals follow).
CYRILLIC = """
аa бb вv гg дd еe ёë жž зz иi йj кk лl мm нn оo пp рr сs тt уu фf хx цc чč шš щšč ъ″
ыy ь′ эè юju яja іi їï єje ґg ўŭ ђđ јj љlj њnj ћć џdž ѕdz ѓǵ ќḱ
"""
