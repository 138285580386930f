"""Write src/goodwill/queries/prepared_sqlite.py: the agenda's reads as SQLite SQL.

    .venv/bin/python scripts/prepared_sql.py

Run after changing a read `goodwill today` makes (tests/queries/test_prepared.py says when).
Compiling needs Django's SQLite backend, not a database: nothing is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src" / "goodwill" / "queries" / "prepared_sqlite.py"


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        os.environ["GOODWILL_HOME"] = home
        os.environ.pop("GOODWILL_DATABASE_URL", None)
        from goodwill.db import setup_django

        setup_django()
        from goodwill.queries.prepared_build import build, render

        TARGET.write_text(render(build()))
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
