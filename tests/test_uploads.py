"""Safe uploads: images of the allowed formats and sizes only, with no location data left in
the stored file or its renditions; documents of the allowed types and size, served as
downloads through Django, and private ones kept from the public and from the API."""

import hashlib
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageOps, PngImagePlugin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from . import factories

pytestmark = pytest.mark.django_db

Document = get_document_model()
CreditedImage = get_image_model()
ROTATE_CLOCKWISE = 6  # EXIF orientation: the camera was turned; show the picture turned right
GPS = ExifTags.IFD.GPSInfo


@pytest.fixture(autouse=True)
def no_cached_renditions():
    # Ids come back after a test's rollback; a cached rendition of another test's image
    # would stand in for this one's.
    cache.clear()


def photo_bytes(image_format="JPEG", orientation=ROTATE_CLOCKWISE, xmp=None, **options):
    """A 40×20 picture, red on the left and blue on the right, taken in Bishkek."""
    picture = Image.new("RGB", (40, 20), (200, 0, 0))
    picture.paste((0, 0, 200), (20, 0, 40, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Test camera"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(GPS).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (42.0, 52.0, 30.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (74.0, 36.0, 0.0),
        }
    )
    if xmp:
        options["xmp"] = xmp
    buffer = io.BytesIO()
    picture.save(buffer, image_format, exif=exif, **options)
    return buffer.getvalue()


def stored(image):
    with image.file.open("rb") as file:
        return file.read()


def assert_no_location(data):
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.getexif().get_ifd(GPS) == {}
        assert GPS not in picture.getexif()
        assert "xmp" not in picture.info
        assert b"GPSLatitude" not in data


def upload_image(client, name, content, **fields):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": fields.pop("title", "Upload"),
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "shows_identifiable_child": "False",
            **fields,
        },
    )


def form_errors(response):
    assert response.status_code == 200, "the form should be shown again with its errors"
    return " ".join(
        str(error) for errors in response.context["form"].errors.values() for error in errors
    )


def test_an_image_over_the_size_limit_is_refused_with_a_message(admin_client):
    padding = PngImagePlugin.PngInfo()
    padding.add_text("padding", "x" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG", pnginfo=padding)
    response = upload_image(admin_client, "huge.png", buffer.getvalue())
    assert "This file is too big" in form_errors(response)
    assert not CreditedImage.objects.filter(title="Upload").exists()


def test_a_decompression_bomb_is_refused(admin_client):
    # A few kilobytes that would unpack to 64 million pixels.
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    response = upload_image(admin_client, "bomb.png", buffer.getvalue())
    assert "This file has too many pixels (64000000)" in form_errors(response)
    assert not CreditedImage.objects.filter(title="Upload").exists()


def test_an_svg_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg)
    assert "Not a supported image format" in form_errors(response)
    assert not CreditedImage.objects.filter(title="Upload").exists()


