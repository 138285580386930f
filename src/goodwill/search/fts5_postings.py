"""SQLite's postings, read from FTS5's own index: the same weighted sums as PostgreSQL's.

FTS5's bm25 scores every document that matches before it can cut the first page: at 100,000
people an introduction's need matches ~20,000 documents by its common words, and ranking
them was most of a Person page (docs/performance.md, "SQLite's postings from FTS5's own
index"). FTS5 shows its index through fts5vocab: with an `instance` table, each occurrence of
a term as (document, column, offset), in document order. A lexeme's postings are read from
there, each weighted as PostgreSQL weighs a lexeme of a document (goodwill_term_rank,
migration 0020: its positions' column classes in order, needs A, interests B, offers and role
C, notes D), and kept in the process on big networks as PostgreSQL's are
(goodwill.search.postings), so both engines rank an item's candidates by the same sums.

Lexemes are FTS5's own: a query's words and a written person's document are tokenized by a
scratch FTS5 table in the connection's temp schema with the main index's tokenizer (a test
holds the two the same); nothing is stemmed twice by different rules. A small network's lists
are read at its first search and kept while its vector index stands still.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence
from contextlib import contextmanager

import numpy as np
from django.db import connection

from goodwill.search.postings import Lists

# The main index's tokenizer (migration 0003): the scratch table must split and stem alike.
TOKENIZE = "porter unicode61 remove_diacritics 2"
COLUMNS = ("needs", "interests", "offers", "role", "notes")  # the index's, in its order
# Each column's weight class as PostgreSQL's tsvector gives it (A 1.0, B 0.4, C 0.2, D 0.1).
CLASS_WEIGHT = {"needs": 1.0, "interests": 0.4, "offers": 0.2, "role": 0.2, "notes": 0.1}
ZETA_2 = 1.64493406685  # ts_rank's divisor: the sum of 1/(j+1)² a lexeme's positions can reach
KEEP_FROM = 5_000  # documents: below this, a lexeme's occurrences are read at every search
_lock = threading.Lock()

# The scratch table and its view, made on each connection as it first needs them (FTS5's
# own index has its view in the main schema: goodwill_search_words, migration 0026).
SCRATCH = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.goodwill_scratch_fts USING fts5({', '.join(COLUMNS)}, tokenize='{TOKENIZE}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.goodwill_scratch_words USING fts5vocab(temp, goodwill_scratch_fts, instance)",
)


@contextmanager
def _scratch(cursor):
    """The scratch table, empty before and after (whatever went wrong in between)."""
    for statement in SCRATCH:  # a no-op once there (a rolled-back transaction may take them away)
        cursor.execute(statement)
    try:
        yield
    finally:
        cursor.execute("DELETE FROM temp.goodwill_scratch_fts")


def term_ranks(
    docs: np.ndarray, weights: np.ndarray, breaks: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(documents, each one's rank for the lexeme, where each begins) from its occurrences in
    position order, grouped by document (`weights`: each occurrence's column class; `breaks`:
    where another lexeme's occurrences begin, when several come one after another). ts_rank's
    value for one query item (tsrank.c's calc_rank_or): the weights summed, the j-th divided
    by (j + 1)², except that the heaviest counts whole wherever it stands; over ZETA_2."""
    if not len(docs):
        return np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64)
    change = docs[1:] != docs[:-1]
    if breaks is not None:
        change |= breaks[1:]
    starts = np.flatnonzero(np.r_[True, change])
    counts = np.diff(np.r_[starts, len(docs)])
    j = np.arange(len(docs)) - np.repeat(starts, counts)  # each occurrence's place in its document
    resj = np.add.reduceat(weights / (j + 1.0) ** 2, starts)
    heaviest = np.maximum.reduceat(weights, starts)
    first = np.where(weights == np.repeat(heaviest, counts), j, len(docs))
    jm = np.minimum.reduceat(first, starts)
    return docs[starts].astype(np.int64), (heaviest + resj - heaviest / (jm + 1.0) ** 2) / ZETA_2, starts


def _numbers(text: str | None) -> np.ndarray:
    """A group_concat of integers, parsed in C: a common lexeme has ~100,000 occurrences, and a
    row each through the driver cost five times the reading (docs/performance.md)."""
    return np.zeros(0, dtype=np.int64) if not text else np.fromstring(text, dtype=np.int64, sep=",")


