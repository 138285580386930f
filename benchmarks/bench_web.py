"""Benchmark the web app and the API on the 100,000-person synthetic network (issue 7).

    .venv/bin/python benchmarks/bench_web.py [PATH] [--rebuild] [--runs N] [--load] [--duration S]

1. Builds (once; --rebuild to redo) the network with benchmarks/synthetic.py at PATH
   (default $TMPDIR/goodwill-bench-web/demo.sqlite3): 100,000 people, 1,000,000
   interactions, 50,000 open steps.
2. Server time, in-process through the whole Django stack (middleware, view,
   template) with Django's test client, warm: the Today page (/), the Person page
   (/people/ID/) for a seeded sample of people, and the API's agenda and person
   endpoints. "built": the page cache is
   emptied before each request, so every page is built; "reloaded": the same
   pages again while nothing changed, served from the page cache.
3. With --load: `goodwill serve --demo --workers 2` (waitress, serve's own threads a worker:
   four; --workers, --threads to change them) on that database, and
   wrk with 50 connections for --duration seconds: half the requests the Today page,
   half a Person page, either of someone on Today (--mix loop, the daily loop: open
   Today, open a person from it, act, back to Today) or of one of 2,000 random
   people (--mix random: nearly every Person page built from scratch). No pause
   between requests (--think 0, the worst case) or a think time per client.
   Needs wrk (Debian package `wrk`). The server's memory is sampled from /proc every
   0.25 s through the warm-up and the run: the peak sum of RSS over the master and its
   workers (issue 18's measure: <= 300 MB), and of PSS (shared pages counted once).
   `--runs 0 --load` runs the load test alone.

With GOODWILL_DATABASE_URL set (postgresql://...), everything runs on that database
instead (PATH is ignored; the network is built there when it has no people): the
firm's backend, measured by the same steps.

Targets and results: docs/performance.md, "The web app and the API".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402

from goodwill.cli.serve_cmds import SERVER_THREADS  # noqa: E402 - what the load test runs by default

DEFAULT_PATH = Path(tempfile.gettempdir()) / "goodwill-bench-web" / "demo.sqlite3"
GOODWILL = Path(sys.executable).with_name("goodwill")
SAMPLE_SEED = 11


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def summary(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:.1f} ms, p95 {percentile(samples, 0.95) * 1000:.1f} ms, "
        f"max {max(samples) * 1000:.1f} ms (n={len(samples)})"
    )


def sample_people(count: int, *, with_need: bool = False) -> list[int]:
    from goodwill.models import Person, ProfileEntry

    people = Person.objects.filter(archived_at__isnull=True)
    if with_need:  # their pages rank introductions for each open need
        needs = ProfileEntry.objects.filter(kind=ProfileEntry.NEED, active=True)
        people = people.filter(pk__in=needs.values("person_id"))
    ids = list(people.values_list("pk", flat=True))
    return random.Random(SAMPLE_SEED).sample(ids, min(count, len(ids)))


def timed(
    client, paths: list[str], headers: dict | None = None, *, cold: bool = True
) -> tuple[list[float], list[float]]:
    """Wall time and CPU time per request. On a shared, busy machine the CPU time
    is the fairer figure: the request is single-threaded and SQLite reads come from
    the page cache, so on an idle core the wall time is close to it. On PostgreSQL
    the CPU time is this process's plus its backend's (same machine): the request's work."""
    # Warm: connection, caches, templates; for a reload, every page has been seen once.
    for path in paths[:1] if cold else dict.fromkeys(paths):
        client.get(path, headers=headers or {})
    wall, cpu = [], []
    from django.core.cache import caches

    for path in paths:
        if cold:  # every request builds its page: the page cache starts empty
            caches["pages"].clear()
        started, started_cpu, started_server = time.perf_counter(), time.thread_time(), synthetic.postgres_backend_cpu()
        response = client.get(path, headers=headers or {})
        wall.append(time.perf_counter() - started)
        server = synthetic.postgres_backend_cpu()
        server_cpu = server - started_server if server is not None and started_server is not None else 0.0
        cpu.append(time.thread_time() - started_cpu + server_cpu)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return wall, cpu


