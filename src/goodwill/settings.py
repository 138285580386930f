"""Django settings, built from goodwill.config (environment and data folder)."""
from __future__ import annotations

import os

import dj_database_url

from goodwill import config

DEBUG = False
SECRET_KEY = os.environ.get("GOODWILL_SECRET_KEY", "goodwill-local-only-key-not-for-servers")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "goodwill.apps.GoodwillConfig",
]

USE_TZ = True
TIME_ZONE = config.time_zone()
USE_I18N = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def _database() -> dict:
    url = os.environ.get(config.ENV_TEST_DATABASE_URL) or config.database_url()
    if url:
        return dj_database_url.parse(url, conn_max_age=0)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(config.sqlite_path()),
        # Wait for a writer instead of failing at once with "database is locked".
        "OPTIONS": {"timeout": 10, "transaction_mode": "IMMEDIATE"},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "goodwill.urls"
