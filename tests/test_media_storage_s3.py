"""Media on S3-compatible object storage (AWS_STORAGE_BUCKET_NAME and friends), against
moto's S3 server on a free local port: images, renditions and documents land in the bucket,
and documents are still streamed through Django."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import ExifTags, Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from . import factories

threaded_moto_server = pytest.importorskip(
    "moto.moto_server.threaded_moto_server",
    reason="moto[server] is not installed (pip install -r requirements-dev.txt)",
)
boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (requirements.txt)")

pytestmark = pytest.mark.django_db

BUCKET = "mediacentre-test-media"
REGION = "eu-central-1"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = threaded_moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_environment(s3_endpoint, monkeypatch):
    """What an operator sets to put media in a bucket; the credentials are moto's."""
    variables = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return variables


@pytest.fixture
def bucket(s3_environment):
    client = boto3.client(
        "s3", endpoint_url=s3_environment["AWS_S3_ENDPOINT_URL"], region_name=REGION
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def storage_from_environment():
    """The default storage the settings build from this environment, read in a fresh
    process as a server would start."""
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.STORAGES['default']))",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mediacentre.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def s3_storage(bucket):
    cache.clear()  # no rendition remembered from the file-system tests
    with override_settings(STORAGES={**settings.STORAGES, "default": storage_from_environment()}):
        yield bucket
    cache.clear()


def keys(bucket, prefix):
    listing = bucket.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]


def read(bucket, key):
    return bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()


def test_the_file_system_is_the_default(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert storage_from_environment() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_name_in_the_environment_selects_s3(s3_environment):
    storage = storage_from_environment()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": BUCKET,
        "endpoint_url": s3_environment["AWS_S3_ENDPOINT_URL"],
        "region_name": REGION,
        "location": "",
        "custom_domain": None,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 3600,
        "file_overwrite": False,
    }
    # Credentials are left to boto3, never copied into the settings.
    assert "testing" not in json.dumps(storage)


def test_an_uploaded_image_and_its_renditions_are_stored_in_the_bucket(s3_storage, admin_client):
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    photo = io.BytesIO()
    Image.new("RGB", (60, 40), (0, 104, 157)).save(photo, "JPEG", exif=exif)
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Flood relief",
            "file": SimpleUploadedFile("flood-relief.jpg", photo.getvalue()),
            "collection": Collection.get_first_root_node().pk,
            "shows_identifiable_child": "False",
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Flood relief")
    [original_key] = keys(s3_storage, "original_images/")
    assert original_key == image.file.name
    with Image.open(io.BytesIO(read(s3_storage, original_key))) as stored:
        assert stored.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}

    rendition = image.get_rendition("width-30")
    assert keys(s3_storage, "images/") == [rendition.file.name]
    with Image.open(io.BytesIO(read(s3_storage, rendition.file.name))) as thumbnail:
        assert thumbnail.size == (30, 20)
    # A private bucket: the address readers get is signed and points at the store.
    assert rendition.url.startswith(f"{s3_storage.meta.endpoint_url}/{BUCKET}/images/")
    assert "Signature=" in rendition.url


def test_a_document_in_the_bucket_is_streamed_through_django(s3_storage, client):
    document = get_document_model().objects.create(
        title="Annual report",
        file=ContentFile(b"%PDF-1.4 the annual report", name="annual-report.pdf"),
    )
    assert keys(s3_storage, "documents/") == [document.file.name]
    factories.on_a_live_page(document)

    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the annual report"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
