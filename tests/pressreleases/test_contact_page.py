import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from .. import factories
from ..html import text

pytestmark = pytest.mark.django_db

VALID = {
    "your_name": "Aigerim",
    "e_mail": "aigerim@example.org",
    "message": "An interview, please.",
}


@pytest.fixture
def page():
    centre = factories.media_centre("en")
    page = factories.contact_page(centre)
    page.offices = [
        (
            "office",
            {
                "name": "Bishkek office",
                "address": "160 Chui Avenue\nBishkek",
                "phone": "+996 312 61 12 11",
                "email": "bishkek@example.org",
                "hours": "Mon–Fri 9:00–18:00",
            },
        )
    ]
    factories.publish(page)
    return page


def test_contact_page_shows_offices_and_a_labelled_form(client, page):
    html = client.get(page.url).content.decode()
    page_text = text(html)
    assert "Bishkek office" in page_text and "160 Chui Avenue" in page_text
    assert 'href="tel:+996312611211"' in html
    assert 'href="mailto:bishkek@example.org"' in html
    for field in ["your_name", "e_mail", "message"]:
        assert f'for="id_{field}"' in html
    assert "csrfmiddlewaretoken" in html


def test_a_valid_enquiry_is_stored_and_emailed(client, page):
    response = client.post(page.url, VALID)
    assert response.status_code == 200
    assert "Thank you, we will answer soon." in text(response.content.decode())
    submission = FormSubmission.objects.get(page=page)
    assert submission.form_data["e_mail"] == "aigerim@example.org"
    assert "website" not in submission.form_data
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["press@example.org"]
    assert mail.outbox[0].reply_to == ["aigerim@example.org"]
    assert "An interview, please." in mail.outbox[0].body


def test_an_invalid_enquiry_re_renders_with_messages_and_keeps_the_input(client, page):
    response = client.post(page.url, {**VALID, "e_mail": "not-an-address", "message": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in text(html)
    assert "This field is required." in text(html)
    assert 'value="Aigerim"' in html
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored_or_sent(client, page):
    response = client.post(page.url, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 200
    assert "Thank you, we will answer soon." in text(response.content.decode())
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []
