"""The firm's momentum and balance sheet (partners; anyone else gets a 404): thin over
queries.firm_momentum and queries.firm_ledger, with a team filter (?team=ID)."""

from __future__ import annotations

from goodwill import clock
from goodwill.errors import NotFound, UserError
from goodwill.web.firm_common import firm_render, firm_view

SOURCES_SHOWN = 50  # the lead sources listed; the totals count them all


def _team(request, read):
    """The page for ?team=, or for the whole firm with the mistake said when the team is unknown."""
    wanted = request.GET.get("team", "").strip()
    try:
        return read(wanted or None), None
    except NotFound:
        raise
    except UserError as exc:
        return read(None), str(exc)


@firm_view
def momentum(request):
    from goodwill.queries.firm_momentum import firm_momentum, firm_teams, not_sharing_text
    from goodwill.web.charts import momentum_chart

    today = clock.today()
    result, error = _team(request, lambda team: firm_momentum(request.owner, today, team=team))
    rows = [{"line": p, "chart": momentum_chart(p.momentum, height=140)} for p in result.professionals]
    teams = [{"line": t, "chart": momentum_chart(t.momentum, height=140) if t.momentum else None} for t in result.teams]
    return firm_render(
        request,
        "web/firm/momentum.html",
        {
            "m": result,
            "total_chart": momentum_chart(result.total) if result.total else None,
            "rows": rows,
            "team_rows": teams,
            "not_sharing": not_sharing_text(result),
            "all_teams": firm_teams(),
            "error": error,
        },
        status=400 if error else 200,
    )


@firm_view
def balance(request):
    from goodwill.queries.firm_ledger import firm_balance
    from goodwill.queries.firm_momentum import firm_teams

    result, error = _team(request, lambda team: firm_balance(request.owner, clock.today(), team=team))
    return firm_render(
        request,
        "web/firm/balance.html",
        {"b": result, "sources": result.sources[:SOURCES_SHOWN], "all_teams": firm_teams(), "error": error},
        status=400 if error else 200,
    )
