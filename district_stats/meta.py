"""``python -m district_stats.meta``: refresh the generated part of every ``*.meta.yml``.

Each table of ``data/`` has a provenance sidecar (title, description, producer,
sources, date accessed, licence) written by hand, plus a ``generated`` block (md5,
bytes, rows) that this command recomputes. A data test checks that the generated
block matches the file, so a table edited without refreshing its sidecar is caught.
"""

from __future__ import annotations

import sys

from district_stats import schema
from district_stats.build import write_generated_meta
from district_stats.paths import DATA_DIR


def main() -> int:
    for spec in schema.CURATED + schema.DERIVED:
        write_generated_meta(spec, DATA_DIR)
    print(f"aggiornati {len(schema.CURATED) + len(schema.DERIVED)} file .meta.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
