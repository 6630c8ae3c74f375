"""Embargoed preview links: press releases shown to journalists before they go live.

A link carries an unguessable token and shows the release's approved version, never a
draft, until it expires or a reviewer revokes it. Visits are logged with their time and
outcome only: knowing who read an embargoed release is not ours to record.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

# 32 random bytes: 256 bits, written as 43 URL-safe characters.
TOKEN_BYTES = 32
DEFAULT_LIFETIME = datetime.timedelta(days=7)


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def default_expiry(page):
    """The embargo hour when the release has one still to come, otherwise a week from now."""
    now = timezone.now()
    if page.go_live_at and page.go_live_at > now:
        return page.go_live_at
    return now + DEFAULT_LIFETIME


def approved_revision(page):
    """The revision that last passed review: the one scheduled for the embargo hour, or else
    the live one. A newer draft still in review is never it."""
    return page.scheduled_revision or page.live_revision


class PreviewLink(models.Model):
    page = models.ForeignKey(
        "pressreleases.PressReleasePage",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    all_translations = models.BooleanField(
        _("all translations"),
        default=False,
        help_text=_(
            "Let the journalist read the release in every language it is translated into."
        ),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return str(_("Preview link to “%(title)s”") % {"title": self.page.title})

    def get_absolute_url(self, language=None):
        """The link in the release's language, or in another one for an all-translations link."""
        with translation.override(language or self.page.locale.language_code):
            return reverse("pressreleases:preview_link", args=[self.token])

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_active(self):
        return not (self.is_revoked or self.is_expired)

    def revoke(self):
        if not self.is_revoked:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def pages(self):
        """The release, or with all translations, each language version, by language code."""
        if not self.all_translations:
            return {self.page.locale.language_code: self.page}
        translations = self.page.get_translations(inclusive=True).select_related("locale")
        return {page.locale.language_code: page.specific for page in translations}


class PreviewLinkVisit(models.Model):
    link = models.ForeignKey(
        PreviewLink,
        verbose_name=_("preview link"),
        on_delete=models.CASCADE,
        related_name="visits",
    )
    visited_at = models.DateTimeField(_("visited at"), default=timezone.now, db_index=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    status_code = models.PositiveSmallIntegerField(
        _("answer"),
        help_text=_(
            "200 when the release was shown, 410 when the link had expired or was revoked."
        ),
    )

    class Meta:
        ordering = ["-visited_at", "-pk"]
        verbose_name = _("preview link visit")
        verbose_name_plural = _("preview link visits")
