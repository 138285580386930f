"""Django settings, built from goodwill.config (environment and data folder).

Only cheap imports here: every CLI command that touches the database loads
this module, so the web stack's apps are named, never imported, at this point."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import dj_database_url

from goodwill import config

DEBUG = False
SECRET_KEY = os.environ.get("GOODWILL_SECRET_KEY", "goodwill-local-only-key-not-for-servers")
# `goodwill serve --host NAME` adds the name it is served at (GOODWILL_ALLOWED_HOSTS, comma-separated).
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h.strip() for h in os.environ.get("GOODWILL_ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "goodwill.apps.GoodwillConfig",
]
# Sessions, messages, static files, login throttling and the API docs' Swagger UI
# (the "ninja" app; importing django-ninja alone costs ~0.1 s) matter only to the
# web server: a CLI command never loads them. `goodwill serve` and the tests set
# GOODWILL_WEB=1 before Django starts; the web's tables are migrated then.
WEB = config.web_apps()
if WEB:
    INSTALLED_APPS[2:2] = [
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
        "axes",
        "ninja",
    ]
# Scheduled work (issue 15): Django's Tasks framework (the django-tasks backport) with its
# database backend, so a laptop needs no extra service and a firm's workers share PostgreSQL.
# Installed only where work is queued or run: the web server (its worker and scheduler) and
# `goodwill worker`, which sets GOODWILL_QUEUE=1. Loading it costs every other command ~60 ms
# (the package runs django_stubs_ext's monkeypatch, which imports the admin and the syndication
# views, and reads its version from the installed packages' metadata); its tables are
# migrated by the first command that installs it (goodwill.db.ensure_schema).
QUEUE = config.queue_apps()
if QUEUE:
    INSTALLED_APPS += ["django_tasks", "django_tasks_db"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP on every response; Secure cookies when the request came over TLS (goodwill/web/security.py).
    "goodwill.web.security.SecurityHeadersMiddleware",
    # Static files straight from the package (WHITENOISE_USE_FINDERS): no collectstatic step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # A NotFound from an owned lookup that a web view let through: the 404 page (the API answers it itself).
    "goodwill.web.common.NotFoundMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,  # goodwill/templates/web/*.html
        "OPTIONS": {
            "autoescape": True,
            "builtins": ["goodwill.web.templatetags"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Last: a page rendered for the page cache gets a placeholder CSRF token.
                "goodwill.web.page_cache.csrf_placeholder",
            ],
        },
    }
]

# Rendered pages, per process, keyed by the data-change marker (goodwill/web/page_cache.py).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "goodwill-default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "goodwill-pages",
        "TIMEOUT": 120,  # keys carry the minute: an entry is dead a minute later anyway
        "OPTIONS": {"MAX_ENTRIES": 400},
    },
}

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
# Vendored files carry their version in their name; the stylesheet is small.
WHITENOISE_MAX_AGE = 3600

# Django's database sessions, read through a compile-once statement (web/sessions.py).
SESSION_ENGINE = "goodwill.web.sessions"
# Strict cookies: never sent cross-site, never readable by scripts.
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 14 * 24 * 3600
CSRF_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
# Over TLS, cookies are marked Secure per request (goodwill/web/security.py); this
# forces it for every response (plain http then can't log in).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("GOODWILL_SECURE_COOKIES", "") not in ("", "0", "false")
# Behind a TLS proxy that sets X-Forwarded-Proto (and strips the visitor's own):
# GOODWILL_TLS_PROXY=1 lets Django see such requests as https (is_secure()), so
# they get HSTS and Secure cookies, and the CSRF check expects an https Origin.
# The login lockout then counts per visitor (X-Forwarded-For), not per the proxy.
if os.environ.get("GOODWILL_TLS_PROXY", "") not in ("", "0", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "goodwill.web.security.client_address"
# Sent by SecurityMiddleware only on requests that came over TLS, never on plain http.
SECURE_HSTS_SECONDS = 365 * 24 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:today"

# Without a login, the local default user is used only when `goodwill serve`
# listens on loopback (it sets this); a firm's server never does.
GOODWILL_LOCAL_LOGIN = os.environ.get("GOODWILL_LOCAL_LOGIN", "") not in ("", "0", "false")

AUTHENTICATION_BACKENDS = [
    *(
        ["axes.backends.AxesStandaloneBackend"] if WEB else []
    ),  # first: refuses a locked-out login before the password is checked
    # Django's ModelBackend, its user read compiled once (services/password_backend.py).
    "goodwill.services.password_backend.PasswordBackend",
    # The phone's device passwords (goodwill.dav); it answers only to device_password=, never to a login form.
    "goodwill.services.dav_passwords.DevicePasswordBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked.html"
AXES_VERBOSE = False

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Logging: Django's default less its mail_admins handler, set up by GoodwillConfig.ready()
# (goodwill/apps.py says why: ~3 ms of every command's start-up), so Django's own is off.
LOGGING_CONFIG = None

# Outgoing mail: each message gets its connection from goodwill.services.outbox (the
# environment's server for a firm, else the user's own from Settings); never the console.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

USE_TZ = True
TIME_ZONE = config.time_zone()
USE_I18N = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Uploads above this go to a temporary file rather than memory (imports can be large).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


# `goodwill serve` keeps each thread's connection open between requests (set before
# Django starts): opening one, with its PRAGMAs, costs more than a cached page.
# Commands and tests open one per use.
CONN_MAX_AGE = int(os.environ.get("GOODWILL_CONN_MAX_AGE", "0"))

# SQLite's page cache for each connection, in KiB (None: SQLite's own 2 MB). A server keeps a
# connection per thread, each with its own cache, and the operating system caches the file
# for all of them anyway: `goodwill serve` sets 512 (docs/performance.md, "A server's
# threads and SQLite's caches").
try:
    SQLITE_CACHE_KIB = config.sqlite_cache_kib()
except ValueError:  # `goodwill serve` says so at start; a one-off command keeps SQLite's own
    SQLITE_CACHE_KIB = None


# Parallel query only burns the second core on a personal network's small reads (the
# agenda's ranking ran as a parallel plan at 100k people); the app's sessions turn it off.
# work_mem: pass-on's ranking at 100k people adds up postings for ~90,000 people, a 15 MB
# hash table that spilled to disk at the default 4 MB (p95 of the search ~100 ms → ~80 ms).
POSTGRES_SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0 -c work_mem=16MB"
POSTGRES_PREPARE_AFTER = 5  # psycopg's own default: a one-off statement is never prepared


def _database() -> dict[str, Any]:
    url = os.environ.get(config.ENV_TEST_DATABASE_URL) or config.database_url()
    if url:
        database: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE, conn_health_checks=CONN_MAX_AGE > 0)
        )
        if "postgresql" in str(database["ENGINE"]):
            options = dict(database.get("OPTIONS", {}))
            # Ahead of the URL's own `options`, which keep their say (a later -c wins).
            options["options"] = f"{POSTGRES_SESSION_OPTIONS} {options.get('options', '')}".strip()
            if os.environ.get("GOODWILL_POSTGRES_PREPARE", "1") != "0":
                # Values sent apart from the SQL, so psycopg can prepare a statement the
                # connection runs again (from its PREPARE_AFTER-th run): the server skips
                # parsing and planning it. GOODWILL_POSTGRES_PREPARE=0 for a pooler in
                # transaction mode that can't keep prepared statements (PgBouncer < 1.21).
                options.setdefault("server_side_binding", True)
                options.setdefault("prepare_threshold", POSTGRES_PREPARE_AFTER)
            database["OPTIONS"] = options
        return database
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(config.sqlite_path()),
        # Wait for a writer instead of failing at once with "database is locked".
        "OPTIONS": {"timeout": 10, "transaction_mode": "IMMEDIATE"},
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": CONN_MAX_AGE > 0,
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "goodwill.urls"
