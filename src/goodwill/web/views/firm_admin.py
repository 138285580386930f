"""What colleagues see of my contacts (Settings' section and the person page's control), and
the firm's members and teams (admins). Thin over services.firm_sharing / firm_members and
queries.firm_sharing / firm_members: the CLI and the API call the same ones."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.web.common import act, person_of
from goodwill.web.firm_common import firm_render, firm_view


def _redirect(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def levels_shown() -> tuple[tuple[str, str], ...]:
    from goodwill.queries.firm_sharing import LEVEL_WORDS

    return tuple(LEVEL_WORDS.items())  # a tuple: a stencil's fixed value (web/firm/_person_sharing.html)


def settings_sharing_context(owner) -> dict:
    """Settings' "What colleagues see" section (web/firm/_settings_sharing.html)."""
    from goodwill.queries.firm_sharing import NEVER_SHARED, sharing_of

    return {"sharing": sharing_of(owner), "share_levels": levels_shown(), "never_shared": NEVER_SHARED}


def sharing_context(owner, person) -> dict:
    """The person page's "Colleagues see" control (web/firm/_person_sharing.html)."""
    from goodwill.queries.firm_sharing import NEVER_SHARED, person_sharing

    return {
        "person_sharing": person_sharing(owner, person),
        "share_levels": levels_shown(),
        "never_shared": NEVER_SHARED,
    }


@require_POST
@firm_view
def save_sharing(request):
    from goodwill.queries.firm_sharing import sharing_of
    from goodwill.services import firm_sharing
    from goodwill.web.forms.firm_admin import SharingForm

    owner = request.owner
    form = SharingForm(request.POST)
    back = reverse("web:settings") + "#sharing"

    @transaction.atomic
    def work():
        values = form.values()
        current = sharing_of(owner)
        if values["default"]:
            firm_sharing.set_default(owner, values["default"])
        from goodwill.models import Circle

        for circle in current.circles:
            typed = request.POST.get(f"circle-{circle.id}")
            if typed is None:
                continue
            chosen = None if typed in ("", "default") else typed
            if chosen != circle.level:
                firm_sharing.set_circle(owner, Circle.objects.get_owned(owner, circle.id), chosen)
        firm_sharing.set_share_momentum(owner, values["share_momentum"])

    act(request, work, "Saved what colleagues see.")
    return _redirect(back)


@require_POST
@firm_view
def person_sharing(request, person_id: int):
    from goodwill.services.firm_sharing import set_person
    from goodwill.web.forms.firm_admin import PersonSharingForm

    owner = request.owner
    person = person_of(owner, person_id)
    typed = PersonSharingForm(request.POST).value("level") or ""
    level = None if typed in ("", "circle") else typed

    def said(chosen) -> str:
        return f"Colleagues now see {person.name} as {'their circle says' if chosen is None else chosen}."

    act(request, lambda: set_person(owner, person, level), said)
    return _redirect(reverse("web:person", args=[person.pk]))


@firm_view
def members(request):
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import members as member_rows
    from goodwill.queries.firm_members import teams as team_rows

    require_admin(request.owner)
    if request.method == "POST":
        from goodwill.services.firm_members import add_login
        from goodwill.web.forms.firm_admin import LoginForm

        form = LoginForm(request.POST)

        def work():
            v = form.values()
            return add_login(request.owner, v["username"], v["password"], role=v["role"] or None, teams=v["teams"])

        act(request, work, lambda user: f"Login {user.username} created.")
        return _redirect(reverse("web:firm-members"))
    from goodwill.models import Role

    return firm_render(
        request,
        "web/firm/members.html",
        {"members": member_rows(request.owner), "teams": team_rows(), "roles": [r.value for r in Role]},
    )


@require_POST
@firm_view
def member(request, user_id: int):
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import user_by_id
    from goodwill.services.firm_members import set_role, set_teams
    from goodwill.web.forms.firm_admin import MemberForm

    require_admin(request.owner)
    user = user_by_id(user_id)
    form = MemberForm(request.POST)

    def work():
        v = form.values()
        with transaction.atomic():  # all or nothing: a bad team leaves the role as it was
            if v["role"]:
                set_role(request.owner, user, v["role"])
            set_teams(request.owner, user, v["teams"])

    act(request, work, f"Saved {user.username}'s role and teams.")
    return _redirect(reverse("web:firm-members"))


@firm_view
def teams(request):
    from goodwill.queries.firm_access import require_admin
    from goodwill.queries.firm_members import teams as team_rows

    require_admin(request.owner)
    if request.method == "POST":
        from goodwill.services.firm_members import add_team
        from goodwill.web.forms.firm_admin import TeamForm

        form = TeamForm(request.POST)
        act(request, lambda: add_team(request.owner, form.values()["name"]), lambda t: f"Team {t.name} added.")
        return _redirect(reverse("web:firm-teams"))
    return firm_render(request, "web/firm/teams.html", {"teams": team_rows()})


@require_POST
@firm_view
def remove_team(request, team_id: int):
    from goodwill.queries.firm_access import require_admin
    from goodwill.services.firm_members import remove_team as remove

    require_admin(request.owner)
    act(request, lambda: remove(request.owner, team_id), lambda name: f"Team {name} removed; its members stay.")
    return _redirect(reverse("web:firm-teams"))
