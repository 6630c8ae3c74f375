import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Nullable first; 0008 fills them in, 0009 makes them required (each migration its own
    transaction, as PostgreSQL wants between changing rows and the table)."""

    dependencies = [
        ("pressreleases", "0006_shared_content_in_review"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="enquiryformfield",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="enquiryformfield",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]
