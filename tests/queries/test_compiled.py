"""The agenda's compiled reads (queries.compiled) return exactly what their ORM querysets
return: the same SQL, the same rows in the same order, for each owner, after changes."""

from datetime import date, timedelta

import pytest
from django.db import connection

from goodwill.clock import day_number
from goodwill.models import Interaction, NextStep, Person
from goodwill.queries import first_run, intros, phone_tasks, rhythm, today, user_settings, yearly_dates
from goodwill.queries.compiled import Compiled
from goodwill.queries.today import agenda
from goodwill.services import accounts
from goodwill.services.dates import add_date
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.intros import propose_intro
from goodwill.services.people import PersonFields, add_person, archive_person, snooze_person
from goodwill.services.review import record_review
from goodwill.services.steps import add_step


def network(owner, now, tag):
    """A small network: people due and not, steps each way, replies owed (one a copied
    mail, one confidential), birthdays and dates this week, an introduction to follow up."""
    ann = add_person(owner, PersonFields(name=f"Ann {tag}", circle="inner", birthday="1980-11-25"))
    ben = add_person(owner, PersonFields(name=f"Ben {tag}", circle="close", birthday="--11-23"))
    cy = add_person(owner, PersonFields(name=f"Cy {tag}", circle="network"))
    add_person(owner, PersonFields(name=f"Dee {tag}"))
    for person, days_ago, kind in ((ann, 40, "meeting"), (ben, 90, "call"), (cy, 200, "email")):
        log_interaction(
            owner,
            LogRequest(
                kind=kind, people=[person], summary=f"{kind} with {person.name}", when=now - timedelta(days_ago)
            ),
        )
    log_interaction(
        owner,
        LogRequest(
            kind="call",
            people=[ben],
            summary="told me in confidence",
            direction="inbound",
            awaiting_reply=True,
            confidentiality="confidential",
            when=now - timedelta(days=3),
        ),
    )
    mail = Interaction.objects.create(
        owner=owner,
        kind="email",
        direction="inbound",
        summary="Re: the contract",
        occurred_at=now - timedelta(days=2),
        created_at=now,
        awaiting_reply=True,
        external_id=f"mail:{tag}@example.com",
    )
    mail.participants.add(cy)  # the sender first, then the people copied
    mail.participants.add(ann)
    add_step(owner, ann, "send the article", due=date(2026, 11, 20))
    add_step(owner, ben, "call back", due=date(2026, 11, 23))
    add_step(owner, cy, "next month", due=date(2026, 12, 20))
    add_step(owner, cy, "send me the deck", due=date(2026, 11, 22), ball="theirs")
    add_date(owner, cy, "wedding anniversary", "2015-11-27")
    intro = propose_intro(owner, ann, cy, "both in fintech")
    intro.follow_up_on = date(2026, 11, 21)
    intro.save()
    return [ann, ben, cy]


@pytest.fixture
def everyone(alice, bob, charlie, now):
    """alice the owner, bob her teammate, charlie an outsider: each with a network of their own."""
    for owner, tag in ((alice, "A"), (bob, "B"), (charlie, "C")):
        network(owner, now, tag)
    record_review(bob, 3)
    return [alice, bob, charlie]


