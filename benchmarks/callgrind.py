"""Instructions a fresh process runs, counted by valgrind's callgrind: unlike CPU time, a
count does not move with a shared machine's hour (bench_startup, bench_dry_run_work)."""

from __future__ import annotations

import re
import subprocess


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions of one run of `command` (~50x slower under callgrind); a run that fails
    or gives no count stops the benchmark with the end of its error output."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode or found is None:
        raise SystemExit(f"callgrind gave no count for {' '.join(command)}: {done.stderr[-500:]}")
    return int(found.group(1))
