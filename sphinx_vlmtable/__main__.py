"""``python -m sphinx_vlmtable check FILE...``."""

import sys

from sphinx_vlmtable.cli import main

sys.exit(main())
