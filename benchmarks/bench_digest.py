"""The daily digests of 1,000 users on PostgreSQL, sent by `goodwill worker` processes to a
local SMTP server (aiosmtpd): how long until every digest has arrived, and the workers' CPU.

    .venv/bin/python benchmarks/bench_digest.py [--users 1000] [--people 50] [--runs 3]
        [--database-url postgresql://postgres@127.0.0.1:5432/gw_bench_digest]

Builds a fresh database (dropped first), gives each user a small network from the demo's
generator (50 people, 300 interactions, 20 open steps by default) and a digest due at 08:00,
pins the clock to 09:00 on a Monday, then alternates runs with two workers and with one
worker (the peer run, same minutes) and prints each run's wall time, the workers' CPU time
(user + system, from /proc), digests per second, and the ratio of two workers to one.
The PostgreSQL server's own CPU is not counted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

BENCH_NOW = "2026-11-23T09:00:00+00:00"  # a Monday; the digests are due at 08:00
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/gw_bench_digest"


class Counter:
    """An aiosmtpd handler that counts (and parses nothing of) what arrives."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self.lock:
            self.count += 1
        return "250 OK"


def _recreate(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def build(url: str, *, users: int, people: int) -> float:
    """A fresh database with `users` users, each with a small network and a digest due."""
    _recreate(url)
    os.environ["GOODWILL_DATABASE_URL"] = url
    os.environ["GOODWILL_NOW"] = BENCH_NOW
    os.environ["GOODWILL_TIMEZONE"] = "UTC"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings")
    from goodwill.db import ensure_schema, setup_django

    setup_django()
    ensure_schema()
    from datetime import time as clock_time

    from django.contrib.auth import get_user_model

    from goodwill import clock
    from goodwill.demo.generator import Scale, generate
    from goodwill.demo.loader import load
    from goodwill.models import ReachSettings
    from goodwill.services.accounts import ensure_defaults

    started = time.perf_counter()
    scale = Scale(people=people, interactions=people * 6, open_steps=max(1, people * 2 // 5))
    for number in range(users):
        user = get_user_model().objects.create_user(username=f"user{number:04d}")
        ensure_defaults(user)
        load(user, generate(scale, seed=number, now=clock.now()))
        ReachSettings.objects.create(
            user=user, digest_on=True, digest_at=clock_time(8, 0), digest_to=f"user{number:04d}@example.com"
        )
    return time.perf_counter() - started


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def run(url: str, *, workers: int, users: int, smtp_port: int, counter: Counter) -> dict[str, float]:
    """Clear the last run's claims, start the workers, time until every digest arrived."""
    from django_tasks_db.models import DBTaskResult

    from goodwill.models import JobRun

    JobRun.objects.all().delete()
    DBTaskResult.objects.all().delete()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWILL_")} | {
        "GOODWILL_DATABASE_URL": url,
        "GOODWILL_NOW": BENCH_NOW,
        "GOODWILL_TIMEZONE": "UTC",
        "GOODWILL_TICK_SECONDS": "1",
        "GOODWILL_SMTP_HOST": "127.0.0.1",
        "GOODWILL_SMTP_PORT": str(smtp_port),
        "GOODWILL_SMTP_SECURITY": "plain",
        "GOODWILL_SMTP_FROM": "goodwill@example.com",
    }
    goodwill = str(Path(sys.executable).with_name("goodwill"))
    counter.count = 0
    started = time.perf_counter()
    processes = [
        subprocess.Popen([goodwill, "worker", "--name", f"bench-{n}"], env=env, stdout=subprocess.DEVNULL)
        for n in range(workers)
    ]
    try:
        while counter.count < users:
            if any(p.poll() is not None for p in processes):
                raise SystemExit("a worker stopped early")
            time.sleep(0.05)
        wall = time.perf_counter() - started
        cpu = sum(_cpu_seconds(p.pid) for p in processes)
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(timeout=60)
    return {"wall_s": wall, "cpu_s": cpu, "per_s": users / wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    built = build(args.database_url, users=args.users, people=args.people)
    print(f"built {args.users} users x {args.people} people in {built:.0f} s; load {os.getloadavg()[0]:.1f}")
    counter = Counter()
    import socket

    with socket.socket() as probe:  # aiosmtpd wants a real port, not 0
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    controller = Controller(counter, hostname="127.0.0.1", port=free)
    controller.start()
    port = free
    try:
        for number in range(1, args.runs + 1):
            two = run(args.database_url, workers=2, users=args.users, smtp_port=port, counter=counter)
            one = run(args.database_url, workers=1, users=args.users, smtp_port=port, counter=counter)
            print(
                f"run {number}: 2 workers {two['wall_s']:.1f} s wall, {two['cpu_s']:.1f} s CPU, "
                f"{two['per_s']:.0f} digests/s | 1 worker {one['wall_s']:.1f} s wall, {one['cpu_s']:.1f} s CPU, "
                f"{one['per_s']:.0f}/s | 2:1 wall ratio {two['wall_s'] / one['wall_s']:.2f} | "
                f"load {os.getloadavg()[0]:.1f}"
            )
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
