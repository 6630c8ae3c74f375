import pytest

from .accounts import make_admin_user


@pytest.fixture
def reviewer(django_user_model):
    return make_admin_user(django_user_model, "rita-reviewer", group="Reviewers")


@pytest.fixture
def editor(django_user_model):
    return make_admin_user(django_user_model, "eddie-editor", group="Editors")


@pytest.fixture
def superuser(django_user_model):
    return make_admin_user(django_user_model, "sam-superuser", superuser=True)
