import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from .. import factories
from ..html import count_tag, links, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return factories.media_centre("en")


def test_project_proposal_renders_its_facts(client, centre):
    index = factories.project_index(centre)
    page = factories.project(
        index,
        1,
        title="Juvenile justice reform",
        sector="child-protection",
        funding_status="partial",
        budget_amount=1500000,
        budget_currency="KGS",
        body=[
            (
                "section",
                {
                    "kind": "problem",
                    "heading": "",
                    "content": [("paragraph", "<p>Too many children are detained.</p>")],
                },
            )
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    page_text = text(response.content.decode())
    for expected in [
        "Juvenile justice reform",
        "Child protection",
        "Partly funded",
        "Osh, Batken",
        "KGS",
        "Ministry of Education",
        "Local NGO",
        "The problem",
        "Too many children are detained.",
    ]:
        assert expected in page_text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?sector=health", ["Clinics"], ["Schools"]),
        ("?status=funded", ["Schools"], ["Clinics"]),
        ("?sector=health&status=funded", [], ["Clinics", "Schools"]),
        ("?sector=nonsense&status=%3Cscript%3E", ["Clinics", "Schools"], []),
    ],
)
def test_project_index_filters_by_sector_and_funding_status(client, centre, query, shown, hidden):
    index = factories.project_index(centre)
    factories.project(index, 1, title="Clinics", sector="health", funding_status="seeking")
    factories.project(index, 2, title="Schools", sector="education", funding_status="funded")
    response = client.get(index.url + query)
    assert response.status_code == 200
    html = response.content.decode()
    titles = {label for _, label in links(html)}
    for title in shown:
        assert title in titles
    for title in hidden:
        assert title not in titles
    assert "<script>" not in html


def test_ethical_guidelines_have_a_table_of_contents_and_numbered_guidelines(client, centre):
    page = factories.guidelines(centre)
    html = client.get(page.url).content.decode()
    assert ("#section-1", "Principles") in [(h, t.split(" ", 1)[-1]) for h, t in links(html)] or (
        "#section-1",
        "1. Principles",
    ) in links(html)
    assert 'id="section-1"' in html and 'id="section-2"' in html
    page_text = text(html)
    assert "1.1" in page_text and "1.2" in page_text and "2.1" in page_text
    assert page_text.index("Respect dignity") < page_text.index("Best interests")
    assert count_tag(html, "h1") == 1


def test_standard_page_video_falls_back_to_a_link_when_the_embed_is_unavailable(
    client, centre, settings
):
    settings.WAGTAILEMBEDS_FINDERS = []
    page = factories.standard_page(
        centre,
        body=[
            (
                "video",
                {
                    "video": "https://www.youtube.com/watch?v=demo00001",
                    "title": "A one-minute film",
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert ("https://www.youtube.com/watch?v=demo00001", "A one-minute film") in links(html)
    assert "<iframe" not in html


def test_standard_page_video_uses_the_embed_when_available(client, centre):
    url = "https://www.youtube.com/watch?v=demo00002"
    Embed.objects.create(
        hash=get_embed_hash(url),
        url=url,
        max_width=None,
        type="video",
        html='<iframe title="A film" src="https://www.youtube.com/embed/demo00002"></iframe>',
        width=480,
        height=270,
    )
    page = factories.standard_page(
        centre, body=[("video", {"video": url, "title": "A one-minute film"})]
    )
    assert "youtube.com/embed/demo00002" in client.get(page.url).content.decode()
