from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import urls


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return urls.urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("twofactor_manage"),
        "label": _("Two-factor authentication"),
        "help_text": _("Ask for a code from an authenticator app on your phone at every sign-in."),
    }
