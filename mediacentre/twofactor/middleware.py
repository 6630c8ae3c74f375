from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .policy import pending_step

# Admin views that anyone may open: signing in or out, resetting a password, and the
# files every admin page loads.
OPEN_ADMIN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}


class TwoFactorGateMiddleware:
    """Until a signed-in session has passed its second factor (or, for those who must have
    one, set it up), it is signed in to nothing else: every admin view sends it to that step
    and the public site treats it as an anonymous reader (private pages, documents).

    Goes after django_otp's OTPMiddleware, which tells whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = pending_step(request.user)
        if step is None:
            return None
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            request.user = AnonymousUser()
            return None
        view_name = request.resolver_match.url_name or ""
        if (
            view_name in OPEN_ADMIN_VIEWS
            or view_name.startswith("wagtailadmin_password_reset")
            or view_name == step
        ):
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return redirect(reverse(step) + query)
