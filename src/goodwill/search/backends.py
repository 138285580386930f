"""The two full-text engines, one method each: candidates for a list of OR-ed terms.

Terms reach the engines as words (letters, digits, &), quoted as phrases, and
each engine stems them with the stemmer that built its index (FTS5's porter
tokenizer, PostgreSQL's english configuration). Both rank OR-ed words by the same sum:
each lexeme's ts_rank value in a document (its positions' column classes), weighed by
its rarity (bm25's idf), so whoever shares an item's rare word comes before those who
share its common ones; the postings come from each engine's own index
(goodwill.search.postings), and goodwill.habits.matching ranks the candidates the same
way on both.

A search may be kept to some columns of the documents (`columns`, names from
goodwill.search.documents.COLUMNS; None for all of them): FTS5 knows its columns; PostgreSQL's
tsvector knows columns only by weight class, and keeps a ranking of its own for the one set
asked for, offers and role (class C: whom to introduce someone to).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from django.db import connection

from goodwill.habits.matching import idf
from goodwill.search import fts5_postings, postings, sums, vectors

SAFE = re.compile(r"[^a-z0-9& ]+")


def _phrases(terms: list[str]) -> list[str]:
    result = []
    for term in terms:
        cleaned = " ".join(SAFE.sub(" ", term.lower()).replace("&", " ").split())
        if cleaned:
            result.append(f'"{cleaned}"')
    return list(dict.fromkeys(result))


def _best_sums(
    cursor, source: postings.Source, owner_id: int, single: dict[str, bool], total: int, wanted: int
) -> tuple[postings.Lists, dict[str, float], list[tuple[int, float, bool]]]:
    """(the lists, each lexeme's idf, the `wanted` best by their sums) for the query's lexemes
    (`single`: whether a phrase of that one word asked for it); `total`: the owner's documents."""
    database = str(connection.settings_dict.get("NAME"))
    found = postings.lists(cursor, database, source, owner_id, list(single), total, vectors.marker)
    idfs = {w: idf(total, len(found[w][0])) for w in single if len(found[w][0])}
    return found, idfs, sums.best(found, idfs, single, wanted)


class SQLiteFTS:
    # OR-ed words are ranked by the weighted sums PostgreSQL gives (below): their postings read
    # from FTS5's own index and kept in the process (goodwill.search.fts5_postings), each
    # lexeme weighted by its idf. Only the page is checked against the database: whether its
    # people are active, and whether a match through a phrase's words has the phrase itself
    # (FTS5's MATCH, by rowid); when those crowd the page, the same sums among everyone who
    # matches answer (MATCHING). One phrase of several words is ranked by FTS5's bm25 (it ranks
    # those by how often and where the phrase stands).
    # bm25 column weights: needs, interests, offers, role, notes.
    WEIGHTS = "4.0, 2.5, 1.5, 1.2, 0.6"
    # The index alone first: joining every match to its owner and person costs more
    # than the ranking. One owner per file is the usual case; when other owners' or
    # archived people crowd the first page, the joined query answers instead.
    FAST = f"""
        SELECT rowid, bm25(goodwill_search_fts, {WEIGHTS}) AS score FROM goodwill_search_fts
        WHERE goodwill_search_fts MATCH %s ORDER BY score LIMIT %s
    """
    MATCHING = """
        SELECT d.person_id FROM goodwill_search_fts
        JOIN goodwill_searchdocument d ON d.id = goodwill_search_fts.rowid
        JOIN goodwill_person p ON p.id = d.person_id
        WHERE goodwill_search_fts MATCH %s AND d.owner_id = %s AND p.archived_at IS NULL
    """
    SQL = f"""
        SELECT d.person_id, bm25(goodwill_search_fts, {WEIGHTS}) AS score
        FROM goodwill_search_fts
        JOIN goodwill_searchdocument d ON d.id = goodwill_search_fts.rowid
        JOIN goodwill_person p ON p.id = d.person_id
        WHERE goodwill_search_fts MATCH %s AND d.owner_id = %s AND p.archived_at IS NULL
        ORDER BY score LIMIT %s
    """

    def search(
        self,
        owner_id: int,
        terms: list[str],
        limit: int,
        columns: frozenset[str] | None = None,
        documents: Callable[[], int] = lambda: 0,
    ) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        match = " OR ".join(phrases)
        if columns is not None:  # FTS5's column filter: matches within those columns
            match = "{" + " ".join(sorted(columns)) + "} : (" + match + ")"
        with connection.cursor() as cursor:
            cleaned = [p.strip('"') for p in phrases]
            tokenized = [(p, words) for p, words in zip(cleaned, fts5_postings.lexemes_of(cursor, cleaned)) if words]
            said = [words for _, words in tokenized]
            if not said:
                return []
            if len(said) == 1 and len(said[0]) > 1:  # one phrase of several words
                return self._bm25(cursor, owner_id, match, limit)
            # Stop words are matched within their phrases (the page's check) but not summed.
            lexemes = sorted({w for p, words in tokenized for w in fts5_postings.counted(p, words)})
            if not lexemes:
                return []
            single = {w: (w,) in said for w in lexemes}
            wanted = 2 * limit
            source = fts5_postings.FTS5Postings(columns)
            total = documents()
            found, idfs, best = _best_sums(cursor, source, owner_id, single, total, wanted)
            if not best:
                return []
            rows: list[tuple[int, float]] = []
            for start in range(0, len(best), limit):  # a page's worth at a time, best first: most pass
                batch = best[start : start + limit]
                passes = self._page(cursor, owner_id, batch, match, small=total < source.keep_from)
                rows += [(pid, score) for pid, score, _ in batch if pid in passes]
                if len(rows) >= limit:
                    return rows[:limit]
            if len(best) < wanted:  # every match seen
                return rows
            # Crowded: the same sums over everyone who matches (FTS5 lists every match).
            cursor.execute(self.MATCHING, [match, owner_id])
            eligible = np.array([pid for (pid,) in cursor.fetchall()], dtype=np.int64)
            matching = {w: postings.among(ids, ranks, eligible) for w, (ids, ranks) in found.items()}
            return [(pid, score) for pid, score, _ in sums.best(matching, idfs, single, limit)]

    @staticmethod
    def _page(cursor, owner_id: int, best: list[tuple[int, float, bool]], match: str, small: bool) -> set[int]:
        """The people of a page who are active and have the query itself: those found through no
        lexeme that a phrase of one word asked for are looked up in FTS5, on a big network by
        rowid (~20 µs each; all its matches can be tens of thousands), on a small one among all
        the query's matches (a tenth of a millisecond; by rowid ~75 µs each there). Someone
        deleted since is not there."""
        ids = [pid for pid, _, _ in best]
        cursor.execute(
            "SELECT d.person_id, d.id FROM goodwill_searchdocument d JOIN goodwill_person p ON p.id = d.person_id "
            f"WHERE d.owner_id = %s AND p.archived_at IS NULL AND d.person_id IN ({fts5_postings.marks(ids)})",
            [owner_id, *ids],
        )
        active = dict(cursor.fetchall())
        unsure = {active[pid] for pid, _, sure in best if not sure and pid in active}
        if not unsure:
            return set(active)
        if small:
            cursor.execute("SELECT rowid FROM goodwill_search_fts WHERE goodwill_search_fts MATCH %s", [match])
        else:
            cursor.execute(
                "SELECT rowid FROM goodwill_search_fts WHERE goodwill_search_fts MATCH %s "
                f"AND rowid IN ({fts5_postings.marks(unsure)})",
                [match, *sorted(unsure)],
            )
        having = {doc for (doc,) in cursor.fetchall()}
        return {pid for pid, doc in active.items() if doc in having or doc not in unsure}

    def _bm25(self, cursor, owner_id: int, match: str, limit: int) -> list[tuple[int, float]]:
        """FTS5's own ranking of every match."""
        cursor.execute(self.FAST, [match, 2 * limit])
        rows = cursor.fetchall()
        if rows:
            cursor.execute(
                f"SELECT d.id, d.person_id FROM goodwill_searchdocument d JOIN goodwill_person p ON p.id = d.person_id "
                f"WHERE d.id IN ({fts5_postings.marks(rows)}) AND d.owner_id = %s AND p.archived_at IS NULL",
                [r[0] for r in rows] + [owner_id],
            )
            people = dict(cursor.fetchall())
            found = [(people[doc], -score) for doc, score in rows if doc in people]
            if len(found) >= limit or len(rows) < 2 * limit:  # a full page, or every match seen
                return found[:limit]
        cursor.execute(self.SQL, [match, owner_id, limit])
        return [(pid, -score) for pid, score in cursor.fetchall()]


# The query's lexemes, each once, as PostgreSQL's english configuration stems them; `single`: a
# phrase of that one word asks for it alone (a match through it needs no phrase check);
# `summed`: the query is OR-ed words, which the postings rank (one phrase of several words is
# ranked by ts_rank, by the words' distances). No posting is read.
WORDS = """
    WITH phrases AS (
        SELECT to_tsvector('english', phrase) AS tsv FROM unnest(%(phrases)s::text[]) AS phrase
    ), words AS (
        SELECT w.lexeme, bool_or((SELECT sum(cardinality(x.positions)) FROM unnest(p.tsv) x) = 1) AS single
        FROM phrases p, unnest(p.tsv) w GROUP BY w.lexeme
    )
    SELECT w.lexeme, w.single,
           (SELECT count(*) FROM phrases WHERE length(tsv) > 0) > 1 OR (SELECT bool_and(single) FROM words)
    FROM words w ORDER BY w.lexeme
"""


def _page(tsv: str) -> str:
    """Whether each person of a page is active, and has the query itself: a match through some
    words of a phrase must have the phrase (`unsure`: those found through no lexeme that a phrase
    of one word asked for). `tsv`: the narrow table's tsvector as the check must see it. A person
    deleted since is not there."""
    return f"""
        SELECT p.id, p.archived_at IS NULL,
               NOT (p.id = ANY(%(unsure)s)) OR EXISTS (
                   SELECT 1 FROM goodwill_searchdocument d JOIN goodwill_search_rank r ON r.doc_id = d.id
                   WHERE d.person_id = p.id AND {tsv} @@ websearch_to_tsquery('english', %(query)s))
        FROM goodwill_person p WHERE p.id = ANY(%(ids)s)
    """


def _crowded(postings: str, tsv: str) -> str:
    """The same weighted sum over every posting of every lexeme, among active people whose
    documents have the query (a phrase's words together): for the rare page that archived people
    or a phrase's scattered words crowd. Exact, and slow for common words."""
    return f"""
        SELECT s.person_id, sum(s.weight * w.idf) AS score
        FROM unnest(%(lexemes)s::text[], %(idfs)s::float8[]) w(lexeme, idf)
        JOIN {postings} s ON s.owner_id = %(owner)s AND s.lexeme = w.lexeme
        JOIN goodwill_person p ON p.id = s.person_id
        WHERE p.archived_at IS NULL AND EXISTS (
            SELECT 1 FROM goodwill_searchdocument d JOIN goodwill_search_rank r ON r.doc_id = d.id
            WHERE d.person_id = s.person_id AND {tsv} @@ websearch_to_tsquery('english', %(query)s))
        GROUP BY s.person_id
        ORDER BY score DESC, s.person_id LIMIT %(limit)s
    """


def _joined(tsv: str) -> str:
    """ts_rank over the narrow table, `tsv` as above (the GIN index finds the matches first)."""
    within = "" if tsv == "s.tsv" else f" AND {tsv} @@ q"
    return f"""
        SELECT s.person_id, ts_rank({tsv}, q) AS score
        FROM goodwill_search_rank s
        JOIN goodwill_person p ON p.id = s.person_id,
             websearch_to_tsquery('english', %s) q
        WHERE s.owner_id = %s AND p.archived_at IS NULL AND s.tsv @@ q{within}
        ORDER BY score DESC, s.person_id LIMIT %s
    """


# The tsvector's weight class of each column (migration 0017): needs A, interests B, offers and
# role C, notes D. A search within offers and role ranks class C alone.
CLASS_OF = {"needs": "a", "interests": "b", "offers": "c", "role": "c", "notes": "d"}
OFFERS_AND_ROLE = "ts_filter(r.tsv, '{c}')"


class PostgresFTS:
    # For an item's common words most of an owner's documents match, and ts_rank would read
    # every match's tsvector. For OR-ed words ts_rank is a sum over the query's distinct
    # lexemes of a value that depends only on the document and the lexeme; goodwill_search_posting
    # holds that value for every document and lexeme (migration 0020, written by triggers).
    # The ranking weighs each lexeme's values by its rarity, bm25's idf as FTS5 does on SQLite,
    # and adds them up per person: whoever holds the item's rare word comes before those who
    # hold only its common ones. The lists are read as arrays and kept in the process on big
    # networks (goodwill.search.postings), and summed in numpy (goodwill.search.sums): at
    # 100,000 people the common words' lists made most of a ranking's time on the server. Only
    # the page is checked against the database: whether a match through a phrase's words has
    # the phrase itself (`@@`), and whether its person is archived; when those crowd the page,
    # the same sum over every posting, among those who match, answers (CROWDED). A query of
    # one phrase of several words is ranked by ts_rank over the narrow table (it ranks those by
    # the words' distances). Within offers and role, the same over goodwill_search_offer_posting
    # (0021), the values of each document's C positions alone.
    WORDS = WORDS
    PAGE = _page("r.tsv")
    PAGE_OFFERS_AND_ROLE = _page(OFFERS_AND_ROLE)
    CROWDED = _crowded("goodwill_search_posting", "r.tsv")
    CROWDED_OFFERS_AND_ROLE = _crowded("goodwill_search_offer_posting", OFFERS_AND_ROLE)
    # One phrase of several words: every match's tsvector read and ranked (slow for common words).
    JOINED = _joined("s.tsv")
    JOINED_OFFERS_AND_ROLE = _joined(OFFERS_AND_ROLE.replace("r.tsv", "s.tsv"))

    def search(
        self,
        owner_id: int,
        terms: list[str],
        limit: int,
        columns: frozenset[str] | None = None,
        documents: Callable[[], int] = lambda: 0,
    ) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        table, page, crowded, joined = self._statements(columns)
        query = " or ".join(phrases)
        wanted = 2 * limit
        with connection.cursor() as cursor:
            cursor.execute(self.WORDS, {"phrases": [p.strip('"') for p in phrases]})
            words = cursor.fetchall()
            if not words:  # stop words only
                return []
            if not words[0][2]:  # one phrase of several words
                cursor.execute(joined, [query, owner_id, limit])
                return [(pid, float(score)) for pid, score in cursor.fetchall()]
            source = postings.PostgresPostings(table)
            single = {w: one for w, one, _ in words}
            _, idfs, best = _best_sums(cursor, source, owner_id, single, documents(), wanted)
            if not best:
                return []
            cursor.execute(
                page,
                {"ids": [p for p, _, _ in best], "unsure": [p for p, _, sure in best if not sure], "query": query},
            )
            passes = {pid: active and matches for pid, active, matches in cursor.fetchall()}
            rows = [(pid, score) for pid, score, _ in best if passes.get(pid)]
            if len(rows) >= limit or len(best) < wanted:  # a full page, or every match seen
                return rows[:limit]
            cursor.execute(
                crowded,
                {"lexemes": list(idfs), "idfs": list(idfs.values()), "owner": owner_id, "query": query, "limit": limit},
            )
            return [(pid, float(score)) for pid, score in cursor.fetchall()]

    def _statements(self, columns: frozenset[str] | None) -> tuple[str, str, str, str]:
        """(the postings table, its page check, its crowded page's ranking, ts_rank's) for a set of columns."""
        if columns is None:
            return "goodwill_search_posting", self.PAGE, self.CROWDED, self.JOINED
        if {CLASS_OF[c] for c in columns} == {"c"}:  # offers, role, or both: one class, ranked as one
            return (
                "goodwill_search_offer_posting",
                self.PAGE_OFFERS_AND_ROLE,
                self.CROWDED_OFFERS_AND_ROLE,
                self.JOINED_OFFERS_AND_ROLE,
            )
        raise ValueError(f"PostgreSQL ranks within offers and role, or every column; not {sorted(columns)}")


def backend():
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS()
