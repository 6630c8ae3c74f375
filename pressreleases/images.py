from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


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

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
