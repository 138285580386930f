"""Outgoing mail: the server the digest (and anything else Goodwill mails) goes through.

A firm names its server in the environment (GOODWILL_SMTP_HOST, _PORT, _SECURITY ssl|starttls|plain,
_USER, _PASSWORD, _FROM), and it wins for everyone. Otherwise each user sets their own in Settings
(ReachSettings.smtp_*), with the password kept by goodwill.services.secrets: never in plain text in
the database. Plain SMTP (no TLS) is allowed only to this machine (loopback), where a local relay
listens; anywhere else the password would cross the network readable."""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction

from goodwill.errors import InvalidInput, UserError
from goodwill.hosts import is_loopback_host
from goodwill.models import ReachSettings
from goodwill.queries.reach import reach_settings_for

SECURITIES = ("ssl", "starttls", "plain")
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "plain": 25}
TIMEOUT_SECONDS = 30
SECRET_NAME = "smtp"
ENV = "GOODWILL_SMTP_"


class MailNotSent(UserError):
    """The server refused or could not be reached; the job fails and is tried again."""


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    security: str
    user: str
    sender: str
    from_environment: bool
    password_saved: bool

    def shown(self) -> str:
        return f"{self.host}:{self.port} ({self.security})"


def _env(name: str) -> str:
    return os.environ.get(ENV + name, "").strip()


def _check_security(security: str, host: str) -> str:
    security = (security or "starttls").strip().lower()
    if security not in SECURITIES:
        raise InvalidInput(
            f'"{security}" is not a mail security; use one of: {", ".join(SECURITIES)}', code="smtp-security"
        )
    if security == "plain" and not is_loopback_host(host):
        raise InvalidInput(
            f"plain SMTP (no TLS) is allowed only to this machine, not {host}; use ssl or starttls",
            code="smtp-plain",
        )
    return security


def _port(value: str | int | None, security: str) -> int:
    if value in (None, ""):
        return DEFAULT_PORTS[security]
    text = str(value).strip()
    if not text.isdecimal() or not 0 < int(text) < 65536:
        raise InvalidInput(f'"{value}" is not a port number (1-65535)', code="smtp-port")
    return int(text)


def _check_address(value: str, what: str) -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except Exception:
        raise InvalidInput(f'"{value}" is not a mail address for {what}', code="bad-address") from None
    return value


def mail_server(owner) -> MailServer | None:
    """The server this user's mail goes through, or None when none is set up."""
    host = _env("HOST")
    if host:
        security = _env("SECURITY") or "starttls"
        return MailServer(
            host=host,
            port=_port(_env("PORT"), security if security in SECURITIES else "starttls"),
            security=security,
            user=_env("USER"),
            sender=_env("FROM") or (_env("USER") if "@" in _env("USER") else ""),
            from_environment=True,
            password_saved=bool(os.environ.get(ENV + "PASSWORD")),
        )
    reach = reach_settings_for(owner)
    if not reach.smtp_host:
        return None
    return MailServer(
        host=reach.smtp_host,
        port=reach.smtp_port or DEFAULT_PORTS.get(reach.smtp_security, 587),
        security=reach.smtp_security,
        user=reach.smtp_user,
        sender=reach.smtp_from or (reach.smtp_user if "@" in reach.smtp_user else ""),
        from_environment=False,
        password_saved=bool(reach.smtp_secret_ref),
    )


def _password(owner, server: MailServer) -> str:
    if not server.user:
        return ""
    if server.from_environment:
        return os.environ.get(ENV + "PASSWORD", "")
    from goodwill.services.secrets import load_secret

    return load_secret(owner, reach_settings_for(owner).smtp_secret_ref)


def _connection(owner, server: MailServer):
    _check_security(server.security, server.host)
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=server.host,
        port=server.port,
        username=server.user or None,
        password=_password(owner, server) or None,
        use_tls=server.security == "starttls",
        use_ssl=server.security == "ssl",
        timeout=TIMEOUT_SECONDS,
        fail_silently=False,
    )


def send_mail(owner, *, to: str, subject: str, text: str, html: str = "") -> MailServer:
    """Send one message (plain text, and HTML as its alternative) through the user's server."""
    server = mail_server(owner)
    if server is None:
        raise InvalidInput("no outgoing mail server is set up yet", code="no-smtp")
    if not server.sender:
        raise InvalidInput("the outgoing mail server has no sender address", code="no-sender")
    message = EmailMultiAlternatives(
        subject,
        text,
        server.sender,
        [to],
        connection=_connection(owner, server),
        headers={"Auto-Submitted": "auto-generated"},  # RFC 3834: no out-of-office replies to it
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise MailNotSent(f"could not send through {server.shown()}: {reason}", code="smtp-failed") from None
    return server


@transaction.atomic
def set_smtp(
    owner,
    host: str,
    port: str | int | None = None,
    security: str = "starttls",
    user: str = "",
    password: str | None = None,
    sender: str = "",
) -> ReachSettings:
    """Save the user's outgoing mail server. `password` None keeps the saved one; an empty
    host turns the server off and forgets its password."""
    from goodwill.services.secrets import forget_secret, store_secret

    reach, _ = ReachSettings.objects.select_for_update().get_or_create(user=owner)
    host = (host or "").strip()
    if not host:
        if reach.smtp_secret_ref:
            forget_secret(owner, reach.smtp_secret_ref)
        reach.smtp_host, reach.smtp_port, reach.smtp_user, reach.smtp_secret_ref = "", None, "", ""
        reach.save()
        return reach
    if len(host) > 255 or any(c.isspace() for c in host) or "/" in host:
        raise InvalidInput(f'"{host[:60]}" is not a server name, e.g. smtp.example.com', code="smtp-host")
    security = _check_security(security, host)
    number = _port(port, security)
    user = (user or "").strip()
    if len(user) > 255:
        raise InvalidInput("the login is at most 255 characters", code="smtp-user")
    sender = _check_address(sender, "the sender") if (sender or "").strip() else ""
    if not sender and "@" not in user:
        raise InvalidInput("give the sender address the mail goes out from", code="no-sender")
    if password:
        reach.smtp_secret_ref = store_secret(owner, SECRET_NAME, password)
    elif user and not reach.smtp_secret_ref:
        raise InvalidInput(f"a login ({user}) needs its password", code="smtp-password")
    if not user and reach.smtp_secret_ref:
        forget_secret(owner, reach.smtp_secret_ref)
        reach.smtp_secret_ref = ""
    reach.smtp_host, reach.smtp_port, reach.smtp_security = host, number, security
    reach.smtp_user, reach.smtp_from = user, sender
    reach.save()
    return reach
