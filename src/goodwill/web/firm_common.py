"""What every firm page shares: the door (a logged-in member of the firm) and the firm's own
navigation (web/firm/_nav.html), which shows each user the links their role opens."""

from __future__ import annotations

from functools import wraps

from django.shortcuts import render

from goodwill.web.auth import owner_view


def firm_view(view):
    """owner_view, and the user must be in the firm (a departed user is not): anyone else
    gets the plain 404 of a page that is not theirs."""

    @owner_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from goodwill.queries.firm_access import in_firm

        if not in_firm(request.owner):
            from django.http import Http404

            raise Http404("not a member of this firm")
        return view(request, *args, **kwargs)

    return wrapper


def firm_role(owner) -> dict[str, bool]:
    from goodwill.queries.firm_access import is_admin, is_partner

    return {"partner": is_partner(owner), "admin": is_admin(owner)}


def firm_render(request, template: str, context: dict, *, status: int = 200):
    """render() with the firm navigation's role flags in the context."""
    return render(request, template, {**context, "firm_role": firm_role(request.owner)}, status=status)
