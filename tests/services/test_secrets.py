"""Secrets at rest: encrypted with GOODWILL_SECRETS_KEY, or in the OS keyring; never plain
text in the database; each owner's own; clear errors when one can't be read."""

import keyring
import pytest
from keyring.backend import KeyringBackend

from goodwill.errors import InvalidInput
from goodwill.models import EncryptedSecret
from goodwill.services.secrets import forget_secret, load_secret, new_key, store_secret


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in: what `keyring` would hand to the Keychain or the Secret Service."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.kept = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


@pytest.fixture
def os_keyring(monkeypatch):
    monkeypatch.delenv("GOODWILL_SECRETS_KEY")
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_encrypted_in_the_database_never_plain(alice):
    ref = store_secret(alice, "imap:1", "correct horse battery staple")
    row = EncryptedSecret.objects.get(owner=alice)
    assert "correct horse" not in row.token and ref == "db:imap:1"
    assert load_secret(alice, ref) == "correct horse battery staple"


def test_another_owner_cannot_read_it(alice, charlie):
    ref = store_secret(alice, "smtp", "alice-secret-password")
    with pytest.raises(InvalidInput, match="enter the password again"):
        load_secret(charlie, ref)


def test_a_changed_key_says_so(alice, monkeypatch):
    ref = store_secret(alice, "smtp", "alice-secret-password")
    monkeypatch.setenv("GOODWILL_SECRETS_KEY", new_key())
    with pytest.raises(InvalidInput, match="encrypted with another GOODWILL_SECRETS_KEY"):
        load_secret(alice, ref)


def test_a_bad_key_is_named(alice, monkeypatch):
    monkeypatch.setenv("GOODWILL_SECRETS_KEY", "not-a-key")
    with pytest.raises(InvalidInput, match="GOODWILL_SECRETS_KEY is not a valid key"):
        store_secret(alice, "smtp", "x")


def test_the_os_keyring_on_a_laptop(alice, os_keyring):
    ref = store_secret(alice, "smtp", "laptop-password")
    assert ref == "keyring:smtp" and not EncryptedSecret.objects.exists()
    assert load_secret(alice, ref) == "laptop-password"
    forget_secret(alice, ref)
    with pytest.raises(InvalidInput, match="keyring has no secret"):
        load_secret(alice, ref)


def test_no_keyring_and_no_key_says_what_to_do(alice, monkeypatch):
    from keyring.backends import fail

    monkeypatch.delenv("GOODWILL_SECRETS_KEY")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(InvalidInput, match="set GOODWILL_SECRETS_KEY"):
            store_secret(alice, "smtp", "x")
    finally:
        keyring.set_keyring(previous)


def test_forgetting_removes_the_row(alice):
    ref = store_secret(alice, "push:1", "ntfy://secret-topic")
    forget_secret(alice, ref)
    assert not EncryptedSecret.objects.exists()
