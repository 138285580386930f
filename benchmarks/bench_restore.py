"""Restore benchmark (issue 18): `goodwill restore BACKUP` as a user runs it, three times.

    .venv/bin/python benchmarks/bench_restore.py                 # the demo's backup, made first
    .venv/bin/python benchmarks/bench_restore.py --backup FILE   # any backup (a 100k one: see below)
    .venv/bin/python benchmarks/bench_restore.py --src PATH      # another checkout's src/ (the code before)

Each run times, in fresh processes:
  - `new`:   `goodwill restore` into an empty data folder (the database is created first: migrations);
  - `ready`: `goodwill restore` into a data folder whose empty database already exists;
  - `floor`: `goodwill today` into an empty data folder: creating the database alone.
CPU is the child's user + system time (os.wait4), beside wall time and peak RSS.

With GOODWILL_DATABASE_URL=postgresql://.../NAME the runs use that database, dropped and
created afresh before each (dropdb/createdb: give the benchmark a database of its own).

A 100,000-person backup: build the network with benchmarks/synthetic.py PATH, then
`GOODWILL_HOME=$(dirname PATH) goodwill export --demo --format json -o big.json`.
Figures: docs/performance.md, "Undo and restore (issue 18)".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
GOODWILL = [
    sys.executable,
    "-c",
    "import sys; from goodwill.cli.main import run; sys.argv[0] = 'goodwill'; sys.exit(run())",
]


def _env(home: Path, src: Path | None) -> dict:
    env = {**os.environ, "GOODWILL_HOME": str(home)}
    env.pop("GOODWILL_DEMO", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def _fresh_postgres() -> None:
    url = os.environ.get("GOODWILL_DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    parts = urlparse(url)
    args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    name = parts.path.lstrip("/")
    subprocess.run(["dropdb", *args, "--if-exists", name], check=True)
    subprocess.run(["createdb", *args, name], check=True)


def _run(cmd: list[str], env: dict) -> dict:
    """One child process: wall, CPU (user + system) and peak RSS of that child alone."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    out, err = child.stdout.read().decode(), child.stderr.read().decode()  # type: ignore[union-attr]
    if status:
        raise SystemExit(f"{' '.join(cmd[3:])} failed:\n{out}{err}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "rss_mb": round(usage.ru_maxrss / 1024, 1),
        "said": out.strip().splitlines()[-1] if out.strip() else "",
    }


def demo_backup(folder: Path, src: Path | None) -> Path:
    home = folder / "demo-home"
    env = _env(home, src)
    env.pop("GOODWILL_DATABASE_URL", None)  # the demo is SQLite; only the restore runs on PostgreSQL
    backup = folder / "demo.json"
    subprocess.run([*GOODWILL, "demo"], env=env, check=True, capture_output=True)
    subprocess.run([*GOODWILL, "export", "--demo", "--format", "json", "-o", str(backup)], env=env, check=True)
    return backup


def one_run(backup: Path, src: Path | None) -> dict:
    figures = {"load_avg_1min": round(os.getloadavg()[0], 1)}
    for name in ("floor", "new", "ready"):
        home = Path(tempfile.mkdtemp(prefix="goodwill-bench-restore-"))
        env = _env(home, src)
        _fresh_postgres()
        if name == "ready":
            subprocess.run([*GOODWILL, "today"], env=env, check=True, capture_output=True)
        cmd = [*GOODWILL, "today"] if name == "floor" else [*GOODWILL, "restore", str(backup)]
        figures[name] = _run(cmd, env)
        subprocess.run(["rm", "-rf", str(home)], check=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backup", type=Path, help="a JSON backup (default: the demo's, made first)")
    parser.add_argument("--src", type=Path, help="run another checkout's src/ (e.g. main's), for the before")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    backup = args.backup or demo_backup(Path(tempfile.mkdtemp(prefix="goodwill-bench-restore-files-")), args.src)
    print(f"backup: {backup} ({backup.stat().st_size / 2**20:.1f} MB)")
    for n in range(args.runs):
        print(f"run {n + 1}: {json.dumps(one_run(backup, args.src))}", flush=True)


if __name__ == "__main__":
    main()
