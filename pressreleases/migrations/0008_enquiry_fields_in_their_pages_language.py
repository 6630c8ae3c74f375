import uuid

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fields_in_their_pages_language(apps, schema_editor):
    """Each existing field takes its page's language and a key of its own: the demo and
    earlier sites built each language's form by hand, so none is a translation of another."""
    EnquiryFormField = apps.get_model("pressreleases", "EnquiryFormField")
    Page = apps.get_model("wagtailcore", "Page")
    EnquiryFormField.objects.update(
        locale_id=Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("locale_id"))
    )
    for pk in EnquiryFormField.objects.values_list("pk", flat=True):
        EnquiryFormField.objects.filter(pk=pk).update(translation_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("pressreleases", "0007_translatable_enquiry_fields")]

    operations = [migrations.RunPython(fields_in_their_pages_language, migrations.RunPython.noop)]
