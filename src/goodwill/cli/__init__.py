"""The `goodwill` command.

Typer imports rich's help, markdown and traceback renderers (~90 ms of every
start-up) whenever rich is installed. Goodwill's help is plain click text
(`rich_markup_mode=None`, see main.new_app) and its tracebacks are Python's, so
typer is imported here, before any command module, with rich hidden: typer then
takes its plain path. Rich itself loads afterwards, as usual, for the output.
"""

import sys


def _import_typer_without_rich() -> None:
    if "typer" in sys.modules:
        return  # already imported (a test process): help is plain click text either way
    hidden = "rich" not in sys.modules
    if hidden:
        sys.modules["rich"] = None  # type: ignore[assignment]  # makes `import rich` raise ImportError
    try:
        import typer  # noqa: F401
    finally:
        if hidden:
            del sys.modules["rich"]


_import_typer_without_rich()
