"""GET /api/v1/jobs: my scheduled runs, as Settings and `goodwill jobs` show them; never anyone else's."""

from tests.web.test_settings_jobs import _runs


def test_the_api_lists_my_runs_only(as_alice, alice, bob):
    _runs(alice, bob)
    rows = as_alice.get("/jobs").json()
    assert [r["status"] for r in rows] == ["done", "failed"]
    assert [r["status"] for r in as_alice.get("/jobs?problems=true").json()] == ["failed"]
    assert all("BOBS" not in r["summary"] for r in rows)
