"""Indexes that keep pages fast with tens of thousands of releases.

Two of them are on other apps' tables, so they are plain SQL here:
- wagtailcore_page (depth, path): a page's children (navigation, listings) are found by
  depth and path prefix without reading every descendant.
- on PostgreSQL, the search index's title || body, the exact expression Wagtail's search
  matches a query against, so a search reads the matching rows only.
"""

from django.db import migrations, models

PAGE_CHILDREN_INDEX = "pressreleases_page_depth_path"
SEARCH_TEXT_INDEX = "pressreleases_search_title_body"


def create_indexes(apps, schema_editor):
    page_table = apps.get_model("wagtailcore", "Page")._meta.db_table
    search_table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    quote = schema_editor.quote_name
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(PAGE_CHILDREN_INDEX)} "
        f"ON {quote(page_table)} (depth, path)"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(SEARCH_TEXT_INDEX)} "
            f"ON {quote(search_table)} USING gin ((title || body))"
        )


def drop_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for name in (PAGE_CHILDREN_INDEX, SEARCH_TEXT_INDEX):
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("pressreleases", "0003_safeguarding_task_and_preview_links"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pressreleasepage",
            name="release_date",
            field=models.DateField(
                db_index=True,
                help_text=(
                    "The date the release carries; publication and embargo times are set apart."
                ),
                verbose_name="release date",
            ),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
