"""Token authentication: `Authorization: Bearer <token>`."""

from __future__ import annotations

from ninja.security import HttpBearer


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from goodwill.services.tokens import authenticate

        user = authenticate(token.strip())
        if user is not None:
            request.user = user
        return user