# Each occurrence as one number: its document (or person) times 8 plus its column's place in
# COLUMNS, so a lexeme's occurrences come as one group_concat. A lexeme's rank in a document
# depends only on the class weights of its positions in order, and positions run column by
# column: its columns say it all, and the offsets are not read (reading and ordering them was
# half the cost of a common lexeme's list: docs/performance.md, "A first sight without offsets").
COLUMN_BITS = 3
COLUMN = "(CASE w.col " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(COLUMNS)) + " END)"
CLASS_WEIGHTS = np.array([CLASS_WEIGHT[c] for c in COLUMNS])


# Every document of an owner and its person, from searchdoc_owner_person alone (migration 0026).
DOCUMENTS = "SELECT group_concat(id), group_concat(person_id) FROM goodwill_searchdocument WHERE owner_id = %s"
OWNERS_KEPT = 4  # owners whose documents' people are kept (a laptop has one)
# (database, owner) -> (the marker they were read at, documents sorted, each one's person)
_owners: OrderedDict[tuple[str, int], tuple[int, np.ndarray, np.ndarray]] = OrderedDict()


def _documents(cursor, owner_id: int, top: int) -> tuple[np.ndarray, np.ndarray]:
    """(documents, their people) of the owner on a big network, sorted by document; kept while
    the marker its lists are kept at (`top`, goodwill.search.vectors.marker) stands still, as a
    document with any words is written with its vectors: 100,000 documents take ~30 ms to read."""
    key = (str(connection.settings_dict.get("NAME")), owner_id)
    with _lock:
        kept = _owners.get(key)
        if kept is not None and kept[0] == top:
            _owners.move_to_end(key)
            return kept[1], kept[2]
    cursor.execute(DOCUMENTS, [owner_id])
    documents, people = (_numbers(text) for text in cursor.fetchone())
    order = np.argsort(documents)
    documents, people = documents[order], people[order]
    with _lock:
        _owners[key] = (top, documents, people)
        _owners.move_to_end(key)
        while len(_owners) > OWNERS_KEPT:
            _owners.popitem(last=False)
    return documents, people


RANKED_AT_ONCE = 200_000  # occurrences worked out in one pass: ~100 bytes of temporaries each


def _ranked(
    found: dict[str, tuple[np.ndarray, np.ndarray]], owners: tuple[np.ndarray, np.ndarray] | None = None
) -> Lists:
    """{lexeme: (ids, ranks)} from each lexeme's occurrences (documents, columns), all in one
    pass (a query has a dozen lexemes, and numpy's cost a call would be most of a small
    network's ranking), or a few lexemes a pass when they hold more than RANKED_AT_ONCE
    occurrences (ten common words' passes took 110 MB at once); with `owners` (documents
    sorted, their people), each document is named by its person, and documents not there are
    left out."""
    if sum(len(docs) for docs, _ in found.values()) > RANKED_AT_ONCE:
        ranked: Lists = {}
        group: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for lexeme, occurrences in found.items():
            if group and sum(len(docs) for docs, _ in group.values()) + len(occurrences[0]) > RANKED_AT_ONCE:
                ranked |= _ranked_together(group, owners)
                group = {}
            group[lexeme] = occurrences
        return ranked | _ranked_together(group, owners)
    return _ranked_together(found, owners)


def _ranked_together(
    found: dict[str, tuple[np.ndarray, np.ndarray]], owners: tuple[np.ndarray, np.ndarray] | None
) -> Lists:
    lexemes = list(found)
    docs = np.concatenate([found[w][0] for w in lexemes]) if lexemes else np.zeros(0, dtype=np.int64)
    columns = np.concatenate([found[w][1] for w in lexemes]) if lexemes else np.zeros(0, dtype=np.int64)
    which = np.repeat(np.arange(len(lexemes)), [len(found[w][0]) for w in lexemes])
    same = which[1:] == which[:-1]
    later = ~same | (docs[1:] > docs[:-1]) | (docs[1:] == docs[:-1]) & (columns[1:] >= columns[:-1])
    if not later.all():  # FTS5 walks a term's doclist by document, then position: sorted only if not
        order = np.lexsort((columns, docs, which))
        docs, columns, which = docs[order], columns[order], which[order]
    ids = docs
    if owners is not None:
        documents, people = owners
        at = np.minimum(np.searchsorted(documents, docs), max(len(documents) - 1, 0))
        mine = documents[at] == docs if len(documents) else np.zeros(len(docs), dtype=bool)
        ids, columns, which = people[at[mine]], columns[mine], which[mine]
    breaks = np.r_[True, which[1:] != which[:-1]]
    ids, ranks, starts = term_ranks(ids, CLASS_WEIGHTS[columns], breaks)
    bounds = np.searchsorted(which[starts], np.arange(len(lexemes) + 1))
    return {w: (ids[bounds[n] : bounds[n + 1]], ranks[bounds[n] : bounds[n + 1]]) for n, w in enumerate(lexemes)}


