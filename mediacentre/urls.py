from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemaps import LanguageTreesSitemap
from home.views import choose_language
from mediacentre.healthz import healthz
from pressreleases.api import api_router

# The admin and documents live outside the language prefix; every public page
# lives under /en/, /ru/, /kk/ or /ky/, and "/" redirects to the reader's language.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # For load balancers: no language prefix, never cached, plain HTTP allowed.
    path("healthz/", healthz, name="healthz"),
    path("documents/", include(wagtaildocs_urls)),
    # One sitemap for all four languages, and robots.txt pointing at it.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguageTreesSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
    path("language/<str:language_code>/", choose_language, name="choose_language"),
    # The read-only headless API: live, public content of every language (?locale=ru).
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Embargoed preview links for journalists, /<language>/preview/<token>/: inside the
    # prefix, so the language is the reader's choice and a 404 stays a 404.
    path("", include("pressreleases.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
