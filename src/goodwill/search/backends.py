"""The two full-text engines, one method each: candidates for a list of OR-ed terms.

Terms reach the engines as words (letters, digits, &), quoted as phrases, and
each engine stems them with the stemmer that built its index (FTS5's porter
tokenizer, PostgreSQL's english configuration). The scores differ between
engines; goodwill.habits.matching ranks the candidates the same way on both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db import connection

from goodwill.search import maxscore

SAFE = re.compile(r"[^a-z0-9& ]+")


def _phrases(terms: list[str]) -> list[str]:
    result = []
    for term in terms:
        cleaned = " ".join(SAFE.sub(" ", term.lower()).replace("&", " ").split())
        if cleaned:
            result.append(f'"{cleaned}"')
    return list(dict.fromkeys(result))


class SQLiteFTS:
    # bm25 column weights: needs, interests, offers, role, notes.
    WEIGHTS = "4.0, 2.5, 1.5, 1.2, 0.6"
    # The index alone first: joining every match to its owner and person costs more
    # than the ranking. One owner per file is the usual case; when other owners' or
    # archived people crowd the first page, the joined query answers instead.
    FAST = f"""
        SELECT rowid, bm25(goodwill_search_fts, {WEIGHTS}) AS score FROM goodwill_search_fts
        WHERE goodwill_search_fts MATCH %s ORDER BY score LIMIT %s
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
        self, owner_id: int, terms: list[str], limit: int, documents: Callable[[], int]
    ) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        match = " OR ".join(phrases)
        with connection.cursor() as cursor:
            cursor.execute(self.FAST, [match, 2 * limit])
            rows = cursor.fetchall()
            if rows:
                marks = ", ".join(["%s"] * len(rows))
                cursor.execute(
                    f"SELECT d.id, d.person_id FROM goodwill_searchdocument d JOIN goodwill_person p ON p.id = d.person_id "
                    f"WHERE d.id IN ({marks}) AND d.owner_id = %s AND p.archived_at IS NULL",
                    [r[0] for r in rows] + [owner_id],
                )
                people = dict(cursor.fetchall())
                found = [(people[doc], -score) for doc, score in rows if doc in people]
                if len(found) >= limit or len(rows) < 2 * limit:  # a full page, or every match seen
                    return found[:limit]
            cursor.execute(self.SQL, [match, owner_id, limit])
            return [(pid, -score) for pid, score in cursor.fetchall()]


