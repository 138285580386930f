"""Radicale's auth plugin: the Goodwill username and a device password, checked by
services.dav_passwords through Django's authenticate, so wrong passwords count toward
the web login's lockout (django-axes) and a locked-out user is refused here too."""

from __future__ import annotations

from radicale.auth import AuthContext, BaseAuth

from goodwill.dav import context


class Auth(BaseAuth):
    def _login_ext(self, login: str, password: str, auth_context: AuthContext) -> str:
        from goodwill.services.dav_passwords import check_device_password

        state = context.current.get()
        user = check_device_password(login, password, state.request if state is not None else None)
        return user.get_username() if user is not None else ""

    def _login(self, login: str, password: str) -> str:  # Radicale's abstract method; _login_ext is used
        return self._login_ext(login, password, AuthContext())
