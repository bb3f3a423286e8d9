"""``python -m district_stats <command>``: see :mod:`district_stats.cli`."""

import sys

from district_stats.cli import main

sys.exit(main())
