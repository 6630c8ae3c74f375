"""Security headers on every public response; the readers' and the admin's Content-Security-Policy."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from pressreleases.models import (
    MediaCentrePage,
    PressReleaseIndexPage,
    PressReleasePage,
    StandardPage,
)

pytestmark = pytest.mark.django_db

VIDEO_ORIGINS = {
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo media centre in four languages, loaded once for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def no_embed_fetching(settings):
    """Videos come from Embed rows a test makes, never from the network."""
    settings.WAGTAILEMBEDS_FINDERS = []


def policy(response, header="Content-Security-Policy"):
    """The policy's directives as {name: [sources]}."""
    directives = {}
    for directive in response[header].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


def release(language="en"):
    return PressReleasePage.objects.live().filter(locale__language_code=language).first()


def release_index(language="en"):
    return PressReleaseIndexPage.objects.live().get(locale__language_code=language)


def public_urls():
    index = release_index()
    return [
        "/en/",
        index.url,
        release().url,
        f"{index.url}feed/rss/",
        f"{index.url}feed/atom/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/",
        "/en/search/?q=children",
        "/en/no-such-page/",
        "/api/v2/pages/999999/",
        "/healthz/",
        "/static/css/site.css",
    ]


def test_every_public_response_carries_the_security_headers(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        assert policy(response)["frame-ancestors"] == ["'none'"], url
        assert response["X-Request-ID"], url


def test_the_404_pages_are_404s_with_the_headers(client):
    for url in ["/en/no-such-page/", "/api/v2/pages/999999/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert policy(response)["object-src"] == ["'none'"]


def test_pages_cannot_be_framed_by_other_sites(client):
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_public_policy_allows_nothing_inline_and_only_the_video_hosts_in_frames(client):
    directives = policy(client.get(release_index().url))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert set(directives["frame-src"]) == VIDEO_ORIGINS
    header = client.get(release_index().url)["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def test_the_only_inline_script_of_a_release_is_its_json_ld_data_block(client):
    """Browsers never run a data block, so the policy needs no nonce and cached copies stay valid."""
    response = client.get(release().url)
    inline = InlineCode.of(response.content.decode())
    assert [script["type"] for script in inline.scripts] == ["application/ld+json"]
    assert "nonce" not in inline.scripts[0]
    assert policy(response)["script-src"] == ["'self'"]


class InlineCode(HTMLParser):
    """Every inline script, style element, style attribute and event handler of a page."""

    def __init__(self):
        super().__init__()
        self.scripts = []
        self.style_elements = 0
        self.style_attributes = []
        self.handlers = []

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return parser

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.scripts.append(attributes)
        if tag == "style":
            self.style_elements += 1
        if "style" in attributes:
            self.style_attributes.append(tag)
        self.handlers += [name for name in attributes if name.startswith("on")]
        if (attributes.get("href") or "").lower().startswith("javascript:"):
            self.handlers.append("javascript: link")


def test_no_public_page_has_inline_code_but_json_ld(client):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages.count() > 40
    urls = [page.url for page in pages]
    index = release_index()
    urls += [f"{index.url}2017/", "/en/search/?q=children", "/ru/no-such-page/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        inline = InlineCode.of(response.content.decode())
        assert inline.style_elements == 0, url
        assert inline.style_attributes == [], url
        assert inline.handlers == [], url
        assert {script["type"] for script in inline.scripts} <= {"application/ld+json"}, url
        assert policy(response)["script-src"] == ["'self'"], url


def test_an_embedded_video_plays_from_an_allowed_frame_host_without_inline_style(client):
    films = StandardPage.objects.live().get(
        locale__language_code="en", slug="pro-children-media-club"
    )
    videos = [block.value["video"] for block in films.body if block.block_type == "video"]
    assert videos
    for number, video in enumerate(videos):
        Embed.objects.create(
            hash=get_embed_hash(video.url),
            url=video.url,
            type="video",
            html=(
                f'<iframe width="200" height="113" src="https://www.youtube.com/embed/film{number}"'
                ' frameborder="0" allowfullscreen></iframe>'
            ),
            width=200,
            height=113,
        )
    response = client.get(films.url)
    html = response.content.decode()
    assert html.count('src="https://www.youtube.com/embed/film') == len(videos)
    assert "https://www.youtube.com" in policy(response)["frame-src"]
    inline = InlineCode.of(html)
    assert inline.style_attributes == []
    assert inline.style_elements == 0


@pytest.fixture
def superuser(client):
    user = get_user_model().objects.create_superuser("security-admin", "sa@example.org", "x")
    client.force_login(user)
    return user


def test_the_admin_edit_page_of_a_release_answers_under_the_admins_own_policy(client, superuser):
    public = policy(client.get(release().url))
    response = client.get(f"/admin/pages/{release().pk}/edit/")
    assert response.status_code == 200
    admin = policy(response)
    assert admin != public
    assert "'unsafe-inline'" in admin["script-src"]
    assert "'unsafe-inline'" in admin["style-src"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["object-src"] == ["'none'"]


def test_the_translation_editor_answers_under_the_admins_policy(client, superuser):
    centre = MediaCentrePage.objects.get(locale__language_code="en")
    source_page = centre.add_child(
        instance=StandardPage(title="Policy check", slug="policy-check")
    )
    source, _ = TranslationSource.get_or_create_from_instance(source_page)
    kazakh = Locale.objects.get(language_code="kk")
    Translation.objects.create(source=source, target_locale=kazakh).save_target()
    response = client.get(f"/admin/pages/{source_page.get_translation(kazakh).pk}/edit/")
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_a_draft_viewed_in_the_admin_may_be_framed_by_the_admin(client, superuser):
    response = client.get(f"/admin/pages/{release().pk}/view_draft/")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_the_admin_sign_in_page_has_the_admin_policy_too(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]
