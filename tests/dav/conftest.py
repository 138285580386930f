"""Phone-sync tests (issue 16 §4): real clients against /dav/, and the request shapes of the
phones that can't run here.

`dav_base` is pytest-django's live server (a thread of this process, so a test reads the
database the server wrote, on SQLite and on PostgreSQL alike); tests that use it need
`@pytest.mark.django_db(transaction=True)`, since the server's thread must see what the
test committed. The server answers plain http only on loopback, so clients are pointed at
127.0.0.1 rather than "localhost" (which may resolve to ::1)."""

from __future__ import annotations

import pytest


@pytest.fixture
def phone_password(alice) -> str:
    """A device password for alice's phone, as Settings shows it once."""
    from goodwill.services.dav_passwords import add_device_password

    return add_device_password(alice, "iPhone").plain


@pytest.fixture
def dav_base(live_server) -> str:
    """http://127.0.0.1:<port>: the live server's root, without a trailing slash."""
    return f"http://127.0.0.1:{live_server.thread.port}"
