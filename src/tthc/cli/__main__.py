"""``python -m tthc.cli``: the same as the ``tthc`` command."""

import sys

from tthc.cli import main

sys.exit(main())
