"""A promise's three endings besides done, from its row on a Person page: an agreed new date
(the old one kept and counted as a renegotiation), released (they let me off: it does not
count against my record) and broken. The same services as `goodwill renegotiate`, `release`
and `broken` and the API's /steps/{id}/renegotiate, /release and /broken (services.promises)."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from goodwill.web.auth import owner_view
from goodwill.web.common import act, step_of
from goodwill.web.forms.today import NewDateForm


@require_POST
@owner_view
def renegotiate(request, step_id: int):
    from goodwill.services.promises import renegotiate as agree_new_date

    step = step_of(request.owner, step_id)  # someone else's: 404
    form = NewDateForm(request.POST)
    return act(
        request,
        lambda: agree_new_date(request.owner, step, form.values()["due"]),
        lambda changed: (
            f"New date agreed for “{step.text}”: {changed.due_on:%a %d %b}; the old one stays in its history."
        ),
    )


@require_POST
@owner_view
def release(request, step_id: int):
    from goodwill.services.promises import release as let_off

    step = step_of(request.owner, step_id)
    return act(
        request,
        lambda: let_off(request.owner, step),
        f"Released: “{step.text}”. It does not count against your keeping record.",
    )


@require_POST
@owner_view
def broken(request, step_id: int):
    from goodwill.services.promises import mark_broken

    step = step_of(request.owner, step_id)
    return act(request, lambda: mark_broken(request.owner, step), f"Counted as broken: “{step.text}”.")
