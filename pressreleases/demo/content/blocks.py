"""Small constructors for StreamField content, so the text tables read like the page.

Each returns a (block_type, value) pair as StreamField accepts them. Images, pages and
videos are named by key (ImageRef, PageRef, VideoRef); the builder swaps in the image
record, the page in the language being built, and the video's address.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageRef:
    key: str


@dataclass(frozen=True)
class PageRef:
    slug: str


@dataclass(frozen=True)
class VideoRef:
    key: str


def paragraph(*paragraphs):
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def bullets(*items, intro=""):
    html = f"<p>{intro}</p>" if intro else ""
    html += "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level, "anchor": ""})


def quote(text, by="", role=""):
    return ("quote", {"text": text, "attribution": by, "role": role})


def image(key, caption="", alt=""):
    return ("image", {"image": ImageRef(key), "caption": caption, "credit": "", "alt_text": alt})


def key_facts(*facts):
    """key_facts(("20", "one-minute films"), ...)"""
    return ("key_facts", {"facts": [{"figure": f, "label": label} for f, label in facts]})


def link_to_page(label, slug):
    return ("call_to_action", {"label": label, "page": PageRef(slug), "url": ""})


def link_to_url(label, url):
    return ("call_to_action", {"label": label, "page": None, "url": url})


def video(key, title):
    return ("video", {"video": VideoRef(key), "title": title})


def section(kind, *content, title=""):
    """One section of a project proposal: problem, objectives, activities or results."""
    return ("section", {"kind": kind, "heading": title, "content": list(content)})


def guideline_section(title, intro, *guidelines):
    """guideline_section("Principles", "<p>…</p>", ("Respect dignity", "<p>…</p>"), ...)"""
    return (
        "section",
        {
            "title": title,
            "intro": intro,
            "guidelines": [{"title": name, "text": text} for name, text in guidelines],
        },
    )
