"""Access rows for what colleagues see (sharing: everyone, for their own network; one person's
level: only its owner) and for members and teams (admins), run by tests/firm/test_access.py."""

from __future__ import annotations

from tests.firm.access import ADMINS, EVERYONE, Row

NEW_LOGIN = {"username": "newbie", "password": "a long enough password 42", "role": "member"}

# Web pages: (Row), paths under the site root. API: paths under /api/v1.
PAGES: list[Row] = [
    Row("post", "/settings/sharing", EVERYONE, body={"default": "last_met"}, ok=303),
    Row("post", "/people/{priya}/sharing", frozenset({"owner"}), body={"level": "nothing"}, ok=303),
    Row("get", "/firm/members/", ADMINS),
    Row("post", "/firm/members/", ADMINS, body=NEW_LOGIN, ok=303),
    Row("post", "/firm/members/{teammate_user}", ADMINS, body={"role": "partner", "teams": "Advisory"}, ok=303),
    Row("get", "/firm/teams/", ADMINS),
    Row("post", "/firm/teams/", ADMINS, body={"name": "Litigation"}, ok=303),
    Row("post", "/firm/teams/{audit_team}/remove", ADMINS, ok=303),
]
API: list[Row] = [
    Row("get", "/firm/sharing", EVERYONE),
    Row("put", "/firm/sharing", EVERYONE, body={"default": "nothing", "share_momentum": True}),
    Row("put", "/firm/sharing/people/{priya}", frozenset({"owner"}), body={"level": "summaries"}),
    Row("get", "/firm/members", ADMINS),
    Row("post", "/firm/members", ADMINS, body=NEW_LOGIN, ok=201),
    Row("patch", "/firm/members/{teammate_user}", ADMINS, body={"role": "partner", "teams": ["Tax"]}),
    Row("get", "/firm/teams", ADMINS),
    Row("post", "/firm/teams", ADMINS, body={"name": "Litigation"}, ok=201),
    Row("delete", "/firm/teams/{audit_team}", ADMINS, ok=204),
]


def setup(firm: dict) -> dict[str, int]:
    """Records these rows need, made in the firm fixture; their ids by placeholder name."""
    from goodwill import clock
    from goodwill.models import Team

    audit = Team.objects.create(name="Audit", created_at=clock.now())
    return {"audit_team": audit.pk}
