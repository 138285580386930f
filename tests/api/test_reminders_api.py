"""/api/v1/reminders: the digest's settings, the mail server, a test sent now, a preview."""

from __future__ import annotations

from tests.mailserver import mailserver  # noqa: F401 (fixture)


def test_set_up_the_digest_and_send_a_test(as_alice, alice, mailserver):
    answer = as_alice.get("/reminders/digest")
    assert answer.status_code == 200
    assert answer.json()["on"] is False and answer.json()["smtp"]["host"] == ""

    answer = as_alice.put("/reminders/digest", {"on": True, "at": "06:30", "days": "daily", "to": "alice@example.com"})
    assert answer.status_code == 200, answer.content
    shown = answer.json()
    assert (shown["on"], shown["at"], shown["days"], shown["sent_to"]) == (True, "06:30", "daily", "alice@example.com")

    answer = as_alice.put(
        "/reminders/smtp",
        {"host": "127.0.0.1", "port": mailserver.port, "security": "plain", "sender": "alice@example.com"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["smtp"]["port"] == mailserver.port

    answer = as_alice.post("/reminders/test")
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"summary": "test sent to alice@example.com: nothing due", "skipped": False}
    assert mailserver.messages[0]["To"] == "alice@example.com"


def test_mistakes_are_400_with_one_line(as_alice, alice):
    answer = as_alice.put("/reminders/digest", {"days": "funday"})
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith('"funday" is not a set of weekdays')
    answer = as_alice.post("/reminders/test")
    assert answer.status_code == 400 and "no address" in answer.json()["detail"]
    answer = as_alice.put("/reminders/smtp", {"host": "smtp.example.com", "security": "plain", "sender": "a@b.co"})
    assert answer.status_code == 400 and "plain SMTP" in answer.json()["detail"]
    assert as_alice.put("/reminders/digest", {"colour": "blue"}).status_code == 422


def test_the_password_goes_in_and_never_comes_out(as_alice, alice):
    answer = as_alice.put(
        "/reminders/smtp", {"host": "smtp.example.com", "user": "alice@example.com", "password": "api-secret-pw"}
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["smtp"]["password_saved"] is True
    assert "api-secret-pw" not in answer.content.decode()
    assert "api-secret-pw" not in as_alice.get("/reminders/digest").content.decode()


def test_preview(as_alice, alice):
    answer = as_alice.get("/reminders/digest/preview")
    assert answer.status_code == 200
    assert answer.json()["subject"].startswith("Goodwill: nothing needs you")
