"""Radius search over 100,000 geocoded people. Target and results: docs/performance.md, "Places".

Builds its own SQLite database in a temporary data folder, with people spread
around real cities, then times `near()` (bounding box on the index, then exact
haversine) for 100-mile searches around 20 cities.

    .venv/bin/python benchmarks/bench_near.py [--people 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    os.environ["GOODWILL_HOME"] = tempfile.mkdtemp(prefix="goodwill-bench-near-")
    from goodwill.db import open_database

    open_database()
    from goodwill import clock
    from goodwill.habits.geo import geocode
    from goodwill.models import Person
    from goodwill.queries.near import near, near_ids
    from goodwill.services.accounts import local_user

    owner = local_user()
    cities = [
        "New York, NY",
        "Chicago, IL",
        "Boise, ID",
        "Austin, TX",
        "Seattle, WA",
        "Denver, CO",
        "Boston, MA",
        "London, UK",
        "Paris, France",
        "Berlin, Germany",
        "São Paulo",
        "Tokyo",
        "Sydney",
        "Toronto",
        "Mumbai",
        "Lagos",
        "Mexico City",
        "Singapore",
        "Cape Town",
        "Stockholm",
    ]
    points = [geocode(c).place for c in cities]
    rng = random.Random(7)
    now = clock.now()
    rows = []
    for i in range(args.people):
        p = rng.choice(points)
        rows.append(
            Person(
                owner=owner,
                name=f"Person {i}",
                created_at=now,
                updated_at=now,
                latitude=p.lat + rng.gauss(0, 2),
                longitude=p.lon + rng.gauss(0, 2),
            )
        )
    started = time.perf_counter()
    Person.objects.bulk_create(rows, batch_size=5000)
    print(f"built {args.people:,} people in {time.perf_counter() - started:.1f} s")
    for label, query in (("near_ids (the radius query)", near_ids), ("near (with the Person rows)", near)):
        timings, found = [], []
        for p in points * 3:
            started = time.perf_counter()
            result = query(owner, p.lat, p.lon, 160.934)
            timings.append((time.perf_counter() - started) * 1000)
            found.append(len(result))
        timings.sort()
        print(
            f"{label}, 100 mi over {args.people:,} people: median {statistics.median(timings):.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms; median {statistics.median(found):.0f} found"
        )


if __name__ == "__main__":
    main()
