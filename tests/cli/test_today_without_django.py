"""A fresh `goodwill today` on a laptop's SQLite file reads its agenda without setting Django
up (queries.prepared; issue 18's start-up line), and prints exactly what the Django path does."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.test_database_file import cli_environment

NOW = "2026-11-23T09:00:00+00:00"
REPORT = (
    "\nimport sys; print('DJANGO', any(m == 'django' or m.startswith('django.') for m in sys.modules), file=sys.stderr)"
)


def _run(home, *args: str, django_first: bool = False) -> subprocess.CompletedProcess:
    """`goodwill ARGS` in a fresh process; `django_first`: with Django set up before it starts,
    which sends every command the ordinary way."""
    setup = "from goodwill.db import setup_django; setup_django()\n" if django_first else ""
    code = (
        f"import sys\n{setup}import goodwill.cli.main as m\nsys.argv = ['goodwill', *{list(args)!r}]\n"
        "try:\n    m.run()\nexcept SystemExit as exit:\n    code = exit.code\nelse:\n    code = 0\n"
        + REPORT
        + "\nsys.exit(code)"
    )
    env = {**cli_environment(), "GOODWILL_HOME": str(home), "GOODWILL_NOW": NOW, "COLUMNS": "120"}
    if django_first:
        env["GOODWILL_DEMO"] = "1" if "--demo" in args else ""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo")
    env = {**cli_environment(), "GOODWILL_HOME": str(home), "GOODWILL_NOW": NOW}
    built = subprocess.run(
        [sys.executable, "-m", "goodwill.cli.main", "demo", "--people", "80"], capture_output=True, text=True, env=env
    )
    assert built.returncode == 0, built.stderr
    return home


def test_today_on_the_demo_reads_without_django_and_prints_the_same(demo_home):
    fast = _run(demo_home, "today", "--demo")
    ordinary = _run(demo_home, "today", "--demo", django_first=True)
    assert fast.returncode == ordinary.returncode == 0, fast.stderr + ordinary.stderr
    assert "DJANGO False" in fast.stderr and "DJANGO True" in ordinary.stderr
    assert fast.stdout == ordinary.stdout
    assert "Replies I owe" in fast.stdout and "Due for a touch" in fast.stdout


def test_today_as_json_is_the_same_both_ways(demo_home):
    fast = _run(demo_home, "today", "--demo", "--json")
    ordinary = _run(demo_home, "today", "--demo", "--json", django_first=True)
    assert "DJANGO False" in fast.stderr
    assert json.loads(fast.stdout) == json.loads(ordinary.stdout)


def test_putting_the_checklist_away_writes_so_it_goes_through_django(tmp_path):
    assert _run(tmp_path, "add", "Ann Lee").returncode == 0
    first = _run(tmp_path, "today")
    assert "DJANGO False" in first.stderr and "Set your home" in first.stdout
    hidden = _run(tmp_path, "today", "--hide-checklist")
    assert hidden.returncode == 0 and "DJANGO True" in hidden.stderr
    after = _run(tmp_path, "today")
    assert "DJANGO False" in after.stderr and "Set your home" not in after.stdout


def test_a_first_run_makes_its_user_and_schema_through_django_then_reads_without(tmp_path):
    first = _run(tmp_path, "today")
    assert first.returncode == 0 and "DJANGO True" in first.stderr and "Nobody in your network yet" in first.stdout
    again = _run(tmp_path, "today")
    assert again.stdout == first.stdout and "DJANGO False" in again.stderr


def test_no_demo_here_is_still_a_one_line_error(tmp_path):
    assert _run(tmp_path, "add", "Ann Lee").returncode == 0
    missing = _run(tmp_path, "today", "--demo")
    assert missing.returncode == 2 and "no demo network here" in missing.stderr


def test_a_server_database_is_read_the_ordinary_way(tmp_path, monkeypatch):
    from goodwill.db import prepared_sqlite_file

    monkeypatch.setenv("GOODWILL_HOME", str(tmp_path))
    monkeypatch.setenv("GOODWILL_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert prepared_sqlite_file() is None
    monkeypatch.delenv("GOODWILL_DATABASE_URL")
    assert prepared_sqlite_file() is None  # no file yet; and in this process Django is set up
    assert os.environ["GOODWILL_HOME"] == str(tmp_path)


def test_a_data_folder_whose_name_needs_quoting_in_a_uri(tmp_path):
    home = tmp_path / "my data #1?"
    home.mkdir()
    assert _run(home, "add", "Ann Lee").returncode == 0
    fast = _run(home, "today")
    assert fast.returncode == 0 and "DJANGO False" in fast.stderr and "Set your home" in fast.stdout
