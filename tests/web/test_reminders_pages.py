"""Settings' "Daily digest" and "Outgoing mail", and the one-click link pages, for the owner,
an outsider and an anonymous visitor."""

from __future__ import annotations

import html

import pytest

from tests.mailserver import mailserver  # noqa: F401 (fixture)


def text(answer) -> str:
    return html.unescape(answer.content.decode())


def reach(user):
    from goodwill.queries.reach import reach_settings_for

    return reach_settings_for(user)


def test_settings_shows_both_sections(as_alice, alice):
    page = text(as_alice.get("/settings/"))
    assert "Daily digest" in page and "Outgoing mail" in page and "Send a test now" in page


def test_the_owner_sets_up_the_digest_and_mail_and_sends_a_test(as_alice, alice, mailserver):
    answer = as_alice.post(
        "/settings/digest", {"on": "1", "at": "6:45", "days": "mon,wed,fri", "to": "alice@example.com"}, follow=True
    )
    assert "Daily digest on." in text(answer)
    saved = reach(alice)
    assert saved.digest_on and saved.digest_days == [0, 2, 4] and f"{saved.digest_at:%H:%M}" == "06:45"

    answer = as_alice.post(
        "/settings/smtp",
        {"host": "127.0.0.1", "port": str(mailserver.port), "security": "plain", "sender": "alice@example.com"},
        follow=True,
    )
    assert "Outgoing mail saved." in text(answer)
    answer = as_alice.post("/settings/digest/test", follow=True)
    assert "Test sent to alice@example.com" in text(answer)
    assert mailserver.messages[0]["Subject"].startswith("Goodwill test:")


def test_a_bad_value_is_a_message_and_saves_nothing(as_alice, alice):
    answer = as_alice.post("/settings/digest", {"on": "1", "days": "someday", "to": "alice@example.com"}, follow=True)
    assert '"someday" is not a set of weekdays' in text(answer)
    assert not reach(alice).digest_on
    answer = as_alice.post(
        "/settings/smtp", {"host": "smtp.example.com", "security": "plain", "sender": "a@b.co"}, follow=True
    )
    assert "plain SMTP (no TLS) is allowed only to this machine" in text(answer)
    answer = as_alice.post("/settings/digest/test", follow=True)
    assert "no address to send the digest to" in text(answer)


def test_the_password_is_never_shown_again(as_alice, alice):
    as_alice.post(
        "/settings/smtp",
        {"host": "smtp.example.com", "user": "alice@example.com", "password": "pw-never-shown", "sender": ""},
    )
    page = text(as_alice.get("/settings/"))
    assert "pw-never-shown" not in page and "saved: leave empty to keep it" in page


@pytest.mark.parametrize("path", ["/settings/digest", "/settings/smtp", "/settings/digest/test"])
def test_anonymous_visitors_change_nothing(anonymous, alice, path):
    answer = anonymous.post(path, {"on": "1", "to": "x@example.com", "host": "evil.example.com"})
    assert answer.status_code == 302 and "/login/" in answer["Location"]
    assert not reach(alice).digest_on and not reach(alice).smtp_host


def test_an_outsider_changes_only_his_own(as_charlie, alice, charlie):
    as_charlie.post("/settings/digest", {"on": "1", "to": "charlie@example.com"})
    assert reach(charlie).digest_on and reach(charlie).digest_to == "charlie@example.com"
    assert not reach(alice).digest_on and reach(alice).pk is None


# The one-click pages: no login, nothing beyond the one row.


@pytest.fixture
def trail(alice, now):
    from datetime import date

    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.steps import add_step

    jane = add_person(alice, PersonFields(name="Jane Doe"))
    omar = add_person(alice, PersonFields(name="Omar Thompson"))
    add_step(alice, omar, "send the contract", due=date(2026, 11, 20))
    return add_step(alice, jane, "mail her the trail map", due=date(2026, 11, 20))


def path_for(owner, action, target) -> str:
    from goodwill.services.one_click import link_url

    return "/r/" + link_url(owner, action, target).split("/r/", 1)[1]


def test_a_link_works_for_an_anonymous_visitor_and_shows_only_its_row(anonymous, alice, trail):
    answer = anonymous.get(path_for(alice, "done", f"step:{trail.pk}"))
    page = text(answer)
    assert answer.status_code == 200
    assert "Done: mail her the trail map (Jane Doe)." in page and "Undo" in page
    assert "Omar" not in page and "send the contract" not in page
    assert answer["Referrer-Policy"] == "no-referrer"
    assert "no-cache" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]


def test_a_mail_scanners_head_request_acts_on_nothing(anonymous, alice, trail):
    path = path_for(alice, "done", f"step:{trail.pk}")
    assert anonymous.head(path).status_code == 200
    trail.refresh_from_db()
    assert trail.status == "open"
    assert anonymous.get(path).status_code == 200


def test_a_changed_link_is_a_clear_400(anonymous, alice, trail):
    path = path_for(alice, "done", f"step:{trail.pk}")
    answer = anonymous.get(path[:-3] + "xx/")
    assert answer.status_code == 400
    assert "this link is not valid" in text(answer)
    assert anonymous.get("/r/garbage/").status_code == 400
    trail.refresh_from_db()
    assert trail.status == "open"


def test_an_expired_link_is_a_clear_410(anonymous, alice, trail, monkeypatch):
    import time

    real = time.time()
    monkeypatch.setattr(time, "time", lambda: real - 8 * 24 * 3600)
    path = path_for(alice, "done", f"step:{trail.pk}")
    monkeypatch.setattr(time, "time", lambda: real)
    answer = anonymous.get(path)
    assert answer.status_code == 410
    assert "this link has expired" in text(answer)


def test_a_link_for_someone_elses_row_does_nothing(anonymous, alice, bob, trail):
    answer = anonymous.get(path_for(bob, "done", f"step:{trail.pk}"))
    assert answer.status_code == 409
    assert "trail map" not in text(answer)
    trail.refresh_from_db()
    assert trail.status == "open"


def test_undo_is_a_post_only(anonymous, alice, trail):
    path = path_for(alice, "done", f"step:{trail.pk}")
    assert anonymous.get(path + "undo").status_code == 405
    answer = anonymous.post(path + "undo")  # not used yet: nothing to undo
    assert answer.status_code == 409
