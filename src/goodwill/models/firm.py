"""The firm: the users on one server, their teams and roles, what each shares, and the
firm's own records (key accounts, warm-introduction requests, handovers).

Every person and encounter still belongs to one owner: nothing here copies or merges
anyone's network. Colleagues see another's contacts only through SharingRule, and
confidential notes and encounters never, at any level (queries/firm_access.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from goodwill.models.base import Owned


class Role(models.TextChoices):
    """Cumulative: a partner can do what a member can, an admin what a partner can."""

    MEMBER = "member", "member"
    PARTNER = "partner", "partner"  # sees the firm views (key relationships, momentum, balance sheet)
    ADMIN = "admin", "admin"  # manages users and teams, records departures


ROLE_RANK = {Role.MEMBER: 0, Role.PARTNER: 1, Role.ADMIN: 2}


class ShareLevel(models.TextChoices):
    """What colleagues may see of a contact, each level adding to the one before."""

    NOTHING = "nothing", "nothing"
    KNOWS = "knows", "that I know them and how well"
    LAST_MET = "last_met", "plus when we last met"
    SUMMARIES = "summaries", "plus summaries of encounters (never confidential ones)"


SHARE_RANK = {ShareLevel.NOTHING: 0, ShareLevel.KNOWS: 1, ShareLevel.LAST_MET: 2, ShareLevel.SUMMARIES: 3}
DEFAULT_SHARE_LEVEL = ShareLevel.KNOWS


class Team(models.Model):
    """A practice group or an office. A member may belong to several."""

    name = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(models.Model):
    """A user's place in the firm. A user without a row is a member with the defaults
    (queries.firm_access.member_of): reads never create one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="firm_member")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    # Firm momentum counts only the professionals who chose to share it.
    share_momentum = models.BooleanField(default=False)
    departed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class SharingRule(Owned):
    """What colleagues may see of the owner's contacts: for one person, for a circle, or
    (neither set) the owner's default. The most specific rule wins; no rule at all means
    DEFAULT_SHARE_LEVEL."""

    circle = models.ForeignKey("goodwill.Circle", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("goodwill.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=10, choices=ShareLevel.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(circle__isnull=True) | Q(person__isnull=True), name="sharing_rule_one_scope"
            ),
            models.UniqueConstraint(
                fields=["owner"], condition=Q(circle__isnull=True, person__isnull=True), name="sharing_default_once"
            ),
            models.UniqueConstraint(
                fields=["owner", "circle"], condition=Q(circle__isnull=False), name="sharing_circle_once"
            ),
            models.UniqueConstraint(
                fields=["owner", "person"], condition=Q(person__isnull=False), name="sharing_person_once"
            ),
        ]


class KeyAccount(models.Model):
    """An organization the firm's partners watch: a key client or a target. Matched to
    each professional's organizations by key (habits.firm_keys.org_key), never by id."""

    CLIENT, TARGET = "client", "target"
    KINDS = [(CLIENT, "key client"), (TARGET, "target")]

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=KINDS, default=CLIENT)
    note = models.CharField(max_length=500, blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IntroRequest(models.Model):
    """ "Ask Dana to introduce me to Priya at Acme": private between the two colleagues.

    `target` is the person in the colleague's network; the requester sees of them only what
    the colleague's sharing allows. Accepted, it becomes an Introduction in the colleague's
    network (double opt-in, as any other) and both balance sheets remember it."""

    ASKED, MORE, ACCEPTED, DECLINED, WITHDRAWN = "asked", "more", "accepted", "declined", "withdrawn"
    STATUSES = [
        (ASKED, "asked"),
        (MORE, "asked for more"),
        (ACCEPTED, "accepted"),
        (DECLINED, "declined"),
        (WITHDRAWN, "withdrawn"),
    ]
    OPEN_STATUSES = (ASKED, MORE)

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    colleague = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("goodwill.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=1000)
    status = models.CharField(max_length=10, choices=STATUSES, default=ASKED)
    question = models.CharField(max_length=1000, blank=True)  # the colleague's "tell me more"
    reply = models.CharField(max_length=1000, blank=True)  # the requester's answer to it
    decline_note = models.CharField(max_length=1000, blank=True)
    introduction = models.ForeignKey(
        "goodwill.Introduction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["colleague", "status"], name="introreq_inbox"),
            models.Index(fields=["requester", "status"], name="introreq_outbox"),
        ]
        ordering = ["-created_at"]


class Handover(models.Model):
    """A departing professional's relationship at a key account, handed to a colleague with
    a note. What moves is in services.firm_departures; nothing confidential ever does."""

    leaver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(KeyAccount, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_person = models.ForeignKey(
        "goodwill.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_person = models.ForeignKey("goodwill.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)  # the person's name when handed over, if either record goes
    note = models.CharField(max_length=1000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()


class PersonStrength(models.Model):
    """A person's relationship strength as colleagues may see it (confidential encounters
    left out), kept for the firm views so no request recomputes a network.

    Refreshed for a person when an encounter with them is logged, and for everyone by the
    scheduled job as days pass (the score decays with time)."""

    person = models.OneToOneField(
        "goodwill.Person", on_delete=models.CASCADE, primary_key=True, related_name="stored_strength"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    score_quarter_ago = models.FloatField()  # the same events scored 90 days ago: a falling tie shows
    parts = models.JSONField(default=list)  # [{"kind", "count", "points"}], as strength_fields gives
    last_met = models.DateField(null=True, blank=True)
    computed_on = models.DateField()
    stale = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "score"], name="strength_owner_score"),
            # Partial: only the few rows waiting for a refresh (the worker looks every tick).
            models.Index(fields=["person"], condition=models.Q(stale=True), name="strength_stale"),
        ]
