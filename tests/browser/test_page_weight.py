"""Page weight: a press release with its hero image, read on a phone, stays under 200 KB.

Everything the browser fetches is counted (HTML, CSS, JS, fonts, the image rendition it
chose from the srcset), headers included, after scrolling to the end so that lazy
images load too. The figures are written to var/bench/page-weight.txt.
"""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image, ImageFilter, ImageOps
from wagtail.images import get_image_model

from pressreleases.models import PressReleaseIndexPage, PressReleasePage

from .. import factories
from .conftest import ARTEFACTS

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 200 * 1000
PHONE = {"width": 375, "height": 812, "device_scale_factor": 2}
DEMO_RELEASE = "children-take-over-the-news-on-world-childrens-day"


def photographic_jpeg(size=(1600, 900)):
    """A picture as hard to compress as a photograph: a colour gradient under grain."""
    gradient = ImageOps.colorize(
        Image.linear_gradient("L").resize(size), (20, 60, 110), (240, 200, 120)
    )
    grain = Image.merge("RGB", [Image.effect_noise(size, 64) for _band in range(3)])
    picture = Image.blend(gradient, grain.filter(ImageFilter.GaussianBlur(0.6)), 0.35)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=90)
    return buffer


@pytest.fixture(scope="module")
def photo_release(live_site):
    """A release whose hero image is a full-size photograph-like JPEG."""
    image = get_image_model().objects.create(
        title="Pupils at lunch in Naryn",
        file=ImageFile(photographic_jpeg(), name="pupils-at-lunch.jpg"),
        credit="© UNICEF/Kyrgyzstan/2026",
        description="Pupils eating lunch at long tables",
    )
    index = PressReleaseIndexPage.objects.get(locale__language_code="en")
    return factories.release(
        index, 900, slug="hot-lunches-in-naryn", title="Hot lunches in Naryn", image=image
    )


def transfer(new_page, path):
    """Every response the page needs, as (URL, body bytes, header bytes)."""
    page = new_page(**PHONE)
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(path, wait_until="networkidle")
    assert response.status == 200
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    failed = page.evaluate("[...document.images].filter(image => !image.complete).length")
    assert failed == 0
    rows = []
    for request in finished:
        sizes = request.sizes()
        rows.append((request.url, sizes["responseBodySize"], sizes["responseHeadersSize"]))
    return rows


def record(name, rows):
    total = sum(body + headers for _url, body, headers in rows)
    lines = [f"{name}: {total} bytes transferred at 375 px (2x), {len(rows)} requests"]
    lines += [f"  {body:>8} + {headers:>4}  {url}" for url, body, headers in rows]
    return total, "\n".join(lines)


def test_releases_read_on_a_phone_stay_under_200_kb(new_page, live_site, photo_release):
    demo = PressReleasePage.objects.get(locale__language_code="en", slug=DEMO_RELEASE)
    report = []
    for name, release in [("demo release", demo), ("release with a photograph", photo_release)]:
        rows = transfer(new_page, release.url)
        images = [url for url, _body, _headers in rows if "/images/" in url]
        # The phone fetched a rendition of the hero image, never the original upload.
        assert images, [url for url, _body, _headers in rows]
        assert not any("/original_images/" in url for url in images), images
        total, lines = record(name, rows)
        report.append(lines)
        assert total <= BUDGET_BYTES, lines

    bench = ARTEFACTS / "bench"
    bench.mkdir(parents=True, exist_ok=True)
    (bench / "page-weight.txt").write_text("\n\n".join(report) + "\n", encoding="utf-8")
