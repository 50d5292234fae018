"""Index Wagtail's page table by ``url_path``, for one-query routing.

HomePage.route finds a section or article by its full ``url_path`` in one
query instead of walking the tree level by level. Wagtail does not index that
column, so without this index each request would scan every page. The index
lives on Wagtail's table because the column does.
"""

from django.db import migrations

INDEX = "newsroom_page_url_path_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {INDEX} ON wagtailcore_page (url_path)",
            reverse_sql=f"DROP INDEX {INDEX}",
        ),
    ]
