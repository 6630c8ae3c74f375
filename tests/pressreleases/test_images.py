"""Responsive images: WebP with a JPEG fallback, widths, sizes, lazy loading, credits."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.static import serve
from PIL import Image as PILImage

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return factories.release_index(factories.media_centre("en"))


@pytest.fixture
def release(index):
    image = factories.make_image(credit="© UNICEF/Kyrgyzstan/2017/Test")
    return factories.release(
        index,
        1,
        image=image,
        body=[
            ("paragraph", "<p>First paragraph.</p>"),
            (
                "image",
                {
                    "image": factories.make_image(title="Body photo", credit="© UNICEF/Osh"),
                    "caption": "A class in Osh",
                    "credit": "",
                    "alt_text": "",
                },
            ),
        ],
    )


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, flags=re.S)


def attribute(tag, name):
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return match.group(1) if match else None


def widths(srcset):
    return [int(candidate.rsplit(" ", 1)[1].rstrip("w")) for candidate in srcset.split(", ")]


def test_hero_is_a_picture_with_webp_and_a_jpeg_fallback_loaded_first(client, release):
    html = client.get(release.url).content.decode()
    hero = pictures(html)[0]
    source = re.search(r"<source[^>]*>", hero).group(0)
    image = re.search(r"<img[^>]*>", hero).group(0)

    assert attribute(source, "type") == "image/webp"
    assert widths(attribute(source, "srcset")) == [400, 800, 1200]
    assert ".webp" in attribute(source, "srcset")
    assert attribute(source, "sizes") == "(min-width: 72rem) 70rem, 100vw"
    assert widths(attribute(image, "srcset")) == [400, 800, 1200]
    assert attribute(image, "src").endswith(".jpg")
    assert (attribute(image, "width"), attribute(image, "height")) == ("400", "225")
    assert attribute(image, "fetchpriority") == "high"
    assert attribute(image, "loading") == "eager"
    assert attribute(image, "alt") == "Three pupils reading at a desk"


def test_hero_and_body_images_keep_their_captions_and_credits(client, release):
    html = client.get(release.url).content.decode()
    figures = re.findall(r"<figure class=\"figure.*?</figure>", html, flags=re.S)
    assert len(figures) == 2
    hero, body_image = figures
    assert "Pupils in a village school" in hero and "© UNICEF/Kyrgyzstan/2017/Test" in hero
    assert "A class in Osh" in body_image and "© UNICEF/Osh" in body_image
    assert "<figcaption>" in hero and "<figcaption>" in body_image


def test_body_images_load_lazily(client, release):
    html = client.get(release.url).content.decode()
    body_image = re.search(r"<img[^>]*>", pictures(html)[1]).group(0)
    assert attribute(body_image, "loading") == "lazy"
    assert attribute(body_image, "decoding") == "async"
    assert attribute(body_image, "fetchpriority") is None


def test_release_cards_are_lazy_webp_pictures_with_sizes(client, release, index):
    html = client.get(index.url).content.decode()
    card = pictures(html)[0]
    source = re.search(r"<source[^>]*>", card).group(0)
    image = re.search(r"<img[^>]*>", card).group(0)
    assert attribute(source, "type") == "image/webp"
    assert widths(attribute(source, "srcset")) == [400, 800]
    assert attribute(image, "sizes") == "(min-width: 48rem) 16rem, 100vw"
    assert (attribute(image, "width"), attribute(image, "height")) == ("400", "225")
    assert attribute(image, "loading") == "lazy"
    assert attribute(image, "decoding") == "async"
    assert attribute(image, "alt") == ""


def test_the_webp_renditions_are_served_as_webp(client, release):
    html = client.get(release.url).content.decode()
    source = re.search(r"<source[^>]*>", pictures(html)[0]).group(0)
    smallest = attribute(source, "srcset").split(", ")[0].rsplit(" ", 1)[0]
    path = urlsplit(smallest).path.removeprefix(settings.MEDIA_URL)

    # As `make run` serves media in development (django.views.static.serve).
    response = serve(RequestFactory().get(smallest), path, document_root=settings.MEDIA_ROOT)
    body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    with PILImage.open(io.BytesIO(body)) as served:
        assert served.format == "WEBP"
        assert served.size == (400, 225)
