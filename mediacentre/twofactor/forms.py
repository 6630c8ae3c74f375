from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, with the password field's label back.

    Wagtail redefines the field without one, so Django falls back to the untranslated field
    name "Password"; Django's own form has the label, translated in Django's catalogues.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label


class OneTimeCodeInput(forms.TextInput):
    """Shown empty again after a refusal: the code in it was wrong or has expired, and a new
    one typed into the box would run on from it."""

    def format_value(self, value):
        return None


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=OneTimeCodeInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        # Apps show "123 456" and people copy recovery codes in capitals or with dashes.
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
