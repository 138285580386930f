"""One-click links: signed, expiring, once only, undoable, and only ever for the user they were sent to."""

from __future__ import annotations

from datetime import date

import pytest

from tests.web.conftest import network  # noqa: F401 (fixture)


def token_of(url: str) -> str:
    return url.split("/r/", 1)[1].rstrip("/")


@pytest.fixture
def step(alice, network):  # noqa: F811
    from goodwill.models import NextStep

    return NextStep.objects.get(owner=alice, text="mail her the trail map")


def test_done_works_once_and_undo_restores_it(alice, step, now):
    from goodwill.services.one_click import LinkUsed, link_url, undo_link, use_link

    token = token_of(link_url(alice, "done", f"step:{step.pk}"))
    result = use_link(token)
    assert result.said == "Done: mail her the trail map (Jane Doe)."
    step.refresh_from_db()
    assert step.status == "done"
    with pytest.raises(LinkUsed, match="already used"):
        use_link(token)
    undo_link(token)
    step.refresh_from_db()
    assert step.status == "open"
    with pytest.raises(LinkUsed, match="already undone"):
        undo_link(token)


def test_snooze_moves_a_step_a_week_and_undo_puts_its_date_back(alice, step, now):
    from goodwill.services.one_click import link_url, undo_link, use_link

    token = token_of(link_url(alice, "snooze", f"step:{step.pk}"))
    use_link(token)
    step.refresh_from_db()
    assert step.due_on == date(2026, 11, 30)
    undo_link(token)
    step.refresh_from_db()
    assert step.due_on == date(2026, 11, 20)


def test_snooze_a_person_and_undo(alice, network, now):  # noqa: F811
    from goodwill.services.one_click import link_url, undo_link, use_link

    priya = network["priya"]
    token = token_of(link_url(alice, "snooze", f"person:{priya.pk}"))
    assert use_link(token).said == "Priya Laurent snoozed until Mon 30 Nov."
    priya.refresh_from_db()
    assert priya.snoozed_until == date(2026, 11, 30)
    undo_link(token)
    priya.refresh_from_db()
    assert priya.snoozed_until is None


def test_replied_closes_the_reply_and_undo_opens_it_again(alice, network, now):  # noqa: F811
    from goodwill.models import Interaction
    from goodwill.services.one_click import link_url, undo_link, use_link

    jane = network["jane"]
    owed = Interaction.objects.get(owner=alice, summary="Asked for the deck")
    token = token_of(link_url(alice, "replied", f"person:{jane.pk}"))
    use_link(token)
    owed.refresh_from_db()
    assert owed.replied_at is not None
    undo_link(token)
    owed.refresh_from_db()
    assert owed.replied_at is None


def test_log_a_touch_moves_the_rhythm_and_undo_takes_it_back(alice, network, now):  # noqa: F811
    from goodwill.models import Interaction
    from goodwill.services.one_click import TOUCH_SUMMARY, link_url, undo_link, use_link

    priya = network["priya"]
    token = token_of(link_url(alice, "touch", f"person:{priya.pk}"))
    use_link(token)
    priya.refresh_from_db()
    assert priya.last_touch_at == now
    assert Interaction.objects.filter(owner=alice, summary=TOUCH_SUMMARY).count() == 1
    undo_link(token)
    priya.refresh_from_db()
    assert priya.last_touch_at is None
    assert not Interaction.objects.filter(owner=alice, summary=TOUCH_SUMMARY).exists()


def test_an_old_link_is_refused_as_expired(alice, step, monkeypatch):
    """Signing reads the real clock (time.time): a link made eight days ago has expired."""
    import time

    from goodwill.services.one_click import LinkExpired, link_url, use_link

    real = time.time()
    monkeypatch.setattr(time, "time", lambda: real - 8 * 24 * 3600)
    token = token_of(link_url(alice, "done", f"step:{step.pk}"))
    monkeypatch.setattr(time, "time", lambda: real)
    with pytest.raises(LinkExpired, match="expired"):
        use_link(token)
    step.refresh_from_db()
    assert step.status == "open"


def test_a_changed_link_is_refused(alice, step):
    from django.core import signing

    from goodwill.services.one_click import LinkInvalid, link_url, use_link

    token = token_of(link_url(alice, "done", f"step:{step.pk}"))
    middle = len(token) - 10
    changed = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    # Signed with the right key but another salt: a token made for something else.
    other = signing.dumps({"u": alice.pk, "a": "done", "t": f"step:{step.pk}", "n": "x"}, salt="one_click")
    for bad in (changed, "nonsense", other, token.split(":", 1)[0]):
        with pytest.raises(LinkInvalid):
            use_link(bad)
    step.refresh_from_db()
    assert step.status == "open"


def test_bobs_link_never_acts_on_alices_data(alice, bob, step):
    """A link signed for bob that names alice's step: alice's step is not his, so nothing happens."""
    from goodwill.services.one_click import NothingToDo, link_url, use_link

    token = token_of(link_url(bob, "done", f"step:{step.pk}"))
    with pytest.raises(NothingToDo, match="no longer in Goodwill"):
        use_link(token)
    step.refresh_from_db()
    assert step.status == "open"


def test_a_step_already_done_in_the_app_changes_nothing(alice, step):
    from goodwill.models import LinkUse
    from goodwill.services.one_click import NothingToDo, link_url, use_link
    from goodwill.services.steps import complete_step

    complete_step(alice, step)
    token = token_of(link_url(alice, "done", f"step:{step.pk}"))
    with pytest.raises(NothingToDo, match="already done"):
        use_link(token)
    assert not LinkUse.objects.exists()  # nothing half-written


def test_each_link_has_its_own_nonce(alice, step, now):
    """Two links to the same row are two links: each has its own nonce."""
    from goodwill.services.one_click import link_url

    assert link_url(alice, "done", f"step:{step.pk}") != link_url(alice, "done", f"step:{step.pk}")


def test_links_made_with_the_public_default_key_are_refused(alice, step):
    """GOODWILL_SECRET_KEY unset: the links are signed with a key derived from GOODWILL_SECRETS_KEY,
    never the default key that anyone can read in the source."""
    from django.core import signing

    from goodwill.services.one_click import SALT, LinkInvalid, use_link

    forged = signing.dumps({"u": alice.pk, "a": "done", "t": f"step:{step.pk}", "n": "x"}, salt=SALT, compress=True)
    with pytest.raises(LinkInvalid):
        use_link(forged)
    step.refresh_from_db()
    assert step.status == "open"


def test_a_server_others_reach_needs_a_secret_key_for_links(alice, step, monkeypatch):
    from goodwill.errors import InvalidInput
    from goodwill.services.one_click import link_url

    monkeypatch.delenv("GOODWILL_SECRETS_KEY")
    monkeypatch.delenv("GOODWILL_SECRET_KEY", raising=False)
    monkeypatch.setenv("GOODWILL_BASE_URL", "https://goodwill.example.com")
    with pytest.raises(InvalidInput, match="set GOODWILL_SECRET_KEY"):
        link_url(alice, "done", f"step:{step.pk}")
    monkeypatch.setenv("GOODWILL_BASE_URL", "http://127.0.0.1:8000")  # a laptop: only this machine
    assert link_url(alice, "done", f"step:{step.pk}").startswith("http://127.0.0.1:8000/r/")
