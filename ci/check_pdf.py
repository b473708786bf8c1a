"""Check a built PDF: its text (pdftotext) shows the seed table's header and every model.

    python ci/check_pdf.py docs/_build/rtd/pdf/sphinx-vlmtable.pdf docs/data/vlms.yaml
"""

from __future__ import annotations

import re
import subprocess
import sys

from sphinx_vlmtable.data.model import DEFAULT_COLUMNS, iter_leaves
from sphinx_vlmtable.data.validate import load_survey_text


def _letters(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z.]", "", text)


def main(pdf: str, data_file: str) -> int:
    text = subprocess.run(
        ["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    # The table's section: from its numbered heading (the last one: the contents list the
    # first) on; the table follows it at once.
    headings = list(re.finditer(r"^\d+\.\d+ VLMs Summary$", text, re.MULTILINE))
    if not headings:
        print(f"{pdf}: no 'VLMs Summary' section")
        return 1
    section = text[headings[-1].end() :][:3000]
    with open(data_file, "rb") as stream:
        data = load_survey_text(stream.read()).data
    expected = [c.label for c in DEFAULT_COLUMNS if c.is_group]
    expected += [leaf.label for leaf in iter_leaves(DEFAULT_COLUMNS)]
    expected += [model.name for model in data.models]
    # Narrow columns break long words ("Vision En-" / "coder"): compare letters, digits
    # and dots only (-raw keeps each cell's text together, in order).
    missing = [word for word in expected if _letters(word) not in _letters(section)]
    if missing:
        print(f"{pdf}: missing from the text: {missing}")
        return 1
    print(f"{pdf}: the table's header and all {len(data.models)} models are there")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
