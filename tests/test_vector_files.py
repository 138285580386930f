"""A network's vector index kept in a file: mapped by the next process when it is current,
never when it is not, and a damaged file is only a slower start."""

import threading

import numpy as np
import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill import search
from goodwill.habits.meaning import encode_one
from goodwill.habits.meaning.score import KIND_WEIGHTS
from goodwill.models import Person
from goodwill.search import vector_files, vectors
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

WEIGHTS = [KIND_WEIGHTS[k] for k in vectors.KINDS]


# --- the file format -------------------------------------------------------------------------

arrays_strategy = st.dictionaries(
    st.sampled_from(["people", "starts", "codes", "vectors", "empty"]),
    st.tuples(st.sampled_from(["<i4", "<i8", "<f4", "|i1"]), st.lists(st.integers(-100, 100), max_size=40)),
    max_size=5,
)


def as_arrays(drawn):
    arrays = {key: np.array(values, dtype=dtype) for key, (dtype, values) in drawn.items()}
    if "vectors" in arrays and len(arrays["vectors"]) % 2 == 0:  # a matrix, as the texts' vectors are
        arrays["vectors"] = arrays["vectors"].reshape(-1, 2)
    return arrays


@settings(max_examples=60, deadline=None)
@given(drawn=arrays_strategy, digests=st.lists(st.text(max_size=12), max_size=20), top=st.integers(0, 2**40))
def test_what_is_written_is_read_back_the_same(tmp_path_factory, drawn, digests, top):
    where = tmp_path_factory.mktemp("files")
    arrays = as_arrays(drawn)
    assert vector_files.write(where, "net", {"top": top}, arrays, digests)
    meta, found, texts = vector_files.read(where, "net")
    assert meta == {"top": top} and texts == digests
    assert set(found) == set(arrays)
    for key, value in arrays.items():
        assert found[key].dtype == value.dtype and np.array_equal(found[key], value)


@settings(max_examples=60, deadline=None)
@given(drawn=arrays_strategy, cut=st.integers(0, 10_000), flip=st.integers(0, 10_000))
def test_a_cut_off_or_damaged_file_is_no_file_never_an_error(tmp_path_factory, drawn, cut, flip):
    where = tmp_path_factory.mktemp("files")
    arrays = as_arrays(drawn)
    vector_files.write(where, "net", {"top": 1}, arrays, ["a", "b"])
    path = where / f"net{vector_files.SUFFIX}"
    whole = path.read_bytes()
    path.write_bytes(whole[: cut % (len(whole) + 1)])
    found = vector_files.read(where, "net")
    if found is not None:  # only the zeros after the last array were cut: every array is whole
        assert all(np.array_equal(found[1][k], v) for k, v in arrays.items())
    damaged = bytearray(whole)
    damaged[flip % len(damaged)] ^= 0xFF
    path.write_bytes(bytes(damaged))
    vector_files.read(where, "net")  # anything but an exception


def test_a_file_of_another_format_or_of_python_objects_is_not_read(tmp_path):
    vector_files.write(tmp_path, "net", {}, {"codes": np.arange(3)}, [])
    path = tmp_path / f"net{vector_files.SUFFIX}"
    text = path.read_bytes()
    path.write_bytes(text.replace(b'"format":1', b'"format":9'))
    assert vector_files.read(tmp_path, "net") is None
    path.write_bytes(text.replace(b'"dtype":"<i8"', b'"dtype":"|O8"'))
    assert vector_files.read(tmp_path, "net") is None
    assert vector_files.read(tmp_path, "nothing-here") is None


def test_files_are_kept_unless_the_environment_says_no(monkeypatch):
    monkeypatch.setattr(vector_files, "ENABLED", None)
    monkeypatch.setattr(vector_files, "FOLDER", None)
    for value in ("0", "no", "off", "false"):
        monkeypatch.setenv("GOODWILL_VECTOR_FILES", value)
        assert vector_files.folder() is None
    monkeypatch.setenv("GOODWILL_VECTOR_FILES", "")
    assert vector_files.folder().parts[-2:] == ("cache", "vectors")


# --- the index from its file ----------------------------------------------------------------


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Files on, in a folder of the test's own; every index kept in memory, however small."""
    monkeypatch.setattr(vector_files, "ENABLED", True)
    monkeypatch.setattr(vector_files, "FOLDER", tmp_path)
    monkeypatch.setattr(vectors, "CACHE_FROM", 0)
    if vectors._database_identity() is None:  # the tests' SQLite lives in memory: named as a file would be
        monkeypatch.setattr(vectors, "_database_identity", lambda: ["sqlite", "tests' database in memory", 0, 0])
    vectors.forget()
    yield tmp_path
    vectors.forget()


