import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the four-language site that `make run` builds."""
    with django_db_blocker.unblock():
        call_command("setup_site", stdout=io.StringIO())
