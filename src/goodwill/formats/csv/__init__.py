"""Contact CSV exports: read.py (rows past any preamble, a clean block at a time),
sources.py (the clients Goodwill knows and how their header is detected), fields.py
(where a cell goes: the column vocabulary --map uses too), generic.py (columns every
client names alike) and write.py (Google Contacts' layout).

The modules here import the standard library's csv as `import csv`: imports are
absolute, so that name never means this package."""
