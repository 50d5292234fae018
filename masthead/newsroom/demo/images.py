"""Draw the demo newsroom's illustrations and portraits with Pillow, the same for the same seed."""

from __future__ import annotations

import io
from random import Random

from PIL import Image, ImageDraw

from masthead.newsroom.demo.drawing import CLOTHES, HAIR, HEIGHT, SKIN_TONES, WIDTH, mix, vary
from masthead.newsroom.demo.scenes import DESCRIPTIONS, SCENES

PORTRAIT_SIZE = 400
JPEG_QUALITY = 80


def describe_scene(scene: str) -> str:
    """Return the alt text for a scene."""
    return DESCRIPTIONS[scene]


def to_jpeg(image: Image.Image) -> bytes:
    """Return the image encoded as a small JPEG."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def draw_scene(scene: str, seed: str) -> bytes:
    """Return a 1200x675 JPEG of the scene; the same seed always gives the same picture."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    # RGBA drawing mode blends translucent fills (glows, reflections) onto the RGB canvas.
    # A seeded, reproducible generator is the point here, not secrecy.
    rng = Random(f"{scene}:{seed}")  # noqa: S311
    SCENES[scene](ImageDraw.Draw(image, "RGBA"), rng)
    return to_jpeg(image)


def draw_portrait(seed: str) -> bytes:
    """Return a square JPEG avatar (head and shoulders, no face) for a person."""
    rng = Random(f"portrait:{seed}")  # noqa: S311  (reproducible pictures, not secrets)
    size = PORTRAIT_SIZE
    image = Image.new(
        "RGB", (size, size), mix(vary(rng, (170, 190, 200), 40), (255, 255, 255), 0.3)
    )
    draw = ImageDraw.Draw(image)
    skin, hair, clothes = rng.choice(SKIN_TONES), rng.choice(HAIR), vary(rng, rng.choice(CLOTHES))
    if rng.random() < 0.4:  # long hair falls behind the shoulders
        draw.rounded_rectangle([118, 90, 282, 300], radius=70, fill=hair)
    draw.ellipse([60, 270, 340, 520], fill=clothes)
    draw.rectangle([175, 230, 225, 290], fill=mix(skin, (0, 0, 0), 0.12))
    draw.ellipse([130, 95, 270, 255], fill=skin)
    if rng.random() < 0.85:
        draw.chord([124, 84, 276, 220], start=180, end=360, fill=hair)
    draw.polygon([(170, 282), (200, 330), (230, 282)], fill=mix(clothes, (255, 255, 255), 0.7))
    return to_jpeg(image)
