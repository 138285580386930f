"""The firm's insight endpoints under /api/v1/firm (docs/firm.md). Each acts for request.auth and asks
queries.firm_access what that user may see."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["firm"])
