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


# The headers a reverse proxy adds (as WSGI names them). Any of them means the request
# was relayed for someone else, whatever address it arrived from.
PROXY_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_SERVER",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def host_without_port(header: str) -> str:
    """ "127.0.0.1:8000" -> "127.0.0.1", "[::1]:8000" -> "::1", "localhost" -> "localhost"."""
    header = header.strip()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def request_stays_here(meta) -> bool:
    """A request (its WSGI environ or Django's request.META) that came from this machine,
    names this machine as its Host, and was relayed by no proxy: the only requests that
    may use the laptop's local login or send a password over plain http."""
    host = meta.get("HTTP_HOST") or ""
    return (
        bool(host_without_port(host))
        and is_loopback_host(meta.get("REMOTE_ADDR") or "")
        and is_loopback_host(host_without_port(host))
        and not any(meta.get(name) for name in PROXY_HEADERS)
    )
