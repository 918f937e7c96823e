"""The deletion log now belongs to the history app (``history.0001`` takes over its table), so
profiles forgets the model without dropping anything."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0002_deletion_log'),
        ('history', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Deletion')],
        ),
    ]
