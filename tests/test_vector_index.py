"""The vector index kept in memory: brought up to date by what was written since, never stale."""

import threading

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill import search
from goodwill.habits.meaning import encode_one
from goodwill.habits.meaning.score import KIND_WEIGHTS
from goodwill.models import FieldVector, Person
from goodwill.search import vectors
from goodwill.services.deletion import delete_person
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

WEIGHTS = [KIND_WEIGHTS[k] for k in vectors.KINDS]


@pytest.fixture
def kept(monkeypatch):
    """Keep every index in memory, however small, as at 100,000 people."""
    monkeypatch.setattr(vectors, "CACHE_FROM", 0)
    vectors.forget()
    yield
    vectors.forget()


def nearest(owner, text, limit=3):
    search.ensure_current(owner)
    return vectors.nearest(owner.pk, encode_one(text), limit, WEIGHTS)[0]


def fresh(owner, text, limit=3):
    vectors.forget()
    return nearest(owner, text, limit)


def test_a_kept_index_sees_new_people_and_changed_fields(alice, now, kept):
    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    omar = add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    assert nearest(alice, "a bakery owner")[0][0] == omar.pk
    add_entry(alice, jane, "need", "a good bread oven for her new bakery")
    found = nearest(alice, "industrial bread ovens for bakeries")
    assert found[0][0] == jane.pk
    again = fresh(alice, "industrial bread ovens for bakeries")
    assert [p for p, _ in found] == [p for p, _ in again]
    assert np.allclose([s for _, s in found], [s for _, s in again], atol=1e-5)
    zoe = add_person(alice, PersonFields(name="Zoe Park", title="Astronomer"))
    add_note(alice, zoe, "Builds telescopes in her garage", "shareable")
    assert nearest(alice, "amateur telescope making")[0][0] == zoe.pk


