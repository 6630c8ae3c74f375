from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import Boilerplate, Contact, Topic


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
