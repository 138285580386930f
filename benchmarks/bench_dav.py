"""Phone sync of a 10,000-contact network (issue 16 §4): a phone's first full sync, and
its incremental sync after one change, timed on the server side.

    .venv/bin/python benchmarks/bench_dav.py [--people 10000] [--runs 3] [--batch 100]
        [--database-url postgresql://postgres@127.0.0.1:5432/gw_bench_dav] [--rebuild]

Builds (once, or again with --rebuild) the benchmark network with synthetic.py's generator:
into $TMPDIR/goodwill-bench-dav/demo.sqlite3, or into the PostgreSQL database given by
--database-url or GOODWILL_DATABASE_URL (its tables are dropped first). Then, per run:

- first full sync, cold: the DAV state is cleared (DavBook, DavItem, DavDirty) so the first
  request renders every card, as on a server that has never served this address book;
  sync-collection from an empty token, then addressbook-multiget of every href in
  batches of --batch (iOS asks ~50-100 at a time, DAVx5 10-100);
- full sync, warm: a second phone doing the same on the kept state;
- incremental sync: one person edited through services.people.edit_person, then
  sync-collection with the token + multiget of the one changed card;
- the floor, in the same run: the raw SQL that reads the changed rows (DavItem by seq)
  and, for the full sync, every row's text.

Requests go through Django's test client in this process (the same view, Radicale app,
plugins and services as `goodwill serve`, without sockets), so wall and CPU time
(time.process_time) are the server's. Connections are kept between requests, as
`goodwill serve` keeps them. The target: the incremental sync under 1 s of server time.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

DEFAULT_PATH = synthetic.DEFAULT_PATH.parent.with_name("goodwill-bench-dav") / "demo.sqlite3"
CONTACTS = "/dav/me/contacts/"
AGENT = "DAVx5/4.4.2-ose (2024/10/02; dav4jvm; okhttp/4.12.0) Android/14"
SYNC = (
    '<?xml version="1.0" encoding="UTF-8"?><sync-collection xmlns="DAV:"><sync-token>{token}</sync-token>'
    "<sync-level>1</sync-level><prop><getetag/></prop></sync-collection>"
)
MULTIGET = (
    '<?xml version="1.0" encoding="UTF-8"?><C:addressbook-multiget xmlns="DAV:" '
    'xmlns:C="urn:ietf:params:xml:ns:carddav"><prop><getetag/><C:address-data/></prop>{hrefs}</C:addressbook-multiget>'
)


def environment() -> None:
    """Before Django starts: the web settings (the DAV view), and connections kept as `goodwill serve` keeps them."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodwill.settings_web")
    os.environ.setdefault("GOODWILL_CONN_MAX_AGE", "600")
    synthetic.pin_environment()


def use_postgres(url: str):
    environment()
    os.environ["GOODWILL_DATABASE_URL"] = url
    from goodwill.db import ensure_schema, setup_django

    setup_django()
    ensure_schema()
    from goodwill.services.accounts import local_user

    return local_user()


