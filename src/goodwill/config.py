"""Where Goodwill keeps its data and how it connects, read from the environment.

Everything here is cheap to import: the CLI reads it before deciding whether to
start Django at all.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "GOODWILL_HOME"
ENV_DATABASE_URL = "GOODWILL_DATABASE_URL"
ENV_TEST_DATABASE_URL = "GOODWILL_TEST_DATABASE_URL"
ENV_DEMO = "GOODWILL_DEMO"
ENV_WEB = "GOODWILL_WEB"  # 1: this process installs the web server's apps (settings.py)
ENV_QUEUE = "GOODWILL_QUEUE"  # 1: this process installs the scheduled work's queue (settings.py)
ENV_TIMEZONE = "GOODWILL_TIMEZONE"
ENV_VECTOR_MEMORY = "GOODWILL_VECTOR_MEMORY_MB"
DEFAULT_VECTOR_MEMORY_MB = 256
ENV_SQLITE_CACHE = "GOODWILL_SQLITE_CACHE_KIB"
ENV_VECTOR_FILES = "GOODWILL_VECTOR_FILES"

# How many people the demo network has unless told otherwise (`goodwill demo --people`);
# here, low in the layers, because the first-run guide quotes it too.
DEMO_PEOPLE = 300


def data_dir() -> Path:
    """The data folder: GOODWILL_HOME, else the platform's user data folder."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("goodwill", appauthor=False))


def demo_mode() -> bool:
    return os.environ.get(ENV_DEMO, "") not in ("", "0", "false")


def web_apps() -> bool:
    """Whether this process installs the web server's apps (sessions, messages, ninja, ...)."""
    return os.environ.get(ENV_WEB) == "1"


def queue_apps() -> bool:
    """Whether this process installs the scheduled work's queue (the web server always does)."""
    return web_apps() or os.environ.get(ENV_QUEUE) == "1"


def sqlite_path() -> Path:
    """The SQLite file in use: the demo network lives in a file of its own."""
    name = "demo.sqlite3" if demo_mode() else "goodwill.sqlite3"
    return data_dir() / name


def database_url() -> str | None:
    """A PostgreSQL URL when one is configured (never for the demo network)."""
    if demo_mode():
        return None
    return os.environ.get(ENV_DATABASE_URL) or None


def time_zone() -> str:
    """The user's time zone: GOODWILL_TIMEZONE, TZ, the system's, else UTC."""
    for value in (os.environ.get(ENV_TIMEZONE), os.environ.get("TZ")):
        if value and "/" in value or value == "UTC":
            return value
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            return link.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"


ENV_BASE_URL = "GOODWILL_BASE_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url() -> str:
    """The address the web app is reached at, for links that leave it (digest links, the feed's URL):
    GOODWILL_BASE_URL (e.g. https://goodwill.example-firm.com), else the local `goodwill serve`."""
    return (os.environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL).strip().rstrip("/")


def vector_memory_bytes() -> int:
    """How much of a process's memory the meaning search may keep of networks' vector indexes:
    GOODWILL_VECTOR_MEMORY_MB, else 256 MB. Past it, the networks searched least recently are let
    go and read again when next searched; the one in use is kept whatever its size. A ValueError
    names a value that is not a whole number of megabytes."""
    raw = os.environ.get(ENV_VECTOR_MEMORY, "").strip()
    if not raw:
        return DEFAULT_VECTOR_MEMORY_MB * 2**20
    if not raw.isdigit():
        raise ValueError(
            f"{ENV_VECTOR_MEMORY} must be a whole number of megabytes, such as {DEFAULT_VECTOR_MEMORY_MB} (it is {raw!r})"
        )
    return int(raw) * 2**20


def vector_files() -> bool:
    """Whether big networks' vector indexes are kept in files in the data folder
    (goodwill.search.vector_files): yes unless GOODWILL_VECTOR_FILES is 0, no or off."""
    return os.environ.get(ENV_VECTOR_FILES, "").strip().lower() not in ("0", "no", "off", "false")


def sqlite_cache_kib() -> int | None:
    """Each SQLite connection's page cache in KiB: GOODWILL_SQLITE_CACHE_KIB, else None (SQLite's
    own 2 MB; `goodwill serve` sets 512). A ValueError names a value that is not a whole number."""
    raw = os.environ.get(ENV_SQLITE_CACHE, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(f"{ENV_SQLITE_CACHE} must be a whole number of KiB, such as 512 (it is {raw!r})")
    return int(raw) or None
