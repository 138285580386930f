"""The firm's stored strength (issue 17 §5): read from PersonStrength, marked stale by the
database triggers whenever an encounter that counts changes (whoever writes it), refreshed
in chunks, and never moved by a confidential encounter. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from goodwill import clock
from goodwill.models import Exchange, Interaction, Introduction, Person, PersonStrength
from goodwill.queries.firm_strength import computed_trends, shared_strengths, strength_trends
from goodwill.queries.strength import shared_events, shared_events_many
from goodwill.services import firm_strength
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person
from goodwill.services.steps import add_step, complete_step


def _row(person) -> PersonStrength:
    return PersonStrength.objects.get(person_id=person.pk)


def _stored(firm) -> None:
    done = firm_strength.refresh(None, clock.today())
    assert done.people >= 3


def test_the_refresh_stores_each_firm_persons_shared_score(firm):
    today = clock.today()
    _stored(firm)
    priya = _row(firm["priya"])
    assert not priya.stale and priya.computed_on == today and priya.owner_id == firm["users"]["owner"].pk
    expected = computed_trends([firm["priya"].pk], today)[firm["priya"].pk]
    assert priya.score == expected.now.score and priya.score_quarter_ago == expected.quarter_ago
    assert [p["kind"] for p in priya.parts] == ["meeting"] and priya.parts[0]["count"] == 3  # confidential left out
    assert firm_strength.refresh(None, today).people == 0  # nothing due: no work


def test_a_fresh_read_is_one_query_and_the_same_as_computing(firm, django_assert_num_queries):
    today = clock.today()
    _stored(firm)
    ids = [firm["priya"].pk, firm["pats_priya"].pk, firm["sam"].pk]
    computed = computed_trends(ids, today)
    with django_assert_num_queries(1):
        stored = strength_trends(ids, today)
    for pk in ids:
        assert stored[pk].now.score == computed[pk].now.score
        assert stored[pk].now.explain() == computed[pk].now.explain()
        assert stored[pk].now.last_met == computed[pk].now.last_met
        assert stored[pk].quarter_ago == computed[pk].quarter_ago


def test_a_missing_or_stale_row_is_computed_on_read_and_never_saved(firm):
    today = clock.today()
    sam = firm["sam"]
    assert not PersonStrength.objects.exists()
    assert shared_strengths([sam.pk, 10**9], today)[sam.pk].score > 1  # an unknown id is left out
    assert 10**9 not in shared_strengths([10**9], today)
    assert not PersonStrength.objects.exists()  # reads never write


def test_logging_an_encounter_marks_the_row_stale_and_the_next_read_shows_the_new_score(firm, now):
    today = clock.today()
    _stored(firm)
    bob, sam = firm["users"]["teammate"], firm["sam"]
    before = shared_strengths([sam.pk], today)[sam.pk].score
    log_interaction(bob, LogRequest(kind="meeting", people=[sam], summary="Lunch", when=now - timedelta(days=1)))
    assert _row(sam).stale
    assert not _row(firm["priya"]).stale  # only the people of that encounter
    after = shared_strengths([sam.pk], today)[sam.pk]
    assert after.score == before + 3 and "2 meetings" in after.explain()
    assert firm_strength.refresh_stale(today).people == 1
    row = _row(sam)
    assert not row.stale and row.score == after.score


def test_a_confidential_encounter_never_changes_the_stored_score(firm, now):
    today = clock.today()
    _stored(firm)
    alice, priya = firm["users"]["owner"], firm["priya"]
    before = _row(priya).score
    log_interaction(
        alice,
        LogRequest(kind="meeting", people=[priya], summary="Acme's merger", confidentiality="confidential", when=now),
    )
    assert shared_strengths([priya.pk], today)[priya.pk].score == before
    firm_strength.refresh([priya.pk], today)
    row = _row(priya)
    assert row.score == before and not row.stale and row.parts[0]["count"] == 3


def test_every_kind_of_change_marks_the_row_stale(firm, now):
    today = clock.today()
    alice, priya = firm["users"]["owner"], firm["priya"]
    other = add_person(alice, PersonFields(name="Omar Reyes"))

    def changed(change, who=priya) -> bool:
        firm_strength.refresh([priya.pk, other.pk], today)
        PersonStrength.objects.filter(person_id__in=[priya.pk, other.pk]).update(stale=False)
        change()
        return _row(who).stale

    meeting = Interaction.objects.filter(owner=alice, participants=priya, confidentiality="private").first()
    assert changed(lambda: meeting.participants.add(other), other) is True
    assert changed(lambda: meeting.participants.remove(priya)) is True
    assert changed(lambda: meeting.participants.add(priya)) is True
    assert (
        changed(lambda: Interaction.objects.filter(pk=meeting.pk).update(occurred_at=now - timedelta(days=2))) is True
    )
    assert changed(lambda: Interaction.objects.filter(pk=meeting.pk).update(kind="call")) is True
    assert changed(lambda: Interaction.objects.filter(pk=meeting.pk).update(confidentiality="confidential")) is True
    assert changed(lambda: Interaction.objects.filter(pk=meeting.pk).update(summary="renamed")) is False
    referral = {"owner": alice, "person": priya, "kind": "referral", "direction": "given", "created_at": now}
    assert changed(lambda: Exchange.objects.create(**referral, occurred_on=today)) is True
    intro = Introduction.objects.create(
        owner=alice, person_a=other, person_b=priya, why="both in audit", created_at=now, updated_at=now
    )
    assert changed(lambda: Introduction.objects.filter(pk=intro.pk).update(status="introduced")) is True
    step = add_step(alice, priya, "send Priya the deck", due=today)
    assert changed(lambda: complete_step(alice, step)) is True
    assert changed(lambda: Interaction.objects.filter(pk=meeting.pk).delete()) is True


def test_the_refresh_never_loses_a_change_made_while_it_reads(firm, now, monkeypatch):
    """Cleared first, read second, written third: an encounter logged in between keeps the row stale."""
    from goodwill.services import firm_strength as module

    today = clock.today()
    bob, sam = firm["users"]["teammate"], firm["sam"]
    firm_strength.refresh([sam.pk], today)
    PersonStrength.objects.filter(person_id=sam.pk).update(stale=True)
    real = module.computed_trends

    def meanwhile(ids, day):
        found = real(ids, day)
        log_interaction(bob, LogRequest(kind="call", people=[sam], summary="A call", when=now))
        return found

    monkeypatch.setattr(module, "computed_trends", meanwhile)
    firm_strength.refresh([sam.pk], today)
    assert _row(sam).stale  # the call is not in the stored score yet: the next refresh stores it
    monkeypatch.setattr(module, "computed_trends", real)
    firm_strength.refresh_stale(today)
    assert "1 call" in shared_strengths([sam.pk], today)[sam.pk].explain() and not _row(sam).stale


def test_the_daily_pass_refreshes_what_was_computed_before_today(firm, set_now):
    from goodwill.jobs import strength

    today = clock.today()
    _stored(firm)
    set_now((today + timedelta(days=400)).isoformat() + "T09:00:00+00:00")
    later = clock.today()
    old = _row(firm["sam"]).score
    assert strength.refresh_daily() == Person.objects.count()  # the firm's people, every one
    row = _row(firm["sam"])
    assert row.computed_on == later and row.score < old  # a year on, the coffee counts for less
    assert strength.refresh_daily() == 0


def test_the_workers_loop_runs_both_passes(firm, now):
    """What `goodwill worker` and `goodwill serve` run beside the scheduler (and `--once` runs once)."""
    import threading

    from goodwill.jobs import strength

    loop = strength.StrengthLoop(threading.Event(), 1.0)
    loop.step()
    assert loop.done_on == clock.today()
    assert PersonStrength.objects.filter(stale=False, computed_on=clock.today()).count() == Person.objects.count()
    PersonStrength.objects.filter(person_id=firm["sam"].pk).update(stale=True)
    loop.step()  # the daily pass is done for today; the stale pass still runs
    assert not _row(firm["sam"]).stale


def test_a_laptop_alone_stores_nothing(alice, now):
    add_person(alice, PersonFields(name="Jane Doe"))
    assert firm_strength.firm_owner_ids() == []
    assert firm_strength.refresh(None).people == 0


def test_the_batched_reader_gives_what_the_one_person_reader_gives(firm):
    people = [firm["priya"], firm["pats_priya"], firm["sam"]]
    many = shared_events_many([p.pk for p in people])
    for person in people:
        assert sorted(many[person.pk], key=repr) == sorted(shared_events(person), key=repr)


@pytest.mark.parametrize("size", [1, 2])
def test_chunks_commit_each_part(firm, size):
    people = Person.objects.count()  # the fixture's, and what each part's access rows add
    done = firm_strength.refresh(None, date(2026, 11, 23), chunk=size)
    assert done.people == people and done.chunks == -(-people // size)


def test_many_rows_in_one_statement_mark_every_person_they_count_for(firm, now):
    """A statement over many rows (a restore's COPY, undo's DELETE) marks each of their people:
    on PostgreSQL inserts and deletes are marked once per statement, over all of its rows."""
    today = clock.today()
    alice, priya = firm["users"]["owner"], firm["priya"]
    others = [add_person(alice, PersonFields(name=f"Omar {n}")) for n in range(2)]
    everyone = [priya.pk, *(p.pk for p in others)]
    firm_strength.refresh(everyone, today)
    PersonStrength.objects.filter(person_id__in=everyone).update(stale=False)
    meeting = Interaction.objects.create(
        owner=alice, kind="meeting", summary="Audit kick-off", occurred_at=now, created_at=now
    )
    links = Interaction.participants.through
    links.objects.bulk_create([links(interaction=meeting, person=p) for p in others])
    assert [_row(p).stale for p in (priya, *others)] == [False, True, True]
    PersonStrength.objects.filter(person_id__in=everyone).update(stale=False)
    links.objects.filter(interaction=meeting).delete()
    assert [_row(p).stale for p in (priya, *others)] == [False, True, True]
