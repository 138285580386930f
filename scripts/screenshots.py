"""Screenshots of the main pages, on the demo network, into docs/screenshots/*.png.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds the demo network in a throwaway data folder, runs `goodwill serve --demo`
on a free local port (and, for first-run.png, `goodwill serve` on the folder's own,
empty network), and drives Debian's chromium (/usr/bin/chromium) with
Playwright. Nothing outside the temporary folder is touched."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOODWILL = [sys.executable, "-m", "goodwill.cli.main"]
CHROMIUM = "/usr/bin/chromium"

# (file name, path, what to do on the page first, viewport width)
PAGES = [
    ("today", "/", None, 1280),
    ("people", "/people/?due=1", None, 1280),
    ("person", "PERSON", None, 1280),
    ("add-person", "/people/new", None, 1280),
    ("quick-log", "LOG", "log", 1280),
    ("review", "REVIEW", None, 1280),
    ("momentum", "/momentum/", None, 1280),
    ("near", "/near/?place=home&within=100mi", None, 1280),
    ("import", "/import/", None, 1280),
    ("settings", "/settings/", None, 1280),
    ("pass-on", "/pass-on/?text=A+playbook+for+hiring+your+first+engineers", None, 1280),
    ("intros", "/intros/", None, 1280),
    ("ledger", "/ledger/", None, 1280),
    ("today-phone", "/", None, 390),
    ("ledger-phone", "/ledger/", None, 375),
]
PERSON_CANDIDATES = 20  # people due on Today to look at for the Person page: the one with the most ideas


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


def richest_person(page, base: str) -> str:
    """The Person page worth showing: of the people on Today, the one with the most kinds of ideas."""
    page.goto(base + "/")
    links = list(dict.fromkeys(a.get_attribute("href") for a in page.locator("#agenda a.who").all()))
    best, score = links[0], -1
    for href in links[:PERSON_CANDIDATES]:
        page.goto(base + href)
        kinds = page.locator("#ideas li.idea").evaluate_all("rows => new Set(rows.map(r => r.className)).size")
        if kinds > score:
            best, score = href, kinds
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="goodwill-shots-") as home:
        env = {**os.environ, "GOODWILL_HOME": home, "PYTHONPATH": str(ROOT / "src")}
        for name in ("GOODWILL_DATABASE_URL", "GOODWILL_TEST_DATABASE_URL", "GOODWILL_NOW"):
            env.pop(name, None)
        subprocess.run([*GOODWILL, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen(
            [*GOODWILL, "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
                for name, path, action, width in PAGES:
                    page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
                    if path == "PERSON":
                        path = richest_person(page, base)
                    if path == "LOG":
                        page.goto(base + "/")
                        person = page.locator("#agenda a.who").first.get_attribute("href").strip("/").split("/")[-1]
                        path = f"/log/?person={person}"
                    if path == "REVIEW":
                        page.goto(base + "/review/")
                        path = page.locator("#review-start").get_attribute("href")
                    page.goto(base + path)
                    if action == "log":
                        page.fill("#log-summary", "Coffee with her. I'll send her the deck by Friday.")
                        page.wait_for_timeout(1200)  # the promise finder answers after a pause in typing
                    page.screenshot(path=str(out / f"{name}.png"), full_page=name in ("today", "person", "today-phone"))
                    page.close()
                    print(f"saved {out / (name + '.png')}")
                first_run(browser, env, out)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


def first_run(browser, env: dict, out: Path) -> None:
    """Today on the same data folder's own network, which is empty: the three ways in and the checklist."""
    port = free_port()
    server = subprocess.Popen(
        [*GOODWILL, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        page.goto(f"http://127.0.0.1:{port}/")
        page.screenshot(path=str(out / "first-run.png"), full_page=True)
        page.close()
        print(f"saved {out / 'first-run.png'}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
