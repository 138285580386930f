"""Syncing one IMAP folder (stdlib imaplib): each run fetches only mail newer than the
last UID seen, remembered per account and folder in UserSettings.sync_state with the
folder's UIDVALIDITY (when the server renumbers a folder, the next sync starts over;
the Message-IDs keep that from logging anything twice).

The folder is opened read-only and messages are fetched with BODY.PEEK, so nothing
is marked as read. Headers come first; a body is fetched only for mail with a known
person that is not automated. The password is used for the login and never stored.
The server's certificate is always verified: against the system's CAs, plus the one
given with --ca-file (a self-hosted or company server).
"""

from __future__ import annotations

import imaplib
import os
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass

from goodwill.errors import InvalidInput
from goodwill.formats.mail.read import RawMessage
from goodwill.hosts import is_loopback_host
from goodwill.services.mail_import import RECENT_DAYS, MailImporter, MailReport, resolve_me, run_import

SECURITY = ("ssl", "starttls", "plain")
FETCH_CHUNK = 200
TIMEOUT = 60


@dataclass
class ImapAccount:
    host: str
    user: str
    password: str
    folder: str = "INBOX"
    port: int | None = None
    security: str = "ssl"  # ssl (port 993), starttls or plain (port 143); plain only on loopback
    ca_file: str | None = None  # PEM certificates to trust besides the system's (a company or test CA)

    @property
    def key(self) -> str:
        """The account and folder a sync state belongs to (no password in it)."""
        return f"imap://{self.user}@{self.host}:{self.effective_port}/{self.folder}"

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "ssl" else 143)


def validate_account(account: ImapAccount) -> None:
    """A clear one-line error for an account that cannot work, before any connection."""
    if not account.host.strip():
        raise InvalidInput("the IMAP server is missing", code="imap-host")
    if not account.user.strip():
        raise InvalidInput("the IMAP login is missing", code="imap-user")
    if account.security not in SECURITY:
        raise InvalidInput(
            f'"{account.security}" is not a connection security; it is ssl, starttls or plain', code="imap-security"
        )
    if not 0 < account.effective_port < 65536:
        raise InvalidInput(f"the port must be from 1 to 65535, not {account.port}", code="imap-port")
    if account.security == "plain" and not is_loopback_host(account.host):
        raise InvalidInput(
            "an unencrypted connection would send your password in clear; it is only for a server on this machine",
            code="imap-plain",
        )
    if not account.folder.strip():
        raise InvalidInput("the folder is missing, e.g. INBOX", code="imap-folder")
    if not account.password:
        raise InvalidInput("no password for the IMAP login", code="imap-password")
    if account.ca_file is not None:
        if account.security == "plain":
            raise InvalidInput(
                "a CA file is for an encrypted connection; an unencrypted one has no certificate to check",
                code="ca-file-plain",
            )
        if not os.path.isfile(account.ca_file):
            raise InvalidInput(
                f"the CA file {account.ca_file}: no such file; give the PEM file of the CA that signed "
                "the server's certificate",
                code="ca-file",
            )


def tls_context(account: ImapAccount) -> ssl.SSLContext:
    """The system's trusted CAs (SSL_CERT_FILE overrides them), plus --ca-file. The
    certificate and the host name are always checked: there is no way to turn that off."""
    context = ssl.create_default_context()
    if account.ca_file:
        try:
            context.load_verify_locations(cafile=account.ca_file)
        except (ssl.SSLError, OSError, ValueError):
            raise InvalidInput(
                f"the CA file {account.ca_file}: not a PEM certificate file; give the CA certificate "
                "(-----BEGIN CERTIFICATE-----)",
                code="ca-file",
            ) from None
    return context


