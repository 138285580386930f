"""vdirsyncer (a real CardDAV/CalDAV client, a test extra) run as a subprocess, the way a
user runs it from cron: one pair between Goodwill's collection and a local vdir."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CONFIG = """\
[general]
status_path = "{status}"

[pair phone]
a = "goodwill"
b = "local"
collections = ["{collection}"]
metadata = []
{conflict}

[storage goodwill]
type = "{dav_type}"
url = "{url}"
username = "{username}"
password = "{password}"
{item_types}

[storage local]
type = "filesystem"
path = "{vdir}"
fileext = "{fileext}"
"""


@dataclass
class Sync:
    """One configured pair; `vdir` is the local collection's folder (one file per card or task)."""

    root: Path
    collection: str
    config: Path

    @property
    def vdir(self) -> Path:
        return self.root / "vdir" / self.collection

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        program = Path(sys.executable).with_name("vdirsyncer")
        if not program.exists():
            pytest.skip("vdirsyncer is a test extra: pip install -e .[test]")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWILL_")}
        env["HOME"] = str(self.root)  # nothing read from or written to the real home
        done = subprocess.run(
            [str(program), "-c", str(self.config), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def discover(self) -> None:
        self.run("discover")

    def sync(self, check: bool = True) -> subprocess.CompletedProcess:
        return self.run("sync", check=check)

    def files(self) -> dict[str, str]:
        """File name -> text, of what the local side holds now."""
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(self.vdir.iterdir()) if p.is_file()}


def copied_or_deleted(done: subprocess.CompletedProcess) -> list[str]:
    """vdirsyncer's log lines for items it moved (it logs each copy, update and delete)."""
    lines = (done.stdout + done.stderr).splitlines()
    return [line for line in lines if "Copying" in line or "Deleting" in line]


def configure(
    root: Path,
    base: str,
    username: str,
    password: str,
    *,
    collection: str = "contacts",
    conflict: str | None = None,
) -> Sync:
    """Write the config; the local collection's folder exists already, so `discover`
    asks no question (it would otherwise prompt to create it)."""
    contacts = collection == "contacts"
    (root / "status").mkdir(parents=True, exist_ok=True)
    (root / "vdir" / collection).mkdir(parents=True, exist_ok=True)
    text = CONFIG.format(
        status=root / "status",
        collection=collection,
        conflict=f'conflict_resolution = "{conflict}"' if conflict else "",
        dav_type="carddav" if contacts else "caldav",
        url=base + "/dav/",
        username=username,
        password=password,
        item_types="" if contacts else 'item_types = ["VTODO"]',
        vdir=root / "vdir",
        fileext=".vcf" if contacts else ".ics",
    )
    config = root / "config"
    config.write_text(text, encoding="utf-8")
    return Sync(root, collection, config)


def set_conflict_resolution(sync: Sync, value: str) -> None:
    text = sync.config.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("conflict_resolution")]
    at = lines.index("metadata = []") + 1
    lines.insert(at, f'conflict_resolution = "{value}"')
    sync.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
