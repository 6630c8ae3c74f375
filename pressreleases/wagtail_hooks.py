from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, public_files, translation
from .legacy.importer import IMPORT_ACTION, ImportLogFormatter
from .permissions import (
    OwnLanguagesPermissionPolicy,
    editable_locale_ids,
    edits_every_language,
    pages_seen_by,
    refuse_other_languages,
    refuse_other_languages_on_create,
)
from .snippets import Boilerplate, Contact, Topic
from .translation_status import (
    OutOfDateTranslationsPanel,
    can_see_translation_status,
    translation_status_view,
)

# Before the snippets are registered, which would give them Wagtail's model-wide policy.
for shared_model in (Contact, Topic, Boilerplate):
    register_permission_policy(shared_model, OwnLanguagesPermissionPolicy(shared_model))


class SharedSnippetViewSet(SnippetViewSet):
    def get_queryset(self, request):
        """Each editor lists the languages they edit (reviewers: all)."""
        return self.model._default_manager.filter(locale_id__in=editable_locale_ids(request.user))


class ContactViewSet(SharedSnippetViewSet):
    model = Contact
    icon = "user"
    list_display = ["name", "role", "organisation", "email"]
    search_fields = ["name", "email"]


class TopicViewSet(SharedSnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class BoilerplateViewSet(SharedSnippetViewSet):
    model = Boilerplate
    icon = "doc-full"
    list_display = ["title"]


class MediaCentreSnippets(SnippetViewSetGroup):
    menu_label = _("Media centre")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ContactViewSet, TopicViewSet, BoilerplateViewSet)


register_snippet(MediaCentreSnippets)


@hooks.register("before_create_snippet")
def create_snippets_in_own_languages(request, model):
    return refuse_other_languages_on_create(request, model)


@hooks.register("before_edit_snippet")
def edit_snippets_in_own_languages(request, instance):
    refuse_other_languages(request, [instance])


@hooks.register("before_delete_snippet")
def delete_snippets_in_own_languages(request, instances):
    refuse_other_languages(request, instances)


@hooks.register("register_admin_urls")
def register_translation_urls():
    """The same addresses as wagtail-localize's own "Translate" views, which they replace:
    this app's hooks run first, so its URLs match first."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation.SubmitPageTranslationView.as_view(),
            name="pressreleases_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            translation.SubmitSnippetTranslationView.as_view(),
            name="pressreleases_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation.UpdateTranslationsView.as_view(),
            name="pressreleases_update_translations",
        ),
        path(
            "localize/translation/<int:page_id>/submit/",
            translation.submit_translation_for_review,
            name="pressreleases_submit_translation_for_review",
        ),
        path(
            "localize/reports/translations/",
            translation.TranslationsReportView.as_view(),
            name="pressreleases_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            translation.TranslationsReportView.as_view(results_only=True),
            name="pressreleases_translations_report_results",
        ),
    ]


# After Wagtail's own check of the collection's view restrictions.
hooks.register("before_serve_document", public_files.refuse_unpublished_document, order=10)


@hooks.register("before_edit_page")
def publish_translations_through_review(request, page):
    return translation.refuse_publishing_around_review(request, page)


@hooks.register("construct_reports_menu")
def hide_the_all_languages_translations_report(request, menu_items):
    """wagtail-localize's report lists every language's drafts; an editor of some languages
    has the translation status report instead."""
    if not edits_every_language(request.user):
        report_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report_url]


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
    return pages_seen_by(pages, request.user)
