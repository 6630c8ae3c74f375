"""The Content-Security-Policy of the site: one policy for readers, a looser one for the admin."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def is_admin_request(request):
    # Previews run the page through the middleware again with a dummy request made at the
    # page's own address; they are shown inside the admin, so they take its policy.
    if getattr(request, "is_dummy", False):
        return True
    try:
        admin_home = reverse("wagtailadmin_home")
    except NoReverseMatch:  # a URLconf without the admin, such as a test's own
        return False
    return request.path.startswith(admin_home)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, sending ADMIN_CONTENT_SECURITY_POLICY under the Wagtail admin.

    Wagtail's and wagtail-localize's editors rely on inline scripts and styles that the
    public CONTENT_SECURITY_POLICY forbids. A view's own @csp_override still wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
