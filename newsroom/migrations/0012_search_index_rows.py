from django.db import migrations


def fill(apps, schema_editor):
    """Index the records that exist. The index is derived data: the current indexing code
    writes it (``rebuild_search_index`` does the same), since rows made by a frozen copy would
    be rewritten by the first save anyway. If a later model change breaks this import, make
    this a no-op and run the command."""
    from newsroom.search.index import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0011_search_index")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