def test_a_kept_index_holds_its_rows_in_32_bits_through_catch_ups(alice, now, kept):
    """Codes and the groups' people are 32-bit (half the memory of a per-row array); a catch-up
    that rewrites one person's rows keeps them so and matches a whole read row for row."""
    people = [add_person(alice, PersonFields(name=f"Person {n}", title=f"Title {n}")) for n in range(4)]
    add_entry(alice, people[1], "need", "a bread oven")
    nearest(alice, "bakeries")
    add_entry(alice, people[2], "offer", "industrial ovens")
    add_note(alice, people[1], "Opening a second bakery in May", "shareable")
    nearest(alice, "bakeries")
    caught_up = vectors._index(alice.pk)
    vectors.forget()
    nearest(alice, "bakeries")
    whole = vectors._index(alice.pk)
    for index in (caught_up, whole):
        assert index.codes.dtype == np.int32 and index.people.dtype == np.int32

    def texts_by_person(index):
        ends = np.r_[index.starts[1:], len(index.codes)]
        return {
            int(p): sorted(
                (index.digests[c // len(vectors.KINDS)], c % len(vectors.KINDS)) for c in index.codes[s:e].tolist()
            )
            for p, s, e in zip(index.people, index.starts, ends)
        }

    assert texts_by_person(caught_up) == texts_by_person(whole)
    assert sorted(caught_up.row_people().tolist()) == sorted(whole.row_people().tolist())


def test_texts_said_by_many_are_kept_once(alice, now, kept):
    for n in range(4):
        person = add_person(alice, PersonFields(name=f"Angel {n}"))
        add_entry(alice, person, "offer", "introductions to angel investors")
    found = nearest(alice, "meet angel investors", limit=10)
    assert len(found) == 4 and len({round(score, 6) for _, score in found}) == 1
    index = vectors._index(alice.pk)
    assert index.size == FieldVector.objects.filter(owner=alice).values("digest").distinct().count()
    assert index.size < FieldVector.objects.filter(owner=alice).count()


def test_another_owners_writes_never_enter_my_index(alice, bob, now, kept):
    add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    nearest(alice, "finance")
    add_person(bob, PersonFields(name="Ben Cole", title="Chief financial officer"))
    assert {pid for pid, _ in nearest(alice, "finance", limit=10)} <= set(
        Person.objects.filter(owner=alice).values_list("pk", flat=True)
    )


def test_a_deleted_persons_rows_are_harmless_and_gone_on_the_next_full_read(alice, now, kept):
    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    nearest(alice, "finance")
    delete_person(alice, jane)
    assert jane.pk not in [pid for pid, _ in fresh(alice, "finance")]


def test_weights_by_kind_match_a_product_row_by_row(alice, now, kept):
    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    add_note(alice, jane, "Loves sailing on weekends", "private")
    query = encode_one("boats")
    weights = [0.0 if k == "note" else 1.0 for k in vectors.KINDS]
    search.ensure_current(alice)
    ((pid, score),) = vectors.nearest(alice.pk, query, 1, weights)[0]
    rows = FieldVector.objects.filter(person=jane).exclude(kind="note")
    expected = max(float(vectors.from_bytes(r.vector) @ query) for r in rows)
    assert pid == jane.pk and np.isclose(score, expected, atol=1e-5)


def test_a_kept_index_gives_each_persons_vectors_as_the_table_does(alice, now, kept):
    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    omar = add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    add_note(alice, jane, "Loves sailing. Restores old boats.", "private")
    nearest(alice, "boats")
    add_entry(alice, omar, "need", "a second bread oven")
    nearest(alice, "ovens")
    from_memory = vectors.vectors_of([jane.pk, omar.pk, 10**9], alice.pk)
    from_table = vectors.vectors_of([jane.pk, omar.pk, 10**9])
    assert from_memory.keys() == from_table.keys() == {jane.pk, omar.pk}
    for pid, found in from_table.items():
        assert from_memory[pid].keys() == found.keys()
        assert all(np.array_equal(from_memory[pid][d], v) for d, v in found.items())


def test_a_small_kept_index_gives_each_persons_vectors_from_memory_and_stays_current(alice, now):
    """Under CACHE_FROM rows the index is kept too (a Person page ranks once per need): its
    vectors are the table's, read from memory, and a change reaches them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    omar = add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    nearest(alice, "boats")

    def same(*, unchanged: bool = False, people=None) -> None:
        with CaptureQueriesContext(connection) as reads:
            from_memory = vectors.vectors_of([jane.pk, omar.pk], alice.pk)
        if unchanged:  # nothing written since: no vector is read again
            assert not any("vector" in q["sql"].split("FROM")[0] for q in reads.captured_queries)
        from_table = vectors.vectors_of([jane.pk, omar.pk])
        assert from_memory.keys() == from_table.keys() == (people or {jane.pk, omar.pk})
        for pid, found in from_table.items():
            assert from_memory[pid].keys() == found.keys()
            assert all(np.array_equal(from_memory[pid][d], v) for d, v in found.items())

    same(unchanged=True)
    add_entry(alice, omar, "need", "a second bread oven")
    search.ensure_current(alice)
    same()
    FieldVector.objects.filter(person=jane).delete()  # rows gone, the highest id as it was: the count tells
    same(people={omar.pk})


def test_settled_checks_the_index_once_and_the_next_request_sees_changes(alice, now):
    """A Person page ranks once per need and each ranking uses the index three times: inside
    `settled` it is checked against the database once; outside, every use checks again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    omar = add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    nearest(alice, "boats")

    def checks(reads) -> int:
        return sum("MAX(id)" in q["sql"] for q in reads.captured_queries)

    with CaptureQueriesContext(connection) as reads, vectors.settled():
        for _ in range(3):
            vectors.nearest(alice.pk, encode_one("bread"), 3, WEIGHTS)[0]
            vectors.vectors_of([jane.pk, omar.pk], alice.pk)
            with vectors.settled():  # nested: the outer one counts
                vectors.nearest(alice.pk, encode_one("bread"), 3, WEIGHTS)[0]
    assert checks(reads) == 1
    with CaptureQueriesContext(connection) as reads:
        vectors.nearest(alice.pk, encode_one("bread"), 3, WEIGHTS)[0]
        vectors.vectors_of([jane.pk, omar.pk], alice.pk)
    assert checks(reads) == 2
    add_entry(alice, omar, "need", "a second bread oven")
    search.ensure_current(alice)
    with vectors.settled():  # the next page sees the change
        assert omar.pk in vectors.vectors_of([omar.pk], alice.pk)
        assert len(vectors.vectors_of([omar.pk], alice.pk)[omar.pk]) == len(vectors.vectors_of([omar.pk])[omar.pk])


def test_a_whole_read_gives_its_garbage_back_to_the_system_and_a_catch_up_does_not(alice, now, kept, monkeypatch):
    # Reading a big index whole goes through ~1.5 million small objects; glibc kept their
    # space (a process at 100,000 people: 260 MB after the read, 104 MB once malloc_trim gave it back).
    from goodwill import memory

    calls = []
    monkeypatch.setattr(memory, "give_back", lambda: calls.append(1) or True)
    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    nearest(alice, "treasurer")
    assert calls == [1]
    add_entry(alice, jane, "need", "a beekeeping mentor")
    nearest(alice, "beekeeping")  # the rows written since, read on top of the kept index
    assert calls == [1]


def test_giving_memory_back_works_here_and_is_harmless_where_it_cannot(monkeypatch):
    import ctypes.util

    from goodwill import memory

    memory._libc_function.cache_clear()
    assert memory.give_back() is True  # glibc, as on the firm's Linux server and in CI
    assert memory.limit_arenas(8) is True  # glibc's own default for 1 core: harmless here
    memory._libc_function.cache_clear()
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)  # no C library by that name
    assert memory.give_back() is False
    assert memory.limit_arenas(2) is False
    memory._libc_function.cache_clear()


def test_a_whole_read_streams_its_rows_and_a_catch_up_reads_them_plainly(alice, now, kept, monkeypatch):
    # At 100,000 people a plain cursor's result (1.5 million rows) sat whole in libpq's memory
    # beside the batches: a worker's peak RSS during the read 305 MB, 178 MB streamed. The
    # texts' vectors are streamed too (a network in its own words has as many as rows).
    from django.db import connection

    streamed = []
    real = connection.chunked_cursor
    monkeypatch.setattr(connection, "chunked_cursor", lambda: streamed.append(1) or real())
    jane = add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))
    assert [pid for pid, _ in nearest(alice, "treasurer")] == [jane.pk]
    assert streamed == [1, 1]  # the texts' vectors, then the rows
    add_entry(alice, jane, "need", "a beekeeping mentor")
    assert [pid for pid, _ in nearest(alice, "beekeeping")] == [jane.pk]
    assert streamed == [1, 1]  # the rows written since: a few, read plainly


