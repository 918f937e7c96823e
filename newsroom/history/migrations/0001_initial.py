"""The deletion log moves from profiles to the history app, where the code that writes and reads
it lives. The table already exists (``profiles.0002``): this migration takes it over in the
migration state only, then gives it the history app's own name."""

import django.core.serializers.json
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('profiles', '0002_deletion_log'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Deletion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.CharField(max_length=191)),
                        ('object_repr', models.TextField(verbose_name='record')),
                        ('deleted_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('links', models.JSONField(default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, help_text='Rows of other records that pointed at it: {relation: [their ids]}.')),
                        ('excluded_fields', models.JSONField(default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder, help_text="The values of the fields its model's versions leave out.")),
                        ('recovered_at', models.DateTimeField(blank=True, null=True)),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                        ('deleted_by', models.ForeignKey(blank=True, help_text='Empty when deleted from the shell or by a command.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('recovered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('revision', models.OneToOneField(blank=True, help_text='Its row on the Recent changes page; empty for a row deleted with another.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deletion', to='reversion.revision')),
                        ('version', models.ForeignKey(blank=True, help_text='The last stored version, the one to recover; empty if it was never saved with a revision.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reversion.version')),
                    ],
                    options={
                        'verbose_name': 'deletion',
                        'ordering': ['-deleted_at'],
                        'db_table': 'profiles_deletion',
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='deletion_object_idx'), models.Index(fields=['-deleted_at'], name='deletion_deleted_at_idx')],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='deletion', table=None),
    ]