class PostgresFTS:
    # For OR-ed words ts_rank is a sum over the query's distinct lexemes of a value that
    # depends only on the document and the lexeme; goodwill_search_posting holds that value
    # for every document and lexeme (migration 0020, written by triggers). Pass-on's ranking
    # weighs each lexeme's values by its rarity, bm25's idf as FTS5 does on SQLite, and adds
    # them up: a document holding the item's rare word comes before one holding only its
    # common ones. With idf, the common lexemes' long lists need not be read: a person found
    # through none of the rarer lexemes scores at most the sum of the others' bounds, and
    # once that is below the page's last score they cannot reach the page (MaxScore,
    # goodwill.search.maxscore); the people found get the common lexemes' values looked up
    # one by one. Only the page is checked further: whether a match through a phrase's words
    # has the phrase itself (`@@`), and whether its person is archived. When those crowd the
    # page, or the query is one phrase of several words (ts_rank ranks those by the words'
    # distances), ts_rank answers over the narrow table.
    WORDS = """
        WITH phrases AS (
            SELECT to_tsvector('english', phrase) AS tsv FROM unnest(%(phrases)s::text[]) AS phrase
        ), words AS (  -- each lexeme once; `single`: a phrase of that one word asks for it alone
            SELECT w.lexeme, bool_or((SELECT sum(cardinality(x.positions)) FROM unnest(p.tsv) x) = 1) AS single
            FROM phrases p, unnest(p.tsv) w GROUP BY w.lexeme
        )
        SELECT w.lexeme, w.single, count(s.person_id), coalesce(max(s.weight), 0),
               (SELECT count(*) FROM phrases WHERE length(tsv) > 0) > 1 OR (SELECT bool_and(single) FROM words)
        FROM words w LEFT JOIN goodwill_search_posting s ON s.owner_id = %(owner)s AND s.lexeme = w.lexeme
        GROUP BY w.lexeme, w.single
    """
    # The rest's values for one person, by primary key.
    _REST = """LEFT JOIN LATERAL (
            SELECT sum(s.weight * r.idf) AS part, bool_or(r.single) AS sure
            FROM rest r JOIN goodwill_search_posting s
              ON s.owner_id = %(owner)s AND s.lexeme = r.lexeme AND s.person_id = h.person_id
        ) x ON true"""
    SQL = f"""
        WITH essential AS (
            SELECT * FROM unnest(%(read)s::text[], %(read_idf)s::float8[], %(read_single)s::bool[]) AS t(lexeme, idf, single)
        ), rest AS (
            SELECT * FROM unnest(%(rest)s::text[], %(rest_idf)s::float8[], %(rest_single)s::bool[]) AS t(lexeme, idf, single)
        ), hits AS MATERIALIZED (
            SELECT s.person_id, sum(s.weight * e.idf) AS part, bool_or(e.single) AS sure
            FROM essential e JOIN goodwill_search_posting s ON s.owner_id = %(owner)s AND s.lexeme = e.lexeme
            GROUP BY s.person_id
        ), firsts AS MATERIALIZED (  -- the best by what the essential lexemes give, completed
            SELECT h.person_id, h.part + coalesce(x.part, 0) AS score, h.sure OR coalesce(x.sure, false) AS sure
            FROM (SELECT * FROM hits ORDER BY part DESC, person_id LIMIT %(wanted)s) h {_REST}
        ), line AS (
            SELECT CASE WHEN count(*) >= %(wanted)s THEN min(score) END AS kth FROM firsts
        ), others AS (  -- anyone else whose bound reaches the line, when the page can be settled
            SELECT h.person_id, h.part + coalesce(x.part, 0) AS score, h.sure OR coalesce(x.sure, false) AS sure
            FROM line, hits h {_REST}
            WHERE %(bound)s < line.kth AND h.part + %(bound)s >= line.kth
              AND NOT EXISTS (SELECT 1 FROM firsts f WHERE f.person_id = h.person_id)
        ), page AS (
            SELECT * FROM (SELECT * FROM firsts UNION ALL SELECT * FROM others) b
            ORDER BY score DESC, person_id LIMIT %(wanted)s
        )
        SELECT h.person_id, h.score, p.archived_at IS NULL,
               h.sure OR EXISTS (
                   SELECT 1 FROM goodwill_searchdocument d JOIN goodwill_search_rank r ON r.doc_id = d.id
                   WHERE d.person_id = h.person_id AND r.tsv @@ websearch_to_tsquery('english', %(query)s)),
               (SELECT kth FROM line)
        FROM page h JOIN goodwill_person p ON p.id = h.person_id
        ORDER BY h.score DESC, h.person_id
    """
    # Exact, and slow at 100,000 people: every match's tsvector read and ranked.
    JOINED = """
        SELECT s.person_id, ts_rank(s.tsv, q) AS score
        FROM goodwill_search_rank s
        JOIN goodwill_person p ON p.id = s.person_id,
             websearch_to_tsquery('english', %s) q
        WHERE s.owner_id = %s AND p.archived_at IS NULL AND s.tsv @@ q
        ORDER BY score DESC, s.person_id LIMIT %s
    """

    def search(
        self, owner_id: int, terms: list[str], limit: int, documents: Callable[[], int]
    ) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        query = " or ".join(phrases)
        wanted = 2 * limit
        with connection.cursor() as cursor:
            cursor.execute(self.WORDS, {"phrases": [p.strip('"') for p in phrases], "owner": owner_id})
            words = cursor.fetchall()
            if not words:  # stop words only
                return []
            if words[0][4]:  # OR-ed words: summed
                ranked = maxscore.terms([(lexeme, df, top) for lexeme, _, df, top, _ in words], documents())
                single = {lexeme: one for lexeme, one, *_ in words}
                found = self._page(cursor, ranked, single, {"query": query, "owner": owner_id, "wanted": wanted})
                rows = [(pid, float(score)) for pid, score, active, matches, _ in found if active and matches]
                if len(rows) >= limit or len(found) < wanted:  # a full page, or every match seen
                    return rows[:limit]
            cursor.execute(self.JOINED, [query, owner_id, limit])
            return [(pid, float(score)) for pid, score in cursor.fetchall()]

    def _page(
        self, cursor, ranked: list[maxscore.Term], single: dict[str, bool], params: dict, first: int | None = None
    ) -> list[tuple]:
        """The best `wanted` by the weighted sum, exactly: read the essential lexemes (`first` of
        them, or as many as maxscore.plan says), and more of them until the rest cannot reach the
        page (usually the first read settles it)."""
        essential = maxscore.plan(ranked, params["wanted"]) if first is None else first
        while True:
            read, rest = ranked[:essential], ranked[essential:]
            cursor.execute(
                self.SQL,
                {
                    **params,
                    "read": [t.name for t in read],
                    "read_idf": [t.idf for t in read],
                    "read_single": [single[t.name] for t in read],
                    "rest": [t.name for t in rest],
                    "rest_idf": [t.idf for t in rest],
                    "rest_single": [single[t.name] for t in rest],
                    "bound": maxscore.rest_bound(ranked, essential),
                },
            )
            found = cursor.fetchall()
            kth = found[0][4] if found else None
            if maxscore.settled(ranked, essential, kth):
                return found
            essential = maxscore.widen(ranked, essential, kth)


def backend():
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS()
