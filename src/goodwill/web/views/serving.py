"""Serving the network: Pass it on, the Introductions board, the Balance sheet.

Thin views over services.{pass_on,intros,ledger} and queries.{pass_on,intros,ledger}:
parse, authorize (every lookup by owner, anyone else's is a 404), render.

Every action is a plain form that posts and redirects back (works without
JavaScript). With htmx the same form posts in the background and the view
answers with only the section it changed (the ranking, the board, the sheet),
picked by the HX-Target the form names; a form elsewhere (the ideas on a
person's page) still gets the redirect and selects its own part."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from goodwill import clock
from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act, is_htmx, person_of, redirect_back
from goodwill.web.forms.serving import (
    AnswerForm,
    IntroForm,
    LaterForm,
    LedgerForm,
    LedgerStatusForm,
    OutcomeForm,
    PassOnForm,
)

KEPT_SHOWN = 50  # kept items listed on the pass-on page, newest first
DRAFTS = "pass_on_drafts"  # the drafted messages, shown once after the redirect
INTRO_DRAFT = "intro_draft"


def in_place(request, target: str) -> bool:
    """An htmx request from a form of this page that swaps the section `target`."""
    return is_htmx(request) and request.headers.get("HX-Target") == target


def _pass_on(request, item: dict, *, sent=None, error: str | None = None):
    """The page, or with htmx only its result section (#pass-on-result): the ranking, any drafts,
    and what is kept for later."""
    from goodwill.queries.pass_on import kept_items, pass_on_ranking, same_kept
    from goodwill.services.pass_on import VIA

    owner = request.owner
    context = {"item": item, "ranking": None, "error": error, "via_choices": VIA, "sent": sent, "kept_now": None}
    if item["text"]:
        try:
            ranking = context["ranking"] = pass_on_ranking(
                owner, item["text"], url=item["url"], tags=[item["tags"]] if item["tags"] else None
            )
        except UserError as exc:
            context["error"] = str(exc)
        else:
            if ranking.nobody:
                context["kept_now"] = same_kept(owner, ranking.text, ranking.url)
    context["kept"] = [
        {"item": k, "who_now": urlencode({"text": k.text, "url": k.url, "tags": ", ".join(k.tags)})}
        for k in kept_items(owner, limit=KEPT_SHOWN)
    ]
    template = "web/_pass_on_result.html" if in_place(request, "pass-on-result") else "web/pass_on.html"
    return render(request, template, context, status=400 if context["error"] else 200)


def _pass_on_act(request, item: dict, work, success):
    """Keep or forget: with htmx from this page, the message and #pass-on-result drawn again
    (the ranking as it was, the kept list as it is now); otherwise the message, and back."""
    back = reverse("web:pass-on") + ("?" + urlencode(item) if item["text"] else "")
    try:
        done = work()
    except UserError as exc:
        if in_place(request, "pass-on-result"):
            return _pass_on(request, item, error=str(exc))
        messages.error(request, str(exc))
        return HttpResponseRedirect(back, status=303)
    messages.success(request, success(done))
    if in_place(request, "pass-on-result"):
        return _pass_on(request, item)
    return HttpResponseRedirect(back, status=303)


@owner_view
def pass_on_page(request):
    return _pass_on(request, PassOnForm(request.GET).item(), sent=request.session.pop(DRAFTS, None))


@require_POST
@owner_view
def pass_on_share(request):
    from goodwill.services.pass_on import pass_on_as_ranked

    owner, form = request.owner, PassOnForm(request.POST)
    item, share = form.item(), form.values()
    people = [person_of(owner, i) for i in share["person"]]  # someone else's person: 404
    back = reverse("web:pass-on") + "?" + urlencode(item)
    try:
        sent = pass_on_as_ranked(
            owner,
            item["text"],
            people,
            url=item["url"],
            tags=[item["tags"]] if item["tags"] else None,
            via=share["via"],
        )
    except UserError as exc:
        if in_place(request, "pass-on-result"):
            return _pass_on(request, item, error=str(exc))
        messages.error(request, str(exc))
        return HttpResponseRedirect(back, status=303)
    drafts = [
        {
            "name": s.person.name,
            "person_id": s.person.pk,
            "share": s.share.pk,
            "draft": s.draft,
            "email": s.email,
            "mailto": s.mailto,
        }
        for s in sent
    ]
    names = ", ".join(s.person.name for s in sent)
    messages.success(request, f"Recorded: passed on to {names} (ledger: information given).")
    if in_place(request, "pass-on-result"):
        return _pass_on(request, item, sent=drafts)
    request.session[DRAFTS] = drafts  # shown once, after the redirect
    return HttpResponseRedirect(back, status=303)


@require_POST
@owner_view
def pass_on_keep(request):
    """Keep the item for later, typically when no one stands out for it."""
    from goodwill.services.pass_on import keep_item

    item = PassOnForm(request.POST).item()
    return _pass_on_act(
        request,
        item,
        lambda: keep_item(request.owner, item["text"], url=item["url"], tags=[item["tags"]] if item["tags"] else None),
        lambda kept: f'Kept for later: "{kept.title}". It waits under "Kept for later" until someone stands out.',
    )


@require_POST
@owner_view
def pass_on_forget(request, item_id):
    """Forget a kept item; the form carries the page's item, so its ranking stays in view."""
    from goodwill.queries.pass_on import kept_item
    from goodwill.services.pass_on import forget_item

    kept = kept_item(request.owner, item_id)  # anyone else's, or one passed on: 404
    return _pass_on_act(
        request,
        PassOnForm(request.POST).item(),
        lambda: forget_item(request.owner, kept.pk),
        lambda gone: f'Forgot "{gone.title}".',
    )


def _drafted(request, intro, message: str) -> str:
    """Keep the next message to send for the board to show once (a flash would lose its lines)."""
    from goodwill.services.intros import draft_for, draft_mailto

    draft = draft_for(intro)
    if draft:
        request.session[INTRO_DRAFT] = {"id": intro.pk, "draft": draft, "mailto": draft_mailto(intro)}
    return message


def _intro(owner, intro_id):
    from goodwill.services.intros import get_intro

    return get_intro(owner, intro_id)  # anyone else's: NotFound, the 404 page


def _board(request, form: dict, error: str | None = None, *, changed: int | None = None):
    """The board, or with htmx only #board (the form, the draft and the groups: an answer moves a row)."""
    from goodwill.queries.intros import board, follow_ups_due
    from goodwill.services.intros import OUTCOMES

    grouped = board(request.owner)
    template = "web/_intros_board.html" if in_place(request, "board") else "web/intros.html"
    return render(
        request,
        template,
        {
            "groups": [(rows[0].status_label, status, rows) for status, rows in grouped.items()],
            "due": {row.id for row in follow_ups_due(request.owner, clock.today())},
            "outcomes": OUTCOMES,
            "draft": request.session.pop(INTRO_DRAFT, None),
            "form": form,
            "error": error,
            "changed": changed,
        },
        status=400 if error else 200,
    )


def _act_in_place(request, target: str, work, success, section, back: str):
    """An action on a row: with htmx from this page, its message and the section `target`
    drawn again by `section()`; otherwise the message, and back to `back`."""
    return act(request, work, success, back, respond=section if in_place(request, target) else None)


def _board_act(request, intro, work, success):
    """An answer or an outcome: in place (the board) with htmx, else the message and back to the board."""
    return _act_in_place(request, "board", work, success, lambda: _board(request, {}, changed=intro.pk), "web:intros")


@owner_view
def intros_page(request):
    return _board(request, IntroForm(request.GET).typed())


@require_POST
@owner_view
def intro_propose(request):
    from goodwill.services.intros import propose_intro
    from goodwill.web.views.log import pick_person

    owner, intro_form = request.owner, IntroForm(request.POST)
    form, from_elsewhere = intro_form.typed(), bool(intro_form.value("next"))
    try:
        intro = propose_intro(owner, pick_person(owner, form["a"]), pick_person(owner, form["b"]), form["why"])
    except UserError as exc:
        if from_elsewhere:  # proposed from elsewhere (a person's ideas): the message, and back there
            messages.error(request, str(exc))
            return redirect_back(request, "web:intros")
        # Shown with the form as typed, so a misspelt name is fixed in place (as Quick log does).
        return _board(request, form, str(exc))
    done = f"Introduction #{intro.pk} proposed: ask {intro.person_a.name} first."
    if from_elsewhere:  # from a person's ideas: the question to send waits on the board
        done += " The message to send is on the Introductions board."
    messages.success(request, _drafted(request, intro, done))
    if in_place(request, "board"):
        return _board(request, {}, changed=intro.pk)
    return redirect_back(request, "web:intros")


@require_POST
@owner_view
def intro_answer(request, intro_id):
    from goodwill.services.intros import record_answer

    intro = _intro(request.owner, intro_id)
    answer = AnswerForm(request.POST).values()
    return _board_act(
        request,
        intro,
        lambda: record_answer(request.owner, intro, answer["side"], answer["answer"]),
        lambda i: _drafted(request, i, f"#{i.pk} {i.person_a.name} ↔ {i.person_b.name}: {i.get_status_display()}."),
    )


@require_POST
@owner_view
def intro_later(request, intro_id):
    """Follow an introduction up on a later day, as `goodwill intro later` (services.intros.postpone)."""
    from goodwill.services.intros import postpone

    intro = _intro(request.owner, intro_id)
    form = LaterForm(request.POST)
    return _board_act(
        request,
        intro,
        lambda: postpone(request.owner, intro, form.values()["on"]),
        lambda i: f"#{i.pk} {i.person_a.name} ↔ {i.person_b.name}: follow up on {i.follow_up_on:%a %d %b}.",
    )


@require_POST
@owner_view
def intro_outcome(request, intro_id):
    from goodwill.services.intros import record_outcome

    intro = _intro(request.owner, intro_id)
    outcome = OutcomeForm(request.POST).values()
    return _board_act(
        request,
        intro,
        lambda: record_outcome(request.owner, intro, outcome["outcome"], outcome["note"]),
        lambda i: f"#{i.pk} {i.person_a.name} ↔ {i.person_b.name}: {i.get_status_display()}.",
    )


def _sheet(request, form: dict | None = None, error: str | None = None):
    """The balance sheet, or with htmx only #sheet (a new line moves the totals, the chart and the tables)."""
    from goodwill.queries.ledger import balance_sheet, pending
    from goodwill.services.ledger import DIRECTIONS, KINDS, default_currency
    from goodwill.web.charts import quarter_chart

    sheet = balance_sheet(request.owner, clock.today())
    template = "web/_ledger_sheet.html" if in_place(request, "sheet") else "web/ledger.html"
    return render(
        request,
        template,
        {
            "sheet": sheet,
            "chart": quarter_chart(sheet.by_quarter),
            "pending": pending(request.owner),
            "kinds": KINDS,
            "directions": DIRECTIONS,
            "form": form or {"direction": "given", "kind": "advice"},
            "error": error,
            "default_currency": default_currency(request.owner),
        },
        status=400 if error else 200,
    )


@owner_view
def ledger_page(request):
    return _sheet(request)


@require_POST
@owner_view
def ledger_add(request):
    """One line by hand, as `goodwill ledger add` records it."""
    from goodwill.services.ledger import add_exchange
    from goodwill.web.views.log import pick_person

    owner, ledger_form = request.owner, LedgerForm(request.POST)
    form = ledger_form.typed()
    try:
        who = pick_person(owner, form["person"])
        line = ledger_form.values()
        row = add_exchange(
            owner,
            who,
            line["kind"],
            line["direction"],
            on=line["on"],
            description=line["description"],
            amount=line["amount"] or None,
            currency=line["currency"],
        )
    except UserError as exc:
        # Shown with the form as typed, so a slip is fixed in place.
        return _sheet(request, form, str(exc))
    messages.success(request, f"Recorded: {row.kind} {row.direction}, {row.person.name}.")
    if in_place(request, "sheet"):
        return _sheet(request)
    return redirect_back(request, "web:ledger")


@require_POST
@owner_view
def ledger_status(request, entry_id: int):
    """A pending referral or lead was won or lost."""
    from goodwill.services.ledger import get_exchange, set_status

    row = get_exchange(request.owner, entry_id)  # anyone else's: NotFound, the 404 page
    status = LedgerStatusForm(request.POST).values()["status"]
    return _act_in_place(
        request,
        "sheet",
        lambda: set_status(request.owner, row, status),
        lambda r: f"{r.kind.capitalize()} for {r.person.name}: {r.status}.",
        lambda: _sheet(request),
        "web:ledger",
    )
