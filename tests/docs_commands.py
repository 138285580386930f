"""The `goodwill ...` commands shown in README.md and docs/*.md, and a check of each
against the real command tree (click's, as Typer builds it). Used by
tests/test_docs_commands.py; the notation it reads is described in docs/architecture.md
("Tests").

The docs write commands the way a shell reads them, plus a little synopsis notation:

- a word that begins with `#` starts a comment, as in the shell (so `goodwill show #12`
  is `goodwill show`, and the check says so);
- `\\` at the end of a line continues the command on the next one (in a synopsis, so
  does an indented line right after it);
- `;`, `&&`, `||`, a pipe `|` and ` / ` (the docs' "or") separate commands; only the
  ones that run `goodwill` are checked (`echo "$PW" | goodwill user add bob` is);
- `<`, `>`, `>>`, `2>` redirect: the redirection and its file are not arguments;
- `[--flag]` is optional: checked as if given; `--mine | --theirs` and `yes|no` are
  alternatives: each is checked;
- an UPPERCASE word (`PERSON`, `ID`, `FILE`), `<name>`, `"…"` is a placeholder for one
  value; `PATH...` for one or more (the argument must take several); a bare `...` or
  `…` where an argument would be means "and the rest": nothing after it is checked;
- an inline code span may name a command without its arguments, and end with an option
  without its value (`goodwill edit`, `goodwill add --location`); given any argument,
  it is checked in full;
- a command whose comment starts with `error` (`goodwill kept -5  # error`) shows a
  mistake: the check must find it wrong.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

SHELL_LANGUAGES = {"", "sh", "shell", "bash", "console", "text"}
SEPARATORS = {";", "&&", "||", "|", "/"}
REDIRECTIONS = {"<", ">", ">>", "2>", "2>>", "&>"}
ELLIPSES = {"...", "…"}
PLACEHOLDER = re.compile(r"^(?:[A-Z][A-Z0-9_]*|<[^<>]+>)(?:\.\.\.|…)?$")
ENV_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(frozen=True)
class DocCommand:
    """One `goodwill ...` command as the docs show it."""

    file: str  # relative to the repository, e.g. "docs/usage.md"
    line: int
    text: str  # the command as written (continuations joined, comment dropped)
    args: tuple[str, ...]  # the words after `goodwill`
    inline: bool  # from an inline code span (may name a command without its arguments)
    comment: str  # the shell comment after it, if any, from just after the `#`
    shows_error: bool  # marked `# error`: a mistake on purpose
    block: int | None = None  # the line of its code block's opening fence

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


# Reading the docs


def collect(files: list[Path] = DOC_FILES) -> list[DocCommand]:
    found: list[DocCommand] = []
    for path in files:
        name = str(path.relative_to(ROOT))
        found += commands_in_markdown(path.read_text(encoding="utf-8"), name)
    return found


def commands_in_markdown(text: str, name: str) -> list[DocCommand]:
    """Every goodwill command in fenced shell blocks and in inline code spans."""
    found: list[DocCommand] = []
    lines = text.splitlines()
    fence: str | None = None  # the fence's indentation while inside a block
    language = ""
    block: list[tuple[int, str]] = []
    opened = 0  # the line of the block's opening fence
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if stripped.startswith("```"):
            if fence is None:
                fence, language, block = line[: len(line) - len(stripped)], stripped[3:].strip().lower(), []
                opened = number
            else:
                if language in SHELL_LANGUAGES:
                    found += commands_in_block(block, name, console=language == "console", fenced_at=opened)
                fence = None
            continue
        if fence is not None:
            block.append((number, line.removeprefix(fence)))
            continue
        for span in re.findall(r"(?<!`)`([^`]+)`(?!`)", line):
            found += commands_in_line(span, name, number, inline=True)
    return found


def commands_in_block(block: list[tuple[int, str]], name: str, console: bool, fenced_at: int) -> list[DocCommand]:
    """A shell block: each line at the block's left edge is a command line, continued by
    a backslash or, in a synopsis, by indented lines right after it; other indented lines
    are output. In a console transcript only the `$ ` lines are commands."""
    found: list[DocCommand] = []
    current: tuple[int, str] | None = None  # the command line being read
    backslash = False
    for number, line in [*block, (0, "")]:
        continued = bool(line[:1].isspace() and line.strip()) and not console
        if current is not None and (backslash or continued):
            start, text = current
            current = (start, text + " " + line.strip())
        else:
            if current is not None:
                found += commands_in_line(current[1], name, current[0], inline=False, block=fenced_at)
            current = None
            if console and line.startswith("$ "):
                current = (number, line[2:])
            elif not console and line and not line[0].isspace():
                current = (number, line)
        backslash = current is not None and current[1].endswith("\\")
        if backslash:
            current = (current[0], current[1][:-1].rstrip())
    return found


def commands_in_line(text: str, name: str, number: int, inline: bool, block: int | None = None) -> list[DocCommand]:
    text = text.strip().removeprefix("$ ")
    if not re.search(r"(^|[\s/|;&])goodwill(\s|$)", text):
        return []
    code, comment = split_comment(text)
    shows_error = comment.strip().lower().startswith("error")
    found = []
    for words in shell_commands(shlex.split(code)):
        while words and ENV_ASSIGNMENT.match(words[0]):
            words = words[1:]
        if words and Path(words[0]).name == "goodwill":
            found.append(DocCommand(name, number, code.strip(), tuple(words[1:]), inline, comment, shows_error, block))
    return found


def split_comment(text: str) -> tuple[str, str]:
    """The code and the comment, split where the shell would: at an unquoted `#` that
    begins a word."""
    quote = ""
    escaped = False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i], text[i + 1 :]
    return text, ""


def shell_commands(words: list[str]) -> list[list[str]]:
    """Split a line's words into commands: at `;`, `&&`, `||`, ` / `, and at a pipe
    unless an option follows it (`--mine | --theirs` are alternatives); redirections dropped."""
    commands: list[list[str]] = [[]]
    i = 0
    while i < len(words):
        word = words[i]
        if word in REDIRECTIONS:
            i += 2
            continue
        if word == "|" and i + 1 < len(words) and words[i + 1].lstrip("[").startswith("-"):
            i += 1
            continue
        if word in SEPARATORS:
            commands.append([])
        elif word.endswith(";"):
            commands[-1].append(word[:-1])
            commands.append([])
        else:
            commands[-1].append(word)
        i += 1
    return [c for c in commands if c]


# Checking a command against the CLI


def command_paths(command: click.Command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every visible command and subcommand, as the words that name it (a group only
    when it does something of its own, like `goodwill promises`)."""
    paths = []
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if sub.hidden:
                continue
            if not isinstance(sub, click.Group) or sub.invoke_without_command:
                paths.append((*prefix, name))
            paths += command_paths(sub, (*prefix, name))
    return paths