def _occurrences(
    cursor, words: str, within: str, lexemes: Sequence[str], owner_id: int | None = None
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{lexeme: (documents, columns)} of its occurrences in `words` (an fts5vocab instance
    table, as `w`), in one statement: a select of one group_concat a lexeme, joined by UNION
    ALL (a GROUP BY would sort every occurrence first).
    With `owner_id`, each document is looked up in the table and named by its person, the
    owner's alone: cheap on a small network, where nothing is kept to name them."""
    params: list[str | int]
    if owner_id is None:
        one = f"SELECT %s, group_concat((w.doc << {COLUMN_BITS}) | {COLUMN}) FROM {words} w WHERE w.term = %s{within}"
        params = [v for lexeme in lexemes for v in (lexeme, lexeme)]
    else:
        one = (
            f"SELECT %s, group_concat((d.person_id << {COLUMN_BITS}) | {COLUMN}) FROM {words} w "
            f"CROSS JOIN goodwill_searchdocument d ON d.id = w.doc WHERE w.term = %s AND d.owner_id = %s{within}"
        )
        params = [v for lexeme in lexemes for v in (lexeme, lexeme, owner_id)]
    cursor.execute(" UNION ALL ".join([one] * len(lexemes)), params)
    found = {}
    for lexeme, occurrences in cursor.fetchall():
        numbers = _numbers(occurrences)
        found[lexeme] = (numbers >> COLUMN_BITS, (numbers & (2**COLUMN_BITS - 1)).astype(np.uint8))
    return found


# PostgreSQL's english configuration drops these words before it stems (its english.stop, from
# Snowball), so its sums never count them; FTS5's index holds them, and theirs are its longest
# lists ("the", "a": 85-95 % of documents at 100,000 people), read for a phrase such as "series
# a" and weighing next to nothing. SQLite's sums leave them out too (`counted`).
STOP_WORDS = frozenset(
    """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it
its itself they them their theirs themselves what which who whom this that these those am is are was were be been
being have has had having do does did doing a an the and but if or because as until while of at by for with about
against between into through during before after above below to from up down in out on off over under again further
then once here there when where why how all any both each few more most other some such no nor not only own same so
than too very s t can will just don should now
""".split()
)


# FTS5's counts of documents by term and column: a view of the index that stores nothing, made
# in the temp schema as the scratch table is.
COUNTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.goodwill_scratch_counts USING fts5vocab(main, goodwill_search_fts, col)"
)
_stops: set[str] = set()  # the stop words' lexemes, as the index's tokenizer makes them


def _stop_lexemes(cursor) -> set[str]:
    if not _stops:
        stems = {w for said in lexemes_of(cursor, sorted(STOP_WORDS)) for w in said}
        with _lock:
            _stops.update(stems)
    return _stops


def counted(phrase: str, lexemes: tuple[str, ...]) -> tuple[str, ...]:
    """The lexemes of a phrase (its words, as `_phrases` cleans them: letters and digits, one
    space between) that a ranking's sums count: those of its words that are not stop words."""
    words = phrase.split()
    if len(words) != len(lexemes):  # not one lexeme a word: nothing to tell them apart by
        return lexemes
    return tuple(lexeme for word, lexeme in zip(words, lexemes) if word not in STOP_WORDS)


_stems: dict[str, tuple[str, ...]] = {}  # a phrase -> its lexemes in order, as FTS5 makes them
STEMS_KEPT = 20_000


def lexemes_of(cursor, phrases: Sequence[str]) -> list[tuple[str, ...]]:
    """Each phrase's lexemes in order, as the index's tokenizer makes them (none for
    punctuation alone). Phrases seen before are remembered."""
    with _lock:
        known = {p: _stems[p] for p in phrases if p in _stems}
    unknown = list(dict.fromkeys(p for p in phrases if p not in known))
    if unknown:
        words: dict[int, list[str]] = {}
        with _scratch(cursor):
            cursor.executemany(
                "INSERT INTO temp.goodwill_scratch_fts(rowid, needs) VALUES (%s, %s)",
                [(n + 1, phrase) for n, phrase in enumerate(unknown)],
            )
            cursor.execute("SELECT doc, term FROM temp.goodwill_scratch_words ORDER BY doc, offset")
            for doc, term in cursor.fetchall():
                words.setdefault(doc, []).append(term)
        with _lock:
            if len(_stems) > STEMS_KEPT:
                _stems.clear()
            for n, phrase in enumerate(unknown):
                known[phrase] = _stems[phrase] = tuple(words.get(n + 1, ()))
    return [known[p] for p in phrases]


