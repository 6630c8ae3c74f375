import uuid

import django.db.models.deletion
from django.db import migrations, models


def fields_in_their_pages_language(apps, schema_editor):
    """Each existing field takes its page's language and a key of its own: the demo and
    earlier sites built each language's form by hand, so none is a translation of another."""
    EnquiryFormField = apps.get_model("pressreleases", "EnquiryFormField")
    for field in EnquiryFormField.objects.select_related("page"):
        field.locale_id = field.page.locale_id
        field.translation_key = uuid.uuid4()
        field.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
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
        migrations.RunPython(fields_in_their_pages_language, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="enquiryformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="enquiryformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="enquiryformfield",
            unique_together={("translation_key", "locale")},
        ),
    ]
