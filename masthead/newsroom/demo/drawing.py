"""Shared brushes of the demo's illustrations: palettes, gradients, sky, sea and boats."""

from __future__ import annotations

from random import Random

from PIL import ImageDraw

WIDTH, HEIGHT = 1200, 675

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

SKIES: tuple[tuple[Colour, Colour], ...] = (
    ((38, 70, 120), (240, 170, 120)),  # dusk
    ((90, 150, 210), (200, 225, 240)),  # clear day
    ((150, 160, 170), (215, 215, 210)),  # overcast
    ((60, 80, 140), (250, 205, 160)),  # dawn
)
SKIN_TONES: tuple[Colour, ...] = (
    (246, 214, 190),
    (231, 186, 150),
    (199, 145, 105),
    (160, 108, 72),
    (110, 72, 48),
    (82, 54, 38),
)
HAIR: tuple[Colour, ...] = (
    (40, 30, 25),
    (90, 60, 35),
    (170, 120, 70),
    (210, 180, 120),
    (150, 150, 150),
)
CLOTHES: tuple[Colour, ...] = (
    (40, 60, 110),
    (150, 40, 50),
    (60, 110, 80),
    (210, 160, 60),
    (90, 90, 100),
    (120, 70, 140),
)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Return the colour a fraction t of the way from a to b."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def vary(rng: Random, colour: Colour, spread: int = 18) -> Colour:
    """Return the colour nudged a little at random, so repeated shapes are not identical."""
    return (
        max(0, min(255, colour[0] + rng.randint(-spread, spread))),
        max(0, min(255, colour[1] + rng.randint(-spread, spread))),
        max(0, min(255, colour[2] + rng.randint(-spread, spread))),
    )


def gradient(draw: Draw, top: int, bottom: int, start: Colour, end: Colour) -> None:
    """Fill the full-width band from top to bottom with a vertical gradient."""
    span = max(1, bottom - top)
    for y in range(top, bottom):
        draw.line([(0, y), (WIDTH, y)], fill=mix(start, end, (y - top) / span))


def sky(draw: Draw, rng: Random, horizon: int) -> Colour:
    """Paint a sky down to the horizon (sometimes with a low sun); return its lowest colour."""
    top, low = rng.choice(SKIES)
    gradient(draw, 0, horizon, top, low)
    if rng.random() < 0.6:
        x, r = rng.randint(150, WIDTH - 150), rng.randint(30, 60)
        y = horizon - rng.randint(r + 20, horizon // 2 + r)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(*mix(low, (255, 245, 220), 0.8), 220))
    return low


def sea(draw: Draw, rng: Random, horizon: int, tint: Colour) -> None:
    """Paint the sea below the horizon with strokes of light on the water."""
    deep = (20, 45, 75)
    gradient(draw, horizon, HEIGHT, mix(tint, (60, 100, 140), 0.6), deep)
    for _ in range(160):
        y = rng.uniform(horizon + 4, HEIGHT)
        depth = (y - horizon) / (HEIGHT - horizon)
        x, length = rng.uniform(0, WIDTH), 12 + 110 * depth * rng.random()
        draw.line([(x, y), (x + length, y)], fill=(*mix(tint, (255, 255, 255), 0.4), 90), width=2)


def boat(draw: Draw, rng: Random, x: float, y: float, size: float) -> None:
    """Draw a small moored boat with a mast and its reflection."""
    hull = vary(rng, rng.choice(((180, 50, 40), (240, 240, 235), (40, 70, 110), (60, 120, 90))))
    half = size / 2
    draw.polygon(
        [
            (x - half, y),
            (x + half, y),
            (x + half * 0.7, y + size * 0.25),
            (x - half * 0.7, y + size * 0.25),
        ],
        fill=hull,
    )
    draw.line([(x, y), (x, y - size * 1.1)], fill=(230, 230, 225), width=max(1, round(size / 30)))
    draw.rectangle(
        [x - half * 0.7, y + size * 0.3, x + half * 0.7, y + size * 0.45], fill=(*hull, 70)
    )
