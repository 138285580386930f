"""Forms of what colleagues see (Settings, the person page) and of members and teams (admins)."""

from __future__ import annotations

from goodwill.web.forms.base import Flag, Many, WebForm, box


class SharingForm(WebForm):
    """Settings' "What colleagues see": the default and the momentum box; circles are read
    by name (circle-<id>) in the view, one select each."""

    default = box()
    share_momentum = Flag()


class PersonSharingForm(WebForm):
    level = box()  # "" or "circle": as their circle


class MemberForm(WebForm):
    role = box()
    teams = Many(required=False)


class LoginForm(WebForm):
    username = box()
    password = box(strip=False)
    role = box()
    teams = Many(required=False)


class TeamForm(WebForm):
    name = box()
