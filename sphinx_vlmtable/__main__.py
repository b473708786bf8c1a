"""``python -m sphinx_vlmtable check FILE...``."""

import sys

from .cli import main

sys.exit(main())
