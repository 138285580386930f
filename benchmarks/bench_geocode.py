"""Geocode 30,000 import-like rows; time the import and the first-call load.

    PYTHONPATH=src python benchmarks/bench_geocode.py [--rows 30000] [--seed 7]

Targets and results (issue 6): docs/performance.md, "Places". Importing
goodwill.habits.geo must not load the data (commands that don't geocode must
not pay for it).
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

INTERNATIONAL = [
    "London, UK",
    "Paris",
    "Berlin, Germany",
    "München",
    "São Paulo",
    "Sao Paulo, Brazil",
    "Tokyo",
    "Toronto, ON",
    "Vancouver, BC",
    "Sydney, NSW",
    "Melbourne, Australia",
    "Mexico City",
    "Bogotá",
    "Buenos Aires",
    "Madrid",
    "Barcelona, Spain",
    "Zürich",
    "Amsterdam",
    "1012 AB Amsterdam",
    "75008 Paris",
    "Dublin, Ireland",
    "Cambridge, England",
    "Bangalore",
    "Mumbai, India",
    "Singapore",
    "Hong Kong",
    "Dubai",
    "Tel Aviv",
    "Nairobi",
    "Lagos",
    "Cape Town",
    "Cairo",
    "Seoul",
    "Shanghai",
    "Stockholm",
    "Oslo",
    "Kraków",
    "Wien",
    "Lisboa",
    "Milano",
    "Auckland",
    "Santiago, Chile",
    "Lima, Peru",
]
MESSY = [
    "NYC",
    "SF",
    "LA",
    "DC",
    "Philly",
    "Bay Area",
    "",
    "n/a",
    "Remote",
    "Xyzzyville",
    "Springfield",
    "Portland",
    "Cambridge",
    "Texas",
    "USA",
    "Germany",
    "UK",
]
STREETS = ["Main St", "Oak Ave", "2nd St", "Park Blvd", "Elm Street", "Broadway", "Suite 200"]


def _rows(n: int, seed: int) -> list[str]:
    sys.path.insert(0, str(SRC))
    from goodwill.habits.geo.gazetteer import gazetteer

    g = gazetteer()
    rng = random.Random(seed)
    us = [g.city(i) for i in range(len(g)) if g.city(i).country == "US" and g.city(i).code]
    zips = [g.zip(code) for code in g.zips]
    rows = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.40:
            c = rng.choice(us)
            state = c.code if rng.random() < 0.7 else g.region_name("US", c.code)
            rows.append(f"{c.name}, {state}")
        elif kind < 0.55:
            rows.append(rng.choice(zips).code)
        elif kind < 0.75:
            z = rng.choice(zips)
            rows.append(f"{rng.randint(1, 9999)} {rng.choice(STREETS)}, {z.city}, {z.state} {z.code}")
        elif kind < 0.92:
            rows.append(rng.choice(INTERNATIONAL))
        else:
            rows.append(rng.choice(MESSY))
    return rows


def _child(code: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    # Fresh interpreters, so nothing is cached: best of three for each.
    import_s = min(
        _child("import time; t = time.perf_counter(); import goodwill.habits.geo;print(time.perf_counter() - t)")
        for _ in range(3)
    )
    load_s = min(
        _child(
            "import time, goodwill.habits.geo as g; t = time.perf_counter();"
            "g.geocode('Boise, ID'); print(time.perf_counter() - t)"
        )
        for _ in range(3)
    )

    rows = _rows(args.rows, args.seed)
    from goodwill.habits.geo import geocode

    start = time.perf_counter()
    results = [geocode(row) for row in rows]
    total = time.perf_counter() - start

    precision = collections.Counter(r.place.precision if r.place else "unresolved" for r in results)
    ambiguous = sum(r.ambiguous for r in results)
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    print(f"import goodwill.habits.geo:   {import_s * 1000:7.1f} ms")
    print(f"first geocode (loads data):   {load_s * 1000:7.1f} ms")
    print(f"geocode {len(rows):,} rows:         {total:7.2f} s  ({total / len(rows) * 1e6:.0f} us/row; target <= 3 s)")
    print("precision: " + ", ".join(f"{k} {v}" for k, v in precision.most_common()) + f"; ambiguous {ambiguous}")


if __name__ == "__main__":
    main()
