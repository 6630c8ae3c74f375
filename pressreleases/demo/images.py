"""Placeholder photos for the demo, drawn with Pillow at load time.

Each image is a soft gradient with a few translucent discs, the same on every run, so the
demo needs no image files in the repository and no network. The records carry a title (the
demo's key for finding them again), alt text, a caption and a credit as a real photo would.
"""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

SIZE = (1600, 900)


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    description: str
    caption: str
    credit: str
    colours: tuple[str, str]
    seed: int


IMAGES = [
    DemoImage(
        key="media-workshop",
        title="Demo: journalists at a workshop on media and child rights, Almaty",
        description="Placeholder picture: deep blue fading into teal, with pale circles.",
        caption="Editors and reporters at the workshop on media and children's rights in Almaty.",
        credit="© UNICEF/Kazakhstan/2005/Demo",
        colours=("#0b3d6b", "#1cabe2"),
        seed=2005,
    ),
    DemoImage(
        key="one-minute-films",
        title="Demo: young film-makers at the one-minute film workshop, Bishkek",
        description="Placeholder picture: warm orange fading into deep red, with pale circles.",
        caption="Young film-makers before the screening of their one-minute films in Bishkek.",
        credit="© UNICEF/Kyrgyzstan/2012/Demo",
        colours=("#e2571c", "#7a1c2e"),
        seed=2012,
    ),
    DemoImage(
        key="young-reporters",
        title="Demo: young reporters recording a radio story, Osh",
        description="Placeholder picture: green fading into yellow, with pale circles.",
        caption="Young reporters recording a radio story in Osh.",
        credit="© UNICEF/Kyrgyzstan/2016/Demo",
        colours=("#00833d", "#ffc20e"),
        seed=2016,
    ),
    DemoImage(
        key="childrens-day",
        title="Demo: children presenting the evening news on World Children's Day, Astana",
        description="Placeholder picture: violet fading into sky blue, with pale circles.",
        caption="Children presenting the evening news on World Children's Day in Astana.",
        credit="© UNICEF/Kazakhstan/2016/Demo",
        colours=("#4a2a7a", "#69c3ea"),
        seed=1120,
    ),
    DemoImage(
        key="inclusive-classroom",
        title="Demo: a classroom in a school that welcomes children with disabilities, Chui",
        description="Placeholder picture: teal fading into light green, with pale circles.",
        caption="A lesson in one of the pilot schools for inclusive education in Chui region.",
        credit="© UNICEF/Kyrgyzstan/2017/Demo",
        colours=("#00657d", "#80bd41"),
        seed=2017,
    ),
    DemoImage(
        key="reporting-guide",
        title="Demo: journalists discussing the guide on reporting about children, Almaty",
        description="Placeholder picture: dark grey-blue fading into magenta, with pale circles.",
        caption="Journalists discussing the new guide on reporting about children and the law.",
        credit="© UNICEF/Kazakhstan/2017/Demo",
        colours=("#2d3e50", "#c4206f"),
        seed=917,
    ),
]


def render_jpeg(spec: DemoImage) -> bytes:
    """A 1600 × 900 JPEG: a diagonal gradient between the two colours and a few discs."""
    vertical = Image.linear_gradient("L").resize(SIZE)
    horizontal = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(SIZE)
    gradient = Image.blend(vertical, horizontal, 0.5)
    picture = ImageOps.colorize(gradient, *spec.colours).convert("RGBA")

    discs = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(discs)
    rng = random.Random(spec.seed)  # noqa: S311 - deterministic pictures, not cryptography
    for _ in range(7):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, SIZE[0]), rng.randint(0, SIZE[1])
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(255, 255, 255, rng.randint(30, 90)),
        )
    picture = Image.alpha_composite(picture, discs).convert("RGB")

    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
