"""Who knows whom (docs/firm.md): one search box for a person (whole name or email) or an
organization, and the "Also known in the firm by" panel on a person's page. Both read
queries.firm_who, which shows each tie only as far as its owner's sharing allows."""

from __future__ import annotations

from goodwill.errors import UserError
from goodwill.web.firm_common import firm_render, firm_view


@firm_view
def who_knows(request):
    """`q` looks for a person and an organization at once; `org` for an organization only
    (the "did you mean" links), with `colleague` for one colleague's people there (the
    "and N more" links of a large organization)."""
    from goodwill.queries.firm_who import who_knows as find_people
    from goodwill.queries.firm_who import who_knows_org

    owner = request.owner
    q = request.GET.get("q", "").strip()
    org = request.GET.get("org", "").strip()
    colleague = request.GET.get("colleague", "").strip() if org else ""  # one colleague's people at `org`
    context: dict = {"q": q or org, "humans": None, "org": None, "error": ""}
    try:
        if q:
            context["humans"] = find_people(owner, q)
        if q or org:
            context["org"] = who_knows_org(owner, org or q, colleague=colleague)
    except UserError as exc:
        context["error"] = str(exc)
    if q and context["humans"] is not None and context["org"] is not None:
        # One box for both: show what was found, and both "nobody" answers only when neither was.
        if context["humans"] and not context["org"].colleagues:
            context["org"] = None
        elif context["org"].colleagues and not context["humans"]:
            context["humans"] = None
    return firm_render(request, "web/firm/who.html", context, status=400 if context["error"] else 200)


def ties_context(owner, person) -> dict:
    """The person page's panel (web/firm/_person_ties.html): colleagues who know this person
    too. Nothing for someone not in a firm, or with no colleagues (the laptop's own user):
    then one statement, not the firm's reads."""
    from goodwill.queries.firm_access import has_colleagues, in_firm
    from goodwill.queries.firm_who import ties_of

    if not has_colleagues(owner) or not in_firm(owner):
        return {}
    return {"firm_ties": ties_of(owner, person)}
