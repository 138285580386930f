# Issues 14 and 18: pass-on's full-text ranking on PostgreSQL sums postings instead of
# running ts_rank over every matching document.
#
# At 100,000 people an item's common words match most documents, and ts_rank reads each
# one's tsvector and searches it for every word of the query: 4–10 µs a document, most of a
# ranking's time. For a query of OR-ed words ts_rank is a sum over the query's distinct
# lexemes of a value that depends only on the document and that lexeme (the weights of
# its positions: tsrank.c's calc_rank_or), divided by their count. That value is computed
# here once per document and lexeme, when the document is written, into
# goodwill_search_posting; a ranking reads the postings of its lexemes from one index and
# adds them up (goodwill.search.backends.PostgresFTS). The arithmetic is ts_rank's, in
# single precision where it uses single precision, so every score and ranking stays the same
# (tests/test_search.py compares the two).
#
# Kept in step with goodwill_search_rank (0017) by triggers, as that table is with the
# documents. PostgreSQL only: on SQLite, FTS5's bm25 ranks inside its own index.
# The SQL is frozen here (not imported) so later code changes never alter this migration.

from django.db import migrations

# One lexeme's share of ts_rank's default ranking (weights D, C, B, A = 0.1, 0.2, 0.4, 1.0;
# normalization 0), from its positions' weights in position order: tsrank.c's calc_rank_or
# for one query item, before the division by the query's size. Single precision where the C
# code uses it; a lexeme stored without positions counts as one position of weight D.
TERM_RANK = """CREATE FUNCTION goodwill_term_rank(weights text[]) RETURNS float8
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    resj real := 0;
    wjm real := -1;
    jm integer := 0;
    j integer := 0;
    v real;
    w text;
BEGIN
    FOREACH w IN ARRAY coalesce(weights, ARRAY['D']) LOOP
        v := CASE w WHEN 'A' THEN 1.0::real WHEN 'B' THEN 0.4::real WHEN 'C' THEN 0.2::real ELSE 0.1::real END;
        resj := resj + v / ((j + 1) * (j + 1))::real;
        IF v > wjm THEN
            wjm := v;
            jm := j;
        END IF;
        j := j + 1;
    END LOOP;
    RETURN (wjm + resj - wjm / ((jm + 1) * (jm + 1))::real)::float8 / 1.64493406685::float8;
END $$"""

FORWARD = [
    TERM_RANK,
    # By owner and lexeme, each posting's person and weight in the index itself: a ranking
    # reads the index alone. The owner leads because a firm's server holds many networks.
    """CREATE TABLE goodwill_search_posting (
        owner_id bigint NOT NULL,
        lexeme text NOT NULL,
        person_id bigint NOT NULL,
        weight float8 NOT NULL,
        PRIMARY KEY (owner_id, lexeme, person_id) INCLUDE (weight))""",
    """INSERT INTO goodwill_search_posting (owner_id, lexeme, person_id, weight)
        SELECT r.owner_id, t.lexeme, r.person_id, goodwill_term_rank(t.weights)
        FROM goodwill_search_rank r, unnest(r.tsv) t
        ORDER BY 1, 2, 3""",
    # A document's edit usually changes a few of its ~45 lexemes: an update rewrites only the
    # postings whose positions' weights changed (a posting's weight depends on nothing else).
    # A posting already there is overwritten, never an error: the index is derived data, and a
    # row left behind by whatever means must not stop a document from being written.
    """CREATE FUNCTION goodwill_search_posting_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.owner_id = NEW.owner_id AND OLD.person_id = NEW.person_id THEN
            DELETE FROM goodwill_search_posting p
            USING unnest(OLD.tsv) o LEFT JOIN unnest(NEW.tsv) n ON n.lexeme = o.lexeme
            WHERE (n.lexeme IS NULL OR n.weights IS DISTINCT FROM o.weights)
              AND p.owner_id = OLD.owner_id AND p.lexeme = o.lexeme AND p.person_id = OLD.person_id;
            INSERT INTO goodwill_search_posting (owner_id, lexeme, person_id, weight)
            SELECT NEW.owner_id, n.lexeme, NEW.person_id, goodwill_term_rank(n.weights)
            FROM unnest(NEW.tsv) n LEFT JOIN unnest(OLD.tsv) o ON o.lexeme = n.lexeme
            WHERE o.lexeme IS NULL OR n.weights IS DISTINCT FROM o.weights
            ON CONFLICT (owner_id, lexeme, person_id) DO UPDATE SET weight = EXCLUDED.weight;
            RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM goodwill_search_posting
            WHERE owner_id = OLD.owner_id AND lexeme = ANY(tsvector_to_array(OLD.tsv)) AND person_id = OLD.person_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO goodwill_search_posting (owner_id, lexeme, person_id, weight)
            SELECT NEW.owner_id, t.lexeme, NEW.person_id, goodwill_term_rank(t.weights) FROM unnest(NEW.tsv) t
            ON CONFLICT (owner_id, lexeme, person_id) DO UPDATE SET weight = EXCLUDED.weight;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER goodwill_search_posting_id AFTER INSERT OR DELETE ON goodwill_search_rank
        FOR EACH ROW EXECUTE FUNCTION goodwill_search_posting_sync()""",
    """CREATE TRIGGER goodwill_search_posting_u AFTER UPDATE ON goodwill_search_rank FOR EACH ROW
        WHEN ((OLD.tsv, OLD.owner_id, OLD.person_id) IS DISTINCT FROM (NEW.tsv, NEW.owner_id, NEW.person_id))
        EXECUTE FUNCTION goodwill_search_posting_sync()""",
    # TRUNCATE fires no row triggers (0017's trigger truncates goodwill_search_rank).
    """CREATE FUNCTION goodwill_search_posting_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE goodwill_search_posting;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER goodwill_search_posting_t AFTER TRUNCATE ON goodwill_search_rank
        FOR EACH STATEMENT EXECUTE FUNCTION goodwill_search_posting_truncate()""",
    "ANALYZE goodwill_search_posting",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS goodwill_search_posting_t ON goodwill_search_rank",
    "DROP TRIGGER IF EXISTS goodwill_search_posting_u ON goodwill_search_rank",
    "DROP TRIGGER IF EXISTS goodwill_search_posting_id ON goodwill_search_rank",
    "DROP FUNCTION IF EXISTS goodwill_search_posting_truncate()",
    "DROP FUNCTION IF EXISTS goodwill_search_posting_sync()",
    "DROP TABLE IF EXISTS goodwill_search_posting",
    "DROP FUNCTION IF EXISTS goodwill_term_rank(text[])",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0019_firm_strength_relation")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
