"""Warm introductions through colleagues (docs/firm.md): my inbox and outbox of introduction
requests, the ask page (who-knows-whom links here), and the answer, reply and withdraw forms.

Thin over services.firm_intros and queries.firm_intros. A request is its two colleagues'
only: anyone else, and either one doing the other's part, gets the plain 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.views.decorators.http import require_POST

from goodwill.errors import NotFound, UserError
from goodwill.web.common import act, redirect_back, say
from goodwill.web.firm_common import firm_render, firm_view
from goodwill.web.forms.base import WebForm, box


class AskForm(WebForm):
    colleague = box()  # a user id
    target = box()  # a person id in the colleague's network
    reason = box()


class AnswerForm(WebForm):
    action = box()  # accept | decline | more
    text = box()


class TextForm(WebForm):
    text = box()


def _ask_context(request, form: dict):
    from goodwill.queries.firm_intros import askable_target, user_by_id, user_name

    colleague = user_by_id(form["colleague"])
    if colleague is None:
        raise Http404("no such colleague")
    target = askable_target(request.owner, colleague, form["target"])
    organization = target.organization.name if target.organization is not None else ""
    return (
        colleague,
        target,
        {
            "colleague": colleague,
            "colleague_name": user_name(colleague),
            "target": target,
            "organization": organization,
            "form": form,
        },
    )


@firm_view
def requests_page(request):
    from goodwill.queries.firm_intros import inbox, open_count, outbox

    owner = request.owner
    return firm_render(
        request,
        "web/firm/requests.html",
        {"inbox": inbox(owner), "outbox": outbox(owner), "waiting": open_count(owner)},
    )


@firm_view
def ask(request):
    """GET: "Ask pat to introduce you to Priya Patel (Acme)" with a reason box; POST: ask."""
    from goodwill.services.firm_intros import ask as ask_colleague

    source = request.POST if request.method == "POST" else request.GET
    form = {k: str(v or "") for k, v in AskForm(source).values().items()}
    if request.method != "POST" and not (form["colleague"] or form["target"]):
        return firm_render(request, "web/firm/ask.html", {"form": form})  # whom to ask: Who knows whom
    try:
        colleague, target, context = _ask_context(request, form)
    except NotFound:
        raise
    except UserError as exc:  # asking oneself: said on the page
        return firm_render(request, "web/firm/ask.html", {"error": say(exc), "form": form}, status=400)
    if request.method != "POST":
        return firm_render(request, "web/firm/ask.html", context)
    try:
        made = ask_colleague(request.owner, colleague, target.pk, form["reason"])
    except NotFound:
        raise
    except UserError as exc:
        return firm_render(request, "web/firm/ask.html", {**context, "error": say(exc)}, status=400)
    messages.success(
        request,
        f"Asked {context['colleague_name']} to introduce you to {target.name} (request #{made.pk}). "
        "Their answer shows here.",
    )
    return redirect_back(request, "web:firm-requests")


def _theirs(request, request_id, side: str):
    """The request, when the user is its `side` (colleague or requester); else the plain 404."""
    from goodwill.queries.firm_intros import get_visible

    found = get_visible(request.owner, request_id)
    if getattr(found, f"{side}_id") != request.owner.pk:
        raise Http404("not yours to do")
    return found


def _accepted(made) -> str:
    return (
        f"Accepted request #{made.pk}: introduction #{made.introduction_id} is on your "
        f"Introductions board; ask {made.target.name} first."
    )


@require_POST
@firm_view
def answer(request, request_id):
    from goodwill.services.firm_intros import answer as answer_request

    found = _theirs(request, request_id, "colleague")
    values = AnswerForm(request.POST).values()
    said = {"more": "Asked for more", "decline": "Declined"}

    def success(made) -> str:
        if made.status == "accepted":
            return _accepted(made)
        return f"{said.get(values['action'], 'Answered')}: request #{made.pk} from {made.requester.username}."

    return act(
        request,
        lambda: answer_request(request.owner, found.pk, values["action"], values["text"]),
        success,
        "web:firm-requests",
    )


@require_POST
@firm_view
def reply(request, request_id):
    from goodwill.services.firm_intros import reply as reply_request

    found = _theirs(request, request_id, "requester")
    text = TextForm(request.POST).values()["text"]
    return act(
        request,
        lambda: reply_request(request.owner, found.pk, text),
        lambda made: f"Replied to request #{made.pk}.",
        "web:firm-requests",
    )


@require_POST
@firm_view
def withdraw(request, request_id):
    from goodwill.services.firm_intros import withdraw as withdraw_request

    found = _theirs(request, request_id, "requester")
    return act(
        request,
        lambda: withdraw_request(request.owner, found.pk),
        lambda made: f"Withdrew request #{made.pk}.",
        "web:firm-requests",
    )
