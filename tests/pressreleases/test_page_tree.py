"""Editors can only build the intended media-centre tree."""

import pytest
from wagtail.models import Page

from home.models import HomePage
from pressreleases.models import (
    ContactPage,
    EthicalGuidelinesPage,
    MediaCentrePage,
    PressReleaseIndexPage,
    PressReleasePage,
    ProjectIndexPage,
    ProjectProposalPage,
    StandardPage,
)

from .. import factories

ALLOWED_CHILDREN = {
    HomePage: {MediaCentrePage},
    MediaCentrePage: {
        PressReleaseIndexPage,
        ProjectIndexPage,
        EthicalGuidelinesPage,
        ContactPage,
        StandardPage,
    },
    PressReleaseIndexPage: {PressReleasePage},
    PressReleasePage: set(),
    ProjectIndexPage: {ProjectProposalPage},
    ProjectProposalPage: set(),
    EthicalGuidelinesPage: set(),
    ContactPage: set(),
    StandardPage: {StandardPage},
}


@pytest.mark.parametrize("parent", list(ALLOWED_CHILDREN), ids=lambda model: model.__name__)
def test_each_page_type_allows_exactly_its_intended_children(parent):
    assert set(parent.allowed_subpage_models()) == ALLOWED_CHILDREN[parent]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "child",
    [PressReleasePage, PressReleaseIndexPage, ProjectProposalPage, ContactPage],
    ids=lambda model: model.__name__,
)
def test_media_centre_page_types_cannot_go_at_the_tree_root(child):
    assert not child.can_exist_under(Page.get_first_root_node())


@pytest.mark.django_db
def test_one_media_centre_per_home_and_one_index_per_media_centre():
    centre = factories.media_centre("en")
    factories.release_index(centre)
    home = factories.home("en")
    assert not MediaCentrePage.can_create_at(home)
    assert not PressReleaseIndexPage.can_create_at(centre)
    # Another language's home still takes its own media centre.
    assert MediaCentrePage.can_create_at(factories.home("kk"))
    assert StandardPage.can_create_at(centre)
