import datetime

import pytest

from .. import factories
from ..html import links, text

pytestmark = pytest.mark.django_db


def test_media_centre_shows_latest_news_and_its_sections(client):
    centre = factories.media_centre("en")
    centre.intro = "<p>News and resources for journalists.</p>"
    centre.latest_news_count = 2
    factories.publish(centre)
    index = factories.release_index(centre)
    factories.release(index, 1, title="Oldest item", date=datetime.date(2015, 1, 1))
    factories.release(index, 2, title="Newer item", date=datetime.date(2016, 1, 1))
    factories.release(index, 3, title="Newest item", date=datetime.date(2017, 1, 1))
    factories.release(
        index, 4, title="Unpublished item", date=datetime.date(2018, 1, 1), live=False
    )
    factories.guidelines(centre, listing_summary="How we report on children.")

    response = client.get("/en/media-centre/")
    assert response.status_code == 200
    html = response.content.decode()
    page_text = text(html)
    assert "News and resources for journalists." in page_text
    assert "Latest news" in page_text
    assert "Newest item" in page_text and "Newer item" in page_text
    assert "Oldest item" not in page_text and "Unpublished item" not in page_text
    assert page_text.index("Newest item") < page_text.index("Newer item")
    hrefs = [href for href, _ in links(html)]
    assert "/en/media-centre/press-releases/" in hrefs
    assert "/en/media-centre/ethical-guidelines/" in hrefs
    assert "How we report on children." in page_text


def test_latest_news_only_from_its_own_language(client):
    english_index = factories.release_index(factories.media_centre("en"))
    russian_index = factories.release_index(factories.media_centre("ru"))
    factories.release(english_index, 1, title="English news")
    factories.release(russian_index, 2, title="Русская новость")
    page_text = text(client.get("/ru/media-centre/").content.decode())
    assert "Русская новость" in page_text
    assert "English news" not in page_text
