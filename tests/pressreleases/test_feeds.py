"""RSS and Atom feeds of press releases, per language and per topic, and their autodiscovery."""

import datetime
import os
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pressreleases.metadata import SHARE_IMAGE_SPEC

from .. import factories

pytestmark = pytest.mark.django_db

INDEX_URL = "/en/media-centre/press-releases/"
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    # Our own output, parsed to prove it is well-formed XML.
    return ElementTree.fromstring(response.content)  # noqa: S314


def rss_items(response):
    return parse(response).findall("channel/item")


def rss_titles(response):
    return [item.findtext("title") for item in rss_items(response)]


def atom_titles(response):
    return [entry.findtext(f"{ATOM}title") for entry in parse(response).findall(f"{ATOM}entry")]


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def illustrated(index):
    """A release with a main image and a topic."""
    page = factories.release(
        index,
        1,
        title="Kazakh media adopt a mission statement",
        slug="kazakh-media-mission",
        dateline="Almaty",
        date=datetime.date(2005, 11, 19),
        summary="A national network of journalists adopted its mission statement.",
        image=factories.make_image(),
    )
    return factories.attach(page, topics=[factories.topic("en")])


def test_rss_feed_is_rss_2_with_absolute_links_dates_summary_and_enclosure(client, illustrated):
    response = client.get(INDEX_URL + "feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    rss = parse(response)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Press releases · Media Centre"
    assert channel.findtext("link") == "http://testserver" + INDEX_URL
    assert channel.findtext("description") == "News from the country office."
    assert channel.findtext("language") == "en"
    [item] = channel.findall("item")
    release_url = "http://testserver" + INDEX_URL + "kazakh-media-mission/"
    assert item.findtext("title") == "Kazakh media adopt a mission statement"
    assert item.findtext("link") == release_url
    assert item.findtext("guid") == release_url
    assert item.findtext("description") == (
        "Almaty – A national network of journalists adopted its mission statement."
    )
    assert item.findtext("category") == "Child protection"
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published == timezone.make_aware(datetime.datetime(2005, 11, 19))

    enclosure = item.find("enclosure")
    rendition = illustrated.hero_image.get_rendition(SHARE_IMAGE_SPEC)
    assert enclosure.get("url") == "http://testserver" + rendition.url
    assert enclosure.get("type") == "image/jpeg"
    assert enclosure.get("length") == str(os.path.getsize(rendition.file.path))
    assert rendition.width == 1200


def test_atom_feed_has_absolute_links_dates_summary_and_enclosure(client, illustrated):
    response = client.get(INDEX_URL + "feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext(f"{ATOM}title") == "Press releases · Media Centre"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver" + INDEX_URL + "feed/atom/"
    )
    [entry] = feed.findall(f"{ATOM}entry")
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == (
        "http://testserver" + INDEX_URL + "kazakh-media-mission/"
    )
    enclosure = links["enclosure"]
    assert enclosure.get("href").startswith("http://testserver/")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 0
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published == timezone.make_aware(datetime.datetime(2005, 11, 19))
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert abs(updated - illustrated.last_published_at) < datetime.timedelta(seconds=1)
    assert entry.findtext(f"{ATOM}summary").startswith("Almaty – A national network")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Media Centre"


def test_a_release_published_on_its_date_carries_its_publication_time(client, index):
    release = factories.release(index, 1, date=timezone.localdate())
    [item] = rss_items(client.get(INDEX_URL + "feed/rss/"))
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert abs(published - release.first_published_at) < datetime.timedelta(seconds=1)


def test_feed_lists_newest_first_and_no_more_than_the_feed_size(client, index, settings):
    settings.PRESSRELEASES_FEED_SIZE = 3
    for number, day in enumerate([5, 1, 9, 3, 7], start=1):
        factories.release(index, number, title=f"Day {day}", date=datetime.date(2017, 3, day))
    assert rss_titles(client.get(INDEX_URL + "feed/rss/")) == ["Day 9", "Day 7", "Day 5"]
    assert atom_titles(client.get(INDEX_URL + "feed/atom/")) == ["Day 9", "Day 7", "Day 5"]


def test_drafts_unpublished_scheduled_and_private_releases_are_left_out(client, index):
    factories.release(index, 1, title="A live release")
    factories.release(index, 2, title="A draft release", live=False)
    withdrawn = factories.release(index, 3, title="A withdrawn release")
    withdrawn.unpublish()
    scheduled = factories.release(index, 4, title="An embargoed release", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    private = factories.release(index, 5, title="A private release")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert rss_titles(client.get(INDEX_URL + "feed/rss/")) == ["A live release"]
    assert atom_titles(client.get(INDEX_URL + "feed/atom/")) == ["A live release"]


def test_each_language_has_its_own_feed_with_only_its_releases(client, index):
    factories.release(index, 1, title="An English release")
    russian_index = factories.release_index(factories.media_centre("ru"))
    russian_index.title = "Пресс-релизы"
    factories.publish(russian_index)
    factories.release(russian_index, 1, title="Русский пресс-релиз")

    english = parse(client.get(INDEX_URL + "feed/rss/")).find("channel")
    assert english.findtext("language") == "en"
    assert [item.findtext("title") for item in english.findall("item")] == ["An English release"]

    response = client.get("/ru/media-centre/press-releases/feed/rss/")
    russian = parse(response).find("channel")
    assert russian.findtext("language") == "ru"
    assert russian.findtext("title") == "Пресс-релизы · Media Centre"
    assert russian.findtext("link") == "http://testserver/ru/media-centre/press-releases/"
    [item] = russian.findall("item")
    assert item.findtext("title") == "Русский пресс-релиз"
    assert item.findtext("link").startswith("http://testserver/ru/media-centre/press-releases/")
    atom = parse(client.get("/ru/media-centre/press-releases/feed/atom/"))
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert atom_titles(client.get("/ru/media-centre/press-releases/feed/atom/")) == [
        "Русский пресс-релиз"
    ]


def test_topic_feed_lists_only_releases_on_that_topic(client, index):
    protection = factories.topic("en")
    education = factories.topic("en", name="Education", slug="education")
    factories.attach(factories.release(index, 1, title="On protection"), topics=[protection])
    factories.attach(factories.release(index, 2, title="On education"), topics=[education])
    factories.attach(factories.release(index, 3, title="On both"), topics=[education, protection])
    response = client.get(INDEX_URL + "topic/child-protection/feed/rss/")
    channel = parse(response).find("channel")
    assert channel.findtext("title") == "Press releases on Child protection · Media Centre"
    assert channel.findtext("link") == "http://testserver" + INDEX_URL + "topic/child-protection/"
    assert [item.findtext("title") for item in channel.findall("item")] == [
        "On both",
        "On protection",
    ]
    assert atom_titles(client.get(INDEX_URL + "topic/education/feed/atom/")) == [
        "On both",
        "On education",
    ]


def test_topic_feed_title_is_translated(client):
    index = factories.release_index(factories.media_centre("ru"))
    subject = factories.topic("ru", name="Защита детей")
    factories.attach(factories.release(index, 1), topics=[subject])
    response = client.get("/ru/media-centre/press-releases/topic/child-protection/feed/rss/")
    title = parse(response).find("channel").findtext("title")
    assert title == "Пресс-релизы по теме «Защита детей» · Media Centre"


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_unknown_topic_or_another_languages_topic_is_a_404(client, index, feed):
    factories.topic("ru", name="Образование", slug="education")
    assert client.get(f"{INDEX_URL}topic/no-such-topic/feed/{feed}/").status_code == 404
    assert client.get(f"{INDEX_URL}topic/education/feed/{feed}/").status_code == 404


def feed_links(html):
    head = BeautifulSoup(html, "html.parser").head
    return {
        (link["type"], link["title"]): link["href"]
        for link in head.find_all("link", rel="alternate", type=True)
    }


def test_index_archives_and_releases_advertise_their_feeds(client, illustrated):
    index_feeds = {
        ("application/rss+xml", "Press releases (RSS)"): INDEX_URL + "feed/rss/",
        ("application/atom+xml", "Press releases (Atom)"): INDEX_URL + "feed/atom/",
    }
    for url in [INDEX_URL, INDEX_URL + "2005/", illustrated.url]:
        assert feed_links(client.get(url).content.decode()) == index_feeds, url

    topic_page = client.get(INDEX_URL + "topic/child-protection/").content.decode()
    assert feed_links(topic_page) == {
        **index_feeds,
        ("application/rss+xml", "Press releases on Child protection (RSS)"): (
            INDEX_URL + "topic/child-protection/feed/rss/"
        ),
        ("application/atom+xml", "Press releases on Child protection (Atom)"): (
            INDEX_URL + "topic/child-protection/feed/atom/"
        ),
    }
    for href in feed_links(topic_page).values():
        assert client.get(href).status_code == 200, href


def add_illustrated_releases(index, numbers, subjects):
    image = factories.make_image(title=f"Image {numbers[0]}")
    for number in numbers:
        factories.attach(factories.release(index, number, image=image), topics=subjects)


def feed_queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", [INDEX_URL + "feed/rss/", INDEX_URL + "topic/child-protection/feed/atom/"]
)
def test_feed_queries_do_not_grow_with_the_releases_it_lists(client, index, url):
    subjects = [factories.topic("en"), factories.topic("en", name="Education", slug="education")]
    add_illustrated_releases(index, range(1, 4), subjects)
    with_three = feed_queries(client, url)
    add_illustrated_releases(index, range(4, 24), subjects)
    with_twenty_three = feed_queries(client, url)
    assert with_three == with_twenty_three
