from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import HomePage

HOME_TITLES = {
    "en": "Home",
    "ru": "Главная",
    "kk": "Басты бет",
    "ky": "Башкы бет",
}


class Command(BaseCommand):
    help = (
        "Create a Locale for every content language and a HomePage per language, "
        "linked as translations of one another, as the default site's root. Idempotent."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            _locale, created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.stdout.write(f"Created locale {code}")

        default_locale = Locale.get_default()
        home = HomePage.objects.filter(locale=default_locale, depth=2).first()
        if home is None:
            home = self._create_default_home(default_locale)
        self._make_site_root(home)

        for locale in Locale.objects.exclude(pk=default_locale.pk):
            if home.get_translation_or_none(locale) is not None:
                continue
            translation = home.copy_for_translation(locale)
            translation.title = HOME_TITLES.get(locale.language_code, home.title)
            translation.save_revision().publish()
            self.stdout.write(f"Created home page for {locale.language_code}")

    def _create_default_home(self, locale):
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a "Welcome" placeholder on the slug we want.
        for placeholder in root.get_children().filter(slug="home", locale=locale):
            if type(placeholder.specific) is Page and not placeholder.get_children().exists():
                Site.objects.filter(root_page=placeholder).update(root_page=root)
                placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLES.get(locale.language_code, "Home"), slug="home", locale=locale
            )
        )
        home.save_revision().publish()
        self.stdout.write(f"Created home page for {locale.language_code}")
        return home

    def _make_site_root(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
            self.stdout.write("Created the default site")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save(update_fields=["root_page"])
            self.stdout.write("Pointed the default site at the home page")
