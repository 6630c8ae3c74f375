"""Read rendered pages the way a reader does: text without tags, and links."""

import re
from html import unescape
from html.parser import HTMLParser


def text(html):
    """The visible text of an HTML fragment, whitespace collapsed."""
    without_scripts = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    without_tags = re.sub(r"<[^>]+>", " ", without_scripts)
    return re.sub(r"\s+", " ", unescape(without_tags)).strip()


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {"attrs": dict(attrs), "text": ""}

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append(
                (self._open["attrs"].get("href", ""), " ".join(self._open["text"].split()))
            )
            self._open = None


def links(html):
    """(href, text) of every <a> in the page."""
    collector = _LinkCollector()
    collector.feed(html)
    return collector.links


def count_tag(html, tag):
    return len(re.findall(rf"<{tag}[\s>]", html))