def network(owner):
    omar = add_person(owner, PersonFields(name="Omar Haddad", title="Baker"))
    jane = add_person(owner, PersonFields(name="Jane Doe", title="Treasurer"))
    add_entry(owner, jane, "need", "a good bread oven for her new bakery")
    add_entry(owner, omar, "offer", "introductions to angel investors")
    search.ensure_current(owner)
    return omar, jane


def nearest(owner, text):
    return vectors.nearest(owner.pk, encode_one(text), 5, WEIGHTS)[0]


def reads_from_database(monkeypatch):
    reads = []
    real = vectors._read_from_database
    monkeypatch.setattr(vectors, "_read_from_database", lambda *a: reads.append(a[0]) or real(*a))
    return reads


def kept_files(folder):
    return sorted(p.name for p in folder.glob(f"*{vector_files.SUFFIX}"))


def test_the_next_process_maps_the_file_and_ranks_the_same(transactional_db, alice, now, files, monkeypatch):
    network(alice)
    read = nearest(alice, "industrial ovens for bakeries")
    assert len(kept_files(files)) == 1
    vectors.forget()  # a new process: nothing in memory
    reads = reads_from_database(monkeypatch)
    mapped = nearest(alice, "industrial ovens for bakeries")
    assert reads == []
    assert [p for p, _ in mapped] == [p for p, _ in read]
    assert np.allclose([s for _, s in mapped], [s for _, s in read])
    index = vectors._index(alice.pk)
    assert not index.codes.flags.owndata and index.holders is not None  # the file's pages, holders made


def test_a_file_behind_the_database_is_read_again_and_replaced(transactional_db, alice, now, files, monkeypatch):
    omar, jane = network(alice)
    nearest(alice, "bakeries")
    vectors.forget()
    add_entry(alice, omar, "need", "a cellist for a wedding quartet")
    search.ensure_current(alice)
    reads = reads_from_database(monkeypatch)
    assert nearest(alice, "a string player for our wedding")[0][0] == omar.pk
    assert reads == [alice.pk]
    vectors.forget()
    assert nearest(alice, "a string player for our wedding")[0][0] == omar.pk
    assert reads == [alice.pk]  # the file written by that read is current again
    assert len(kept_files(files)) == 1


def test_a_deletion_alone_makes_the_file_stale(transactional_db, alice, now, files, monkeypatch):
    """A deletion moves no highest id: the count and sum of ids tell."""
    from goodwill.services.deletion import delete_person

    omar, jane = network(alice)
    nearest(alice, "bakeries")
    vectors.forget()
    delete_person(alice, jane)
    reads = reads_from_database(monkeypatch)
    nearest(alice, "bakeries")
    assert reads == [alice.pk]
    assert jane.pk not in {int(p) for p in vectors._index(alice.pk).people}


def test_each_owner_and_database_has_a_file_of_its_own(transactional_db, alice, bob, now, files, monkeypatch):
    network(alice)
    add_entry(bob, add_person(bob, PersonFields(name="Ana Lima", title="Cellist")), "offer", "wedding music")
    search.ensure_current(bob)
    nearest(alice, "bakeries")
    nearest(bob, "bakeries")
    assert len(kept_files(files)) == 2
    vectors.forget()
    bobs = set(Person.objects.filter(owner=bob).values_list("pk", flat=True))
    assert {p for p, _ in nearest(bob, "music for a wedding")} == bobs  # his file, not alice's
    reads = reads_from_database(monkeypatch)
    identity = vectors._database_identity()
    monkeypatch.setattr(vectors, "_database_identity", lambda: [*identity, "another database"])
    vectors.forget()
    nearest(alice, "bakeries")
    assert reads == [alice.pk]  # another database's files are not this one's


def test_nothing_read_inside_a_transaction_is_kept(transactional_db, alice, now, files):
    """On SQLite a rolled-back transaction's ids come back: a file of what it saw could stand
    for other rows later."""
    network(alice)
    with transaction.atomic():
        nearest(alice, "bakeries")
    assert kept_files(files) == []
    nearest(alice, "bakeries")  # kept in memory from the read above: still no file
    vectors.forget()
    nearest(alice, "bakeries")
    assert len(kept_files(files)) == 1


