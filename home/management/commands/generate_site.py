"""Grow the demo media centre into a large one, for the serving benchmark (`make bench`).

Every generated release exists in the four languages, linked as translations, with a
generated image, contacts and topics. A release is drawn from its own seeded random
generator, so release 42 is the same on every run and a larger --releases only adds
releases. Adding 40,000 pages one by one through Wagtail takes hours, so the pages are
written in bulk: tree paths are computed here, the page rows go in with bulk_create and
the press-release rows as a fixture would (save_base with raw=True), then the new pages
are added to the search index in batches. The pages are live without revisions, as if
imported; an editor's first edit gives them one.
"""

import datetime
import io
import random
import uuid
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends

from pressreleases.demo.content import LANGUAGES, PRESS_RELEASES, SOURCE_LANGUAGE
from pressreleases.demo.images import DemoImage, render_jpeg
from pressreleases.models import (
    Contact,
    PressReleaseContact,
    PressReleaseIndexPage,
    PressReleasePage,
    PressReleaseTopic,
    Topic,
)

SLUG_PREFIX = "generated-release-"
# Fixed, so that release 42 has the same translation key on every run and in every language.
TRANSLATION_KEYS = uuid.UUID("5b1d3c52-8e0f-4a57-9c1e-2f6d0b7a4e93")
FIRST_DATE = datetime.date(2005, 1, 1)
LAST_DATE = datetime.date(2024, 12, 31)
BATCH_SIZE = 500

IMAGE_COLOURS = [
    ("#0b3d6b", "#80bd41"),
    ("#7a1c2e", "#ffc20e"),
    ("#00657d", "#e2571c"),
    ("#4a2a7a", "#1cabe2"),
    ("#2d3e50", "#69c3ea"),
    ("#00833d", "#c4206f"),
]
IMAGES = [
    DemoImage(
        key=f"generated-{number}",
        title=f"Generated: placeholder photo {number} for the serving benchmark",
        description="Placeholder picture: a soft gradient with pale circles.",
        caption="A placeholder photo of the generated media centre.",
        credit="© UNICEF/Generated",
        colours=colours,
        seed=number,
    )
    for number, colours in enumerate(IMAGE_COLOURS, start=1)
]


@dataclass(frozen=True)
class Words:
    """What a generated release is made of in one language; lists match by position."""

    places: list[str]
    headlines: list[str]
    sentences: list[str]
    heading: str
    reference: str  # followed by the release's reference number, e.g. MC00042
    alt_text: str


