"""Opening the data file: migrations on first use, and refusing files that are not ours.

These run the real `goodwill` command in a fresh process on a temporary data folder."""

import os
import sqlite3
import subprocess
import sys


def goodwill(home, *args):
    env = {**os.environ, "GOODWILL_HOME": str(home), "GOODWILL_NOW": "2026-11-23T09:00:00+00:00"}
    env.pop("GOODWILL_TEST_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "goodwill.cli.main", *args], env=env, capture_output=True, text=True, timeout=60
    )


def cli_environment() -> dict:
    """The environment of a plain CLI command on a SQLite file: without the suite's
    web settings or its PostgreSQL test database, nor the job queue's flag that a
    `goodwill worker` run in this process sets."""
    suite = (
        "GOODWILL_WEB",
        "GOODWILL_QUEUE",
        "DJANGO_SETTINGS_MODULE",
        "GOODWILL_TEST_DATABASE_URL",
        "GOODWILL_DATABASE_URL",
    )
    return {k: v for k, v in os.environ.items() if k not in suite}


def python_in(home, code: str) -> subprocess.CompletedProcess:
    """`python -c code` in a fresh process, as a plain CLI command on the data folder `home`."""
    env = {**cli_environment(), "GOODWILL_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_first_use_creates_a_wal_database(tmp_path):
    result = goodwill(tmp_path, "add", "Jane Doe")
    assert result.returncode == 0, result.stderr
    db = tmp_path / "goodwill.sqlite3"
    assert db.exists()
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert "Jane Doe" in goodwill(tmp_path, "find", "jane").stdout


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    (tmp_path / "goodwill.sqlite3").write_text("these are my tax notes\n")
    result = goodwill(tmp_path, "today")
    assert result.returncode == 2
    assert "not a Goodwill database" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "goodwill.sqlite3").read_text() == "these are my tax notes\n"


def test_another_applications_database_is_refused(tmp_path):
    connection = sqlite3.connect(tmp_path / "goodwill.sqlite3")
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    connection.commit()
    result = goodwill(tmp_path, "today")
    assert result.returncode == 2 and "not a Goodwill database" in result.stderr
    tables = {r[0] for r in sqlite3.connect(tmp_path / "goodwill.sqlite3").execute("SELECT name FROM sqlite_master")}
    assert tables == {"invoices"}


def test_a_database_from_a_newer_goodwill_is_refused(tmp_path):
    assert goodwill(tmp_path, "add", "Jane Doe").returncode == 0
    connection = sqlite3.connect(tmp_path / "goodwill.sqlite3")
    connection.execute(
        "INSERT INTO django_migrations (app, name, applied) VALUES ('goodwill', '9999_from_the_future', '2030-01-01')"
    )
    connection.commit()
    result = goodwill(tmp_path, "today")
    assert result.returncode == 2
    assert "newer Goodwill" in result.stderr and "upgrade" in result.stderr


def test_help_does_not_start_django(tmp_path):
    code = "import sys, goodwill.cli.main as m; sys.argv=['goodwill','--help']\ntry: m.run()\nexcept SystemExit: pass\nprint('django.db' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "GOODWILL_HOME": str(tmp_path)}
    )
    assert result.stdout.strip().endswith("False")


