"""``python -m govinfo``: the same as the ``govinfo`` command."""

import sys

from .cli import main

sys.exit(main())
