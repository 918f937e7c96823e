from django.db import migrations


def add_rows(apps, schema_editor):
    """Every article gets its (stale) stored-body row, so invalidations reach it before its
    first render; the first reader or refresh_rendered_bodies renders it."""
    Article = apps.get_model("newsroom", "Article")
    RenderedBody = apps.get_model("newsroom", "RenderedBody")
    existing = set(RenderedBody.objects.values_list("article_id", flat=True))
    RenderedBody.objects.bulk_create(
        [
            RenderedBody(article_id=pk, is_stale=True)
            for pk in Article.objects.values_list("pk", flat=True).iterator()
            if pk not in existing
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0006_rendered_body")]

    operations = [migrations.RunPython(add_rows, migrations.RunPython.noop)]
