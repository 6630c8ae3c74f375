import io
import os

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.utils.file import hash_filelike

from .uploads import location_free_copy


class CreditedImage(AbstractImage):
    """An image that always travels with its credit, caption and safeguarding facts."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_(
            'Shown with the image wherever it appears, e.g. "© UNICEF/Kyrgyzstan/2017/Name".'
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("The default caption; a page may give its own."),
    )
    shows_identifiable_child = models.BooleanField(
        _("shows an identifiable child"),
        default=False,
        help_text=_("A child can be recognised from the face, name, school or surroundings."),
    )
    consent_on_record = models.BooleanField(
        _("informed consent on record"),
        default=False,
        help_text=_("Informed consent of the child and a parent or guardian is filed."),
    )

    admin_form_fields = Image.admin_form_fields + (
        "caption",
        "credit",
        "shows_identifiable_child",
        "consent_on_record",
    )

    def save(self, *args, **kwargs):
        # A file not yet in storage is a new upload, whichever way it came (admin, importer).
        if self.file and not self.file._committed:
            self._remove_location_data()
        super().save(*args, **kwargs)

    def _remove_location_data(self):
        self.file.seek(0)
        cleaned = location_free_copy(self.file.read())
        self.file.seek(0)
        if cleaned is None:
            return
        # Assigning the new file also sets width and height from it (turned upright).
        self.file = ContentFile(cleaned, name=os.path.basename(self.file.name))
        self.file_size = len(cleaned)
        self.file_hash = hash_filelike(io.BytesIO(cleaned))

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