def local_client():
    """Django's test client as a browser on the laptop, outside a test case: `goodwill serve` on
    loopback, the local user, no login (the client comes from 127.0.0.1 and names a loopback Host)."""
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client run outside a test case
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    settings.GOODWILL_LOCAL_LOGIN = True
    return Client(HTTP_HOST="localhost")


def server_time(path: Path, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    owner = synthetic.use_database(path)
    from goodwill.services.tokens import create_token

    token = create_token(owner, f"bench {time.time():.0f}").plain
    auth = {"Authorization": f"Bearer {token}"}
    people = sample_people(runs)
    client = local_client()
    client.get("/")  # everything a server loads before its first request...
    import gc

    gc.collect()
    gc.freeze()  # ...kept out of the collector's scans, as `goodwill serve` does
    return {
        "Today page (/), built": timed(client, ["/"] * runs),
        "Today page (/), reloaded (page cache)": timed(client, ["/"] * runs, cold=False),
        "Person page (/people/ID/), built": timed(client, [f"/people/{pk}/" for pk in people]),
        "Person page (/people/ID/), reloaded (page cache)": timed(
            client, [f"/people/{pk}/" for pk in people], cold=False
        ),
        "API agenda (/api/v1/agenda)": timed(client, ["/api/v1/agenda"] * runs, auth),
        "API person (/api/v1/people/ID)": timed(client, [f"/api/v1/people/{pk}" for pk in people], auth),
    }


WRK_SCRIPT = """
-- Half the requests ask for the Today page, half for a Person page of a random person.
local ids = {%(ids)s}
math.randomseed(%(seed)d)
%(login)s
request = function()
  if math.random() < 0.5 then
    return wrk.format("GET", "/")
  end
  return wrk.format("GET", "/people/" .. ids[math.random(#ids)] .. "/")
end
%(delay)s
done = function(summary, latency, requests)
  io.write(string.format('WRK {"requests": %%d, "duration_s": %%.1f, "non_2xx": %%d, "socket_errors": %%d, '
    .. '"p50_ms": %%.1f, "p90_ms": %%.1f, "p95_ms": %%.1f, "p99_ms": %%.1f, "max_ms": %%.1f}\\n',
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, log, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise SystemExit(f"goodwill serve stopped: {log.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("goodwill serve did not start")


def network_owner():
    """The user whose network was built (the database's people are all theirs)."""
    from django.contrib.auth import get_user_model

    from goodwill.models import Person

    return get_user_model().objects.get(pk=Person.objects.values_list("owner_id", flat=True).first())


def agenda_people() -> list[int]:
    """The people the Today page links to: whom a user opens from the daily loop."""
    from goodwill.queries.today import agenda

    today = agenda(network_owner())
    rows = [*today.replies_owed, *today.my_steps, *today.their_steps]
    return list(dict.fromkeys([r.person_id for r in rows] + [p.person_id for p in today.people_due]))


def expect_a_page(port: int, cookie: str) -> None:
    """wrk counts only 4xx and 5xx as errors: make sure Today answers with the page, not a
    redirect to the login page, before measuring."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/", headers={"Cookie": cookie} if cookie else {})
    status = connection.getresponse().status
    connection.close()
    if status != 200:
        raise SystemExit(f"the Today page answered {status}, not 200: the load would measure no pages")


def owner_session_cookie() -> str:
    """`sessionid=...` of a session logged in as the network's owner (stored in the database)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(network_owner())
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _proc_kb(pid: int, filename: str, field: str) -> int:
    """One `Field:  N kB` line of /proc/PID/<filename>; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/{filename}") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def process_tree(root: int) -> list[int]:
    """The server and every process under it (the forked workers), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    # pid (comm) state ppid ...: comm may hold spaces, so split after its ")".
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                pass
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


class MemorySampler(threading.Thread):
    """Samples the server's memory every `every` seconds while the load runs: the sum
    of every process's RSS (shared pages counted once per process, the issue's measure)
    and of its PSS (shared pages split between the processes sharing them: what the
    tree costs the machine). Peaks, in MB."""

    def __init__(self, root: int, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.stopped = threading.Event()
        self.peak_rss = self.peak_pss = 0.0
        self.processes = 0
        self.per_process: dict[int, float] = {}

    def sample(self) -> None:
        tree = process_tree(self.root)
        rss = {pid: _proc_kb(pid, "status", "VmRSS") / 1024 for pid in tree}
        pss = sum(_proc_kb(pid, "smaps_rollup", "Pss") for pid in tree) / 1024
        if sum(rss.values()) > self.peak_rss:
            self.peak_rss, self.per_process = sum(rss.values()), rss
        self.peak_pss = max(self.peak_pss, pss)
        self.processes = max(self.processes, len(tree))

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.sample()

    def stop(self) -> dict:
        self.stopped.set()
        self.join()
        return {
            "peak_rss_mb": self.peak_rss,
            "peak_pss_mb": self.peak_pss,
            "processes": self.processes,
            "rss_by_process_mb": sorted(self.per_process.values(), reverse=True),
        }


def load_test(
    path: Path,
    duration: int,
    connections: int,
    think_ms: int = 0,
    workers: int = 2,
    mix: str = "loop",
    threads: int | None = None,
) -> dict:
    """wrk with `connections` clients. think_ms 0: each client sends its next request as
    soon as the last one is answered (closed loop, the worst case); otherwise each waits a
    random 0.5–1.5 × think_ms first, as a person reading the page would."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    people = agenda_people() if mix == "loop" else sample_people(2000)
    port = free_port()
    env = dict(os.environ, GOODWILL_HOME=str(path.parent))
    if synthetic.on_postgres():
        # The firm's server: no --demo (the demo is always SQLite), so every request needs
        # a login; wrk sends the session of the network's owner, as a logged-in browser.
        command = [str(GOODWILL), "serve", "--port", str(port)]
        cookie = owner_session_cookie()
    else:
        command = [str(GOODWILL), "serve", "--demo", "--port", str(port)]
        cookie = ""
    command += ["--workers", str(workers), "--threads", str(threads or SERVER_THREADS)]
    login = f'wrk.headers["Cookie"] = "{cookie}"' if cookie else ""
    # The server's output goes to a file: under load waitress logs its queue depth, and
    # an unread pipe would fill up and stall the server mid-measurement.
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", prefix="goodwill-serve-")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        command,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sampler = MemorySampler(server.pid)
    try:
        wait_for(port, server, log)
        expect_a_page(port, cookie)
        deadline = time.monotonic() + 30  # the socket listens before the workers are forked
        while len(process_tree(server.pid)) < (workers + 1 if workers > 1 else 1) and time.monotonic() < deadline:
            time.sleep(0.2)
        sampler.sample()
        idle = {"idle_rss_mb": sampler.peak_rss, "idle_pss_mb": sampler.peak_pss}
        sampler.start()  # through the warm-up and the measured run
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            delay = (
                f"delay = function() return math.random({think_ms // 2}, {think_ms * 3 // 2}) end" if think_ms else ""
            )
            ids = ", ".join(map(str, people))
            script.write(WRK_SCRIPT % {"ids": ids, "seed": SAMPLE_SEED, "delay": delay, "login": login})
        base = f"http://127.0.0.1:{port}"
        # Warm the server's threads and caches first, then measure.
        subprocess.run(
            [wrk, "-t2", f"-c{connections}", "-d5s", "-s", script.name, base],
            check=True,
            capture_output=True,
            text=True,
        )
        result = subprocess.run(
            [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script.name, base],
            check=True,
            capture_output=True,
            text=True,
        )
        os.unlink(script.name)
        line = next(x for x in result.stdout.splitlines() if x.startswith("WRK "))
        return {**json.loads(line[4:]), **idle, **sampler.stop()}
    finally:
        sampler.stopped.set()
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _people_in(path: Path) -> int:
    if synthetic.on_postgres():
        from goodwill.models import Person

        return Person.objects.count()
    import sqlite3

    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return db.execute("SELECT count(*) FROM goodwill_person").fetchone()[0]


def _network_exists(path: Path) -> bool:
    if not synthetic.on_postgres():
        return path.exists()
    synthetic.use_database(path)
    return _people_in(path) > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--rebuild", action="store_true", help="build the big network again")
    parser.add_argument(
        "--runs", type=int, default=200, help="requests per page, in-process (0: skip, e.g. for --load alone)"
    )
    parser.add_argument("--load", action="store_true", help="also run the 50-client load test with wrk")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="server processes (goodwill serve --workers)")
    parser.add_argument(
        "--threads", type=int, default=SERVER_THREADS, help="threads in each (goodwill serve --threads; its default)"
    )
    parser.add_argument(
        "--mix",
        choices=["loop", "random"],
        default="loop",
        help="Person pages of the people on Today (loop: the daily loop) or of 2,000 random people "
        "(random: nearly every page built from scratch)",
    )
    parser.add_argument(
        "--think",
        type=int,
        default=0,
        help="ms each client waits between requests (0: none, the closed-loop worst case)",
    )
    args = parser.parse_args()
    # The web apps, as `goodwill serve` loads them; before Django is set up, which
    # building the network does too.
    os.environ["GOODWILL_WEB"] = "1"
    os.environ.setdefault("GOODWILL_CONN_MAX_AGE", "600")  # connections kept across requests, as `goodwill serve`
    # One key for this process and the server it starts: a session made here must hold there.
    os.environ.setdefault("GOODWILL_SECRET_KEY", "bench-web-" + "k" * 40)
    synthetic.pin_environment()
    path = args.path.resolve()
    if path.name != "demo.sqlite3" and not synthetic.on_postgres():
        raise SystemExit("PATH must be named demo.sqlite3, so `goodwill serve --demo` opens it")
    if args.rebuild or not _network_exists(path):
        timings = synthetic.build(path, **synthetic.FULL_SCALE)
        print(f"built in {timings['generate_s']:.1f} s (generate) + {timings['load_s']:.1f} s (load)")
    load = os.getloadavg()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, "
        f"database: {'PostgreSQL (GOODWILL_DATABASE_URL)' if synthetic.on_postgres() else path}"
    )
    if not args.runs:
        synthetic.use_database(path)  # the load test reads whom to ask for
    people = _people_in(path)  # the demo too, not only the 100k network: say which was measured
    for label, (wall, cpu) in (server_time(path, args.runs) if args.runs else {}).items():
        print(f"server time, {label}, {people:,} people: wall {summary(wall)}; CPU {summary(cpu)}")
    if args.load:
        result = load_test(path, args.duration, args.connections, args.think, args.workers, args.mix, args.threads)
        pace = f"think time {args.think} ms ±50%" if args.think else "no think time"
        print(
            f"load, {args.connections} connections, {pace}, for {args.duration} s (wrk, Today and Person pages, mix {args.mix}, "
            f"goodwill serve --workers {args.workers}, {args.threads} threads each): {result['requests'] / result['duration_s']:.0f} requests/s, "
            f"p50 {result['p50_ms']:.0f} ms, p90 {result['p90_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
            f"p99 {result['p99_ms']:.0f} ms, non-2xx {result['non_2xx']}, socket errors {result['socket_errors']}"
        )
        print(
            f"server memory ({result['processes']} processes: master + workers): peak sum of RSS "
            f"{result['peak_rss_mb']:.0f} MB ({', '.join(f'{mb:.0f}' for mb in result['rss_by_process_mb'])}), "
            f"peak sum of PSS {result['peak_pss_mb']:.0f} MB; idle after start-up: RSS {result['idle_rss_mb']:.0f} MB, "
            f"PSS {result['idle_pss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