WORDS = {
    "en": Words(
        places=["Almaty", "Astana", "Shymkent", "Bishkek", "Osh", "Karakol", "Naryn", "Batken"],
        headlines=[
            "young reporters go on air",
            "more children with disabilities go to their local school",
            "families learn how to keep babies healthy",
            "clean water reaches village schools",
            "teenagers present their ideas to the city council",
            "journalists train in reporting on children's rights",
            "health workers vaccinate children in remote areas",
            "a new play centre opens for young children",
        ],
        sentences=[
            "The programme is run together with the local authorities and community "
            "organisations.",
            "Since it began, it has reached thousands of children and their families.",
            "Parents say their children are more confident and speak up more often.",
            "Teachers and social workers received training on children's rights.",
            "The next phase will extend the work to more districts over the coming year.",
            "Young people helped to plan every step and will report on the results.",
        ],
        heading="What comes next",
        reference="Press release",
        alt_text="A placeholder picture: a soft gradient with pale circles.",
    ),
    "ru": Words(
        places=["Алматы", "Астана", "Шымкент", "Бишкек", "Ош", "Каракол", "Нарын", "Баткен"],
        headlines=[
            "юные репортёры выходят в эфир",
            "больше детей с инвалидностью ходят в местную школу",
            "семьи узнают, как сберечь здоровье малышей",
            "чистая вода приходит в сельские школы",
            "подростки представили свои идеи городскому совету",
            "журналисты учатся писать о правах детей",
            "медики прививают детей в отдалённых районах",
            "открылся новый игровой центр для малышей",
        ],
        sentences=[
            "Программа проводится вместе с местными властями и общественными организациями.",
            "С момента запуска она охватила тысячи детей и их семей.",
            "Родители говорят, что их дети стали увереннее и чаще высказывают своё мнение.",
            "Учителя и социальные работники прошли обучение по правам ребёнка.",
            "На следующем этапе работа охватит новые районы в течение года.",
            "Молодые люди помогали планировать каждый шаг и расскажут о результатах.",
        ],
        heading="Что дальше",
        reference="Пресс-релиз",
        alt_text="Условная картинка: мягкий цветовой переход и светлые круги.",
    ),
    "kk": Words(
        places=["Алматы", "Астана", "Шымкент", "Бішкек", "Ош", "Қарақол", "Нарын", "Баткен"],
        headlines=[
            "жас тілшілер эфирге шығады",
            "мүгедектігі бар балалардың көбі жергілікті мектепке барады",
            "отбасылар сәбилердің денсаулығын сақтауды үйренеді",
            "ауыл мектептеріне таза су жетті",
            "жасөспірімдер өз идеяларын қалалық кеңеске ұсынды",
            "журналистер бала құқықтары туралы жазуды үйренеді",
            "медицина қызметкерлері шалғай аудандардағы балаларға екпе салады",
            "кішкентай балаларға арналған жаңа ойын орталығы ашылды",
        ],
        sentences=[
            "Бағдарлама жергілікті билікпен және қоғамдық ұйымдармен бірлесіп жүргізіледі.",
            "Басталғаннан бері ол мыңдаған балалар мен олардың отбасыларын қамтыды.",
            "Ата-аналардың айтуынша, балалары өздеріне сенімдірек болып, пікірін жиірек айтады.",
            "Мұғалімдер мен әлеуметтік қызметкерлер бала құқықтары бойынша оқудан өтті.",
            "Келесі кезеңде жұмыс алдағы жылы басқа аудандарға да таралады.",
            "Жастар әр қадамды жоспарлауға көмектесті және нәтижелері туралы айтып береді.",
        ],
        heading="Алдағы жоспарлар",
        reference="Баспасөз релизі",
        alt_text="Шартты сурет: жұмсақ түс ауысуы және ақшыл шеңберлер.",
    ),
    "ky": Words(
        places=["Алматы", "Астана", "Шымкент", "Бишкек", "Ош", "Каракол", "Нарын", "Баткен"],
        headlines=[
            "жаш кабарчылар эфирге чыгышат",
            "мүмкүнчүлүгү чектелген балдардын көбү жергиликтүү мектепке барат",
            "үй-бүлөлөр ымыркайлардын ден соолугун сактоону үйрөнүшөт",
            "айыл мектептерине таза суу жетти",
            "өспүрүмдөр өз идеяларын шаардык кеңешке сунушташты",
            "журналисттер балдардын укуктары тууралуу жазууну үйрөнүшөт",
            "медицина кызматкерлери алыскы аймактардагы балдарды эмдешет",
            "кичинекей балдар үчүн жаңы оюн борбору ачылды",
        ],
        sentences=[
            "Программа жергиликтүү бийлик жана коомдук уюмдар менен бирге ишке ашырылууда.",
            "Башталгандан бери ал миңдеген балдарды жана алардын үй-бүлөлөрүн камтыды.",
            "Ата-энелердин айтымында, балдары өзүнө көбүрөөк ишенип, оюн көбүрөөк айтышат.",
            "Мугалимдер жана социалдык кызматкерлер баланын укуктары боюнча окуудан өтүштү.",
            "Кийинки этапта иш келерки жылы башка райондорго да жайылат.",
            "Жаштар ар бир кадамды пландаштырууга жардам беришти жана жыйынтыктары тууралуу "
            "айтып беришет.",
        ],
        heading="Мындан ары эмне болот",
        reference="Пресс-релиз",
        alt_text="Шарттуу сүрөт: жумшак түс өтүшү жана ачык тегеректер.",
    ),
}


def reference_number(number):
    """The release's reference, one word in every language so a search finds exactly it."""
    return f"MC{number:05d}"


def release_slug(number):
    return f"{SLUG_PREFIX}{number:05d}"


