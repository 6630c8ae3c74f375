"""SITE_URL, the one address the site is served at; pure functions for the settings.

The Wagtail Site record (setup_site), the links in admin e-mails and, in development,
ALLOWED_HOSTS follow it, so every absolute URL the site makes names the same host and port.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class SiteAddress:
    url: str  # scheme://host[:port], no trailing slash
    scheme: str
    hostname: str
    port: int

    @property
    def allowed_host(self):
        """The host as ALLOWED_HOSTS spells it: an IPv6 address in brackets."""
        return f"[{self.hostname}]" if ":" in self.hostname else self.hostname


def site_address(url):
    """SITE_URL split into scheme, host and port; ImproperlyConfigured if it is not an origin."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or port == -1
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise ImproperlyConfigured(
            f"SITE_URL={url!r} is not a site address such as https://media.example.org or "
            "http://127.0.0.1:8000 (a scheme and a host, an optional port, no path)."
        )
    port = port or DEFAULT_PORTS[parts.scheme]
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if port != DEFAULT_PORTS[parts.scheme]:
        netloc += f":{port}"
    return SiteAddress(f"{parts.scheme}://{netloc}", parts.scheme, parts.hostname, port)


def production_site_url(site_url, allowed_hosts):
    """SITE_URL as given, else https:// and the first host of ALLOWED_HOSTS that names one."""
    if site_url:
        return site_url
    for host in allowed_hosts:
        # ".example.org" allows every subdomain; the site itself is example.org.
        host = host.lstrip(".")
        if host and host != "*":
            return f"https://{host}"
    raise ImproperlyConfigured(
        "SITE_URL is not set and ALLOWED_HOSTS names no host to derive it from: set SITE_URL "
        "to the site's public address, e.g. https://media.example.org."
    )