def _connect(account: ImapAccount) -> imaplib.IMAP4:
    where = f"{account.host}:{account.effective_port}"
    context = tls_context(account) if account.security != "plain" else None
    try:
        if account.security == "ssl":
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                account.host, account.effective_port, ssl_context=context, timeout=TIMEOUT
            )
        else:
            client = imaplib.IMAP4(account.host, account.effective_port, timeout=TIMEOUT)
            if account.security == "starttls":
                try:
                    client.starttls(ssl_context=context)
                except imaplib.IMAP4.error as exc:
                    _drop(client)
                    raise InvalidInput(
                        f"{where}: the server would not start TLS ({exc}); it may want SSL, usually on port 993",
                        code="imap-starttls",
                    ) from None
                except (ssl.SSLError, OSError):
                    _drop(client)  # no logout over a failed handshake: the server would not understand it
                    raise
    except ssl.SSLCertVerificationError as exc:
        raise InvalidInput(
            f"{where}: the server's certificate is not trusted ({exc.verify_message or exc.reason}); "
            "if your own or your company's CA signed it, give that CA's certificate",
            code="imap-untrusted",
        ) from None
    except ssl.SSLError as exc:
        raise InvalidInput(
            f"{where}: the secure connection failed ({exc.reason or exc}); "
            "check the port and whether the server wants SSL or STARTTLS",
            code="imap-tls",
        ) from None
    except (OSError, imaplib.IMAP4.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise InvalidInput(
            f"cannot reach the IMAP server at {where} ({reason}); check the server's name and port",
            code="imap-unreachable",
        ) from None
    try:
        client.login(account.user, account.password)
    except (imaplib.IMAP4.error, UnicodeEncodeError):
        _close(client)
        raise InvalidInput(
            f"the server at {where} refused the login for {account.user}; check the login and the password",
            code="imap-login",
        ) from None
    return client


def _drop(client: imaplib.IMAP4) -> None:
    try:
        client.shutdown()
    except OSError:
        pass


def _close(client: imaplib.IMAP4) -> None:
    try:
        client.logout()
    except (OSError, imaplib.IMAP4.error):
        pass


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _select(client: imaplib.IMAP4, folder: str) -> int:
    status, _data = client.select(_quote(folder), readonly=True)
    if status != "OK":
        names = []
        status, listing = client.list()
        for line in listing or []:
            match = re.search(rb'"?([^"]+)"?\s*$', line or b"")  # type: ignore[arg-type]  # a LIST line, no literal
            if match:
                names.append(match.group(1).decode("utf-8", "replace"))
        raise InvalidInput(f'no folder "{folder}" on the server; its folders: {", ".join(sorted(names)[:30])}')
    _typ, validity = client.response("UIDVALIDITY")
    try:
        return int(validity[0])
    except (TypeError, ValueError, IndexError):
        return 0


def last_state(owner, account: ImapAccount) -> dict:
    """Where the last applied sync of this account and folder left off."""
    from goodwill.services.accounts import settings_for

    return dict((settings_for(owner).sync_state or {}).get(account.key) or {})


_UID = re.compile(rb"UID\s+(\d+)")


def _fetch(client: imaplib.IMAP4, uids: list[int], part: str) -> dict[int, bytes]:
    status, data = client.uid("FETCH", ",".join(str(u) for u in uids), f"(UID {part})")
    if status != "OK":
        raise InvalidInput(f"the server would not send messages ({data[0]!r}); try again later")
    found = {}
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            match = _UID.search(item[0])
            if match:
                found[int(match.group(1))] = item[1]
    return found


def sync_mail(
    owner,
    account: ImapAccount,
    *,
    me=(),
    apply: bool = True,
    recent_days: int = RECENT_DAYS,
    full: bool = False,
    progress: Callable[[int, int], None] | None = None,
    offer_promises: bool = False,
) -> MailReport:
    """Fetch the folder's new mail and import it like a mailbox file. `full` reads the
    whole folder again (after an undo, say); Message-IDs keep it from logging twice.
    `offer_promises`: promises in my sent mail are offered to confirm, not recorded
    (a sync that ran on a schedule, with nobody reading its report)."""
    validate_account(account)
    my_addresses = list(me) if me else []
    if not my_addresses and "@" in account.user:
        my_addresses = [account.user]  # the login is usually my address
    my_addresses = resolve_me(owner, my_addresses)
    report = MailReport(source="imap", paths=[account.key], me=my_addresses)
    state = {} if full else last_state(owner, account)
    client = _connect(account)
    try:
        validity = _select(client, account.folder)
        last_uid = state.get("last_uid", 0) if state.get("uidvalidity") == validity else 0
        status, data = client.uid("SEARCH", None, f"UID {last_uid + 1}:*")  # type: ignore[arg-type]  # None: no CHARSET
        if status != "OK":
            raise InvalidInput(f"the server would not list the folder's messages ({data[0]!r})")
        # "n:*" always matches the highest UID, even one below n.
        uids = sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > last_uid)
        if not uids:
            return report
        importer = MailImporter(owner, report, recent_days=recent_days, offer_promises=offer_promises)
        fetched = _messages(client, account, importer, uids, progress)
        new_state = {"uidvalidity": validity, "last_uid": uids[-1]}
        return run_import(
            owner,
            report,
            fetched,
            filename=account.key,
            apply=apply,
            sync=(account.key, new_state),
            recent_days=recent_days,
            importer=importer,
        )
    except (TimeoutError, OSError, imaplib.IMAP4.error) as exc:
        raise InvalidInput(
            f"the connection to {account.host} failed during the sync ({exc}); nothing was imported; run it again"
        ) from None
    finally:
        _close(client)


def _messages(client, account: ImapAccount, importer: MailImporter, uids: list[int], progress):
    """Headers for every new message; the whole message only where a person I know wrote."""
    done = 0
    for start in range(0, len(uids), FETCH_CHUNK):
        chunk = uids[start : start + FETCH_CHUNK]
        headers = _fetch(client, chunk, "BODY.PEEK[HEADER]")
        wanted = [uid for uid in chunk if uid in headers and importer.wants_body(headers[uid])]
        bodies = _fetch(client, wanted, "BODY.PEEK[]") if wanted else {}
        for uid in chunk:
            data = bodies.get(uid) or headers.get(uid)
            if data is None:
                continue  # expunged while we synced
            yield RawMessage(data, f"{account.key};UID={uid}", 0)
            done += 1
            if progress:
                progress(done, len(uids))


def check_account(account: ImapAccount) -> int:
    """Log in and open the folder, reading no message: the number of messages in it."""
    validate_account(account)
    client = _connect(account)
    try:
        _select(client, account.folder)
        status, data = client.uid("SEARCH", None, "ALL")  # type: ignore[arg-type]  # None: no CHARSET
        return len((data[0] or b"").split()) if status == "OK" else 0
    except (TimeoutError, OSError, imaplib.IMAP4.error) as exc:
        raise InvalidInput(f"the connection to {account.host} failed ({exc}); try again") from None
    finally:
        _close(client)
