"""Headers every response carries, and what changes when it is served over TLS.

- A Content-Security-Policy: scripts and styles only from this site's own files
  (no inline script, no inline style, no eval), nothing framed, no plugins, forms
  post only here.
- Over TLS (request.is_secure(): https, or a proxy's X-Forwarded-Proto when
  GOODWILL_TLS_PROXY is set), cookies are marked Secure. HSTS is added by
  Django's SecurityMiddleware, which sends it only over TLS too. Plain http on
  loopback (the laptop) is left alone: a Secure cookie would never come back.
- Behind that proxy, the login lockout counts failures per visitor's address
  (client_address), not per the proxy's."""

from __future__ import annotations

from goodwill.web.auth import is_loopback

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # data: for the empty favicon
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The API's Swagger UI (django-ninja's page, its own files) sets inline styles.
DOCS_PATH = "/api/docs"
DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Sits right after Django's SecurityMiddleware, so it sees the cookies every
    later middleware (sessions, CSRF) has set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = DOCS_POLICY if request.path.startswith(DOCS_PATH) else CONTENT_SECURITY_POLICY
        response.setdefault("Content-Security-Policy", policy)
        if request.is_secure():
            for cookie in response.cookies.values():
                cookie["secure"] = True
        return response


def client_address(request) -> str | None:
    """The visitor's address for the login lockout (AXES_CLIENT_IP_CALLABLE, set with
    GOODWILL_TLS_PROXY). Behind a proxy on this machine every request comes from
    loopback, and five wrong passwords from anyone would lock a user out for
    everyone: take the last X-Forwarded-For entry instead, the one the proxy added
    (any before it, the visitor could have typed)."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and is_loopback(remote):
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return remote
