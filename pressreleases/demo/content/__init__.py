"""What the demo media centre holds.

The facts every language shares (slugs, dates, budgets, phones, which image or contact goes
where) live here, once. The words live in one module per language (en.py, ru.py, kk.py,
ky.py), each a TEXT table with the same keys, so a translator edits one file.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from . import en, kk, ky, ru

SOURCE_LANGUAGE = "en"
TEXTS = {"en": en.TEXT, "ru": ru.TEXT, "kk": kk.TEXT, "ky": ky.TEXT}
LANGUAGES = list(TEXTS)  # the source language first

MEDIA_CENTRE_SLUG = "media-centre"
LATEST_NEWS_COUNT = 5


@dataclass(frozen=True)
class ContactFacts:
    key: str
    phone: str
    email: str


@dataclass(frozen=True)
class ReleaseFacts:
    slug: str
    release_date: datetime.date
    image: str
    contacts: tuple[str, ...]
    topics: tuple[str, ...]
    related: tuple[str, ...] = ()  # slugs of releases listed earlier


@dataclass(frozen=True)
class ProjectFacts:
    slug: str
    sector: str
    start_date: datetime.date
    end_date: datetime.date
    budget_amount: Decimal
    budget_currency: str
    funding_status: str
    funding_gap: Decimal
    contact: str


@dataclass(frozen=True)
class OfficeFacts:
    phone: str
    email: str


@dataclass(frozen=True)
class FormFieldFacts:
    key: str
    field_type: str
    required: bool


CONTACTS = [
    ContactFacts("kazakhstan-press", phone="+7 7172 32 83 07", email="gabdygaliyeva@example.org"),
    ContactFacts("kyrgyzstan-press", phone="+996 312 61 12 11", email="ntoktosunova@example.org"),
]

TOPICS = ["child-protection", "media", "justice-for-children", "education"]

# The media centre's sections, in menu order.
PRESS_RELEASES = "press-releases"
PROJECT_PROPOSALS = "project-proposals"
ETHICAL_GUIDELINES = "ethical-guidelines"
CONTACT = "contact"
MEDIA_CLUB = "pro-children-media-club"

# Oldest first: a release may only point to releases above it.
RELEASES = [
    ReleaseFacts(
        "kazakh-media-adopt-mission-statement-on-child-rights",
        release_date=datetime.date(2005, 11, 19),
        image="media-workshop",
        contacts=("kazakhstan-press",),
        topics=("media", "child-protection"),
    ),
    ReleaseFacts(
        "one-minute-films-on-children-and-justice",
        release_date=datetime.date(2012, 4, 20),
        image="one-minute-films",
        contacts=("kyrgyzstan-press",),
        topics=("justice-for-children", "media"),
    ),
    ReleaseFacts(
        "young-reporters-from-osh-and-batken-go-on-air",
        release_date=datetime.date(2016, 6, 1),
        image="young-reporters",
        contacts=("kyrgyzstan-press",),
        topics=("media", "education"),
        related=("one-minute-films-on-children-and-justice",),
    ),
    ReleaseFacts(
        "children-take-over-the-news-on-world-childrens-day",
        release_date=datetime.date(2016, 11, 20),
        image="childrens-day",
        contacts=("kazakhstan-press",),
        topics=("media", "child-protection"),
        related=("kazakh-media-adopt-mission-statement-on-child-rights",),
    ),
    ReleaseFacts(
        "more-children-with-disabilities-go-to-their-local-school",
        release_date=datetime.date(2017, 4, 12),
        image="inclusive-classroom",
        contacts=("kyrgyzstan-press",),
        topics=("education",),
    ),
    ReleaseFacts(
        "a-guide-for-journalists-on-children-and-the-law",
        release_date=datetime.date(2017, 9, 28),
        image="reporting-guide",
        contacts=("kazakhstan-press", "kyrgyzstan-press"),
        topics=("justice-for-children", "media", "child-protection"),
        related=(
            "kazakh-media-adopt-mission-statement-on-child-rights",
            "one-minute-films-on-children-and-justice",
        ),
    ),
]

PROJECTS = [
    ProjectFacts(
        "justice-for-every-child",
        sector="child-protection",
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2020, 12, 31),
        budget_amount=Decimal("450000.00"),
        budget_currency="USD",
        funding_status="partial",
        funding_gap=Decimal("180000.00"),
        contact="kyrgyzstan-press",
    ),
    ProjectFacts(
        "young-reporters-for-child-rights",
        sector="adolescents",
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2021, 6, 30),
        budget_amount=Decimal("95000000.00"),
        budget_currency="KZT",
        funding_status="seeking",
        funding_gap=Decimal("95000000.00"),
        contact="kazakhstan-press",
    ),
]

OFFICES = [
    OfficeFacts(phone="+7 727 000 12 34", email="almaty@example.org"),
    OfficeFacts(phone="+996 312 00 12 34", email="bishkek@example.org"),
]
PRESS_CONTACTS = ["kazakhstan-press", "kyrgyzstan-press"]
ENQUIRY_ADDRESSES = {"to_address": "press@example.org", "from_address": "website@example.org"}
FORM_FIELDS = [
    FormFieldFacts("name", "singleline", required=True),
    FormFieldFacts("email", "email", required=True),
    FormFieldFacts("organisation", "singleline", required=False),
    FormFieldFacts("message", "multiline", required=True),
]

# The template shows a plain link when a video cannot be embedded (e.g. offline).
VIDEOS = {
    "second-chance": "https://www.youtube.com/watch?v=kJ1mF7tQe2A",
    "the-letter": "https://www.youtube.com/watch?v=Xw4pR9bN0sU",
    "same-sky": "https://www.youtube.com/watch?v=c8VdL3yHq6M",
}
