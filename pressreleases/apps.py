from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressReleasesConfig(AppConfig):
    name = "pressreleases"
    label = "pressreleases"
    verbose_name = _("Media centre")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, embargo, signals

        embargo.connect()
        signals.connect()
        cache.connect()
