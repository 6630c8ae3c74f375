"""RSS 2.0 and Atom feeds of a press release index, whole or on one topic.

The index serves them as routes (feed/rss/, topic/<slug>/feed/atom/, ...), so each
language's tree has its own feeds under its own prefix. Links are relative and
Django's syndication framework makes them absolute for the requesting host, as
the canonical links are.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext

from . import metadata


def feed_size():
    return getattr(settings, "PRESSRELEASES_FEED_SIZE", 20)


class PressReleaseFeed(Feed):
    """The newest live, public releases of one index, optionally on one topic.

    Made for one request: the route builds it with the index and topic, and
    get_object keeps the request for absolute image URLs.
    """

    feed_type = Rss201rev2Feed

    def __init__(self, index, topic=None):
        self.index = index
        self.topic = topic

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site_name = metadata.site_name(request)
        self.language = self.index.locale.language_code
        return self.index

    def title(self):
        if self.topic is not None:
            title = gettext("Press releases on %(topic)s") % {"topic": self.topic.name}
        else:
            title = self.index.title
        return f"{title} · {self.site_name}" if self.site_name else title

    def description(self):
        if self.topic is not None:
            return self.title()
        return metadata.page_description(self.index) or self.title()

    subtitle = description

    def link(self):
        url = self.index.get_url(self.request)
        if self.topic is not None:
            url += self.index.reverse_subpage("topic_archive", args=[self.topic.slug])
        return url

    def items(self):
        releases = (
            self.index.releases(image_specs=[metadata.SHARE_IMAGE_SPEC])
            .filter(locale_id=self.index.locale_id)
            .prefetch_related("topic_links__topic")
        )
        if self.topic is not None:
            releases = releases.filter(topic_links__topic=self.topic)
        return releases[: feed_size()]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        return f"{release.dateline} – {release.summary}"

    def item_link(self, release):
        return release.get_url(self.request)

    def item_pubdate(self, release):
        return metadata.release_published_at(release)

    def item_updateddate(self, release):
        return metadata.release_modified_at(release)

    def item_author_name(self, release):
        return self.site_name or None

    def item_categories(self, release):
        return [link.topic.name for link in release.topic_links.all() if link.topic.live]

    def item_enclosures(self, release):
        rendition = metadata.share_image(release)
        if rendition is None:
            return []
        try:
            length = rendition.file.size
        except OSError:
            return []
        return [
            Enclosure(
                url=self.request.build_absolute_uri(rendition.url),
                length=str(length),
                mime_type=metadata.mime_type(rendition),
            )
        ]


class PressReleaseAtomFeed(PressReleaseFeed):
    feed_type = Atom1Feed
