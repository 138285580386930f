# Issue 18: Today's lists read in their own order, a few rows each.
# person_rhythm_due: who is most overdue, a rhythm at a time (queries/rhythm._ranked_ids).
# step_due_order: my promises, soonest first, whichever side holds the ball.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("goodwill", "0022_birthday_day_everywhere"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["owner", "archived_at", "rhythm_days", "due_day", "name"],
                include=("id", "snoozed_until"),
                name="person_rhythm_due",
            ),
        ),
        migrations.AddIndex(
            model_name="nextstep",
            index=models.Index(fields=["owner", "status", "due_on", "id"], name="step_due_order"),
        ),
    ]
