"""Small builders for test content: a media centre tree in a locale, releases, images."""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage
from pressreleases.models import (
    Contact,
    ContactPage,
    EnquiryFormField,
    EthicalGuidelinesPage,
    MediaCentrePage,
    PressReleaseContact,
    PressReleaseIndexPage,
    PressReleasePage,
    PressReleaseTopic,
    ProjectIndexPage,
    ProjectProposalPage,
    StandardPage,
    Topic,
)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def home(language="en"):
    return HomePage.objects.get(locale__language_code=language)


def locale(language="en"):
    return Locale.objects.get(language_code=language)


def make_image(title="Children at school", credit="© UNICEF/Kyrgyzstan/2017/Test", **fields):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (0, 104, 157)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title,
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg"),
        credit=credit,
        caption=fields.pop("caption", "Pupils in a village school"),
        description=fields.pop("description", "Three pupils reading at a desk"),
        **fields,
    )


def media_centre(language="en"):
    return add_page(
        home(language),
        MediaCentrePage(title="Media centre", slug="media-centre", show_in_menus=True),
    )


def release_index(centre):
    return add_page(
        centre,
        PressReleaseIndexPage(
            title="Press releases",
            slug="press-releases",
            show_in_menus=True,
            listing_summary="News from the country office.",
        ),
    )


def release(index, number=1, *, date=None, dateline="Almaty", image=None, live=True, **fields):
    page = PressReleasePage(
        title=fields.pop("title", f"Release number {number}"),
        slug=fields.pop("slug", f"release-{number}"),
        dateline=dateline,
        release_date=date or datetime.date(2017, 1, 1) + datetime.timedelta(days=number),
        summary=fields.pop("summary", f"The lead paragraph of release {number}."),
        hero_image=image,
        body=fields.pop("body", [("paragraph", f"<p>Body text of release {number}.</p>")]),
        live=live,
        **fields,
    )
    index.add_child(instance=page)
    return publish(page) if live else page


def contact(language="en", **fields):
    defaults = {
        "name": "Gauhar Abdygaliyeva",
        "role": "Communication Officer",
        "organisation": "UNICEF Kazakhstan",
        "phone": "+7 (7172) 32 83 07",
        "email": "gabdygaliyeva@example.org",
    }
    return Contact.objects.create(locale=locale(language), **{**defaults, **fields})


def topic(language="en", name="Child protection", slug="child-protection"):
    return Topic.objects.create(locale=locale(language), name=name, slug=slug)


def attach(page, contacts=(), topics=()):
    for position, person in enumerate(contacts):
        PressReleaseContact.objects.create(
            page=page, contact=person, sort_order=position, locale=page.locale
        )
    for position, subject in enumerate(topics):
        PressReleaseTopic.objects.create(
            page=page, topic=subject, sort_order=position, locale=page.locale
        )
    return publish(page)


def project_index(centre):
    return add_page(
        centre,
        ProjectIndexPage(title="Project proposals", slug="project-proposals", show_in_menus=True),
    )


def project(index, number=1, **fields):
    defaults = {
        "title": f"Project {number}",
        "slug": f"project-{number}",
        "summary": f"Summary of project {number}.",
        "sector": "education",
        "regions": "Osh, Batken",
        "start_date": datetime.date(2018, 1, 1),
        "end_date": datetime.date(2020, 12, 31),
        "budget_amount": 250000,
        "budget_currency": "USD",
        "funding_status": "seeking",
        "funding_gap": 120000,
        "partners": "Ministry of Education\nLocal NGO",
    }
    return add_page(index, ProjectProposalPage(**{**defaults, **fields}))


def guidelines(centre, **fields):
    defaults = {
        "title": "Ethical guidelines",
        "slug": "ethical-guidelines",
        "show_in_menus": True,
        "body": [
            (
                "section",
                {
                    "title": "Principles",
                    "intro": "",
                    "guidelines": [
                        {"title": "Respect dignity", "text": "<p>Every child has dignity.</p>"},
                        {"title": "Best interests", "text": "<p>Come first.</p>"},
                    ],
                },
            ),
            (
                "section",
                {
                    "title": "Interviewing children",
                    "intro": "",
                    "guidelines": [
                        {"title": "Consent", "text": "<p>Obtain informed consent.</p>"}
                    ],
                },
            ),
        ],
    }
    return add_page(centre, EthicalGuidelinesPage(**{**defaults, **fields}))


def contact_page(centre, **fields):
    defaults = {
        "title": "Contact information",
        "slug": "contact",
        "show_in_menus": True,
        "to_address": "press@example.org",
        "from_address": "website@example.org",
        "subject": "Media enquiry",
        "thank_you_text": "<p>Thank you, we will answer soon.</p>",
    }
    page = ContactPage(**{**defaults, **fields})
    page.form_fields = [
        EnquiryFormField(label="Your name", field_type="singleline", required=True),
        EnquiryFormField(label="E-mail", field_type="email", required=True),
        EnquiryFormField(label="Message", field_type="multiline", required=True),
    ]
    return add_page(centre, page)


def standard_page(parent, **fields):
    defaults = {"title": "Pro-Children Media Club", "slug": "media-club", "show_in_menus": True}
    return add_page(parent, StandardPage(**{**defaults, **fields}))


def on_a_live_page(*documents):
    """Documents become the public's once a live page links to them (see public_files.py)."""
    blocks = [("document", {"document": document, "label": ""}) for document in documents]
    return standard_page(home("en"), title="Reports", slug="reports", body=blocks)
