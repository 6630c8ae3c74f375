"""Public URLs of the add-on outside the page tree; include them inside i18n_patterns."""

from django.urls import path

from . import search, views

app_name = "pressreleases"

urlpatterns = [
    path("preview/<str:token>/", views.preview_link, name="preview_link"),
    path("search/", search.search, name="search"),
]
