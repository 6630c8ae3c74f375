import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_creates_the_superuser_once_and_never_resets_its_password():
    out = io.StringIO()
    call_command("create_dev_superuser", stdout=out)
    assert "admin / mediacentre-dev" in out.getvalue()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("mediacentre-dev")

    user.set_password("changed-by-the-developer")
    user.save()
    call_command("create_dev_superuser", stdout=io.StringIO())
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert (
        get_user_model().objects.get(username="admin").check_password("changed-by-the-developer")
    )


def test_refuses_to_run_without_debug():
    with pytest.raises(CommandError):
        call_command("create_dev_superuser", stdout=io.StringIO())