@dataclass(frozen=True)
class Plan:
    """The choices that make release `number`, the same in every language."""

    number: int
    release_date: datetime.date
    place: int
    headline: int
    paragraphs: list[tuple[int, int]]
    image: int
    topics: list[int]
    contacts: list[int]

    @classmethod
    def draw(cls, seed, number, topic_count, contact_count):
        rng = random.Random(f"{seed}:{number}")  # noqa: S311 - reproducible content, not secrets
        sentences = len(WORDS[SOURCE_LANGUAGE].sentences)
        return cls(
            number=number,
            release_date=FIRST_DATE
            + datetime.timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1)),
            place=rng.randrange(len(WORDS[SOURCE_LANGUAGE].places)),
            headline=rng.randrange(len(WORDS[SOURCE_LANGUAGE].headlines)),
            paragraphs=[
                (rng.randrange(sentences), rng.randrange(sentences))
                for _ in range(rng.randint(3, 5))
            ],
            image=rng.randrange(len(IMAGES)),
            topics=rng.sample(range(topic_count), k=min(topic_count, rng.randint(1, 2))),
            contacts=rng.sample(range(contact_count), k=min(contact_count, rng.randint(1, 2))),
        )


@dataclass
class Language:
    """One language's press release index, and the snippets its releases link to."""

    code: str
    locale: Locale
    index: PressReleaseIndexPage
    topics: list[Topic]
    contacts: list[Contact]


class Command(BaseCommand):
    help = (
        "Add generated press releases to the demo media centre: --releases N in each of the "
        "four languages, linked as translations, with images, contacts and topics, the same "
        "on every run for the same --seed. Run setup_site and load_demo first. Idempotent: "
        "releases already there are kept, missing ones added."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--releases",
            type=int,
            required=True,
            help="How many generated press releases each language should have.",
        )
        parser.add_argument(
            "--seed", type=int, default=2024, help="Seed of the generated content (2024)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete every generated release first, then generate them again.",
        )

    def handle(self, *args, releases, seed, force, **options):
        if releases < 0:
            raise CommandError("--releases must be 0 or more.")
        with transaction.atomic():
            languages = find_languages()
            if force:
                deleted = generated_releases().count()
                generated_releases().delete()
                self.stdout.write(f"Deleted {deleted} generated releases (--force).")
            existing = {
                language.code: set(generated_numbers(language.index)) for language in languages
            }
            too_many = {code: max(numbers) for code, numbers in existing.items() if numbers}
            if any(highest > releases for highest in too_many.values()):
                raise CommandError(
                    f"The site already has generated releases numbered up to "
                    f"{max(too_many.values())}, more than --releases {releases}. "
                    "Use --force to delete them and generate again."
                )
            images = ensure_images()
            created = 0
            for language in languages:
                missing = [n for n in range(1, releases + 1) if n not in existing[language.code]]
                plans = [
                    Plan.draw(seed, n, len(language.topics), len(language.contacts))
                    for n in missing
                ]
                for start in range(0, len(plans), BATCH_SIZE):
                    add_releases(language, plans[start : start + BATCH_SIZE], images)
                created += len(plans)
                if plans:
                    self.stdout.write(f"{language.code}: added {len(plans)} releases")
        if created:
            # Rows written in bulk: the query planner gets their numbers now, as autovacuum
            # would later, or the first requests are planned for a site a thousandth the size.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"{releases} generated releases in each of {len(languages)} languages "
                f"({created} new)."
            )
        )


def find_languages():
    """Each demo language's release index and snippets, or a CommandError saying what to run."""
    source_index = PressReleaseIndexPage.objects.filter(
        locale__language_code=SOURCE_LANGUAGE, slug=PRESS_RELEASES
    ).first()
    if source_index is None:
        raise CommandError(
            "There is no demo press release index. Run `python manage.py setup_site` and "
            "`python manage.py load_demo` first."
        )
    source_topics = list(Topic.objects.filter(locale=source_index.locale).order_by("slug"))
    source_contacts = list(
        Contact.objects.filter(locale=source_index.locale).order_by("email", "name")
    )
    if not (source_topics and source_contacts):
        raise CommandError("The demo topics or contacts are missing: run load_demo first.")
    languages = []
    for code in LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        index = source_index.get_translation_or_none(locale) if locale else None
        if index is None:
            raise CommandError(
                f"The press release index has no “{code}” translation: run load_demo first."
            )
        topics = translations_of(Topic, source_topics, locale)
        contacts = translations_of(Contact, source_contacts, locale)
        languages.append(Language(code, locale, index.specific, topics, contacts))
    return languages


def translations_of(model, sources, locale):
    by_key = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            locale=locale, translation_key__in=[source.translation_key for source in sources]
        )
    }
    if len(by_key) != len(sources):
        raise CommandError(
            f"Not every {model._meta.verbose_name} has a “{locale.language_code}” "
            "translation: run load_demo first."
        )
    return [by_key[source.translation_key] for source in sources]


