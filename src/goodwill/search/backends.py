"""The two full-text engines, one method each: candidates for a list of OR-ed terms.

Terms reach the engines as words (letters, digits, &), quoted as phrases, and
each engine stems them with the stemmer that built its index (FTS5's porter
tokenizer, PostgreSQL's english configuration). The scores differ between
engines; goodwill.habits.matching ranks the candidates the same way on both.
"""

from __future__ import annotations

import re

from django.db import connection

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

    def search(self, owner_id: int, terms: list[str], limit: int, parallel: bool = False) -> list[tuple[int, float]]:
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
    # Ranking reads goodwill_search_rank (document, owner, person, tsvector; migration 0017),
    # not the documents: for an item's common words most documents match and ts_rank reads
    # every one, so the rows it reads carry no texts. The documents first, their people
    # after: joining every match to its person (a hash of all 100,000 people) cost as much
    # as ranking the matches; only the first page's people are looked up. When archived
    # people crowd that page, the joined statement answers instead (as SQLiteFTS does).
    SQL = """
        SELECT r.person_id, r.score, p.archived_at IS NULL FROM (
            SELECT s.person_id, ts_rank(s.tsv, q) AS score
            FROM goodwill_search_rank s, websearch_to_tsquery('english', %s) q
            WHERE s.owner_id = %s AND s.tsv @@ q
            ORDER BY score DESC, s.person_id LIMIT %s
        ) r JOIN goodwill_person p ON p.id = r.person_id
        ORDER BY r.score DESC, r.person_id
    """
    JOINED = """
        SELECT s.person_id, ts_rank(s.tsv, q) AS score
        FROM goodwill_search_rank s
        JOIN goodwill_person p ON p.id = s.person_id,
             websearch_to_tsquery('english', %s) q
        WHERE s.owner_id = %s AND p.archived_at IS NULL AND s.tsv @@ q
        ORDER BY score DESC, s.person_id LIMIT %s
    """

    # The app's sessions turn parallel query off (settings.POSTGRES_SESSION_OPTIONS): it only
    # burns a core on small reads. This statement is the exception: ts_rank reads every matching
    # document, which at 100,000 people is most of them, and workers split that scan. Only for
    # a big network (`parallel`: the owner has TRUST_FROM documents or more): for a small one the
    # setting changes no plan, and setting and resetting it were two more round trips per ranking
    # (a Person page ranks once per need). Same rows either way: the order is total.
    WORKERS = 2

    def search(self, owner_id: int, terms: list[str], limit: int, parallel: bool = False) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        query = " or ".join(phrases)
        with connection.cursor() as cursor:
            if parallel:
                cursor.execute(f"SET max_parallel_workers_per_gather = {self.WORKERS}")
            try:
                cursor.execute(self.SQL, [query, owner_id, 2 * limit])
                ranked = cursor.fetchall()
                rows = [(pid, score) for pid, score, active in ranked if active]
                if len(rows) < limit and len(ranked) == 2 * limit:  # archived people crowd the page
                    cursor.execute(self.JOINED, [query, owner_id, limit])
                    rows = cursor.fetchall()
            except Exception:
                # In a transaction, rolling it back undoes the SET; outside one, undo it here.
                if parallel and not connection.in_atomic_block:
                    cursor.execute("RESET max_parallel_workers_per_gather")
                raise
            if parallel:
                cursor.execute("RESET max_parallel_workers_per_gather")  # the session's own setting again
            return [(pid, float(score)) for pid, score in rows[:limit]]


def backend():
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS()
