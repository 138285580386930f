"""Radicale's WSGI application, configured for Goodwill and made once per process."""

from __future__ import annotations

import functools


@functools.cache
def radicale_app():
    import radicale
    from radicale import config

    configuration = config.load()
    configuration.update(
        {
            "auth": {
                "type": "goodwill.dav.auth",
                # The lockout is django-axes' (services.dav_passwords); Radicale's own random
                # delay after a failure would only hold a server thread.
                "delay": "0",
                "cache_logins": "False",
                "realm": "Goodwill",
            },
            "rights": {"type": "goodwill.dav.rights", "permit_delete_collection": "False"},
            "storage": {"type": "goodwill.dav.storage"},
            "web": {"type": "none"},
            "sharing": {"type": "none"},
            "hook": {"type": "none"},
            "server": {"max_content_length": str(32 * 1024 * 1024)},
            "logging": {"level": "warning", "mask_passwords": "True"},
        },
        "goodwill",
        privileged=True,
    )
    return radicale.Application(configuration)
