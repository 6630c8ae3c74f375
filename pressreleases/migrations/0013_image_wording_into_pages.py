"""Copy the image's caption and alt text into pages saved before pages held their own.

Such pages showed the image's wording, which has no language, to readers of every
language. Once it is page content, translators receive it at their next sync. The live
row, the latest draft and the live revision are filled, so publishing a draft keeps it.
"""

import json

from django.db import migrations

# (model, StreamFields holding ImageBlocks, whether it has a hero image)
PAGES_WITH_IMAGES = [
    ("PressReleasePage", ["body"], True),
    ("StandardPage", ["body"], False),
    ("ProjectProposalPage", ["body"], False),
]


def fill_image_blocks(data, wording):
    """Fill empty captions and alt texts of every image block in raw stream data."""
    changed = False
    if isinstance(data, list):
        for item in data:
            changed |= fill_image_blocks(item, wording)
    elif isinstance(data, dict):
        value = data.get("value")
        if (
            data.get("type") == "image"
            and isinstance(value, dict)
            and value.get("image") in wording
        ):
            caption, alt_text = wording[value["image"]]
            for key, own in (("caption", caption), ("alt_text", alt_text)):
                if not value.get(key) and own:
                    value[key] = own
                    changed = True
        for child in data.values():
            changed |= fill_image_blocks(child, wording)
    return changed


def fill_content(content, stream_fields, has_hero, wording):
    """Fill one page's field values (a model's or a revision's); say whether any changed."""
    changed = False
    for name in stream_fields:
        raw = content.get(name)
        data = json.loads(raw) if isinstance(raw, str) else raw
        if data and fill_image_blocks(data, wording):
            content[name] = json.dumps(data) if isinstance(raw, str) else data
            changed = True
    if has_hero and content.get("hero_image") in wording:
        caption, alt_text = wording[content["hero_image"]]
        for key, own in (("hero_caption", caption), ("hero_alt_text", alt_text)):
            if not content.get(key) and own:
                content[key] = own
                changed = True
    return changed


def copy_image_wording(apps, schema_editor):
    images = apps.get_model("pressreleases", "CreditedImage").objects
    revisions = apps.get_model("wagtailcore", "Revision").objects
    wording = {
        pk: (caption, description or title)
        for pk, caption, description, title in images.values_list(
            "pk", "caption", "description", "title"
        )
    }
    if not wording:
        return
    for model_name, stream_fields, has_hero in PAGES_WITH_IMAGES:
        hero_fields = ["hero_image", "hero_caption", "hero_alt_text"] if has_hero else []
        for page in apps.get_model("pressreleases", model_name).objects.iterator():
            content = {name: getattr(page, name).get_prep_value() for name in stream_fields}
            content |= {
                name: getattr(page, f"{name}_id" if name == "hero_image" else name)
                for name in hero_fields
            }
            if fill_content(content, stream_fields, has_hero, wording):
                changed = [name for name in content if name != "hero_image"]
                for name in changed:
                    setattr(page, name, content[name])
                page.save(update_fields=changed)
            revision_ids = {page.latest_revision_id, page.live_revision_id} - {None}
            for revision in revisions.filter(pk__in=revision_ids):
                if fill_content(revision.content, stream_fields, has_hero, wording):
                    revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("pressreleases", "0012_release_date_may_wait_in_drafts"),
    ]

    operations = [migrations.RunPython(copy_image_wording, migrations.RunPython.noop)]
