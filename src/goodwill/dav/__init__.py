"""The network in the phone: CardDAV and CalDAV through Radicale (issue 16).

Radicale 3.9 is the DAV engine (PROPFIND, REPORT, sync-collection, ETags and preconditions);
Goodwill gives it three plugins and mounts it inside the Django app at /dav/:

- storage.py: each user's principal holds three fixed collections, built from the network
  by goodwill.services.dav_sync: `contacts` (people as vCards, both ways), `tasks` (my open
  next steps and promises as to-dos, both ways) and `dates` (birthdays, important dates and
  planned touches, read-only).
- auth.py: the Goodwill username and a device password (services.dav_passwords), through
  the same lockout as web logins.
- rights.py: a user reaches only their own principal; `dates` is read-only; nobody makes
  or deletes collections.

views.py bridges a Django request to Radicale's WSGI application (app.py) and refuses plain
http from anywhere but this machine: Basic auth must never cross a network in clear.
"""