def marks(values: Collection) -> str:
    """One placeholder a value, for an IN (…) list."""
    return ", ".join(["%s"] * len(values))


SMALL_KEPT = 4_096  # a small network's lists kept, at most
_small: OrderedDict[tuple[str, int], tuple[tuple, dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]]] = OrderedDict()


def _small_network_lists(owner_id: int) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """A small network's lists, {(source, lexeme): pair}, kept while its vector index says
    nothing changed (goodwill.search.vectors.version: every write of a document rewrites its
    person's vectors, a deletion or someone's words all gone leaves fewer). Reading them costs
    ~35 µs a lexeme even there (fts5vocab), as much as bm25 over every match, and nothing is
    patched on a small network: any change reads them again."""
    from goodwill.search import vectors

    stamp = vectors.version(owner_id)  # the index a ranking checks anyway: within settled(), no statement
    key = (str(connection.settings_dict.get("NAME")), owner_id)
    with _lock:
        kept = _small.get(key)
        if kept is None or kept[0] != stamp:
            kept = _small[key] = (stamp, {})
        _small.move_to_end(key)
        while len(_small) > OWNERS_KEPT:
            _small.popitem(last=False)
        if len(kept[1]) > SMALL_KEPT:
            kept[1].clear()
    return kept[1]


class FTS5Postings:
    """A Source (goodwill.search.postings) of postings within some columns (None: all)."""

    def __init__(self, columns: frozenset[str] | None):
        self.name = "fts5:" + ("*" if columns is None else ",".join(sorted(columns)))
        self.within = "" if columns is None else f" AND w.col IN ({', '.join(repr(c) for c in sorted(columns))})"

    @property
    def keep_from(self) -> int:
        return KEEP_FROM

    def read(self, cursor, owner_id: int, lexemes: Sequence[str], top: int | None) -> Lists:
        """FTS5's documents, by rowid, named by their people."""
        if top is None:  # a small network: named by their people in SQL, kept until its documents change
            kept = _small_network_lists(owner_id)
            with _lock:
                found = {w: kept[(self.name, w)] for w in lexemes if (self.name, w) in kept}
            missing = [w for w in lexemes if w not in found]
            if missing:
                found |= _ranked(_occurrences(cursor, "goodwill_search_words", self.within, missing, owner_id))
                with _lock:
                    kept.update({(self.name, w): found[w] for w in missing})
            return found
        owners = _documents(cursor, owner_id, top)  # the owner's alone
        return _ranked(_occurrences(cursor, "goodwill_search_words", self.within, lexemes), owners)

    def commonest(self, cursor, owner_id: int, at_least: int) -> list[tuple[str, int]]:
        """From FTS5's own counts of documents by term and column, over every owner in the file
        (a laptop's has one: what to read ahead is all this is for), stop words left out (they
        are never summed). One pass over the whole index: ~0.25 s at 100,000 people."""
        stop = _stop_lexemes(cursor)
        cursor.execute(COUNTS)
        cursor.execute(
            f"SELECT w.term, sum(w.doc) FROM temp.goodwill_scratch_counts w WHERE 1 = 1{self.within} "
            "GROUP BY w.term HAVING sum(w.doc) >= %s ORDER BY sum(w.doc) DESC, w.term",
            [at_least],
        )
        return [(term, documents) for term, documents in cursor.fetchall() if term not in stop]

    def patch(self, cursor, owner_id: int, lexemes: Sequence[str], people: np.ndarray) -> Lists:
        """Their documents tokenized again in the scratch table, each row by its person's id:
        FTS5's index cannot be read by document, and a common lexeme's occurrences are a
        hundred thousand rows."""
        ids = people.tolist()
        with _scratch(cursor):
            cursor.execute(
                f"INSERT INTO temp.goodwill_scratch_fts(rowid, {', '.join(COLUMNS)}) "
                f"SELECT person_id, {', '.join(COLUMNS)} FROM goodwill_searchdocument "
                f"WHERE owner_id = %s AND person_id IN ({marks(ids)})",
                [owner_id, *ids],
            )
            found = _occurrences(cursor, "temp.goodwill_scratch_words", self.within, lexemes)
        return _ranked(found)


def forget() -> None:
    """Drop the documents' people and the phrases' lexemes kept (tests; a restore)."""
    with _lock:
        _owners.clear()
        _small.clear()
        _stems.clear()