def build_postgres(url: str, people: int) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("DROP SCHEMA public CASCADE")
        raw.execute("CREATE SCHEMA public")
    owner = use_postgres(url)
    from goodwill import clock
    from goodwill.demo.generator import Scale, generate
    from goodwill.demo.loader import load

    network = generate(Scale(people=people, interactions=people * 2, open_steps=people // 10), seed=7, now=clock.now())
    report = load(owner, network)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{report.people:,} people -> PostgreSQL")


def open_network(path: Path, url: str | None, people: int, rebuild: bool):
    if url:
        owner = use_postgres(url)
        from goodwill.models import Person

        if rebuild or Person.objects.filter(owner=owner).count() != people:
            from django.db import connections

            connections.close_all()
            build_postgres(url, people)
            owner = use_postgres(url)
        return owner
    environment()
    if rebuild or not path.exists():
        synthetic.build(path, people=people, interactions=people * 2, open_steps=people // 10)
    owner = synthetic.use_database(path)
    from goodwill.models import Person

    if Person.objects.filter(owner=owner).count() != people:
        from django.db import connections

        connections.close_all()
        synthetic.build(path, people=people, interactions=people * 2, open_steps=people // 10)
        owner = synthetic.use_database(path)
    return owner


@dataclass
class Timing:
    wall: float = 0.0
    cpu: float = 0.0
    requests: int = 0


@dataclass
class Phone:
    """A phone that talks to /dav/ through Django's test client and times each request."""

    password: str
    timing: Timing = field(default_factory=Timing)

    def __post_init__(self) -> None:
        import base64

        from django.test import Client

        self.client = Client()
        auth = base64.b64encode(f"me:{self.password}".encode()).decode()
        self.headers = {
            "HTTP_AUTHORIZATION": f"Basic {auth}",
            "HTTP_USER_AGENT": AGENT,
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_DEPTH": "1",
        }

    def report(self, body: str) -> bytes:
        wall, cpu = time.perf_counter(), time.process_time()
        answer = self.client.generic("REPORT", CONTACTS, body, "application/xml; charset=utf-8", **self.headers)
        self.timing.wall += time.perf_counter() - wall
        self.timing.cpu += time.process_time() - cpu
        self.timing.requests += 1
        assert answer.status_code == 207, (answer.status_code, answer.content[:500])
        return answer.content

    def changes(self, token: str) -> tuple[str, list[str]]:
        body = self.report(SYNC.format(token=token)).decode("utf-8")
        new_token = re.search(r"<[^>]*sync-token>([^<]+)</", body)
        assert new_token, body[:500]
        hrefs = re.findall(r"<[^>]*href>([^<]+\.vcf)</", body)
        return new_token.group(1), hrefs

    def fetch(self, hrefs: list[str], batch: int) -> int:
        cards = 0
        for start in range(0, len(hrefs), batch):
            refs = "".join(f"<href>{h}</href>" for h in hrefs[start : start + batch])
            cards += self.report(MULTIGET.format(hrefs=refs)).count(b"BEGIN:VCARD")
        return cards


def clear_dav_state(owner) -> None:
    from goodwill.models import DavBook, DavDirty, DavItem

    DavItem.objects.filter(owner=owner).delete()
    DavBook.objects.filter(owner=owner).delete()
    DavDirty.objects.filter(owner=owner).delete()


def full_sync(password: str, batch: int, people: int) -> tuple[Timing, str]:
    phone = Phone(password)
    token, hrefs = phone.changes("")
    cards = phone.fetch(hrefs, batch)
    assert cards == people, f"{cards:,} cards served for {people:,} people"
    return phone.timing, token


def incremental_sync(owner, password: str, token: str, batch: int, number: int) -> Timing:
    from goodwill.models import Person
    from goodwill.services.people import PersonFields, edit_person

    person = Person.objects.filter(owner=owner).order_by("pk")[number * 37 % 1000]
    edit_person(owner, person, PersonFields(title=f"Benchmark title {time.time_ns()}"))  # new on every run
    phone = Phone(password)
    _token, hrefs = phone.changes(token)
    assert len(hrefs) == 1, f"{len(hrefs)} changes reported for one edit"
    assert phone.fetch(hrefs, batch) == 1
    return phone.timing


def floor(owner, since_seq: int | None) -> Timing:
    """The raw SQL a sync can't do without: the changed rows (or, for a full sync, every row's text)."""
    from django.db import connection

    from goodwill.models import DavItem

    table = DavItem._meta.db_table
    sql = f"SELECT href, etag, text FROM {table} WHERE owner_id = %s AND collection = 'contacts' AND deleted = %s"
    params: list = [owner.pk, False]
    if since_seq is not None:
        sql += " AND seq > %s"
        params.append(since_seq)
    timing = Timing(requests=1)
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    timing.wall, timing.cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert rows
    return timing


def contention() -> float:
    """Wall over CPU time of pure Python arithmetic (1.0 on an idle core): above 1, other
    processes share this machine's cores, and the wall figures above are stretched so much."""
    wall, cpu = time.perf_counter(), time.process_time()
    total = 0
    for number in range(5_000_000):
        total += number
    return (time.perf_counter() - wall) / max(time.process_time() - cpu, 1e-9)


def current_seq(owner) -> int:
    from goodwill.models import DavBook

    return DavBook.objects.get(owner=owner, collection="contacts").seq


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=100, help="hrefs per addressbook-multiget")
    parser.add_argument("--database-url", default=os.environ.get("GOODWILL_DATABASE_URL"))
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH, help="the SQLite file (without --database-url)")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    owner = open_network(args.path, args.database_url, args.people, args.rebuild)
    from goodwill.models import DavPassword
    from goodwill.services.dav_passwords import add_device_password

    DavPassword.objects.filter(owner=owner, name="bench").delete()
    password = add_device_password(owner, "bench").plain
    from django.db import connection

    engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    # People the demo loader (or an older import) wrote have no UID yet: the first sync ever
    # gives them one, which marks every card and renders it twice. Done once, untimed, so
    # every run measures the same thing: a server that has never served this address book.
    clear_dav_state(owner)
    full_sync(password, args.batch, args.people)
    rows: dict[str, list[Timing]] = {}
    for run in range(args.runs):
        clear_dav_state(owner)
        cold, _token = full_sync(password, args.batch, args.people)
        rows.setdefault("first full sync, cold (every card rendered)", []).append(cold)
        warm, token = full_sync(password, args.batch, args.people)
        rows.setdefault("full sync, warm (a second phone)", []).append(warm)
        rows.setdefault("  floor: SELECT every card's text", []).append(floor(owner, None))
        before = current_seq(owner)
        rows.setdefault("incremental sync after one edit", []).append(
            incremental_sync(owner, password, token, args.batch, run)
        )
        rows.setdefault("  floor: SELECT the changed rows by seq", []).append(floor(owner, before))
        print(f"run {run + 1} of {args.runs} done", file=sys.stderr)

    print(f"\nPhone sync, {args.people:,} contacts, {engine}, multiget batches of {args.batch}, {args.runs} runs")
    print("Server side: wall and CPU seconds per sync (all its requests), each run, then the median.\n")
    header = f"{'':46} {'requests':>8}  " + "  ".join(f"{'run ' + str(i + 1):>15}" for i in range(args.runs))
    print(header + f"  {'median':>15}")
    for name, timings in rows.items():
        cells = "  ".join(f"{t.wall:7.3f}/{t.cpu:7.3f}" for t in timings)
        median = f"{statistics.median(t.wall for t in timings):7.3f}/{statistics.median(t.cpu for t in timings):7.3f}"
        print(f"{name:46} {timings[0].requests:>8}  {cells}  {median}")
    print("\n(each cell: wall / CPU seconds)")
    print(f"this machine's wall/CPU for pure arithmetic now: {contention():.2f} (1.00 when no other process competes)")
    incremental = statistics.median(t.wall for t in rows["incremental sync after one edit"])
    print(
        f"incremental sync target < 1 s of server time: {'met' if incremental < 1 else 'NOT met'} ({incremental:.3f} s)"
    )


if __name__ == "__main__":
    main()