def reads(owner, day):
    """Every compiled read the agenda (and the Today page) makes, with the inputs it binds for `owner` on `day`."""
    ids = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    steps = list(NextStep.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    due = {"owner_id": owner.pk, "today_n": day_number(day), "today": day}
    week = sorted({((day + timedelta(n)).month, (day + timedelta(n)).day) for n in range(7)})
    return [
        ("settings", user_settings._SAVED, {"user_id": owner.pk}),
        ("ranked", rhythm.RANKED, {**due, "limit": 10}),
        ("ranked, top 1", rhythm.RANKED, {**due, "limit": 1}),
        ("ranked, all", rhythm.RANKED, {**due, "limit": None}),
        ("due total", rhythm.DUE_TOTAL, due),
        ("facts", rhythm.FACTS, {"ids": ids}),
        ("facts, one", rhythm.FACTS, {"ids": ids[:1]}),
        ("latest touches", rhythm.LATEST, {"owner_id": owner.pk, "ids": ids, "kinds": rhythm._TOUCH_KINDS}),
        ("replies owed", today.OWED, {"owner_id": owner.pk}),
        ("owed to", today.OWED_TO, {"ids": list(Interaction.objects.filter(owner=owner).values_list("pk", flat=True))}),
        ("my steps", today.STEP_IDS, {"owner_id": owner.pk, "today": day, "balls": ["mine", "both"], "limit": 25}),
        ("their steps", today.STEP_IDS, {"owner_id": owner.pk, "today": day, "balls": ["theirs"], "limit": 1}),
        ("step rows", today.STEP_ROWS, {"ids": steps}),
        ("step total", today.STEP_TOTAL, {"owner_id": owner.pk, "today": day, "balls": ["mine", "both"]}),
        ("reviewed", today.REVIEWED, {"owner_id": owner.pk, "since": today.clock.start_of_day(today.week_start(day))}),
        (
            "birthdays",
            yearly_dates.BIRTHDAYS,
            {"owner_id": owner.pk, "month_days": [f"{m:02d}-{d:02d}" for m, d in week]},
        ),
        ("birthdays, all year", yearly_dates.BIRTHDAYS, {"owner_id": owner.pk, "month_days": None}),
        (
            "dates",
            yearly_dates.DATES,
            {"owner_id": owner.pk, "months": [m for m, _ in week], "days": [d for _, d in week]},
        ),
        ("follow-ups", intros.FOLLOW_UPS, {"owner_id": owner.pk, "today": day}),
        ("anyone", first_run._ANYONE, {"owner_id": owner.pk}),
        ("any touch", first_run._ANY_TOUCH, {"owner_id": owner.pk}),
        # And what the Today page reads beside the agenda, on every request.
        ("phone tasks", phone_tasks._OPEN, {"owner_id": owner.pk}),
        ("logins", accounts._LOGINS, {}),
        ("the user", accounts._LOCAL_USER, {"username": owner.username, "names": accounts._user_fields()}),
        ("defaults there", accounts._DEFAULTS_THERE, {"user_id": owner.pk}),
    ]


def assert_same_as_orm(owner, day):
    for name, read, inputs in reads(owner, day):
        queryset = read.build(**inputs)
        expected = list(queryset)
        for _ in range(2):  # a shape's first call runs the queryset; later ones the compiled plan
            rows = read.rows(**inputs)
            if not queryset.ordered:  # no ORDER BY (the caller sorts): any order the plan gives
                rows, expected = sorted(rows), sorted(expected)
            assert rows == expected, name
            assert read.count(**inputs) == queryset.count(), name
            assert read.exists(**inputs) == queryset.exists(), name
        if expected:  # an empty IN list compiles to no SQL at all
            sql, params = queryset.query.get_compiler(connection=connection).as_sql()
            assert read.sql(**inputs) == (sql, list(params)), name


def test_compiled_reads_match_the_orm_for_owner_teammate_and_outsider(everyone, now):
    for day in (now.date(), now.date() + timedelta(days=3), now.date() - timedelta(days=30)):
        for owner in everyone:
            assert_same_as_orm(owner, day)


def test_compiled_reads_follow_changes_to_the_data(everyone, now):
    alice = everyone[0]
    day = now.date()
    before = rhythm.RANKED.rows(owner_id=alice.pk, today_n=day_number(day), today=day, limit=10)
    first = Person.objects.get(pk=before[0])
    snooze_person(alice, first, day + timedelta(days=30))
    archive_person(alice, Person.objects.get(owner=alice, name="Ann A"))
    add_step(alice, first, "a new one", due=day - timedelta(days=1), ball="theirs")
    record_review(alice, 1)
    after = rhythm.RANKED.rows(owner_id=alice.pk, today_n=day_number(day), today=day, limit=10)
    assert first.pk not in after and after != before
    assert_same_as_orm(alice, day)
    assert today.REVIEWED.exists(owner_id=alice.pk, since=today.clock.start_of_day(today.week_start(day)))


def test_each_owner_gets_their_own_agenda_from_the_same_compiled_sql(everyone, now):
    seen = []
    for owner in everyone:  # alice's call compiles; bob's and charlie's reuse her SQL with their own ids
        result = agenda(owner)
        names = {row.name for row in result.people_due} | {row.person_name for row in result.replies_owed}
        names |= {row.person_name for row in result.my_steps + result.their_steps}
        names |= {row.person_name for row in result.dates_this_week} | {row.a for row in result.intro_follow_ups}
        seen.append(names)
    for names, tag in zip(seen, "ABC", strict=True):
        assert names and all(name.endswith(f" {tag}") for name in names)


def test_agenda_rows_from_the_compiled_reads(alice, now):
    ann, ben, cy = network(alice, now, "A")
    result = agenda(alice)
    # The copied mail is owed to its sender alone; the confidential call shows no summary.
    assert [(r.person_name, r.summary) for r in result.replies_owed] == [
        ("Ben A", "[confidential]"),
        ("Cy A", "Re: the contract"),
    ]
    assert [s.text for s in result.my_steps] == ["send the article", "call back"]
    assert [s.text for s in result.their_steps] == ["send me the deck"]
    assert [d.what for d in result.dates_this_week] == [
        "birthday",
        "birthday, turns 46",
        "wedding anniversary, 11 years",
    ]
    assert [(i.a, i.b, i.status_label) for i in result.intro_follow_ups] == [("Ann A", "Cy A", "asked A")]
    due = {row.name: row for row in result.people_due}
    assert due["Cy A"].last_kind == "email" and due["Cy A"].circle == "network"
    assert result.people_due_total == len(result.people_due)


def test_a_value_derived_inside_the_build_is_refused(db):
    derived = Compiled(lambda today: Person.objects.filter(due_day__lte=day_number(today)).values_list("pk"))
    assert derived.rows(today=date(2026, 11, 23)) == []  # the first call runs the queryset itself
    with pytest.raises(TypeError, match="depends on a value"):
        derived.rows(today=date(2026, 11, 23))  # the second compiles the plan, and checks it


def test_a_limit_must_be_named_in_shape(db):
    unnamed = Compiled(lambda owner_id, limit: Person.objects.filter(owner_id=owner_id).values_list("pk")[:limit])
    unnamed.rows(owner_id=1, limit=5)
    with pytest.raises(TypeError, match="depends on a value"):
        unnamed.rows(owner_id=1, limit=5)


def test_only_values_lists_compile(db):
    with pytest.raises(TypeError, match="values_list"):
        Compiled(lambda owner_id: Person.objects.filter(owner_id=owner_id)).rows(owner_id=1)


def test_plain_rows_are_what_the_queryset_returns(alice, now):
    """Grouped counts and a maximum, read through the cursor, equal Django's own rows (ints
    and floats on SQLite and PostgreSQL alike)."""
    from django.db.models import Count, Max, Q

    from goodwill.queries.compiled import plain_rows

    network(alice, now, "plain")
    grouped = (
        Person.objects.filter(owner=alice)
        .values_list("circle_id")
        .annotate(n=Count("pk"), due=Count("pk", filter=Q(due_day__gt=0)), top=Max("rhythm_days"))
        .order_by("circle_id")
    )
    rows = plain_rows(grouped)
    assert rows == list(grouped) and len(rows) > 1
    assert all(
        type(a) is type(b)
        for row, django_row in zip(rows, grouped, strict=True)
        for a, b in zip(row, django_row, strict=True)
    )


def test_plain_rows_refuse_a_column_django_converts(db):
    from goodwill.queries.compiled import plain_rows

    with pytest.raises(TypeError, match="needs Django's conversion"):
        plain_rows(Person.objects.values_list("pk", "extra"))
    with pytest.raises(TypeError, match="values_list"):
        plain_rows(Person.objects.values("pk"))