@given(
    sizes=st.lists(st.integers(1, 40), min_size=1, max_size=60),
    chunk=st.integers(1, 120),
    seed=st.integers(0, 2**16),
)
def test_the_best_of_each_group_a_chunk_at_a_time_is_the_best_of_all_at_once(sizes, chunk, seed):
    from goodwill.search.vectors import best_per_group

    rng = np.random.default_rng(seed)
    table = rng.standard_normal(50).astype(np.float32)
    codes = rng.integers(0, 50, sum(sizes))
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    assert np.array_equal(best_per_group(table, codes, starts, chunk), np.maximum.reduceat(table[codes], starts))


@given(
    rows=st.lists(
        st.tuples(st.integers(1, 30), st.integers(0, len(vectors.KINDS) - 1), st.integers(-1, 20)), max_size=80
    ),
    wide=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_rows_read_in_any_order_come_out_by_person_then_as_written_without_those_that_lost_their_text(rows, wide, seed):
    # What a read hands the index: ids in the order the database sent them (PostgreSQL keeps
    # none), a text slot of -1 where a text was deleted between the two reads.
    from array import array

    rng = np.random.default_rng(seed)
    ids = rng.permutation(np.arange(1, len(rows) + 1) * 7).tolist()
    people = [p + (2**40 if wide else 0) for p, _, _ in rows]  # ids past 32 bits stay 64-bit
    read = [
        array("q", ids),
        array("q", people),
        array("b", [k for _, k, _ in rows]),
        np.array([t for _, _, t in rows], dtype=np.int32),
    ]
    row_people, codes = vectors._by_person(read)
    expected = sorted((p, i, t * len(vectors.KINDS) + k) for i, p, (_, k, t) in zip(ids, people, rows) if t >= 0)
    assert row_people.tolist() == [p for p, _, _ in expected]
    assert codes.tolist() == [c for _, _, c in expected]
    assert row_people.dtype == (np.int64 if wide and expected else np.int32) and codes.dtype == np.int64
    assert read == []  # handed over: each array freed once used


@given(
    sizes=st.lists(st.integers(1, 12), min_size=1, max_size=40),
    texts=st.integers(1, 30),
    weighed=st.sets(st.sampled_from(range(len(vectors.KINDS))), min_size=1),
    limit=st.integers(1, 15),
    shuffled=st.booleans(),
    walk_up_to=st.sampled_from([0, 20, 100_000]),
    seed=st.integers(0, 2**16),
)
def test_nearest_lists_the_people_whose_best_piece_is_highest_ties_by_id(
    sizes, texts, weighed, limit, shuffled, walk_up_to, seed
):
    # Found from the texts down (the holders of each text and kind) or, when too few people are
    # above 0, from every person's best: either way who is listed, in what order, and the bound
    # each person's best gives the scoring, must be what every row gives (kinds not weighed
    # counting 0), ties going to the lower id. Few texts make ties; a grown index's groups are
    # not in id order (shuffled); a walk that may not look at every code (walk_up_to) leaves it
    # to every person's maximum.
    from goodwill.habits.meaning.score import HITS_COUNTED, meaning_bound

    rng = np.random.default_rng(seed)
    width = len(vectors.KINDS)
    unit = rng.standard_normal((texts, 4)).astype(np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    ids = np.arange(100, 100 + len(sizes))
    row_people = np.repeat(rng.permutation(ids) if shuffled else ids, sizes)
    codes = rng.integers(0, texts, len(row_people)) * width + rng.integers(0, width, len(row_people))
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    digests = [f"t{n}" for n in range(texts)]
    index = vectors._Index(
        1,
        row_people[starts],
        starts,
        vectors._narrow(codes),
        unit,
        texts,
        {d: n for n, d in enumerate(digests)},
        digests,
    )
    assert index.row_people().tolist() == row_people.tolist()
    weights = [float(rng.uniform(0.5, 1.0)) if code in weighed else 0.0 for code in range(width)]
    query = rng.standard_normal(4).astype(np.float32)
    query /= np.linalg.norm(query)
    exclude = {int(p) for p in row_people[starts] if rng.random() < 0.2}

    similarity = unit @ query
    rows = {}  # every person's pieces over every row, the others weighing 0
    for person, code in zip(row_people.tolist(), codes.tolist()):
        rows.setdefault(person, []).append(float(similarity[code // width] * weights[code % width]))
    truth = {person: max(values) for person, values in rows.items()}
    ranked = sorted((p for p in truth if p not in exclude), key=lambda p: (-truth[p], p))[:limit]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vectors, "_index", lambda owner_id: index)
        patch.setattr(vectors, "WALK_EVERY_CODE_UP_TO", walk_up_to)
        near, found = vectors.nearest(1, query, limit, weights, exclude)
    assert [p for p, _ in near] == ranked
    assert all(best == pytest.approx(truth[p], abs=1e-6) for p, best in near)
    asked = sorted(rows, key=lambda _: rng.random())[: len(rows) // 2 + 1] + [10**9]  # any order, one unknown
    bests = found.best_pieces(asked)
    assert set(bests) == set(asked) - {10**9}
    for person, best in bests.items():
        expected = sorted(rows[person], reverse=True)[:HITS_COUNTED]
        assert best == pytest.approx(expected, abs=1e-6)
        assert meaning_bound(best, 0.7) == pytest.approx(meaning_bound(expected, 0.7), abs=1e-6)


def test_person_ids_are_kept_in_32_bits_only_while_they_fit():
    assert vectors._narrow(np.array([1, 2**31 - 1], dtype=np.int64)).dtype == np.int32
    wide = np.array([1, 2**31], dtype=np.int64)
    assert vectors._narrow(wide).dtype == np.int64 and vectors._narrow(wide).tolist() == [1, 2**31]
    assert vectors._narrow(np.zeros(0, dtype=np.int64)).dtype == np.int32


def test_a_kept_indexs_holders_are_made_once_however_many_threads_ask_at_once(monkeypatch):
    # A worker's eight threads each made the (then) kind view at their first introduction, and
    # malloc kept eight times its temporaries (~60 MB a worker under load at 100,000 people).
    import time

    people = np.arange(1, 201)
    codes = np.arange(400, dtype=np.int64) % len(vectors.KINDS)
    starts = np.arange(0, 400, 2)
    index = vectors._Index(1, people, starts, codes, np.eye(4, dtype=np.float32), 1, {}, [])
    made = []
    real = vectors._Holders.of.__func__

    def slow(cls, index):
        made.append(index)
        time.sleep(0.05)  # long enough for every thread to ask while it is being made
        return real(cls, index)

    monkeypatch.setattr(vectors._Holders, "of", classmethod(slow))
    got, start = [], threading.Barrier(8)

    def ask():
        start.wait()
        got.append(index.holders_of_codes())
        index.group_of(7)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [index] and len(got) == 8 and all(holders is got[0] for holders in got)


def _repeating_index(people: int = 300, texts: int = 6, seed: int = 3) -> vectors._Index:
    """An index where many people say the same few texts, as a firm's network does."""
    rng = np.random.default_rng(seed)
    width = len(vectors.KINDS)
    unit = rng.standard_normal((texts, 4)).astype(np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    sizes = rng.integers(1, 5, people)
    row_people = np.repeat(np.arange(1, people + 1), sizes)
    codes = rng.integers(0, texts, len(row_people)) * width + rng.integers(0, width, len(row_people))
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    digests = [f"t{n}" for n in range(texts)]
    return vectors._Index(
        1, row_people[starts], starts, codes, unit, texts, {d: n for n, d in enumerate(digests)}, digests
    )


def test_each_text_and_kinds_holders_are_listed_once_by_code():
    index = _repeating_index()
    holders = vectors._Holders.of(index)
    width = len(vectors.KINDS)
    expected: dict[int, set[int]] = {}
    for group, start in enumerate(index.starts.tolist()):
        end = index.starts[group + 1] if group + 1 < len(index.starts) else len(index.codes)
        for code in index.codes[start:end].tolist():
            expected.setdefault(code, set()).add(group)
    assert holders.codes.tolist() == sorted(expected)
    for n, code in enumerate(holders.codes.tolist()):
        held = holders.groups[holders.bounds[n] : holders.bounds[n + 1]].tolist()
        assert sorted(held) == sorted(expected[code]) and len(held) == len(set(held))  # a group once a code
    assert len(holders.codes) <= 6 * width


def test_a_big_indexs_holders_are_made_in_a_thread_and_the_searches_meanwhile_list_the_same(monkeypatch):
    # The first search after a write would wait ~60 ms at 100,000 people for them: it takes every
    # person's best instead, and a thread makes them for the next.
    index = _repeating_index()
    monkeypatch.setattr(vectors, "_index", lambda owner_id: index)
    monkeypatch.setattr(vectors, "HOLDERS_AHEAD_FROM", 1)
    made = threading.Event()
    real = vectors._Holders.of.__func__

    def held_back(cls, index):
        made.wait(5)
        return real(cls, index)

    monkeypatch.setattr(vectors._Holders, "of", classmethod(held_back))
    weights = [0.0, 0.0, 0.75, 0.8, 0.8, 0.0, 0.0]
    query = index.vectors[0]
    meanwhile, similarity = vectors.nearest(1, query, 10, weights, {3})
    assert index.holders is None and vectors._holders_made.busy()
    # The scoring's bounds meanwhile: a person's group is found without waiting for the thread.
    assert similarity.best_pieces([meanwhile[0][0]])[meanwhile[0][0]][0] == pytest.approx(meanwhile[0][1])
    assert vectors._holders_made.busy()
    made.set()
    vectors._holders_made.wait(5)
    assert index.holders is not None
    assert vectors.nearest(1, query, 10, weights, {3})[0] == meanwhile
    assert len(meanwhile) == 10 and 3 not in [p for p, _ in meanwhile]


@pytest.fixture
def three_networks(alice, bob, charlie, now):
    """Three owners with a few people each, every index kept as at 100,000 people."""
    for owner, titles in (
        (alice, ("Treasurer", "Baker")),
        (bob, ("Astronomer", "Pilot")),
        (charlie, ("Chef", "Banker")),
    ):
        for n, title in enumerate(titles):
            add_person(owner, PersonFields(name=f"{owner.username} {n}", title=title))
    return alice, bob, charlie


def kept_owners() -> set[int]:
    return {owner for _, owner in vectors._cache}


def test_the_budget_lets_the_least_recently_searched_network_go_and_its_answer_stays_the_same(
    three_networks, kept, monkeypatch
):
    alice, bob, charlie = three_networks
    first = nearest(alice, "finance")
    nearest(bob, "flying")
    monkeypatch.setattr(vectors, "BUDGET", 10**9)
    assert kept_owners() == {alice.pk, bob.pk}
    nearest(alice, "finance")  # alice is now the most recently searched
    sizes = {key[1]: index.nbytes for key, index in vectors._cache.items()}
    monkeypatch.setattr(vectors, "BUDGET", sizes[alice.pk] + sizes[bob.pk])  # room for about two
    nearest(charlie, "cooking")
    assert kept_owners() == {alice.pk, charlie.pk}  # bob, searched least recently, let go
    assert nearest(bob, "flying")[0][0] in set(Person.objects.filter(owner=bob).values_list("pk", flat=True))
    assert bob.pk in kept_owners() and alice.pk not in kept_owners()
    again = nearest(alice, "finance")  # read again from the database: the same answer
    assert [p for p, _ in again] == [p for p, _ in first]
    assert np.allclose([s for _, s in again], [s for _, s in first], atol=1e-6)


def test_the_network_in_use_is_kept_however_small_the_budget(three_networks, kept, monkeypatch):
    alice, bob, _ = three_networks
    monkeypatch.setattr(vectors, "BUDGET", 0)
    nearest(alice, "finance")
    assert kept_owners() == {alice.pk}
    nearest(bob, "flying")
    assert kept_owners() == {bob.pk}
    add_entry(bob, Person.objects.filter(owner=bob).first(), "need", "a hangar near the coast")
    nearest(bob, "aircraft storage")  # brought up to date, not let go
    assert kept_owners() == {bob.pk}


def test_the_budget_comes_from_the_environment_in_megabytes(monkeypatch):
    from goodwill import config

    monkeypatch.delenv(config.ENV_VECTOR_MEMORY, raising=False)
    assert config.vector_memory_bytes() == 256 * 2**20
    monkeypatch.setenv(config.ENV_VECTOR_MEMORY, "64")
    assert config.vector_memory_bytes() == 64 * 2**20
    assert vectors._budget() == 64 * 2**20
    monkeypatch.setenv(config.ENV_VECTOR_MEMORY, "lots")
    with pytest.raises(ValueError, match="GOODWILL_VECTOR_MEMORY_MB must be a whole number of megabytes"):
        config.vector_memory_bytes()
    assert vectors._budget() == 256 * 2**20  # a one-off command keeps the default; `serve` refuses it


def test_serve_refuses_a_budget_that_is_not_megabytes(monkeypatch):
    from typer.testing import CliRunner

    from goodwill.cli.main import app

    monkeypatch.setenv("GOODWILL_VECTOR_MEMORY_MB", "1.5GB")
    result = CliRunner().invoke(app, ["serve", "--port", "8999"])
    assert result.exit_code == 2
    assert "GOODWILL_VECTOR_MEMORY_MB must be a whole number of megabytes" in result.output
    assert "Traceback" not in result.output


@given(st.lists(st.integers(min_value=1, max_value=2**40), unique=True, max_size=60), st.integers(-5, 2**41))
def test_a_persons_group_is_found_however_their_ids_are_spread(people, probe):
    groups = vectors._Groups(np.asarray(people, dtype=np.int64))
    for group, person in enumerate(people):
        assert groups.get(person) == group
    if probe not in people:
        assert groups.get(probe) is None


def test_people_numbered_in_a_run_take_a_table_and_spread_ones_a_dict():
    run = vectors._Groups(np.arange(1_000, 101_000, dtype=np.int32))
    assert run.table is not None and run.nbytes == 400_000
    spread = vectors._Groups(np.arange(0, 10**7, 1_000, dtype=np.int64))
    assert spread.table is None and spread.get(5_000) == 5


def test_small_networks_count_against_the_budget_and_go_first(three_networks, monkeypatch):
    alice, bob, charlie = three_networks
    vectors.forget()
    monkeypatch.setattr(vectors, "CACHE_FROM", 10**6)  # every one small
    monkeypatch.setattr(vectors, "BUDGET", 10**9)
    for _ in range(2):  # the second time round, every one is current (the first wrote vectors)
        for owner, text in ((alice, "finance"), (bob, "flying"), (charlie, "cooking")):
            nearest(owner, text)
    assert {key[1] for key in vectors._small} == {alice.pk, bob.pk, charlie.pk}
    monkeypatch.setattr(vectors, "BUDGET", 0)
    answer = nearest(bob, "flying")  # still current: kept, and now the only one
    assert {key[1] for key in vectors._small} == {alice.pk, bob.pk, charlie.pk}  # a hit trims nothing
    add_entry(bob, Person.objects.filter(owner=bob).first(), "interest", "gliders")
    assert nearest(bob, "flying")[0][0] in {pid for pid, _ in answer} | {Person.objects.filter(owner=bob).first().pk}
    assert {key[1] for key in vectors._small} == {bob.pk}
    vectors.forget()


def test_a_whole_read_counted_short_makes_room_for_every_text(alice, now, kept, monkeypatch):
    """Counted, then read: a text committed in between (PostgreSQL, a late commit) still gets its slot."""
    for n, title in enumerate(("Treasurer", "Baker", "Astronomer", "Pilot")):
        add_person(alice, PersonFields(name=f"Person {n}", title=title))
    expected = fresh(alice, "flying", limit=4)
    monkeypatch.setattr(vectors, "_count_texts", lambda owner_id, upto: 1)
    found = fresh(alice, "flying", limit=4)
    index = vectors._index(alice.pk)
    assert (
        index.size == len(index.digests) == FieldVector.objects.filter(owner=alice).values("digest").distinct().count()
    )
    assert [p for p, _ in found] == [p for p, _ in expected]
    assert np.allclose([s for _, s in found], [s for _, s in expected], atol=1e-6)


def test_a_whole_read_makes_room_for_its_texts_before_it_reads(three_networks, kept, monkeypatch):
    alice, bob, charlie = three_networks
    for owner, text in ((alice, "finance"), (bob, "flying")):
        nearest(owner, text)
    biggest = max(index.nbytes for index in vectors._cache.values())
    monkeypatch.setattr(vectors, "BUDGET", biggest * 3 // 2)  # room for one
    held_during_read = []
    real = vectors._grow
    monkeypatch.setattr(vectors, "_grow", lambda *a: held_during_read.append(kept_owners()) or real(*a))
    nearest(charlie, "cooking")  # read for the first time: its texts counted, the others let go first
    assert held_during_read == [set()] and kept_owners() == {charlie.pk}


def test_rows_committed_below_the_highest_id_are_found_by_the_read_in_the_background(
    transactional_db, alice, now, kept, monkeypatch
):
    """PostgreSQL: a transaction that took its ids before a quicker one committed lands below the
    highest id a catch-up has read past. The index kept is read whole again after REREAD_AFTER,
    in a thread of its own, and the rows are found. (On SQLite, pretended: it has one writer.)"""
    from goodwill.search import documents

    monkeypatch.setattr(vectors, "_late_commits_possible", lambda: True)
    gap = add_person(alice, PersonFields(name="Gap Holder", title="Archivist"))
    add_entry(alice, gap, "need", "a cellist for a wedding quartet")
    search.ensure_current(alice)
    freed = list(FieldVector.objects.filter(person=gap).order_by("pk").values_list("pk", flat=True))
    FieldVector.objects.filter(person=gap).delete()  # ids below those written next: room for a late commit
    add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    query = encode_one("looking for a cellist to play at our wedding")
    search.ensure_current(alice)
    assert gap.pk not in [p for p, _ in vectors.nearest(alice.pk, query, 5, WEIGHTS)[0]]
    # The late commit: the rows go in under the ids freed above, all below the highest one.
    late = Person.objects.create(owner=alice, name="Late Cellist", created_at=now, updated_at=now)
    fields = {late.pk: [f for f in documents.fields_for([gap.pk])[gap.pk]]}
    vectors.write(alice.pk, fields)
    written = list(FieldVector.objects.filter(person=late).order_by("pk"))
    FieldVector.objects.filter(person=late).delete()
    for row, pk in zip(written, freed, strict=True):
        row.pk = pk
        row.save(force_insert=True)
    assert max(freed) < vectors.marker()
    assert late.pk not in [p for p, _ in vectors.nearest(alice.pk, query, 5, WEIGHTS)[0]]  # caught up past it
    monkeypatch.setattr(vectors, "REREAD_AFTER", 0.0)
    vectors.nearest(alice.pk, query, 5, WEIGHTS)  # answers from the index kept, and starts the read
    vectors.wait_for_rereads(timeout=30)
    assert not vectors._rereads.busy()
    # Back to ten minutes before asking again: at 0 the next search would start another read,
    # still at work when the test's database is emptied (SQLite: "database table is locked").
    monkeypatch.setattr(vectors, "REREAD_AFTER", 600.0)
    assert late.pk in [p for p, _ in vectors.nearest(alice.pk, query, 5, WEIGHTS)[0]]
    index = vectors._index(alice.pk)
    assert index is vectors._index(alice.pk)  # read whole just now: kept, no second read


def test_a_read_in_the_background_that_fails_leaves_the_kept_index_answering_and_waits_to_try_again(
    transactional_db, alice, now, kept, monkeypatch
):
    monkeypatch.setattr(vectors, "_late_commits_possible", lambda: True)
    add_person(alice, PersonFields(name="Omar Haddad", title="Baker"))
    query = encode_one("a bakery owner")
    search.ensure_current(alice)
    answer = vectors.nearest(alice.pk, query, 3, WEIGHTS)[0]
    calls = []

    def broken(*args):
        calls.append(args)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(vectors, "_grow", broken)
    (kept_index,) = vectors._cache.values()
    kept_index.read_at -= 1_000  # read whole more than REREAD_AFTER (600 s) ago
    assert vectors.nearest(alice.pk, query, 3, WEIGHTS)[0] == answer  # the kept index answers
    vectors.wait_for_rereads(timeout=30)
    assert len(calls) == 1 and not vectors._rereads.busy()
    assert vectors.nearest(alice.pk, query, 3, WEIGHTS)[0] == answer  # failed just now: not tried at once
    vectors.wait_for_rereads(timeout=30)
    assert len(calls) == 1
