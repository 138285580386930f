# Issue 17 at firm scale: the key relationships page in one pass.

import django.db.models.deletion
from django.db import migrations, models

# A person's stored shared score, reachable from the person (`stored_strength`), so one read
# of an account's records can join their fresh scores and find those without one together
# (queries.firm_accounts). The column and its constraint stay as they are: a related_name is
# Django's state only, no SQL.


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0018_import_prints")]

    operations = [
        migrations.AlterField(
            model_name="personstrength",
            name="person",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="stored_strength",
                serialize=False,
                to="goodwill.person",
            ),
        ),
    ]
