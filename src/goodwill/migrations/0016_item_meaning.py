from django.db import migrations, models


class Migration(migrations.Migration):
    """An item's meaning vector, kept with it (queries.pass_on.item_vector): the ideas on a
    person's page then rank kept items without running the model."""

    dependencies = [("goodwill", "0015_firm_org_indexes")]

    operations = [
        migrations.AddField(
            model_name="item", name="meaning_digest", field=models.CharField(blank=True, max_length=40)
        ),
        migrations.AddField(model_name="item", name="meaning", field=models.BinaryField(blank=True, null=True)),
    ]
