from django.urls import path

from . import views

# Registered under /admin/ by wagtail_hooks, so Wagtail's admin-access check guards them.
urlpatterns = [
    path("two-factor/", views.ManageView.as_view(), name="twofactor_manage"),
    path("two-factor/verify/", views.VerifyView.as_view(), name="twofactor_verify"),
    path("two-factor/set-up/", views.EnrolView.as_view(), name="twofactor_enrol"),
    path(
        "two-factor/recovery-codes/",
        views.regenerate_recovery_codes,
        name="twofactor_recovery_codes",
    ),
    path(
        "two-factor/recovery-codes/download/",
        views.recovery_codes_download,
        name="twofactor_recovery_codes_download",
    ),
    path("two-factor/turn-off/", views.DisableView.as_view(), name="twofactor_disable"),
]