def test_an_uploaded_photo_loses_its_location_and_stays_upright(admin_client):
    original = photo_bytes(xmp=b"<x:xmpmeta><exif:GPSLatitude>42,52N</exif:GPSLatitude>")
    response = upload_image(admin_client, "village.jpg", original, title="Village school")
    assert response.status_code == 302
    image = CreditedImage.objects.get(title="Village school")
    data = stored(image)

    assert_no_location(data)
    with Image.open(io.BytesIO(data)) as picture, Image.open(io.BytesIO(original)) as upload:
        # Turned as the camera meant, so no orientation tag is needed any more.
        assert picture.size == (20, 40)
        assert ExifTags.Base.Orientation not in picture.getexif()
        assert picture.getpixel((10, 5))[0] > 150  # red on top
        assert picture.getpixel((10, 35))[2] > 150  # blue below
        # The rest of the EXIF stays, and the JPEG keeps its own compression.
        assert picture.getexif()[ExifTags.Base.Make] == "Test camera"
        assert picture.quantization == upload.quantization
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324 (Wagtail's hash)


def test_renditions_carry_no_location(admin_client):
    upload_image(admin_client, "village.jpg", photo_bytes(), title="Village school")
    image = CreditedImage.objects.get(title="Village school")
    for spec in ("original", "width-10", "fill-10x10|format-webp"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as file:
            assert_no_location(file.read())
    assert image.get_rendition("width-10").height == 20


@pytest.mark.parametrize(
    ("image_format", "options"),
    [("PNG", {}), ("WEBP", {"lossless": True}), ("WEBP", {"quality": 80})],
)
def test_png_and_webp_lose_their_location_too(image_format, options):
    image = CreditedImage.objects.create(
        title="Saved by a script",
        file=ContentFile(photo_bytes(image_format, **options), name="village.img"),
    )
    data = stored(image)
    assert_no_location(data)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.format == image_format
        assert picture.size == (image.width, image.height) == (20, 40)
        if options.get("lossless", image_format == "PNG"):
            # Lossless stays lossless: every pixel is the turned original's.
            with Image.open(io.BytesIO(photo_bytes(image_format, **options))) as upload:
                expected = ImageOps.exif_transpose(upload).convert("RGB")
            assert picture.convert("RGB").tobytes() == expected.tobytes()


def gif_with_xmp(xmp):
    """A two-frame GIF carrying `xmp` in an "XMP DataXMP" application extension, as Adobe's
    tools write it: the packet, then the 258-byte trailer that lets readers skip it."""
    frames = [Image.new("RGB", (30, 20), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    gif = buffer.getvalue()
    extension = b"\x21\xff\x0bXMP DataXMP" + xmp + bytes([1, *range(255, -1, -1), 0])
    # Straight after the header, screen descriptor and global colour table.
    table_size = 3 * 2 ** ((gif[10] & 0x07) + 1) if gif[10] & 0x80 else 0
    split = 13 + table_size
    return gif[:split] + extension + gif[split:]


def test_a_gif_loses_its_xmp_location_and_keeps_its_frames(admin_client):
    upload = gif_with_xmp(b"<x:xmpmeta><exif:GPSLatitude>42,52N</exif:GPSLatitude></x:xmpmeta>")
    with Image.open(io.BytesIO(upload)) as picture:
        assert picture.n_frames == 2  # a valid GIF, which Pillow reads past its XMP

    response = upload_image(admin_client, "march.gif", upload)

    assert response.status_code == 302
    data = stored(CreditedImage.objects.get())
    assert_no_location(data)
    with Image.open(io.BytesIO(data)) as picture, Image.open(io.BytesIO(upload)) as original:
        assert picture.n_frames == original.n_frames == 2
        assert picture.info["duration"] == 200
        for frame in range(2):
            picture.seek(frame)
            original.seek(frame)
            assert picture.convert("RGB").tobytes() == original.convert("RGB").tobytes()


def test_a_photo_without_location_or_rotation_is_stored_as_uploaded():
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (0, 104, 157)).save(buffer, "JPEG", quality=95)
    image = CreditedImage.objects.create(
        title="Plain", file=ContentFile(buffer.getvalue(), name="plain.jpg")
    )
    assert stored(image) == buffer.getvalue()


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Report",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "drawing.svg", "archive"])
def test_a_document_of_another_type_is_refused(admin_client, name):
    response = upload_document(admin_client, name, b"MZ\x90\x00 not a report")
    assert "File extension" in form_errors(response)
    assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(admin_client):
    content = b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    response = upload_document(admin_client, "report.pdf", content)
    assert "This file is too big" in form_errors(response)
    assert not Document.objects.exists()


def test_an_allowed_document_is_accepted(admin_client):
    response = upload_document(admin_client, "report.odt", b"PK\x03\x04 an OpenDocument")
    assert response.status_code == 302
    assert Document.objects.get().file.name.endswith(".odt")


def make_document(collection=None, name="financial-statement.pdf"):
    return Document.objects.create(
        title="Financial statement",
        file=ContentFile(b"%PDF-1.4 the financial statement", name=name),
        collection=collection or Collection.get_first_root_node(),
    )


def test_a_document_is_served_as_a_download_through_django(client):
    document = make_document()
    factories.on_a_live_page(document)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the financial statement"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert f'filename="{document.filename}"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    # The document's address is Django's view, not the media folder.
    assert document.url == f"/documents/{document.pk}/{document.filename}"


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Internal")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Editors"))
    return collection


def test_a_private_document_is_refused_to_the_public_and_kept_out_of_the_api(
    client, admin_client, django_user_model, private_collection
):
    private = make_document(private_collection, name="salaries.xlsx")
    public = make_document(name="financial-statement.pdf")
    factories.on_a_live_page(private, public)

    response = client.get(private.url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailcore_login')}?next={private.url}"
    # Signed in but not in the group: sent to sign in as someone who is.
    outsider = django_user_model.objects.create_user("outsider", password="x")
    client.force_login(outsider)
    response = client.get(private.url)
    assert response["Location"] == f"{reverse('wagtailcore_login')}?next={private.url}"
    client.logout()

    listing = client.get("/api/v2/documents/").json()
    assert [item["id"] for item in listing["items"]] == [public.pk]
    assert client.get(f"/api/v2/documents/{private.pk}/").status_code == 404
    # Whoever the collection is for still gets the file.
    assert admin_client.get(private.url).status_code == 200


def images_in_the_api(client):
    return {item["id"] for item in client.get("/api/v2/images/").json()["items"]}


def test_the_api_lists_only_images_that_live_public_pages_show(client):
    index = factories.release_index(factories.media_centre("en"))
    on_live = factories.make_image("On a live release")
    on_draft = factories.make_image("On a draft release")
    in_library = factories.make_image("Only in the library")
    factories.release(index, 1, image=on_live)
    draft = factories.release(index, 2, image=on_draft, live=False)

    assert images_in_the_api(client) == {on_live.pk}
    for hidden in (on_draft, in_library):
        assert client.get(f"/api/v2/images/{hidden.pk}/").status_code == 404

    factories.publish(draft)
    assert images_in_the_api(client) == {on_live.pk, on_draft.pk}


def test_a_photo_whose_child_question_is_unanswered_is_not_saved(admin_client):
    response = upload_image(admin_client, "class.jpg", photo_bytes(), shows_identifiable_child="")

    assert "shows_identifiable_child" in response.context["form"].errors
    assert not get_image_model().objects.filter(title="Upload").exists()


def test_the_multiple_uploader_keeps_a_photo_pending_until_each_question_is_answered(
    admin_client,
):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("pupils.jpg", photo_bytes()), "title": "Pupils"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    data = response.json()
    assert data["success"] and "uploaded_file_id" in data
    for field in ("credit", "caption", "shows_identifiable_child", "consent_on_record"):
        assert f"{field}" in data["form"]
    assert not get_image_model().objects.exists()

    uploaded = data["uploaded_file_id"]
    answer = admin_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[uploaded]),
        {
            f"uploaded-image-{uploaded}-title": "Pupils in Osh",
            f"uploaded-image-{uploaded}-collection": Collection.get_first_root_node().pk,
            f"uploaded-image-{uploaded}-credit": "© UNICEF/Kyrgyzstan",
            f"uploaded-image-{uploaded}-caption": "Pupils in Osh.",
            f"uploaded-image-{uploaded}-shows_identifiable_child": "True",
            f"uploaded-image-{uploaded}-consent_on_record": "on",
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert answer.json()["success"], answer.json()
    image = get_image_model().objects.get(title="Pupils in Osh")
    assert (image.credit, image.shows_identifiable_child, image.consent_on_record) == (
        "© UNICEF/Kyrgyzstan",
        True,
        True,
    )