def generated_releases():
    return PressReleasePage.objects.filter(slug__startswith=SLUG_PREFIX)


def generated_numbers(index):
    slugs = generated_releases().child_of(index).values_list("slug", flat=True)
    return [int(slug.removeprefix(SLUG_PREFIX)) for slug in slugs]


def ensure_images():
    model = get_image_model()
    found = {image.title: image for image in model.objects.filter(title__startswith="Generated:")}
    images = []
    for spec in IMAGES:
        image = found.get(spec.title)
        if image is None:
            image = model.objects.create(
                title=spec.title,
                description=spec.description,
                caption=spec.caption,
                credit=spec.credit,
                file=ImageFile(io.BytesIO(render_jpeg(spec)), name=f"{spec.key}.jpg"),
            )
        images.append(image)
    return images


def next_child_step(parent):
    """The step after the parent's last child: the next free place in its tree path."""
    last_path = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1


def build_release(language, plan, path, images):
    words = WORDS[language.code]
    title = f"{words.places[plan.place]}: {words.headlines[plan.headline]}"
    paragraphs = [
        f"<p>{words.sentences[first]} {words.sentences[second]}</p>"
        for first, second in plan.paragraphs
    ]
    body = [("paragraph", RichText(paragraph)) for paragraph in paragraphs[:-1]]
    body += [
        ("heading", {"text": words.heading, "level": "h2", "anchor": ""}),
        ("paragraph", RichText(paragraphs[-1])),
        ("paragraph", RichText(f"<p>{words.reference} {reference_number(plan.number)}.</p>")),
    ]
    published = timezone.make_aware(datetime.datetime.combine(plan.release_date, datetime.time(9)))
    slug = release_slug(plan.number)
    return PressReleasePage(
        title=title,
        draft_title=title,
        slug=slug,
        path=path,
        depth=language.index.depth + 1,
        numchild=0,
        url_path=f"{language.index.url_path}{slug}/",
        locale=language.locale,
        translation_key=uuid.uuid5(TRANSLATION_KEYS, slug),
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        dateline=words.places[plan.place],
        release_date=plan.release_date,
        summary=f"{capfirst(words.headlines[plan.headline])}. {words.sentences[plan.paragraphs[0][0]]}",
        hero_image=images[plan.image],
        hero_caption=f"{words.places[plan.place]}, {plan.release_date.year}.",
        hero_alt_text=words.alt_text,
        body=body,
    )


def add_releases(language, plans, images):
    """Write one batch of releases in one language: pages, links and search entries."""
    index = language.index
    step = next_child_step(index)
    releases = [
        build_release(
            language, plan, Page._get_path(index.path, index.depth + 1, step + i), images
        )
        for i, plan in enumerate(plans)
    ]
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    page_rows = Page.objects.bulk_create(
        [
            Page(**{field.attname: getattr(release, field.attname) for field in page_fields})
            for release in releases
        ]
    )
    for release, row in zip(releases, page_rows, strict=True):
        release.pk = release.page_ptr_id = row.pk
        # The page row exists: write only the press release's own row, as loaddata does.
        release.save_base(raw=True, force_insert=True)

    links = {PressReleaseTopic: [], PressReleaseContact: []}
    for release, plan in zip(releases, plans, strict=True):
        for position, topic in enumerate(plan.topics):
            links[PressReleaseTopic].append(
                PressReleaseTopic(
                    page=release,
                    topic=language.topics[topic],
                    sort_order=position,
                    locale=language.locale,
                    translation_key=uuid.uuid5(release.translation_key, f"topic-{position}"),
                )
            )
        for position, contact in enumerate(plan.contacts):
            links[PressReleaseContact].append(
                PressReleaseContact(
                    page=release,
                    contact=language.contacts[contact],
                    sort_order=position,
                    locale=language.locale,
                    translation_key=uuid.uuid5(release.translation_key, f"contact-{position}"),
                )
            )
    for model, objects in links.items():
        model.objects.bulk_create(objects)

    Page.objects.filter(pk=language.index.pk).update(
        numchild=Page.objects.filter(
            path__startswith=language.index.path, depth=language.index.depth + 1
        ).count()
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(PressReleasePage, releases)
