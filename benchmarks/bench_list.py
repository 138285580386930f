"""`goodwill list` over 10,000 people, as a fresh process (issue 18); `goodwill steps` too.

    .venv/bin/python benchmarks/bench_list.py [--rebuild] [--runs 3] [--goodwill PATH]
    .venv/bin/python benchmarks/bench_list.py --command steps --home /tmp/goodwill-bench-pass-on-meaning

Builds (once; --rebuild to redo) a 10,000-person network with benchmarks/synthetic.py
(100,000 interactions, 5,000 open steps) into $TMPDIR/goodwill-bench-list/demo.sqlite3,
then runs, alternately, `goodwill list --demo --no-pager` (the table) and
`goodwill list --demo --json` (the floor: the same rows, no table), output to a pipe.
Each run gives wall and CPU time (user + system of the child); the ratio is
table / JSON within the same round. --goodwill runs another checkout's command
(e.g. /work/main/.venv/bin/goodwill, before the change; it has no --no-pager and
needs none: a pipe is not a terminal).

--command steps times `goodwill steps` the same way (its table against its --json);
--home runs either on a data folder whose demo.sqlite3 is built already (the 100,000-person
networks of bench_pass_on_meaning.py or synthetic.py: 50,000 open steps).

Results: docs/performance.md, "Start-up and long lists (issue 18)" and "goodwill steps".
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

HOME = Path(tempfile.gettempdir()) / "goodwill-bench-list"
SCALE = {"people": 10_000, "interactions": 100_000, "open_steps": 5_000}


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the child, lines printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--goodwill", type=Path, default=Path(sys.executable).with_name("goodwill"))
    parser.add_argument("--command", choices=("list", "steps"), default="list")
    parser.add_argument("--home", type=Path, default=HOME, help="a data folder holding demo.sqlite3")
    args = parser.parse_args()

    database = args.home / "demo.sqlite3"
    if args.home != HOME and not database.exists():
        raise SystemExit(f"{database}: no network there")
    if args.rebuild and database.exists():
        database.unlink()
    if not database.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        print(f"building {database} ...", flush=True)
        print(synthetic.build(database, **SCALE), flush=True)

    synthetic.pin_environment()
    env = {**os.environ, "GOODWILL_HOME": str(args.home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled modules cached
    command = args.command
    help_text = subprocess.run([args.goodwill, command, "--help"], env=env, capture_output=True, text=True).stdout
    table = [str(args.goodwill), command, "--demo"] + (["--no-pager"] if "--no-pager" in help_text else [])
    floor = [str(args.goodwill), command, "--demo", "--json"]
    timed(table, env), timed(floor, env)  # warm the OS caches and the compiled modules

    print(f"{platform.node()} {platform.processor() or platform.machine()} python {platform.python_version()}")
    print(f"load: {os.getloadavg()}")
    print(f"command: {' '.join(table)}  vs  {' '.join(floor)}")
    for run in range(1, args.runs + 1):
        t_wall, t_cpu, lines = timed(table, env)
        j_wall, j_cpu, _ = timed(floor, env)
        print(
            f"run {run}: table {t_wall:.2f} s wall, {t_cpu:.2f} s CPU ({lines} lines); "
            f"--json {j_wall:.2f} s wall, {j_cpu:.2f} s CPU; table/json CPU {t_cpu / j_cpu:.2f}x"
        )
    print(f"load: {os.getloadavg()}")


if __name__ == "__main__":
    main()
