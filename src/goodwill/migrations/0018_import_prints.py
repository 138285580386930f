# Issue 18: fingerprints of imported records, so a re-import knows "unchanged" without
# folding the person again (services.contacts_import.prints). The triggers that delete them
# when a person changes are installed after every migrate (goodwill.import_prints, apps.py).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('goodwill', '0017_search_rank_table'),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportPrint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.BigIntegerField()),
                ('person', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='import_prints', to='goodwill.person')),
            ],
            options={
                'indexes': [models.Index(fields=['person', 'digest'], name='import_print_person')],
            },
        ),
    ]
