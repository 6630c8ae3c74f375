"""The page editor saves only when the editor asks, and always with the last words typed."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from . import factories

pytestmark = pytest.mark.django_db


def test_the_page_editor_has_no_autosave_and_flushes_rich_text_on_save(client, django_user_model):
    index = factories.release_index(factories.media_centre("en"))
    call_command("setup_mediacentre", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(f"/admin/pages/{index.pk}/add_subpage/", follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    [form_tag] = re.findall(r'<form\s[^>]*id="page-edit-form"[^>]*>', html)
    # Wagtail draws its (idle) indicator anyway; the form itself never saves on its own.
    assert "w-autosave" not in form_tag
    assert "/static/pressreleases/js/save-rich-text.js" in html
