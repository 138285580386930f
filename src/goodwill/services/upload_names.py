"""Files named as their user knows them. An upload (the browser's, the API's body) waits on the
server under a random name; an import's report, problems, errors and batch name it as the user
called it. Every import that takes files takes `names` (path → name) and goes through here."""

from __future__ import annotations

from collections.abc import Mapping


def shown_names(paths: list[str], names: Mapping[str, str] | None) -> dict[str, str]:
    """How each path is named in a report, its problems, its errors and its batch: as given, or as
    `names` says."""
    return {path: (names or {}).get(path, path) for path in paths}


def renamed(text: str, shown: Mapping[str, str]) -> str:
    """A message that names a path, naming it as the user knows it."""
    for path, name in shown.items():
        if name != path:
            text = text.replace(path, name)
    return text