def test_today_never_loads_the_geodata_or_the_web_stack(tmp_path):
    """The gazetteer (~0.25 s) and django-ninja (~0.1 s): commands that need neither don't pay for them."""
    code = (
        "import sys, goodwill.cli.main as m; sys.argv=['goodwill','today']\n"
        "try: m.run()\nexcept SystemExit: pass\n"
        "import goodwill.habits.geo.gazetteer as g; print('GEODATA', g._loaded is not None)\n"
        "print('NINJA', 'ninja' in sys.modules, 'pydantic' in sys.modules)"
    )
    result = python_in(tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert "GEODATA False" in result.stdout
    assert "NINJA False False" in result.stdout


def test_the_installed_command_runs_one_group_and_still_fails_cleanly(tmp_path):
    """`goodwill NAME` builds only NAME's group: its commands, errors and help work as in the whole app."""
    assert goodwill(tmp_path, "add", "Ann Lee").returncode == 0
    missing = goodwill(tmp_path, "show", "Nobody")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "error:" in missing.stderr
    assert "demo [OPTIONS]" in goodwill(tmp_path, "demo", "--help").stdout
    assert goodwill(tmp_path, "todya").returncode == 2  # unknown: the whole app says so


def test_the_web_server_adds_its_tables_to_a_database_the_cli_made(tmp_path):
    cli_env = cli_environment()
    made = subprocess.run(
        [sys.executable, "-m", "goodwill.cli.main", "add", "Ann Lee"],
        capture_output=True,
        text=True,
        env={**cli_env, "GOODWILL_HOME": str(tmp_path)},
    )
    assert made.returncode == 0, made.stderr

    def tables():
        with sqlite3.connect(tmp_path / "goodwill.sqlite3") as db:
            return {row[0] for row in db.execute("select name from sqlite_master where type='table'")}

    assert "goodwill_person" in tables() and "django_session" not in tables()  # the CLI never loads the web apps
    web = subprocess.run(
        [sys.executable, "-m", "goodwill.cli.main", "today"],
        capture_output=True,
        text=True,
        env={**cli_env, "GOODWILL_HOME": str(tmp_path), "GOODWILL_WEB": "1"},
    )
    assert web.returncode == 0, web.stderr
    assert {"django_session", "axes_accessattempt"} <= tables()


HEAVY = (
    "typer.rich_utils",
    "rich.markdown",
    "rich.traceback",
    "numpy",
    "phonenumbers",
    "rapidfuzz",
    # The scheduled work's queue: django-tasks runs django_stubs_ext's monkeypatch (which
    # imports the admin) and reads its version from the installed packages' metadata.
    "django_tasks",
    "django_stubs_ext",
    "django.contrib.admin",
    "importlib.metadata",
    # Django's default logging builds its mail_admins handler, which imports the debug
    # views and their template engine (goodwill.apps: Goodwill's logging leaves it out).
    "django.views.debug",
    "django.template.defaulttags",
)


def _loaded_after(home, *argv: str) -> dict[str, bool]:
    heavy = (*HEAVY, "django.db", "rich.console")
    code = (
        f"import sys, goodwill.cli.main as m; sys.argv={['goodwill', *argv]!r}\n"
        "try: m.run()\nexcept SystemExit: pass\n"
        f"print('LOADED', *[name in sys.modules for name in {heavy!r}])"
    )
    result = python_in(home, code)
    assert "LOADED" in result.stdout, result.stderr
    flags = result.stdout.split("LOADED", 1)[1].split()
    return dict(zip(heavy, (flag == "True" for flag in flags)))


def test_start_up_imports_only_what_the_command_uses(tmp_path):
    """Typer's rich help and traceback renderers (~90 ms), numpy (~90 ms, for intro suggestions),
    phonenumbers and rapidfuzz (~40 ms, for duplicates), the job queue's app (~60 ms):
    `goodwill today` and `--help` use none of them."""
    assert goodwill(tmp_path, "add", "Ann Lee").returncode == 0
    today = _loaded_after(tmp_path, "today")
    # The agenda reads its prepared SQL without Django (queries.prepared); it prints with rich, so the probe sees.
    assert today.pop("django.db") is False
    assert today.pop("rich.console") is True
    assert _loaded_after(tmp_path, "find", "ann")["django.db"] is True  # a command that sets Django up
    assert not any(today.values()), today
    helped = _loaded_after(tmp_path, "--help")
    # Nor does --help start Django, nor load rich (~20 ms): its text is plain click, and the
    # console every command module imports is made on first use (cli/output.py).
    assert not any(helped.values()), helped


def test_django_logs_as_by_default_without_the_admins_mail(tmp_path):
    """Goodwill configures logging itself (Django's default less its mail_admins handler):
    Django's own records stay silent with DEBUG off, as with Django's default, rather than
    reaching stderr through Python's last-resort handler."""
    code = (
        "import logging, goodwill.db as db\n"
        "db.setup_django()\n"
        "logging.getLogger('django.request').error('a record Django keeps quiet')\n"
        "logging.getLogger('django.server').info('a served line')\n"
        "from django.utils.log import AdminEmailHandler\n"
        "print('MAILS', any(isinstance(h, AdminEmailHandler) for h in logging.getLogger('django').handlers))\n"
    )
    result = python_in(tmp_path, code)
    assert "MAILS False" in result.stdout, result.stderr
    assert "keeps quiet" not in result.stderr
    assert "a served line" in result.stderr  # the development server's lines, as Django formats them


def test_start_up_leaves_garbage_collection_on_once_django_is_up(tmp_path):
    """The CLI turns collection off while it starts (goodwill.cli.main.run); a command that opens
    the database runs with it on again, so a long import or `goodwill serve` collects as usual."""
    code = (
        "import gc, sys, goodwill.cli.main as m\n"
        "from goodwill.cli import common\n"
        "opened = common.open_store\n"
        "def probe(*a, **k):\n"
        "    user = opened(*a, **k)\n"
        "    print('ENABLED', gc.isenabled())\n"
        "    return user\n"
        "common.open_store = probe\n"
        "sys.argv = ['goodwill', 'add', 'Ann Lee']\n"
        "try: m.run()\nexcept SystemExit: pass\n"
    )
    result = python_in(tmp_path, code)
    assert "ENABLED True" in result.stdout, result.stderr


def test_the_job_queue_is_migrated_by_the_first_command_that_uses_it(tmp_path):
    """Only `goodwill worker` and the web server load the queue's app: a database made by other
    commands lacks its table until then, and nothing else notices."""

    def tables():
        with sqlite3.connect(tmp_path / "goodwill.sqlite3") as db:
            return {row[0] for row in db.execute("select name from sqlite_master where type='table'")}

    def command(*args):
        env = {**cli_environment(), "GOODWILL_HOME": str(tmp_path), "GOODWILL_NOW": "2026-11-23T09:00:00+00:00"}
        return subprocess.run(
            [sys.executable, "-m", "goodwill.cli.main", *args], env=env, capture_output=True, text=True, timeout=60
        )

    assert command("add", "Ann Lee").returncode == 0
    assert command("jobs").returncode == 0  # the runs' history is Goodwill's own table
    assert "django_tasks_database_dbtaskresult" not in tables()
    worked = command("worker", "--once")
    assert worked.returncode == 0, worked.stderr
    assert "Queued 0 run(s)" in worked.stdout
    assert "django_tasks_database_dbtaskresult" in tables()
    again = command("today")  # and a plain command opens the database as before
    assert again.returncode == 0 and "Ann Lee" in command("find", "ann").stdout


def test_serve_keeps_numpys_products_to_the_requests_own_thread_unless_told_otherwise(tmp_path, monkeypatch):
    """OpenBLAS reads its thread count when numpy loads: `goodwill serve` sets it to one before
    the app (and numpy) is loaded, as the model's session is; an explicit setting is kept."""
    code = (
        "import os, sys, goodwill.cli.main as m\n"
        "from goodwill.cli import common\n"
        "def probe(*a, **k):\n"
        "    print('THREADS', os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('OMP_NUM_THREADS'),\n"
        "          'numpy' in sys.modules)\n"
        "    raise SystemExit(0)\n"
        "common.open_store = probe\n"
        "sys.argv = ['goodwill', 'serve', '--port', '8997', '--no-worker']\n"
        "try: m.run()\nexcept SystemExit: pass\n"
    )
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    result = python_in(tmp_path, code)
    assert "THREADS 1 1 False" in result.stdout, result.stderr
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    result = python_in(tmp_path, code)
    assert "THREADS 2 1 False" in result.stdout, result.stderr
