"""IMAP sync against a real server: Debian's dovecot, started on a free loopback port
in a temporary folder (its own config, a passwd-file user, a Maildir), in the
foreground, and stopped after the test. Without dovecot (or openssl, for TLS) these
tests fail in CI and are skipped elsewhere (tests/needs.py; `make system-deps`
installs both).

The TLS variant (`dovecot_tls`) makes a throwaway CA and a server certificate for
127.0.0.1 with the openssl command at test time, and runs dovecot with ssl=required:
IMAPS on one port, STARTTLS on the other, no login without TLS."""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import ImportBatch, Interaction
from goodwill.services.accounts import settings_for
from goodwill.services.mail_sync import ImapAccount, sync_mail
from goodwill.services.people import PersonFields, add_person
from tests.needs import missing, need

USER, PASSWORD = "ann.owner@example.test", "s3cret pass"
ME = USER


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accounts():
    """Who dovecot's processes run as: (internal user, its group, login user, mail uid,
    mail gid). As root, its own system users (it refuses to serve mail as root);
    otherwise everything runs as the current user, with no chroot."""
    if os.getuid() == 0:
        try:
            internal, _login, mail = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull"), pwd.getpwnam("nobody")
        except KeyError:
            missing("running as root without the dovecot, dovenull and nobody users: reinstall Debian's dovecot-core")
        return "dovecot", grp.getgrgid(internal.pw_gid).gr_name, "dovenull", mail.pw_uid, mail.pw_gid
    me = pwd.getpwuid(os.getuid()).pw_name
    return me, grp.getgrgid(os.getgid()).gr_name, me, os.getuid(), os.getgid()


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate it signed for 127.0.0.1 only (not "localhost"):
    (ca.pem, server.pem, server.key). P-256 keys: quick to make."""
    openssl = need("openssl")  # the TLS tests make their certificates with it
    ca_key, ca, key, csr, cert = (folder / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    (folder / "server.ext").write_text(
        "subjectAltName = IP:127.0.0.1\nbasicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n"
        "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid, issuer\n"
    )
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for args in (
        [
            "req",
            "-x509",
            *ec,
            "-keyout",
            ca_key,
            "-out",
            ca,
            "-days",
            "2",
            "-subj",
            "/CN=Goodwill test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
        ["req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        [
            "x509",
            "-req",
            "-in",
            csr,
            "-CA",
            ca,
            "-CAkey",
            ca_key,
            "-CAcreateserial",
            "-out",
            cert,
            "-days",
            "2",
            "-extfile",
            folder / "server.ext",
        ],
    ):
        subprocess.run([openssl, *map(str, args)], check=True, capture_output=True, timeout=60)
    return ca, cert, key


class Dovecot:
    def __init__(self, root, *, tls: bool = False) -> None:
        self.root = root
        self.port = _free_port()  # plain IMAP; with tls, only STARTTLS works on it
        self.tls = tls
        self.tls_port = _free_port() if tls else 0  # IMAPS
        self.ca = None
        self.process = None

    def _tls_settings(self) -> str:
        if not self.tls:
            return "ssl = no\ndisable_plaintext_auth = no"
        self.ca, cert, key = make_certificates(self.root)
        return f"ssl = required\nssl_cert = <{cert}\nssl_key = <{key}\ndisable_plaintext_auth = yes"

    def start(self) -> None:
        internal, group, login, uid, gid = _accounts()
        root = self.root
        for sub in ("run", "state", "mail"):
            (root / sub).mkdir()
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        (root / "dovecot.conf").write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{self._tls_settings()}
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%n
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = {uid}
first_valid_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%n
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
""")
        if os.getuid() == 0:
            os.chown(root / "mail", uid, gid)
        self.process = subprocess.Popen(
            [need("dovecot"), "-F", "-c", str(root / "dovecot.conf")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read().decode(errors="replace")
                pytest.fail(f"dovecot did not start: {output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("dovecot did not open its port in 15 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def client(self) -> imaplib.IMAP4:
        if self.tls:
            client = imaplib.IMAP4_SSL(
                "127.0.0.1", self.tls_port, ssl_context=ssl.create_default_context(cafile=str(self.ca))
            )
        else:
            client = imaplib.IMAP4("127.0.0.1", self.port)
        client.login(USER, PASSWORD)
        return client

    def deliver(self, *messages: EmailMessage, folder: str = "INBOX") -> None:
        """Load messages into the user's Maildir (through the server, so its index knows them)."""
        client = self.client()
        try:
            if folder != "INBOX":
                client.create(f'"{folder}"')
            for message in messages:
                status, _ = client.append(f'"{folder}"', None, None, message.as_bytes())
                assert status == "OK"
        finally:
            client.logout()

    def account(self, **changes) -> ImapAccount:
        values = dict(host="127.0.0.1", port=self.port, user=USER, password=PASSWORD, folder="INBOX", security="plain")
        if self.tls:  # IMAPS, trusting the test CA
            values.update(port=self.tls_port, security="ssl", ca_file=str(self.ca))
        values.update(changes)
        return ImapAccount(**values)


def _serve(tls: bool):
    need("dovecot")
    # Not pytest's tmp_path: as root that sits in a 0700 folder dovecot's own users cannot enter.
    root = Path(tempfile.mkdtemp(prefix="goodwill-dovecot-"))
    os.chmod(root, 0o755)
    server = Dovecot(root, tls=tls)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def dovecot():
    yield from _serve(tls=False)


@pytest.fixture
def dovecot_tls():
    """dovecot with ssl=required: IMAPS on .tls_port, STARTTLS on .port, a test CA in .ca."""
    yield from _serve(tls=True)


def mail(sender, to, subject, body, message_id, date, **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"], message["Date"] = sender, to, subject, date
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"]))


def test_sync_logs_new_mail_and_then_only_what_is_newer(alice, jane, dovecot):
    dovecot.deliver(
        mail(
            "Jane Doe <jane@example.com>",
            ME,
            "Lunch?",
            "Lunch on Tuesday?",
            "<j1@example.com>",
            "Fri, 20 Nov 2026 10:00:00 +0000",
        ),
        mail(
            "News <news@letters.example>",
            ME,
            "Weekly",
            "Ten tips",
            "<n1@letters.example>",
            "Fri, 20 Nov 2026 11:00:00 +0000",
            List_Id="<weekly.letters.example>",
        ),
        mail(
            "Stranger <s@elsewhere.example>",
            ME,
            "Hi",
            "Hello",
            "<s1@elsewhere.example>",
            "Fri, 20 Nov 2026 12:00:00 +0000",
        ),
    )
    report = sync_mail(alice, dovecot.account())
    assert report.applied and report.read == 3 and report.logged == 1
    assert (report.automated, report.unknown) == (1, 1)
    row = Interaction.objects.get(owner=alice)
    assert (
        row.summary == "Lunch? — Lunch on Tuesday?" and row.awaiting_reply and row.external_id == "mail:j1@example.com"
    )
    batch = ImportBatch.objects.get(owner=alice, source="imap")
    key = f"imap://{USER}@127.0.0.1:{dovecot.port}/INBOX"
    assert batch.filename == key
    prefs = settings_for(alice)
    assert prefs.sync_state[key]["last_uid"] == 3 and prefs.my_emails == [ME]  # the login is my address
    assert PASSWORD not in str(batch.summary) and PASSWORD not in str(prefs.sync_state)

    again = sync_mail(alice, dovecot.account())
    assert again.read == 0 and again.logged == 0  # nothing new: nothing fetched
    assert ImportBatch.objects.filter(owner=alice).count() == 1

    dovecot.deliver(
        mail(
            "Jane Doe <jane@example.com>",
            ME,
            "Re: Lunch?",
            "Also, bring the deck.",
            "<j2@example.com>",
            "Sat, 21 Nov 2026 10:00:00 +0000",
            In_Reply_To="<j1@example.com>",
            References="<j1@example.com>",
        )
    )
    third = sync_mail(alice, dovecot.account())
    assert third.read == 1 and third.logged == 1
    assert Interaction.objects.get(owner=alice, external_id="mail:j2@example.com").thread_id == "mail:j1@example.com"


def test_sync_of_the_sent_folder_closes_the_reply(alice, jane, dovecot):
    dovecot.deliver(
        mail(
            "jane@example.com",
            ME,
            "Intro?",
            "Could you introduce me to Tom?",
            "<q@x>",
            "Thu, 19 Nov 2026 10:00:00 +0000",
        )
    )
    dovecot.deliver(
        mail(
            ME,
            "jane@example.com",
            "Re: Intro?",
            "Sure, I'll introduce you to Tom by Friday.",
            "<a@x>",
            "Thu, 19 Nov 2026 11:00:00 +0000",
            In_Reply_To="<q@x>",
        ),
        folder="Sent",
    )
    sync_mail(alice, dovecot.account())
    sent = sync_mail(alice, dovecot.account(folder="Sent"))
    assert sent.logged == 1 and sent.replies_closed == 1 and sent.promises == 1
    question = Interaction.objects.get(owner=alice, external_id="mail:q@x")
    assert question.replied_at is not None
    # each folder keeps its own place
    assert ImportBatch.objects.filter(owner=alice, source="imap").count() == 2


def test_messages_stay_unread_on_the_server(alice, jane, dovecot):
    dovecot.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<u@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    sync_mail(alice, dovecot.account())
    client = dovecot.client()
    client.select("INBOX", readonly=True)
    _status, data = client.fetch("1", "(FLAGS)")
    client.logout()
    assert b"\\Seen" not in data[0]


def test_a_dry_run_remembers_nothing(alice, jane, dovecot):
    dovecot.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<d@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    report = sync_mail(alice, dovecot.account(), apply=False)
    assert report.logged == 1 and not report.applied
    assert not Interaction.objects.exists() and not ImportBatch.objects.exists()
    assert settings_for(alice).sync_state == {} and settings_for(alice).my_emails == []
    assert sync_mail(alice, dovecot.account()).logged == 1


def test_a_renumbered_folder_starts_over_without_duplicates(alice, jane, dovecot):
    dovecot.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<r@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    sync_mail(alice, dovecot.account())
    prefs = settings_for(alice)
    key = dovecot.account().key
    prefs.sync_state = {key: {**prefs.sync_state[key], "uidvalidity": 1}}  # as if the server rebuilt the folder
    prefs.save()
    report = sync_mail(alice, dovecot.account())
    assert report.read == 1 and report.logged == 0 and report.unchanged == 1


def test_full_reads_the_folder_again_after_an_undo(alice, jane, dovecot):
    from goodwill.services.contacts_import import undo_import

    dovecot.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<full@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    first = sync_mail(alice, dovecot.account())
    undo_import(alice, first.batch_id)
    assert sync_mail(alice, dovecot.account()).read == 0  # the place in the folder is kept
    again = sync_mail(alice, dovecot.account(), full=True)
    assert again.read == 1 and again.logged == 1


def test_wrong_password_wrong_folder_and_no_server_are_clear_errors(alice, jane, dovecot):
    with pytest.raises(InvalidInput, match="refused the login"):
        sync_mail(alice, dovecot.account(password="wrong"))
    with pytest.raises(InvalidInput, match='no folder "Archive 2019"'):
        sync_mail(alice, dovecot.account(folder="Archive 2019"))
    with pytest.raises(InvalidInput, match="cannot reach the IMAP server"):
        sync_mail(alice, dovecot.account(port=_free_port()))
    assert not ImportBatch.objects.exists()


def test_plain_connections_only_on_loopback(alice, jane):
    with pytest.raises(InvalidInput, match="in clear"):
        sync_mail(alice, ImapAccount(host="imap.example.com", user=USER, password="x", security="plain"))
    with pytest.raises(InvalidInput, match="port must be from 1 to 65535"):
        sync_mail(alice, ImapAccount(host="imap.example.com", user=USER, password="x", port=70000))


def test_teammates_syncs_are_their_own(alice, bob, jane, dovecot):
    dovecot.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<t@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    sync_mail(alice, dovecot.account())
    report = sync_mail(bob, dovecot.account())  # his own state: reads from the start, knows nobody
    assert report.read == 1 and report.logged == 0
    assert not Interaction.objects.filter(owner=bob).exists()


# ----------------------------------------------------------------- TLS


def test_sync_over_imaps_checks_the_certificate_against_the_given_ca(alice, jane, dovecot_tls):
    dovecot_tls.deliver(
        mail("jane@example.com", ME, "Lunch?", "Lunch on Tuesday?", "<tls1@x>", "Fri, 20 Nov 2026 10:00:00 +0000")
    )
    report = sync_mail(alice, dovecot_tls.account())
    assert report.applied and report.logged == 1 and report.replies_owed == 1
    # The key is the account and folder, whatever CA was trusted.
    assert f"imap://{USER}@127.0.0.1:{dovecot_tls.tls_port}/INBOX" in settings_for(alice).sync_state


def test_sync_with_starttls_and_a_later_reply_without_ids_closes_the_reply(alice, jane, dovecot_tls):
    dovecot_tls.deliver(
        mail("jane@example.com", ME, "Budget", "Can we talk budget?", "<st1@x>", "Fri, 20 Nov 2026 10:00:00 +0000")
    )
    account = dovecot_tls.account(port=dovecot_tls.port, security="starttls")
    assert sync_mail(alice, account).replies_owed == 1
    # My answer, from a mailer that sent no In-Reply-To, in the Sent folder a later sync reads.
    dovecot_tls.deliver(
        mail(ME, "jane@example.com", "Re: Budget", "Thursday?", "<st2@x>", "Fri, 20 Nov 2026 15:00:00 +0000"),
        folder="Sent",
    )
    sent = sync_mail(alice, dovecot_tls.account(port=dovecot_tls.port, security="starttls", folder="Sent"))
    assert sent.logged == 1 and sent.replies_closed == 1
    assert Interaction.objects.get(owner=alice, external_id="mail:st2@x").thread_id == "mail:st1@x"


def test_an_untrusted_certificate_is_refused_with_the_way_out(alice, jane, dovecot_tls, monkeypatch, tmp_path):
    dovecot_tls.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<tls3@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    # Only the system's CAs (pinned to an empty bundle: the test needs no network and no system state).
    empty = tmp_path / "none.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    for account in (
        dovecot_tls.account(ca_file=None),
        dovecot_tls.account(ca_file=None, port=dovecot_tls.port, security="starttls"),
    ):
        with pytest.raises(InvalidInput, match="certificate is not trusted.*give that CA's certificate") as error:
            sync_mail(alice, account)
        assert "\n" not in str(error.value)
    # A certificate for another name is refused even with the right CA.
    with pytest.raises(InvalidInput, match="not trusted.*Hostname mismatch"):
        sync_mail(alice, dovecot_tls.account(host="localhost"))
    assert not Interaction.objects.exists() and not ImportBatch.objects.exists()


def test_bad_ca_files_are_clear(alice, jane, dovecot_tls, tmp_path):
    # (Not tested: that the plain port refuses a login before STARTTLS. Dovecot counts
    # loopback connections as secure and lets them log in even with ssl=required.)
    with pytest.raises(InvalidInput, match="CA file .*no such file"):
        sync_mail(alice, dovecot_tls.account(ca_file=str(tmp_path / "missing.pem")))
    garbage = tmp_path / "ca.pem"
    garbage.write_text("not a certificate")
    with pytest.raises(InvalidInput, match="not a PEM certificate"):
        sync_mail(alice, dovecot_tls.account(ca_file=str(garbage)))
    with pytest.raises(InvalidInput, match="an unencrypted one has no certificate"):
        sync_mail(alice, dovecot_tls.account(security="plain", port=dovecot_tls.port))
