"""The Person page's reads compile once (queries.compiled) and return exactly what their ORM
querysets returned: the same records, in the same order, for each owner, after changes; a
person's strength is the same whether read for one person or for many."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodwill.models import Exchange, ImportantDate, Interaction, NextStep, Note, ProfileEntry
from goodwill.queries import ideas, strength
from goodwill.queries.ideas import PageReads, ideas_for
from goodwill.queries.ledger import balance_sheet, person_balance
from goodwill.queries.owed import owed_to, replies_owed_to
from goodwill.queries.people import person_page
from goodwill.search.documents import candidates
from goodwill.services.dates import add_date, dates_of
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry, close_entry, profile_of
from goodwill.services.steps import add_step, complete_step


def _fields(record) -> dict:
    return {f.attname: getattr(record, f.attname) for f in type(record)._meta.concrete_fields}


def _same(records, queryset) -> None:
    expected = list(queryset)
    assert [type(r) for r in records] == [type(r) for r in expected]
    assert [_fields(r) for r in records] == [_fields(r) for r in expected]


def _jane(owner, now, tag):
    jane = add_person(
        owner,
        PersonFields(
            name=f"Jane {tag}", emails=[f"jane.{tag}@example.com", f"j.{tag}@example.org"], tags=["austin", "b"]
        ),
    )
    log_interaction(owner, LogRequest(kind="meeting", people=[jane], summary="lunch", when=now - timedelta(days=3)))
    log_interaction(
        owner,
        LogRequest(
            kind="email",
            people=[jane],
            summary="told me in confidence",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=now - timedelta(days=1),
        ),
    )
    add_step(owner, jane, "send the map")
    add_step(owner, jane, "send me her CV", ball="theirs")
    add_note(owner, jane, "Prefers mornings", "private")
    add_note(owner, jane, "A secret", "confidential")
    add_entry(owner, jane, "need", "a treasurer for the club")
    add_date(owner, jane, "anniversary", "14 June 2012")
    Exchange.objects.create(
        owner=owner,
        person=jane,
        kind="referral",
        direction="received",
        occurred_on=now.date(),
        created_at=now,
        amount=Decimal("1200.50"),
        currency="EUR",
    )
    # Needs beyond the five an idea may answer, dated and undated, one confidential, one closed.
    for n, since in enumerate([None, 30, 2, None, 60, 2, 9]):
        add_entry(owner, jane, "need", f"need {n}")
        ProfileEntry.objects.filter(person=jane, text=f"need {n}").update(
            since=None if since is None else now.date() - timedelta(days=since)
        )
    add_entry(owner, jane, "need", "a quiet buyer", confidentiality="confidential")
    close_entry(owner, ProfileEntry.objects.get(person=jane, text="need 2"))
    for days, kind, status in ((20, "lead", "pending"), (10, "referral", "pending"), (5, "introduction", "pending")):
        Exchange.objects.create(
            owner=owner,
            person=jane,
            kind=kind,
            direction="given",
            status=status,
            description=f"{kind} {days} days ago",
            occurred_on=now.date() - timedelta(days=days),
            created_at=now,
        )
    return jane


@pytest.fixture
def two(alice, bob, now):
    return {"alice": (alice, _jane(alice, now, "a")), "bob": (bob, _jane(bob, now, "b"))}


def _check(owner, person, today) -> None:
    page = person_page(owner, person, today, timeline_limit=1)
    _same(page.timeline, Interaction.objects.filter(owner=owner, participants=person).order_by("-occurred_at")[:1])
    steps = list(person.steps.filter(status="open").order_by("due_on", "id"))
    _same(
        page.my_steps + page.their_steps,
        [s for s in steps if s.ball != "theirs"] + [s for s in steps if s.ball == "theirs"],
    )
    _same(page.notes, person.notes.all())
    assert page.tags == list(person.tags.values_list("name", flat=True))
    assert page.emails == list(
        person.contact_points.filter(kind="email").order_by("-preferred", "id").values_list("value", flat=True)
    )
    _same(
        dates_of(owner, person),
        ImportantDate.objects.filter(owner=owner, person=person).order_by("month", "day", "label", "id"),
    )
    for closed in (False, True):
        rows = ProfileEntry.objects.filter(owner=owner, person=person).order_by("kind", "-active", "-since", "id")
        _same(profile_of(owner, person, include_closed=closed), rows if closed else rows.filter(active=True))
    owed = replies_owed_to(owner, person).order_by("occurred_at")
    assert owed_to(owner, person) == list(owed.values_list("kind", "summary", "confidentiality"))
    # The page hands its ideas what it read; they are the ideas `goodwill ideas` reads for itself.
    reads = PageReads(page.my_steps, owed_to(owner, person), profile_of(owner, person, include_closed=True))
    assert [vars(i) for i in ideas_for(owner, person, today, known=reads)] == [
        vars(i) for i in ideas_for(owner, person, today)
    ]
    assert ideas._needs(owner, person, reads) == ideas._needs(owner, person, None)
    pending = Exchange.objects.filter(owner=owner, person=person, status="pending", direction="given")[:2]
    asked = [i.action.entry for i in ideas_for(owner, person, today) if i.kind == "referral"]
    assert asked == [e.pk for e in pending] and len(asked) == min(2, len(pending))
    line = person_balance(owner, person)
    sheet = balance_sheet(owner, today, person=person)
    assert (line.given, line.received, line.received_value) == (
        sheet.people[0].given,
        sheet.people[0].received,
        sheet.people[0].received_value,
    )


def test_each_owners_page_reads_their_own_records_as_the_orm_does(two, now):
    today = now.date()
    for owner, person in two.values():  # the second owner's reads run the SQL the first compiled
        _check(owner, person, today)
    alice, jane = two["alice"]
    close_entry(alice, ProfileEntry.objects.get(person=jane, text="a treasurer for the club"))
    complete_step(alice, NextStep.objects.get(person=jane, text="send the map"))
    Note.objects.filter(person=jane).delete()
    _check(alice, jane, today)
    assert person_page(alice, jane, today).notes == []


def test_a_persons_strength_is_the_same_for_one_as_for_many(two, now):
    alice, jane = two["alice"]
    complete_step(alice, NextStep.objects.get(person=jane, text="send the map"))
    for confidential in (True, False):
        one = strength._events(alice, jane, confidential=confidential)
        many = [event for _, event in strength._event_rows([jane.pk], alice, confidential=confidential)]
        firm = [event for _, event in strength._event_rows([jane.pk], None, confidential=confidential)]
        assert sorted(map(repr, one)) == sorted(map(repr, many)) == sorted(map(repr, firm)) and one
    # the confidential email is counted for the owner only
    assert len(strength._events(alice, jane)) > len(strength.shared_events(jane))


def test_candidates_of_some_kinds_read_no_other_rows(two):
    alice, jane = two["alice"]
    every = candidates([jane.pk])[0]
    with CaptureQueriesContext(connection) as reads:
        (some,) = candidates([jane.pk], kinds=("need", "role", "tag"))
    assert some.fields == [f for f in every.fields if f.kind in ("need", "role", "tag")] and some.fields
    sql = " ".join(q["sql"] for q in reads.captured_queries)
    assert "goodwill_note" not in sql and "goodwill_interaction" not in sql
    assert "e.kind IN ('need')" in sql  # nor the entries of other kinds
    assert "A secret" not in str(every.fields)  # confidential text never reaches a candidate


def test_ideas_check_the_search_index_once_however_many_needs(two, monkeypatch):
    from goodwill import search

    alice, jane = two["alice"]
    for need in ("a printer", "an accountant", "a lawyer"):
        add_entry(alice, jane, "need", need)
    checks = []
    real = search.ensure_current
    monkeypatch.setattr(search, "ensure_current", lambda owner: checks.append(owner) or real(owner))
    ideas_for(alice, jane)
    assert checks == [alice]


def test_owned_person_is_get_owned_with_circle_and_organization(two, now):
    from goodwill.errors import NotFound
    from goodwill.models import Person
    from goodwill.queries.people import owned_person
    from goodwill.services.people import archive_person, edit_person

    alice, jane = two["alice"]
    bob, bobs_jane = two["bob"]
    edit_person(alice, jane, PersonFields(circle="inner", organization="Acme"))
    expected = Person.objects.select_related("circle", "organization").get(pk=jane.pk)
    for typed in (jane.pk, str(jane.pk), f"#{jane.pk}", f" {jane.pk} "):
        found = owned_person(alice, typed)
        assert _fields(found) == _fields(expected)
        with CaptureQueriesContext(connection) as reads:
            assert (found.circle.name, found.organization.name) == ("inner", "Acme")
        assert not reads.captured_queries  # read with the person, as select_related did
    bobs = owned_person(bob, bobs_jane.pk)
    assert (bobs.circle.name, bobs.organization) == ("network", None)
    for owner, pk in ((bob, jane.pk), (alice, bobs_jane.pk), (alice, "x1"), (alice, 10**20)):
        with pytest.raises(NotFound, match="no person with id"):
            owned_person(owner, pk)
    archive_person(alice, jane)
    assert owned_person(alice, jane.pk).pk == jane.pk
    with pytest.raises(NotFound):
        owned_person(alice, jane.pk, include_archived=False)


def test_a_handfuls_strengths_compiled_are_the_orms(two, now, monkeypatch):
    # A firm answer scores the viewer's own few ties through compile-once SQL (padded IN
    # lists); more than strength.FEW go through the ORM. Both must give the same scores.
    from goodwill.services.people import PersonFields, add_person

    alice, jane = two["alice"]
    complete_step(alice, NextStep.objects.get(person=jane, text="send the map"))
    others = [add_person(alice, PersonFields(name=f"Other {n}")).pk for n in range(2)]
    ids = [jane.pk, *others, two["bob"][1].pk]  # bob's person is not alice's: left out either way
    compiled = strength.person_strengths(alice, ids, now.date())
    monkeypatch.setattr(strength, "FEW", 0)
    orm = strength.person_strengths(alice, ids, now.date())
    assert set(compiled) == {jane.pk, *others}
    assert {pk: (s.score, s.explain()) for pk, s in compiled.items()} == {
        pk: (s.score, s.explain()) for pk, s in orm.items()
    }
    assert compiled[jane.pk].score > compiled[others[0]].score


def test_a_person_is_read_with_their_circle_and_organization_in_one_statement(alice, bob, now):
    from goodwill.models import Person
    from goodwill.queries.people import owned_person

    with_both = add_person(alice, PersonFields(name="Ann Org", circle="inner", organization="Acme"))
    with_neither = add_person(bob, PersonFields(name="Bo Loner"))
    Person.objects.filter(pk=with_neither.pk).update(circle=None)
    for owner, person in ((alice, with_both), (bob, with_neither), (alice, with_both)):  # the third: compiled
        expected = Person.objects.select_related("circle", "organization").get(pk=person.pk)
        with CaptureQueriesContext(connection) as reads:
            found = owned_person(owner, person.pk)
            circle, organization = found.circle, found.organization  # no read when used
        assert len(reads) == 1
        assert _fields(found) == _fields(expected)
        assert (circle and _fields(circle)) == (expected.circle and _fields(expected.circle))
        assert (organization and _fields(organization)) == (expected.organization and _fields(expected.organization))
    assert owned_person(alice, with_both.pk).organization.name == "Acme"
    assert owned_person(bob, with_neither.pk).circle is None


def test_candidates_on_postgresql_send_the_ids_as_one_array(two):
    """One statement text whatever the number of people (psycopg converts it once, the server
    prepares it); the people and their fields are the same as read one by one."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads an IN list")
    (_, jane), (_, other) = two["alice"], two["bob"]
    with CaptureQueriesContext(connection) as reads:
        both = candidates([jane.pk, other.pk])
    assert all("= ANY(" in q["sql"] and " IN (" not in q["sql"] for q in reads.captured_queries)
    assert {c.person_id: c.fields for c in both} == {
        pk: candidates([pk])[0].fields for pk in (jane.pk, other.pk)
    } and len(both) == 2
