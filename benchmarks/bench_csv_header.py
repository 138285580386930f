"""The CSV reader on a header of many repeated column names (issue 12).
Target and results: docs/performance.md, "The CSV reader on wide headers".

Writes a CSV whose header is "Email" and then one column name repeated ("Custom,
Custom,...", the shape a damaged file or a vCard read as CSV gives; N columns in
all), with a few data rows, then
reads it the way an import does (goodwill.formats.read.read_contacts: header
search, delimiter sniffing, repeated-name numbering, mapping, rows to records),
in this process, and reports wall and CPU time per run.

    .venv/bin/python benchmarks/bench_csv_header.py [--widths 1000,10000] [--runs 3] [--rows 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def write_file(path: Path, width: int, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(["Email"] + ["Custom"] * (width - 1)) + "\r\n")
        for i in range(rows):
            handle.write(",".join([f"p{i}@example.com"] + ["x"] * (width - 1)) + "\r\n")


def read_all(path: Path) -> tuple[int, int]:
    from goodwill.formats.errors import Problem
    from goodwill.formats.read import read_contacts

    records = problems = 0
    for item in read_contacts(path):
        if isinstance(item, Problem):
            problems += 1
        else:
            records += 1
    return records, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="1000,10000", help="header widths, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=5, help="data rows under the header")
    args = parser.parse_args()
    import goodwill.formats.read  # noqa: F401  (imported before the clock starts)

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        for width in (int(w) for w in args.widths.split(",")):
            path = Path(folder) / f"repeated_{width}.csv"
            write_file(path, width, args.rows)
            for run in range(1, args.runs + 1):
                wall, cpu = time.perf_counter(), time.process_time()
                records, problems = read_all(path)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                print(
                    f"{width:>6} repeated names, {args.rows} rows, run {run}: wall {wall:.3f} s, "
                    f"CPU {cpu:.3f} s ({records} records, {problems} problems)"
                )
                if records != args.rows or problems:
                    raise SystemExit(f"wrong result: {records} records, {problems} problems")


if __name__ == "__main__":
    main()
