from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from mediacentre.site_url import site_address

HOME_TITLES = {
    "en": "Home",
    "ru": "Главная",
    "kk": "Басты бет",
    "ky": "Башкы бет",
}


class Command(BaseCommand):
    help = (
        "Create a Locale for every content language and a HomePage per language, "
        "linked as translations of one another, as the default site's root; the default "
        "site at SITE_URL's host and port, named SITE_NAME. Idempotent; reports what it "
        "changed."
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
        self._make_default_site(home)

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

    def _make_default_site(self, home):
        """The default site at SITE_URL's host and port, named by WAGTAIL_SITE_NAME, rooted at
        the home page: created, or corrected field by field with a line saying what changed."""
        address = site_address(settings.SITE_URL)
        wanted = {
            "hostname": address.hostname,
            "port": address.port,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "root_page_id": home.pk,
        }
        site = Site.objects.filter(is_default_site=True).first()
        clash = Site.objects.filter(hostname=address.hostname, port=address.port)
        if site is not None:
            clash = clash.exclude(pk=site.pk)
        if clash.exists():
            raise CommandError(
                f"Another site already answers at {address.hostname}:{address.port}: "
                "change SITE_URL, or that site in the admin (Settings > Sites)."
            )
        if site is None:
            Site.objects.create(is_default_site=True, **wanted)
            self.stdout.write(f"Created the default site at {address.url}")
            return
        changes = {name: value for name, value in wanted.items() if getattr(site, name) != value}
        if not changes:
            return
        described = [
            f"{name.removesuffix('_id')} {getattr(site, name)!r} → {value!r}"
            for name, value in changes.items()
        ]
        for name, value in changes.items():
            setattr(site, name, value)
        site.save(update_fields=list(changes))
        self.stdout.write(f"Corrected the default site: {', '.join(described)}")
