"""Start-up of a fresh `goodwill` process (issue 18).

    .venv/bin/python benchmarks/bench_startup.py --khard /tmp/khard/bin/khard [--runs 3] [--goodwill PATH] [--instructions]

khard is the peer for `--help`. Install it into a throwaway venv, never the project's:
    python3 -m venv /tmp/khard && /tmp/khard/bin/pip install khard

Builds the 300-person demo once in $TMPDIR/goodwill-bench-startup (`goodwill demo`),
then, alternately and each as a fresh process with its output to a pipe:
`goodwill today --demo`, `goodwill --help`, `khard --help`, and the floor:
Python with django.setup() on Goodwill's settings and models, nothing else. Each run gives wall
and CPU time (user + system of the child); the ratio is goodwill's --help CPU to
khard's in the same round. --goodwill times another checkout's command (e.g.
/work/main/.venv/bin/goodwill, before the change). Compiled modules are cached,
as after an install (PYTHONDONTWRITEBYTECODE is dropped for the children).

--instructions also counts each command's instructions once under valgrind's callgrind
(when valgrind is installed; ~50x slower): unlike CPU time, a count does not move with a
shared machine's hour, so its ratios (today to the floor, --help to khard's) compare
across days.

Target: `goodwill today` <= 0.25 s CPU; `goodwill --help` no slower than khard's.
Results: docs/performance.md, "Start-up and long lists (issue 18)".
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from callgrind import instructions  # noqa: E402

HOME = Path(tempfile.gettempdir()) / "goodwill-bench-startup"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=False, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def count_instructions(commands: dict[str, list[str]], env: dict[str, str]) -> None:
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed (apt-get install valgrind); skipped")
        return
    counts = {name: instructions(command, env) for name, command in commands.items()}
    print("instructions (callgrind, one run each): " + "; ".join(f"{n} {c / 1e6:,.1f} M" for n, c in counts.items()))
    print(
        f"instructions: today/floor {counts['today'] / counts['floor']:.2f}x, "
        f"--help/khard {counts['--help'] / counts['khard']:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--goodwill", type=Path, default=Path(sys.executable).with_name("goodwill"))
    parser.add_argument("--khard", type=Path, required=True)
    parser.add_argument("--instructions", action="store_true", help="also count instructions under callgrind")
    args = parser.parse_args()

    env = {**os.environ, "GOODWILL_HOME": str(HOME), "GOODWILL_TIMEZONE": "UTC"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not (HOME / "demo.sqlite3").exists():
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run([args.goodwill, "demo"], env=env, check=True, capture_output=True)
    today = [str(args.goodwill), "today", "--demo"]
    helps = [str(args.goodwill), "--help"]
    khard = [str(args.khard), "--help"]
    # The floor for any command that reads the database: Python plus django.setup() with
    # Goodwill's CLI settings and models, nothing else.
    floor = [
        str(args.goodwill.with_name("python")),
        "-c",
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'goodwill.settings'; import django; django.setup()",
    ]
    check = subprocess.run(today, env=env, capture_output=True, text=True)
    assert check.returncode == 0 and "Goodwill" in check.stdout, check.stderr
    for command in (today, helps, khard, floor):
        timed(command, env)  # warm: OS caches, compiled modules

    print(f"{platform.node()} {platform.machine()} python {platform.python_version()}")
    print(f"load: {os.getloadavg()}")
    print(f"commands: {' '.join(today)} | {' '.join(helps)} | {' '.join(khard)}")
    for run in range(1, args.runs + 1):
        t_wall, t_cpu = timed(today, env)
        h_wall, h_cpu = timed(helps, env)
        k_wall, k_cpu = timed(khard, env)
        f_wall, f_cpu = timed(floor, env)
        print(
            f"run {run}: today {t_wall:.3f} s wall, {t_cpu:.3f} s CPU "
            f"(floor: django.setup() {f_wall:.3f} s wall, {f_cpu:.3f} s CPU; today/floor CPU {t_cpu / f_cpu:.2f}x); "
            f"--help {h_wall:.3f} s wall, {h_cpu:.3f} s CPU; khard --help {k_wall:.3f} s wall, {k_cpu:.3f} s CPU; "
            f"help/khard CPU {h_cpu / k_cpu:.2f}x"
        )
    print(f"load: {os.getloadavg()}")
    if args.instructions:
        python = [str(args.goodwill.with_name("python")), "-c", "pass"]
        count_instructions({"today": today, "--help": helps, "khard": khard, "floor": floor, "python": python}, env)


if __name__ == "__main__":
    main()
