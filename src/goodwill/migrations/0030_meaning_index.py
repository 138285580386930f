# Which sentence model made each owner's stored vectors (models.MeaningIndex), so that a
# release with another model can tell the vectors apart and make them again in the background
# (goodwill.search.model_upgrade) instead of ranking by products across two models' spaces.
# Every vector stored before this migration was made by the model shipped until then: its
# version is frozen here (not imported), so a later model change never alters this migration.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODEL_UNTIL_NOW = "minilm-l6-v2-int8-1"


def stamp_owners_with_vectors(apps, schema_editor):
    FieldVector = apps.get_model("goodwill", "FieldVector")
    MeaningIndex = apps.get_model("goodwill", "MeaningIndex")
    owners = FieldVector.objects.values_list("owner_id", flat=True).distinct()
    MeaningIndex.objects.bulk_create([MeaningIndex(owner_id=o, model_version=MODEL_UNTIL_NOW) for o in owners])


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("goodwill", "0029_contact_lookup_person"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeaningIndex",
            fields=[
                (
                    "owner",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("model_version", models.CharField(max_length=64)),
                ("upgrading_to", models.CharField(blank=True, max_length=64)),
                ("upgraded_through", models.BigIntegerField(default=0)),
                ("claimed_until", models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.RunPython(stamp_owners_with_vectors, migrations.RunPython.noop),
    ]
