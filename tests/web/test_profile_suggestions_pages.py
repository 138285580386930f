"""The profile-suggestions page (/people/ID/profile/suggestions): what a person's notes and
encounters suggest, each with its sentence and where it came from; the ticked ones added, nothing
else; confidential notes never read; anyone else's person a 404."""

from __future__ import annotations

import html
import re

import pytest

from goodwill.models import ProfileEntry

SECRET = "Told me in confidence: she is hiring a chief of staff."


@pytest.fixture
def suggesting(network, alice):
    """Jane's notes and an encounter that suggest a need, an interest and an offer, and a confidence."""
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.notes import add_note

    jane = network["jane"]
    need = add_note(alice, jane, "She is looking for a fractional CFO.", "private")
    add_note(alice, jane, "Interested in <b>climate</b> tech.", "shareable")
    add_note(alice, jane, SECRET, "confidential")
    log_interaction(
        alice, LogRequest(kind="call", people=[jane], summary="She can help with SEC compliance", next_steps=[])
    )
    return {"jane": jane, "need_note": need}


def url(person) -> str:
    return f"/people/{person.pk}/profile/suggestions"


def text(response) -> str:
    return html.unescape(response.content.decode())


def ticks(response) -> dict[str, str]:
    """Each checkbox's value by the suggestion's text, as the page wrote it."""
    values = re.findall(r'name="pick" value="([^"]*)"', response.content.decode())
    return {html.unescape(v).split("|", 2)[2]: html.unescape(v) for v in values}


def test_the_page_lists_each_suggestion_with_its_sentence_and_source(suggesting, as_alice):
    answer = as_alice.get(url(suggesting["jane"]))
    assert answer.status_code == 200
    page = text(answer)
    assert "What the notes suggest for Jane Doe" in page
    assert f"From note #{suggesting['need_note'].pk}, a need since" in page
    assert "“She is looking for a fractional CFO.”" in page
    assert set(ticks(answer)) == {"trail running", "a fractional CFO", "<b>climate</b> tech", "SEC compliance"}
    assert "<b>climate</b>" not in answer.content.decode()  # the note's words are escaped
    assert "from interaction #" in page.lower()
    assert "chief of staff" not in page and "in confidence" not in page
    assert not ProfileEntry.objects.filter(person=suggesting["jane"]).exists()  # listing adds nothing


def test_the_ticked_ones_are_added_and_the_person_page_says_so(suggesting, as_alice):
    jane = suggesting["jane"]
    offered = ticks(as_alice.get(url(jane)))
    answer = as_alice.post(url(jane), {"pick": [offered["a fractional CFO"], offered["SEC compliance"]]})
    assert answer.status_code == 303 and answer["Location"] == f"/people/{jane.pk}/#profile"
    added = ProfileEntry.objects.filter(person=jane).order_by("pk")
    assert [(e.kind, e.text, e.confidentiality) for e in added] == [
        ("need", "a fractional CFO", "private"),
        ("offer", "SEC compliance", "private"),
    ]
    page = text(as_alice.get(answer["Location"]))
    assert "Added the need “a fractional CFO”; the offer “SEC compliance” to the profile." in page
    left = set(ticks(as_alice.get(url(jane))))
    assert left == {"trail running", "<b>climate</b> tech"}  # what was added is suggested no more


def test_with_nothing_new_the_page_says_so(network, as_alice):
    page = text(as_alice.get(url(network["omar"])))
    assert "Nothing new in the notes about Omar Thompson." in page and 'name="pick"' not in page


def test_a_number_gone_since_is_one_line_and_adds_nothing(suggesting, as_alice):
    jane = suggesting["jane"]
    answer = as_alice.post(url(jane), {"pick": ["9|need|a board seat"]})
    assert answer.status_code == 400
    line = 'suggestion 9 is no longer the need "a board seat": the notes have changed since it was listed'
    error = re.search(r'<p class="flash error" role="alert"[^>]*>([^<]*)</p>', answer.content.decode())
    assert error and error[1] == html.escape(line)  # one line, nothing else
    assert not ProfileEntry.objects.filter(person=jane).exists()


def test_a_number_that_means_something_else_now_is_refused(suggesting, as_alice, alice):
    """Accepted elsewhere meanwhile (the CLI, another tab): the numbers after it moved up."""
    from goodwill.services.profiles import accept_suggestions

    jane = suggesting["jane"]
    shown = ticks(as_alice.get(url(jane)))["SEC compliance"]
    (first,) = accept_suggestions(alice, jane, [1])
    answer = as_alice.post(url(jane), {"pick": [shown]})
    assert answer.status_code == 400
    number = shown.split("|")[0]
    assert f'suggestion {number} is no longer the offer "SEC compliance"' in text(answer)
    assert list(ProfileEntry.objects.filter(person=jane)) == [first]


def test_nothing_ticked_or_a_made_up_value_is_one_line(suggesting, as_alice):
    jane = suggesting["jane"]
    assert "tick the suggestions to add first" in text(as_alice.post(url(jane), {}))
    answer = as_alice.post(url(jane), {"pick": ["two"]})
    assert answer.status_code == 400 and '"two" is not a suggestion this page listed' in text(answer)
    assert not ProfileEntry.objects.filter(person=jane).exists()


def test_the_person_page_links_to_it_without_computing_it(suggesting, as_alice, monkeypatch):
    import goodwill.services.profiles

    def never(*args, **kwargs):
        raise AssertionError("the Person page must not compute suggestions")

    monkeypatch.setattr(goodwill.services.profiles, "suggestions", never)
    jane = suggesting["jane"]
    page = as_alice.get(f"/people/{jane.pk}/").content.decode()
    assert f'<a href="{url(jane)}">What the notes suggest…</a>' in page


def test_nobody_else_sees_or_adds(suggesting, as_charlie, as_user, bob, anonymous):
    jane = suggesting["jane"]
    pick = {"pick": ["1|need|a fractional CFO"]}
    for visitor in (as_charlie, as_user(bob)):
        assert visitor.get(url(jane)).status_code == 404
        assert visitor.post(url(jane), pick).status_code == 404
    for answer in (anonymous.get(url(jane)), anonymous.post(url(jane), pick)):
        assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    assert not ProfileEntry.objects.filter(person=jane).exists()
