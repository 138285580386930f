"""Serving the network: Pass it on, the Introductions board, the Balance sheet.

Thin views over services.{pass_on,intros} and queries.{pass_on,intros,ledger}:
parse, authorize (every lookup by owner, anyone else's is a 404), render."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from goodwill import clock
from goodwill.errors import NotFound, UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act, person_of

DRAFTS = "pass_on_drafts"  # the drafted messages, shown once after the redirect
INTRO_DRAFT = "intro_draft"


def _item_fields(data) -> dict:
    return {"text": (data.get("text") or "").strip(), "url": (data.get("url") or "").strip(),
            "tags": (data.get("tags") or "").strip()}


@owner_view
def pass_on_page(request):
    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.services.pass_on import VIA

    item = _item_fields(request.GET)
    context = {"item": item, "ranking": None, "error": None, "via_choices": VIA,
               "sent": request.session.pop(DRAFTS, None)}
    if item["text"]:
        try:
            context["ranking"] = pass_on_ranking(request.owner, item["text"], url=item["url"],
                                                 tags=[item["tags"]] if item["tags"] else None)
        except UserError as exc:
            context["error"] = str(exc)
    return render(request, "web/pass_on.html", context, status=400 if context["error"] else 200)


@require_POST
@owner_view
def pass_on_share(request):
    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.services.pass_on import pass_on

    owner, item = request.owner, _item_fields(request.POST)
    ids = request.POST.getlist("person")
    if any(not i.isdigit() for i in ids):
        raise Http404("no such person")
    people = [person_of(owner, int(i)) for i in ids]  # someone else's person: 404
    back = reverse("web:pass-on") + "?" + urlencode(item)
    tags = [item["tags"]] if item["tags"] else None
    try:
        # The same ranking the page showed, so the share keeps its reasons (as `pass-on --pick` does).
        ranking = pass_on_ranking(owner, item["text"], url=item["url"], tags=tags, limit=100)
        sent = pass_on(owner, ranking.text, people, url=ranking.url, tags=ranking.tags,
                       ranked={r.person_id: r for r in ranking.people}, via=request.POST.get("via") or "email")
    except UserError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(back, status=303)
    request.session[DRAFTS] = [{"name": s.person.name, "person_id": s.person.pk, "share": s.share.pk, "draft": s.draft}
                               for s in sent]
    names = ", ".join(s.person.name for s in sent)
    messages.success(request, f"Recorded: passed on to {names} (ledger: information given).")
    return HttpResponseRedirect(back, status=303)


def _drafted(request, intro, message: str) -> str:
    """Keep the next message to send for the board to show once (a flash would lose its lines)."""
    from goodwill.services.intros import draft_for

    draft = draft_for(intro)
    if draft:
        request.session[INTRO_DRAFT] = {"id": intro.pk, "draft": draft}
    return message


def _intro(owner, intro_id):
    from goodwill.services.intros import get_intro

    try:
        return get_intro(owner, intro_id)
    except NotFound:
        raise Http404("no such introduction")


def _board(request, form: dict, error: str | None = None):
    from goodwill.queries.intros import board, follow_ups_due
    from goodwill.services.intros import OUTCOMES

    grouped = board(request.owner)
    return render(request, "web/intros.html", {
        "groups": [(rows[0].status_label, status, rows) for status, rows in grouped.items()],
        "due": {row.id for row in follow_ups_due(request.owner, clock.today())},
        "outcomes": OUTCOMES, "draft": request.session.pop(INTRO_DRAFT, None), "form": form, "error": error,
    }, status=400 if error else 200)


@owner_view
def intros_page(request):
    return _board(request, {k: request.GET.get(k, "") for k in ("a", "b", "why")})


@require_POST
@owner_view
def intro_propose(request):
    from goodwill.services.intros import propose_intro
    from goodwill.web.views.log import pick_person

    owner, form = request.owner, {k: request.POST.get(k, "") for k in ("a", "b", "why")}
    try:
        intro = propose_intro(owner, pick_person(owner, form["a"]), pick_person(owner, form["b"]), form["why"])
    except UserError as exc:
        # Shown with the form as typed, so a misspelt name is fixed in place (as Quick log does).
        return _board(request, form, str(exc))
    messages.success(request, _drafted(request, intro, f"Introduction #{intro.pk} proposed: ask {intro.person_a.name} first."))
    return HttpResponseRedirect(reverse("web:intros"), status=303)


@require_POST
@owner_view
def intro_answer(request, intro_id):
    from goodwill.services.intros import record_answer

    intro = _intro(request.owner, intro_id)
    return act(request, lambda: record_answer(request.owner, intro, request.POST.get("side", ""), request.POST.get("answer", "")),
               lambda i: _drafted(request, i, f"#{i.pk} {i.person_a.name} ↔ {i.person_b.name}: {i.get_status_display()}."),
               "web:intros")


@require_POST
@owner_view
def intro_outcome(request, intro_id):
    from goodwill.services.intros import record_outcome

    intro = _intro(request.owner, intro_id)
    return act(request, lambda: record_outcome(request.owner, intro, request.POST.get("outcome", ""), request.POST.get("note", "")),
               lambda i: f"#{i.pk} {i.person_a.name} ↔ {i.person_b.name}: {i.get_status_display()}.", "web:intros")


@owner_view
def ledger_page(request):
    from goodwill.queries.ledger import balance_sheet
    from goodwill.web.charts import quarter_chart

    sheet = balance_sheet(request.owner, clock.today())
    return render(request, "web/ledger.html", {"sheet": sheet, "chart": quarter_chart(sheet.by_quarter)})
