import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from pressreleases.models import Boilerplate, PressReleaseRelatedPage

from .. import factories
from ..html import count_tag, links, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def release(index):
    image = factories.make_image(
        credit="© UNICEF/Kazakhstan/2005", caption="Workshop participants"
    )
    page = factories.release(
        index,
        1,
        title="Kazakh media adopt mission statement on child rights",
        slug="kazakh-media-mission",
        dateline="Almaty",
        date=datetime.date(2005, 11, 19),
        summary="A national network of journalists adopted its mission statement.",
        image=image,
        body=[
            ("heading", {"text": "A network of journalists", "level": "h2", "anchor": ""}),
            ("paragraph", "<p>Workshop participants decided to unite.</p>"),
            (
                "quote",
                {
                    "text": "Now I see I am not alone.",
                    "attribution": "Olga Budko",
                    "role": "TV producer",
                },
            ),
        ],
    )
    officer = factories.contact("en")
    second = factories.contact(
        "en", name="Second Person", email="second@example.org", phone="+996 312 61 12 11"
    )
    return factories.attach(page, contacts=[officer, second], topics=[factories.topic("en")])


def test_renders_title_dateline_lead_and_body(client, release):
    response = client.get(release.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert count_tag(html, "h1") == 1
    page_text = text(html)
    assert "Kazakh media adopt mission statement on child rights" in page_text
    assert "Almaty, 19 November 2005 – A national network of journalists adopted" in page_text
    assert '<time datetime="2005-11-19">' in html
    assert "A network of journalists" in page_text
    assert 'id="a-network-of-journalists"' in html
    assert "Now I see I am not alone." in page_text
    assert "Olga Budko" in page_text


def test_hero_image_shows_caption_credit_alt_and_size(client, release):
    html = client.get(release.url).content.decode()
    assert "<figure" in html and "<figcaption" in html
    assert "© UNICEF/Kazakhstan/2005" in text(html)
    assert "Workshop participants" in text(html)
    image_tag = html[html.index("<img") : html.index(">", html.index("<img"))]
    assert 'alt="Three pupils reading at a desk"' in image_tag
    assert "width=" in image_tag and "height=" in image_tag


def test_page_credit_and_caption_override_the_images(client, release):
    release.hero_credit = "© UNICEF/Kyrgyzstan"
    release.hero_caption = "A caption written for this release"
    factories.publish(release)
    page_text = text(client.get(release.url).content.decode())
    assert "© UNICEF/Kyrgyzstan" in page_text
    assert "A caption written for this release" in page_text
    assert "© UNICEF/Kazakhstan/2005" not in page_text


def test_for_more_information_lists_contacts_in_order_with_tel_and_mailto(client, release):
    html = client.get(release.url).content.decode()
    page_text = text(html)
    assert "For more information" in page_text
    assert page_text.index("Gauhar Abdygaliyeva") < page_text.index("Second Person")
    assert "Communication Officer" in page_text and "UNICEF Kazakhstan" in page_text
    hrefs = [href for href, _ in links(html)]
    assert "tel:+77172328307" in hrefs
    assert "tel:+996312611211" in hrefs
    assert "mailto:gabdygaliyeva@example.org" in hrefs


def test_email_this_article_is_a_mailto_with_title_and_absolute_url(client, release):
    html = client.get(release.url).content.decode()
    [href] = [href for href, label in links(html) if label == "Email this article"]
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Kazakh media adopt mission statement on child rights"]
    assert query["body"] == [
        "http://localhost/en/media-centre/press-releases/kazakh-media-mission/"
    ]


def test_topics_link_to_the_topic_archive(client, release):
    html = client.get(release.url).content.decode()
    assert (
        "/en/media-centre/press-releases/topic/child-protection/",
        "Child protection",
    ) in links(html)


def test_print_stylesheet_is_linked(client, release):
    html = client.get(release.url).content.decode()
    assert 'media="print"' in html


def test_boilerplate_of_the_pages_language_is_shown(client, release):
    Boilerplate.objects.create(
        locale=factories.locale("en"),
        title="About UNICEF",
        text="<p>UNICEF works for every child.</p>",
    )
    Boilerplate.objects.create(
        locale=factories.locale("ru"), title="О ЮНИСЕФ", text="<p>ЮНИСЕФ работает для детей.</p>"
    )
    page_text = text(client.get(release.url).content.decode())
    assert "UNICEF works for every child." in page_text
    assert "ЮНИСЕФ" not in page_text


def test_related_pages_show_only_live_ones(client, index, release):
    live = factories.release(index, 2, title="A live related release")
    draft = factories.release(index, 3, title="A draft related release", live=False)
    for position, target in enumerate([live, draft]):
        PressReleaseRelatedPage.objects.create(
            page=release, related_page=target, sort_order=position, locale=release.locale
        )
    factories.publish(release)
    page_text = text(client.get(release.url).content.decode())
    assert "A live related release" in page_text
    assert "A draft related release" not in page_text


def test_a_draft_release_is_not_served(client, index):
    draft = factories.release(index, 9, live=False)
    assert client.get("/en/media-centre/press-releases/release-9/").status_code == 404
    assert draft.live is False


def test_hero_alt_text_of_the_page_overrides_the_images_description(client, release):
    release.hero_alt_text = "Участники семинара в Алматы"
    factories.publish(release)
    html = client.get(release.url).content.decode()
    image_tag = html[html.index("<img") : html.index(">", html.index("<img"))]
    assert 'alt="Участники семинара в Алматы"' in image_tag
