from django.db import models
from django.db.models.functions import Lower

from goodwill.models.base import Owned


class Circle(Owned):
    """A group of people kept on the same rhythm (inner, close, network, outer)."""

    name = models.CharField(max_length=40)
    ideal_days = models.PositiveIntegerField()
    max_days = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="circle_name_per_owner")]
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Organization(Owned):
    name = models.CharField(max_length=200)
    # The name as the firm compares employers ("Acme, Inc." and "ACME" are one): habits.dupes.org_key.
    # Set on save; the bulk writers (imports, the demo) set it themselves.
    key = models.CharField(max_length=200, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="org_name_per_owner")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        from goodwill.habits.dupes import org_key  # here: phonenumbers and rapidfuzz cost every command ~40 ms

        self.key = org_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)


class Tag(Owned):
    name = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="tag_name_per_owner")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(Owned):
    name = models.CharField(max_length=200)
    # A stable vCard UID: exports, vdir sync and re-imports recognise the person by it.
    uid = models.CharField(max_length=200, blank=True, db_index=True)
    # Name parts as imported (vCard N, CSV columns), kept for round trips.
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    nickname = models.CharField(max_length=100, blank=True)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=200, blank=True)
    circle = models.ForeignKey(Circle, null=True, blank=True, on_delete=models.SET_NULL)
    # A personal cadence overrides the circle's; max gap follows it (1.5×).
    cadence_days = models.PositiveIntegerField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    how_met = models.TextField(blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    birthday = models.CharField(max_length=10, blank=True)  # YYYY-MM-DD or --MM-DD
    industry = models.CharField(max_length=120, blank=True)

    # Where they are: free text ("Austin, TX"), geocoded offline (goodwill.services.places).
    location = models.CharField(max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geo_precision = models.CharField(max_length=12, blank=True)  # address, postal_code, city, region, country
    geo_status = models.CharField(max_length=12, blank=True)  # resolved, ambiguous, unresolved, confirmed
    timezone = models.CharField(max_length=64, blank=True)
    place_label = models.CharField(max_length=300, blank=True)  # what it resolved to: "Austin, Texas, United States"
    region = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=2, blank=True)  # ISO 3166-1 alpha-2
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    extra = models.JSONField(default=dict, blank=True)  # imported fields with no home, kept for export
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    # Rhythm cache, maintained only by goodwill.services.rhythm so the agenda
    # can find who is due among 100,000 people with one indexed range scan.
    last_touch_at = models.DateTimeField(null=True, blank=True)
    rhythm_days = models.PositiveIntegerField(default=90)
    rhythm_max_days = models.PositiveIntegerField(default=135)
    due_day = models.IntegerField(default=0)  # days since 1970-01-01

    class Meta:
        indexes = [
            # Covers the agenda's due filter and its overdue ratio, so ranking reads no rows.
            # SQLite's rowid gives the id for free; PostgreSQL needs it included to stay index-only.
            models.Index(
                fields=["owner", "archived_at", "due_day", "snoozed_until", "rhythm_days", "name"],
                include=["id"],
                name="person_due",
            ),
            # How many are due (Today's "Due for a touch" total): the same range as person_due in
            # under half its width, so counting 20,000 due people reads a third fewer pages.
            models.Index(fields=["owner", "archived_at", "due_day", "snoozed_until"], name="person_due_count"),
            # The same ranking a rhythm at a time (queries/rhythm._ranked_ids): each rhythm's
            # most overdue are its first rows here, and its distinct rhythms a probe each.
            models.Index(
                fields=["owner", "archived_at", "rhythm_days", "due_day", "name"],
                include=["id", "snoozed_until"],
                name="person_rhythm_due",
            ),
            models.Index(fields=["owner", "name"], name="person_name"),
            models.Index(fields=["owner", "latitude", "longitude"], name="person_geo"),
            # Birthdays (this week's on Today, the year's in the calendar feed) have
            # person_birthday_day, on the month and day of those who have one: migration 0022
            # writes it as SQL, the same expression as queries/yearly_sql.MonthDay.
            # The firm's who-knows-whom finds the same person across networks by name (any owner).
            models.Index(Lower("name"), name="person_name_lower"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactPoint(Owned):
    EMAIL, PHONE, URL = "email", "phone", "url"
    KINDS = [(EMAIL, "email"), (PHONE, "phone"), (URL, "url")]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=10, choices=KINDS)
    value = models.CharField(max_length=320)  # as entered
    normalized = models.CharField(max_length=320, db_index=True)  # lower-cased email, E.164 phone
    label = models.CharField(max_length=60, blank=True)  # work, home, mobile, or a custom label
    preferred = models.BooleanField(default=False)

    class Meta:
        # The person among the columns: an import asks which person holds each of a file's
        # keys, and SQLite answers from the index alone, without a look-up of each row.
        indexes = [models.Index(fields=["owner", "kind", "normalized", "person"], name="contact_lookup")]


class Address(Owned):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(max_length=60, blank=True)
    street = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=120, blank=True)
    po_box = models.CharField(max_length=60, blank=True)
    extended = models.CharField(max_length=200, blank=True)  # apartment, suite
    formatted = models.TextField(blank=True)  # the printable label an address book kept
    preferred = models.BooleanField(default=False)

    def one_line(self) -> str:
        return ", ".join(p for p in [self.street, self.city, self.region, self.postal_code, self.country] if p)


class Photo(Owned):
    """A person's picture, as imported (kept so exports round-trip)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="photo")
    media_type = models.CharField(max_length=60, blank=True)
    data = models.BinaryField(null=True, blank=True)
    uri = models.CharField(max_length=1000, blank=True)  # a remote PHOTO URL, never fetched


class ImportantDate(Owned):
    """A yearly date worth a touch: an anniversary, a work anniversary, a custom date.
    Birthdays live on Person.birthday; these are the others. The year may be unknown."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="important_dates")
    label = models.CharField(max_length=60)  # "anniversary", "work anniversary", "kids' birthday", ...
    month = models.PositiveSmallIntegerField()
    day = models.PositiveSmallIntegerField()
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["month", "day", "label"]


class PersonDeletion(Owned):
    owned_noun = "deleted person"
    """A deleted person, with everything needed to bring them back (the merge's
    snapshot format): nothing is gone until the user empties it."""

    person_id = models.BigIntegerField()  # the person's former id, restored on undo
    name = models.CharField(max_length=200)
    snapshot = models.JSONField()
    created_at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
