"""IMAP sync against a real server: Debian's dovecot, started on a free loopback port
in a temporary folder (its own config, a passwd-file user, a Maildir), in the
foreground, and stopped after the test. Skipped only when dovecot is not installed
(`make system-deps` installs it)."""
from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
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

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
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
            internal, login, mail = pwd.getpwnam("dovecot"), pwd.getpwnam("dovenull"), pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("running as root without the dovecot, dovenull and nobody users")
        return "dovecot", grp.getgrgid(internal.pw_gid).gr_name, "dovenull", mail.pw_uid, mail.pw_gid
    me = pwd.getpwuid(os.getuid()).pw_name
    return me, grp.getgrgid(os.getgid()).gr_name, me, os.getuid(), os.getgid()


class Dovecot:
    def __init__(self, root) -> None:
        self.root = root
        self.port = _free_port()
        self.process = None

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
ssl = no
disable_plaintext_auth = no
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
    port = 0
  }}
}}
""")
        if os.getuid() == 0:
            os.chown(root / "mail", uid, gid)
        self.process = subprocess.Popen([DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
        values.update(changes)
        return ImapAccount(**values)


@pytest.fixture
def dovecot():
    if not DOVECOT:
        pytest.skip("dovecot is not installed (make system-deps installs dovecot-imapd)")
    # Not pytest's tmp_path: as root that sits in a 0700 folder dovecot's own users cannot enter.
    root = Path(tempfile.mkdtemp(prefix="goodwill-dovecot-"))
    os.chmod(root, 0o755)
    server = Dovecot(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


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
        mail("Jane Doe <jane@example.com>", ME, "Lunch?", "Lunch on Tuesday?", "<j1@example.com>", "Fri, 20 Nov 2026 10:00:00 +0000"),
        mail("News <news@letters.example>", ME, "Weekly", "Ten tips", "<n1@letters.example>", "Fri, 20 Nov 2026 11:00:00 +0000",
             List_Id="<weekly.letters.example>"),
        mail("Stranger <s@elsewhere.example>", ME, "Hi", "Hello", "<s1@elsewhere.example>", "Fri, 20 Nov 2026 12:00:00 +0000"),
    )
    report = sync_mail(alice, dovecot.account())
    assert report.applied and report.read == 3 and report.logged == 1
    assert (report.automated, report.unknown) == (1, 1)
    row = Interaction.objects.get(owner=alice)
    assert row.summary == "Lunch? — Lunch on Tuesday?" and row.awaiting_reply and row.external_id == "mail:j1@example.com"
    batch = ImportBatch.objects.get(owner=alice, source="imap")
    key = f"imap://{USER}@127.0.0.1:{dovecot.port}/INBOX"
    assert batch.filename == key
    prefs = settings_for(alice)
    assert prefs.sync_state[key]["last_uid"] == 3 and prefs.my_emails == [ME]  # the login is my address
    assert PASSWORD not in str(batch.summary) and PASSWORD not in str(prefs.sync_state)

    again = sync_mail(alice, dovecot.account())
    assert again.read == 0 and again.logged == 0  # nothing new: nothing fetched
    assert ImportBatch.objects.filter(owner=alice).count() == 1

    dovecot.deliver(mail("Jane Doe <jane@example.com>", ME, "Re: Lunch?", "Also, bring the deck.", "<j2@example.com>",
                         "Sat, 21 Nov 2026 10:00:00 +0000", In_Reply_To="<j1@example.com>", References="<j1@example.com>"))
    third = sync_mail(alice, dovecot.account())
    assert third.read == 1 and third.logged == 1
    assert Interaction.objects.get(owner=alice, external_id="mail:j2@example.com").thread_id == "mail:j1@example.com"


def test_sync_of_the_sent_folder_closes_the_reply(alice, jane, dovecot):
    dovecot.deliver(mail("jane@example.com", ME, "Intro?", "Could you introduce me to Tom?", "<q@x>", "Thu, 19 Nov 2026 10:00:00 +0000"))
    dovecot.deliver(mail(ME, "jane@example.com", "Re: Intro?", "Sure, I'll introduce you to Tom by Friday.", "<a@x>",
                         "Thu, 19 Nov 2026 11:00:00 +0000", In_Reply_To="<q@x>"), folder="Sent")
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
    with pytest.raises(InvalidInput, match="--ssl or --starttls"):
        sync_mail(alice, ImapAccount(host="imap.example.com", user=USER, password="x", security="plain"))
    with pytest.raises(InvalidInput, match="--port"):
        sync_mail(alice, ImapAccount(host="imap.example.com", user=USER, password="x", port=70000))


def test_teammates_syncs_are_their_own(alice, bob, jane, dovecot):
    dovecot.deliver(mail("jane@example.com", ME, "Hi", "Hello", "<t@x>", "Fri, 20 Nov 2026 10:00:00 +0000"))
    sync_mail(alice, dovecot.account())
    report = sync_mail(bob, dovecot.account())  # his own state: reads from the start, knows nobody
    assert report.read == 1 and report.logged == 0
    assert not Interaction.objects.filter(owner=bob).exists()
