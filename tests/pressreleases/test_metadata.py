"""The <head> of media-centre pages: description, Open Graph, Twitter card and JSON-LD."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from pressreleases.metadata import SHARE_IMAGE_SPEC

from .. import factories

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
RELEASE_URL = "/en/media-centre/press-releases/kazakh-media-mission/"


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def release(index):
    return factories.release(
        index,
        1,
        title="Kazakh media adopt a mission statement",
        slug="kazakh-media-mission",
        dateline="Almaty",
        date=datetime.date(2005, 11, 19),
        summary="A national network of journalists adopted its mission statement.",
        image=factories.make_image(),
    )


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").head


def meta(head_tag, key):
    """The content of every <meta> with that property or name."""
    return [
        tag["content"]
        for tag in head_tag.find_all("meta")
        if key in (tag.get("property"), tag.get("name"))
    ]


def json_ld(head_tag):
    [script] = head_tag.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_release_head_describes_the_release_as_an_article_with_its_image(client, release):
    tags = head(client, RELEASE_URL)
    rendition = release.hero_image.get_rendition(SHARE_IMAGE_SPEC)
    summary = "A national network of journalists adopted its mission statement."
    assert [tags.title.string] == ["Kazakh media adopt a mission statement · Media Centre"]
    assert meta(tags, "description") == [summary]
    assert meta(tags, "og:title") == ["Kazakh media adopt a mission statement"]
    assert meta(tags, "og:description") == [summary]
    assert meta(tags, "og:url") == [HOST + RELEASE_URL]
    assert meta(tags, "og:type") == ["article"]
    assert meta(tags, "og:site_name") == ["Media Centre"]
    assert meta(tags, "og:locale") == ["en"]
    assert meta(tags, "og:image") == [HOST + rendition.url]
    assert meta(tags, "og:image:width") == ["1200"]
    assert meta(tags, "og:image:height") == ["675"]
    assert meta(tags, "og:image:alt") == ["Three pupils reading at a desk"]
    assert meta(tags, "twitter:card") == ["summary_large_image"]
    assert meta(tags, "twitter:image:alt") == ["Three pupils reading at a desk"]
    published = datetime.datetime.fromisoformat(meta(tags, "article:published_time")[0])
    assert published == timezone.make_aware(datetime.datetime(2005, 11, 19))
    # The base template's canonical link is not repeated.
    assert len(tags.find_all("link", rel="canonical")) == 1


def test_search_description_and_page_alt_text_take_precedence(client, release):
    release.search_description = "Journalists unite for children's rights."
    release.hero_alt_text = "Participants of the workshop in Almaty"
    factories.publish(release)
    tags = head(client, RELEASE_URL)
    assert meta(tags, "description") == ["Journalists unite for children's rights."]
    assert meta(tags, "og:description") == ["Journalists unite for children's rights."]
    assert meta(tags, "og:image:alt") == ["Participants of the workshop in Almaty"]


def test_release_json_ld_is_a_news_article(client, release):
    data = json_ld(head(client, RELEASE_URL))
    rendition = release.hero_image.get_rendition(SHARE_IMAGE_SPEC)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Kazakh media adopt a mission statement"
    assert data["description"] == (
        "A national network of journalists adopted its mission statement."
    )
    assert datetime.datetime.fromisoformat(data["datePublished"]) == timezone.make_aware(
        datetime.datetime(2005, 11, 19)
    )
    modified = datetime.datetime.fromisoformat(data["dateModified"])
    assert abs(modified - release.last_published_at) < datetime.timedelta(seconds=1)
    assert data["dateline"] == "Almaty"
    assert data["inLanguage"] == "en"
    assert data["url"] == HOST + RELEASE_URL
    assert data["image"] == {
        "@type": "ImageObject",
        "url": HOST + rendition.url,
        "width": 1200,
        "height": 675,
    }
    assert data["publisher"] == {"@type": "Organization", "name": "Media Centre"}


def test_a_title_with_a_closing_script_tag_cannot_break_out_of_the_json_ld(client, index):
    title = 'Breaking </script><script>alert("x")</script> & news'
    factories.release(index, 2, title=title, slug="breaking")
    response = client.get("/en/media-centre/press-releases/breaking/")
    html = response.content.decode()
    assert "<script>alert" not in html
    tags = BeautifulSoup(html, "html.parser").head
    assert len(tags.find_all("script")) == 1
    assert json_ld(tags)["headline"] == title
    assert meta(tags, "og:title") == [title]


def test_release_in_russian_carries_its_language(client):
    index = factories.release_index(factories.media_centre("ru"))
    factories.release(index, 1, title="Пресс-релиз", slug="press-reliz")
    tags = head(client, "/ru/media-centre/press-releases/press-reliz/")
    assert meta(tags, "og:locale") == ["ru"]
    assert json_ld(tags)["inLanguage"] == "ru"
    assert json_ld(tags)["headline"] == "Пресс-релиз"


def test_release_without_image_has_a_plain_summary_card(client, index):
    factories.release(index, 3, slug="no-image")
    tags = head(client, "/en/media-centre/press-releases/no-image/")
    assert meta(tags, "twitter:card") == ["summary"]
    assert meta(tags, "og:image") == []
    assert "image" not in json_ld(tags)


def test_other_pages_are_websites_described_by_their_listing_summary(client, index):
    tags = head(client, "/en/media-centre/press-releases/")
    assert meta(tags, "og:type") == ["website"]
    assert meta(tags, "description") == ["News from the country office."]
    assert meta(tags, "og:url") == [HOST + "/en/media-centre/press-releases/"]
    assert meta(tags, "twitter:card") == ["summary"]
    assert tags.find_all("script", type="application/ld+json") == []


def test_a_page_is_described_by_its_introduction_without_markup(client):
    centre = factories.media_centre("en")
    factories.standard_page(
        centre, slug="club", intro='<p>Films <b>by</b> <a href="/x/">children</a>.</p>'
    )
    tags = head(client, "/en/media-centre/club/")
    assert meta(tags, "description") == ["Films by children."]
