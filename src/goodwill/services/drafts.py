"""The messages Goodwill drafts for me to send (pass it on, introductions): signed with my own
name, addressed to the person's email, and ready to open in a mail program (a mailto: link).

Only what a draft already holds goes into the link: the drafts quote nothing confidential."""

from __future__ import annotations

from urllib.parse import quote

SIGNATURE_MAX = 200


def signature(owner) -> str:
    """How I sign: the signature setting, else my full name, else my login name. The laptop's
    local user has no name of its own ("me" is not one to sign with): empty until it is set."""
    from goodwill.services.accounts import LOCAL_USERNAME, settings_for

    own = " ".join((settings_for(owner).signature or "").split())
    login = owner.get_username()
    return own or owner.get_full_name().strip() or ("" if login == LOCAL_USERNAME else login)


def signed(body: str, owner) -> str:
    """The draft with my name under its closing ("Best,")."""
    name = signature(owner)
    return f"{body.rstrip()}\n{name}" if name else body.rstrip()


def email_of(person) -> str:
    """The address to send a draft to: the preferred email, else the first one; empty when none."""
    from goodwill.models import ContactPoint

    return (
        ContactPoint.objects.filter(person=person, kind=ContactPoint.EMAIL)
        .order_by("-preferred", "id")
        .values_list("value", flat=True)
        .first()
        or ""
    )


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto: link with the subject and body filled in, every part URL-encoded (RFC 6068).
    Several addresses are separated by commas."""
    to = quote(address.strip(), safe="@,")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def set_signature(owner, value: str) -> str:
    """Change how drafts are signed; empty goes back to my name."""
    from goodwill.errors import InvalidInput
    from goodwill.services.accounts import settings_for_update

    text = " ".join((value or "").split())
    if len(text) > SIGNATURE_MAX:
        raise InvalidInput(
            f'the signature is {len(text)} characters; keep it to {SIGNATURE_MAX}, e.g. "Jane Doe, Acme Advisors"'
        )
    prefs = settings_for_update(owner)
    prefs.signature = text
    prefs.save(update_fields=["signature"])
    return text
