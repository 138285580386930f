"""The daily digest as it would be sent now, sent nowhere: `goodwill remind preview` and
GET /api/v1/reminders/digest/preview in the browser (services.digest.preview_digest).

The page shows the subject and the text part; the HTML part is its own answer, framed by the
page. A srcdoc frame would inherit the site's policy, which forbids the inline styles a mail
needs, so the message is served with a policy of its own: inline styles and nothing else (no
script, no fetch, no form), sandboxed, framed only by this site. Its links open in a new tab
and work as a sent digest's do (once, for 7 days): a one-click page refuses to be framed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from goodwill.web.auth import owner_view

MESSAGE_POLICY = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",  # a mail's styles are inline (templates/mail/digest.html)
        "img-src data:",
        "form-action 'none'",
        "frame-ancestors 'self'",
        "sandbox allow-popups allow-popups-to-escape-sandbox",
    ]
)
NEW_TAB = '<base target="_blank">'


@never_cache  # its links act without a login for a week: no browser or proxy keeps them
@require_GET
@owner_view
def digest_preview(request):
    from goodwill.queries.reach import reach_settings_for
    from goodwill.services.digest import digest_address, preview_digest

    # The text part is rendered with autoescape off (it is plain text) and comes back marked safe:
    # the page escapes it itself (force_escape), or a name with markup would be markup here.
    context = {
        "rendered": preview_digest(request.owner),
        "digest_on": reach_settings_for(request.owner).digest_on,
        "sent_to": digest_address(request.owner),
    }
    return render(request, "web/digest_preview.html", context)


@never_cache
@xframe_options_sameorigin
@require_GET
@owner_view
def digest_preview_message(request):
    """The HTML part alone, as the preview page frames it."""
    from goodwill.services.digest import preview_digest

    html = preview_digest(request.owner).html.replace("<head>", "<head>\n" + NEW_TAB, 1)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = MESSAGE_POLICY  # the site's own would be set otherwise
    response["Referrer-Policy"] = "no-referrer"
    return response