def check(root: click.Group, doc: DocCommand) -> tuple[tuple[str, ...], list[str]]:
    """The command path the words reach and the problems found (none: it fits)."""
    # `[` and `]` mark optional parts; an empty word ("") is a value like any other.
    words = [w.lstrip("[").rstrip("]") for w in doc.args if w.strip("[]") or not w]
    command: click.Command = root
    path: tuple[str, ...] = ()
    problems: list[str] = []
    if re.match(r"\d", doc.comment):
        problems.append(f"#{doc.comment.split()[0]} starts a shell comment; write the bare number or quote it")
    positionals: list[str] = []
    elided = False
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word in ELLIPSES:
            elided = True
            break
        if word == "--":
            positionals += words[i:]
            break
        if word.startswith("-") and word != "-":
            option, _, attached = word.partition("=") if word.startswith("--") else (word, "", "")
            if option in ("--help",):
                continue
            param = _option(command, option)
            if param is None:
                problems.append(f"`{' '.join(('goodwill', *path))}` has no option {option}")
                continue
            if param.is_flag or param.count:
                if attached:
                    problems.append(f"{option} is a flag: it takes no value")
            elif not attached:
                # As click does, the next word is the value, whatever it looks like.
                if i < len(words):
                    i += 1
                elif not doc.inline:  # `goodwill add --location` in a sentence names the option
                    problems.append(f"{option} needs a value")
            continue
        if isinstance(command, click.Group) and not positionals:
            if PLACEHOLDER.match(word):
                return path, problems  # `goodwill COMMAND --help`: any command
            sub = command.commands.get(word)
            if sub is None:
                problems.append(f"`{' '.join(('goodwill', *path))}` has no command {word!r}")
                return path, problems
            command, path = sub, (*path, word)
            continue
        positionals.append(word)
    if isinstance(command, click.Group):
        if not command.invoke_without_command and not doc.inline:
            problems.append(f"`{' '.join(('goodwill', *path))}` needs a command: {', '.join(command.commands)}")
        return path, problems
    problems += _arity_problems(command, positionals, elided or (doc.inline and not positionals))
    return path, problems


def _option(command: click.Command, name: str) -> click.Option | None:
    for param in command.params:
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _arity_problems(command: click.Command, positionals: list[str], elided: bool) -> list[str]:
    """Too many or too few arguments; `X...` must land on an argument that takes several."""
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    variadic = [a for a in arguments if a.nargs == -1]
    problems = []
    for word in positionals:
        if PLACEHOLDER.match(word) and word.endswith(("...", "…")) and not variadic:
            problems.append(f"{word} stands for several values, but no argument takes more than one")
    least = sum(1 if a.nargs == -1 else a.nargs for a in arguments if a.required)
    most = None if variadic else sum(a.nargs for a in arguments)
    if most is not None and len(positionals) > most:
        extra = " ".join(positionals[most:])
        problems.append(f"takes at most {most} argument(s); {extra!r} is too many")
    if not elided and len(positionals) < least:
        missing = [a.human_readable_name for a in arguments if a.required][len(positionals) :]
        problems.append(f"missing argument(s): {' '.join(missing) or '(more values)'}")
    return problems
