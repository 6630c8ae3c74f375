import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the four-language site that `make run` builds."""
    with django_db_blocker.unblock():
        call_command("setup_site", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def english_by_default():
    """A request leaves its language active in the thread; each test starts in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
