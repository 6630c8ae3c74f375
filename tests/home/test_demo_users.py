import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from .. import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_groups():
    factories.media_centre("en")
    factories.media_centre("kk")
    call_command("setup_mediacentre", stdout=io.StringIO())


@override_settings(DEBUG=True)
def test_demo_users_are_created_once_in_their_groups(review_groups):
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    for username in ["editor", "editor-kk", "reviewer"]:
        assert f"{username} / mediacentre-dev" in out.getvalue()
    users = get_user_model().objects
    assert list(users.get(username="editor").groups.values_list("name", flat=True)) == ["Editors"]
    assert list(users.get(username="editor-kk").groups.values_list("name", flat=True)) == [
        "Editors (Қазақша)"
    ]
    reviewer = users.get(username="reviewer")
    assert list(reviewer.groups.values_list("name", flat=True)) == ["Reviewers"]
    assert reviewer.email == "reviewer@example.org"
    assert reviewer.check_password("mediacentre-dev")
    assert not reviewer.is_superuser

    reviewer.set_password("changed")
    reviewer.save()
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    assert "unchanged" in out.getvalue()
    assert users.filter(username="reviewer").count() == 1
    assert users.get(username="reviewer").check_password("changed")


@override_settings(DEBUG=True)
def test_demo_users_need_the_review_groups():
    with pytest.raises(CommandError, match="setup_mediacentre"):
        call_command("create_demo_users", stdout=io.StringIO())


def test_demo_users_refuse_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_users", stdout=io.StringIO())
