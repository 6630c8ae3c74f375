"""The read-only headless API at /api/v2/: live, public content only, press releases in full."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from pressreleases.models import CreditedRendition

from .. import factories

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
RELEASES = PAGES + "?type=pressreleases.PressReleasePage"
RELEASE_PATH = "/en/media-centre/press-releases/vaccines-reach-every-district/"


@pytest.fixture(autouse=True)
def no_cached_renditions():
    # Image ids come back after a test's rollback; a cached rendition of another test's image
    # would stand in for the one this test makes.
    cache.clear()


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def russian_index(index):
    factories.publish(index.get_parent().copy_for_translation(factories.locale("ru")))
    return factories.publish(index.copy_for_translation(factories.locale("ru")))


@pytest.fixture
def image():
    return factories.make_image()


@pytest.fixture
def release(index, russian_index, image):
    """An English release with everything the API shows, a live Russian translation and a
    Kazakh one still in draft."""
    page = factories.release(
        index,
        title="Vaccines reach every district",
        slug="vaccines-reach-every-district",
        dateline="Almaty",
        date=datetime.date(2005, 11, 19),
        summary="Ten thousand children were vaccinated.",
        body=[("paragraph", "<p>Teams travelled to remote villages.</p>")],
        image=image,
        hero_credit="© UNICEF/2005/Page credit",
    )
    page = factories.attach(
        page,
        contacts=[
            factories.contact(),
            factories.contact(name="Aida Sultanova", email="asultanova@example.org"),
        ],
        topics=[factories.topic()],
    )
    russian = page.copy_for_translation(factories.locale("ru"))
    russian.title = "Вакцины дошли до каждого района"
    factories.publish(russian)
    page.copy_for_translation(factories.locale("kk"), copy_parents=True)
    return page


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def release_titles(client, query=""):
    return [item["title"] for item in get_json(client, RELEASES + query)["items"]]


def test_release_detail_shows_every_field(client, release, image):
    data = get_json(client, f"{PAGES}{release.pk}/")
    assert data["title"] == "Vaccines reach every district"
    assert data["meta"]["type"] == "pressreleases.PressReleasePage"
    assert data["meta"]["locale"] == "en"
    assert data["meta"]["html_url"].endswith(RELEASE_PATH)
    assert data["dateline"] == "Almaty"
    assert data["release_date"] == "2005-11-19"
    assert data["summary"] == "Ten thousand children were vaccinated."
    [paragraph] = data["body"]
    assert paragraph["type"] == "paragraph"
    assert paragraph["value"] == "<p>Teams travelled to remote villages.</p>"
    assert data["hero_image"]["id"] == image.pk
    assert data["hero_image"]["meta"]["detail_url"].endswith(f"/api/v2/images/{image.pk}/")
    # The caption and alternative text fall back to the image's; the credit is the page's own.
    assert data["hero_caption"] == "Pupils in a village school"
    assert data["hero_credit"] == "© UNICEF/2005/Page credit"
    assert data["hero_alt_text"] == "Three pupils reading at a desk"
    assert data["contacts"] == [
        {
            "name": "Gauhar Abdygaliyeva",
            "role": "Communication Officer",
            "organisation": "UNICEF Kazakhstan",
            "phone": "+7 (7172) 32 83 07",
            "email": "gabdygaliyeva@example.org",
        },
        {
            "name": "Aida Sultanova",
            "role": "Communication Officer",
            "organisation": "UNICEF Kazakhstan",
            "phone": "+7 (7172) 32 83 07",
            "email": "asultanova@example.org",
        },
    ]
    assert data["topics"] == [{"name": "Child protection", "slug": "child-protection"}]


@pytest.mark.parametrize(("field", "width", "height"), [("large", 1200, 675), ("small", 400, 225)])
def test_release_carries_renditions_of_its_main_image(
    client, release, image, field, width, height
):
    rendition = get_json(client, f"{PAGES}{release.pk}/")[f"hero_image_{field}"]
    assert (rendition["width"], rendition["height"]) == (width, height)
    stored = CreditedRendition.objects.get(image=image, filter_spec=f"width-{width}")
    assert rendition["url"] == stored.url
    assert rendition["full_url"].startswith("http") and rendition["full_url"].endswith(stored.url)
    assert stored.file.storage.exists(stored.file.name)


def test_release_without_image_has_no_renditions(client, index):
    page = factories.release(index, hero_alt_text="Nothing to see")
    data = get_json(client, f"{PAGES}{page.pk}/")
    assert data["hero_image"] is None
    assert data["hero_image_large"] is None
    assert data["hero_image_small"] is None
    assert (data["hero_caption"], data["hero_credit"]) == ("", "")
    assert data["hero_alt_text"] == "Nothing to see"


def test_translations_list_only_the_live_ones(client, release):
    russian = release.get_translation(factories.locale("ru"))
    assert release.get_translation(factories.locale("kk")).live is False
    data = get_json(client, f"{PAGES}{release.pk}/")
    assert data["translations"] == [
        {
            "id": russian.pk,
            "locale": "ru",
            "title": "Вакцины дошли до каждого района",
            "html_url": "http://localhost/ru/media-centre/press-releases/"
            "vaccines-reach-every-district/",
        }
    ]
    english = get_json(client, f"{PAGES}{russian.pk}/")["translations"]
    assert [(item["id"], item["locale"]) for item in english] == [(release.pk, "en")]


def test_listing_of_releases_shows_the_same_fields(client, release):
    detail = get_json(client, f"{PAGES}{release.pk}/")
    listing = get_json(client, RELEASES + "&locale=en&fields=*")
    assert listing["meta"]["total_count"] == 1
    [item] = listing["items"]
    for field in [
        "title",
        "dateline",
        "release_date",
        "summary",
        "body",
        "hero_image_large",
        "hero_image_small",
        "hero_caption",
        "hero_credit",
        "hero_alt_text",
        "contacts",
        "topics",
        "translations",
    ]:
        assert item[field] == detail[field], field
    assert item["meta"]["locale"] == "en"


def test_find_by_the_address_readers_see(client, release):
    russian = release.get_translation(factories.locale("ru"))
    response = client.get(PAGES + "find/?html_path=/ru" + RELEASE_PATH.removeprefix("/en"))
    assert response.status_code == 302
    assert response["Location"] == f"http://localhost/api/v2/pages/{russian.pk}/?"
    kazakh_path = "/kk" + RELEASE_PATH.removeprefix("/en")
    assert get_json(client, PAGES + "find/?html_path=" + kazakh_path, status=404)


def test_find_does_not_reveal_a_withdrawn_release(client, index):
    withdrawn = factories.release(index, 1, slug="withdrawn")
    withdrawn.unpublish()
    path = "/en/media-centre/press-releases/withdrawn/"
    assert client.get(path).status_code == 410
    assert get_json(client, PAGES + "find/?html_path=" + path, status=404)


def test_type_filter_lists_only_press_releases(client, release):
    every_type = {item["meta"]["type"] for item in get_json(client, PAGES)["items"]}
    assert {"home.HomePage", "pressreleases.PressReleaseIndexPage"} <= every_type
    releases = get_json(client, RELEASES)["items"]
    assert {item["meta"]["type"] for item in releases} == {"pressreleases.PressReleasePage"}
    assert len(releases) == 2  # English and Russian


def test_locale_filter_lists_one_language(client, release):
    assert release_titles(client, "&locale=ru") == ["Вакцины дошли до каждого района"]
    assert release_titles(client, "&locale=en") == ["Vaccines reach every district"]
    assert release_titles(client, "&locale=ky") == []


def test_topic_filter_lists_releases_on_that_topic(client, release, index):
    factories.release(index, 2, title="A release on another subject")
    assert release_titles(client, "&locale=en&topic=child-protection") == [
        "Vaccines reach every district"
    ]
    # Without ?type= too: the filter is on the pages endpoint as a whole.
    [item] = get_json(client, PAGES + "?locale=en&topic=child-protection")["items"]
    assert item["id"] == release.pk


def test_unknown_topic_gives_an_empty_list(client, release):
    data = get_json(client, RELEASES + "&topic=no-such-topic")
    assert data == {"meta": {"total_count": 0}, "items": []}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?colour=red", "query parameter is not an operation or a recognised field: colour"),
        ("?type=pressreleases.NoSuchPage", "type doesn't exist"),
        ("?order=colour", "cannot order by 'colour' (unknown field)"),
        ("?limit=many", "limit must be a positive integer"),
        ("?fields=colour", "unknown fields: colour"),
        ("?type=pressreleases.PressReleasePage&release_date=yesterday", "YYYY-MM-DD"),
        ("?topic=child%00protection", "topic error. null characters are not allowed"),
        ("?search=child%00", "search error. null characters are not allowed"),
        ("?locale=r%00u", "locale error. null characters are not allowed"),
        ("find/?html_path=/ru%00/", "html_path error. null characters are not allowed"),
        ('?search="child', "search error. double quotes are not supported"),
        ("?search=child&search_operator=xor", "search_operator must be 'and' or 'or'"),
        ("find/?id=abc", "id must be a positive integer"),
    ],
)
def test_bad_query_parameters_give_400_with_a_message(client, release, query, message):
    data = get_json(client, PAGES + query, status=400)
    assert message in data["message"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?search=child%00", "search error. null characters are not allowed"),
        ('?search="child', "search error. double quotes are not supported"),
        ("find/?id=abc", "id must be a positive integer"),
        ("?colour=red", "query parameter is not an operation or a recognised field: colour"),
    ],
)
def test_bad_media_queries_give_400_with_a_message(client, endpoint, query, message):
    data = get_json(client, f"/api/v2/{endpoint}/{query}", status=400)
    assert message in data["message"]


def test_unknown_locale_is_not_found(client, release):
    assert get_json(client, RELEASES + "&locale=xx", status=404) == {
        "message": "No Locale matches the given query."
    }


def test_unprefixed_page_address_still_redirects_to_the_readers_language(client, index):
    response = client.get("/media-centre/press-releases/")
    assert response.status_code == 302
    assert response["Location"] == "/en/media-centre/press-releases/"


def assert_hidden(client, page):
    titles = [item["title"] for item in get_json(client, PAGES)["items"]]
    assert page.title not in titles
    assert page.title not in release_titles(client, "&fields=*")
    assert get_json(client, f"{PAGES}{page.pk}/", status=404) == {
        "message": "No Page matches the given query."
    }


def test_a_draft_never_appears(client, index):
    draft = factories.release(index, 1, title="Draft release", live=False)
    assert_hidden(client, draft)


def test_an_embargoed_release_does_not_appear_before_its_hour(client, index):
    embargoed = factories.release(index, 1, title="Embargoed release", live=False)
    embargoed.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    embargoed.save_revision().publish()
    embargoed.refresh_from_db()
    assert embargoed.live is False
    assert_hidden(client, embargoed)


def test_a_withdrawn_release_disappears(client, index):
    withdrawn = factories.release(index, 1, title="Withdrawn release")
    withdrawn.unpublish()
    assert_hidden(client, withdrawn)


@pytest.mark.parametrize("restricted", ["release", "index"])
def test_a_private_release_never_appears(client, index, restricted):
    private = factories.release(index, 1, title="Private release")
    PageViewRestriction.objects.create(
        page=private if restricted == "release" else index,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    assert_hidden(client, private)


def test_unpublished_changes_of_a_live_release_stay_private(client, index):
    page = factories.release(index, 1, title="Published title", summary="Published summary.")
    page.title = "Draft title"
    page.summary = "Draft summary."
    page.save_revision()
    data = get_json(client, f"{PAGES}{page.pk}/")
    assert (data["title"], data["summary"]) == ("Published title", "Published summary.")


def test_images_endpoint_lists_images_but_not_unconsented_children(client, index, image):
    unconsented = factories.make_image(
        title="Child at risk", shows_identifiable_child=True, consent_on_record=False
    )
    consented = factories.make_image(
        title="Child with consent", shows_identifiable_child=True, consent_on_record=True
    )
    # The endpoint lists the images live pages show (see tests/test_uploads.py).
    for number, shown in enumerate([image, unconsented, consented], start=1):
        factories.release(index, number, image=shown)
    ids = {item["id"] for item in get_json(client, "/api/v2/images/")["items"]}
    assert {image.pk, consented.pk} <= ids
    assert unconsented.pk not in ids
    assert get_json(client, f"/api/v2/images/{image.pk}/")["title"] == "Children at school"
    get_json(client, f"/api/v2/images/{unconsented.pk}/", status=404)


def test_documents_endpoint_lists_the_documents_of_live_pages(client):
    document = get_document_model().objects.create(
        title="Annual report", file=ContentFile(b"%PDF-1.4 report", name="annual-report.pdf")
    )
    factories.on_a_live_page(document)
    [item] = get_json(client, "/api/v2/documents/")["items"]
    assert item["title"] == "Annual report"
    assert item["meta"]["download_url"].endswith(document.url)


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_endpoints_are_read_only(client, release, endpoint):
    response = client.post(f"/api/v2/{endpoint}/", {"title": "Injected"})
    assert response.status_code == 405
    response = client.delete(f"/api/v2/pages/{release.pk}/")
    assert response.status_code == 405


def add_releases(index, numbers, topic):
    for number in numbers:
        page = factories.release(index, number, image=factories.make_image(f"Image {number}"))
        contact = factories.contact(email=f"contact{number}@example.org")
        factories.attach(page, contacts=[contact], topics=[topic])


def listing_queries(client, count):
    url = RELEASES + "&locale=en&fields=*&limit=20"
    get_json(client, url)  # the first request makes the renditions
    with CaptureQueriesContext(connection) as queries:
        items = get_json(client, url)["items"]
    assert len(items) == count
    return len(queries)


def test_listing_releases_takes_the_same_number_of_queries_for_3_or_15(client, index):
    topic = factories.topic()
    add_releases(index, range(1, 4), topic)
    few = listing_queries(client, 3)
    add_releases(index, range(4, 16), topic)
    assert listing_queries(client, 15) == few
