"""Whether a host name or address stays on this machine: the one rule for "loopback" that
plain-text SMTP and IMAP, http calendar addresses, local login and links all follow."""

from __future__ import annotations

import ipaddress


def is_loopback_host(host: str) -> bool:
    """localhost (and *.localhost) or a loopback address (127.0.0.0/8, ::1), brackets allowed."""
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
