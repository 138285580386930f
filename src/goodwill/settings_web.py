"""The settings with the web apps loaded (sessions, static files, login throttling,
the API docs): what the test suite runs. `goodwill serve` gets the same by setting
GOODWILL_WEB=1 before Django starts."""

import os

from goodwill import config

os.environ[config.ENV_WEB] = "1"

from goodwill.settings import *  # noqa: E402,F403