def test_a_damaged_file_costs_a_read_and_is_written_again(transactional_db, alice, now, files, monkeypatch):
    omar, _ = network(alice)
    nearest(alice, "angel investors")
    (path,) = files.glob(f"*{vector_files.SUFFIX}")
    path.write_bytes(path.read_bytes()[:200])
    vectors.forget()
    reads = reads_from_database(monkeypatch)
    assert nearest(alice, "backers of early-stage companies")[0][0] == omar.pk
    assert reads == [alice.pk]
    assert vector_files.read(files, path.name.removesuffix(vector_files.SUFFIX)) is not None


def test_with_files_off_nothing_is_written(transactional_db, alice, now, files, monkeypatch):
    monkeypatch.setattr(vector_files, "ENABLED", False)
    network(alice)
    nearest(alice, "bakeries")
    assert list(files.iterdir()) == []


def test_a_second_process_waits_for_the_first_ones_file_and_maps_it(transactional_db, alice, now, files, monkeypatch):
    """Two workers starting at once: the one that reads holds the network's lock, the other
    waits for it, then maps the file instead of reading the same rows beside it."""
    network(alice)
    nearest(alice, "bakeries")
    (path,) = files.glob(f"*{vector_files.SUFFIX}")
    name = path.name.removesuffix(vector_files.SUFFIX)
    vectors.forget()
    reads = reads_from_database(monkeypatch)
    found = []

    def second_worker():
        from django.db import connection

        try:
            found.append(vectors._read_whole(alice.pk, vectors.marker(), None))
        finally:
            connection.close()

    with vector_files.locked(files, name):  # the first worker, reading
        waiting = threading.Thread(target=second_worker)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive() and found == []
    waiting.join(30)
    assert reads == [] and len(found) == 1 and not found[0].codes.flags.owndata


def test_a_folder_without_file_locks_keeps_files_all_the_same(transactional_db, alice, now, files, monkeypatch):
    """Some network mounts refuse flock: each process reads its own then, and searches go on."""
    import errno
    import fcntl

    def refused(*_):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refused)
    omar, _ = network(alice)
    assert nearest(alice, "backers of early-stage companies")[0][0] == omar.pk
    vectors.forget()
    reads = reads_from_database(monkeypatch)
    assert nearest(alice, "backers of early-stage companies")[0][0] == omar.pk
    assert reads == []


def test_a_folder_that_cannot_be_written_costs_only_the_file(transactional_db, alice, now, files, monkeypatch, caplog):
    blocked = files / "not-a-folder"
    blocked.write_text("a file where the folder would go")
    monkeypatch.setattr(vector_files, "FOLDER", blocked / "vectors")
    omar, _ = network(alice)
    assert nearest(alice, "backers of early-stage companies")[0][0] == omar.pk
    assert "could not keep the vector index" in caplog.text


def test_the_read_again_in_the_background_reads_the_rows_and_writes_the_file_afresh(
    transactional_db, alice, now, files, monkeypatch
):
    """PostgreSQL's ten-minute read (late commits) never maps the file it is there to correct; what
    it reads it writes, so the next process starts from it. (On SQLite, pretended.)"""
    monkeypatch.setattr(vectors, "_late_commits_possible", lambda: True)
    network(alice)
    nearest(alice, "bakeries")
    (path,) = files.glob(f"*{vector_files.SUFFIX}")
    name = path.name.removesuffix(vector_files.SUFFIX)
    written = vector_files.read(files, name)[0]["read_at"]
    reads = reads_from_database(monkeypatch)
    monkeypatch.setattr(vectors, "REREAD_AFTER", 0.0)
    nearest(alice, "bakeries")  # answers from the index kept, and starts the read
    vectors.wait_for_rereads(timeout=30)
    monkeypatch.setattr(vectors, "REREAD_AFTER", 600.0)
    assert reads == [alice.pk]
    assert vector_files.read(files, name)[0]["read_at"] > written


def test_a_small_network_is_read_from_its_rows_with_no_file_or_lock(transactional_db, alice, now, files, monkeypatch):
    """Under CACHE_FROM pieces a read is cheap: no folder, lock file or file is made for it."""
    monkeypatch.setattr(vectors, "CACHE_FROM", 20_000)
    omar, _ = network(alice)
    assert nearest(alice, "backers of early-stage companies")[0][0] == omar.pk
    assert list(files.iterdir()) == []
