from django.db import migrations
from django.db.models import F


def mark_stale(apps, schema_editor):
    """Footnotes now label a citation of where the claim was made ("Where it was said")
    instead of giving it a stance: every stored body is rendered again by its next reader or
    refresh_rendered_bodies, rather than served in the old markup until something it shows
    changes."""
    RenderedBody = apps.get_model("newsroom", "RenderedBody")
    RenderedBody.objects.update(is_stale=True, generation=F("generation") + 1)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0015_citation_role_rows")]

    operations = [migrations.RunPython(mark_stale, migrations.RunPython.noop)]
