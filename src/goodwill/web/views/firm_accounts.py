"""Key relationships and departures (docs/firm.md): the same queries and services as
`goodwill firm accounts|account|handover|handovers|depart` and /api/v1/firm/accounts,
/handovers and /departures."""

from __future__ import annotations

from django.contrib import messages
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web.common import redirect_back, say
from goodwill.web.firm_common import firm_render, firm_view
from goodwill.web.forms.firm_accounts import DepartForm, HandoverForm, MarkForm


@firm_view
def accounts(request):
    """The key accounts (partners): each with its ties, and a form to mark another."""
    from goodwill import clock
    from goodwill.queries.firm_accounts import WARM, overview
    from goodwill.services.firm_accounts import mark

    views = overview(request.owner, clock.today())  # 404 for anyone but partners and admins
    form = MarkForm(request.POST or None)
    if request.method == "POST":
        try:
            values = form.values()
            made = mark(request.owner, values["name"], values["kind"] or "client", values["note"])
        except UserError as exc:
            messages.error(request, say(exc))
            status = 400
        else:
            messages.success(request, f"{made.name} is now a key {'client' if made.kind == 'client' else 'target'}.")
            return redirect_back(request, "web:firm-accounts")
        return firm_render(
            request, "web/firm/accounts.html", {"accounts": views, "form": form, "warm": WARM}, status=status
        )
    return firm_render(request, "web/firm/accounts.html", {"accounts": views, "form": form, "warm": WARM})


@firm_view
def account(request, account_id: int):
    from goodwill import clock
    from goodwill.queries.firm_accounts import WARM
    from goodwill.queries.firm_accounts import account as account_view

    view = account_view(request.owner, account_id, clock.today())
    return firm_render(request, "web/firm/account.html", {"account": view, "warm": WARM})


@require_POST
@firm_view
def remove(request, account_id: int):
    from goodwill.services.firm_accounts import unmark

    gone = unmark(request.owner, account_id)  # NotFound (404) for anyone but partners
    messages.success(request, f"{gone.name} is no longer a key account.")
    return redirect_back(request, "web:firm-accounts")


@firm_view
def handover(request):
    """Any member: hand my people at key accounts to a colleague. An admin picks whose, too."""
    from goodwill.queries.firm_access import colleagues, is_admin
    from goodwill.queries.firm_accounts import handovers, leaver_named, login_of
    from goodwill.services.firm_departures import hand_over, key_ties

    owner = request.owner
    admin = is_admin(owner)
    form = HandoverForm(request.POST if request.method == "POST" else request.GET)
    status = 200
    leaver = owner
    try:
        chosen = form.value("leaver", "") if admin else ""
        if chosen:
            leaver = leaver_named(owner, chosen)
    except UserError as exc:
        messages.error(request, say(exc))
        status = 400
    if request.method == "POST" and status == 200:
        try:
            values = form.values()
            ids = [int(v) for v in values["person"] if str(v).strip().isdecimal()]
            if len(ids) != len(values["person"]):
                from goodwill.errors import InvalidInput

                raise InvalidInput("a ticked person is not a person id; tick people from the list")
            done = hand_over(owner, leaver, login_of(values["recipient"]), ids, values["note"])
        except UserError as exc:
            messages.error(request, say(exc))
            status = 400
        else:
            who = done[0].recipient.username
            messages.success(request, f"Handed {len(done)} {'person' if len(done) == 1 else 'people'} to {who}.")
            return redirect_back(request, "web:firm-handover")
    context = {
        "leaver": leaver,
        "admin": admin,
        "ties": key_ties(owner, leaver),
        "colleagues": [c for c in colleagues(owner) if c.pk != leaver.pk],
        "people": _departable(owner) if admin else [],
        "handovers": handovers(owner),
        "form": form,
    }
    return firm_render(request, "web/firm/handover.html", context, status=status)


def _departed():
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(firm_member__departed_at__isnull=False).order_by("username"))


def _departable(owner):
    """Everyone whose ties an admin may hand over: colleagues and those who left."""
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.order_by("username"))


@firm_view
def departures(request):
    """Admins: record a member's departure; their key-account ties not handed over yet; past handovers."""
    from goodwill.queries.firm_access import colleagues, require_admin
    from goodwill.queries.firm_accounts import handovers, login_of
    from goodwill.services.firm_departures import depart, key_ties

    owner = request.owner
    require_admin(owner)
    status = 200
    if request.method == "POST":
        form = DepartForm(request.POST)
        try:
            leaver = login_of(form.values()["login"])
            depart(owner, leaver)
        except UserError as exc:
            messages.error(request, say(exc))
            status = 400
        else:
            messages.success(request, f"{leaver.username} has left the firm and can no longer sign in.")
            return redirect_back(request, "web:firm-departures")
    members = colleagues(owner)
    pending = []
    for member in members + _departed():
        ties = [t for t in key_ties(owner, member) if not t.handed_to]
        if ties:
            pending.append({"member": member, "ties": ties})
    context = {"members": members, "pending": pending, "handovers": handovers(owner)}
    # A departed member's ties still to hand over show with "(left)".
    return firm_render(request, "web/firm/departures.html", context, status=status)
