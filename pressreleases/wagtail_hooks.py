from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .legacy.importer import IMPORT_ACTION, ImportLogFormatter
from .snippets import Boilerplate, Contact, Topic
from .translation_status import (
    OutOfDateTranslationsPanel,
    can_see_translation_status,
    translation_status_view,
)


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    list_display = ["name", "role", "organisation", "email"]
    search_fields = ["name", "email"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class BoilerplateViewSet(SnippetViewSet):
    model = Boilerplate
    icon = "doc-full"
    list_display = ["title"]


class MediaCentreSnippets(SnippetViewSetGroup):
    menu_label = _("Media centre")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ContactViewSet, TopicViewSet, BoilerplateViewSet)


register_snippet(MediaCentreSnippets)


@hooks.register("register_log_actions")
def register_legacy_import_action(actions):
    actions.register_action(IMPORT_ACTION)(ImportLogFormatter)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "translation-status/",
            translation_status_view,
            name="pressreleases_translation_status",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("pressreleases_translation_status"),
        name="translation-status",
        icon_name="globe",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_out_of_date_translations_panel(request, panels):
    if can_see_translation_status(request.user):
        panels.append(OutOfDateTranslationsPanel())


@hooks.register("insert_editor_js")
def save_rich_text_on_submit():
    return format_html(
        '<script src="{}"></script>', versioned_static("pressreleases/js/save-rich-text.js")
    )


@hooks.register("register_admin_urls")
def register_preview_link_urls():
    return admin_views.admin_urls


@hooks.register("register_page_header_buttons")
def preview_links_header_button(page, user, view_name, next_url=None):
    yield admin_views.PreviewLinksMenuItem(page=page)


@hooks.register("register_page_listing_more_buttons")
def preview_links_listing_button(page, user, next_url=None):
    yield admin_views.PreviewLinksMenuItem(page=page)


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_pages_from_those_who_cannot_edit_them(pages, request):
    """Page choosers list the whole tree; an embargoed draft's title is news before its hour."""
    if request.user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        request.user, ["change", "publish"]
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
