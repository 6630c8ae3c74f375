"""The admin's image form: only files that decode in full are accepted, and whether the
photo shows an identifiable child is always answered, never left to a default.

Wagtail's upload field reads an image's header only, so a file that starts like a PNG and
then holds garbage reached the image library later, as a server error or a broken image.
Installed with settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "pressreleases.forms.ImageForm".
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DecodedImageField(WagtailImageField):
    """Wagtail's image upload field that also decodes the whole image before accepting it."""

    def to_python(self, data):
        try:
            uploaded = super().to_python(data)
            if uploaded is not None:
                # verify() checks the file's structure to its end (a PNG's chunks and
                # checksums); load() decodes the pixels. Pillow needs a fresh open for each.
                with Image.open(uploaded) as image:
                    image.verify()
                uploaded.seek(0)
                with Image.open(uploaded) as image:
                    image.load()
                uploaded.seek(0)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        return uploaded


class ImageForm(BaseImageForm):
    """The admin's image form, with uploads checked by DecodedImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (and the multiple uploader's edit form has
        # none), so the field is swapped here rather than declared on the class.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = DecodedImageField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                widget=field.widget,
            )
        self.ask_whether_a_child_is_shown()

    def ask_whether_a_child_is_shown(self):
        """A required Yes/No instead of an unticked box: left unanswered, a new photo is not
        saved. The multiple uploader then shows each photo's form until it is answered."""
        field = self.fields.get("shows_identifiable_child")
        if field is None:
            return
        self.fields["shows_identifiable_child"] = forms.TypedChoiceField(
            label=field.label,
            help_text=field.help_text,
            choices=[(True, _("Yes")), (False, _("No"))],
            coerce=lambda answer: answer == "True",
            widget=forms.RadioSelect,
        )
        if self.instance.pk is None:
            self.initial.pop("shows_identifiable_child", None)
